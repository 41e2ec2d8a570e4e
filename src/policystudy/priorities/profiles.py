"""Livelihood priorities with the document as the unit.

Input is the sentence-level coding of :func:`policystudy.domains.sentence_domains` (one row per
sentence or clause: ``doc_id``, the group column, ``part``, ``chars``, ``primary``,
``duplicate_of``). Only the analysed parts count (default: the policy text), and a unit repeated
within a document counts once.

* :func:`document_domains` - the document x domain table: each domain's share of all analysed
  text and of livelihood text (text coded to a livelihood domain, not ``general`` or
  ``non_livelihood``).
* :func:`priority_profiles` - group profiles aggregated from document profiles (each document
  counts equally by default; ``pooling="chars"`` pools characters), with cluster-bootstrap
  intervals over documents only for groups of at least ``min_documents`` documents.
* :func:`ranked_priorities` - the top domains of each group.

The rest is split by job: the weight matrix (:mod:`~policystudy.priorities.matrix`), thin
livelihood text (:mod:`~policystudy.priorities.coverage`), permutation tests with Holm's
correction (:mod:`~policystudy.priorities.permutation`), robustness and leave-one-document-out
(:mod:`~policystudy.priorities.robustness`), agreement between documents
(:mod:`~policystudy.priorities.agreement`), the caveats (:mod:`~policystudy.priorities.caveats`)
and the estimator that runs them with one set of parameters
(:class:`~policystudy.priorities.profiler.PriorityProfiler`).

Examples
--------
>>> s = pd.DataFrame({"doc_id": ["a"] * 3, "region": ["辽宁"] * 3, "part": "policy",
...     "sentence_id": ["a-p001-s01", "a-p001-s02", "a-p002-s01"], "chars": [40, 30, 20],
...     "primary": ["social_assistance", "elderly_care", "non_livelihood"], "duplicate_of": ""})
>>> d = document_domains(s, group_by="region")
>>> d.set_index("domain").loc["social_assistance", ["share_all", "share_livelihood", "rank"]].tolist()
[0.4444444444444444, 0.5714285714285714, 1.0]
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from policystudy.core import defaults
from policystudy.domains import POLICY, Taxonomy
from policystudy.priorities.coverage import livelihood_coverage
from policystudy.priorities.matrix import (
    POOLINGS,
    _Docs,
    _group_share,
    _livelihood_shares,
    _ranks,
    _tax,
)

# The library's names of the shared defaults (policystudy.core.defaults is their one home).
DEFAULT_MIN_DOCUMENTS = defaults.MIN_DOCUMENTS
DEFAULT_MIN_LIVELIHOOD_SHARE = defaults.MIN_LIVELIHOOD_SHARE
DEFAULT_MIN_LIVELIHOOD_UNITS = defaults.MIN_LIVELIHOOD_UNITS
PROFILE_COLUMNS = [
    "group",
    "domain",
    "label_zh",
    "label_en",
    "share",
    "ci_low",
    "ci_high",
    "rank",
    "share_all",
    "n_documents",
    "n_units",
    "chars",
    "pooling",
    "livelihood_text_share",
    "livelihood_units",
    "thin_documents",
    "thin_livelihood",
    "thin_reason",
]


def document_domains(
    coded: pd.DataFrame,
    *,
    group_by: str,
    taxonomy: Taxonomy | Path | str | None = None,
    use_parts: Sequence[str] = (POLICY,),
    weight: str = defaults.WEIGHT,
    min_share: float = defaults.MIN_LIVELIHOOD_SHARE,
    min_units: int = defaults.MIN_LIVELIHOOD_UNITS,
) -> pd.DataFrame:
    """The document x domain table (``priority_documents.csv``).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, group, domain, label_zh, label_en, chars, units, share_all,
        share_livelihood, rank, livelihood_text_share, livelihood_units, thin_livelihood,
        thin_reason``:
        every domain of the taxonomy for every document. ``share_all`` is the share of the
        document's analysed text, ``share_livelihood`` the share of its livelihood text
        (livelihood domains only), ``rank`` the domain's rank by it (empty for ``general``,
        ``non_livelihood`` and domains without text). The last four are the document's and
        repeat on its rows: livelihood share of its analysed text (characters), livelihood
        units, whether that is thin and why (:func:`livelihood_coverage`).
    """
    tax = _tax(taxonomy)
    d = _Docs(coded, group_by=group_by, codes=tax.codes, use_parts=use_parts, weight=weight)
    liv = np.array([tax.codes.index(c) for c in tax.livelihood], dtype=int)
    total = d.W.sum(axis=1, keepdims=True)
    share_all = np.divide(d.W, total, out=np.zeros_like(d.W), where=total > 0)
    share_liv = np.full_like(d.W, np.nan)
    share_liv[:, liv] = _livelihood_shares(d.W, liv)
    rank = np.full_like(d.W, np.nan)
    for i in range(len(d.doc_ids)):
        rank[i, liv] = _ranks(share_liv[i, liv])
    zh, en = tax.labels(lang="zh"), tax.labels(lang="en")
    n_docs, n_codes = d.W.shape
    cov = livelihood_coverage(
        coded, group_by=group_by, taxonomy=tax, use_parts=use_parts,
        min_share=min_share, min_units=min_units,
    ).query("level == 'document'").set_index("doc_id").reindex(d.doc_ids)  # fmt: skip
    return pd.DataFrame(
        {
            "doc_id": np.repeat(d.doc_ids, n_codes),
            "group": np.repeat(d.groups, n_codes),
            "domain": np.tile(tax.codes, n_docs),
            "label_zh": np.tile([zh[c] for c in tax.codes], n_docs),
            "label_en": np.tile([en[c] for c in tax.codes], n_docs),
            "chars": d.W.reshape(-1).astype(int) if weight == "chars" else d.W.reshape(-1),
            "units": d.N.reshape(-1).astype(int),
            "share_all": share_all.reshape(-1),
            "share_livelihood": share_liv.reshape(-1),
            "rank": rank.reshape(-1),
            "livelihood_text_share": np.repeat(cov["livelihood_text_share"].to_numpy(), n_codes),
            "livelihood_units": np.repeat(cov["livelihood_units"].to_numpy(int), n_codes),
            "thin_livelihood": np.repeat(cov["thin_livelihood"].to_numpy(bool), n_codes),
            "thin_reason": np.repeat(cov["thin_reason"].to_numpy(str), n_codes),
        }
    )


def priority_profiles(
    coded: pd.DataFrame,
    *,
    group_by: str,
    taxonomy: Taxonomy | Path | str | None = None,
    pooling: str = defaults.POOLING,
    min_documents: int = defaults.MIN_DOCUMENTS,
    n_bootstrap: int = defaults.N_BOOTSTRAP,
    random_state: int = defaults.RANDOM_STATE,
    use_parts: Sequence[str] = (POLICY,),
    weight: str = defaults.WEIGHT,
    min_share: float = defaults.MIN_LIVELIHOOD_SHARE,
    min_units: int = defaults.MIN_LIVELIHOOD_UNITS,
) -> pd.DataFrame:
    """Each group's share of livelihood text per livelihood domain (``priorities.csv``).

    Parameters
    ----------
    coded : pandas.DataFrame
        :func:`policystudy.domains.sentence_domains` output.
    group_by : str
        The group column.
    pooling : {"documents", "chars"}
        ``"documents"``: the mean of the documents' shares (each document counts equally);
        ``"chars"``: the share of the group's pooled characters.
    min_documents : int
        Groups with at least this many documents get cluster-bootstrap 95% intervals
        (documents resampled with replacement within the group); smaller groups get none.
    n_bootstrap, random_state : int
        Bootstrap replicates and seed.
    min_share, min_units
        Thin livelihood text (:func:`livelihood_coverage`): a group whose pooled livelihood
        text is below ``min_share`` of its analysed text or ``min_units`` units, or (equal
        document weights) most of whose documents are thin, is flagged ``thin_livelihood``.

    Returns
    -------
    pandas.DataFrame
        :data:`PROFILE_COLUMNS`; ``n_documents`` says what each profile rests on, and
        ``livelihood_text_share``, ``livelihood_units``, ``thin_documents``,
        ``thin_livelihood`` and ``thin_reason`` (the group's, repeated on its rows) how much
        livelihood text.
    """
    if pooling not in POOLINGS:
        raise ValueError(f"pooling must be one of {POOLINGS}, not {pooling!r}")
    tax = _tax(taxonomy)
    d = _Docs(coded, group_by=group_by, codes=tax.codes, use_parts=use_parts, weight=weight)
    liv = np.array([tax.codes.index(c) for c in tax.livelihood], dtype=int)
    groups = np.asarray(d.groups)
    rng = np.random.default_rng(random_state)
    zh, en = tax.labels(lang="zh"), tax.labels(lang="en")
    cov = livelihood_coverage(
        coded, group_by=group_by, taxonomy=tax, use_parts=use_parts, pooling=pooling,
        min_share=min_share, min_units=min_units,
    ).query("level == 'group'").set_index("group")  # fmt: skip
    rows = []
    for g in sorted(set(d.groups)):
        idx = np.flatnonzero(groups == g)
        W = d.W[idx]
        share = _group_share(W, liv, pooling)
        all_tot = W.sum()
        share_all = W.sum(axis=0)[liv] / all_tot if all_tot else np.full(len(liv), np.nan)
        lo = hi = np.full(len(liv), np.nan)
        if len(idx) >= min_documents and n_bootstrap > 0:
            draws = rng.integers(0, len(idx), size=(n_bootstrap, len(idx)))
            reps = np.vstack([_group_share(W[b], liv, pooling) for b in draws])
            lo, hi = np.nanpercentile(reps, [2.5, 97.5], axis=0)
        ranks = _ranks(share)
        for k, code in enumerate(tax.livelihood):
            rows.append(
                {
                    "group": g,
                    "domain": code,
                    "label_zh": zh[code],
                    "label_en": en[code],
                    "share": share[k],
                    "ci_low": lo[k],
                    "ci_high": hi[k],
                    "rank": ranks[k],
                    "share_all": share_all[k],
                    "n_documents": len(idx),
                    "n_units": int(d.N[idx][:, liv[k]].sum()),
                    "chars": int(d.W[idx][:, liv[k]].sum()),
                    "pooling": pooling,
                    "livelihood_text_share": cov.loc[g, "livelihood_text_share"],
                    "livelihood_units": int(cov.loc[g, "livelihood_units"]),
                    "thin_documents": int(cov.loc[g, "thin_documents"]),
                    "thin_livelihood": bool(cov.loc[g, "thin_livelihood"]),
                    "thin_reason": str(cov.loc[g, "thin_reason"]),
                }
            )
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)


def ranked_priorities(profiles: pd.DataFrame, *, top: int = 3) -> pd.DataFrame:
    """The ``top`` ranked domains of each group (``priority_ranking.csv``).

    Examples
    --------
    >>> p = pd.DataFrame({"group": ["A", "A"], "domain": ["health", "housing"],
    ...                   "rank": [2.0, 1.0], "share": [0.4, 0.6]})
    >>> ranked_priorities(p, top=1)["domain"].tolist()
    ['housing']
    """
    r = profiles[profiles["rank"].notna() & (profiles["rank"] <= top)].copy()
    r["rank"] = r["rank"].astype(int)
    return r.sort_values(["group", "rank"], kind="mergesort").reset_index(drop=True)


def share_of(profiles: pd.DataFrame, group: str, domain: str) -> float:
    """One group's share of one domain (NaN when absent)."""
    r = profiles[(profiles["group"] == group) & (profiles["domain"] == domain)]
    return float(r["share"].iloc[0]) if len(r) else float("nan")
