"""The #1 of every document and group under each specification (notebook 03).

One row per document or group, one column per specification (classifier and threshold,
weighting, flagged documents in or out, set-aside parts in or out); each cell is coloured by
the #1 domain, the default specification is outlined, and each row's label says in how many
specifications its default #1 holds. Past :data:`MAX_ROWS` rows only the groups are drawn.

Examples
--------
>>> import pandas as pd
>>> t = pd.DataFrame({"level": ["document"] * 2, "group": ["江苏"] * 2, "doc_id": ["a", "a"],
...     "specification": ["lexicon 0.25 · chars", "lexicon 0.25 · units"],
...     "top": ["education", "health"], "top_share": [0.4, 0.5], "is_default": [True, False]})
>>> fig = specification_chart(t)
>>> fig.axes[0].get_yticklabels()[0].get_text()
'a (江苏): 1 of 2'
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch, Rectangle

from policystudy.domains import as_taxonomy
from policystudy.priorities.specification import specification_agreement
from policystudy.report import plots

# Rows drawn at most; a corpus of hundreds of documents is drawn by group only.
MAX_ROWS = 60
CAPTION = (
    "The #1 livelihood domain of each document and group under every specification: "
    "classifier and threshold, weighting (characters, sentences, coded units), flagged "
    "documents in or out, set-aside parts (commentary) in or out. The outlined cell is the "
    "default; each label says in how many specifications the default #1 holds (a document "
    "the default leaves out, a flagged one, has no default)."
)


def specification_chart(table: pd.DataFrame, *, taxonomy=None):
    """Cells coloured by the #1 domain: rows documents and groups, columns specifications."""
    plots.setup()
    tax = as_taxonomy(taxonomy)
    t = table.copy()
    t["is_default"] = t["is_default"].astype(str).str.lower().isin(["true", "1", "1.0"])
    agree = specification_agreement(t)
    if (agree["level"] == "document").sum() + (agree["level"] == "group").sum() > MAX_ROWS:
        agree = agree[agree["level"] == "group"]
    keys = list(agree[["level", "group", "doc_id"]].itertuples(index=False, name=None))
    specs = list(dict.fromkeys(t.sort_values("specification")["specification"]))
    present = [c for c in tax.livelihood if c in set(t["top"])]
    codes = {c: i for i, c in enumerate(present)}
    grid = np.full((len(keys), len(specs)), np.nan)
    default_cells = []
    index = {k: i for i, k in enumerate(keys)}
    col = {s: j for j, s in enumerate(specs)}
    for r in t.itertuples(index=False):
        i = index.get((r.level, r.group, r.doc_id))
        if i is None or r.top not in codes:
            continue
        grid[i, col[r.specification]] = codes[r.top]
        if r.is_default:
            default_cells.append((i, col[r.specification]))
    labels = []
    for a in agree.itertuples(index=False):
        name = f"{a.doc_id} ({a.group})" if a.level == "document" else f"{a.group} (group)"
        share = f"{a.agree} of {a.n_specifications}" if a.default_top else "no default"
        labels.append(f"{name}: {share}")
    palette = [plt.get_cmap("tab20")(i) for i in range(20)]
    cmap = ListedColormap([palette[i % len(palette)] for i in range(max(len(present), 1))])
    fig, ax = plt.subplots(figsize=(max(6.0, 0.18 * len(specs) + 4), 0.45 * len(keys) + 2.2))
    ax.imshow(
        np.ma.masked_invalid(grid), aspect="auto", cmap=cmap, vmin=-0.5,
        vmax=max(len(present), 1) - 0.5, interpolation="nearest",
    )  # fmt: skip
    for i, j in default_cells:
        ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, lw=2.0, ec="black"))
    ax.set_yticks(range(len(keys)), labels)
    ax.set_xticks(range(len(specs)), specs, rotation=90, fontsize=5)
    ax.set_xlabel("specification")
    names = tax.labels(lang="both")
    ax.legend(
        handles=[Patch(color=cmap(codes[c]), label=names[c]) for c in present],
        loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, title="#1",
    )  # fmt: skip
    ax.set_title("#1 by specification")
    fig.tight_layout()
    return fig
