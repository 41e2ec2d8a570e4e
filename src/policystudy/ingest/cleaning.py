"""Removal of scraped-page noise, with an audit of every removed line.

Four passes run over a document's lines:

1. **Rules** (:data:`NOISE_RULES`): bylines, reporter and editor credits, duty-editor lines,
   ``来源`` lines, share and related-news footers, ``logo``/``END`` markers, publication
   timestamps, page chrome and advertising footers. Rules match the *normalised* line, so
   full-width and Traditional spellings (``相關文章``) are caught too.
2. **Wiki and HTML leftovers** (:data:`MARKUP_RULES`, :func:`wiki_blocks`): licence templates
   (「本作品……属于公有领域」, ``Public domain``, ``false``), footnote markers split over three
   lines (``[`` / ``1`` / ``]``), footnote bodies after ``↑`` and bare tags.
3. **Data-driven repeats**: a line seen three or more times in one document is a repeated page
   header; a long line seen twice is a scraped duplicate. The first occurrence is kept. Across
   documents (:func:`shared_lines`), a block of two or more substantive lines at the head or tail
   of a document is boilerplate (site navigation, licence footers) when each line recurs in many
   *distinct* documents (at least ``min_documents`` and ``min_share`` of them, counted after
   duplicate documents are set aside) and is short or structural (no sentence end); a single
   shared line, or one inside the body, is never removed: a slogan that two plans share is
   content. Boilerplate can never empty a document: where it would take more than
   ``boilerplate_max_share`` of a document's characters, the lines stay and the audit says why
   (``action="kept"``, reason ``boilerplate_kept``).
4. **Joins**: a line broken at a link or at markup (「法律」/「、」/「法规」) is joined to the line
   before it when it starts with closing punctuation, or the line before ends with an opening
   one; each join is recorded with ``action="joined"``.

PDF layout (:mod:`policystudy.ingest.pdftext`) is handled alongside: tables of contents, page
numbers and running headers are removed in pass 2 (reasons ``table_of_contents``,
``page_number``, ``running_header``); in a hard-wrapped document a line that breaks off a
sentence is joined to the next (``broken_line:wrapped_line``); digits spaced out by extraction
(「1 9 9 3 年」) are closed up and recorded with ``action="repaired"`` (``spaced_digits``).

Every removed line is recorded as an :class:`AuditRow`; kept lines plus removed lines give back
the original lines exactly (joined lines stay kept lines; :meth:`CleanResult.paragraph_lines`
gives the joined text). Romanisation garble such as ``會(huì)`` is repaired in place and
recorded with ``action="repaired"``.

Examples
--------
>>> noise_reason("总值班: 王夫成 曹银生     编辑: 张笑爽")
'editor_credit'
>>> noise_reason("发布时间:2022-05-10 15:30")
'timestamp'
>>> noise_reason("坚持发展为民、发展惠民、发展成果由人民共享。") is None
True
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from policystudy.ingest import normalize, pdftext, structure

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
_ENDS_SENTENCE = re.compile(r"[。!?…”’」』)\]]$")
# A lead-in that opens the paragraph after it ("同志们!").
_LEAD_IN = re.compile(r"[!:]$")
# A line that starts with these continues the sentence of the line before it.
_CONTINUES = re.compile(r"^[、,;:。!?)\]》〉」』”’…]")
# A line that ends with these is cut before its sentence ends.
_OPENS = re.compile(r"[《〈「『“‘(\[、]$")
# A line with no letter, digit or Han character is punctuation debris.
_WORDLESS = re.compile(r"^[^\w\u4e00-\u9fff]+$")

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
    content = [i for i, t in enumerate(normalised) if t and _ENDS_SENTENCE.search(t)]
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


def shared_lines(
    documents: dict[str, list[str]],
    *,
    min_documents: int = BOILERPLATE_MIN_DOCUMENTS,
    min_share: float = BOILERPLATE_MIN_SHARE,
) -> dict[str, tuple[str, ...]]:
    """Normalised lines that recur in many distinct documents, with the documents' ids (sorted).

    Parameters
    ----------
    documents : dict of str to list of str
        Document id -> normalised lines. Give each text once: duplicate documents set aside
        (:mod:`policystudy.ingest.duplicates`) would make every line of theirs "shared".
    min_documents : int, keyword-only
        A line must occur in at least this many distinct documents ...
    min_share : float, keyword-only
        ... and in at least this share of them.

    Examples
    --------
    >>> docs = {"a": ["导航", "坚持人民至上。"], "b": ["导航", "健全社会保障体系。"], "c": ["导航"]}
    >>> shared_lines(docs)
    {'导航': ('a', 'b', 'c')}
    >>> shared_lines(docs, min_documents=2)
    {'导航': ('a', 'b', 'c')}
    >>> shared_lines({"a": ["导航", "坚持人民至上。"], "b": ["导航", "坚持人民至上。"]})
    {}
    """
    where: dict[str, set[str]] = {}
    for doc_id, lines in documents.items():
        for text in set(lines):
            if text:
                where.setdefault(text, set()).add(doc_id)
    # Never fewer than two: a line of one document is not shared.
    need = max(2, min_documents, math.ceil(min_share * len(documents)))
    return {t: tuple(sorted(d)) for t, d in sorted(where.items()) if len(d) >= need}


def _boilerplate_like(text: str) -> bool:
    """Short, or structural (no sentence end): what a site or licence footer is made of."""
    return len(text) <= BOILERPLATE_MAX_LINE_CHARS or not _ENDS_SENTENCE.search(text)


@dataclass(frozen=True)
class Line:
    """A kept line: its 1-based number, the raw text and the normalised text.

    ``joined_to`` is the number of the line this one continues (a sentence broken at a link).
    """

    number: int
    raw: str
    text: str
    joined_to: int | None = None


@dataclass(frozen=True)
class AuditRow:
    """One removed, repaired or joined line; ``detail`` says more (e.g. the documents that
    share a boilerplate line, or the line a fragment was joined to)."""

    line: int
    text: str
    reason: str
    action: str = "removed"
    detail: str = ""


@dataclass
class CleanResult:
    """Kept lines (blank ones included) and the audit of removed, repaired and joined lines."""

    kept: list[Line] = field(default_factory=list)
    audit: list[AuditRow] = field(default_factory=list)

    @property
    def removed(self) -> list[AuditRow]:
        return [row for row in self.audit if row.action == "removed"]

    def reconstruct(self) -> list[str]:
        """The original lines, from kept plus removed lines (the audit invariant)."""
        rows = [(k.number, k.raw) for k in self.kept] + [(r.line, r.text) for r in self.removed]
        return [text for _, text in sorted(rows)]

    def paragraph_lines(self) -> list[tuple[int, str]]:
        """``(line number, normalised text)`` of the kept lines, joined lines merged into the
        line they continue (numbered by that line).

        Examples
        --------
        >>> r = clean_lines(["完善法律", "、", "法规。"])
        >>> r.paragraph_lines()
        [(1, '完善法律、法规。')]
        """
        out: list[tuple[int, str]] = []
        for k in self.kept:
            if not k.text:
                continue
            if k.joined_to is not None and out:
                out[-1] = (out[-1][0], out[-1][1] + k.text)
            else:
                out.append((k.number, k.text))
        return out


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


def _is_piece(text: str) -> bool:
    """A piece of a sentence broken at a link or a lead-in: joined, never a repeated header."""
    return bool(_CONTINUES.match(text) or _OPENS.search(text) or _LEAD_IN.search(text))


def _edge_blocks(
    normalised: list[str], reasons: dict[int, str], shared: dict[str, tuple[str, ...]]
) -> dict[int, str]:
    """Head and tail blocks of lines shared with other documents (see module docstring)."""
    out: dict[int, str] = {}
    order = [i for i, t in enumerate(normalised) if t and i not in reasons]
    for walk in (order, order[::-1]):
        block, substantive, width = [], 0, 0
        for i in walk:
            text = normalised[i]
            # Inwards, a line must be as widely shared as the block's outermost line: a footer
            # that every document carries ends at a slogan that only two of them share.
            if text in shared and len(shared[text]) >= width and _boilerplate_like(text):
                width = width or len(shared[text]) * (len(text) > FRAGMENT_CHARS)
                block.append(i)
                substantive += len(text) > FRAGMENT_CHARS
            elif len(text) <= FRAGMENT_CHARS and block:
                block.append(i)  # debris inside a footer ("。", "↑") goes with it
            else:
                break
        if substantive >= BOILERPLATE_MIN_LINES:
            while block and not (
                normalised[block[-1]] in shared and _boilerplate_like(normalised[block[-1]])
            ):
                block.pop()  # debris after the block's last shared line is not part of it
            out.update({i: "boilerplate_shared" for i in block})
    return out


def clean_lines(
    lines: list[str],
    *,
    to_simplified: bool = True,
    shared: dict[str, tuple[str, ...]] | None = None,
    doc_id: str = "",
    normalised: list[str] | None = None,
    boilerplate_max_share: float = BOILERPLATE_MAX_SHARE,
) -> CleanResult:
    """Clean a document's raw lines: rules, wiki leftovers, repeats, boilerplate, then joins.

    Parameters
    ----------
    lines : list of str
        Raw decoded lines, as from ``text.splitlines()``.
    to_simplified : bool, keyword-only
        Convert Traditional characters to Simplified while normalising.
    shared : dict, keyword-only
        Normalised lines shared across the corpus's documents (:func:`shared_lines`); omit
        to clean a document on its own.
    doc_id : str, keyword-only
        This document's id, left out of the ``detail`` of its boilerplate rows.
    normalised : list of str, keyword-only
        The lines already normalised (:func:`normalised_lines`), so a corpus is normalised once.
    boilerplate_max_share : float, keyword-only
        Shared boilerplate may take at most this share of the document's characters (after the
        rules); beyond it the lines stay, audited with ``action="kept"``.

    Returns
    -------
    CleanResult

    Examples
    --------
    >>> result = clean_lines(["logo", "", "坚持发展为民。", "编辑:唐依婷"])
    >>> [k.text for k in result.kept if k.text], [r.reason for r in result.removed]
    (['坚持发展为民。'], ['logo', 'editor_credit'])
    >>> shared = {"网站首页 | 政务公开 | 互动交流": ("a", "b"), "主办单位:某某市人民政府办公室": ("a", "b")}
    >>> body = ["健全分层分类的社会救助体系,完善最低生活保障制度,加强困难群众基本生活保障。"]
    >>> r = clean_lines([*shared, *body], shared=shared, doc_id="a")
    >>> [(x.reason, x.detail) for x in r.removed]
    [('boilerplate_shared', 'b'), ('boilerplate_shared', 'b')]

    A footer that would be more than half the document stays, and the audit says why:

    >>> r = clean_lines([*shared, "健全社会救助体系。"], shared=shared, doc_id="a")
    >>> r.removed, [(x.reason, x.action) for x in r.audit]
    ([], [('boilerplate_kept', 'kept'), ('boilerplate_kept', 'kept')])
    """
    result = CleanResult()
    if normalised is None:
        normalised = [
            normalize.normalize_text(x, to_simplified_script=to_simplified) for x in lines
        ]
    reasons: dict[int, str] = {}
    for i, text in enumerate(normalised):
        reason = noise_reason(text)
        if reason:
            reasons[i] = reason
    reasons.update({i: r for i, r in wiki_blocks(normalised).items() if i not in reasons})
    reasons.update(_layout_reasons(normalised, reasons))
    counts = Counter(t for i, t in enumerate(normalised) if t and i not in reasons)
    seen: set[str] = set()
    for i, text in enumerate(normalised):
        if i in reasons or not text or _is_piece(text):
            continue
        n = counts[text]
        if text in seen:
            if n >= HEADER_MIN_REPEATS:
                reasons[i] = "repeated_header"
            elif len(text) >= DUPLICATE_MIN_CHARS:
                reasons[i] = "duplicate_line"
        seen.add(text)
    kept_boilerplate: dict[int, str] = {}
    if shared:
        blocks = _edge_blocks(normalised, reasons, shared)
        body = sum(len(t) for i, t in enumerate(normalised) if t and i not in reasons)
        taken = sum(len(normalised[i]) for i in blocks)
        if body and taken > boilerplate_max_share * body:
            # Never empty a document: a footer cannot be most of a text. The lines stay, and
            # the audit says why (a copy of another document is the usual cause).
            why = (
                f"would remove {taken:,} of {body:,} characters ({100 * taken / body:.0f}%), "
                f"more than {100 * boilerplate_max_share:.0f}%"
            )
            kept_boilerplate = dict.fromkeys(blocks, why)
        else:
            reasons.update(blocks)
    for i, text in enumerate(normalised):
        if i not in reasons and text and _WORDLESS.match(text) and not _is_piece(text):
            reasons[i] = "punctuation_debris"
    by_blanks = blank_separated(normalised)
    # PDF layout (pdftext): the wrap width of a hard-wrapped document, spaced-out digits.
    width = pdftext.wrap_width([t if i not in reasons else "" for i, t in enumerate(normalised)])
    spaced = pdftext.spaced_digit_runs(normalised) >= pdftext.MIN_SPACED_RUNS
    previous: Line | None = None  # the last kept line, blank ones included
    after_marker = False  # a footnote marker sat inside the sentence: what follows continues it
    for i, (raw, text) in enumerate(zip(lines, normalised, strict=True)):
        number = i + 1
        if i in reasons:
            after_marker = after_marker or reasons[i] == "footnote_marker"
            detail = ""
            if reasons[i] == "boilerplate_shared":
                detail = ",".join(d for d in shared[normalised[i]] if d != doc_id)
            result.audit.append(AuditRow(line=number, text=raw, reason=reasons[i], detail=detail))
            continue
        if i in kept_boilerplate:
            others = ",".join(d for d in shared[text] if d != doc_id) if shared else ""
            result.audit.append(
                AuditRow(
                    line=number,
                    text=raw,
                    reason="boilerplate_kept",
                    action="kept",
                    detail=f"{kept_boilerplate[i]}; shared with {others}",
                )
            )
        joined_to = None
        if spaced and (fixed := pdftext.close_spaced_digits(text)) != text:
            result.audit.append(
                AuditRow(
                    line=number,
                    text=raw,
                    reason="spaced_digits",
                    action="repaired",
                    detail=f"{len(text) - len(fixed)} blank(s) closed up",
                )
            )
            text = fixed
        if previous is not None and previous.text and text:
            why = ""
            if after_marker:
                why = "footnote_marker"
            elif _CONTINUES.match(text):
                why = "starts_with_closing"
            elif _OPENS.search(previous.text):
                why = "previous_opens"
            elif (
                by_blanks
                and not _ENDS_SENTENCE.search(previous.text)
                and structure.heading_level(previous.text) is None
                and structure.heading_level(text) is None
            ):
                why = "no_blank_line_between"
            elif width and pdftext.continues(previous.text, text, width=width):
                why = "wrapped_line"
            if why:
                joined_to = previous.joined_to or previous.number
                result.audit.append(
                    AuditRow(
                        line=number,
                        text=raw,
                        reason=f"broken_line:{why}",
                        action="joined",
                        detail=f"line {joined_to}",
                    )
                )
        after_marker = False
        previous = Line(number=number, raw=raw, text=text, joined_to=joined_to)
        result.kept.append(previous)
        glosses = normalize.count_pinyin_glosses(normalize.normalize_width(raw))
        if glosses:
            result.audit.append(
                AuditRow(
                    line=number,
                    text=raw,
                    reason=f"romanisation_gloss_removed:{glosses}",
                    action="repaired",
                )
            )
    _absorb_fragments(result)
    result.audit.sort(key=lambda r: (r.line, r.action))
    return result


def _layout_reasons(normalised: list[str], reasons: dict[int, str]) -> dict[int, str]:
    """Tables of contents, page numbers and, in a paginated document, running headers.

    Lines that an earlier pass already claimed (a footnote marker ``[``/``1``/``]``) are not
    read as page numbers.

    Examples
    --------
    >>> lines = ["保税区民生实施方案", "目 录", "一、总体要求......1", "正文一。", "- 1 -",
    ...          "保税区民生实施方案", "正文二。", "- 2 -", "保税区民生实施方案", "正文三。"]
    >>> sorted(_layout_reasons(lines, {}).items())  # doctest: +NORMALIZE_WHITESPACE
    [(0, 'running_header'), (1, 'table_of_contents'), (2, 'table_of_contents'),
     (4, 'page_number'), (5, 'running_header'), (7, 'page_number'), (8, 'running_header')]
    """
    # 「目 录」 is claimed as a spaced-out byline and 「目录」 as markup; above a table of
    # contents it is its heading, and is audited so.
    unclaimed = [
        t if i not in reasons or pdftext.toc_heading(t) else "" for i, t in enumerate(normalised)
    ]
    out = pdftext.page_reasons(unclaimed)
    if "page_number" in out.values():
        # Paginated: a short line on every page is a running header or footer, including its
        # first occurrence (the header of page one, not a title).
        skip = set(reasons) | set(out)
        out.update({i: "running_header" for i in pdftext.running_headers(normalised, skip=skip)})
    return out


def _absorb_fragments(result: CleanResult) -> None:
    """Join what is still a body paragraph of ``FRAGMENT_CHARS`` characters or fewer: a lead-in
    ("同志们!") to the paragraph after it, anything else to the paragraph before it."""
    starts = [i for i, k in enumerate(result.kept) if k.text and k.joined_to is None]
    for pos, i in enumerate(starts):
        end = starts[pos + 1] if pos + 1 < len(starts) else len(result.kept)
        text = "".join(
            k.text for k in result.kept[i:end] if k.joined_to is not None or k is result.kept[i]
        )
        if len(text) > FRAGMENT_CHARS or structure.heading_level(text) is not None:
            continue
        if pos == 0 and not _LEAD_IN.search(text):
            continue  # a document's first line is its title or nothing to join to
        if _LEAD_IN.search(text) and pos + 1 < len(starts):
            target, host = result.kept[starts[pos + 1]], result.kept[i]
            why = "short_line:lead_in"
        elif pos > 0:
            target, host = result.kept[i], result.kept[starts[pos - 1]]
            why = "short_line:fragment"
        else:
            continue
        k = result.kept.index(target)
        result.kept[k] = Line(target.number, target.raw, target.text, joined_to=host.number)
        result.audit.append(
            AuditRow(
                line=target.number,
                text=target.raw,
                reason=why,
                action="joined",
                detail=f"line {host.number}",
            )
        )


def clean_text(
    text: str,
    *,
    to_simplified: bool = True,
    shared: dict[str, tuple[str, ...]] | None = None,
    doc_id: str = "",
    normalised: list[str] | None = None,
    boilerplate_max_share: float = BOILERPLATE_MAX_SHARE,
) -> CleanResult:
    """Clean a whole decoded document (see :func:`clean_lines`).

    Examples
    --------
    >>> r = clean_text("相关新闻\\n健全社会救助体系。")
    >>> [row.reason for row in r.removed]
    ['related_footer']
    """
    return clean_lines(
        text.splitlines(),
        to_simplified=to_simplified,
        shared=shared,
        doc_id=doc_id,
        normalised=normalised,
        boilerplate_max_share=boilerplate_max_share,
    )


def normalised_lines(text: str, *, to_simplified: bool = True) -> list[str]:
    """A document's lines as :func:`clean_lines` compares them (for :func:`shared_lines`).

    Examples
    --------
    >>> normalised_lines("公有領域\\n　")
    ['公有领域', '']
    """
    return [
        normalize.normalize_text(x, to_simplified_script=to_simplified) for x in text.splitlines()
    ]


def content_lines(normalised: list[str]) -> list[str]:
    """The non-blank lines no noise rule or wiki leftover claims: a document's text as two
    copies of it from different sites have in common (for duplicate detection).

    Examples
    --------
    >>> content_lines(["来源:新华网", "", "健全社会救助体系。", "编辑:唐依婷"])
    ['健全社会救助体系。']
    """
    wiki = wiki_blocks(normalised)
    return [t for i, t in enumerate(normalised) if t and i not in wiki and noise_reason(t) is None]
