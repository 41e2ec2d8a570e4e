"""The document x domain weight matrix every priority analysis starts from.

Input is the sentence-level coding of :func:`policystudy.domains.sentence_domains` (one row per
sentence or clause: ``doc_id``, the group column, ``part``, ``chars``, ``primary``,
``duplicate_of``). Only the analysed parts count (default: the policy text), and a unit repeated
within a document counts once (:func:`counted_units`). The helpers here turn the matrix into
livelihood shares, ranks and a group's share; profiles, tests, robustness and concentration all
use them, so that every table computes a share the same way.

Examples
--------
>>> s = pd.DataFrame({"doc_id": ["a", "a"], "region": ["辽宁", "辽宁"], "part": "policy",
...     "chars": [40, 30], "primary": ["health", "housing"], "duplicate_of": ""})
>>> _Docs(s, group_by="region", codes=["health", "housing"], use_parts=("policy",),
...       weight="chars").W.tolist()
[[40.0, 30.0]]
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from policystudy.domains import POLICY, Taxonomy, as_taxonomy

POOLINGS = ("documents", "chars")
# chars: characters; sentences: each sentence counts 1, its clauses sharing it; units: each
# coded unit (sentence or clause) counts 1 ("paragraphs" is the older name of units).
WEIGHTS = ("chars", "sentences", "units", "paragraphs")
# A clause's id is its sentence's id with -cN appended (domains.sentence_units).
_CLAUSE_SUFFIX = r"-c\d+$"


def _tax(taxonomy: Taxonomy | Path | str | None) -> Taxonomy:
    return as_taxonomy(taxonomy)


def counted_units(coded: pd.DataFrame, *, use_parts: Sequence[str] = (POLICY,)) -> pd.DataFrame:
    """The units that count: analysed parts, first occurrences only.

    Examples
    --------
    >>> s = pd.DataFrame({"part": ["policy", "policy", "commentary"],
    ...                   "duplicate_of": ["", "x-s01", ""]})
    >>> len(counted_units(s))
    1
    """
    keep = coded["part"].astype(str).isin(list(use_parts)) & (
        coded["duplicate_of"].fillna("").astype(str) == ""
    )
    return coded[keep]


class _Docs:
    """Documents x codes weight matrix of the counted units, with each document's group."""

    def __init__(self, coded, *, group_by, codes, use_parts, weight):
        if weight not in WEIGHTS:
            raise ValueError(f"weight must be one of {WEIGHTS}, not {weight!r}")
        # Every document keeps its row even when no unit counts (e.g. all commentary).
        docs = coded[["doc_id", group_by]].drop_duplicates("doc_id").sort_values("doc_id")
        self.doc_ids = docs["doc_id"].astype(str).tolist()
        self.groups = docs[group_by].astype(str).tolist()
        self.codes = list(codes)
        used = counted_units(coded, use_parts=use_parts)
        unknown = sorted(set(used["primary"]) - set(self.codes))
        if unknown:
            raise KeyError(f"labels not in the taxonomy: {unknown}")
        if weight == "chars":
            w = used["chars"].to_numpy(dtype=float)
        elif weight == "sentences" and "sentence_id" in used.columns:
            sentence = used["sentence_id"].astype(str).str.replace(_CLAUSE_SUFFIX, "", regex=True)
            w = 1.0 / sentence.map(sentence.value_counts()).to_numpy(dtype=float)
        else:
            w = np.ones(len(used))
        r = pd.Index(self.doc_ids).get_indexer(used["doc_id"].astype(str))
        c = pd.Index(self.codes).get_indexer(used["primary"])
        self.W = np.zeros((len(self.doc_ids), len(self.codes)))
        np.add.at(self.W, (r, c), w)
        self.N = np.zeros_like(self.W)
        np.add.at(self.N, (r, c), 1)
        self.units = used


def _livelihood_shares(W: np.ndarray, liv: np.ndarray) -> np.ndarray:
    L = W[..., liv]
    tot = L.sum(axis=-1, keepdims=True)
    return np.divide(L, tot, out=np.full_like(L, np.nan), where=tot > 0)


def _ranks(share: np.ndarray) -> np.ndarray:
    # Rank 1 = largest share; ties broken by taxonomy order; domains with no text get no rank.
    order = np.argsort(-np.nan_to_num(share, nan=-1.0), kind="stable")
    ranks = np.empty(len(share))
    ranks[order] = np.arange(1, len(share) + 1)
    return np.where(np.nan_to_num(share) > 0, ranks, np.nan)


def _group_share(W: np.ndarray, liv: np.ndarray, pooling: str) -> np.ndarray:
    """Group share of livelihood text per livelihood domain from its documents' rows."""
    if pooling == "chars":
        return _livelihood_shares(W.sum(axis=0), liv)
    s = _livelihood_shares(W, liv)
    ok = ~np.isnan(s[:, 0])
    return s[ok].mean(axis=0) if ok.any() else np.full(len(liv), np.nan)


def _top_two(share: np.ndarray) -> tuple[int, int]:
    order = np.argsort(-np.nan_to_num(share, nan=-1.0), kind="stable")
    return int(order[0]), int(order[1]) if len(order) > 1 else -1
