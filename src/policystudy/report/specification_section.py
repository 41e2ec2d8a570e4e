"""The report's headlines led by agreement across specifications (``priority_specifications``).

Each document's and group's #1 is stated first as the number of specifications that agree
("education first in 36 of 48 specifications"), then with the default figure, then with what
the other specifications put first. A document the default leaves out (a flagged copy) is
stated by what its specifications put first, with a note that it enters only with flagged
documents in.

Examples
--------
>>> t = pd.DataFrame({"level": ["group"] * 3, "group": ["X"] * 3, "doc_id": [""] * 3,
...     "specification": ["a", "b", "c"], "top": ["education", "education", "health"],
...     "top_share": [0.3, 0.4, 0.35], "is_default": [True, False, False],
...     "n_documents": [2, 2, 2], "flagged": ["out", "out", "in"]})
>>> print(specification_lines(t, {"education": "教育 Education"}))  # doctest: +ELLIPSIS
- **X** (group of 2 documents): 教育 Education first in [2 of 3 specifications](...); default ...
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pandas as pd

from policystudy.core.markdown import md_code, md_text
from policystudy.priorities.specification import specification_agreement
from policystudy.report.fmt import capped, n_of, pct
from policystudy.report.links import cite
from policystudy.report.templates import macros

TABLE = "priority_specifications"
_T = "specification.md.j2"


def _others(tops: str, default: str, labels: Mapping[str, str]) -> str:
    rest = [kv.split(":") for kv in tops.split("|") if kv and kv.split(":")[0] != default]
    other = macros(_T).other
    return "; ".join(other(md_text(labels.get(k, k)), v) for k, v in rest)


def specification_lines(
    table: pd.DataFrame | None,
    labels: Mapping[str, str],
    *,
    thin_groups: Collection[str] = (),
    thin_docs: Collection[str] = (),
) -> str:
    """One line per group, then per document: agreement first, then the default figure.

    A default #1 that fewer than half of the specifications share is stated as no firm #1; a
    group in ``thin_groups`` or a document in ``thin_docs`` (thin livelihood text) is marked as
    not read as a priority, as the profiles below say of it.

    Examples
    --------
    >>> t = pd.DataFrame({"level": ["group"] * 3, "group": ["X"] * 3, "doc_id": [""] * 3,
    ...     "specification": ["a", "b", "c"], "top": ["health", "education", "education"],
    ...     "top_share": [0.3, 0.4, 0.35], "is_default": [True, False, False],
    ...     "n_documents": [2, 2, 2], "flagged": ["out", "out", "in"]})
    >>> print(specification_lines(t, {}, thin_groups={"X"}))  # doctest: +ELLIPSIS
    - **X** (group of 2 documents): **no firm #1**: the default puts health first (30.0% ...), but only [1 of 3 specifications](...) agree; otherwise education in 2. Thin livelihood text: not read as a priority.
    """
    if table is None or table.empty:
        return ""
    t = table.copy()
    t["is_default"] = t["is_default"].astype(str).str.lower().isin(["true", "1", "1.0"])
    agree = specification_agreement(t)
    n_docs = t[t["is_default"]].drop_duplicates(["level", "group", "doc_id"])
    n_docs = n_docs.set_index(["level", "group", "doc_id"])["n_documents"]
    say = macros(_T)
    out = []
    for a in agree.sort_values(
        ["level", "group", "doc_id"], ascending=[False, True, True]
    ).itertuples(index=False):
        key = (a.level, a.group, a.doc_id)
        where = {"level": a.level, "group": a.group} | ({"doc_id": a.doc_id} if a.doc_id else {})
        thin = a.group in thin_groups if a.level == "group" else a.doc_id in thin_docs
        if a.level == "group":
            n = int(n_docs.get(key, 0))
            name = say.group_name(md_text(a.group), n_of(n, "document") if n else "")
        else:
            name = say.document_name(md_code(a.doc_id), md_text(a.group))
        if a.default_top:
            head = labels.get(a.default_top, a.default_top)
            agreed = cite(
                f"{a.agree} of {n_of(a.n_specifications, 'specification')}", TABLE, **where
            )
            others = _others(a.tops, a.default_top, labels)
            # a #1 most specifications reject is not a finding, whatever the default says
            firm = 2 * int(a.agree) >= int(a.n_specifications)
            share = pct(a.default_share)
            line = say.agreed(name, md_text(head), agreed, share, others, firm, thin)
        else:
            modal = labels.get(a.modal_top, a.modal_top)
            agreed = cite(
                f"{a.modal_count} of {n_of(a.n_specifications, 'specification')}", TABLE, **where
            )
            disagree = "|" in a.tops
            others = _others(a.tops, a.modal_top, labels) if disagree else ""
            line = say.flagged_out(name, md_text(modal), agreed, others, disagree, thin)
        out.append(line)
    return "\n".join(capped(out, noun="document or group", table=TABLE))


def specification_section(
    table: pd.DataFrame | None,
    labels: Mapping[str, str],
    *,
    thin_groups: Collection[str] = (),
    thin_docs: Collection[str] = (),
) -> list[str]:
    """The section's paragraphs: what was varied, then the headlines by agreement."""
    lines = specification_lines(table, labels, thin_groups=thin_groups, thin_docs=thin_docs)
    if table is None or not lines:
        return []
    specs = table["specification"].nunique()
    varied = []
    for col, what in (("classifier", "classifier"), ("weight", "weighting"),
                      ("flagged", "flagged documents in or out"),
                      ("set_aside", "set-aside parts (commentary) in or out")):  # fmt: skip
        values = sorted(map(str, table[col].unique())) if col in table.columns else []
        if len(values) > 1:
            varied.append(
                what if col in ("flagged", "set_aside") else f"{what} ({', '.join(values)})"
            )
    if "threshold" in table.columns:
        thr = sorted(pd.to_numeric(table["threshold"], errors="coerce").dropna().unique())
        if len(thr) > 1:
            varied.append("lexicon threshold (" + ", ".join(f"{x:g}" for x in thr) + ")")
    tfidf = "tfidf" in set(map(str, table.get("classifier", pd.Series(dtype=str))))
    say = macros(_T)
    return [say.headline(specs, varied, tfidf), lines, say.figure(TABLE)]
