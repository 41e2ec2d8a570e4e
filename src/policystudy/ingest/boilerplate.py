"""Cross-document boilerplate: lines many documents share, and the head and tail blocks of them.

A block of two or more substantive lines at the head or tail of a document is boilerplate
(site navigation, licence footers) when each line recurs in many *distinct* documents and is
short or structural; a single shared line, or one inside the body, is never removed (see
:mod:`policystudy.ingest.cleaning`).
"""

from __future__ import annotations

import math

from policystudy.ingest.cleaning_rules import (
    BOILERPLATE_MAX_LINE_CHARS,
    BOILERPLATE_MIN_DOCUMENTS,
    BOILERPLATE_MIN_LINES,
    BOILERPLATE_MIN_SHARE,
    ENDS_SENTENCE,
    FRAGMENT_CHARS,
)


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


def boilerplate_like(text: str) -> bool:
    """Short, or structural (no sentence end): what a site or licence footer is made of."""
    return len(text) <= BOILERPLATE_MAX_LINE_CHARS or not ENDS_SENTENCE.search(text)


def edge_blocks(
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
            if text in shared and len(shared[text]) >= width and boilerplate_like(text):
                width = width or len(shared[text]) * (len(text) > FRAGMENT_CHARS)
                block.append(i)
                substantive += len(text) > FRAGMENT_CHARS
            elif len(text) <= FRAGMENT_CHARS and block:
                block.append(i)  # debris inside a footer ("。", "↑") goes with it
            else:
                break
        if substantive >= BOILERPLATE_MIN_LINES:
            while block and not (
                normalised[block[-1]] in shared and boilerplate_like(normalised[block[-1]])
            ):
                block.pop()  # debris after the block's last shared line is not part of it
            out.update({i: "boilerplate_shared" for i in block})
    return out
