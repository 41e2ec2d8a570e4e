"""Targets of one indicator over time: the target each document sets for its own year.

A yearly document (a government work report) states this year's targets (今年城镇新增就业
1100万人以上) next to last year's results and the plan's five-year goals. Lined up by the
documents' years, its own-year targets make one series per canonical indicator: 900万人 in
2004 … 1200万人 in 2025. :func:`targets_over_time` builds that table; :func:`over_time_lines`
writes its paragraph of the report.

The rule, in full:

1. Only ``target`` rows with a canonical indicator, in a document with a year (manifest
   ``year``), are read. Reported results (``status``), ``unknown`` rows and commitments without
   a number are never in a series.
2. A row is a point of its document's year when its period is that year (period type ``year``
   with ``year_to`` equal to the document's year: 今年 in that year's report), or, second, when it
   has no period of its own and its sentence names 今年 (not 今年以来) and no other year
   (「今年经济社会发展主要预期目标是:…城镇新增就业900万人」: the extractor dates a number by its
   own clause, and the list after the colon has none). Every other period is left out: several
   years (十一五, 今后五年), every year of a span (每年, 年均), a level by a date (到2020年), a
   quarter, another year (明年, 去年), none at all.
3. Within an indicator only one kind of value is lined up: the same scope (城镇), value type
   (level, share, growth rate…) and base unit, the class holding the most years (ties: the
   first in sorted order). Points of another class are left out with what differs.
4. One point per document and indicator: a period row before an undated one, then the first in
   the targets table's order (sentence order). The others are left out, named.

Every row left out says why (``reason``), as :func:`~policystudy.targets.shared_indicators`
does; the table holds every ``target`` row of a canonical indicator, so a missing year can be
traced to its row.

Examples
--------
>>> t = pd.DataFrame({"doc_id": ["gwr2016", "gwr2017", "gwr2017"],
...     "sentence_id": ["a-s1", "b-s1", "b-s2"], "canonical_indicator": ["新增就业"] * 3,
...     "scope": ["城镇"] * 3, "value": [1000.0, 1314.0, 1100.0], "value_high": [None] * 3,
...     "unit": ["万人"] * 3, "value_normalized": [1e7, 1.314e7, 1.1e7], "unit_base": ["人"] * 3,
...     "comparator": ["≥", "=", "≥"], "value_type": ["level"] * 3, "period": ["今年"] * 3,
...     "period_type": ["year"] * 3, "year_to": [2016, 2016, 2017],
...     "kind": ["target", "status", "target"], "sentence": [""] * 3, "group": ["2013-2025"] * 3})
>>> docs = pd.DataFrame({"doc_id": ["gwr2016", "gwr2017"], "year": [2016, 2017]})
>>> targets_over_time(t, docs)[["year", "sentence_id", "in_series"]].values.tolist()
[[2016, 'a-s1', True], [2017, 'b-s2', True]]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import pandas as pd

from policystudy.core import tables as registry
from policystudy.core.markdown import md_text
from policystudy.text import numbers

# targets_over_time.csv as the table registry declares it (policystudy.core.table_specs).
OVER_TIME_COLUMNS = list(registry.table("targets_over_time").column_names)
#: Fewest different years an indicator's series needs to be described in the report.
MIN_YEARS = 3

# --- regexes -----------------------------------------------------------------------------------
# 今年 names the document's year; 今年以来 opens a review of its first months.
_THIS_YEAR = re.compile(r"今年(?!以来)|本年度")
# Another year in the sentence (「2012年,…城镇新增就业1266万人,为今年…打下好的基础」): the
# number may belong to it.
_OTHER_YEAR = re.compile(rf"(?:{numbers.YEAR})\s*年|去年|上年|明年|前年")

_FACETS = ("scope", "value_type", "unit_base")
_BASIS = {1: "period is the document's year", 2: "no period; its sentence names 今年 only"}


def _year(x) -> int | None:
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(x) else int(x)


def _text(x) -> str:
    return "" if x is None or (not isinstance(x, str) and pd.isna(x)) else str(x)


def _empty() -> pd.DataFrame:
    # Typed like a full table, so that ``over[over["in_series"]]`` works on it too.
    return pd.DataFrame(columns=OVER_TIME_COLUMNS).astype({"in_series": bool})


def own_year_rank(row: Mapping, year: int | None) -> tuple[int, str]:
    """Rank of a target row as a point of its document's ``year`` (1, 2; 0: not one) and why.

    Examples
    --------
    >>> own_year_rank({"period_type": "year", "year_to": 2017, "period": "今年"}, 2017)
    (1, "period is the document's year")
    >>> own_year_rank({"period_type": "multi-year", "year_from": 2016, "year_to": 2020,
    ...                "period": "“十三五”时期"}, 2017)
    (0, 'several years (“十三五”时期, 2016–2020): not an annual point')
    """
    if year is None:
        return 0, "the document has no year"
    ptype, period = _text(row.get("period_type")), _text(row.get("period"))
    y_to = _year(row.get("year_to"))
    if ptype == "year":
        if y_to == year:
            return 1, _BASIS[1]
        return 0, f"the year {y_to or '?'} ({period}), not the document's {year}"
    if ptype == "":
        sentence = _text(row.get("sentence"))
        if _THIS_YEAR.search(sentence) and not _OTHER_YEAR.search(sentence):
            return 2, _BASIS[2]
        return 0, "no period, and its sentence does not name 今年 alone"
    if ptype == "multi-year":
        span = f"{_year(row.get('year_from')) or '?'}–{y_to or '?'}"
        return 0, f"several years ({period}, {span}): not an annual point"
    if ptype == "annual":
        return 0, f"every year of a span ({period}): not one year's point"
    if ptype == "quarter":
        return 0, f"part of a year ({period}): not a whole year"
    return 0, f"a level by a date ({period or _text(row.get('deadline'))}): not the year's target"


def targets_over_time(
    targets: pd.DataFrame, documents: pd.DataFrame, *, kinds: tuple[str, ...] = ("target",)
) -> pd.DataFrame:
    """The own-year targets of each canonical indicator, one per document, by the documents' year.

    Parameters
    ----------
    targets : pandas.DataFrame
        The targets table (``targets.csv``).
    documents : pandas.DataFrame
        ``doc_id`` and, when the corpus has them, ``year`` (the manifest). Without a year
        column, or with no year at all, the result is empty.
    kinds : tuple of str, keyword-only
        The kinds lined up (only ``target`` by default: a result is not a target).

    Returns
    -------
    pandas.DataFrame
        :data:`OVER_TIME_COLUMNS`: every row of ``kinds`` with a canonical indicator, ``in_series``
        and its ``basis``, or why it is left out (``reason``); sorted by indicator, the series
        first by year, then the rest by year and sentence.
    """
    if "year" not in documents.columns or targets.empty:
        return _empty()
    years = {str(d): _year(y) for d, y in zip(documents["doc_id"], documents["year"], strict=True)}
    if not any(y is not None for y in years.values()):
        return _empty()
    df = targets[targets["kind"].astype(str).isin(list(kinds))].copy()
    df = df[df["canonical_indicator"].fillna("").astype(str) != ""]
    if df.empty:
        return _empty()
    df["_order"] = range(len(df))
    df["year"] = [years.get(str(d)) for d in df["doc_id"]]
    for col in _FACETS:
        df[col] = df[col].fillna("").astype(str) if col in df else ""
    ranked = [own_year_rank(r, y) for r, y in zip(df.to_dict("records"), df["year"], strict=True)]
    df["_rank"] = [r for r, _ in ranked]
    df["basis"] = [why if r else "" for r, why in ranked]
    df["reason"] = ["" if r else why for r, why in ranked]
    df["in_series"] = False
    for _name, sub in df[df["_rank"] > 0].groupby("canonical_indicator", sort=True):
        classes = sub.groupby(list(_FACETS), sort=True)["year"].nunique()
        best = sorted(classes.index, key=lambda k: (-classes[k], k))[0]
        same = pd.Series(True, index=sub.index)
        for facet, want in zip(_FACETS, best, strict=True):
            same &= sub[facet] == want
        for i, r in sub[~same].iterrows():
            df.at[i, "reason"] = "; ".join(
                f"{facet.replace('_', ' ')} {r[facet] or '(none)'}, not {want or '(none)'}"
                for facet, want in zip(_FACETS, best, strict=True)
                if r[facet] != want
            )
        kept = sub[same].sort_values(["doc_id", "_rank", "_order"], kind="mergesort")
        first = ~kept["doc_id"].duplicated(keep="first")
        df.loc[kept.index[first.to_numpy()], "in_series"] = True
        chosen = dict(zip(kept.loc[first, "doc_id"], kept.loc[first, "sentence_id"], strict=True))
        for i, r in kept[~first].iterrows():
            df.at[i, "reason"] = (
                f"a second point of the same document and year: {chosen[r['doc_id']]} is kept "
                "(a dated row first, then sentence order)"
            )
    df.loc[~df["in_series"], "basis"] = ""
    df["_y"] = df["year"].fillna(10**6)
    out = df.sort_values(
        ["canonical_indicator", "in_series", "_y", "_order"],
        ascending=[True, False, True, True],
        kind="mergesort",
    )
    for col in OVER_TIME_COLUMNS:
        if col not in out:
            out[col] = ""
    out["year"] = out["year"].astype("Int64")
    return out[OVER_TIME_COLUMNS].reset_index(drop=True)


# --- the report's paragraph ----------------------------------------------------------------------
def _plain(text: str, table: str, **where: object) -> str:
    return text


def _num(x) -> str:
    x = float(x)
    return f"{x:,.0f}" if x.is_integer() and abs(x) >= 1000 else f"{x:g}"


def _value(r) -> str:
    # The value as written (1,100万人), with its comparator when it is not a plain "=".
    cmp = _text(r["comparator"])
    high = _text(r["value_high"])
    high = f"–{_num(high)}" if high not in ("", "nan") else ""
    return ("" if cmp in ("", "=") else cmp) + _num(r["value"]) + high + _text(r["unit"])


def _turns(points: pd.DataFrame) -> list[tuple[int, str]]:
    """Points above or below both neighbouring points of the series (by year), with 'above' or
    'below': where the series moves against its neighbours. Only described, never tested."""
    vals = points["value_normalized"].astype(float).tolist()
    out = []
    for i in range(1, len(vals) - 1):
        if vals[i] > max(vals[i - 1], vals[i + 1]):
            out.append((i, "above"))
        elif vals[i] < min(vals[i - 1], vals[i + 1]):
            out.append((i, "below"))
    return out


def _point(r, name: str, cite: Callable[..., str]) -> str:
    # A value of the series with its year, linked to its row.
    text = cite(_value(r), "targets_over_time", canonical_indicator=name,
                sentence_id=r["sentence_id"])  # fmt: skip
    return f"{text} ({int(r['year'])})"


def over_time_lines(
    over: pd.DataFrame | None,
    *,
    has_years: bool,
    cite: Callable[..., str] | None = None,
    list_max: int = 10,
    kind_accuracy: float | None = None,
) -> str:
    """Markdown paragraph on the own-year targets over time (``targets_over_time.csv``).

    One line per indicator with points in :data:`MIN_YEARS` or more different years, largest
    series first (then by name), at most ``list_max``: the first and last year's values, the
    number of years, and each point above or below both its neighbours.

    Parameters
    ----------
    over : pandas.DataFrame or None
        The table of :func:`targets_over_time`; ``None``: ``""``.
    has_years : bool, keyword-only
        Whether the corpus has documents' years (else the paragraph says why it is empty).
    cite : callable, keyword-only
        ``cite(text, table, **where)`` making a number a link to its rows.
    list_max : int, keyword-only
        Most indicators named; the rest are counted and linked.
    kind_accuracy : float, keyword-only
        The extractor's blind kind accuracy on work reports, quoted when given.

    Examples
    --------
    >>> print(over_time_lines(pd.DataFrame(columns=OVER_TIME_COLUMNS), has_years=False))
    Targets over time: no document of this corpus has a year (manifest column `year`), so no target can be dated to its document's year (`targets_over_time.csv` is empty).
    """
    if over is None:
        return ""
    cite = cite or _plain
    link = cite("targets_over_time.csv", "targets_over_time")
    if not has_years:
        return (
            "Targets over time: no document of this corpus has a year (manifest column "
            "`year`), so no target can be dated to its document's year "
            "(`targets_over_time.csv` is empty)."
        )
    head = (
        "Targets over time: for each canonical indicator, the target each document sets for "
        "its own year (its period is the document's year, 今年; or it has no period and its "
        "sentence names 今年 and no other year), one per document (a dated row first, then "
        "sentence order), lined up only with the same scope, value type and base unit. Annual "
        "targets are read from each year's document; a reported result, a multi-year goal "
        "(十三五, 每年) or a level by a date is not a point, and every row left out says why "
        f"in {link}. A row may still be a result misread as a target"
        + (
            f" (the extractor's blind kind accuracy on work reports is {kind_accuracy:.2f})"
            if kind_accuracy is not None
            else ""
        )
        + ". A point above or below both neighbouring points is named, not tested."
    )
    series = over[over["in_series"].astype(str).isin(["True", "true", "1"])].copy()
    series["year"] = pd.to_numeric(series["year"], errors="coerce")
    sizes = series.groupby("canonical_indicator")["year"].nunique()
    names = sorted((n for n in sizes.index if sizes[n] >= MIN_YEARS), key=lambda n: (-sizes[n], n))
    if not names:
        # Nothing to line up: one sentence, not the whole method (a corpus of plans).
        n_docs = series["doc_id"].nunique()
        points = (
            cite(f"{len(series)} targets", "targets_over_time", in_series=True)
            + f" for their own year in {n_docs} document{'s' if n_docs != 1 else ''}"
            if len(series)
            else "no target for its own year"
        )
        return (
            f"Targets over time: no canonical indicator has targets for the document's own year "
            f"(今年) in {MIN_YEARS} or more different years ({points}; every other target row "
            f"of a canonical indicator says in {link} why it is not a point, such as a "
            "multi-year goal or a level by a date)."
        )
    rows = []
    for name in names[:list_max]:
        pts = series[series["canonical_indicator"] == name].sort_values("year", kind="mergesort")
        pts = pts.reset_index(drop=True)
        first, last = pts.iloc[0], pts.iloc[-1]

        n_years = int(sizes[name])
        count = cite(f"{n_years} years", "targets_over_time", canonical_indicator=name,
                     in_series=True)  # fmt: skip
        docs = f" ({len(pts)} documents: some years have several)" if len(pts) > n_years else ""
        scope = _text(first["scope"])
        label = f"**{md_text(name)}**" + (f" ({md_text(scope)})" if scope else "")
        turns = _turns(pts)
        moves = ""
        if turns:
            moves = (
                "; against its neighbours: "
                + ", ".join(
                    f"{_point(pts.iloc[i], name, cite)} {side} both {pts.iloc[i - 1]['year']:.0f} and "
                    f"{pts.iloc[i + 1]['year']:.0f}"
                    for i, side in turns[:3]
                )
                + (f" and {len(turns) - 3} more" if len(turns) > 3 else "")
            )
        rows.append(
            f"- {label}: {_point(first, name, cite)} → {_point(last, name, cite)}, targets in {count}{docs}{moves}"
        )
    more = len(names) - list_max
    if more > 0:
        rows.append(f"- and {more} more indicators in {link}")
    return head + "\n\n" + "\n".join(rows)
