"""Report prose on what a share rests on: which share, which documents, which p-value.

Three things the findings report says next to a figure (issue 28):

* **which share**: a domain's share of livelihood text moves when other domains grow around it
  (education "fell" from 43% to 15% of national livelihood text while its share of all text
  stayed between 2.4% and 4.1%), so every profile cell gives the share of all text beside it
  and the report says which one a claim rests on;
* **which documents**: a #1 carried by one document of a group is that document's, not the
  group's;
* **which p-value**: a permutation p-value on its floor is a bound, printed ``< …``.

Examples
--------
>>> r = pd.Series({"share": 0.15, "share_all": 0.035})
>>> all_text(r)
' · 3.5% of all text'
"""

from __future__ import annotations

import pandas as pd

from policystudy.core.markdown import md_code, md_text
from policystudy.report.fmt import ci, pct
from policystudy.report.templates import macros

#: A group's #1 is called dominated by one document when that document holds this much of it.
DOMINANT_SHARE = 0.5

_T = "shares.md.j2"


def shares_note() -> str:
    """Which share a claim rests on: said once above the profile table."""
    return macros(_T).shares_note()


def all_text(r: pd.Series) -> str:
    """`` · x% of all text`` for a profile row with ``share_all`` (empty without it)."""
    if "share_all" not in r or pd.isna(r["share_all"]):
        return ""
    return macros(_T).all_text(pct(r["share_all"]))


def dominance_line(profiles: pd.DataFrame, group: str, label: str) -> str:
    """How many documents carry a group's #1 and how much the largest one holds.

    Examples
    --------
    >>> p = pd.DataFrame({"group": ["山东"], "rank": [1.0], "n_documents": [6],
    ...     "documents_carrying": [6], "top_document": ["sd_edu"], "top_document_share": [0.7],
    ...     "top_livelihood_document": ["sd_edu"], "top_livelihood_document_share": [0.39]})
    >>> print(dominance_line(p, "山东", "教育 Education"))  # doctest: +NORMALIZE_WHITESPACE
    - 山东: its #1 (教育 Education) is carried by 6 of 6 documents; `sd_edu` supplies 70.0% of
    it (**dominated by one document**); the largest document, `sd_edu`, holds 39.0% of the
    group's livelihood text.
    """
    top = profiles[(profiles["group"].astype(str) == group) & (profiles["rank"] == 1)]
    if top.empty or "documents_carrying" not in top.columns:
        return ""
    r = top.iloc[0]
    has_largest = "top_livelihood_document" in r and str(r["top_livelihood_document"])
    return macros(_T).dominance(
        md_text(group),
        label,
        int(r["documents_carrying"]),
        int(r["n_documents"]),
        md_code(r["top_document"]),
        pct(r["top_document_share"]),
        float(r["top_document_share"]) >= DOMINANT_SHARE,
        md_code(r["top_livelihood_document"]) if has_largest else "",
        pct(r["top_livelihood_document_share"]) if has_largest else "",
    )


def difference_note(tests: pd.DataFrame) -> str:
    """Permutation counts, bounds and which pairs are neighbours, in one sentence."""
    tested = tests[tests["tested"].astype(str).str.lower() == "true"]
    if tested.empty or "n_permutations" not in tested.columns:
        return ""
    counts = sorted({int(n) for n in tested["n_permutations"]})
    bounds = int(tested["p_bound"].astype(str).str.lower().eq("true").sum())
    neighbours = tested["neighbours"].astype(str).str.lower().eq("true")
    return macros(_T).difference_note(counts, bounds, bool(neighbours.all()))


def keyness_note(keyness: pd.DataFrame) -> str:
    """How many distinctive terms were left out for resting on one document."""
    if "one_document" not in keyness.columns:
        return ""
    left = keyness[keyness["one_document"].astype(str).str.lower() == "true"]
    return macros(_T).keyness_note(len(left))


def era_validation(summary: pd.DataFrame) -> str:
    """The work-report figure by era (lexicon, report half), with n and Wilson intervals.

    Examples
    --------
    >>> s = pd.DataFrame({"dataset": "gwr", "model": "lexicon",
    ...     "subset": ["all", "era 1954-1977"], "n": [109, 24],
    ...     "primary_accuracy": [0.9, 0.875], "ci_low": [0.83, 0.69], "ci_high": [0.94, 0.96]})
    >>> print(era_validation(s).strip())  # doctest: +NORMALIZE_WHITESPACE
    On the government work reports (1954-2025; rules tuned on the other half of the reports),
    the lexicon codes 90.0% [83.0–94.0] of 109 sentences correctly; by era: 1954-1977 87.5%
    [69.0–96.0] of 24.
    """
    if summary is None or "dataset" not in summary.columns:
        return ""
    g = summary[(summary["dataset"] == "gwr") & (summary["model"] == "lexicon")]
    whole = g[g["subset"] == "all"]
    if whole.empty:
        return ""
    say = macros(_T)

    def fig(r) -> str:
        return say.figure(pct(r["primary_accuracy"]), ci(r["ci_low"], r["ci_high"]), int(r["n"]))

    eras = g[g["subset"].astype(str).str.startswith("era ")]
    by_era = [say.era(md_text(r["subset"][4:]), fig(r)) for _, r in eras.iterrows()]
    return say.eras(fig(whole.iloc[0]), by_era)
