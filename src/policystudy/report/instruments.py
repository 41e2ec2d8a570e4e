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
from policystudy.report.links import cite

TYPES_ORDER = ("supply", "environment", "demand")
SCOPE_WORDS = {"all": "all policy text", "livelihood": "livelihood text"}


def _num(x) -> float:
    """A table cell as a float; empty (a NaN read back as text) is NaN."""
    try:
        return float(x)
    except (TypeError, ValueError):
        return float("nan")


def _pct(x: float) -> str:
    return "–" if not np.isfinite(x) else f"{100 * x:.1f}%"


def _docs(n: int) -> str:
    return f"{n} document" + ("" if n == 1 else "s")


def _types(groups: pd.DataFrame) -> list[str]:
    seen = [t for t in dict.fromkeys(groups["instrument"].astype(str)) if t != "none"]
    return seen


def group_lines(groups: pd.DataFrame, *, min_documents: int) -> str:
    """One bullet per group: shares of each instrument type, for all and livelihood text."""
    if groups is None or groups.empty:
        return "No policy text was coded for instruments."
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
                text = cite(_pct(share), "instrument_groups", group=g, scope=scope, instrument=t)
                lo, hi = _num(r["ci_low"]), _num(r["ci_high"])
                if np.isfinite(lo) and np.isfinite(hi):
                    text += f" ({_pct(lo)}–{_pct(hi)})"
                cells.append(f"{md_text(t)} {text}")
            top = str(sp["top"].iloc[0]) if str(sp["top"].iloc[0]) not in ("", "nan") else ""
            firm = ""
            if top and n >= min_documents:
                rob = sp["robust_top"].iloc[0]
                firm = (
                    ", first with every document left out in turn"
                    if flag(rob)
                    else f", but with one document left out the first type is "
                    f"{md_text(str(sp['lodo_top'].iloc[0]).replace(';', ' or '))}"
                )
            elif top:
                firm = f"; {_docs(n)}, fewer than {min_documents}: no interval, no test"
            bits.append(
                f"of {SCOPE_WORDS[scope]}, "
                + ", ".join(cells)
                + (f"; first: **{md_text(top)}**{firm}" if top else "")
            )
        lines.append(f"- **{md_text(g)}** ({_docs(n)}): " + "; ".join(bits) + ".")
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
    lines = []
    for g, part in di.groupby(di["group"].astype(str), sort=True):
        size = part.groupby("domain")["units"].sum().sort_values(ascending=False, kind="stable")
        items = []
        for d in size.index[:top]:
            rows = part[(part["domain"] == d) & (part["instrument"] != "none")]
            rows = rows.sort_values(["share", "instrument"], ascending=[False, True], kind="stable")
            if rows.empty or not rows["share"].iloc[0] > 0:
                items.append(f"{md_text(labels.get(d, d))}: no instrument named")
                continue
            r = rows.iloc[0]
            share = cite(_pct(r["share"]), "domain_instruments", group=g, domain=d,
                         instrument=r["instrument"])  # fmt: skip
            items.append(f"{md_text(labels.get(d, d))} led by {md_text(r['instrument'])} ({share})")
        if items:
            lines.append(f"- **{md_text(g)}**: " + "; ".join(items) + ".")
    return "\n".join(lines)


def year_lines(years: pd.DataFrame | None) -> str:
    """First and last year's mean document share of each type, where the corpus has years."""
    if years is None or years.empty:
        return "The manifest has no `year` column: no shares over time."
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
                _pct(_num(a.iloc[0])), "instrument_years", year=first, scope="all", instrument=t
            )
            cb = cite(
                _pct(_num(b.iloc[0])), "instrument_years", year=last, scope="all", instrument=t
            )
            cells.append(f"{md_text(t)} {ca} → {cb}")
    n_years = part["year"].nunique()
    return (
        f"Over time ({n_years} years, {first}–{last}; each year's documents weighted equally, "
        f"shares of all policy text): " + ", ".join(cells) + "."
    )


def instruments_section(
    tables: Mapping[str, pd.DataFrame], *, labels: Mapping[str, str], min_documents: int
) -> list[str]:
    """The report's instrument section as a list of Markdown blocks (empty without the tables)."""
    groups = tables.get("instrument_groups")
    if groups is None:
        return []
    return [
        "## Policy instruments: how each priority is pursued",
        "Every coded sentence (or clause), livelihood text or not, is also coded for the policy "
        "instruments it names (Rothwell and Zegveld by default: supply, environment, demand; "
        "`instrument_taxonomy`), with the cue words that decided (`sentence_instruments.csv`). "
        "Shares are of each document's text by its primary instrument type, `none` where no "
        "instrument is named; a group's share is the mean of its documents' shares, with a "
        "document-bootstrap interval only where the group has enough documents. The coding "
        "guide and its development figures are in `validation/dev/INSTRUMENTS.md`.",
        group_lines(groups, min_documents=min_documents),
        "How the largest livelihood domains of each group are pursued: the instrument type "
        "with the largest share of the domain's text (the rest is other types or `none`):",
        domain_lines(tables.get("domain_instruments"), labels=labels),
        "![Domain × policy instrument](../figures/domain_instruments.png)",
        year_lines(tables.get("instrument_years")),
    ]
