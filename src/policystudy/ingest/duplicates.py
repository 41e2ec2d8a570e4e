"""Duplicate documents and text reuse between documents, from character shingles.

A collection assembled by hand holds the same notice twice (filed under two ids, saved once in
UTF-8 and once in GB18030, or with a different cover note), and documents that copy each other:
a province forwards (转发) a central document with a short cover note of its own, or copies long
passages of it into its implementation plan. Both are found from character *shingles*: every
run of ``k`` characters of a text, hashed to a 64-bit integer with a rolling polynomial hash
(deterministic, unlike Python's salted ``hash``).

* **Duplicates** (:func:`find_duplicates`): two documents whose texts are equal once normalised
  (``exact``), or whose sets of 5-character shingles have a Jaccard similarity of at least
  ``threshold`` (``near``; 0.9 by default: nine tenths of their text is common). Jaccard is
  computed exactly, for every pair at once, as a sparse matrix product (documents × shingles);
  beyond ``EXACT_SHINGLES`` shingles in all, candidate pairs come from the shingles whose hash is
  divisible by ``m`` (Broder's mod-m sample, an unbiased estimate of Jaccard) and only the
  candidates' Jaccard is computed exactly.
  :func:`resolve_duplicates` groups the pairs into sets of copies and keeps one of each.
* **Reuse** (:mod:`policystudy.ingest.reuse`, whose names stay importable from here:
  :func:`shared_passages`, :func:`text_reuse`): the passages of a document that an earlier
  document has, from 16-character shingles.

Examples
--------
>>> a = "国务院关于加强养老服务体系建设的意见。健全居家社区机构相协调、医养康养相结合的养老服务体系。"
>>> shared_passages("转发国务院文件的通知。" + a, a, min_chars=20)
[(11, 57, 0)]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from policystudy.ingest.reuse import (
    REUSE_K,
    REUSE_MIN_CHARS,
    REUSE_PARAGRAPH_SHARE,
    Reuse,
    document_dates,
    document_order,
    reused_mask,
    shared_passages,
    text_reuse,
)
from policystudy.ingest.shingles import position_hashes, squeeze

# Shingle length for duplicates: five characters is about two words of Chinese; short enough
# that a different cover note changes few shingles, long enough that unrelated texts share few.
DUPLICATE_K = 5
# Near-duplicates: the share of shingles two documents must have in common (Jaccard).
DUPLICATE_THRESHOLD = 0.9
# Above this many shingles in all, candidate pairs come from a mod-m sample of them ...
EXACT_SHINGLES = 2_000_000
# ... with this margin below the threshold; their Jaccard is then computed exactly.
CANDIDATE_MARGIN = 0.1


def shingles(text: str, *, k: int = DUPLICATE_K) -> np.ndarray:
    """The distinct shingle hashes of ``text`` (blanks removed), sorted.

    Examples
    --------
    >>> len(shingles("养老服务养老服务", k=4))
    4
    >>> bool((shingles("养老 服务", k=4) == shingles("养老服务", k=4)).all())
    True
    """
    return np.unique(position_hashes(squeeze(text), k=k))


@dataclass(frozen=True)
class DuplicatePair:
    """Two documents that are copies of one text; ``first`` comes first in the manifest."""

    first: str
    second: str
    kind: str  # "exact" or "near"
    similarity: float


def _matrix(sets: Sequence[np.ndarray]) -> sparse.csr_matrix:
    """Documents × shingles, 1 where a document has a shingle."""
    allh = np.concatenate(sets) if sets else np.zeros(0, dtype=np.uint64)
    cols = np.unique(allh, return_inverse=True)[1].ravel()
    indptr = np.concatenate([[0], np.cumsum([len(s) for s in sets])])
    data = np.ones(len(cols), dtype=np.int32)
    return sparse.csr_matrix((data, cols, indptr), shape=(len(sets), int(cols.max(initial=-1)) + 1))


def find_duplicates(
    texts: Mapping[str, str],
    *,
    threshold: float = DUPLICATE_THRESHOLD,
    k: int = DUPLICATE_K,
    dates: Mapping[str, str] | None = None,
) -> list[DuplicatePair]:
    """Pairs of documents that are the same text, exactly or nearly.

    Parameters
    ----------
    texts : mapping of str to str
        Document id -> text, in manifest order, normalised (width, script) and without the
        noise lines a scraped copy adds, so that copies from two sites compare equal.
    threshold : float, keyword-only
        Near-duplicates: the Jaccard similarity of their ``k``-character shingles at least this.
    k : int, keyword-only
        Shingle length.
    dates : mapping of str to str, keyword-only
        Document id -> date or year (:func:`document_dates`). Two nearly equal texts with
        different dates are not copies of one document but a re-issue: a province that forwards
        a central document under a cover note of its own dates it anew, and a cover note of a
        few lines is under a tenth of a long document. They are left to :func:`text_reuse`.
        Texts that are exactly equal are copies whatever their dates.

    Returns
    -------
    list of DuplicatePair
        Sorted by manifest position of ``first``, then of ``second``.

    Examples
    --------
    >>> a = "国务院关于加强养老服务体系建设的意见。健全居家社区机构相协调、医养康养相结合的养老服务体系。" * 3
    >>> find_duplicates({"a": a, "b": " " + a, "c": "转载。" + a, "d": "推进学前教育普及普惠。" * 9},
    ...                 dates={"a": "2021", "b": "2021", "c": "2021", "d": "2022"})
    ... # doctest: +NORMALIZE_WHITESPACE
    [DuplicatePair(first='a', second='b', kind='exact', similarity=1.0),
     DuplicatePair(first='a', second='c', kind='near', similarity=0.9...),
     DuplicatePair(first='b', second='c', kind='near', similarity=0.9...)]

    The same text dated anew is a re-issue, not a copy:

    >>> find_duplicates({"a": a, "c": "转载。" + a}, dates={"a": "2021", "c": "2022"})
    []
    """
    ids = list(texts)
    squeezed = [squeeze(texts[d]) for d in ids]
    pairs: dict[tuple[int, int], DuplicatePair] = {}
    first_of: dict[str, int] = {}
    for j, text in enumerate(squeezed):
        if not text:
            continue
        if text in first_of:
            # Every copy equal to an earlier one pairs with each earlier copy.
            for i in range(j):
                if squeezed[i] == text:
                    pairs[(i, j)] = DuplicatePair(ids[i], ids[j], "exact", 1.0)
        else:
            first_of[text] = j
    sets = [np.unique(position_hashes(t, k=k)) for t in squeezed]
    sizes = np.array([len(s) for s in sets])
    # Candidates from a mod-m sample of the shingles when the corpus is large (the pairwise
    # product costs the square of how many documents share a common shingle); then every
    # candidate's Jaccard is computed exactly, so the result does not depend on the sample.
    m = np.uint64(max(1, math.ceil(sizes.sum() / EXACT_SHINGLES)))
    sample = sets if m == 1 else [s[s % m == 0] for s in sets]
    x = _matrix(sample)
    inter = sparse.triu(x @ x.T, k=1).tocoo()
    sampled = np.asarray(x.sum(axis=1)).ravel()
    margin = 0.0 if m == 1 else CANDIDATE_MARGIN
    for i, j, n in zip(inter.row, inter.col, inter.data, strict=True):
        i, j = int(i), int(j)
        if (i, j) in pairs or min(sizes[i], sizes[j]) < threshold * max(sizes[i], sizes[j]):
            continue  # Jaccard is at most the ratio of the sizes
        di, dj = (dates or {}).get(ids[i], ""), (dates or {}).get(ids[j], "")
        if di and dj and di != dj:
            continue  # a re-issue, dated anew: reuse, not a duplicate
        union = sampled[i] + sampled[j] - n
        if not union or n / union < threshold - margin:
            continue
        common = len(np.intersect1d(sets[i], sets[j], assume_unique=True))
        sim = common / (sizes[i] + sizes[j] - common)
        if sim >= threshold:
            pairs[(i, j)] = DuplicatePair(ids[i], ids[j], "near", round(float(sim), 6))
    return [pairs[key] for key in sorted(pairs)]


def resolve_duplicates(
    pairs: Sequence[DuplicatePair], order: Sequence[str], *, policy: str = "keep_first"
) -> dict[str, str]:
    """Which documents are set aside, each with the copy that is kept in its place.

    Copies form sets (a copy of a copy is a copy); of each set the document first in ``order``
    (the manifest) is kept. With ``policy="keep_all"`` nothing is set aside; with ``"fail"`` any
    pair raises :class:`DuplicateError` listing them.

    Examples
    --------
    >>> pairs = [DuplicatePair("a", "b", "exact", 1.0), DuplicatePair("b", "c", "near", 0.95)]
    >>> resolve_duplicates(pairs, ["a", "b", "c"])
    {'b': 'a', 'c': 'a'}
    >>> resolve_duplicates(pairs, ["a", "b", "c"], policy="keep_all")
    {}
    """
    if policy not in ("keep_first", "keep_all", "fail"):
        raise ValueError(f"unknown duplicate policy {policy!r}")
    if pairs and policy == "fail":
        listed = "; ".join(
            f"{p.first} = {p.second} ({p.kind}, similarity {p.similarity:.3f})" for p in pairs
        )
        raise DuplicateError(
            f"{len(pairs)} pair(s) of duplicate documents: {listed}. Remove one of each pair "
            "from the manifest, or run with -p duplicates keep_first (or keep_all); "
            "see data/processed/document_duplicates.csv"
        )
    if policy == "keep_all":
        return {}
    rank = {d: i for i, d in enumerate(order)}
    parent = {d: d for p in pairs for d in (p.first, p.second)}

    def root(d: str) -> str:
        while parent[d] != d:
            d = parent[d]
        return d

    for p in pairs:
        a, b = sorted((root(p.first), root(p.second)), key=rank.__getitem__)
        parent[b] = a  # the set's root is always its first document in the manifest
    return {d: root(d) for d in sorted(parent, key=rank.__getitem__) if root(d) != d}


class DuplicateError(ValueError):
    """Duplicate documents in a corpus run with ``duplicates="fail"``."""


def duplicate_rows(
    pairs: Sequence[DuplicatePair], set_aside: Mapping[str, str], *, policy: str
) -> list[dict]:
    """The rows of ``document_duplicates.csv``: each pair, which copy is kept and why.

    Examples
    --------
    >>> pairs = [DuplicatePair("a", "b", "exact", 1.0)]
    >>> duplicate_rows(pairs, {"b": "a"}, policy="keep_first")[0]["reason"]
    'the same text after normalisation; a comes first in the manifest'
    """
    what = {
        "exact": "the same text after normalisation",
        "near": "nearly the same text (Jaccard similarity of 5-character shingles)",
    }
    rows = []
    for p in pairs:
        kept = set_aside.get(p.first, p.first)
        if policy == "keep_all":
            kept_col, aside, why = f"{p.first}|{p.second}", "", "both kept (duplicates=keep_all)"
        elif kept == p.first:
            kept_col, aside, why = p.first, p.second, f"{p.first} comes first in the manifest"
        else:
            kept_col, aside = kept, f"{p.first}|{p.second}"
            why = f"both are copies of {kept}, which comes first in the manifest"
        rows.append(
            {
                "doc_id": p.first,
                "duplicate_id": p.second,
                "kind": p.kind,
                "similarity": p.similarity,
                "kept": kept_col,
                "set_aside": aside,
                "reason": f"{what[p.kind]}; {why}",
            }
        )
    return rows


__all__ = [
    "DUPLICATE_K",
    "DUPLICATE_THRESHOLD",
    "EXACT_SHINGLES",
    "REUSE_K",
    "REUSE_MIN_CHARS",
    "REUSE_PARAGRAPH_SHARE",
    "DuplicateError",
    "DuplicatePair",
    "Reuse",
    "document_dates",
    "document_order",
    "duplicate_rows",
    "find_duplicates",
    "position_hashes",
    "resolve_duplicates",
    "reused_mask",
    "shared_passages",
    "shingles",
    "squeeze",
    "text_reuse",
]
