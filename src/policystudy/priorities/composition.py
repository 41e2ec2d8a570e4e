"""What each group is made of, whether groups are alike enough to compare, and a comparison
restricted to what they share.

A difference between two groups is also one of genre, year and length when the groups differ
in those. :func:`group_composition` tabulates them per group from the corpus overview (the
manifest's columns where it has them), :func:`composition_warnings` says where groups differ,
and :func:`common_period_priorities` ranks each group's domains on the documents of the years
that every group covers.

Examples
--------
>>> ov = pd.DataFrame({"doc_id": list("abcd"), "region": ["X", "X", "Y", "Y"],
...     "year": ["2001", "2003", "2015", "2018"], "genre": ["plan", "plan", "news", "plan"],
...     "chars": [1000, 1200, 300, 900]})
>>> comp = group_composition(ov, group_by="region")
>>> comp[["group", "n_documents", "first_year", "last_year", "genres"]].values.tolist()
[['X', 2, 2001, 2003, 'plan 2'], ['Y', 2, 2015, 2018, 'news 1; plan 1']]
>>> [w["kind"] for w in composition_warnings(comp)]
['years', 'genre']
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np
import pandas as pd

from policystudy.core import defaults
from policystudy.priorities.time import document_times

COMPOSITION_COLUMNS = [
    "group",
    "n_documents",
    "first_year",
    "last_year",
    "n_years",
    "median_chars",
    "min_chars",
    "max_chars",
    "genres",
    "top_genre",
    "top_genre_share",
    "admin_levels",
    "flagged",
    "set_aside",
]
# A value list in a cell names at most this many values, then counts the rest.
_CELL_MAX = 4
# Two groups' median lengths differing by more than this factor are worth a warning.
LENGTH_RATIO = 3.0


def _mix(values: pd.Series) -> str:
    counts = values.astype(str).replace("", "(blank)").value_counts()
    counts = counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    items = [f"{v} {int(n)}" for v, n in counts.items()]
    if len(items) > _CELL_MAX:
        items = [*items[:_CELL_MAX], f"{len(items) - _CELL_MAX} more"]
    return "; ".join(items)


def group_composition(
    overview: pd.DataFrame, *, group_by: str, time_by: str = defaults.TIME_BY
) -> pd.DataFrame:
    """One row per group: documents, years, length, genre and level mix, flags, set-asides.

    Documents set aside as duplicates are counted in ``set_aside`` and left out of the rest.
    Columns the manifest lacks are empty.
    """
    ov = overview.copy()
    status = ov["status"].astype(str) if "status" in ov.columns else pd.Series("", index=ov.index)
    aside = status.str.startswith("set aside")
    times = document_times(ov[~aside], time_by=time_by).set_index("doc_id")["year"]
    rows = []
    for g, sub in ov.groupby(group_by, sort=True):
        kept = sub[~aside.loc[sub.index]]
        years = times.reindex(kept["doc_id"].astype(str)).dropna()
        chars = kept["chars"].astype(float) if "chars" in kept.columns else pd.Series(dtype=float)
        genres = kept["genre"] if "genre" in kept.columns else None
        top = genres.astype(str).value_counts() if genres is not None and len(kept) else None
        if top is not None:
            top = top.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
        flags = (
            int((kept["quality_flags"].fillna("").astype(str) != "").sum())
            if "quality_flags" in kept.columns
            else 0
        )
        rows.append(
            {
                "group": str(g),
                "n_documents": len(kept),
                "first_year": int(years.min()) if len(years) else np.nan,
                "last_year": int(years.max()) if len(years) else np.nan,
                "n_years": int(years.nunique()),
                "median_chars": float(chars.median()) if len(chars) else np.nan,
                "min_chars": float(chars.min()) if len(chars) else np.nan,
                "max_chars": float(chars.max()) if len(chars) else np.nan,
                "genres": _mix(genres) if genres is not None else "",
                "top_genre": str(top.index[0]) if top is not None and len(top) else "",
                "top_genre_share": float(top.iloc[0] / len(kept)) if top is not None and len(top)
                else np.nan,
                "admin_levels": _mix(kept["admin_level"]) if "admin_level" in kept.columns else "",
                "flagged": flags,
                "set_aside": int(aside.loc[sub.index].sum()),
            }
        )  # fmt: skip
    return pd.DataFrame(rows, columns=COMPOSITION_COLUMNS)


def _span(row) -> str:
    a, b = int(row.first_year), int(row.last_year)
    return str(a) if a == b else f"{a}–{b}"


def composition_warnings(comp: pd.DataFrame) -> list[dict]:
    """Where groups differ in what they hold: ``kind`` (years, genre, length), ``groups``
    (the pairs, ``a|b``), and a ``message``.

    * years: two groups whose year ranges do not overlap;
    * genre: groups whose most common genre differs;
    * length: median document lengths differing by more than :data:`LENGTH_RATIO` times.

    One warning per kind, naming how many pairs and the first of them.
    """
    comp = comp[comp["n_documents"] > 0]
    out = []
    pairs: dict[str, list] = {"years": [], "span": [], "genre": [], "length": []}
    for a, b in combinations(comp.itertuples(index=False), 2):
        if (
            pd.notna(a.first_year)
            and pd.notna(b.first_year)
            and (a.last_year < b.first_year or b.last_year < a.first_year)
        ):
            pairs["years"].append((a, b))
        elif (
            pd.notna(a.first_year)
            and pd.notna(b.first_year)
            and (a.first_year != b.first_year or a.last_year != b.last_year)
        ):
            pairs["span"].append((a, b))
        if a.top_genre and b.top_genre and a.top_genre != b.top_genre:
            pairs["genre"].append((a, b))
        lo, hi = sorted([a.median_chars, b.median_chars])
        if pd.notna(lo) and lo > 0 and hi / lo > LENGTH_RATIO:
            pairs["length"].append((a, b))
    for kind, found in pairs.items():
        if not found:
            continue
        a, b = found[0]
        # Only the example of this kind: a group without dated documents has no span to show.
        if kind in ("years", "span"):
            example = f"{a.group} ({_span(a)}) and {b.group} ({_span(b)})"
        elif kind == "genre":
            example = f"{a.group} mostly {a.top_genre}, {b.group} mostly {b.top_genre}"
        else:
            example = (
                f"{a.group} median {a.median_chars:,.0f} characters, {b.group} "
                f"{b.median_chars:,.0f}"
            )
        what = {
            "years": "cover years that do not overlap",
            "span": "cover different, overlapping spans of years",
            "genre": "differ in their most common genre",
            "length": f"differ more than {LENGTH_RATIO:g}-fold in median document length",
        }[kind]
        out.append(
            {
                "kind": kind,
                "n_pairs": len(found),
                "groups": "|".join(f"{x.group}|{y.group}" for x, y in found),
                "what": what,
                "example": example,
            }
        )
    return out


def common_period(comp: pd.DataFrame) -> tuple[int, int] | None:
    """The years every group with dated documents covers, or None when they share none.

    Examples
    --------
    >>> c = pd.DataFrame({"n_documents": [3, 2], "first_year": [2001, 2010],
    ...                   "last_year": [2015, 2020]})
    >>> common_period(c)
    (2010, 2015)
    """
    dated = comp[(comp["n_documents"] > 0) & comp["first_year"].notna()]
    if len(dated) < 2:
        return None
    start, end = int(dated["first_year"].max()), int(dated["last_year"].min())
    return (start, end) if start <= end else None


def common_period_priorities(
    documents: pd.DataFrame,
    overview: pd.DataFrame,
    *,
    window: tuple[int, int],
    livelihood: Sequence[str],
    time_by: str = defaults.TIME_BY,
) -> pd.DataFrame:
    """Each group's livelihood domains ranked on its documents of the years in ``window``.

    The mean of the documents' shares of livelihood text (each document counts once), over
    documents that have livelihood text; ``n_documents`` says how many each rests on.

    Returns
    -------
    pandas.DataFrame
        ``group, domain, n_documents, share, rank, window``.
    """
    times = document_times(overview, time_by=time_by)
    inside = times.loc[times["year"].between(*window), "doc_id"]
    sub = documents[documents["doc_id"].astype(str).isin(set(inside))]
    sub = sub[sub["domain"].isin(livelihood) & sub["share_livelihood"].notna()]
    label = f"{window[0]}–{window[1]}" if window[0] != window[1] else str(window[0])
    cols = ["group", "domain", "n_documents", "share", "rank", "window"]
    if sub.empty:
        return pd.DataFrame(columns=cols)
    agg = (
        sub.groupby(["group", "domain"], sort=True)
        .agg(n_documents=("doc_id", "nunique"), share=("share_livelihood", "mean"))
        .reset_index()
    )
    agg["rank"] = agg.groupby("group")["share"].rank(ascending=False, method="min")
    agg["window"] = label
    return agg.sort_values(["group", "rank", "domain"], kind="stable")[cols].reset_index(drop=True)


def composition_tables(
    documents: pd.DataFrame,
    overview: pd.DataFrame,
    *,
    group_by: str,
    livelihood: Sequence[str],
    time_by: str = defaults.TIME_BY,
) -> dict[str, pd.DataFrame]:
    """Notebook 03's composition tables: ``group_composition`` and
    ``priorities_common_period`` (empty when the groups share no year, or when every dated
    document already lies in the years they share)."""
    comp = group_composition(overview, group_by=group_by, time_by=time_by)
    window = common_period(comp)
    common = pd.DataFrame(columns=["group", "domain", "n_documents", "share", "rank", "window"])
    if window is not None:
        years = document_times(overview, time_by=time_by)["year"]
        if not years.between(*window).all():
            common = common_period_priorities(
                documents, overview, window=window, livelihood=livelihood, time_by=time_by
            )
    return {"group_composition": comp, "priorities_common_period": common}
