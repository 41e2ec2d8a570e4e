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

from policystudy.core import defaults
from policystudy.report import plots
from policystudy.stats.keyness import Z_CRITICAL as Z_THRESHOLD

__all__ = ["keyness_bars", "keyness_caption", "neighbour_histogram", "similarity_heatmap"]


def keyness_bars(
    keyness: pd.DataFrame,
    *,
    top: int = 10,
    ncols: int = 2,
    group_names=None,
    group_by: str = defaults.GROUP_BY,
):
    """Faceted horizontal bars of each group's ``top`` terms by keyness z-score.

    Every panel shares one x-scale (z-scores compare across groups), each group keeps its
    colour of :func:`policystudy.report.plots.group_palette`, bars carry their z-score, and
    place names (column ``place``, when present) are marked with ◆.

    Parameters
    ----------
    keyness : pandas.DataFrame
        Columns ``group, term, z`` (as :func:`policystudy.stats.keyness.keyness_table` writes),
        optionally ``place``.
    top : int
        Terms per panel.
    ncols : int
        Panels per row.
    group_names : mapping, optional
        Panel titles per group (e.g. ``{"Liaoning": "辽宁 Liaoning"}``).
    group_by : str
        The grouping column, named in the title (:func:`policystudy.report.plots.group_noun`).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> k = pd.DataFrame({"group": ["东北", "华东"], "term": ["社保卡", "网格"], "z": [2.1, 3.4]})
    >>> fig = keyness_bars(k, top=1, group_by="bloc")
    >>> fig.axes[0].get_xlim() == fig.axes[1].get_xlim(), fig._suptitle.get_text()
    (True, '各组特征词 Distinctive terms by bloc')
    """
    plots.setup()
    groups = sorted(keyness["group"].astype(str).unique())
    palette = plots.group_palette(groups)
    ncols = max(1, min(ncols, len(groups)))
    nrows = math.ceil(len(groups) / ncols)
    fig, axes = plt.subplots(
        nrows,
        ncols,
        figsize=(4.4 * ncols, 0.32 * top * nrows + 1.4),
        squeeze=False,
        sharex=True,
    )
    shown = []
    for group in groups:
        d = keyness[keyness["group"].astype(str) == group]
        shown.append(d.sort_values(["z", "term"], ascending=[False, True], kind="stable").head(top))
    zmax = max([float(d["z"].max()) for d in shown if len(d)] + [1.0])
    for ax, group, d in zip(axes.ravel(), groups, shown, strict=False):
        y = np.arange(len(d))[::-1]
        # Bars below the report's threshold are drawn pale: the text lists only the others.
        strong = (d["z"].abs() >= Z_THRESHOLD).to_numpy()
        ax.barh(y[strong], d["z"][strong], color=palette[group])
        ax.barh(y[~strong], d["z"][~strong], color=palette[group], alpha=0.3)
        ax.axvline(Z_THRESHOLD, color="0.4", lw=0.8, ls="--")
        place = d["place"].astype(bool) if "place" in d.columns else pd.Series(False, d.index)
        labels = [f"{t} ◆" if p else t for t, p in zip(d["term"], place, strict=True)]
        ax.set_yticks(y, labels)
        for yi, z in zip(y, d["z"], strict=True):
            ax.text(z + zmax * 0.01, yi, f"{z:.1f}", va="center", fontsize=7)
        ax.set_title(str(group_names.get(group, group)) if group_names else str(group))
        ax.set_xlim(0, zmax * 1.15)
    for ax in axes.ravel()[len(groups) :]:
        ax.set_visible(False)
    # The lowest panel of each column carries the scale (a column may end above the last row).
    for col in range(ncols):
        shown_rows = [r for r in range(nrows) if r * ncols + col < len(groups)]
        if shown_rows:
            ax = axes[shown_rows[-1], col]
            ax.tick_params(labelbottom=True)
            ax.set_xlabel("z(对数几率比 log-odds ratio)")
    noun = plots.group_noun(group_by)
    fig.suptitle(f"各组特征词 Distinctive terms by {noun}")
    fig.tight_layout()
    return fig


def keyness_caption(keyness: pd.DataFrame, *, group_by: str = defaults.GROUP_BY) -> str:
    """Caption of :func:`keyness_bars`: what the bars rest on.

    Examples
    --------
    >>> k = pd.DataFrame({"group": ["东北", "华东"], "term": ["长白山", "网格"], "z": [2.1, 3.4],
    ...                   "place": [True, False]})
    >>> keyness_caption(k, group_by="bloc")  # doctest: +NORMALIZE_WHITESPACE
    'Most distinctive terms of each bloc against the other blocs (z-score of the log-odds
    ratio, informative Dirichlet prior; one x-scale for all panels). The dashed line is |z| =
    1.96, the threshold of the lists in the report; paler bars fall below it. ◆ marks a place
    name. Function words, dates and person names are never terms (term_kinds.csv).'
    """
    noun = plots.group_noun(group_by)
    place = (
        " ◆ marks a place name."
        if "place" in keyness.columns and keyness["place"].astype(bool).any()
        else ""
    )
    return (
        f"Most distinctive terms of each {noun} against the other {noun}s (z-score of the "
        "log-odds ratio, informative Dirichlet prior; one x-scale for all panels). The dashed "
        f"line is |z| = {Z_THRESHOLD}, the threshold of the lists in the report; paler bars fall "
        f"below it.{place} Function words, dates and person names are never terms "
        "(term_kinds.csv)."
    )


MAX_ANNOTATED = 30


def similarity_heatmap(
    similarity: pd.DataFrame,
    *,
    level: str = "group",
    title: str | None = None,
    group_by: str = defaults.GROUP_BY,
):
    """Annotated heatmap of the cosine similarity table at one level.

    Parameters
    ----------
    similarity : pandas.DataFrame
        Long table ``level, item_a, item_b, cosine`` from
        :func:`policystudy.topics.similarity_table`.
    level : {"group", "document"}
    title : str, optional
    group_by : str
        The grouping column, named in the default title of the group level.

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
    noun = plots.group_noun(group_by)
    default = (
        f"TF-IDF 相似度(组) similarity by {noun}"
        if level == "group"
        else "TF-IDF 相似度(文件) similarity by document"
    )
    ax.set_title(title or default)
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
