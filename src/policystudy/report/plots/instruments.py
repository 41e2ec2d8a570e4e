"""Figures of the policy instruments (notebook 03): the domain x instrument matrix per group.

Examples
--------
>>> import pandas as pd
>>> di = pd.DataFrame({"group": "江苏", "domain": ["health"] * 4, "livelihood": True,
...     "instrument": ["supply", "environment", "demand", "none"], "units": [3, 1, 0, 4],
...     "share": [0.4, 0.1, 0.0, 0.5], "n_documents": 2})
>>> fig = domain_instrument_heatmap(di)
>>> fig.axes[0].get_title()
'江苏 (2 documents)'
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from policystudy.domains import Taxonomy, as_taxonomy
from policystudy.instruments import NONE, InstrumentTaxonomy, as_instruments
from policystudy.report import plots

#: Panels drawn at most (one per group, in sorted order); the caption names the rest.
MAX_PANELS = 12
HEATMAP_CAPTION = (
    "Domain x instrument type per group: the share of each livelihood domain's text whose "
    "primary policy instrument is of each type ('none': no instrument named); each panel names "
    "how many documents its group rests on. All rows are in domain_instruments.csv."
)


def domain_instrument_heatmap(
    domain_instruments: pd.DataFrame,
    *,
    taxonomy: Taxonomy | Path | str | None = None,
    instruments: InstrumentTaxonomy | Path | str | None = None,
):
    """One heatmap panel per group: livelihood domains x instrument types, shares of text.

    Parameters
    ----------
    domain_instruments : pandas.DataFrame
        Output of :func:`policystudy.instruments.domain_instruments`.
    """
    plots.setup()
    tax = as_taxonomy(taxonomy)
    itax = as_instruments(instruments)
    di = domain_instruments[
        domain_instruments["livelihood"].astype(str).str.lower().isin(["true", "1"])
    ]
    groups = sorted(di["group"].astype(str).unique())
    shown = groups[:MAX_PANELS]
    cols = [*itax.types, NONE]
    type_labels = itax.type_labels(lang="both")
    domains = [c for c in tax.livelihood if c in set(di["domain"])]
    labels = tax.labels(lang="zh")
    n = max(len(shown), 1)
    ncols = min(n, 3)
    nrows = int(np.ceil(n / ncols))
    fig, axes = plt.subplots(
        nrows,
        ncols,
        figsize=(3.4 * ncols + 1.2, 0.32 * max(len(domains), 1) * nrows + 1.6 * nrows),
        squeeze=False,
    )
    for k, ax in enumerate(axes.ravel()):
        if k >= len(shown):
            ax.axis("off")
            continue
        g = shown[k]
        part = di[di["group"].astype(str) == g]
        table = part.pivot_table(
            index="domain", columns="instrument", values="share", aggfunc="first"
        )
        values = table.reindex(index=domains, columns=cols).to_numpy(dtype=float)
        ax.imshow(np.nan_to_num(values, nan=0.0), cmap="Blues", vmin=0, vmax=1, aspect="auto")
        for i in range(values.shape[0]):
            for j in range(values.shape[1]):
                v = values[i, j]
                if np.isfinite(v):
                    ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=7,
                            color="white" if v > 0.6 else "black")  # fmt: skip
        ax.set_xticks(
            range(len(cols)), [type_labels[c].replace(" ", "\n", 1) for c in cols], fontsize=7
        )
        ax.set_yticks(
            range(len(domains)), [labels[d] if k % ncols == 0 else "" for d in domains], fontsize=7
        )
        docs = int(part["n_documents"].max()) if len(part) else 0
        ax.set_title(f"{g} ({docs} document{'' if docs == 1 else 's'})", fontsize=9)
    more = f" (first {MAX_PANELS} of {len(groups)} groups)" if len(groups) > MAX_PANELS else ""
    fig.suptitle(f"领域 × 政策工具 Domain × policy instrument{more}", fontsize=10)
    fig.tight_layout()
    return fig
