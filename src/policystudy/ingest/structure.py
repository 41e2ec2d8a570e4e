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
from dataclasses import dataclass, field, replace

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
# A paragraph that ends like this (a Han character, a dash, an opening quote) is open: it goes
# on in the next line when that line was cut out of it (a wiki link on a line of its own).
# A list line that ends in a bracket (「…各镇(街道)」) or any punctuation is closed.
_OPEN = re.compile(r"[\u4e00-\u9fff—“《]$")
# A line that opens with these continues the line before it.
_CONTINUES = re.compile(r"^[,、;:)\]”’」』》的地得]")
# A title does not end in a particle or preposition: 「…苏联已经缔结了」 is a cut sentence.
_CUT_END = re.compile(r"(?:[了的地得和与及或把被对在从向将]|按照|根据|关于)$")
# The line after a cut-out line may finish its word or clause at once: 「革,」 after
# 「要全面深化各领域改」, 「深入推进。」 after 「改革开放」.
_CUT_NEXT = re.compile(r"^(?:[\u4e00-\u9fff][,、]|[^。!?,;:]{1,6}[。!?])")
# The first pair of a lettered list is the lead sentence of its item: 「第一,全国动员,大办农业」.
_ORDINAL = re.compile(rf"^第[{_CN_NUM}]+[,、]")
# A title line does not hold clause punctuation either (「各位代表:我们…」 is the opening
# sentence cut at a wiki link, not a title).
_TITLE_FORBIDDEN = re.compile(r"[。!?:,;]")
# Sentence = text up to 。!? plus any closing quotes or brackets that follow.
_SENTENCE = re.compile(r"[^。!?]+(?:[。!?]+[”’」』)\]]*)?|[。!?]+[”’」』)\]]*")

MAX_NUMBERED_HEADING = 50
MAX_BARE_TITLE = 30
MIN_BARE_TITLE_HAN = 4
MAX_TITLE = 60


_NUMBERED = [(_CHAPTER, 1), (_LEVEL1, 1), (_BOX, 2), (_LEVEL2, 2), (_ORDINAL, 2), (_LEVEL3, 3)]


def is_numbered(line: str) -> bool:
    """Whether a line opens with heading numbering (``一、``, ``(一)``, ``1.``, ``第七章`` ...).

    Examples
    --------
    >>> is_numbered("(一)稳定扩大就业"), is_numbered("中国人民政治协商会议共同纲领")
    (True, False)
    """
    line = line.strip()
    return any(pattern.match(line) for pattern, _ in _NUMBERED)


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
    for pattern, level in _NUMBERED:
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
    return len(line) <= MAX_TITLE and not _TITLE_FORBIDDEN.search(line)


def split_paragraphs(lines: Iterable[tuple[int, str]]) -> tuple[list[Paragraph], list[Heading]]:
    """Group cleaned ``(line number, normalised text)`` pairs into headings and paragraphs.

    The first non-empty line is the document title (level 0) when it reads as a heading.
    A heading is recognised by its form, not by its line break: a bare (unnumbered) short line
    is body text when the paragraph before it is left open (it ends in a Han character, a dash
    or an opening quote), when it ends in a particle (了, 的, 按照 ...) or when the next line
    finishes it (opens with ``,`` or ``的``, or with a one-word clause): a title or law name
    cut out of a sentence by a wiki link is joined back into that sentence, with the line after
    it. Numbered lines (一、, (一), 第一, ...) stay headings. A heading's reach ends at the next
    heading of the same or a higher level.

    Examples
    --------
    >>> paras, heads = split_paragraphs([(1, "一、总体要求"), (2, "(一)指导思想"),
    ...                                  (3, "坚持以人民为中心。")])
    >>> paras[0].section, paras[0].section_path
    ('(一)指导思想', ('一、总体要求', '(一)指导思想'))
    >>> first = "在一九四九年至一九五二年间,中央人民政府先后完成了土地改革,并且按照"
    >>> paras, heads = split_paragraphs([(1, "一、总体要求"), (2, first),
    ...     (3, "中国人民政治协商会议共同纲领"), (4, "的规定,完成了统一。")])
    >>> [h.text for h in heads], paras[0].text.endswith("按照中国人民政治协商会议共同纲领的规定,完成了统一。")
    (['一、总体要求'], True)
    """
    paragraphs: list[Paragraph] = []
    headings: list[Heading] = []
    stack: list[Heading] = []
    seen_content = False
    items = [(n, t.strip()) for n, t in lines if t.strip()]
    joining = False  # the last paragraph was just extended by a cut-out line
    for k, (lineno, text) in enumerate(items):
        level = heading_level(text)
        open_before = (
            bool(paragraphs)
            and bool(_OPEN.search(paragraphs[-1].text))
            and (not headings or headings[-1].line < paragraphs[-1].line)
        )
        nxt = items[k + 1][1] if k + 1 < len(items) else ""
        bare = level is not None and not is_numbered(text)
        nxt_bare = heading_level(nxt) is not None and not is_numbered(nxt) and len(nxt) <= 10
        cut_out = bare and (
            open_before
            or bool(_CONTINUES.match(nxt))
            or bool(_CUT_END.search(text))
            or (bool(_CUT_NEXT.match(nxt)) and not is_numbered(nxt))
            or (nxt_bare and len(text) <= 10)
        )
        numbered_heading = level is not None and not bare
        if (
            paragraphs
            and open_before
            and not numbered_heading
            and (cut_out or joining or _CONTINUES.match(text))
        ):
            paragraphs[-1] = replace(paragraphs[-1], text=paragraphs[-1].text + text)
            joining = cut_out or joining
            continue
        joining = cut_out
        if cut_out:
            level = None
        if not seen_content and (level is not None or _is_title(text)) and not cut_out:
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
