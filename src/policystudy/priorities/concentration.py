"""Which documents a group profile rests on: concentration columns of ``priorities.csv``.

A group's leading domain can come from one document (one 14th-five-year education plan
supplied 39% of a province's livelihood characters and made education its #1). Every profile
row gets how many of the group's documents carry the domain, the document with most of it and
its share, Gries' DP (:mod:`policystudy.stats.concentration`), and, repeated on the group's
rows, the document with the largest share of the group's livelihood text.

Examples
--------
>>> coded = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "prov": "山东", "part": "policy",
...     "duplicate_of": "", "chars": [90, 10, 10, 10],
...     "primary": ["education", "health", "health", "health"]})
>>> prof = pd.DataFrame({"group": ["山东", "山东"], "domain": ["education", "health"]})
>>> out = add_concentration(prof, coded, group_by="prov")
>>> out[["domain", "documents_carrying", "top_document", "top_document_share"]].values.tolist()
[['education', 1, 'a', 1.0], ['health', 3, 'a', 0.3333333333333333]]
>>> out.loc[0, "top_livelihood_document"], round(float(out.loc[0, "top_livelihood_document_share"]), 3)
('a', 0.833)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from policystudy.core import defaults
from policystudy.domains import POLICY, Taxonomy, as_taxonomy
from policystudy.priorities.matrix import _Docs
from policystudy.stats.concentration import concentration

#: Columns added to ``priorities.csv``.
CONCENTRATION_COLUMNS = [
    "documents_carrying",
    "top_document",
    "top_document_share",
    "dp_norm",
    "top_livelihood_document",
    "top_livelihood_document_share",
]


def add_concentration(
    profiles: pd.DataFrame,
    coded: pd.DataFrame,
    *,
    group_by: str,
    taxonomy: Taxonomy | Path | str | None = None,
    use_parts: Sequence[str] = (POLICY,),
    weight: str = defaults.WEIGHT,
) -> pd.DataFrame:
    """``profiles`` (``group, domain, ...``) with :data:`CONCENTRATION_COLUMNS` added.

    The weights are those of the profiles (characters or paragraphs of the counted units);
    ``top_document_share`` is the top document's share of the group's weight in the domain,
    ``top_livelihood_document_share`` its share of the group's livelihood weight.
    """
    tax = as_taxonomy(taxonomy)
    d = _Docs(coded, group_by=group_by, codes=tax.codes, use_parts=use_parts, weight=weight)
    liv = np.array([tax.codes.index(c) for c in tax.livelihood], dtype=int)
    conc = concentration(d.W, d.doc_ids, d.groups, tax.codes, sizes=d.W.sum(axis=1))
    conc = conc.rename(columns={"item": "domain"})[
        ["group", "domain", "documents_carrying", "top_document", "top_document_share", "dp_norm"]
    ]
    lw = d.W[:, liv].sum(axis=1)
    frame = pd.DataFrame({"group": d.groups, "doc_id": d.doc_ids, "lw": lw})
    frame = frame.sort_values(["group", "lw", "doc_id"], ascending=[True, False, True])
    tot = frame.groupby("group")["lw"].transform("sum")
    frame["share"] = np.divide(frame["lw"], tot, out=np.full(len(frame), np.nan), where=tot > 0)
    top = frame.groupby("group", sort=True).first().reset_index()
    top = top.rename(
        columns={"doc_id": "top_livelihood_document", "share": "top_livelihood_document_share"}
    )[["group", "top_livelihood_document", "top_livelihood_document_share"]]
    out = profiles.drop(columns=[c for c in CONCENTRATION_COLUMNS if c in profiles.columns])
    out = out.merge(conc, on=["group", "domain"], how="left", validate="many_to_one")
    out = out.merge(top, on="group", how="left", validate="many_to_one")
    out["documents_carrying"] = out["documents_carrying"].fillna(0).astype(int)
    out["top_document"] = out["top_document"].fillna("")
    return out
