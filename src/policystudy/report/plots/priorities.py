"""Figures of the livelihood priority profiles (notebook 03).

Every label is bilingual (Chinese, then English) and comes from the taxonomy, so a user domain
added in ``taxonomy.yaml`` appears without code changes. Each figure says what it rests on:
group labels carry their number of documents, and interval whiskers are drawn only for groups
with enough documents for a document bootstrap.

Examples
--------
>>> import pandas as pd
>>> prof = pd.DataFrame({"group": ["江苏", "江苏"], "domain": ["health", "education"],
...     "share": [0.7, 0.3], "ci_low": [None, None], "ci_high": [None, None], "rank": [1, 2],
...     "n_documents": [2, 2]})
>>> fig = share_heatmap(prof)
>>> fig.axes[0].get_yticklabels()[0].get_text()
'江苏 (2 documents)'
>>> fig = share_heatmap(prof.assign(thin_livelihood=True))
>>> fig.axes[0].get_yticklabels()[0].get_text()
'江苏 (2 documents, thin)'
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import PercentFormatter

from policystudy.core import defaults
from policystudy.domains import Taxonomy, as_taxonomy
from policystudy.report import plots

# Documents the document heatmap draws one row each; past this a figure of several hundred
# rows is unreadable (and, at 780 documents, 430 inches tall), so the documents' shares are
# drawn as a distribution per domain and group instead.
MAX_DOCUMENT_ROWS = 60


def _tax(taxonomy: Taxonomy | Path | str | None) -> Taxonomy:
    return as_taxonomy(taxonomy)


def _codes(frame: pd.DataFrame, tax: Taxonomy) -> list[str]:
    present = set(frame["domain"])
    return [c for c in tax.livelihood if c in present]


def _n_docs(n: int) -> str:
    return f"{n} document" + ("" if n == 1 else "s")


def _thin(frame: pd.DataFrame, key: str) -> set[str]:
    """The groups or documents flagged ``thin_livelihood`` (none when the column is absent)."""
    if "thin_livelihood" not in frame.columns:
        return set()
    flag = frame["thin_livelihood"].astype(str).str.lower().isin(["true", "1", "1.0"])
    return set(frame.loc[flag, key].astype(str))


def _heat(ax, values, ranks, fmt_rank=True):
    vmax = max(np.nanmax(values) if np.isfinite(values).any() else 0, 1e-9)
    im = ax.imshow(values, cmap="Blues", vmin=0, vmax=vmax, aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            v = values[i, j]
            if not np.isfinite(v):
                continue
            r = ranks[i, j]
            text = f"{v:.0%}" + (f"\n#{int(r)}" if fmt_rank and np.isfinite(r) else "")
            dark = v > 0.6 * vmax
            ax.text(j, i, text, ha="center", va="center", fontsize=8,
                    color="white" if dark else "black")  # fmt: skip
    return im


def share_heatmap(
    profiles: pd.DataFrame,
    *,
    taxonomy: Taxonomy | Path | str | None = None,
    group_by: str = defaults.GROUP_BY,
):
    """Group x livelihood-domain heatmap of shares of livelihood text, with ranks.

    Parameters
    ----------
    profiles : pandas.DataFrame
        Output of :func:`policystudy.priorities.priority_profiles`.
    """
    plots.setup()
    tax = _tax(taxonomy)
    codes = _codes(profiles, tax)
    groups = sorted(profiles["group"].astype(str).unique())
    n_docs = profiles.groupby("group")["n_documents"].first()
    table = profiles.pivot(index="group", columns="domain", values="share")
    ranks = profiles.pivot(index="group", columns="domain", values="rank")
    values = table.reindex(index=groups, columns=codes).to_numpy(dtype=float)
    rank_v = ranks.reindex(index=groups, columns=codes).to_numpy(dtype=float)
    labels = tax.labels(lang="both")
    noun = plots.group_noun(group_by)
    fig, ax = plt.subplots(figsize=(1.3 * len(codes) + 3, 0.7 * len(groups) + 2.4))
    im = _heat(ax, values, rank_v)
    ax.set_xticks(range(len(codes)), [labels[c].replace(" ", "\n", 1) for c in codes], fontsize=8)
    thin = _thin(profiles, "group")
    ax.set_yticks(
        range(len(groups)),
        [f"{g} ({_n_docs(int(n_docs[g]))}" + (", thin)" if g in thin else ")") for g in groups],
    )
    pooling = str(profiles["pooling"].iloc[0]) if "pooling" in profiles.columns else "documents"
    how = "documents weighted equally" if pooling == "documents" else "characters pooled"
    ax.set_title(f"民生领域文本占比 Share of livelihood text by {noun} and domain\n({how})")
    ax.set_xlabel("领域 Domain")
    ax.set_ylabel(noun)
    cbar = fig.colorbar(im, ax=ax, fraction=0.03)
    # The cells print percentages: the colour bar speaks the same unit.
    cbar.ax.yaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    cbar.set_label("占比 Share (%)")
    fig.tight_layout()
    return fig


def document_heatmap(
    documents: pd.DataFrame,
    *,
    taxonomy: Taxonomy | Path | str | None = None,
    group_by: str = defaults.GROUP_BY,
):
    """Document x livelihood-domain heatmap: every document's profile, grouped, side by side.

    Parameters
    ----------
    documents : pandas.DataFrame
        Output of :func:`policystudy.priorities.document_domains`.

    Examples
    --------
    >>> d = pd.DataFrame({"doc_id": ["a", "b"], "group": ["江苏", "江苏"],
    ...     "domain": ["health", "health"], "share_livelihood": [0.6, 0.2], "rank": [1, 2]})
    >>> len(document_heatmap(d).axes[0].get_yticklabels())
    2
    """
    plots.setup()
    tax = _tax(taxonomy)
    codes = _codes(documents, tax)
    if documents["doc_id"].nunique() > MAX_DOCUMENT_ROWS:
        return _document_distribution(documents, tax, codes, group_by)
    docs = (
        documents[["group", "doc_id"]]
        .drop_duplicates()
        .astype(str)
        .sort_values(["group", "doc_id"])
        .reset_index(drop=True)
    )
    table = documents.pivot(index="doc_id", columns="domain", values="share_livelihood")
    ranks = documents.pivot(index="doc_id", columns="domain", values="rank")
    order = docs["doc_id"].tolist()
    values = table.reindex(index=order, columns=codes).to_numpy(dtype=float)
    rank_v = ranks.reindex(index=order, columns=codes).to_numpy(dtype=float)
    labels = tax.labels(lang="both")
    noun = plots.group_noun(group_by)
    fig, ax = plt.subplots(figsize=(1.3 * len(codes) + 3.5, 0.55 * len(order) + 2.4))
    im = _heat(ax, values, rank_v)
    ax.set_xticks(range(len(codes)), [labels[c].replace(" ", "\n", 1) for c in codes], fontsize=8)
    # What each row rests on: its characters of livelihood text.
    liv_chars = (
        documents[documents["domain"].isin(codes)].groupby("doc_id")["chars"].sum()
        if "chars" in documents.columns
        else None
    )
    thin = _thin(documents, "doc_id")
    ticks = []
    for g, d in zip(docs["group"], order, strict=True):
        rests = [f"{int(liv_chars.get(d, 0)):,} chars"] if liv_chars is not None else []
        rests += ["thin"] if d in thin else []
        ticks.append(f"{g} · {d}" + (f" ({', '.join(rests)})" if rests else ""))
    ax.set_yticks(range(len(order)), ticks)
    # A line between groups: documents of one group sit together.
    bounds = np.flatnonzero(docs["group"].to_numpy()[1:] != docs["group"].to_numpy()[:-1])
    for b in bounds:
        ax.axhline(b + 0.5, color="black", lw=1)
    ax.set_title(f"各文件民生领域占比 Each document's share of livelihood text, by {noun}")
    ax.set_xlabel("领域 Domain")
    ax.set_ylabel(f"{noun} · document")
    cbar = fig.colorbar(im, ax=ax, fraction=0.03)
    # The cells print percentages: the colour bar speaks the same unit.
    cbar.ax.yaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    cbar.set_label("占比 Share (%)")
    fig.tight_layout()
    return fig


def document_caption(documents: pd.DataFrame) -> str:
    """The caption of :func:`document_heatmap`'s figure, which depends on how many documents
    it draws.

    Examples
    --------
    >>> document_caption(pd.DataFrame({"doc_id": ["a", "b"]}))[:40]
    "Each document's share of livelihood text"
    """
    n = documents["doc_id"].nunique()
    if n > MAX_DOCUMENT_ROWS:
        return (
            f"Distribution of the {n:,} documents' shares of livelihood text per domain, by "
            "group: boxes span the middle half of the documents, whiskers 1.5 times that, "
            "points the documents beyond; the legend counts the documents whose livelihood "
            "text is too thin for their shares to be read as priorities; "
            "priority_documents.csv lists every document."
        )
    return (
        "Each document's share of livelihood text per domain, with its rank in the "
        "document; documents of one group side by side. A row marked 'thin' has too little "
        "livelihood text for its shares to be read as priorities."
    )


def _document_distribution(documents: pd.DataFrame, tax: Taxonomy, codes: list[str], group_by):
    groups = sorted(documents["group"].astype(str).unique())
    palette = plots.group_palette(groups)
    labels = tax.labels(lang="both")
    noun = plots.group_noun(group_by)
    fig, ax = plt.subplots(figsize=(1.1 * len(codes) * max(1, len(groups) / 3) + 3, 5.2))
    width = 0.8 / max(len(groups), 1)
    for g_i, group in enumerate(groups):
        sub = documents[documents["group"].astype(str) == group]
        data = [
            sub.loc[sub["domain"] == c, "share_livelihood"].dropna().to_numpy(dtype=float)
            for c in codes
        ]
        pos = np.arange(len(codes)) + (g_i - (len(groups) - 1) / 2) * width
        box = ax.boxplot(
            data, positions=pos, widths=width * 0.9, patch_artist=True, manage_ticks=False,
            flierprops={"markersize": 2, "markeredgecolor": palette[group]},
        )  # fmt: skip
        for patch in box["boxes"]:
            patch.set_facecolor(palette[group])
            patch.set_alpha(0.6)
        n_docs = sub["doc_id"].nunique()
        n_thin = len(_thin(sub, "doc_id"))
        thin_note = f", {n_thin} thin" if n_thin else ""
        ax.plot([], [], "s", color=palette[group], label=f"{group} ({_n_docs(n_docs)}{thin_note})")
    ax.set_xticks(range(len(codes)), [labels[c].replace(" ", "\n", 1) for c in codes], fontsize=8)
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1, decimals=0))
    ax.set_ylabel("文件民生文本占比 Document's share of livelihood text (%)")
    ax.set_title(f"各文件民生领域占比分布 Documents' shares of livelihood text, by {noun}")
    # Outside the axes: the boxes fill the plot's height.
    ax.legend(fontsize=8, title=noun, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    return fig


def share_ci_chart(
    profiles: pd.DataFrame,
    *,
    taxonomy: Taxonomy | Path | str | None = None,
    group_by: str = defaults.GROUP_BY,
):
    """Each domain's share per group; whiskers = document-bootstrap 95% intervals where a group
    has enough documents, a hollow dot where it has not.

    Examples
    --------
    >>> prof = pd.DataFrame({"group": ["吉林"], "domain": ["education"], "share": [0.4],
    ...     "ci_low": [0.2], "ci_high": [0.6], "rank": [1], "n_documents": [8]})
    >>> len(share_ci_chart(prof).axes[0].lines) >= 1
    True
    """
    plots.setup()
    tax = _tax(taxonomy)
    codes = _codes(profiles, tax)
    groups = sorted(profiles["group"].astype(str).unique())
    palette = plots.group_palette(groups)
    labels = tax.labels(lang="both")
    noun = plots.group_noun(group_by)
    n_docs = profiles.groupby("group")["n_documents"].first()
    thin = _thin(profiles, "group")
    fig, ax = plt.subplots(figsize=(8.5, 0.55 * len(codes) * max(1, len(groups) / 3) + 1.8))
    step = 0.8 / max(len(groups), 1)
    for g_i, group in enumerate(groups):
        sub = profiles[profiles["group"].astype(str) == group].set_index("domain").reindex(codes)
        y = np.arange(len(codes)) + (g_i - (len(groups) - 1) / 2) * step
        share = sub["share"].to_numpy(dtype=float)
        low = sub["ci_low"].to_numpy(dtype=float)
        high = sub["ci_high"].to_numpy(dtype=float)
        color = palette[group]
        label = f"{group} ({_n_docs(int(n_docs[group]))}" + (", thin)" if group in thin else ")")
        if np.isfinite(low).any():
            err = np.vstack([np.clip(share - low, 0, None), np.clip(high - share, 0, None)])
            ax.errorbar(share, y, xerr=err, fmt="o", ms=4, capsize=2, lw=1, color=color,
                        label=label + ", 95% interval")  # fmt: skip
        else:
            ax.plot(
                share,
                y,
                "o",
                ms=6,
                mew=1.5,
                mfc="white",
                color=color,
                label=label + ", no interval",
            )
    ax.set_yticks(range(len(codes)), [labels[c] for c in codes])
    ax.invert_yaxis()
    ax.set_xlim(0, None)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.set_xlabel("民生文本占比 Share of livelihood text (whiskers: documents resampled)")
    ax.set_title(f"民生优先领域 Livelihood priorities by {noun}")
    ax.legend(title=noun, loc="lower right", fontsize=7)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig
