"""Figures of the livelihood priority profiles (notebook 03).

Every label is bilingual (Chinese, then English) and comes from the taxonomy, so a user domain
added in ``taxonomy.yaml`` appears without code changes.

Examples
--------
>>> import pandas as pd
>>> prof = pd.DataFrame({"group": ["江苏", "江苏"], "domain": ["health", "general"],
...     "share": [0.7, 0.3], "ci_low": [0.5, 0.1], "ci_high": [0.9, 0.5], "rank": [1, None],
...     "n_paragraphs": [5, 2]})
>>> fig = share_heatmap(prof)
>>> fig.axes[0].get_title().startswith("各地区")
True
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from policystudy.domains import GENERAL, Taxonomy, load_taxonomy
from policystudy.report import plots


def _tax(taxonomy: Taxonomy | Path | str | None) -> Taxonomy:
    return taxonomy if isinstance(taxonomy, Taxonomy) else load_taxonomy(taxonomy)


def _domain_order(profiles: pd.DataFrame, tax: Taxonomy, *, include_general: bool) -> list[str]:
    present = set(profiles["domain"])
    codes = [c for c in tax.codes if c in present]
    return codes if include_general else [c for c in codes if c != GENERAL]


def share_heatmap(
    profiles: pd.DataFrame,
    *,
    taxonomy: Taxonomy | Path | str | None = None,
    include_general: bool = True,
):
    """Group x domain heatmap of shares, annotated with percentages and within-group ranks.

    Parameters
    ----------
    profiles : pandas.DataFrame
        Output of :func:`policystudy.priorities.priority_profiles`.

    Returns
    -------
    matplotlib.figure.Figure
    """
    plots.setup()
    tax = _tax(taxonomy)
    codes = _domain_order(profiles, tax, include_general=include_general)
    groups = sorted(profiles["group"].astype(str).unique())
    table = profiles.pivot(index="group", columns="domain", values="share").reindex(
        index=groups, columns=codes
    )
    ranks = profiles.pivot(index="group", columns="domain", values="rank").reindex(
        index=groups, columns=codes
    )
    labels = tax.labels(lang="both")
    fig, ax = plt.subplots(figsize=(1.35 * len(codes) + 2.5, 0.7 * len(groups) + 2.2))
    values = table.to_numpy(dtype=float)
    im = ax.imshow(values, cmap="Blues", vmin=0, vmax=max(np.nanmax(values), 1e-9), aspect="auto")
    for i in range(len(groups)):
        for j in range(len(codes)):
            v = values[i, j]
            r = ranks.iloc[i, j]
            text = f"{v:.0%}" + (f"\n#{int(r)}" if pd.notna(r) else "")
            dark = v > 0.6 * np.nanmax(values)
            ax.text(
                j, i, text, ha="center", va="center", fontsize=8, color="white" if dark else "black"
            )
    ax.set_xticks(
        range(len(codes)), [labels[c].replace(" ", "\n", 1) for c in codes], rotation=0, fontsize=8
    )
    ax.set_yticks(range(len(groups)), groups)
    ax.set_title("各地区民生领域文本占比 Share of livelihood text by region and domain")
    ax.set_xlabel("领域 Domain")
    ax.set_ylabel("地区 Region")
    cbar = fig.colorbar(im, ax=ax, fraction=0.03)
    cbar.set_label("占比 Share")
    fig.tight_layout()
    return fig


def share_ci_chart(
    profiles: pd.DataFrame,
    *,
    taxonomy: Taxonomy | Path | str | None = None,
    include_general: bool = False,
):
    """Dot-and-whisker chart: each domain's share per group with its bootstrap 95 % CI.

    Domains are rows (taxonomy order), groups are colour-coded dots offset vertically.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> prof = pd.DataFrame({"group": ["吉林"], "domain": ["education"], "share": [0.4],
    ...     "ci_low": [0.2], "ci_high": [0.6], "rank": [1], "n_paragraphs": [8]})
    >>> len(share_ci_chart(prof).axes[0].lines) >= 1
    True
    """
    plots.setup()
    tax = _tax(taxonomy)
    codes = _domain_order(profiles, tax, include_general=include_general)
    groups = sorted(profiles["group"].astype(str).unique())
    labels = tax.labels(lang="both")
    fig, ax = plt.subplots(figsize=(8, 0.55 * len(codes) * max(1, len(groups) / 3) + 1.5))
    step = 0.8 / max(len(groups), 1)
    for g_i, group in enumerate(groups):
        sub = profiles[profiles["group"].astype(str) == group].set_index("domain").reindex(codes)
        y = np.arange(len(codes)) + (g_i - (len(groups) - 1) / 2) * step
        share = sub["share"].to_numpy(dtype=float)
        low = sub["ci_low"].to_numpy(dtype=float)
        high = sub["ci_high"].to_numpy(dtype=float)
        err = np.vstack([np.clip(share - low, 0, None), np.clip(high - share, 0, None)])
        color = plots.PALETTE[g_i % len(plots.PALETTE)]
        ax.errorbar(share, y, xerr=err, fmt="o", ms=4, capsize=2, lw=1, color=color, label=group)
    ax.set_yticks(range(len(codes)), [labels[c] for c in codes])
    ax.invert_yaxis()
    ax.set_xlim(0, None)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.set_xlabel("文本占比(自助法95%置信区间) Share of text (bootstrap 95% CI)")
    ax.set_title("各地区民生优先领域 Livelihood priorities by region")
    ax.legend(title="地区 Region", loc="lower right", fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig
