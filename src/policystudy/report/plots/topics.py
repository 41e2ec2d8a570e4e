"""Figures of notebook 02: topic × group prevalence heatmap and the n_topics scan.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd
>>> p = pd.DataFrame({"group": ["江苏", "天津"], "topic": [1, 1], "label": ["养老·机构"] * 2,
...                   "prevalence": [0.6, 0.4], "ci_low": [0.5, 0.3], "ci_high": [0.7, 0.5]})
>>> prevalence_heatmap(p).axes[0].get_xlabel()
'地区 group'
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from policystudy.report import plots

__all__ = ["n_topics_scan", "prevalence_heatmap"]


def prevalence_heatmap(prevalence: pd.DataFrame, *, title: str | None = None):
    """Topic × group heatmap of prevalence, each cell annotated with its 95% CI.

    Parameters
    ----------
    prevalence : pandas.DataFrame
        ``group, topic, label, prevalence, ci_low, ci_high`` from
        :func:`policystudy.topics.topic_prevalence`.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    plots.setup()
    d = prevalence.sort_values(["topic", "group"], kind="stable")
    value = d.pivot(index="topic", columns="group", values="prevalence")
    low = d.pivot(index="topic", columns="group", values="ci_low")
    high = d.pivot(index="topic", columns="group", values="ci_high")
    labels = d.drop_duplicates("topic").set_index("topic")["label"].reindex(value.index)
    n_t, n_g = value.shape
    fig, ax = plt.subplots(figsize=(1.6 * n_g + 3.2, 0.62 * n_t + 1.6))
    im = ax.imshow(value.to_numpy(), cmap="YlOrRd", vmin=0, aspect="auto")
    ax.set_xticks(range(n_g), value.columns)
    ax.set_yticks(range(n_t), [f"{t}. {lab}" for t, lab in labels.items()])
    vmax = float(value.to_numpy().max())
    for i in range(n_t):
        for j in range(n_g):
            v, lo, hi = value.iat[i, j], low.iat[i, j], high.iat[i, j]
            ax.text(
                j, i, f"{v:.2f}\n[{lo:.2f}, {hi:.2f}]", ha="center", va="center", fontsize=7,
                color="white" if v > 0.6 * vmax else "black",
            )  # fmt: skip
    fig.colorbar(im, ax=ax, label="主题占比 share of paragraph weight")
    ax.set_xlabel("地区 group")
    ax.set_ylabel("主题 topic")
    ax.set_title(title or "各地区主题占比(95% 自助法置信区间)")
    fig.tight_layout()
    return fig


def n_topics_scan(scan: pd.DataFrame):
    """Coherence and relative reconstruction error against the number of topics.

    Parameters
    ----------
    scan : pandas.DataFrame
        ``n_topics, relative_error, coherence, chosen`` from
        :func:`policystudy.topics.choose_n_topics`.

    Returns
    -------
    matplotlib.figure.Figure
    """
    plots.setup()
    fig, ax = plt.subplots(figsize=(6, 3.4))
    ax.plot(scan["n_topics"], scan["coherence"], marker="o", label="NPMI 一致性 coherence")
    chosen = scan[scan["chosen"]]
    ax.scatter(chosen["n_topics"], chosen["coherence"], s=120, facecolors="none",
               edgecolors="black", zorder=3, label="选定 chosen")  # fmt: skip
    ax.set_xlabel("主题数 n_topics")
    ax.set_ylabel("平均 NPMI")
    ax2 = ax.twinx()
    ax2.plot(scan["n_topics"], scan["relative_error"], color=plots.PALETTE[1], marker="s",
             label="相对重构误差 relative error")  # fmt: skip
    ax2.set_ylabel("相对重构误差")
    ax2.spines["right"].set_visible(True)
    handles = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
    ax.legend(handles, [h.get_label() for h in handles], loc="best")
    ax.set_title("主题数的选择 choosing n_topics")
    fig.tight_layout()
    return fig
