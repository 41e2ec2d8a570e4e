"""Priorities over time: small multiples of domain shares, one line a group (notebook 03).

Each panel is one domain (livelihood text as a whole first, then the domains with the largest
mean share), its y axis the mean document share of *all analysed text* per period. The corpus
line is black, with a band where the period has enough documents for a document bootstrap;
groups are coloured lines when there are several and not too many to tell apart.

Examples
--------
>>> import pandas as pd
>>> t = pd.DataFrame({"level": "corpus", "group": "", "period": ["2001", "2011"],
...     "period_start": [2001, 2011], "period_end": [2001, 2011], "domain": "livelihood",
...     "n_documents": [1, 1], "share_all": [0.1, 0.3], "ci_low": float("nan"),
...     "ci_high": float("nan"), "share_livelihood": float("nan")})
>>> fig = over_time_figure(t, labels={}, group_by="province")
>>> fig.axes[0].get_title(), fig._suptitle.get_text()
('民生合计 All livelihood domains', 'Share of all analysed text over time, by province (2 documents)')
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator, PercentFormatter

from policystudy.core import defaults
from policystudy.report import plots

MAX_PANELS = 8
LIVELIHOOD_LABEL = "民生合计 All livelihood domains"
# Past this many groups the lines are a tangle: the figure shows the corpus line only.
MAX_GROUP_LINES = len(plots.PALETTE)


def _x(frame: pd.DataFrame) -> np.ndarray:
    return (frame["period_start"].to_numpy(float) + frame["period_end"].to_numpy(float)) / 2


def panel_domains(over_time: pd.DataFrame, *, max_panels: int = MAX_PANELS) -> list[str]:
    """``livelihood`` first, then the domains with the largest mean corpus share."""
    corpus = over_time[over_time["level"] == "corpus"]
    means = corpus.groupby("domain")["share_all"].mean()
    rest = means.drop("livelihood", errors="ignore")
    rest = rest.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    head = ["livelihood"] if "livelihood" in means.index else []
    return head + list(rest.index[: max_panels - len(head)])


def over_time_figure(
    over_time: pd.DataFrame,
    *,
    labels: Mapping[str, str],
    group_by: str = defaults.GROUP_BY,
    max_panels: int = MAX_PANELS,
):
    """Small multiples of each domain's share of all text per period (see the module)."""
    plots.setup()
    domains = panel_domains(over_time, max_panels=max_panels)
    ncols = min(4, max(1, len(domains)))
    nrows = max(1, int(np.ceil(len(domains) / ncols)))
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.2 * ncols, 2.6 * nrows + 0.8),
                             sharex=True, squeeze=False)  # fmt: skip
    groups = over_time.loc[over_time["level"] == "group", "group"].astype(str)
    palette = plots.group_palette(groups)
    draw_groups = 1 < len(palette) <= MAX_GROUP_LINES
    corpus = over_time[over_time["level"] == "corpus"]
    n_docs = int(corpus.drop_duplicates("period")["n_documents"].sum())
    for ax, dom in zip(axes.flat, domains, strict=False):
        c = corpus[corpus["domain"] == dom].sort_values("period_start")
        x = _x(c)
        band = c["ci_low"].notna().to_numpy()
        if band.any():
            ax.fill_between(x[band], c["ci_low"].to_numpy(float)[band],
                            c["ci_high"].to_numpy(float)[band], color="0.85", lw=0)  # fmt: skip
        ax.plot(x, c["share_all"], color="black", lw=1.4, marker="." if len(c) < 30 else None,
                label="all documents", zorder=3)  # fmt: skip
        if draw_groups:
            sub = over_time[(over_time["level"] == "group") & (over_time["domain"] == dom)]
            for g, gs in sub.groupby("group", sort=True):
                gs = gs.sort_values("period_start")
                ax.plot(_x(gs), gs["share_all"], color=palette[str(g)], lw=1, alpha=0.9,
                        marker=".", label=str(g))  # fmt: skip
        ax.set_title(labels.get(dom, LIVELIHOOD_LABEL if dom == "livelihood" else dom), fontsize=9)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.tick_params(labelsize=7)
        ax.margins(y=0.1)
        ax.set_ylim(bottom=0)
    for ax in list(axes.flat)[len(domains) :]:
        ax.set_visible(False)
    noun = plots.group_noun(group_by)
    fig.suptitle(
        f"Share of all analysed text over time, by {noun} ({n_docs} document"
        f"{'' if n_docs == 1 else 's'})",
        fontsize=10,
    )
    if draw_groups:
        handles, names = axes.flat[0].get_legend_handles_labels()
        fig.legend(handles, names, loc="lower center", ncol=min(6, len(names)), fontsize=7,
                   frameon=False, title=noun, title_fontsize=7)  # fmt: skip
    fig.tight_layout(rect=(0, 0.08 if draw_groups else 0, 1, 0.95))
    return fig


def over_time_caption(over_time: pd.DataFrame, *, min_documents: int) -> str:
    """What the figure rests on: periods, documents, and where bands are drawn."""
    corpus = over_time[over_time["level"] == "corpus"].drop_duplicates("period")
    if corpus.empty:
        return "No document has a readable year: nothing is drawn."
    n = int(corpus["n_documents"].sum())
    banded = int((corpus["n_documents"] >= min_documents).sum())
    return (
        f"Mean share of all analysed text per period ({len(corpus)} periods, {n} documents, "
        "each document counted once); 'livelihood' is all livelihood domains together. Grey "
        f"bands: document-bootstrap 95% intervals, drawn for the {banded} periods with at least "
        f"{min_documents} documents."
    )
