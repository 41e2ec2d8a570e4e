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
from policystudy.report.links import cite
from policystudy.report.templates import macros


def _label(row) -> str:
    # The taxonomy is the user's to edit: its labels are text, not Markdown.
    return md_text(f"{row['label_zh']} {row['label_en']}")


_T = "priorities.md.j2"


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
    say = macros(_T)
    if sensitivity is None or sensitivity.empty:
        return say.no_flags()
    sub = sensitivity[sensitivity["flagged_documents"].astype(int) > 0]
    if sub.empty:
        return say.no_flags()
    out = []
    for _, r in sub.sort_values("group").iterrows():
        where = {"group": r["group"]}
        with_ = cite(f"{labels.get(r['top_with'], r['top_with'])} {pct(r['share_with'])}",
                     "priority_flag_sensitivity", **where)  # fmt: skip
        without = ""
        if int(r["documents_without"]) > 0 and str(r["top_without"]):
            label = labels.get(r["top_without"], r["top_without"])
            without = cite(
                f"{label} {pct(r['share_without'])}", "priority_flag_sensitivity", **where
            )
        out.append(
            say.flag_sensitivity(
                md_text(r["group"]),
                int(r["flagged_documents"]),
                int(r["documents_with"]),
                with_,
                without,
                bool(r["changed"]),
            )
        )
    return "\n".join(_capped(out, noun="group", table="priority_flag_sensitivity"))


def _doc_top(documents: pd.DataFrame, doc: str, k: int = 3) -> list[pd.Series]:
    sub = documents[(documents["doc_id"] == doc) & documents["rank"].notna()]
    return [r for _, r in sub.sort_values("rank").head(k).iterrows()]


def _rests_on(documents: pd.DataFrame, doc: str) -> str:
    sub = documents[(documents["doc_id"] == doc) & documents["share_livelihood"].notna()]
    sentences = int(sub["units"].sum()) if "units" in sub.columns else None
    return macros(_T).rests_on(f"{int(sub['chars'].sum()):,}", sentences)


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
    removal = "" if pd.isna(n) else cite(n_of(int(n), "sentence"), "priority_robustness", **where)
    runner = (labels or {}).get(r["runner_up"], md_text(r["runner_up"]))
    return macros(_T).robust(runner, lead, removal, str(r["method"]).startswith("exact"))


def thin_groups(profiles: pd.DataFrame) -> set[str]:
    """The groups whose pooled livelihood text is flagged thin (``thin_livelihood``)."""
    if "thin_livelihood" not in profiles.columns:
        return set()
    return {str(g) for g, v in zip(profiles["group"], profiles["thin_livelihood"], strict=True)
            if flag(v)}  # fmt: skip


def thin_docs(documents: pd.DataFrame) -> list[str]:
    """The documents whose livelihood text is flagged thin, sorted.

    Examples
    --------
    >>> thin_docs(pd.DataFrame({"doc_id": ["b", "a", "b"], "thin_livelihood": [True, False, True]}))
    ['b']
    """
    if "thin_livelihood" not in documents.columns:
        return []
    first = documents.drop_duplicates("doc_id")
    return sorted(
        str(d) for d, v in zip(first["doc_id"], first["thin_livelihood"], strict=True) if flag(v)
    )


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
    return macros(_T).thin_basis(
        cite(text, table, **where), cite(n_of(n, "sentence"), table, **where)
    )


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


def _big_group_lines(profiles, robust, big, n_docs, labels, min_documents) -> list[str]:
    """Groups of ``min_documents`` documents or more: a table of their top three with
    intervals, which #1 one document dominates, and how firm each #1 is."""
    say = macros(_T)
    lines = [say.big_groups(min_documents, share_notes.shares_note())]
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
            firm.append(say.firm(md_text(g), _label(top.iloc[0]), rob))
    if firm:
        lines += ["", *_capped(firm, noun="group", table="priority_robustness")]
    lines.append("")
    return lines


def _thin_group_lines(profiles, big_thin, n_docs) -> list[str]:
    """Groups of enough documents whose livelihood text is thin: what it rests on."""
    say = macros(_T)
    lines = []
    for g in big_thin[:LIST_MAX]:
        sub = profiles[(profiles["group"] == g) & profiles["rank"].notna()]
        r0 = profiles[profiles["group"] == g].iloc[0]
        shares = ", ".join(
            f"{_label(r)} " + cite(pct(r["share"]), "priorities", group=g, domain=r["domain"])
            for _, r in sub.sort_values("rank").head(2).iterrows()
        )
        has_thin = "thin_documents" in r0
        lines.append(
            say.thin_group(
                md_text(g),
                _thin_basis(r0, "priorities", group=g),
                n_of(int(n_docs[g]), "document") if has_thin else "",
                int(r0["thin_documents"]) if has_thin else 0,
                shares,
                _thin_why(r0),
            )
        )
    if len(big_thin) > LIST_MAX:
        rest = n_of(len(big_thin) - LIST_MAX, "more group")
        lines.append(say.more_thin_groups(cite(rest, "priorities", thin_livelihood="True")))
    if big_thin:
        lines.append("")
    return lines


def _one_document_line(documents, robust, g, doc, labels) -> str:
    """A group of one document, spoken of as that document."""
    say = macros(_T)
    top = _doc_top(documents, doc)
    if not top:
        return say.no_livelihood(md_text(g), md_code(doc))
    thin_row = thin_doc(documents, doc)
    if thin_row is not None:
        basis = _thin_basis(thin_row, "priority_documents", doc_id=doc)
        largest = ", ".join(_doc_cell(r) for r in top[:2])
        return say.thin_document(md_text(g), md_code(doc), basis, largest, _thin_why(thin_row))
    return say.one_document(
        md_text(g),
        md_code(doc),
        _doc_cell(top[0]),
        ", ".join(_doc_cell(r) for r in top[1:]),
        _robust_text(robust, level="document", group=g, doc=doc, labels=labels),
        _rests_on(documents, doc),
    )


def _side_by_side_lines(profiles, documents, robust, lodo, agreement, g, docs, thin, labels):
    """A small group of several documents: their profiles side by side, how far they agree,
    the pooled #1 and what leaving each document out does to it."""
    say = macros(_T)
    lines = [say.side_by_side(md_text(g), len(docs)), say.document_table_head()]
    for doc in docs:
        top = _doc_top(documents, doc)
        cells = [_doc_cell(r) for r in top] + ["–"] * (3 - len(top))
        rob = _robust_text(robust, level="document", group=g, doc=doc, labels=labels)
        rests = _rests_on(documents, doc)
        thin_row = thin_doc(documents, doc)
        if thin_row is not None:
            share = thin_row["livelihood_text_share"]
            rests = say.thin_rests_on(rests, "" if pd.isna(share) else pct(share))
            rob = say.thin_robust(rob) if rob else ""
        lines.append(say.document_row(md_code(doc, cell=True), rests, cells, rob))
    agree = agreement[agreement["group"].astype(str) == g]
    for _, a in agree.iterrows():
        tau = cite(f"{a['kendall_tau']:.2f}", "priority_agreement", group=g,
                   doc_a=a["doc_a"], doc_b=a["doc_b"])  # fmt: skip
        say_tau = say.agreement_only if len(agree) == 1 else say.agreement
        lines.append(say_tau(tau, md_code(a["doc_a"]), md_code(a["doc_b"])))
    prof = profiles[(profiles["group"] == g) & (profiles["rank"] == 1)]
    if len(prof) and g in thin:
        p = prof.iloc[0]
        pooled = cite(pct(p["share"]), "priorities", group=g, domain=p["domain"])
        basis = _thin_basis(p, "priorities", group=g)
        lines.append(say.pooled_thin(basis, _label(p), pooled, _thin_why(p)))
    elif len(prof):
        p = prof.iloc[0]
        pooled = cite(pct(p["share"]), "priorities", group=g, domain=p["domain"])
        rob = _robust_text(robust, level="group", group=g, labels=labels)
        lines.append(say.pooled(p["pooling"] == "documents", _label(p), pooled, rob))
        lo = lodo[lodo["group"].astype(str) == g]
        for _, r in lo.iterrows():
            share = cite(pct(r["top_share"]), "priority_lodo", group=g, left_out=r["left_out"])
            top = labels.get(r["top"], md_text(r["top"]))
            same = str(r["same_top"]).lower() == "true"
            lines.append(say.left_out(md_code(r["left_out"]), top, share, same))
    return lines


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
    say = macros(_T)
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
        lines += _big_group_lines(profiles, robust, big, n_docs, labels, min_documents)
    lines += _thin_group_lines(profiles, big_thin, n_docs)
    if small:
        lines.append(say.small_groups(min_documents))
    for g in small[:LIST_MAX]:
        docs = sorted(documents.loc[documents["group"].astype(str) == g, "doc_id"].unique())
        if len(docs) == 1:
            lines.append(_one_document_line(documents, robust, g, docs[0], labels))
            continue
        lines += _side_by_side_lines(
            profiles, documents, robust, lodo, agreement, g, docs, thin, labels
        )
        lines.append("")
    if len(small) > LIST_MAX:
        rest = n_of(len(small) - LIST_MAX, "more small group")
        lines.append(say.more_small_groups(cite(rest, "priority_documents")))
    return "\n".join(lines)


def coding_summary(coded_shares: pd.DataFrame) -> str:
    """How the analysed text divides into livelihood, general and non-livelihood text."""
    tot = coded_shares.groupby("domain")["chars"].sum()
    all_chars = tot.sum()
    if not all_chars:
        return ""
    nl = tot.get("non_livelihood", 0) / all_chars
    gen = tot.get("general", 0) / all_chars
    return macros(_T).coding(
        cite(pct(nl), "priority_documents", domain="non_livelihood"),
        cite(pct(gen), "priority_documents", domain="general"),
    )
