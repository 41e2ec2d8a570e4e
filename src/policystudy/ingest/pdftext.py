"""Repairs for text extracted from PDFs and printed pages: layout, not words.

A PDF's text layer keeps the page's layout: a line break every 30–40 characters inside a
sentence, a table of contents with dot leaders and page numbers, page numbers
(「- 3 -」, 「第 3 页 共 12 页」, a bare ``3``), a running header or footer repeated on every page,
and digits spaced out by extraction (「1 9 9 3 年」, 「8 %」, as in the 1998 government work
report). Each function here decides one of these on *normalised* lines
(:func:`policystudy.ingest.normalize.normalize_text`: full-width digits and ``％`` are ASCII,
``……`` is ``......``) and :func:`policystudy.ingest.cleaning.clean_lines` records what it does in
the cleaning audit. Every repair is gated by evidence from the whole document, so that a web
page with one short line, one number or one ``2 3`` is left alone:

* bare numbers are page numbers only when there are two or more and they run in order;
* a short repeated line loses its first occurrence too (a running header) only in a document
  with page numbers, otherwise the first one is kept as a title;
* lines are re-joined only in a hard-wrapped document, where most body lines stop short of a
  sentence end at about the same width;
* digits are closed up only in a document with at least :data:`MIN_SPACED_RUNS` spaced runs.

Examples
--------
>>> page_reasons(["目录", "一、总体要求......1", "二、主要任务......3", "- 1 -", "正文。"])
{0: 'table_of_contents', 1: 'table_of_contents', 2: 'table_of_contents', 3: 'page_number'}
>>> close_spaced_digits("本届政府从1 9 9 3 年3 月就职")
'本届政府从1993年3月就职'
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from policystudy.ingest import structure

# --- regexes ----------------------------------------------------------------------------------
# A table-of-contents entry: a title, dot leaders (..... ······ ___ after NFKC) and a page
# number, arabic or roman, at the end of the line.
_TOC_ENTRY = re.compile(
    r"^(?=.*[\u4e00-\u9fffA-Za-z]).{1,80}?\s*(?:\.{3,}|·{3,}|_{3,}|-{4,}|…{2,})\s*"
    r"(?:\d{1,4}|[IVXLCivxlc]{1,6})$"
)
# The heading above a table of contents, spaced out or not.
_TOC_HEADING = re.compile(r"^(?:目\s*录|contents)$", re.IGNORECASE)
# Page numbers: "- 3 -", "— 3 —", "第 3 页", "第3页 共12页", "3/12", "Page 3 of 12".
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,/]?\s*共\s*\d{1,4}\s*页)?|"
    r"\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)
# A bare number on its own line: a page number only when several run in order.
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
# Spaced digits: a lone digit, one blank, then a digit, a decimal point, a percent or
# per-mille sign or a Han character ("1 9 9 3 年", "1 5 .3 %", "1 亿"). A digit that belongs
# to a longer number ("10 15:30", "2021 2022") is never touched.
_SPACED_RUN = re.compile(r"(?<![\d.])\d (?=\d(?![\d.]))")
_SPACED_GAP = re.compile(r"(?<!\d)(\d) (?=[\d.%‰\u4e00-\u9fff])")
_SPACED_POINT = re.compile(r"(?<=\d)\. (?=\d)")
# Where a sentence, a clause list or a lead-in ends: the next line starts afresh.
_ENDS = re.compile(r"[。!?;:…”’」』)\]》]$")
# Where a sentence ends. A clause end (;:) at the wrap width does not end the paragraph: the
# printed line was simply full there.
_SENTENCE_END = re.compile(r"[。!?…”’」』)\]》]$")
# A list item or an enumerated line starts afresh even after an unfinished line.
# Numbered headings (「第一章」, 「一、」, 「专栏3」, 「(一)」, 「1.」), as structure.heading_level reads them.
_NUMBERED = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇两\d]+[章节篇部]|[一二三四五六七八九十百零〇两]+、|专栏\s*\d+|"
    r"\([一二三四五六七八九十百零〇两]+\)|\d{1,2}[.、])"
)
_ITEM = re.compile(
    r"^(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.]|[①-⑳]|[-—•·▪●◆■□]|第[一二三四五六七八九十\d]+[条款项])"
)

#: A document closes up spaced digits only with at least this many spaced runs ("1 9").
MIN_SPACED_RUNS = 3
#: A hard-wrapped document: at least this many body lines ...
MIN_WRAPPED_LINES = 4
#: ... of which at least this share stop short of a sentence end ...
MIN_WRAPPED_SHARE = 0.4
#: ... within this relative distance of the wrap width (the widest such lines' median).
WRAP_TOLERANCE = 0.25
#: A running header or footer is at most this long and occurs at least this often.
RUNNING_HEADER_MAX_CHARS = 40
RUNNING_HEADER_MIN_REPEATS = 3


def close_spaced_digits(line: str) -> str:
    """Close up digits that extraction spaced out (one blank between single digits).

    Parameters
    ----------
    line : str
        One normalised line (``．`` and ``％`` already ASCII).

    Examples
    --------
    >>> close_spaced_digits("1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元")
    '1997年国内生产总值达到74772亿元'
    >>> close_spaced_digits("平均每年增长1 1 %。增长1 5 .3 %")
    '平均每年增长11%。增长15.3%'
    >>> close_spaced_digits("发布时间:2022-05-10 15:30")
    '发布时间:2022-05-10 15:30'
    """
    fixed = _SPACED_GAP.sub(r"\1", line)
    return _SPACED_POINT.sub(".", fixed)


def spaced_digit_runs(lines: list[str]) -> int:
    """How many spaced digit pairs (``1 9``) the lines hold: the evidence for closing up.

    Examples
    --------
    >>> spaced_digit_runs(["1 9 9 3 年", "2021年 2022年"])
    3
    """
    return sum(len(_SPACED_RUN.findall(line)) for line in lines)


def toc_heading(line: str) -> bool:
    """Whether a normalised line is the heading of a table of contents.

    Examples
    --------
    >>> toc_heading("目 录"), toc_heading("目录管理")
    (True, False)
    """
    return bool(_TOC_HEADING.match(line))


def page_reasons(lines: list[str]) -> dict[int, str]:
    """Indices of table-of-contents and page-number lines, with the reason.

    Bare numbers count as page numbers only when two or more of them run in order; a table of
    contents is its entries (dot leaders and a page number) and the ``目录`` line above them.

    Parameters
    ----------
    lines : list of str
        A document's normalised lines.

    Examples
    --------
    >>> page_reasons(["第一章 总则 ........ 3", "第 3 页 共 12 页", "12", "正文", "13"])
    {0: 'table_of_contents', 1: 'page_number', 2: 'page_number', 4: 'page_number'}
    >>> page_reasons(["增长情况", "12", "正文。"])
    {}
    """
    out: dict[int, str] = {}
    entries = [i for i, t in enumerate(lines) if _TOC_ENTRY.match(t)]
    out.update({i: "table_of_contents" for i in entries})
    if entries:
        for i in range(entries[0] - 1, -1, -1):
            if lines[i] and _TOC_HEADING.match(lines[i]):
                out[i] = "table_of_contents"
                break
            if lines[i]:
                break
    out.update({i: "page_number" for i, t in enumerate(lines) if _PAGE_NUMBER.match(t)})
    bare = [i for i, t in enumerate(lines) if i not in out and _BARE_NUMBER.match(t)]
    numbers = [int(lines[i]) for i in bare]
    # Page numbers run in order (a page may be missing); a column of figures rarely does.
    if len(bare) >= 2 and all(b > a for a, b in itertools.pairwise(numbers)):
        out.update({i: "page_number" for i in bare})
    return dict(sorted(out.items()))


def running_headers(lines: list[str], *, skip: set[int] | frozenset[int] = frozenset()) -> set[int]:
    """Indices of every occurrence of a short line repeated on page after page.

    Called for a paginated document (one with page numbers): there the first occurrence is
    the header of page one, not a title.

    Examples
    --------
    >>> doc = ["保税区民生实施方案", "正文一。", "保税区民生实施方案", "正文二。",
    ...        "保税区民生实施方案", "正文三。"]
    >>> sorted(running_headers(doc))
    [0, 2, 4]
    """
    counts = Counter(t for i, t in enumerate(lines) if t and i not in skip)
    repeated = {
        t
        for t, n in counts.items()
        if n >= RUNNING_HEADER_MIN_REPEATS and len(t) <= RUNNING_HEADER_MAX_CHARS
    }
    return {i for i, t in enumerate(lines) if t in repeated and i not in skip}


def _heading(line: str, width: int | None) -> bool:
    """A heading, telling it from a wrapped line by the wrap width.

    A line that reads as a heading (「一、总体要求」, a short bare title) is one only when it is
    clearly shorter than the wrap width: a wrapped line with no comma looks just like a bare
    title, and the first line of a wrapped list item (「1.加强公共就业服务体系建设,健全」) like a
    numbered heading.
    """
    if structure.heading_level(line) is None:
        return False
    return width is None or len(line) < (1 - WRAP_TOLERANCE) * width


def wrap_width(lines: list[str]) -> int | None:
    """The width at which a hard-wrapped document breaks its lines, or ``None``.

    A document is hard-wrapped when at least :data:`MIN_WRAPPED_LINES` body lines exist, at
    least :data:`MIN_WRAPPED_SHARE` of them stop short of a sentence end, and most of those are
    about one width long (the median of the longer half, within :data:`WRAP_TOLERANCE`).

    Examples
    --------
    >>> wrapped = ["一、总体要求", "坚持以人民为中心的发展思想,着力", "保障和改善民生,健全基本公共服",
    ...            "务体系,提高公共服务水平扎实推进", "共同富裕。"]
    >>> wrap_width(wrapped)
    16
    >>> wrap_width(["一、总体要求", "坚持以人民为中心。", "健全基本公共服务体系。"]) is None
    True
    """
    body = [t for t in lines if t and not (_NUMBERED.match(t) and _heading(t, None))]
    open_ = [len(t) for t in body if not _ENDS.search(t)]
    if len(body) < MIN_WRAPPED_LINES or len(open_) < MIN_WRAPPED_SHARE * len(body):
        return None
    widest = sorted(open_)[len(open_) // 2 :]
    width = widest[len(widest) // 2]
    near = sum(1 for n in open_ if abs(n - width) <= WRAP_TOLERANCE * width)
    return width if near >= 0.6 * len(open_) else None


def continues(previous: str, line: str, *, width: int | None = None) -> bool:
    """Whether ``line`` continues the sentence that ``previous`` broke off (wrapped text).

    A heading or list item never continues a line, and nothing continues a heading, a line
    that ends a sentence, or a line that stops short of the wrap width. ``width`` is the
    document's :func:`wrap_width`.

    Examples
    --------
    >>> continues("坚持以人民为中心的发展思想,着力", "保障和改善民生。", width=16)
    True
    >>> continues("一、总体要求", "坚持以人民为中心。", width=16)
    False
    >>> continues("主要任务包括", "(一)稳定扩大就业", width=16)
    False
    """
    if not previous or not line or _SENTENCE_END.search(previous):
        return False
    if width is not None and len(previous) < (1 - WRAP_TOLERANCE) * width:
        return False  # a line that stops short of the wrap width ends its paragraph
    if _heading(previous, width) or _heading(line, width):
        return False
    return not _ITEM.match(line)
