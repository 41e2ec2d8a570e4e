"""How much livelihood text each document and group has, and whether it is *thin*.

A thin profile (below ``min_share`` of the analysed text or fewer than ``min_units``
livelihood sentences) rests on a few, often incidental sentences (and, where livelihood is a
few percent of the text, partly on non-livelihood sentences the coding let through); its shares
are not read as priorities. :func:`~policystudy.priorities.profiles.document_domains`,
:func:`~policystudy.priorities.profiles.priority_profiles` and
:func:`~policystudy.priorities.caveats.caveats` carry the flag.

Examples
--------
>>> thin_reasons(0.023, 40)
['share']
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from policystudy.core import defaults
from policystudy.domains import POLICY, Taxonomy
from policystudy.priorities.matrix import POOLINGS, _tax, counted_units

COVERAGE_COLUMNS = [
    "level",
    "group",
    "doc_id",
    "n_documents",
    "analysed_chars",
    "livelihood_chars",
    "livelihood_units",
    "livelihood_text_share",
    "thin_documents",
    "thin_livelihood",
    "thin_reason",
]


def thin_reasons(
    share: float,
    units: int,
    *,
    min_share: float = defaults.MIN_LIVELIHOOD_SHARE,
    min_units: int = defaults.MIN_LIVELIHOOD_UNITS,
) -> list[str]:
    """Why livelihood text is thin: ``"share"`` (below ``min_share`` of the analysed text, or
    no analysed text), ``"units"`` (fewer than ``min_units``); empty when it is not.

    Examples
    --------
    >>> thin_reasons(0.023, 40), thin_reasons(0.19, 9), thin_reasons(0.11, 88)
    (['share'], ['units'], [])
    """
    out = []
    if not share >= min_share:
        out.append("share")
    if units < min_units:
        out.append("units")
    return out


def is_thin(
    share: float,
    units: int,
    *,
    min_share: float = defaults.MIN_LIVELIHOOD_SHARE,
    min_units: int = defaults.MIN_LIVELIHOOD_UNITS,
) -> bool:
    """Whether livelihood text is too thin to read its shares as priorities.

    ``share`` is the livelihood share of the analysed text (NaN when there is none), ``units``
    the number of livelihood sentences (or clauses, or paragraphs: the coding unit).

    Examples
    --------
    >>> is_thin(0.023, 40), is_thin(0.9, 7), is_thin(0.11, 88), is_thin(float("nan"), 0)
    (True, True, False, True)
    """
    return bool(thin_reasons(share, units, min_share=min_share, min_units=min_units))


def livelihood_coverage(
    coded: pd.DataFrame,
    *,
    group_by: str,
    taxonomy: Taxonomy | Path | str | None = None,
    use_parts: Sequence[str] = (POLICY,),
    pooling: str = defaults.POOLING,
    min_share: float = defaults.MIN_LIVELIHOOD_SHARE,
    min_units: int = defaults.MIN_LIVELIHOOD_UNITS,
) -> pd.DataFrame:
    """How much livelihood text each document and each group has, and whether it is thin.

    A document is thin when its livelihood text (characters of counted units coded to a
    livelihood domain) is below ``min_share`` of its analysed text or has fewer than
    ``min_units`` units. A group is thin when its pooled text fails the same test, or, with
    ``pooling="documents"`` (its profile the mean of its documents' profiles), when more than
    half of its documents are thin.

    Returns
    -------
    pandas.DataFrame
        :data:`COVERAGE_COLUMNS`: one row per document (``level="document"``) and per group
        (``level="group"``, ``doc_id`` empty). Shares are of characters whatever ``weight``.
        ``thin_reason`` lists why (:func:`thin_reasons`, and ``"documents"`` for a group most of
        whose documents are thin), ``|``-joined.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a"] * 3, "region": ["R"] * 3, "part": "policy",
    ...     "chars": [40, 30, 930], "primary": ["health", "housing", "non_livelihood"],
    ...     "duplicate_of": ""})
    >>> c = livelihood_coverage(s, group_by="region")
    >>> c[["level", "livelihood_text_share", "livelihood_units", "thin_livelihood"]].values.tolist()
    [['document', 0.07, 2, True], ['group', 0.07, 2, True]]
    """
    if pooling not in POOLINGS:
        raise ValueError(f"pooling must be one of {POOLINGS}, not {pooling!r}")
    tax = _tax(taxonomy)
    docs = coded[["doc_id", group_by]].drop_duplicates("doc_id").sort_values("doc_id")
    doc_ids = docs["doc_id"].astype(str).tolist()
    groups = docs[group_by].astype(str).tolist()
    used = counted_units(coded, use_parts=use_parts)
    ids = used["doc_id"].astype(str)
    chars = used["chars"].astype(float)
    liv = used["primary"].isin(tax.livelihood)
    analysed = chars.groupby(ids).sum().reindex(doc_ids, fill_value=0.0)
    liv_chars = chars[liv].groupby(ids[liv]).sum().reindex(doc_ids, fill_value=0.0)
    liv_units = liv[liv].groupby(ids[liv]).size().reindex(doc_ids, fill_value=0)

    def share(lc: float, total: float) -> float:
        return lc / total if total > 0 else float("nan")

    rows = []
    thin_doc = {}
    for doc, g in zip(doc_ids, groups, strict=True):
        sh = share(liv_chars[doc], analysed[doc])
        why = thin_reasons(sh, int(liv_units[doc]), min_share=min_share, min_units=min_units)
        thin_doc[doc] = bool(why)
        rows.append(
            {
                "level": "document",
                "group": g,
                "doc_id": doc,
                "n_documents": 1,
                "analysed_chars": int(analysed[doc]),
                "livelihood_chars": int(liv_chars[doc]),
                "livelihood_units": int(liv_units[doc]),
                "livelihood_text_share": sh,
                "thin_documents": int(thin_doc[doc]),
                "thin_livelihood": thin_doc[doc],
                "thin_reason": "|".join(why),
            }
        )
    for g in sorted(set(groups)):
        members = [d for d, gg in zip(doc_ids, groups, strict=True) if gg == g]
        total, lc = float(analysed[members].sum()), float(liv_chars[members].sum())
        n_units = int(liv_units[members].sum())
        n_thin = sum(thin_doc[d] for d in members)
        sh = share(lc, total)
        why = thin_reasons(sh, n_units, min_share=min_share, min_units=min_units)
        if pooling == "documents" and 2 * n_thin > len(members):
            why.append("documents")
        rows.append(
            {
                "level": "group",
                "group": g,
                "doc_id": "",
                "n_documents": len(members),
                "analysed_chars": int(total),
                "livelihood_chars": int(lc),
                "livelihood_units": n_units,
                "livelihood_text_share": sh,
                "thin_documents": n_thin,
                "thin_livelihood": bool(why),
                "thin_reason": "|".join(why),
            }
        )
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS)
