"""The computed caveats of the priority analysis (``priority_caveats.csv``): small groups,
groups that pool genres or years, parts set aside, thin livelihood text and repeated sentences,
each with a statement for the report.

Examples
--------
>>> s = pd.DataFrame({"doc_id": ["a", "a"], "region": ["辽宁"] * 2, "part": "policy",
...     "chars": [40, 30], "primary": ["health", "housing"], "duplicate_of": ["", "a-s1"]})
>>> o = pd.DataFrame({"doc_id": ["a"], "region": ["辽宁"]})
>>> caveats(s, o, group_by="region")["caveat"].tolist()
['few_documents', 'thin_livelihood', 'thin_livelihood_groups', 'duplicates']
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from policystudy.core import defaults
from policystudy.domains import POLICY, Taxonomy
from policystudy.priorities.coverage import livelihood_coverage

# A caveat statement names at most this many documents, groups or values, then counts the rest:
# at 500 documents a full list is a paragraph no reader reads.
_NAMED_MAX = 10


def caveats(
    coded: pd.DataFrame,
    overview: pd.DataFrame,
    *,
    group_by: str,
    min_documents: int = defaults.MIN_DOCUMENTS,
    use_parts: Sequence[str] = (POLICY,),
    taxonomy: Taxonomy | Path | str | None = None,
    pooling: str = defaults.POOLING,
    min_share: float = defaults.MIN_LIVELIHOOD_SHARE,
    min_units: int = defaults.MIN_LIVELIHOOD_UNITS,
) -> pd.DataFrame:
    """Computed caveats (``priority_caveats.csv``): ``caveat, subject, value, statement``.

    Among them ``thin_livelihood`` (documents) and ``thin_livelihood_groups``: the documents
    and groups whose livelihood text is thin (:func:`livelihood_coverage`), named with the
    share and the sentences their profiles rest on.
    """
    rows = []

    def add(caveat, subject, value, statement):
        rows.append({"caveat": caveat, "subject": subject, "value": value, "statement": statement})

    if "status" in overview.columns:  # a duplicate set aside is not one more document
        overview = overview[~overview["status"].astype(str).str.startswith("set aside")]
    per_group = overview.groupby(group_by)["doc_id"].nunique()
    small = sorted(g for g, n in per_group.items() if n < min_documents)
    if small:
        named = ", ".join(map(str, small[:_NAMED_MAX])) + (
            f" and {len(small) - _NAMED_MAX} more" if len(small) > _NAMED_MAX else ""
        )
        add(
            "few_documents",
            "|".join(map(str, small)),
            len(small),
            f"{len(small)} of {len(per_group)} groups have fewer than {min_documents} documents "
            f"({named}): their profiles describe those documents, carry no "
            "intervals or p-values, and a difference between them is also one of genre, year "
            "and author.",
        )
    for col in ("genre", "year"):
        if col in overview.columns:
            for g, sub in overview.groupby(group_by, sort=True):
                vals = sorted(set(sub[col].astype(str)))
                if len(vals) > 1:
                    named = "; ".join(vals) if len(vals) <= _NAMED_MAX else (
                        f"{len(vals)} of them, {vals[0]} to {vals[-1]}"
                    )  # fmt: skip
                    add(
                        f"mixed_{col}",
                        str(g),
                        len(vals),
                        f"{g} pools documents of different {col}s: {named}.",
                    )
    parts = coded.groupby(["doc_id", "part"])["chars"].sum().unstack(fill_value=0)
    total = parts.sum(axis=1)
    used = parts[[c for c in parts.columns if c in use_parts]].sum(axis=1)
    for doc in sorted(parts.index):
        aside = int(total[doc] - used[doc])
        if aside > 0:
            add(
                "part_set_aside",
                doc,
                aside / total[doc],
                f"{doc}: {aside:,} of {int(total[doc]):,} characters "
                f"({100 * aside / total[doc]:.1f}%) are not policy text "
                f"({', '.join(c for c in parts.columns if c not in use_parts and parts.loc[doc, c])}) "
                "and were set aside.",
            )
    cov = livelihood_coverage(
        coded, group_by=group_by, taxonomy=taxonomy, use_parts=use_parts, pooling=pooling,
        min_share=min_share, min_units=min_units,
    )  # fmt: skip
    rule = f"below {100 * min_share:g}% of the analysed text or fewer than {min_units} sentences"
    for level, caveat in (("document", "thin_livelihood"), ("group", "thin_livelihood_groups")):
        sub = cov[(cov["level"] == level) & cov["thin_livelihood"]]
        if sub.empty:
            continue
        key = "doc_id" if level == "document" else "group"
        named = "; ".join(_thin_phrase(r, key) for _, r in sub.head(_NAMED_MAX).iterrows())
        if len(sub) > _NAMED_MAX:
            named += f"; and {len(sub) - _NAMED_MAX} more (priority_documents.csv)"
        add(
            caveat,
            "|".join(sub[key].astype(str)),
            len(sub),
            f"{len(sub)} of {int((cov['level'] == level).sum())} {level}s have thin livelihood "
            f"text ({rule}{', or most of their documents thin' if level == 'group' else ''}): "
            f"{named}. Their livelihood shares rest on a handful of sentences or on scattered "
            "mentions in a text mostly about other things, where a few mis-coded sentences weigh "
            "heavily; they are not read as priorities.",
        )
    dup = coded[coded["duplicate_of"].fillna("").astype(str) != ""]
    for doc, sub in dup.groupby("doc_id", sort=True):
        add(
            "duplicates",
            doc,
            len(sub),
            f"{doc}: {len(sub)} repeated sentence(s) ({int(sub['chars'].sum()):,} characters) "
            "counted once.",
        )
    return pd.DataFrame(rows, columns=["caveat", "subject", "value", "statement"])


def _thin_phrase(r, key: str) -> str:
    share = r["livelihood_text_share"]
    what = "no analysed text" if pd.isna(share) else f"{100 * share:.1f}% livelihood"
    n = int(r["livelihood_units"])
    extra = (
        f", {int(r['thin_documents'])} of {int(r['n_documents'])} documents thin"
        if r["level"] == "group"
        else ""
    )
    return f"{r[key]} ({what}, {n} sentence{'' if n == 1 else 's'}{extra})"
