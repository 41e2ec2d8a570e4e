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

from collections import Counter

from policystudy.core import defaults
from policystudy.ingest import normalize, pdftext, structure
from policystudy.ingest.boilerplate import edge_blocks, shared_lines
from policystudy.ingest.cleaning_audit import AuditRow, CleanResult, Line
from policystudy.ingest.cleaning_rules import (
    BOILERPLATE_MAX_SHARE,
    BOILERPLATE_MIN_DOCUMENTS,
    BOILERPLATE_MIN_SHARE,
    CONTINUES,
    DUPLICATE_MIN_CHARS,
    ENDS_SENTENCE,
    FRAGMENT_CHARS,
    HEADER_MIN_REPEATS,
    LEAD_IN,
    MARKUP_RULES,
    NOISE_RULES,
    OPENS,
    WORDLESS,
    blank_separated,
    is_piece,
    noise_reason,
    wiki_blocks,
)

# The names of the split-off modules stay importable from here, where they were defined before.
__all__ = [
    "BOILERPLATE_MAX_SHARE",
    "BOILERPLATE_MIN_DOCUMENTS",
    "BOILERPLATE_MIN_SHARE",
    "MARKUP_RULES",
    "NOISE_RULES",
    "AuditRow",
    "CleanResult",
    "Line",
    "blank_separated",
    "clean_lines",
    "clean_text",
    "content_lines",
    "noise_reason",
    "normalised_lines",
    "shared_lines",
    "wiki_blocks",
]


def clean_lines(
    lines: list[str],
    *,
    to_simplified: bool = defaults.TO_SIMPLIFIED,
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
        if i in reasons or not text or is_piece(text):
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
        blocks = edge_blocks(normalised, reasons, shared)
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
        if i not in reasons and text and WORDLESS.match(text) and not is_piece(text):
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
            if reasons[i] == "boilerplate_shared" and shared:  # only shared lines have it
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
            elif CONTINUES.match(text):
                why = "starts_with_closing"
            elif OPENS.search(previous.text):
                why = "previous_opens"
            elif (
                by_blanks
                and not ENDS_SENTENCE.search(previous.text)
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
        if pos == 0 and not LEAD_IN.search(text):
            continue  # a document's first line is its title or nothing to join to
        if LEAD_IN.search(text) and pos + 1 < len(starts):
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
    to_simplified: bool = defaults.TO_SIMPLIFIED,
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


def normalised_lines(text: str, *, to_simplified: bool = defaults.TO_SIMPLIFIED) -> list[str]:
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
