"""Priorities over time, with the document as the unit.

Input is the document x domain table of :func:`policystudy.priorities.document_domains`
(``priority_documents.csv``) and the corpus overview (one row per document, with the manifest's
columns). The time of a document is its ``time_by`` column (``year`` by default): a year, or a
date whose first four characters are the year. Periods are single years, or bins the user names
(``bins=(1978, 2003)`` gives ``…–1977``, ``1978–2002``, ``2003–…``, labelled with the years
actually present).

* :func:`document_times` - each document's year and period.
* :func:`shares_over_time` - mean document shares of each domain per period, for the corpus and
  each group, with document-bootstrap intervals where a period has ``min_documents`` documents.
* :func:`trends` - for each domain (and livelihood text as a whole), the change in a document's
  share of all analysed text per decade (least squares of share on year, documents as the unit),
  a document-bootstrap interval, a permutation p-value (years shuffled across documents), and
  the difference before and after a break year the user names. No interval or p-value without
  ``min_documents`` documents (on each side of a break) and three distinct years.

Shares are of *all analysed text* (``share_all``) unless stated: a domain's share of livelihood
text falls whenever other domains grow, so a trend in it says little on its own. The livelihood
share is kept beside it in :func:`shares_over_time`.

Examples
--------
>>> docs = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "group": ["X"] * 4,
...     "domain": ["health", "non_livelihood"] * 2, "share_all": [0.1, 0.9, 0.3, 0.7],
...     "share_livelihood": [1.0, float("nan")] * 2})
>>> ov = pd.DataFrame({"doc_id": ["a", "b"], "year": ["2001", "2011"]})
>>> t = shares_over_time(docs, ov, livelihood=["health"], min_documents=5)
>>> t.query("level == 'corpus' and domain == 'health'")[["period", "share_all"]].values.tolist()
[['2001', 0.1], ['2011', 0.3]]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from policystudy.core import defaults
from policystudy.priorities.permutation import holm

LIVELIHOOD = "livelihood"  # the pseudo-domain: all livelihood domains together
# Shuffles for the trend and break p-values: enough that a Holm-adjusted p over some forty
# slopes can fall below 0.05 (the smallest p is 1/(n+1)); where none reaches the observed value
# the p-value is a bound.
N_PERMUTATIONS = 9999
_YEAR = re.compile(r"^\s*(\d{4})")
OVER_TIME_COLUMNS = [
    "level",
    "group",
    "period",
    "period_start",
    "period_end",
    "domain",
    "n_documents",
    "share_all",
    "ci_low",
    "ci_high",
    "share_livelihood",
]
TREND_COLUMNS = [
    "level",
    "group",
    "domain",
    "n_documents",
    "n_years",
    "first_year",
    "last_year",
    "mean_share",
    "slope_per_decade",
    "ci_low",
    "ci_high",
    "p_value",
    "p_is_bound",
    "p_holm",
    "firm",
    "break_year",
    "n_before",
    "n_after",
    "share_before",
    "share_after",
    "break_difference",
    "break_p_value",
    "break_p_is_bound",
    "break_p_holm",
    "note",
]


def year_of(value) -> float:
    """The year a manifest value names: ``2021``, ``2021-05-10``, ``2021.0``; NaN otherwise.

    Examples
    --------
    >>> year_of("2021-05-10"), year_of(1998.0), year_of("十四五"), year_of("")
    (2021.0, 1998.0, nan, nan)
    """
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return float(int(value)) if np.isfinite(value) else float("nan")
    m = _YEAR.match(str(value))
    return float(m.group(1)) if m else float("nan")


def parse_bins(text: str) -> tuple[int, ...]:
    """Break years of the ``time_bins`` parameter, sorted and unique.

    Examples
    --------
    >>> parse_bins("2003, 1978,2013"), parse_bins("")
    ((1978, 2003, 2013), ())
    >>> parse_bins("1978,late")
    Traceback (most recent call last):
    ...
    ValueError: not a year: 'late' (give years separated by commas, e.g. 1978,2003)
    """
    out = set()
    for part in str(text or "").split(","):
        part = part.strip()
        if not part:
            continue
        if not re.fullmatch(r"\d{4}", part):
            raise ValueError(
                f"not a year: {part!r} (give years separated by commas, e.g. 1978,2003)"
            )
        out.add(int(part))
    return tuple(sorted(out))


def document_times(
    overview: pd.DataFrame, *, time_by: str = defaults.TIME_BY, bins: Sequence[int] = ()
) -> pd.DataFrame:
    """Each document's year and period (``doc_id, year, period, period_start, period_end``).

    Documents without a readable year are left out (a caller counts them: ``len(overview) -
    len(result)``). With ``bins``, a period runs from one break year to the year before the
    next, and is labelled with the first and last years present in it.

    Examples
    --------
    >>> ov = pd.DataFrame({"doc_id": ["a", "b", "c"], "year": ["1975", "1990", "2005"]})
    >>> document_times(ov, bins=(1978, 2003))["period"].tolist()
    ['1975', '1990', '2005']
    >>> ov.loc[3] = ["d", "1980"]
    >>> document_times(ov, bins=(1978,))["period"].tolist()
    ['1975', '1980–2005', '1980–2005', '1980–2005']
    """
    if time_by not in overview.columns:
        return pd.DataFrame(columns=["doc_id", "year", "period", "period_start", "period_end"])
    years = overview[time_by].map(year_of)
    t = pd.DataFrame({"doc_id": overview["doc_id"].astype(str), "year": years})
    t = t[t["year"].notna()].copy()
    t["year"] = t["year"].astype(int)
    edges = np.asarray(sorted(bins), dtype=int)
    t["bin"] = (
        np.searchsorted(edges, t["year"].to_numpy(), side="right") if len(edges) else t["year"]
    )
    span = t.groupby("bin")["year"].agg(["min", "max"])
    t["period_start"] = t["bin"].map(span["min"]).astype(int)
    t["period_end"] = t["bin"].map(span["max"]).astype(int)
    t["period"] = [
        str(a) if a == b else f"{a}–{b}"
        for a, b in zip(t["period_start"], t["period_end"], strict=True)
    ]
    return (
        t.drop(columns="bin").sort_values(["year", "doc_id"], kind="stable").reset_index(drop=True)
    )


def _wide(documents: pd.DataFrame, livelihood: Sequence[str]) -> pd.DataFrame:
    """Document x domain shares of all text, with the livelihood total as one more column."""
    w = documents.pivot_table(
        index=["doc_id", "group"], columns="domain", values="share_all", aggfunc="first"
    ).fillna(0.0)
    w[LIVELIHOOD] = w[[c for c in livelihood if c in w.columns]].sum(axis=1)
    return w.reset_index()


def _scopes(
    documents: pd.DataFrame,
    overview: pd.DataFrame,
    livelihood: Sequence[str],
    *,
    time_by: str,
    bins: Sequence[int] = (),
) -> tuple[list[str], list[tuple[str, str, pd.DataFrame]]]:
    """The domains (livelihood ones, then ``livelihood``) and the dated documents' shares for
    the corpus and, when there are several groups, for each group: ``(level, group, frame)``."""
    times = document_times(overview, time_by=time_by, bins=bins)
    if times.empty or documents.empty:
        return [], []
    wide = _wide(documents, livelihood).merge(times, on="doc_id", how="inner")
    domains = [*[c for c in livelihood if c in wide.columns], LIVELIHOOD]
    scopes = [("corpus", "", wide)]
    if wide["group"].nunique() > 1:
        scopes += [("group", str(g), sub) for g, sub in wide.groupby("group", sort=True)]
    return domains, scopes


def _bootstrap_mean(values: np.ndarray, n: int, rng: np.random.Generator) -> tuple[float, float]:
    idx = rng.integers(0, len(values), size=(n, len(values)))
    means = values[idx].mean(axis=1)
    lo, hi = np.quantile(means, [0.025, 0.975], axis=0)
    return float(lo), float(hi)


def shares_over_time(
    documents: pd.DataFrame,
    overview: pd.DataFrame,
    *,
    livelihood: Sequence[str],
    time_by: str = defaults.TIME_BY,
    bins: Sequence[int] = (),
    min_documents: int = defaults.MIN_DOCUMENTS,
    n_bootstrap: int = defaults.N_BOOTSTRAP,
    random_state: int = defaults.RANDOM_STATE,
) -> pd.DataFrame:
    """Mean document share of each domain per period, for the corpus and for each group.

    Every document counts equally. ``share_all`` is the mean share of all analysed text (with a
    document-bootstrap 95% interval where the period has ``min_documents`` documents or more);
    ``share_livelihood`` the mean share of livelihood text, over the documents that have any.
    The pseudo-domain ``livelihood`` is all livelihood domains together.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`OVER_TIME_COLUMNS`; ``level`` is ``corpus`` (``group`` empty) or
        ``group``.
    """
    domains, scopes = _scopes(documents, overview, livelihood, time_by=time_by, bins=bins)
    if not scopes:
        return pd.DataFrame(columns=OVER_TIME_COLUMNS)
    liv = documents.pivot_table(
        index="doc_id", columns="domain", values="share_livelihood", aggfunc="first"
    )
    rng = np.random.default_rng(random_state)
    rows = []
    for level, group, sub in scopes:
        for (start, end, period), per in sub.groupby(
            ["period_start", "period_end", "period"], sort=True
        ):
            n = len(per)
            for dom in domains:
                values = per[dom].to_numpy(float)
                lo = hi = float("nan")
                if n >= min_documents:
                    lo, hi = _bootstrap_mean(values, n_bootstrap, rng)
                if dom == LIVELIHOOD:
                    s_liv = float("nan")
                else:
                    lv = liv.reindex(per["doc_id"])[dom] if dom in liv.columns else pd.Series()
                    s_liv = float(lv.mean()) if lv.notna().any() else float("nan")
                rows.append(
                    {
                        "level": level,
                        "group": group,
                        "period": period,
                        "period_start": int(start),
                        "period_end": int(end),
                        "domain": dom,
                        "n_documents": n,
                        "share_all": float(values.mean()),
                        "ci_low": lo,
                        "ci_high": hi,
                        "share_livelihood": s_liv,
                    }
                )
    return pd.DataFrame(rows, columns=OVER_TIME_COLUMNS)


def _slopes(x: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Least-squares slopes of each column of ``Y`` on ``x``; ``x`` may be a stack of rows."""
    xc = x - x.mean(axis=-1, keepdims=True)
    return (xc @ (Y - Y.mean(axis=0))) / (xc * xc).sum(axis=-1, keepdims=True)


def _p(hits: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Permutation p-values and whether each is only a bound (no permutation reached it)."""
    return (1 + hits) / (1 + n), hits == 0


def trends(
    documents: pd.DataFrame,
    overview: pd.DataFrame,
    *,
    livelihood: Sequence[str],
    time_by: str = defaults.TIME_BY,
    break_year: int | None = None,
    min_documents: int = defaults.MIN_DOCUMENTS,
    n_permutations: int = N_PERMUTATIONS,
    n_bootstrap: int = defaults.N_BOOTSTRAP,
    random_state: int = defaults.RANDOM_STATE,
) -> pd.DataFrame:
    """Trend of each domain's share of all text, per decade, for the corpus and each group.

    The slope is fitted to documents (one point each), its interval from resampling
    documents, and its p-value from shuffling the years across documents (two-sided). A
    p-value that no shuffle reached is a bound, ``p < 1/(n_permutations + 1)``
    (``p_is_bound``): the report never quotes it as a value. Holm's correction runs over all
    tested slopes, and separately over the break differences. ``firm`` is a Holm p below 0.05
    with an interval that excludes zero.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TREND_COLUMNS`.

    Examples
    --------
    >>> years = np.arange(1990, 2020)
    >>> docs = pd.DataFrame({"doc_id": np.repeat([f"d{y}" for y in years], 2), "group": "X",
    ...     "domain": ["health", "non_livelihood"] * len(years),
    ...     "share_all": np.ravel([[s, 1 - s] for s in (years - 1990) / 100])})
    >>> ov = pd.DataFrame({"doc_id": [f"d{y}" for y in years], "year": years})
    >>> t = trends(docs, ov, livelihood=["health"], break_year=2005, n_permutations=999)
    >>> r = t.query("domain == 'health'").iloc[0]
    >>> round(float(r.slope_per_decade), 3), bool(r.p_is_bound), bool(r.firm), int(r.n_before)
    (0.1, True, True, 15)
    """
    domains, scopes = _scopes(documents, overview, livelihood, time_by=time_by)
    if not scopes:
        return pd.DataFrame(columns=TREND_COLUMNS)
    rng = np.random.default_rng(random_state)
    rows = []
    for level, group, sub in scopes:
        x = sub["year"].to_numpy(float)
        Y = sub[domains].to_numpy(float)
        n, n_years = len(sub), len(np.unique(x))
        tested = n >= min_documents and n_years >= 3
        slope = _slopes(x, Y) * 10 if n_years >= 2 else np.full(len(domains), np.nan)
        lo = hi = p = np.full(len(domains), np.nan)
        bound = np.zeros(len(domains), bool)
        if tested:
            idx = rng.integers(0, n, size=(n_bootstrap, n))
            xb = x[idx]
            ok = xb.std(axis=1) > 0
            boot = np.stack([_slopes(xb[i], Y[idx[i]]) for i in np.flatnonzero(ok)]) * 10
            lo, hi = np.quantile(boot, [0.025, 0.975], axis=0)
            perm = rng.permuted(np.tile(x, (n_permutations, 1)), axis=1)
            hits = (np.abs(_slopes(perm, Y) * 10) >= np.abs(slope) - 1e-12).sum(axis=0)
            p, bound = _p(hits, n_permutations)
        brk = _break(x, Y, break_year, min_documents, n_permutations, rng)
        note = (
            ""
            if tested
            else f"no interval or p-value: {n} documents in {n_years} distinct years "
            f"(needs {min_documents} documents and 3 years)"
        )
        for k, dom in enumerate(domains):
            rows.append(
                {
                    "level": level,
                    "group": group,
                    "domain": dom,
                    "n_documents": n,
                    "n_years": n_years,
                    "first_year": int(x.min()),
                    "last_year": int(x.max()),
                    "mean_share": float(Y[:, k].mean()),
                    "slope_per_decade": float(slope[k]),
                    "ci_low": float(lo[k]),
                    "ci_high": float(hi[k]),
                    "p_value": float(p[k]),
                    "p_is_bound": bool(bound[k]),
                    "break_year": break_year or np.nan,
                    **{key: val[k] if isinstance(val, np.ndarray) else val
                       for key, val in brk.items()},
                    "note": note,
                }
            )  # fmt: skip
    out = pd.DataFrame(rows)
    out["p_holm"] = holm(out["p_value"].to_numpy(float))
    out["break_p_holm"] = holm(out["break_p_value"].to_numpy(float))
    out["firm"] = (out["p_holm"] < 0.05) & ((out["ci_low"] > 0) | (out["ci_high"] < 0))
    return out[TREND_COLUMNS]


def _break(x, Y, year, min_documents, n_permutations, rng) -> dict:
    """Mean share before and after ``year`` (``year`` itself is after), and a permutation
    p-value for the difference, when each side has ``min_documents`` documents."""
    k = Y.shape[1]
    nan = np.full(k, np.nan)
    empty = {"n_before": 0, "n_after": 0, "share_before": nan, "share_after": nan,
             "break_difference": nan, "break_p_value": nan, "break_p_is_bound": np.zeros(k, bool)}  # fmt: skip
    if not year:
        return empty
    after = x >= year
    n_a, n_b = int(after.sum()), int((~after).sum())
    if not n_a or not n_b:
        return empty | {"n_before": n_b, "n_after": n_a}
    diff = Y[after].mean(axis=0) - Y[~after].mean(axis=0)
    p, bound = nan, np.zeros(k, bool)
    if n_a >= min_documents and n_b >= min_documents:
        masks = rng.permuted(np.tile(after, (n_permutations, 1)), axis=1)
        perm = (masks.astype(float) @ Y) / n_a - ((~masks).astype(float) @ Y) / n_b
        p, bound = _p((np.abs(perm) >= np.abs(diff) - 1e-12).sum(axis=0), n_permutations)
    return {
        "n_before": n_b,
        "n_after": n_a,
        "share_before": Y[~after].mean(axis=0),
        "share_after": Y[after].mean(axis=0),
        "break_difference": diff,
        "break_p_value": p,
        "break_p_is_bound": bound,
    }


def over_time_tables(
    documents: pd.DataFrame,
    overview: pd.DataFrame,
    *,
    livelihood: Sequence[str],
    time_by: str = defaults.TIME_BY,
    bins: Sequence[int] | str = (),
    break_year: int | None = None,
    min_documents: int = defaults.MIN_DOCUMENTS,
    n_bootstrap: int = defaults.N_BOOTSTRAP,
    random_state: int = defaults.RANDOM_STATE,
) -> dict[str, pd.DataFrame]:
    """Notebook 03's time tables: ``priorities_over_time`` and ``priority_trends`` (both empty,
    with their columns, when ``time_by`` is empty or not a column of the overview)."""
    if isinstance(bins, str):
        bins = parse_bins(bins)
    if not time_by or time_by not in overview.columns:
        return {
            "priorities_over_time": pd.DataFrame(columns=OVER_TIME_COLUMNS),
            "priority_trends": pd.DataFrame(columns=TREND_COLUMNS),
        }
    over = shares_over_time(
        documents,
        overview,
        livelihood=livelihood,
        time_by=time_by,
        bins=bins,
        min_documents=min_documents,
        n_bootstrap=n_bootstrap,
        random_state=random_state,
    )
    trend = trends(
        documents,
        overview,
        livelihood=livelihood,
        time_by=time_by,
        break_year=break_year or None,
        min_documents=min_documents,
        n_permutations=N_PERMUTATIONS,
        n_bootstrap=n_bootstrap,
        random_state=random_state,
    )
    return {"priorities_over_time": over, "priority_trends": trend}  # fmt: skip
