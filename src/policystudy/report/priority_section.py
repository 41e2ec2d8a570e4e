"""The "Priorities" section: each group's profile, spoken of as documents where a group rests on
few of them; thin livelihood text; the flagged documents' weight."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from policystudy.core.markdown import md_cell, md_code, md_text
from policystudy.report import shares as share_notes
from policystudy.report.columns import flag
from policystudy.report.fmt import LIST_MAX, n_of, pct
from policystudy.report.fmt import capped as _capped
from policystudy.report.fmt import ci as _ci
from policystudy.report.fmt import n_of as _n
from policystudy.report.links import cite


def _label(row) -> str:
    # The taxonomy is the user's to edit: its labels are text, not Markdown.
    return md_text(f"{row['label_zh']} {row['label_en']}")


def flag_sensitivity_lines(sensitivity: pd.DataFrame | None, labels: Mapping[str, str]) -> str:
    """Each group with flagged documents: its #1 priority with and without them.

    Examples
    --------
    >>> t = pd.DataFrame({"group": ["X"], "flagged_documents": [1], "documents_with": [2],
    ...     "top_with": ["health"], "share_with": [0.4], "documents_without": [1],
    ...     "top_without": ["education"], "share_without": [0.5], "changed": [True]})
    >>> print(flag_sensitivity_lines(t, {}))  # doctest: +ELLIPSIS
    - X (1 flagged of 2 documents): #1 with them [health 40.0%](...), without them [education 50.0%](...): **the #1 changes**.
    """
    if sensitivity is None or sensitivity.empty:
        return "- No document carries a quality flag: every finding rests on unflagged documents."
    sub = sensitivity[sensitivity["flagged_documents"].astype(int) > 0]
    if sub.empty:
        return "- No document carries a quality flag: every finding rests on unflagged documents."
    out = []
    for _, r in sub.sort_values("group").iterrows():
        where = {"group": r["group"]}
        with_ = cite(f"{labels.get(r['top_with'], r['top_with'])} {pct(r['share_with'])}",
                     "priority_flag_sensitivity", **where)  # fmt: skip
        if int(r["documents_without"]) == 0 or not str(r["top_without"]):
            without = "without them no document is left"
            verdict = "the group's finding rests on flagged documents only"
        else:
            label = labels.get(r["top_without"], r["top_without"])
            without = "without them " + cite(
                f"{label} {pct(r['share_without'])}", "priority_flag_sensitivity", **where
            )
            verdict = "**the #1 changes**" if bool(r["changed"]) else "the same #1"
        out.append(
            f"- {md_text(r['group'])} ({int(r['flagged_documents'])} flagged of "
            f"{int(r['documents_with'])} documents): #1 with them {with_}, {without}: {verdict}."
        )
    return "\n".join(_capped(out, noun="group", table="priority_flag_sensitivity"))


def _doc_top(documents: pd.DataFrame, doc: str, k: int = 3) -> list[pd.Series]:
    sub = documents[(documents["doc_id"] == doc) & documents["rank"].notna()]
    return [r for _, r in sub.sort_values("rank").head(k).iterrows()]


def _rests_on(documents: pd.DataFrame, doc: str) -> str:
    sub = documents[(documents["doc_id"] == doc) & documents["share_livelihood"].notna()]
    if "units" not in sub.columns:
        return f"{int(sub['chars'].sum()):,} characters"
    return f"{int(sub['chars'].sum()):,} characters in {int(sub['units'].sum())} sentences"


def _doc_cell(r) -> str:
    return f"{_label(r)} " + cite(
        pct(r["share_livelihood"]), "priority_documents", doc_id=r["doc_id"], domain=r["domain"]
    )


def _robust_text(
    robust: pd.DataFrame, *, level: str, group: str, doc: str = "", labels: Mapping | None = None
) -> str:
    sub = robust[(robust["level"] == level) & (robust["group"].astype(str) == group)]
    if level == "document":
        sub = sub[sub["doc_id"] == doc]
    if sub.empty:
        return ""
    r = sub.iloc[0]
    where = {"level": level, "group": group} | ({"doc_id": doc} if level == "document" else {})
    lead = cite(f"{100 * float(r['lead']):.1f} points", "priority_robustness", **where)
    n = r["fewest_units"]
    if pd.isna(n):
        firm = "no removal of its sentences changes it"
    else:
        bound = "" if str(r["method"]).startswith("exact") else "at most "
        firm = (
            f"removing {bound}{cite(_n(int(n), 'sentence'), 'priority_robustness', **where)} "
            "changes it"
        )
    runner = (labels or {}).get(r["runner_up"], md_text(r["runner_up"]))
    return f"its lead over {runner} is {lead}, and {firm}"


def thin_groups(profiles: pd.DataFrame) -> set[str]:
    if "thin_livelihood" not in profiles.columns:
        return set()
    return {str(g) for g, v in zip(profiles["group"], profiles["thin_livelihood"], strict=True)
            if flag(v)}  # fmt: skip


def thin_doc(documents: pd.DataFrame, doc: str) -> pd.Series | None:
    """The document's row when its livelihood text is flagged thin, else None."""
    if "thin_livelihood" not in documents.columns:
        return None
    sub = documents[documents["doc_id"] == doc]
    return sub.iloc[0] if len(sub) and flag(sub["thin_livelihood"].iloc[0]) else None


def _thin_basis(r, table: str, **where) -> str:
    """'2.3% of its analysed text is livelihood policy (40 sentences' - the numbers a thin
    flag rests on, linked to the row."""
    share = r["livelihood_text_share"]
    text = "none" if pd.isna(share) else pct(share)
    n = int(r["livelihood_units"])
    return (
        f"{cite(text, table, **where)} of its analysed text is livelihood policy "
        f"({cite(_n(n, 'sentence'), table, **where)}"
    )


NOT_PRIORITIES = "its shares are not read as priorities"
_THIN_BASIS = {
    "share": "scattered mentions in a text mostly about other things",
    "units": "a handful of sentences",
    "documents": "the profiles of its thin documents",
}


def _thin_why(r) -> str:
    """What a thin profile rests on, from its ``thin_reason`` (``|``-joined reasons).

    Examples
    --------
    >>> _thin_why({"thin_reason": "share|units"})
    'scattered mentions in a text mostly about other things and a handful of sentences'
    """
    reasons = [x for x in str(r.get("thin_reason", "") or "").split("|") if x in _THIN_BASIS]
    return " and ".join(_THIN_BASIS[x] for x in reasons) or _THIN_BASIS["units"]


def priorities_section(
    profiles: pd.DataFrame,
    documents: pd.DataFrame,
    robust: pd.DataFrame,
    lodo: pd.DataFrame,
    agreement: pd.DataFrame,
    *,
    min_documents: int,
    group_by: str,
) -> str:
    """Each group's priorities, spoken of as documents where a group rests on few of them."""
    lines = []
    labels = dict(
        zip(documents["domain"], documents["label_zh"] + " " + documents["label_en"], strict=False)
    )
    n_docs = profiles.groupby("group")["n_documents"].first()
    thin = thin_groups(profiles)
    big_all = sorted(g for g, n in n_docs.items() if n >= min_documents)
    big = [g for g in big_all if g not in thin]
    big_thin = [g for g in big_all if g in thin]
    small = sorted(g for g, n in n_docs.items() if n < min_documents)
    if big:
        lines.append(
            f"Groups with at least {min_documents} documents: the share of livelihood text per "
            "domain (documents weighted as in `pooling`), with 95% intervals from a bootstrap "
            "that resamples documents. " + share_notes.SHARES_NOTE + "\n"
        )
        lines.append("| group | documents | #1 | #2 | #3 |")
        lines.append("|---|---|---|---|---|")
        for g in big:
            sub = profiles[(profiles["group"] == g) & profiles["rank"].notna()]
            cells = []
            for _, r in sub.sort_values("rank").head(3).iterrows():
                cells.append(
                    f"{_label(r)} "
                    + cite(pct(r["share"]), "priorities", group=g, domain=r["domain"])
                    + f" {_ci(r['ci_low'], r['ci_high'])}"
                    + share_notes.all_text(r)
                )
            cells += ["–"] * (3 - len(cells))
            lines.append(f"| {md_cell(g)} | {int(n_docs[g])} | " + " | ".join(cells) + " |")
        firm = []
        for g in big:
            top1 = profiles[(profiles["group"] == g) & (profiles["rank"] == 1)]
            if len(top1) and (dom := share_notes.dominance_line(profiles, g, _label(top1.iloc[0]))):
                lines.append(("\n" if g == big[0] else "") + dom)
        for g in big:
            rob = _robust_text(robust, level="group", group=g, labels=labels)
            top = profiles[(profiles["group"] == g) & (profiles["rank"] == 1)]
            if rob and len(top):
                firm.append(f"- {md_text(g)}: the #1 is {_label(top.iloc[0])}; {rob}.")
        if firm:
            lines += ["", *_capped(firm, noun="group", table="priority_robustness")]
        lines.append("")
    for g in big_thin[:LIST_MAX]:
        sub = profiles[(profiles["group"] == g) & profiles["rank"].notna()]
        r0 = profiles[profiles["group"] == g].iloc[0]
        shares = ", ".join(
            f"{_label(r)} " + cite(pct(r["share"]), "priorities", group=g, domain=r["domain"])
            for _, r in sub.sort_values("rank").head(2).iterrows()
        )
        docs_thin = (
            f" in {_n(int(n_docs[g]), 'document')}, {int(r0['thin_documents'])} of them thin"
            if "thin_documents" in r0
            else ""
        )
        lines.append(
            f"- **{md_text(g)}: thin livelihood text.** Only {_thin_basis(r0, 'priorities', group=g)}"
            f"{docs_thin}); {NOT_PRIORITIES}"
            + (f": its largest ({shares}) rest on {_thin_why(r0)}." if shares else ".")
        )
    if len(big_thin) > LIST_MAX:
        rest = n_of(len(big_thin) - LIST_MAX, "more group")
        lines.append(f"- … and {cite(rest, 'priorities', thin_livelihood='True')} with thin "
                     "livelihood text.")  # fmt: skip
    if big_thin:
        lines.append("")
    if small:
        lines.append(
            f"Groups with fewer than {min_documents} documents carry no intervals or p-values: "
            "their profiles describe their documents, not a population of texts. What follows is "
            "each document's profile (share of its livelihood text) and how firm its #1 is.\n"
        )
    for g in small[:LIST_MAX]:
        docs = sorted(documents.loc[documents["group"].astype(str) == g, "doc_id"].unique())
        if len(docs) == 1:
            doc = docs[0]
            top = _doc_top(documents, doc)
            if not top:
                lines.append(
                    f"- **The {md_text(g)} document ({md_code(doc)})** has no livelihood text."
                )
                continue
            thin_row = thin_doc(documents, doc)
            if thin_row is not None:
                basis = _thin_basis(thin_row, "priority_documents", doc_id=doc)
                lines.append(
                    f"- **The {md_text(g)} document ({md_code(doc)}): thin livelihood text.** "
                    f"Only {basis}); "
                    f"{NOT_PRIORITIES}: its largest ({', '.join(_doc_cell(r) for r in top[:2])}) "
                    f"rest on {_thin_why(thin_row)}."
                )
                continue
            rest = ", ".join(_doc_cell(r) for r in top[1:])
            rob = _robust_text(robust, level="document", group=g, doc=doc, labels=labels)
            lines.append(
                f"- **The {md_text(g)} document ({md_code(doc)})** puts {_doc_cell(top[0])} first"
                + (f", then {rest}" if rest else "")
                + (f"; {rob}" if rob else "")
                + f" (livelihood text: {_rests_on(documents, doc)})."
            )
            continue
        lines.append(f"- **{md_text(g)}: {len(docs)} documents side by side.**\n")
        lines.append("  | document | livelihood text | #1 | #2 | #3 | firmness of the #1 |")
        lines.append("  |---|---|---|---|---|---|")
        for doc in docs:
            top = _doc_top(documents, doc)
            cells = [_doc_cell(r) for r in top] + ["–"] * (3 - len(top))
            rob = _robust_text(robust, level="document", group=g, doc=doc, labels=labels)
            rests = _rests_on(documents, doc)
            thin_row = thin_doc(documents, doc)
            if thin_row is not None:
                share = thin_row["livelihood_text_share"]
                of_text = "" if pd.isna(share) else f", {pct(share)} of its text"
                rests = f"**thin**: {rests}{of_text}"
                rob = f"not read as a priority (thin livelihood text); {rob}" if rob else ""
            lines.append(
                f"  | {md_code(doc, cell=True)} | {rests} | " + " | ".join(cells) + f" | {rob} |"
            )
        agree = agreement[agreement["group"].astype(str) == g]
        for _, a in agree.iterrows():
            tau = cite(f"{a['kendall_tau']:.2f}", "priority_agreement", group=g,
                       doc_a=a["doc_a"], doc_b=a["doc_b"])  # fmt: skip
            lines.append(
                f"\n  The two profiles agree only as far as Kendall's τ = {tau} "
                f"({md_code(a['doc_a'])} vs {md_code(a['doc_b'])})."
                if len(agree) == 1
                else f"\n  τ({md_code(a['doc_a'])}, {md_code(a['doc_b'])}) = {tau}."
            )
        prof = profiles[(profiles["group"] == g) & (profiles["rank"] == 1)]
        if len(prof) and g in thin:
            p = prof.iloc[0]
            pooled = cite(pct(p["share"]), "priorities", group=g, domain=p["domain"])
            lines.append(
                f"\n  Pooled, only {_thin_basis(p, 'priorities', group=g)}): thin, so "
                f"{NOT_PRIORITIES}; the largest, {_label(p)} at {pooled}, rests on "
                f"{_thin_why(p)}."
            )
        elif len(prof):
            p = prof.iloc[0]
            pooled = cite(pct(p["share"]), "priorities", group=g, domain=p["domain"])
            rob = _robust_text(robust, level="group", group=g, labels=labels)
            lines.append(
                f"\n  Pooled ({p['pooling']} weighted equally" if p["pooling"] == "documents"
                else "\n  Pooled (characters pooled"
            )  # fmt: skip
            lines[-1] += f"), the #1 is {_label(p)} at {pooled}" + (f"; {rob}." if rob else ".")
            lo = lodo[lodo["group"].astype(str) == g]
            for _, r in lo.iterrows():
                same = "the same #1" if str(r["same_top"]).lower() == "true" else "a different #1"
                share = cite(pct(r["top_share"]), "priority_lodo", group=g, left_out=r["left_out"])
                lines.append(
                    f"  Without {md_code(r['left_out'])} the #1 is "
                    f"{labels.get(r['top'], md_text(r['top']))} "
                    f"({share}): {same}."
                )
        lines.append("")
    if len(small) > LIST_MAX:
        rest = n_of(len(small) - LIST_MAX, "more small group")
        lines.append(
            f"… and {cite(rest, 'priority_documents')}: each document's profile is in "
            "`priority_documents.csv`, how firm its #1 is in `priority_robustness.csv`."
        )
    return "\n".join(lines)


def coding_summary(coded_shares: pd.DataFrame) -> str:
    """How the analysed text divides into livelihood, general and non-livelihood text."""
    tot = coded_shares.groupby("domain")["chars"].sum()
    all_chars = tot.sum()
    if not all_chars:
        return ""
    nl = tot.get("non_livelihood", 0) / all_chars
    gen = tot.get("general", 0) / all_chars
    return (
        "Shares are of *livelihood text*: the characters of sentences coded to a livelihood "
        "domain. Of all analysed text, "
        + cite(pct(nl), "priority_documents", domain="non_livelihood")
        + " is not livelihood policy and "
        + cite(pct(gen), "priority_documents", domain="general")
        + " is general framing; both are left out of the shares."
    )
