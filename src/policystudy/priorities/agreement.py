"""How alike the documents of a group are: Kendall's tau between their livelihood profiles
(``priority_agreement.csv``) and where each domain stands across documents
(``priority_consensus.csv``).

Examples
--------
>>> x = np.array([[0.7, 0.6], [0.3, 0.4]])  # 2 domains × 2 documents
>>> kendall_tau_b(x).tolist()
[[1.0, 1.0], [1.0, 1.0]]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def document_agreement(documents: pd.DataFrame) -> pd.DataFrame:
    """Kendall's tau between the livelihood profiles of the documents of each group.

    Examples
    --------
    >>> d = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "group": "G",
    ...                   "domain": ["x", "y"] * 2, "share_livelihood": [0.7, 0.3, 0.6, 0.4]})
    >>> document_agreement(d)["kendall_tau"].tolist()
    [1.0]
    """
    frames = []
    liv = documents[documents["share_livelihood"].notna()]
    for g, sub in liv.groupby("group", sort=True):
        wide = sub.pivot(index="domain", columns="doc_id", values="share_livelihood")
        wide = wide[sorted(wide.columns)]
        a, b = np.triu_indices(wide.shape[1], k=1)  # the pairs in combinations() order
        frames.append(
            pd.DataFrame(
                {
                    "group": g,
                    "doc_a": wide.columns[a],
                    "doc_b": wide.columns[b],
                    "kendall_tau": kendall_tau_b(wide.to_numpy(dtype=float))[a, b],
                }
            )
        )
    columns = ["group", "doc_a", "doc_b", "kendall_tau"]
    return (
        pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)
    )


def kendall_tau_b(x: np.ndarray) -> np.ndarray:
    """Kendall's tau-b between every two columns of ``x``, as ``scipy.stats.kendalltau``.

    All pairs at once: the signs of the differences of every two rows, one product of them,
    the same arithmetic as scipy's (so its numbers, bit for bit); a column with a NaN, or with
    all values tied, gives NaN. A group of 200 documents has 20 000 pairs: one call each took
    24 s at 100 MB.

    Examples
    --------
    >>> x = np.array([[0.7, 0.6, 0.1], [0.3, 0.4, 0.5], [0.0, 0.0, 0.4]])  # 3 domains × 3 docs
    >>> kendall_tau_b(x).round(3).tolist()
    [[1.0, 1.0, -0.333], [1.0, 1.0, -0.333], [-0.333, -0.333, 1.0]]
    >>> from scipy.stats import kendalltau
    >>> bool(kendall_tau_b(x)[0, 2] == kendalltau(x[:, 0], x[:, 2]).statistic)
    True
    """
    n_rows = x.shape[0]
    i, j = np.triu_indices(n_rows, k=1)
    signs = np.sign(np.nan_to_num(x[i] - x[j])).astype(np.int64)  # row pairs × columns
    untied = np.abs(signs).sum(axis=0)  # scipy's tot - xtie, per column
    with np.errstate(divide="ignore", invalid="ignore"):
        tau = (signs.T @ signs) / np.sqrt(untied)[:, None] / np.sqrt(untied)[None, :]
    tau = np.minimum(1.0, np.maximum(-1.0, tau))
    bad = np.isnan(x).any(axis=0) | (untied == 0)
    tau[bad, :] = np.nan
    tau[:, bad] = np.nan
    return tau


def _truthy(col: pd.Series) -> pd.Series:
    # A flag column read back from CSV may be bool or the strings "True"/"False".
    return col.astype(str).str.lower().isin(["true", "1", "1.0"])


def domain_consensus(documents: pd.DataFrame, *, codes: Sequence[str]) -> pd.DataFrame:
    """Where each livelihood domain stands across documents (``priority_consensus.csv``).

    Documents flagged ``thin_livelihood`` (when the column is there) are left out: their ranks
    rest on a few sentences and are not priorities to agree on.

    Returns
    -------
    pandas.DataFrame
        ``domain, n_documents, top1, top3, median_rank, min_share, median_share, max_share``.

    Examples
    --------
    >>> d = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "domain": ["x", "y"] * 2,
    ...                   "rank": [1, 2, 2, 1], "share_livelihood": [0.7, 0.3, 0.4, 0.6]})
    >>> r = domain_consensus(d, codes=["x", "y"]).iloc[0]
    >>> int(r["top1"]), int(r["top3"]), float(r["median_rank"])
    (1, 2, 1.5)
    """
    rows = []
    liv = documents[documents["domain"].isin(codes)]
    if "thin_livelihood" in liv.columns:
        liv = liv[~_truthy(liv["thin_livelihood"])]
    n_docs = liv.loc[liv["share_livelihood"].notna(), "doc_id"].nunique()
    for code in codes:
        sub = liv[(liv["domain"] == code) & liv["share_livelihood"].notna()]
        rank = sub["rank"].fillna(len(codes) + 1)
        rows.append(
            {
                "domain": code,
                "n_documents": n_docs,
                "top1": int((rank == 1).sum()),
                "top3": int((rank <= 3).sum()),
                "median_rank": float(rank.median()) if len(rank) else np.nan,
                "min_share": float(sub["share_livelihood"].min()) if len(sub) else np.nan,
                "median_share": float(sub["share_livelihood"].median()) if len(sub) else np.nan,
                "max_share": float(sub["share_livelihood"].max()) if len(sub) else np.nan,
            }
        )
    return pd.DataFrame(rows)
