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
'各地区量化目标数(按领域) Quantified targets per group, by domain'
"""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

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
):
    """Stacked bars: number of quantified targets per group, split by the paragraph's domain.

    Parameters
    ----------
    targets : pandas.DataFrame
        Columns ``group``, ``domain`` (empty when unknown) and ``kind``.
    kinds : tuple of str, keyword-only
        Kinds counted (default only commitments, ``target``).
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
    ax.set_title("各地区量化目标数(按领域) Quantified targets per group, by domain")
    if not len(df):
        ax.text(0.5, 0.5, "无数据 No targets", ha="center", va="center", transform=ax.transAxes)
    elif codes:
        ax.legend(loc="lower right", frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


def shared_indicators(
    targets: pd.DataFrame,
    *,
    by: str = "group",
    min_groups: int = 2,
    kinds: tuple[str, ...] = ("target", "status", "placeholder"),
    max_panels: int = 9,
    max_bars: int = 24,
):
    """Side-by-side bars of the canonical indicators that ``min_groups`` or more places share.

    One panel per canonical indicator (ordered by how many places share it, then by name); one
    bar per place and value, in the indicator's base unit. Reported facts are hatched, so a
    status is never read as a target; placeholders have no bar and are labelled ``20xx``.

    Parameters
    ----------
    targets : pandas.DataFrame
        Columns ``canonical_indicator``, ``value_normalized``, ``unit_base``, ``comparator``,
        ``deadline``, ``kind`` and the ``by`` column.
    by : str, keyword-only
        Column naming the places compared (e.g. ``group`` or a document label).
    min_groups : int, keyword-only
        Minimum number of distinct ``by`` values sharing an indicator.
    kinds : tuple of str, keyword-only
        Kinds shown.
    max_panels : int, keyword-only
        At most this many indicators are drawn.
    max_bars : int, keyword-only
        At most this many bars per panel (the first in place order); the title says how many
        were left out, so a corpus of thousands of documents still gives a readable figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"group": ["天津", "江苏"], "canonical_indicator": ["参保率", "参保率"],
    ...     "value_normalized": [98.0, 98.0], "unit_base": ["%", "%"], "comparator": ["=", "≥"],
    ...     "deadline": ["", "到2020年"], "kind": ["target", "target"], "unit": ["%", "%"],
    ...     "value": [98.0, 98.0]})
    >>> [ax.get_title() for ax in shared_indicators(t).axes if ax.get_visible()]
    ['参保率 (%)']
    """
    plots.setup()
    df = targets[
        targets["kind"].isin(kinds) & targets["canonical_indicator"].fillna("").astype(bool)
    ].copy()
    df[by] = df[by].astype(str)
    # Tables read back with empty strings kept hold "" for a placeholder's missing value.
    df["value_normalized"] = pd.to_numeric(df["value_normalized"], errors="coerce")
    df["deadline"] = df["deadline"].fillna("").astype(str)
    counts = df.groupby("canonical_indicator")[by].nunique()
    shared = counts[counts >= min_groups]
    order = sorted(shared.index, key=lambda name: (-shared[name], name))[:max_panels]
    n = max(len(order), 1)
    ncols = min(n, 3)
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, 3.2 * nrows), squeeze=False)
    for ax in axes.flat[len(order) :]:
        ax.set_visible(False)
    if not order:
        axes.flat[0].set_visible(True)
        axes.flat[0].text(0.5, 0.5, f"没有{min_groups}个以上地区共有的指标\nNo shared indicators",
                          ha="center", va="center", transform=axes.flat[0].transAxes)  # fmt: skip
        axes.flat[0].set_axis_off()
    for ax, name in zip(axes.flat, order, strict=False):
        sub = df[df["canonical_indicator"] == name]
        base = sub["unit_base"].fillna("").astype(str).value_counts().sort_index()
        unit = base.sort_values(ascending=False, kind="mergesort").index[0]
        sub = (
            sub[sub["unit_base"].fillna("").astype(str) == unit]
            .drop_duplicates([by, "value_normalized", "kind", "comparator", "deadline"])
            .sort_values([by, "kind", "value_normalized"], kind="mergesort")
            .reset_index(drop=True)
        )
        hidden = max(len(sub) - max_bars, 0)
        sub = sub.head(max_bars)
        xs = range(len(sub))
        places = sorted(sub[by].unique())
        colors = {p: plots.PALETTE[i % len(plots.PALETTE)] for i, p in enumerate(places)}
        heights = sub["value_normalized"].fillna(0.0)
        ax.bar(
            xs,
            heights,
            color=[colors[p] for p in sub[by]],
            hatch=None,
            edgecolor="black",
            linewidth=0.4,
        )
        for x, rec in zip(xs, sub.itertuples(index=False), strict=True):
            if KIND_HATCH.get(rec.kind):
                ax.patches[x].set_hatch(KIND_HATCH[rec.kind])
            if pd.isna(rec.value_normalized):
                label = "20xx"
            else:
                cmp = "" if rec.comparator == "=" else rec.comparator
                label = f"{cmp}{rec.value_normalized:g}"
            ax.text(x, heights[x], label, ha="center", va="bottom", fontsize=8)
        ticks = [
            f"{getattr(r, by)}\n{r.deadline or KIND_LABELS.get(r.kind, r.kind)}"
            for r in sub.itertuples(index=False)
        ]
        ax.set_xticks(list(xs), ticks, fontsize=7)
        title = f"{name} ({unit})" if unit else name
        ax.set_title(f"{title}\n(+{hidden} more not shown)" if hidden else title)
        ymax = float(heights.max()) if len(heights) else 1.0
        ax.set_ylim(0, ymax * 1.18 if ymax > 0 else 1.0)
    handles = [
        Patch(facecolor="white", edgecolor="black", hatch=KIND_HATCH[k], label=KIND_LABELS[k])
        for k in ("target", "status")
    ]
    fig.legend(handles=handles, loc="upper right", frameon=False, fontsize=8)
    fig.suptitle(
        f"{min_groups}个以上地区共有的量化指标 Indicators shared by ≥{min_groups} places",
        fontsize=12,
    )
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    return fig
