"""The findings report's section on policy instruments, written from notebook 03's tables.

Every number links to the rows it was read from (:func:`policystudy.report.links.cite`); group
names are escaped (:func:`policystudy.core.markdown.md_text`). The document is the unit: a group
below ``min_documents`` documents is described, its #1 type carries no interval and no
leave-one-document-out check.

Examples
--------
>>> import pandas as pd
>>> g = pd.DataFrame({"group": "苏", "scope": "all", "instrument": ["supply", "environment",
...     "demand", "none"], "n_documents": 1, "share": [0.2, 0.3, 0.1, 0.4], "ci_low": float("nan"),
...     "ci_high": float("nan"), "rank": [2, 1, 3, float("nan")], "top": "environment",
...     "robust_top": float("nan"), "lodo_top": ""})
>>> group_lines(g, min_documents=5).split("; first: ")[1]
'**environment**; 1 document, fewer than 5: no interval, no test.'
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from policystudy.core.markdown import md_text
from policystudy.report.columns import flag
from policystudy.report.fmt import n_of, pct
from policystudy.report.links import cite
from policystudy.report.templates import macros

TYPES_ORDER = ("supply", "environment", "demand")
#: The table of the #1 under each coder (the other coder's figures are linked there).
TABLE = "instrument_methods"
_T = "instruments.md.j2"


def _num(x) -> float:
    """A table cell as a float; empty (a NaN read back as text) is NaN."""
    try:
        return float(x)
    except (TypeError, ValueError):
        return float("nan")


def _types(groups: pd.DataFrame) -> list[str]:
    seen = [t for t in dict.fromkeys(groups["instrument"].astype(str)) if t != "none"]
    return seen


def coder_clause(methods: pd.DataFrame | None, *, group: str, scope: str) -> str:
    """Whether the other coder puts the group's first type first too (``instrument_methods``).

    Empty without the table or with one coder only (the lead then says why).

    Examples
    --------
    >>> m = pd.DataFrame({"level": "group", "group": "苏", "doc_id": "", "scope": "all",
    ...     "method": ["model"] * 2 + ["rules"] * 2, "is_default": [True, True, False, False],
    ...     "instrument": ["supply", "environment"] * 2, "share": [0.45, 0.25, 0.29, 0.41],
    ...     "top": ["supply"] * 2 + ["environment"] * 2, "same_top": False})
    >>> coder_clause(m, group="苏", scope="all").split("](")[0]
    ' by the model, but **environment** by the rules ([41.0%'
    >>> coder_clause(m.assign(top="supply", same_top=True), group="苏", scope="all").split("](")[0]
    ' under both coders (the rules: [29.0%'
    """
    if methods is None or methods.empty:
        return ""
    m = methods[(methods["level"] == "group") & (methods["group"].astype(str) == group)
                & (methods["scope"] == scope)]  # fmt: skip
    own = m[m["is_default"].map(flag)]
    others = m[~m["is_default"].map(flag)]
    if own.empty or others.empty:
        return ""
    say = macros(_T)
    default = md_text(str(own["method"].iloc[0]))
    clauses = []
    for method, part in others.groupby(others["method"].astype(str), sort=True):
        top = str(part["top"].iloc[0]) if str(part["top"].iloc[0]) not in ("", "nan") else ""
        shown = part[part["instrument"] == (top or "none")]["share"].map(_num)
        where = {"level": "group", "group": group, "scope": scope, "method": method}
        share = cite(pct(shown.iloc[0]), TABLE, **where, instrument=top or "none")
        if flag(part["same_top"].iloc[0]):
            clauses.append(say.same_first(md_text(method), share))
        else:
            clauses.append(say.coder_flip(default, md_text(top), md_text(method), share))
    return "".join(clauses)


def group_lines(
    groups: pd.DataFrame, *, min_documents: int, methods: pd.DataFrame | None = None
) -> str:
    """One bullet per group: shares of each instrument type, for all and livelihood text.

    With ``methods`` (``instrument_methods``) each first type says whether the other coder
    puts it first too (:func:`coder_clause`).
    """
    say = macros(_T)
    if groups is None or groups.empty:
        return say.no_coding()
    types = _types(groups)
    lines = []
    for g, part in groups.groupby(groups["group"].astype(str), sort=True):
        n = int(part["n_documents"].iloc[0])
        bits = []
        for scope in ("all", "livelihood"):
            sp = part[part["scope"] == scope].set_index("instrument")
            if sp.empty or not np.isfinite(sp["share"].map(_num)).any():
                continue
            cells = []
            for t in [*types, "none"]:
                if t not in sp.index:
                    continue
                r = sp.loc[t]
                share = _num(r["share"])
                text = cite(pct(share), "instrument_groups", group=g, scope=scope, instrument=t)
                lo, hi = _num(r["ci_low"]), _num(r["ci_high"])
                band = np.isfinite(lo) and np.isfinite(hi)
                cells.append(say.share(md_text(t), text, pct(lo) if band else "", pct(hi)))
            top = str(sp["top"].iloc[0]) if str(sp["top"].iloc[0]) not in ("", "nan") else ""
            firm = ""
            if top and n >= min_documents:
                rob = sp["robust_top"].iloc[0]
                other = md_text(str(sp["lodo_top"].iloc[0]).replace(";", " or "))
                firm = say.robust() if flag(rob) else say.not_robust(other)
            elif top:
                firm = say.few_documents(n_of(n, "document"), min_documents)
            coder = coder_clause(methods, group=str(g), scope=scope) if top else ""
            bits.append(say.scope(scope, cells, md_text(top), coder + firm))
        lines.append(say.group(md_text(g), n_of(n, "document"), bits))
    return "\n".join(lines)


def domain_lines(
    domain_instruments: pd.DataFrame, *, labels: Mapping[str, str], top: int = 3
) -> str:
    """Per group, how its largest livelihood domains are pursued: the leading instrument type."""
    if domain_instruments is None or domain_instruments.empty:
        return ""
    di = domain_instruments[domain_instruments["livelihood"].map(flag)].copy()
    di["share"] = di["share"].map(_num)
    di["units"] = di["units"].map(_num)
    say = macros(_T)
    lines = []
    for g, part in di.groupby(di["group"].astype(str), sort=True):
        size = part.groupby("domain")["units"].sum().sort_values(ascending=False, kind="stable")
        items = []
        for d in size.index[:top]:
            rows = part[(part["domain"] == d) & (part["instrument"] != "none")]
            rows = rows.sort_values(["share", "instrument"], ascending=[False, True], kind="stable")
            if rows.empty or not rows["share"].iloc[0] > 0:
                items.append(say.no_instrument(md_text(labels.get(d, d))))
                continue
            r = rows.iloc[0]
            share = cite(pct(r["share"]), "domain_instruments", group=g, domain=d,
                         instrument=r["instrument"])  # fmt: skip
            items.append(say.led_by(md_text(labels.get(d, d)), md_text(r["instrument"]), share))
        if items:
            lines.append(say.domain_group(md_text(g), items))
    return "\n".join(lines)


def year_lines(years: pd.DataFrame | None) -> str:
    """First and last year's mean document share of each type, where the corpus has years."""
    say = macros(_T)
    if years is None or years.empty:
        return say.no_years()
    part = years[years["scope"] == "all"]
    if part.empty:
        return ""
    first, last = int(part["year"].min()), int(part["year"].max())
    cells = []
    for t in [x for x in dict.fromkeys(part["instrument"].astype(str)) if x != "none"]:
        a = part[(part["year"] == first) & (part["instrument"] == t)]["share"]
        b = part[(part["year"] == last) & (part["instrument"] == t)]["share"]
        if len(a) and len(b):
            ca = cite(
                pct(_num(a.iloc[0])), "instrument_years", year=first, scope="all", instrument=t
            )
            cb = cite(
                pct(_num(b.iloc[0])), "instrument_years", year=last, scope="all", instrument=t
            )
            cells.append(say.change(md_text(t), ca, cb))
    return say.years(part["year"].nunique(), first, last, cells)


def validation_line(validation: pd.DataFrame | None) -> tuple[str, str]:
    """The coder's method and the sentence on its blind accuracy (``instrument_validation``).

    Examples
    --------
    >>> import pandas as pd
    >>> v = pd.DataFrame({"sample": "fifth", "method": "model", "measure": "primary_accuracy",
    ...     "type": "", "n": 250, "value": 0.8, "ci_low": 0.746, "ci_high": 0.845,
    ...     "interval": "Wilson 95%"}, index=[0])
    >>> method, line = validation_line(v)
    >>> method, line.split(" of them")[0].split("for ")[-1]
    ('model', '[80.0%](../data/processed/instrument_validation.csv#measure=primary_accuracy)')
    >>> validation_line(v.iloc[:0])[0]
    'rules'
    """
    say = macros(_T)
    if validation is None or validation.empty:
        # Only the rules code another typology (the model is fitted on the packaged types).
        return "rules", say.unvalidated()
    row = validation[validation["measure"] == "primary_accuracy"].iloc[0]
    accuracy = cite(pct(_num(row["value"])), "instrument_validation", measure="primary_accuracy")
    line = say.validated(
        md_text(str(row["method"])),
        int(row["n"]),
        accuracy,
        pct(_num(row["ci_low"])),
        pct(_num(row["ci_high"])),
        md_text(str(row["sample"])),
    )
    return str(row["method"]), line


def coder_lead(methods: pd.DataFrame | None) -> str:
    """The lead's sentence on what is varied: the coder (empty without ``instrument_methods``).

    Examples
    --------
    >>> coder_lead(pd.DataFrame({"method": ["rules"], "note": ["only the rules code it"]}))
    ' The model codes only the Rothwell-Zegveld types: with this typology no other coder checks the #1 (only the rules code it; `instrument_methods.csv`).'
    """
    if methods is None or methods.empty:
        return ""
    say = macros(_T)
    coders = sorted(map(str, methods["method"].unique()))
    if len(coders) < 2:
        note = next((str(n) for n in methods["note"] if str(n) not in ("", "nan")), "")
        return " " + say.one_coder(md_text(note), TABLE)
    return " " + say.coders([md_text(c) for c in coders], TABLE)


def instruments_section(
    tables: Mapping[str, pd.DataFrame], *, labels: Mapping[str, str], min_documents: int
) -> list[str]:
    """The report's instrument section as a list of Markdown blocks (empty without the tables)."""
    groups = tables.get("instrument_groups")
    if groups is None:
        return []
    say = macros(_T)
    method, trust = validation_line(tables.get("instrument_validation"))
    methods = tables.get(TABLE)
    return [
        say.heading(),
        say.lead(method) + coder_lead(methods),
        trust,
        group_lines(groups, min_documents=min_documents, methods=methods),
        say.domains_lead(),
        domain_lines(tables.get("domain_instruments"), labels=labels),
        say.figure(),
        year_lines(tables.get("instrument_years")),
    ]
