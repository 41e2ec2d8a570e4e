"""How firm each #1 is: the fewest sentences whose removal changes it, and each pooled
group's #1 without each of its documents (``priority_robustness.csv``, ``priority_lodo.csv``).

Examples
--------
>>> s = pd.DataFrame({"doc_id": ["a"] * 3, "region": ["辽宁"] * 3, "part": "policy",
...     "sentence_id": ["a-s1", "a-s2", "a-s3"], "chars": [50, 20, 40],
...     "primary": ["housing", "housing", "health"], "duplicate_of": ""})
>>> r = robustness(s, group_by="region").iloc[0]
>>> r["top"], int(r["fewest_units"]), r["units_removed"]
('housing', 1, 'a-s1')
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import kendalltau

from policystudy.core import defaults
from policystudy.domains import POLICY, Taxonomy
from policystudy.priorities.matrix import _Docs, _group_share, _livelihood_shares, _tax, _top_two


def _trial_leads(W, candidates, chars, liv, top, pooling) -> np.ndarray:
    """The top domain's lead over the runner-up after removing, from each candidate document
    alone, ``chars`` of its top-domain text: every trial at once.

    The sums run over the documents in the same order as :func:`_group_share` on each trial,
    with 0 for a document left without livelihood text (adding 0.0 changes no sum), so the
    leads are its numbers bit for bit. A group of 200 documents took 2 000 trials of the whole
    group per removal one at a time (32 s at 100 MB).
    """
    rows = np.arange(len(candidates))
    if pooling == "chars":
        total = np.repeat(W.sum(axis=0)[None, :], len(candidates), axis=0)
        total[rows, liv[top]] -= chars
        share = _livelihood_shares(total, liv)  # row-wise: one trial per row
    else:
        base = _livelihood_shares(W, liv)  # documents × livelihood domains
        trial = W[candidates].copy()
        trial[rows, liv[top]] -= chars
        shares = np.repeat(base[None], len(candidates), axis=0)
        shares[rows, candidates] = _livelihood_shares(trial, liv)
        ok = ~np.isnan(shares[:, :, 0])
        total = np.where(ok[:, :, None], shares, 0.0).sum(axis=1)
        n_ok = ok.sum(axis=1)
        share = np.full_like(total, np.nan)
        np.divide(total, n_ok[:, None], out=share, where=n_ok[:, None] > 0)
    share = np.nan_to_num(share)
    others = np.delete(share, top, axis=1)
    return share[:, top] - (others.max(axis=1) if others.shape[1] else 0.0)


def _fewest_removals(units_by_doc, W, liv, pooling, *, max_steps=2000):
    """Greedy: remove, one at a time, the top domain's unit that narrows its lead most.

    Exact for one document or pooled characters (the longest units go first); for an
    equal-weight group of several documents it is a greedy upper bound.
    """
    W = W.copy()
    share = _group_share(W, liv, pooling)
    if np.all(np.nan_to_num(share) == 0):
        return 0, []
    top, _ = _top_two(share)
    # Per document, the top domain's units from longest to shortest (ties by id).
    queues = {
        i: sorted(units.get(top, []), key=lambda u: (-u[1], u[0]))
        for i, units in units_by_doc.items()
    }
    removed: list[str] = []
    for _ in range(max_steps):
        candidates = [i for i, q in queues.items() if q]
        if not candidates:
            return None, removed
        lead = _trial_leads(W, candidates, [queues[i][0][1] for i in candidates], liv, top,
                            pooling)  # fmt: skip
        # The first smallest lead, in the queues' order, as one trial at a time would pick.
        i = candidates[int(np.argmin(lead))]
        uid, chars = queues[i].pop(0)
        W[i, liv[top]] -= chars
        removed.append(uid)
        if _top_two(_group_share(W, liv, pooling))[0] != top:
            return len(removed), removed
    return None, removed


def robustness(
    coded: pd.DataFrame,
    *,
    group_by: str,
    taxonomy: Taxonomy | Path | str | None = None,
    pooling: str = defaults.POOLING,
    use_parts: Sequence[str] = (POLICY,),
    weight: str = defaults.WEIGHT,
) -> pd.DataFrame:
    """How firm each #1 is: for every document and every group (``priority_robustness.csv``).

    Returns
    -------
    pandas.DataFrame
        ``level`` (``document`` or ``group``), ``group``, ``doc_id`` (empty for a group),
        ``n_documents``, ``top``, ``top_share``, ``runner_up``, ``runner_up_share``,
        ``lead`` (difference of the two shares), ``fewest_units`` (the fewest sentences whose
        removal changes the #1), ``units_removed`` (their ids, ``|``-joined), ``method``.
    """
    tax = _tax(taxonomy)
    d = _Docs(coded, group_by=group_by, codes=tax.codes, use_parts=use_parts, weight=weight)
    liv = np.array([tax.codes.index(c) for c in tax.livelihood], dtype=int)
    pos = {c: k for k, c in enumerate(tax.livelihood)}
    units_by_doc: dict[int, dict[int, list]] = {}
    doc_index = {doc: i for i, doc in enumerate(d.doc_ids)}
    u = d.units[d.units["primary"].isin(tax.livelihood)]
    w = u["chars"].to_numpy(dtype=float) if weight == "chars" else np.ones(len(u))
    for doc, sid, code, wi in zip(u["doc_id"], u["sentence_id"], u["primary"], w, strict=True):
        units_by_doc.setdefault(doc_index[str(doc)], {}).setdefault(pos[code], []).append(
            (str(sid), wi)
        )
    groups = np.asarray(d.groups)
    rows = []

    def row(level, group, doc_id, idx):
        W = d.W[idx]
        share = _group_share(W, liv, pooling if level == "group" else "chars")
        ub = {k: units_by_doc.get(i, {}) for k, i in enumerate(idx)}
        if np.all(np.nan_to_num(share) == 0):
            return
        top, second = _top_two(share)
        n, removed = _fewest_removals(ub, W, liv, pooling if level == "group" else "chars")
        single = level == "document" or len(idx) == 1 or pooling == "chars"
        rows.append(
            {
                "level": level,
                "group": group,
                "doc_id": doc_id,
                "n_documents": len(idx),
                "top": tax.livelihood[top],
                "top_share": share[top],
                "runner_up": tax.livelihood[second] if second >= 0 else "",
                "runner_up_share": share[second] if second >= 0 else np.nan,
                "lead": share[top] - (share[second] if second >= 0 else 0.0),
                "fewest_units": n if n is not None else np.nan,
                "units_removed": "|".join(removed) if n is not None else "",
                "method": "exact (longest sentences first)" if single else "greedy upper bound",
            }
        )

    for i, doc in enumerate(d.doc_ids):
        row("document", d.groups[i], doc, np.array([i]))
    for g in sorted(set(d.groups)):
        row("group", g, "", np.flatnonzero(groups == g))
    return pd.DataFrame(rows)


def leave_one_document_out(
    coded: pd.DataFrame,
    *,
    group_by: str,
    taxonomy: Taxonomy | Path | str | None = None,
    pooling: str = defaults.POOLING,
    use_parts: Sequence[str] = (POLICY,),
    weight: str = defaults.WEIGHT,
) -> pd.DataFrame:
    """The profile of every pooled group without each of its documents in turn.

    Returns
    -------
    pandas.DataFrame
        ``group, left_out, n_documents, top, top_share, same_top, kendall_tau`` (tau between
        the domain shares with and without the document), for groups of two or more documents.
    """
    tax = _tax(taxonomy)
    d = _Docs(coded, group_by=group_by, codes=tax.codes, use_parts=use_parts, weight=weight)
    liv = np.array([tax.codes.index(c) for c in tax.livelihood], dtype=int)
    groups = np.asarray(d.groups)
    rows = []
    for g in sorted(set(d.groups)):
        idx = np.flatnonzero(groups == g)
        if len(idx) < 2:
            continue
        full = _group_share(d.W[idx], liv, pooling)
        top_full = _top_two(full)[0]
        for i in idx:
            rest = idx[idx != i]
            s = _group_share(d.W[rest], liv, pooling)
            top = _top_two(s)[0]
            ok = ~np.isnan(s) & ~np.isnan(full)
            tau = kendalltau(full[ok], s[ok]).statistic if ok.sum() > 1 else np.nan
            rows.append(
                {
                    "group": g,
                    "left_out": d.doc_ids[i],
                    "n_documents": len(rest),
                    "top": tax.livelihood[top],
                    "top_share": s[top],
                    "same_top": top == top_full,
                    "kendall_tau": float(tau),
                }
            )
    return pd.DataFrame(
        rows,
        columns=["group", "left_out", "n_documents", "top", "top_share", "same_top",
                 "kendall_tau"],
    )  # fmt: skip
