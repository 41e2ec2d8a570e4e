"""Corpus overview figure: each document's length and composition, by region.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd
>>> ov = pd.DataFrame({"doc_id": ["dalian"], "region": ["Liaoning"], "place_zh": ["大连市"],
...                    "chars": [2500], "heading_chars": [120], "removed_chars": [40]})
>>> fig = length_figure(ov)
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
['大连市 (Liaoning)']
"""

from __future__ import annotations

import pandas as pd

from policystudy.core import defaults
from policystudy.report import plots

SEGMENTS = (
    ("chars", "正文 body text"),
    ("heading_chars", "标题 headings"),
    ("removed_chars", "清除的噪声 removed noise"),
)


def composition(
    overview: pd.DataFrame, paragraphs: pd.DataFrame, audit: pd.DataFrame, headings: pd.DataFrame
) -> pd.DataFrame:
    """Add heading and removed-noise character counts to the overview table."""
    removed_rows = audit[audit["action"] == "removed"]
    removed = removed_rows["text"].str.strip().str.len().groupby(removed_rows["doc_id"]).sum()
    heads = headings["heading"].str.len().groupby(headings["doc_id"]).sum()
    out = overview.copy()
    out["heading_chars"] = out["doc_id"].map(heads).fillna(0).astype(int)
    out["removed_chars"] = out["doc_id"].map(removed).fillna(0).astype(int)
    return out


def length_figure(
    overview: pd.DataFrame, *, group_by: str = defaults.GROUP_BY, max_documents: int = 40
):
    """Horizontal stacked bars of body, heading and removed characters per document.

    Documents are ordered by group, then by length, so groups read as blocks; the title names
    the grouping column (:func:`policystudy.report.plots.group_noun`). A corpus of more
    than ``max_documents`` documents gets one bar per group instead (with its document count),
    so the figure stays readable and small for thousands of documents.
    """
    import matplotlib.pyplot as plt

    plots.setup()
    if len(overview) > max_documents:
        cols = [c for c, _ in SEGMENTS]
        df = overview.groupby(group_by, sort=True)[cols].sum().reset_index()
        n_docs = overview.groupby(group_by, sort=True)["doc_id"].count().to_numpy()
        labels = [f"{g} ({n} docs)" for g, n in zip(df[group_by], n_docs, strict=True)]
    else:
        df = overview.sort_values([group_by, "chars", "doc_id"], ascending=[True, False, True])
        label_col = "place_zh" if "place_zh" in df.columns else "doc_id"
        labels = [f"{p} ({g})" for p, g in zip(df[label_col], df[group_by], strict=True)]
    fig, ax = plt.subplots(figsize=(8, 0.55 * len(df) + 1.6))
    left = pd.Series(0, index=df.index, dtype=float)
    for (col, label), colour in zip(SEGMENTS, plots.PALETTE, strict=False):
        values = df[col].astype(float)
        ax.barh(labels, values, left=left, label=label, color=colour)
        left = left + values
    for y, total in enumerate(left):
        ax.text(total, y, f" {int(total):,}", va="center", fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("字符数 characters")
    ax.set_xlim(0, float(left.max() or 1) * 1.1)  # room for the totals
    ax.set_title(
        f"各文档长度与构成 Document length and composition, by {plots.group_noun(group_by)}"
    )
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=3, frameon=False)
    fig.tight_layout()
    return fig


def reuse_figure(reuse_groups: pd.DataFrame, *, group_by: str = defaults.GROUP_BY):
    """Heatmap: the share of each group's text (rows) that is text of a source group (columns).

    Parameters
    ----------
    reuse_groups : pandas.DataFrame
        ``group, source_group, share`` (:func:`policystudy.ingest.preprocess.reuse_by_group`).
        Empty: the figure says that no document reuses another's text.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> rg = pd.DataFrame({"group": ["省 province"], "source_group": ["中央 central"],
    ...                    "share": [0.8]})
    >>> fig = reuse_figure(rg)
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['80.0%']
    """
    import matplotlib.pyplot as plt

    plots.setup()
    noun = plots.group_noun(group_by)
    title = f"文本复用 Text reused from earlier documents, by {noun}"
    if reuse_groups.empty:
        fig, ax = plt.subplots(figsize=(6, 1.6))
        ax.axis("off")
        ax.text(0.5, 0.5, "无文本复用 No document reuses another's text", ha="center", va="center")
        ax.set_title(title)
        return fig
    square = (
        reuse_groups.pivot(index="group", columns="source_group", values="share")
        .fillna(0.0)
        .sort_index()
        .sort_index(axis=1)
    )
    rows, cols = square.shape
    fig, ax = plt.subplots(figsize=(1.3 * cols + 3.0, 0.7 * rows + 1.8))
    im = ax.imshow(100 * square.to_numpy(), vmin=0, vmax=100, cmap="Oranges", aspect="auto")
    ax.set_xticks(range(cols), [str(c) for c in square.columns], rotation=30, ha="right")
    ax.set_yticks(range(rows), [str(r) for r in square.index])
    for i in range(rows):
        for j in range(cols):
            v = 100 * square.iat[i, j]
            if v > 0:
                ax.text(j, i, f"{v:.1f}%", ha="center", va="center",
                        color="white" if v > 60 else "black")  # fmt: skip
    ax.set_xlabel(f"来源 source {noun} (earlier documents)")
    ax.set_ylabel(f"复用方 reusing {noun}")
    fig.colorbar(im, ax=ax, label="占本组正文 % of the group's body text")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def reuse_caption(
    reuse_groups: pd.DataFrame, *, min_chars: int, group_by: str = defaults.GROUP_BY
) -> str:
    """What the reuse figure rests on.

    Examples
    --------
    >>> reuse_caption(pd.DataFrame(columns=["group", "source_group", "share"]), min_chars=50)
    'No passage of 50 or more characters of any document occurs in an earlier document.'
    """
    if reuse_groups.empty:
        return (
            f"No passage of {min_chars} or more characters of any document occurs in an earlier "
            "document."
        )
    return (
        f"Share of each {plots.group_noun(group_by)}'s body text (after cleaning, duplicates set "
        f"aside) that lies in passages of {min_chars} or more characters also found in an "
        "earlier document of the source group (earlier by date or year, else by manifest order; "
        "each passage attributed to the earliest document that has it). Rests on "
        f"{int(reuse_groups['reused_chars'].sum()) if 'reused_chars' in reuse_groups else 0:,} "
        "reused characters; text_reuse.csv lists every passage."
    )
