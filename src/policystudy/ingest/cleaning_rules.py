"""The regex table of :mod:`policystudy.ingest.cleaning`, and what each line is by itself.

Every pattern and threshold that cleaning uses is here, in one place: the noise rules
(:data:`NOISE_RULES`), the wiki and HTML leftovers (:data:`MARKUP_RULES`), footnote markers,
the punctuation that tells a broken sentence, and the limits on repeats and boilerplate.
:func:`noise_reason` and :func:`wiki_blocks` read a document's lines with them.

Examples
--------
>>> noise_reason("来源:新华网")
'source_line'
"""

from __future__ import annotations

import re

# --- regexes ---------------------------------------------------------------------------------
_NAME = r"[\u4e00-\u9fff]{2,4}"
_DATE = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"

# Ordered: the first rule that matches names the reason.
NOISE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("logo", re.compile(r"^logo$", re.IGNORECASE)),
    ("end_marker", re.compile(r"^[-—\s]*(?:END|完)[-—\s]*$", re.IGNORECASE)),
    ("share_footer", re.compile(r"^(?:分享到|分享至|分享|转发到)\s*[::]?")),
    (
        "related_footer",
        re.compile(r"^(?:相关新闻|相关文章|相关阅读|相关链接|延伸阅读|推荐阅读)\s*[::]?\s*$"),
    ),
    ("source_line", re.compile(r"^(?:来源|稿源|信息来源|文章来源)\s*[::]")),
    (
        "editor_credit",
        re.compile(
            r"^(?:总值班|值班编辑|值班主任|责任编辑|责编|编辑|审核|审校|校对|终审|监制|主编|"
            r"策划|统筹|美编|排版)\s*[::]"
        ),
    ),
    ("reporter_credit", re.compile(r"^.{0,20}(?:记者|通讯员|撰稿|摄影|摄像)\s*[::]?\s*$")),
    ("reporter_credit", re.compile(r"^(?:本报|本台|本网)?(?:记者|通讯员)\s*[::\s]\s*" + _NAME)),
    # "□ 肖婷婷 庄婷婷 …": a marked name list, or three or more bare names.
    ("byline", re.compile(rf"^[□■●◆▲]\s*(?:{_NAME}\s*){{1,10}}$")),
    ("byline", re.compile(rf"^{_NAME}(?:\s+{_NAME}){{2,10}}$")),
    # "习 近 平": an author's name spaced out under a speech's title.
    ("byline", re.compile(r"^[\u4e00-\u9fff](?:\s[\u4e00-\u9fff]){1,3}$")),
    (
        "timestamp",
        re.compile(
            rf"^(?:(?:发布|更新|发表|录入)?(?:时间|日期)\s*[::]?\s*)?{_DATE}(?:\s*{_TIME})?"
            r"(?:\s+(?:来源|浏览|阅读|点击|字号|作者).*)?$"
        ),
    ),
    ("page_chrome", re.compile(r"^(?:打印本页|关闭窗口|返回顶部|【?\s*字[号体]\s*[::].*)$")),
    (
        "ad_footer",
        re.compile(r"预览阅读已结束|全文或代笔|联系老师|^请点击.*联系|扫码关注|扫一扫关注"),
    ),
)

# Wiki and HTML leftovers, whole lines. Ordered like NOISE_RULES.
MARKUP_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # The opener of Wikisource's licence templates; the rest of the template follows it.
    (
        "licence",
        re.compile(
            r"^(?:本作品|这部作品|此作品|本文|本页).{0,80}?(?:公有领域|版权|著作权|匿名|别名|许可)"
        ),
    ),
    ("licence", re.compile(r"^(?:Public domain|公有领域|Creative Commons.*|CC[- ]BY.*)$", re.I)),
    ("licence", re.compile(r"维基文库|维基百科|Wikisource|Wikipedia", re.I)),
    # Template parameters that leak as bare values.
    ("markup", re.compile(r"^(?:false|true|null|none|undefined|nan)$", re.I)),
    ("markup", re.compile(r"^(?:<[^<>]+>\s*)+$|^\{\{.*\}\}$|^\[\[.*\]\]$|^&[a-z]+;$")),
    ("markup", re.compile(r"^\[?(?:编辑|edit|回到顶部|返回目录|目录)\]?$", re.I)),
)
# A footnote marker split over lines: "[" / "1" (or "CPC 1", "注 3") / "]".
_MARKER_OPEN = re.compile(r"^[\[【]$")
_MARKER_BODY = re.compile(r"^(?:[A-Za-z]{0,6}\s*\d{1,3}|注\s*\d{1,3}|[a-z])$")
_MARKER_CLOSE = re.compile(r"^[\]】]$")
# A footnote body: "↑" (or "^") on its own line, the note on the next lines up to a blank.
_FOOTNOTE_ARROW = re.compile(r"^[↑^]$")
# Endnotes: "注:" on its own line, then notes numbered ① ② … to the end of the document.
_ENDNOTES = re.compile(r"^(?:注|注释|附注)\s*:?$")
_ENDNOTE_ITEM = re.compile(r"^[①-⑳]")
# A line that ends a sentence; a line ending otherwise may continue on the next line.
ENDS_SENTENCE = re.compile(r"[。!?…”’」』)\]]$")
# A lead-in that opens the paragraph after it ("同志们!").
LEAD_IN = re.compile(r"[!:]$")
# A line that starts with these continues the sentence of the line before it.
CONTINUES = re.compile(r"^[、,;:。!?)\]》〉」』”’…]")
# A line that ends with these is cut before its sentence ends.
OPENS = re.compile(r"[《〈「『“‘(\[、]$")
# A line with no letter, digit or Han character is punctuation debris.
WORDLESS = re.compile(r"^[^\w\u4e00-\u9fff]+$")

# A line this often in one document is a page header, whatever its length.
HEADER_MIN_REPEATS = 3
# A line seen exactly twice is removed only when long enough to be a scraped duplicate rather
# than a short heading legitimately reused in two sections.
DUPLICATE_MIN_CHARS = 20
# Cross-document boilerplate: a head or tail block of at least this many substantive lines
# (longer than FRAGMENT_CHARS) that each occur in another document. One shared line is not
# enough: two plans may well end on the same slogan.
BOILERPLATE_MIN_LINES = 2
# A shared line counts as boilerplate only when it recurs in at least this many distinct documents
# and this share of them: two copies of one notice share every line, and that is not boilerplate.
BOILERPLATE_MIN_DOCUMENTS = 3
BOILERPLATE_MIN_SHARE = 0.1
# ... and only when it is short or structural (no sentence end): a long sentence that many
# documents share is a quotation or a formula, content.
BOILERPLATE_MAX_LINE_CHARS = 60
# Boilerplate may take at most this share of a document's characters; beyond it the lines stay.
BOILERPLATE_MAX_SHARE = 0.5
# Lines this short that are left alone after joining are fragments (see Must show in issue 15).
FRAGMENT_CHARS = 6
# A document whose lines are mostly followed by a blank line separates paragraphs by blank
# lines; there, two adjacent lines with no sentence end between them are one broken sentence.
BLANK_SEPARATED_SHARE = 0.5


def blank_separated(normalised: list[str]) -> bool:
    """Whether a document separates its paragraphs by blank lines.

    Examples
    --------
    >>> blank_separated(["一、总体要求", "", "坚持人民至上。", "", "健全体系。"])
    True
    >>> blank_separated(["一、总体要求", "坚持人民至上。", "健全体系。"])
    False
    """
    # Only lines that end a sentence count: in a page broken at every link most lines are
    # pieces of sentences, followed by the next piece.
    content = [i for i, t in enumerate(normalised) if t and ENDS_SENTENCE.search(t)]
    if len(content) < 2:
        return False
    followed = sum(1 for i in content if i + 1 < len(normalised) and not normalised[i + 1])
    return followed >= BLANK_SEPARATED_SHARE * len(content)


def noise_reason(line: str) -> str | None:
    """Name the noise rule a normalised line matches, or ``None`` for content.

    Parameters
    ----------
    line : str
        One line after :func:`policystudy.ingest.normalize.normalize_text`.

    Examples
    --------
    >>> noise_reason("大连新闻传媒集团记者")
    'reporter_credit'
    >>> noise_reason("请点击👉 mooonya 👈联系老师")
    'ad_footer'
    >>> noise_reason("Public domain")
    'licence'
    >>> noise_reason("完善法律法规,依法保障公民著作权。") is None
    True
    """
    line = line.strip()
    if not line:
        return None
    for reason, pattern in NOISE_RULES + MARKUP_RULES:
        if pattern.search(line):
            return reason
    return None


def wiki_blocks(normalised: list[str]) -> dict[int, str]:
    """Indices of lines in wiki footnote markers, footnote bodies and licence blocks.

    A licence template runs from its opening line to the end of the document.

    Examples
    --------
    >>> lines = ["上届代表会议", "[", "1", "]", "以来的工作。", "", "↑", "", "原文无单位。", "",
    ...          "本作品在1931年1月1日以前以匿名发表,属于", "公有领域", "。"]
    >>> sorted(wiki_blocks(lines).items())  # doctest: +NORMALIZE_WHITESPACE
    [(1, 'footnote_marker'), (2, 'footnote_marker'), (3, 'footnote_marker'),
     (6, 'footnote'), (8, 'footnote'), (10, 'licence'), (11, 'licence'), (12, 'licence')]
    """
    out: dict[int, str] = {}
    n = len(normalised)
    for i, text in enumerate(normalised):
        if (
            i + 2 < n
            and _MARKER_OPEN.match(text)
            and _MARKER_BODY.match(normalised[i + 1])
            and _MARKER_CLOSE.match(normalised[i + 2])
        ):
            out.update({i: "footnote_marker", i + 1: "footnote_marker", i + 2: "footnote_marker"})
    for i, text in enumerate(normalised):
        if not _FOOTNOTE_ARROW.match(text):
            continue
        out[i] = "footnote"
        j = i + 1
        while j < n and not normalised[j]:  # the arrow is followed by a blank, then the note
            j += 1
        while j < n and normalised[j] and not _FOOTNOTE_ARROW.match(normalised[j]):
            out[j] = "footnote"
            j += 1
    for i, text in enumerate(normalised):
        if _ENDNOTES.match(text):
            out[i] = "footnote"
            for j in range(i + 1, n):
                if normalised[j] and not _ENDNOTE_ITEM.match(normalised[j]):
                    break
                if normalised[j]:
                    out[j] = "footnote"
    for i, text in enumerate(normalised):
        if noise_reason(text) == "licence" and MARKUP_RULES[0][1].search(text):
            for j in range(i, n):
                if normalised[j]:
                    out[j] = "licence"
            break
    return out


def is_piece(text: str) -> bool:
    """A piece of a sentence broken at a link or a lead-in: joined, never a repeated header."""
    return bool(CONTINUES.match(text) or OPENS.search(text) or LEAD_IN.search(text))
