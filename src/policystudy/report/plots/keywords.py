"""Figures of notebook 01: keyness bars per group and TF-IDF similarity heatmaps.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd
>>> k = pd.DataFrame({"group": ["辽宁", "辽宁"], "term": ["社保卡", "公办园"], "z": [2.1, 1.8]})
>>> keyness_bars(k, top=2).axes[0].get_title()
'辽宁'
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from policystudy.report import plots

__all__ = ["keyness_bars", "neighbour_histogram", "similarity_heatmap"]


def keyness_bars(keyness: pd.DataFrame, *, top: int = 10, ncols: int = 2, group_names=None):
    """Faceted horizontal bars of each group's ``top`` terms by keyness z-score.

    Parameters
    ----------
    keyness : pandas.DataFrame
        Columns ``group, term, z`` (as :func:`policystudy.stats.keyness.keyness_table` writes).
    top : int
        Terms per panel.
    ncols : int
        Panels per row.
    group_names : mapping, optional
        Panel titles per group (e.g. ``{"Liaoning": "辽宁 Liaoning"}``).

    Returns
    -------
    matplotlib.figure.Figure
    """
    plots.setup()
    groups = sorted(keyness["group"].unique())
    nrows = math.ceil(len(groups) / ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(4.2 * ncols, 0.32 * top * nrows + 1.0), squeeze=False
    )
    for ax, group in zip(axes.ravel(), groups, strict=False):
        d = keyness[keyness["group"] == group]
        d = d.sort_values(["z", "term"], ascending=[False, True], kind="stable").head(top)
        y = np.arange(len(d))[::-1]
        ax.barh(y, d["z"], color=plots.PALETTE[groups.index(group) % len(plots.PALETTE)])
        ax.set_yticks(y, d["term"])
        ax.set_title(str(group_names.get(group, group)) if group_names else str(group))
        ax.set_xlabel("z(对数几率比 log-odds)")
    for ax in axes.ravel()[len(groups) :]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig


MAX_ANNOTATED = 30


def similarity_heatmap(similarity: pd.DataFrame, *, level: str = "group", title: str | None = None):
    """Annotated heatmap of the cosine similarity table at one level.

    Parameters
    ----------
    similarity : pandas.DataFrame
        Long table ``level, item_a, item_b, cosine`` from
        :func:`policystudy.topics.similarity_table`.
    level : {"group", "document"}
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    plots.setup()
    d = similarity[similarity["level"] == level]
    if d.empty:
        raise ValueError(f"no rows with level {level!r} in the similarity table")
    square = (
        d.pivot(index="item_a", columns="item_b", values="cosine").sort_index().sort_index(axis=1)
    )
    n = len(square)
    # Size, labels and n² annotations grow with the items: past MAX_ANNOTATED items (a large
    # corpus, thousands of documents) the figure is capped in size and drawn without them,
    # else it needs gigabytes of memory to render.
    size = min(n, MAX_ANNOTATED)
    fig, ax = plt.subplots(figsize=(1.1 * size + 2.4, 0.9 * size + 1.6))
    im = ax.imshow(square.to_numpy(), vmin=0, vmax=1, cmap="Blues")
    if n <= MAX_ANNOTATED:
        ax.set_xticks(range(n), square.columns, rotation=45, ha="right")
        ax.set_yticks(range(n), square.index)
        for i in range(n):
            for j in range(n):
                v = square.iat[i, j]
                ax.text(
                    j, i, f"{v:.2f}", ha="center", va="center",
                    color="white" if v > 0.6 else "black",
                )  # fmt: skip
    else:
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel(f"{n} 项 items (sorted)")
    fig.colorbar(im, ax=ax, label="余弦相似度 cosine")
    ax.set_title(title or ("TF-IDF 相似度(地区)" if level == "group" else "TF-IDF 相似度(文件)"))
    fig.tight_layout()
    return fig


def neighbour_histogram(similarity: pd.DataFrame, *, groups: dict[str, str] | None = None):
    """Histogram of each document's similarity to its nearest other document.

    For corpora too large for a document heatmap (the ``neighbour`` level of
    :func:`policystudy.topics.similarity_table`). With ``groups`` (document -> group), the
    bars are split by whether the nearest document is in the same group.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = pd.DataFrame({"level": "neighbour", "item_a": ["a", "b", "c"],
    ...                   "item_b": ["b", "a", "a"], "cosine": [0.8, 0.8, 0.3]})
    >>> fig = neighbour_histogram(t, groups={"a": "辽宁", "b": "辽宁", "c": "吉林"})
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['同组 same group (2)', '异组 other group (1)']
    """
    plots.setup()
    from policystudy.topics import nearest_neighbours

    nearest = nearest_neighbours(similarity, groups or {})
    if nearest.empty:
        raise ValueError("no rows with level 'neighbour' in the similarity table")
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    bins = np.linspace(0, 1, 41)
    if groups:
        same = nearest["same_group"]
        for mask, label in ((same, "同组 same group"), (~same, "异组 other group")):
            ax.hist(nearest.loc[mask, "cosine"], bins=bins, alpha=0.75,
                    label=f"{label} ({int(mask.sum())})")  # fmt: skip
        ax.legend(frameon=False)
    else:
        ax.hist(nearest["cosine"], bins=bins)
    ax.set_xlabel("与最相似文件的余弦相似度 cosine to the nearest other document")
    ax.set_ylabel("文件数 documents")
    ax.set_title(f"最近邻文件 nearest documents ({len(nearest)} 个文件 documents)")
    fig.tight_layout()
    return fig
