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


def length_figure(overview: pd.DataFrame, *, group_by: str = "region", max_documents: int = 40):
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
