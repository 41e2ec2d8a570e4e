"""Text reuse between documents: the passages of a document that an earlier document has.

The passages of at least ``min_chars`` characters of a document that occur in an earlier
document are found as runs of characters covered by 16-character shingles
(:mod:`policystudy.ingest.shingles`) that an earlier document also has, in one pass over the
corpus. Direction: the source is the earlier document (:func:`document_order`): by ``date`` or
``year`` when every document has one, else by manifest order. A passage several earlier
documents have is attributed to the one that is the earliest source of most of it, so a
document's reused characters are counted once.

Examples
--------
>>> a = "国务院关于加强养老服务体系建设的意见。健全居家社区机构相协调、医养康养相结合的养老服务体系。"
>>> shared_passages("转发国务院文件的通知。" + a, a, min_chars=20)
[(11, 57, 0)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from policystudy.ingest.shingles import position_hashes

# Shingle length for reuse: a passage is found through runs of 16 characters both texts have;
# shorter runs are set phrases (「全面建成小康社会」) rather than copied text.
REUSE_K = 16
# Reused passages shorter than this are not reported.
REUSE_MIN_CHARS = 50
# A paragraph is another document's text when at least this share of it lies in reused
# passages; with reuse="count_once" it is left out of the later document's analyses.
REUSE_PARAGRAPH_SHARE = 0.5


def document_dates(
    ids: Sequence[str], metadata: Mapping[str, Mapping[str, object]]
) -> dict[str, str]:
    """Each document's ``date``, else its ``year``, else ``""``.

    Examples
    --------
    >>> document_dates(["a", "b"], {"a": {"date": "2021-03-05", "year": "2021"}, "b": {}})
    {'a': '2021-03-05', 'b': ''}
    """
    out = {}
    for d in ids:
        meta = metadata.get(d, {})
        out[d] = str(meta.get("date", "") or meta.get("year", "") or "").strip()
    return out


def document_order(
    ids: Sequence[str], metadata: Mapping[str, Mapping[str, object]]
) -> dict[str, tuple]:
    """A sort key per document: which of two documents is the earlier (the source of reuse).

    By the ``date`` column when every document has one, else by ``year`` when every document has
    one; ties, and corpora without dates, by manifest order.

    Examples
    --------
    >>> meta = {"prov": {"year": "2022"}, "central": {"year": "2021"}}
    >>> sorted(["prov", "central"], key=document_order(["prov", "central"], meta).__getitem__)
    ['central', 'prov']
    >>> order = document_order(["prov", "central"], {"prov": {}, "central": {"year": "2021"}})
    >>> sorted(["prov", "central"], key=order.__getitem__)
    ['prov', 'central']
    """
    for col in ("date", "year"):
        values = {d: str(metadata.get(d, {}).get(col, "") or "").strip() for d in ids}
        if ids and all(values.values()):
            # Years and ISO dates sort as text once padded to the same width.
            width = max(len(v) for v in values.values())
            return {d: (values[d].rjust(width, "0"), i) for i, d in enumerate(ids)}
    return {d: ("", i) for i, d in enumerate(ids)}


def shared_passages(
    text: str, source: str, *, min_chars: int = REUSE_MIN_CHARS, k: int = REUSE_K
) -> list[tuple[int, int, int]]:
    """Passages of ``text`` at least ``min_chars`` long that are also in ``source``.

    A character is covered when a ``k``-character shingle containing it occurs in ``source``;
    a passage is a run of covered characters.

    Returns
    -------
    list of (start, end, source_start)
        Offsets in ``text`` (``text[start:end]``) and where the passage's first shingle is in
        ``source``.

    Examples
    --------
    >>> src = "健全覆盖全民、统筹城乡、公平统一、可持续的多层次社会保障体系。"
    >>> shared_passages("各地要认真贯彻执行。" + src, src, min_chars=20)
    [(10, 41, 0)]
    >>> shared_passages("推进学前教育普及普惠发展。", src, min_chars=20)
    []
    """
    k = min(k, min_chars)
    h = position_hashes(text, k=k)
    hs = position_hashes(source, k=k)
    if not len(h) or not len(hs):
        return []
    uniq, first = np.unique(hs, return_index=True)
    hit = np.isin(h, uniq)
    return _runs(h, hit, k, min_chars, uniq, first)


def _runs(
    h: np.ndarray, hit: np.ndarray, k: int, min_chars: int, uniq: np.ndarray, first: np.ndarray
) -> list[tuple[int, int, int]]:
    """Runs of characters covered by hit shingles, with the source position of each run."""
    n = len(h) + k - 1
    delta = np.zeros(n + 1, dtype=np.int64)
    starts = np.flatnonzero(hit)
    np.add.at(delta, starts, 1)
    np.add.at(delta, starts + k, -1)
    covered = np.cumsum(delta[:n]) > 0
    edges = np.flatnonzero(np.diff(np.concatenate([[0], covered.astype(np.int8), [0]])))
    out = []
    for a, b in zip(edges[::2], edges[1::2], strict=True):
        if b - a >= min_chars:
            src = int(first[np.searchsorted(uniq, h[a])])
            out.append((int(a), int(b), src))
    return out


@dataclass(frozen=True)
class Reuse:
    """The passages of ``doc_id`` that are text of the earlier ``source_id``."""

    doc_id: str
    source_id: str
    passages: tuple[tuple[int, int], ...]

    @property
    def chars(self) -> int:
        return sum(b - a for a, b in self.passages)


def text_reuse(
    texts: Mapping[str, str],
    order: Mapping[str, tuple],
    *,
    min_chars: int = REUSE_MIN_CHARS,
    k: int = REUSE_K,
) -> list[Reuse]:
    """Every passage of each document that an earlier document already has.

    One pass over the corpus, never pair by pair: for every ``k``-character shingle, the
    earliest document that has it (a sort of all documents' shingles); a character of a
    document is reused when a shingle covering it occurs in an earlier document. A passage is a
    run of at least ``min_chars`` reused characters, attributed as a whole to the document that
    is the earliest source of most of its characters; each character is counted once.

    Parameters
    ----------
    texts : mapping of str to str
        Document id -> the text analysed (paragraphs joined by newlines).
    order : mapping of str to tuple
        Sort key per document (:func:`document_order`); the earlier is the source.
    min_chars : int, keyword-only
        Shortest passage.
    k : int, keyword-only
        Shingle length (at most ``min_chars``).

    Returns
    -------
    list of Reuse
        One per (document, source), documents and sources in ``order``; each passage as
        ``(start, end)`` offsets in the document's text.

    Examples
    --------
    >>> central = "健全覆盖全民、统筹城乡、公平统一、可持续的多层次社会保障体系。推进基本养老保险全国统筹。"
    >>> prov = "现将国务院文件转发给你们,请结合实际认真贯彻执行。" + central
    >>> texts = {"prov": prov, "central": central, "edu": "推进学前教育普及普惠发展。" * 5}
    >>> r = text_reuse(texts, {"central": (0,), "prov": (1,), "edu": (2,)}, min_chars=20)
    >>> [(x.doc_id, x.source_id, x.chars, x.passages) for x in r]
    [('prov', 'central', 44, ((25, 69),))]
    """
    k = min(k, min_chars)
    ids = sorted(texts, key=lambda d: order[d])
    pos = [position_hashes(texts[d], k=k) for d in ids]
    uniq = [np.unique(p) for p in pos]
    offsets = np.cumsum([len(u) for u in uniq])
    allh = np.concatenate(uniq) if uniq else np.zeros(0, dtype=np.uint64)
    del uniq
    # The documents' shingles are concatenated in document order, so a stable sort by shingle
    # puts each shingle's earliest document first (no array of owners needed).
    by = np.argsort(allh, kind="stable")
    keys, first = np.unique(allh[by], return_index=True)
    del allh
    earliest = np.searchsorted(offsets, by[first], side="right")
    del by
    none = len(ids)  # "no earlier document"
    out = []
    for r, doc in enumerate(ids):
        h = pos[r]
        if not len(h):
            continue
        src = earliest[np.searchsorted(keys, h)]
        src = np.where(src < r, src, none)
        if (src == none).all():
            continue
        # Each character's source: the earliest among the shingles covering it.
        pad = np.full(k - 1, none)
        char_src = sliding_window_view(np.concatenate([pad, src, pad]), k).min(axis=1)
        covered = char_src < none
        edges = np.flatnonzero(np.diff(np.concatenate([[0], covered.astype(np.int8), [0]])))
        spans: dict[int, list[tuple[int, int]]] = {}
        for a, b in zip(edges[::2], edges[1::2], strict=True):
            if b - a < min_chars:
                continue
            # The passage is the text of the document that is the earliest source of most of
            # it: a re-issue copies the central document, even where a phrase of it was
            # already in an older one (ties: the earliest).
            sources, counts = np.unique(char_src[a:b], return_counts=True)
            spans.setdefault(int(sources[np.argmax(counts)]), []).append((int(a), int(b)))
        out += [Reuse(doc, ids[s], tuple(spans[s])) for s in sorted(spans)]
    return out


def reused_mask(length: int, reuses: Sequence[Reuse]) -> np.ndarray:
    """Which characters of a document of ``length`` characters lie in any reused passage.

    Examples
    --------
    >>> reused_mask(6, [Reuse("b", "a", ((1, 3),)), Reuse("b", "c", ((2, 4),))]).tolist()
    [False, True, True, True, False, False]
    """
    mask = np.zeros(length, dtype=bool)
    for r in reuses:
        for a, b in r.passages:
            mask[a:b] = True
    return mask
