"""Figures of notebook 02: topic × group prevalence heatmap and the n_topics scan.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd
>>> p = pd.DataFrame({"group": ["江苏", "天津"], "topic": [1, 1], "label": ["养老·机构"] * 2,
...                   "prevalence": [0.6, 0.4], "ci_low": [0.5, 0.3], "ci_high": [0.7, 0.5]})
>>> prevalence_heatmap(p).axes[0].get_xlabel()
'region'
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from policystudy.core import defaults
from policystudy.report import plots

__all__ = ["n_topics_scan", "prevalence_heatmap"]


def prevalence_heatmap(
    prevalence: pd.DataFrame,
    *,
    title: str | None = None,
    group_by: str = defaults.GROUP_BY,
    group_names=None,
):
    """Topic × group heatmap of prevalence in percent, each cell annotated with its 95% CI
    where it has one.

    A background topic (column ``background``, see :func:`policystudy.topics.background_topic`)
    is drawn last, below a line and labelled as such, so the eye reads the distinctive topics
    first.

    Parameters
    ----------
    prevalence : pandas.DataFrame
        ``group, topic, label, prevalence, ci_low, ci_high`` from
        :func:`policystudy.topics.topic_prevalence`, optionally ``background`` and
        ``resampled`` (the title names the bootstrap; NaN intervals are not drawn).
    title : str, optional
    group_by : str
        The grouping column, named on the x-axis and in the title.
    group_names : mapping, optional
        Column labels per group.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> p = pd.DataFrame({"group": ["东北", "华东"], "topic": [1, 1], "label": ["养老·机构"] * 2,
    ...                   "prevalence": [0.6, 0.4], "ci_low": [0.5, 0.3], "ci_high": [0.7, 0.5]})
    >>> fig = prevalence_heatmap(p, group_by="bloc")
    >>> fig.axes[0].get_xlabel(), fig.axes[1].get_ylabel()
    ('bloc', '占比 share (%)')
    """
    plots.setup()
    d = prevalence.sort_values(["topic", "group"], kind="stable")
    value = d.pivot(index="topic", columns="group", values="prevalence") * 100
    low = d.pivot(index="topic", columns="group", values="ci_low") * 100
    high = d.pivot(index="topic", columns="group", values="ci_high") * 100
    first = d.drop_duplicates("topic").set_index("topic")
    background = (
        first["background"].astype(bool) if "background" in first.columns else first["label"] == ""
    ) & (first["label"] != "")
    order = [t for t in value.index if not background[t]] + [
        t for t in value.index if background[t]
    ]
    value, low, high = value.loc[order], low.loc[order], high.loc[order]
    labels = [
        f"{t}. {first.at[t, 'label']}" + ("  (背景 background)" if background[t] else "")
        for t in order
    ]
    n_t, n_g = value.shape
    fig, ax = plt.subplots(figsize=(1.6 * n_g + 3.6, 0.62 * n_t + 1.8))
    im = ax.imshow(value.to_numpy(), cmap="YlOrRd", vmin=0, aspect="auto")
    columns = [str(group_names.get(g, g)) if group_names else str(g) for g in value.columns]
    ax.set_xticks(
        range(n_g), columns, rotation=30 if n_g > 4 else 0, ha="right" if n_g > 4 else "center"
    )
    ax.set_yticks(range(n_t), labels)
    vmax = float(value.to_numpy().max())
    for i in range(n_t):
        for j in range(n_g):
            v, lo, hi = value.iat[i, j], low.iat[i, j], high.iat[i, j]
            # An interval only where there is one (a group too small to resample has none).
            ci = f"\n[{lo:.0f}, {hi:.0f}]" if pd.notna(lo) and pd.notna(hi) else ""
            ax.text(
                j, i, f"{v:.0f}%{ci}", ha="center", va="center", fontsize=7,
                color="white" if v > 0.6 * vmax else "black",
            )  # fmt: skip
    if background.any() and n_t > 1:
        ax.axhline(n_t - 1.5, color="black", linewidth=1.2)
    fig.colorbar(im, ax=ax, label="占比 share (%)")
    noun = plots.group_noun(group_by)
    ax.set_xlabel(noun)
    ax.set_ylabel("主题 topic")
    ax.set_title(title or f"主题占比 Topic prevalence by {noun}\n({_interval_note(d)})")
    fig.tight_layout()
    return fig


def _interval_note(prevalence: pd.DataFrame) -> str:
    """The title's note on the intervals: which bootstrap, and only if there are any."""
    if prevalence[["ci_low", "ci_high"]].isna().all(axis=None):
        return "%, 无置信区间 no intervals"
    kind = (
        prevalence["resampled"].fillna("").astype(str)
        if "resampled" in prevalence.columns
        else pd.Series("paragraphs", index=prevalence.index)
    )
    if (kind == "documents").any():
        partial = (kind == "").any()
        return "%, 95% 文档自助法置信区间 document-bootstrap CI" + (
            ",\nshown where a group has enough documents to resample" if partial else ""
        )
    return "%, 95% 段落自助法置信区间 paragraph-bootstrap CI"


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
