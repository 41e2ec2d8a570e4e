"""Document structure: headings, paragraphs with their section, sentences.

Headings are kept as structure, not as body paragraphs: each body paragraph carries the heading
it sits under (``section``) and the whole path of headings above it (``section_path``).

Examples
--------
>>> heading_level("(一)稳定扩大就业提高居民收入")
2
>>> heading_level("用心办好人民满意的教育")
1
>>> heading_level("把就业作为最大的民生,坚持就业优先战略。") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

# --- regexes ---------------------------------------------------------------------------------
_CN_NUM = "一二三四五六七八九十百零〇两"
# 第七章 / 第三节 / 第二部分: chapter-like headings.
_CHAPTER = re.compile(rf"^第[{_CN_NUM}\d]+[章节篇部](?:分)?(?:\s|$)")
# 一、总体要求
_LEVEL1 = re.compile(rf"^[{_CN_NUM}]+、")
# 专栏12 “十四五”时期社会保障能力提升工程 (a box inside a section)
_BOX = re.compile(r"^专栏\s*\d+")
# (一)实施就业优先战略 — after NFKC the brackets are ASCII.
_LEVEL2 = re.compile(rf"^\([{_CN_NUM}]+\)")
# 1. 加强学前教育 / 1、
_LEVEL3 = re.compile(r"^\d{1,2}[.、]\s*(?!\d)")
# A heading never holds a full stop; a bare title also holds no clause-ending punctuation.
_SENTENCE_STOP = re.compile(r"[。!?]")
_BARE_TITLE_FORBIDDEN = re.compile(r"[。!?;:]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Sentence = text up to 。!? plus any closing quotes or brackets that follow.
_SENTENCE = re.compile(r"[^。!?]+(?:[。!?]+[”’」』)\]]*)?|[。!?]+[”’」』)\]]*")

MAX_NUMBERED_HEADING = 50
MAX_BARE_TITLE = 30
MIN_BARE_TITLE_HAN = 4
MAX_TITLE = 60


def heading_level(line: str) -> int | None:
    """Return the heading level of a normalised line, or ``None`` for body text.

    Levels: 1 for ``一、``, ``第七章`` and short bare title lines; 2 for ``(一)`` and ``专栏12``;
    3 for ``1.``. A numbered line that goes on into full sentences is body text.

    Parameters
    ----------
    line : str
        One normalised line (see :func:`policystudy.ingest.normalize.normalize_text`).

    Examples
    --------
    >>> heading_level("专栏12 “十四五”时期社会保障能力提升工程")
    2
    >>> heading_level("2. 强化就业服务体系建设,提升公共就业服务水平。建立健全服务体系。") is None
    True
    """
    line = line.strip()
    if not line:
        return None
    numbered = [(_CHAPTER, 1), (_LEVEL1, 1), (_BOX, 2), (_LEVEL2, 2), (_LEVEL3, 3)]
    for pattern, level in numbered:
        if pattern.match(line):
            if len(line) <= MAX_NUMBERED_HEADING and not _SENTENCE_STOP.search(line):
                return level
            return None
    if (
        len(line) <= MAX_BARE_TITLE
        and not _BARE_TITLE_FORBIDDEN.search(line)
        and len(_HAN.findall(line)) >= MIN_BARE_TITLE_HAN
        and line[-1] not in ",、"
    ):
        return 1
    return None


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences ending in 。, ! or ? (closing quotes stay attached).

    Semicolons do not end a sentence: policy target lists chain clauses with ``;`` under one
    deadline (到2025年,…;…), and splitting there would cut the deadline off.

    Examples
    --------
    >>> split_sentences("今年一季度新增就业31150人。到2025年,持卡率达到98%!“健康是1”。")
    ['今年一季度新增就业31150人。', '到2025年,持卡率达到98%!', '“健康是1”。']
    """
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph with the headings above it."""

    number: int
    line: int
    text: str
    section: str
    section_path: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Heading:
    """A heading line and its level (0 = document title)."""

    line: int
    text: str
    level: int


def _is_title(line: str) -> bool:
    # A first line without a full stop is the document title even when longer than a bare
    # section title, e.g. "常州高新区(新北区)人民生活高质量发展专项行动计划(2018~2020年)".
    return len(line) <= MAX_TITLE and not _SENTENCE_STOP.search(line)


def split_paragraphs(lines: Iterable[tuple[int, str]]) -> tuple[list[Paragraph], list[Heading]]:
    """Group cleaned ``(line number, normalised text)`` pairs into headings and paragraphs.

    The first non-empty line is the document title (level 0) when it reads as a heading.

    Examples
    --------
    >>> paras, heads = split_paragraphs([(1, "一、总体要求"), (2, "(一)指导思想"),
    ...                                  (3, "坚持以人民为中心。")])
    >>> paras[0].section, paras[0].section_path
    ('(一)指导思想', ('一、总体要求', '(一)指导思想'))
    """
    paragraphs: list[Paragraph] = []
    headings: list[Heading] = []
    stack: list[Heading] = []
    seen_content = False
    for lineno, text in lines:
        text = text.strip()
        if not text:
            continue
        level = heading_level(text)
        if not seen_content and (level is not None or _is_title(text)):
            level = 0
        seen_content = True
        if level is not None:
            head = Heading(line=lineno, text=text, level=level)
            headings.append(head)
            stack = [h for h in stack if h.level < level] + [head]
            continue
        path = tuple(h.text for h in stack)
        paragraphs.append(
            Paragraph(
                number=len(paragraphs) + 1,
                line=lineno,
                text=text,
                section=path[-1] if path else "",
                section_path=path,
            )
        )
    return paragraphs, headings
