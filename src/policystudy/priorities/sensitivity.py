"""Priorities with and without the documents that carry a quality flag.

A flagged copy (a template, a short excerpt, a text citing something later than its date) may
or may not change what a group puts first. :func:`flag_sensitivity` computes each group's #1
priority from all documents and from the documents without the flagged ones, so the report can
say whether a finding rests on them (``priority_flag_sensitivity.csv``).

Examples
--------
>>> import pandas as pd
>>> coded = pd.DataFrame({
...     "doc_id": ["a", "a", "b", "c"], "region": ["X", "X", "X", "Y"], "part": ["policy"] * 4,
...     "primary": ["education", "health", "health", "health"], "chars": [10, 5, 30, 20],
...     "duplicate_of": [""] * 4,
... })
>>> t = flag_sensitivity(coded, flagged=["b"], group_by="region", min_units=0)
>>> t[["group", "top_with", "top_without", "changed"]].values.tolist()
[['X', 'health', 'education', True], ['Y', 'health', 'health', False]]
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from policystudy.priorities.profiles import priority_profiles, ranked_priorities

COLUMNS = [
    "group",
    "flagged_documents",
    "documents_with",
    "top_with",
    "share_with",
    "documents_without",
    "top_without",
    "share_without",
    "changed",
]


def _tops(coded: pd.DataFrame, **kwargs) -> pd.DataFrame:
    if coded.empty:
        return pd.DataFrame(columns=["group", "domain", "share", "n_documents"])
    # Point estimates only: the #1 does not depend on the bootstrap.
    profiles = priority_profiles(coded, n_bootstrap=0, **kwargs)
    return ranked_priorities(profiles, top=1)[["group", "domain", "share", "n_documents"]]


def flag_sensitivity(
    coded: pd.DataFrame, *, flagged: Iterable[str], group_by: str, **kwargs
) -> pd.DataFrame:
    """Each group's #1 livelihood domain with and without the ``flagged`` documents.

    Parameters
    ----------
    coded : pandas.DataFrame
        :func:`policystudy.domains.sentence_domains` output for *all* documents, flagged ones
        included.
    flagged : iterable of str
        The flagged documents' ids.
    group_by : str
    **kwargs
        Passed to :func:`policystudy.priorities.priority_profiles` (taxonomy, pooling,
        use_parts, weight, min_share, min_units), as for the main profiles.

    Returns
    -------
    pandas.DataFrame
        :data:`COLUMNS`, one row per group of ``coded``; ``top_without`` is empty for a group
        all of whose documents are flagged. ``changed`` says whether the #1 differs.
    """
    flagged = set(flagged)
    kwargs = {"min_documents": 10**9, **kwargs}
    with_ = _tops(coded, group_by=group_by, **kwargs).set_index("group")
    without = _tops(coded[~coded["doc_id"].isin(flagged)], group_by=group_by, **kwargs)
    without = without.set_index("group")
    rows = []
    for g in sorted(set(coded[group_by].astype(str))):
        sub = coded[coded[group_by].astype(str) == g]
        a = with_.loc[g] if g in with_.index else None
        b = without.loc[g] if g in without.index else None
        top_a = "" if a is None else str(a["domain"])
        top_b = "" if b is None else str(b["domain"])
        rows.append(
            {
                "group": g,
                "flagged_documents": int(sub.loc[sub["doc_id"].isin(flagged), "doc_id"].nunique()),
                "documents_with": 0 if a is None else int(a["n_documents"]),
                "top_with": top_a,
                "share_with": float("nan") if a is None else float(a["share"]),
                "documents_without": 0 if b is None else int(b["n_documents"]),
                "top_without": top_b,
                "share_without": float("nan") if b is None else float(b["share"]),
                "changed": top_a != top_b,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)
