"""Figures of the quantified targets (notebook 04).

Two figures: how many targets each group sets in each livelihood domain (stacked bars), and
the canonical indicators that two or more places share, side by side (one panel per
indicator, because units differ: %, 人, 岁).

Examples
--------
>>> import pandas as pd
>>> t = pd.DataFrame({"group": ["Jiangsu", "Tianjin"], "domain": ["employment", ""],
...                   "kind": ["target", "target"]})
>>> fig = targets_by_domain(t)
>>> fig.axes[0].get_title()
'量化目标数(按region与领域) Quantified targets per region, by domain'
"""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from policystudy.core import defaults
from policystudy.domains import Taxonomy, load_taxonomy
from policystudy.report import plots

UNCLASSIFIED = "未分类 Unclassified"
KIND_LABELS = {
    "target": "目标 target",
    "status": "现状 status",
    "rule": "规则 rule",
    "placeholder": "占位 placeholder",
}
KIND_HATCH = {"target": "", "status": "//", "rule": "..", "placeholder": ""}


def _domain_labels(codes: list[str], taxonomy: Taxonomy | Path | str | None) -> dict[str, str]:
    try:
        tax = taxonomy if isinstance(taxonomy, Taxonomy) else load_taxonomy(taxonomy)
    except (OSError, ValueError):
        tax = None
    labels = {}
    for code in codes:
        if not code:
            labels[code] = UNCLASSIFIED
            continue
        try:
            labels[code] = tax.domain(code).label if tax is not None else code
        except KeyError:
            labels[code] = code
    return labels


def _domain_order(codes: list[str], taxonomy) -> list[str]:
    try:
        tax = taxonomy if isinstance(taxonomy, Taxonomy) else load_taxonomy(taxonomy)
        order = {c: i for i, c in enumerate(tax.codes)}
    except (OSError, ValueError):
        order = {}
    # Taxonomy order first, unknown codes alphabetically after, unclassified last.
    return sorted(codes, key=lambda c: (c == "", order.get(c, len(order)), c))


def targets_by_domain(
    targets: pd.DataFrame,
    *,
    kinds: tuple[str, ...] = ("target",),
    taxonomy: Taxonomy | Path | str | None = None,
    group_by: str = defaults.GROUP_BY,
):
    """Stacked bars: number of quantified targets per group, split by the paragraph's domain.

    Parameters
    ----------
    targets : pandas.DataFrame
        Columns ``group``, ``domain`` (empty when unknown) and ``kind``.
    kinds : tuple of str, keyword-only
        Kinds counted (default only numeric commitments, ``target``).
    group_by : str, keyword-only
        The manifest column the groups come from (names them in the title).
    taxonomy : Taxonomy or path, keyword-only
        For bilingual domain labels and their order; ``None`` reads the packaged taxonomy.

    Returns
    -------
    matplotlib.figure.Figure
    """
    plots.setup()
    df = targets[targets["kind"].isin(kinds)].copy()
    df["domain"] = df["domain"].fillna("").astype(str)
    df["group"] = df["group"].astype(str)
    table = (
        df.groupby(["group", "domain"]).size().unstack("domain", fill_value=0)
        if len(df)
        else pd.DataFrame()
    )
    groups = sorted(table.index) if len(table) else []
    codes = _domain_order(list(table.columns), taxonomy) if len(table) else []
    labels = _domain_labels(codes, taxonomy)
    fig, ax = plt.subplots(figsize=(7.5, 0.6 * max(len(groups), 2) + 1.6))
    left = pd.Series(0, index=groups, dtype=float)
    for i, code in enumerate(codes):
        values = table.loc[groups, code].astype(float)
        color = "#a0a0a0" if code == "" else plots.PALETTE[i % len(plots.PALETTE)]
        ax.barh(groups, values, left=left, color=color, label=labels[code], edgecolor="white")
        for g in groups:
            if values[g] > 0:
                ax.text(left[g] + values[g] / 2, g, f"{int(values[g])}", ha="center",
                        va="center", fontsize=8, color="white")  # fmt: skip
        left += values
    for g in groups:
        ax.text(left[g] + 0.2, g, f"{int(left[g])}", va="center", fontsize=9)
    ax.invert_yaxis()
    ax.set_xlabel("量化目标数 Number of quantified targets")
    noun = plots.group_noun(group_by)
    ax.set_title(f"量化目标数(按{noun}与领域) Quantified targets per {noun}, by domain")
    ax.set_ylabel(noun)
    if not len(df):
        ax.text(0.5, 0.5, "无数据 No targets", ha="center", va="center", transform=ax.transAxes)
    elif codes:
        ax.legend(loc="lower right", frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


def value_label(value: float, comparator: str = "=", value_high: float | None = None) -> str:
    """A value as a reader writes it: no exponent, thousands grouped, 万 for large counts.

    Examples
    --------
    >>> value_label(1442000.0), value_label(21500.0, "≥"), value_label(3.5, "≤"), value_label(6, "=", 6.5)
    ('144.2万', '≥2.15万', '≤3.5', '6–6.5')
    """

    def one(v: float) -> str:
        if abs(v) >= 1e12:
            return f"{v / 1e12:.4g}万亿"
        if abs(v) >= 100_000_000:
            return f"{v / 100_000_000:.4g}亿"
        if abs(v) >= 10_000:
            return f"{v / 10_000:.4g}万"
        return f"{v:,.4g}" if abs(v) < 1000 else f"{v:,.0f}"

    text = one(float(value))
    if value_high is not None and not pd.isna(value_high):
        text = f"{text}–{one(float(value_high))}"
    return ("" if comparator in ("=", "", None) else comparator) + text


def _panels(n_panels: int, *, row_height: float, extra: float, empty: str):
    """A grid of up to three panels a row for ``n_panels`` indicators, the unused panels hidden;
    with none, one panel that says ``empty``."""
    n = max(n_panels, 1)
    ncols = min(n, 3)
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(max(4.6 * ncols, 8.5),
                             row_height * nrows + extra), squeeze=False)  # fmt: skip
    for ax in axes.flat[n_panels:]:
        ax.set_visible(False)
    if not n_panels:
        ax = axes.flat[0]
        ax.set_visible(True)
        ax.text(0.5, 0.5, empty, ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
    return fig, axes


def shared_indicators(
    shared: pd.DataFrame,
    *,
    group_by: str = defaults.GROUP_BY,
    max_panels: int = 9,
    max_bars: int = 24,
):
    """Horizontal bars of the comparable values of indicators that two or more groups commit to.

    Takes the table of :func:`policystudy.targets.shared_indicators`: only rows marked
    ``compared`` are drawn (same scope, period, value type and base unit); the panel title
    says how many values of the indicator were left out as not comparable. One panel per
    canonical indicator, one bar per value, coloured by group with the same colour in every
    panel; the label gives the value as written (≥, ranges, 万) and its deadline.

    Parameters
    ----------
    shared : pandas.DataFrame
        Columns of :data:`policystudy.targets.SHARED_COLUMNS`.
    group_by : str, keyword-only
        The manifest column the groups come from (names the groups in the title).
    max_panels, max_bars : int, keyword-only
        At most this many indicators, and bars per panel (the title says how many are hidden).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"canonical_indicator": ["参保率"] * 2, "group": ["天津", "江苏"],
    ...     "doc_id": ["a", "b"], "value_normalized": [98.0, 98.0], "value": [98.0, 98.0],
    ...     "value_high": [None, None], "unit_base": ["%", "%"], "comparator": ["=", "≥"],
    ...     "scope": ["职工", "职工"], "period_class": ["level by a date"] * 2,
    ...     "value_type": ["share"] * 2, "year_to": [2020, 2020], "compared": [True, True],
    ...     "kind": ["target"] * 2})
    >>> [ax.get_title() for ax in shared_indicators(t).axes if ax.get_visible()]
    ['参保率 (%, 职工, level by a date)']
    """
    plots.setup()
    noun = plots.group_noun(group_by)
    df = shared.copy()
    df["group"] = df["group"].astype(str)
    df["value_normalized"] = pd.to_numeric(df["value_normalized"], errors="coerce")
    palette = plots.group_palette(df["group"]) if len(df) else {}
    compared = df[df["compared"].astype(bool)]
    left_out = df[~df["compared"].astype(bool)].groupby("canonical_indicator").size()
    counts = compared.groupby("canonical_indicator")["group"].nunique()
    order = sorted(counts[counts >= 2].index, key=lambda n: (-counts[n], n))[:max_panels]
    heights = [
        0.42 * min(len(compared[compared["canonical_indicator"] == name]), max_bars) + 1.3
        for name in order
    ] or [2.5]
    fig, axes = _panels(
        len(order),
        row_height=max(heights),
        extra=1.2,
        empty=f"没有两个以上{noun}可比的共同指标\nNo indicator with comparable values in two or "
        f"more {noun}s",
    )
    for ax, name in zip(axes.flat, order, strict=False):
        sub = (
            compared[compared["canonical_indicator"] == name]
            .sort_values(["group", "doc_id", "value_normalized"], kind="mergesort")
            .reset_index(drop=True)
        )
        hidden = max(len(sub) - max_bars, 0)
        sub = sub.head(max_bars)
        ys = list(range(len(sub)))
        values = sub["value_normalized"].fillna(0.0)
        ax.barh(ys, values, color=[palette[g] for g in sub["group"]], edgecolor="black",
                linewidth=0.4)  # fmt: skip
        xmax = float(values.max()) if len(values) else 1.0
        for y, rec in zip(ys, sub.itertuples(index=False), strict=True):
            label = value_label(rec.value_normalized, rec.comparator,
                                _scaled_high(rec))  # fmt: skip
            ax.text(float(values[y]) + xmax * 0.02, y, label, va="center", fontsize=8)
        ticks = [f"{r.group} · {r.doc_id}{_by_when(r)}" for r in sub.itertuples(index=False)]
        ax.set_yticks(ys, ticks, fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(0, xmax * 1.35 if xmax > 0 else 1.0)
        first = sub.iloc[0]
        facets = ", ".join(
            x for x in (first["unit_base"], first["scope"], first["period_class"]) if x
        )
        title = f"{name} ({facets})" if facets else name
        extra = []
        if hidden:
            extra.append(f"+{hidden} more not shown")
        if int(left_out.get(name, 0)):
            extra.append(f"{int(left_out[name])} not comparable, left out")
        ax.set_title(title + ("\n(" + "; ".join(extra) + ")" if extra else ""), fontsize=10)
        ax.xaxis.set_major_formatter(
            plt.FuncFormatter(lambda v, _pos: value_label(v) if v else "0")
        )
        ax.tick_params(axis="x", labelsize=7)
    handles = [Patch(facecolor=palette[g], edgecolor="black", label=g) for g in palette]
    if handles:
        fig.legend(handles=handles, loc="lower center", ncol=min(len(handles), 6), frameon=False,
                   fontsize=8, title=noun, title_fontsize=8)  # fmt: skip
    fig.suptitle(
        f"两个以上{noun}共同承诺的量化目标(仅可比值)\nTargets committed to by two or more "
        f"{noun}s (comparable values only)",
        fontsize=11,
    )
    fig.tight_layout(rect=(0, 0.12 if handles else 0, 1, 0.88))
    return fig


def _by_when(rec) -> str:
    # The deadline year, else the deadline as written (到202x年 has no year to show).
    year = pd.to_numeric(pd.Series([getattr(rec, "year_to", None)]), errors="coerce").iloc[0]
    if not pd.isna(year):
        return f" ({int(year)})"
    written = str(getattr(rec, "deadline", "") or "")
    return f" ({written})" if written and written != "nan" else ""


def _scaled_high(rec) -> float | None:
    # value_high is written in the unit as written; scale it like value_normalized.
    high = getattr(rec, "value_high", None)
    value = getattr(rec, "value", None)
    if high is None or pd.isna(high) or value is None or pd.isna(value) or not value:
        return None
    return float(high) * float(rec.value_normalized) / float(value)


def targets_over_time(over: pd.DataFrame, *, min_years: int = 3, max_panels: int = 9):
    """Each indicator's own-year targets by year: one panel and one line per indicator.

    Takes the table of :func:`policystudy.targets.targets_over_time`: only rows ``in_series``
    are drawn, for indicators with points in ``min_years`` or more different years, largest
    series first. One panel per indicator because units differ (万人, %); values in the unit as
    written, a marker per document, and a line only between consecutive years: a year without a
    point breaks the line, so no value is drawn for a year no document set.

    Examples
    --------
    >>> t = pd.DataFrame({"canonical_indicator": ["新增就业"] * 3, "year": [2004, 2017, 2025],
    ...     "in_series": [True] * 3, "value": [900.0, 1100.0, 1200.0], "unit": ["万人"] * 3,
    ...     "scope": ["城镇"] * 3, "value_type": ["level"] * 3})
    >>> [ax.get_title() for ax in targets_over_time(t).axes if ax.get_visible()]
    ['新增就业 (城镇, 万人; 3 years)']
    """
    plots.setup()
    df = over[over["in_series"].astype(str).isin(["True", "true", "1"])].copy()
    df["year"] = pd.to_numeric(df["year"], errors="coerce")
    df["value"] = pd.to_numeric(df["value"], errors="coerce")
    df = df.dropna(subset=["year", "value"])
    sizes = df.groupby("canonical_indicator")["year"].nunique()
    order = sorted((n for n in sizes.index if sizes[n] >= min_years), key=lambda n: (-sizes[n], n))
    order = order[:max_panels]
    fig, axes = _panels(
        len(order),
        row_height=3.0,
        extra=1.0,
        empty=f"没有指标在{min_years}个以上年份设有当年目标\nNo indicator has targets for its "
        f"document's own year in {min_years} or more years",
    )
    palette = plots.PALETTE
    for i, (ax, name) in enumerate(zip(axes.flat, order, strict=False)):
        sub = df[df["canonical_indicator"] == name].sort_values("year", kind="mergesort")
        color = palette[i % len(palette)]
        # NaN in the missing years breaks the line there: a gap is not drawn as a slope
        by_year = sub.groupby("year")["value"].mean()
        line = by_year.reindex(range(int(by_year.index.min()), int(by_year.index.max()) + 1))
        ax.plot(line.index, line.to_numpy(), linewidth=1.2, color=color)
        ax.plot(sub["year"], sub["value"], marker="o", markersize=4, linestyle="none",
                color=color)  # fmt: skip
        first = sub.iloc[0]
        facets = ", ".join(
            str(x)
            for x in (first.get("scope", ""), first.get("unit", ""))
            if str(x) not in ("", "nan")
        )
        ax.set_title(f"{name} ({facets}; {int(sizes[name])} years)", fontsize=10)
        ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
        ax.tick_params(labelsize=7)
        ax.grid(axis="y", linewidth=0.3)
    fig.suptitle(
        "各指标当年目标(按文件年份)\nEach indicator's target for the document's own year, by year",
        fontsize=11,
    )
    fig.tight_layout(rect=(0, 0, 1, 0.88))
    return fig
