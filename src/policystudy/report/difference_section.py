"""The "Where the documents agree" and "Do groups differ?" sections."""

from __future__ import annotations

import pandas as pd

from policystudy.core.markdown import md_code, md_text
from policystudy.report import shares as share_notes
from policystudy.report.fmt import LIST_MAX, id_list, n_of, pct
from policystudy.report.fmt import n_of as _n
from policystudy.report.links import cite
from policystudy.report.priority_section import thin_doc


def consensus_lines(consensus: pd.DataFrame, documents: pd.DataFrame, labels: dict) -> str:
    """Where the documents agree: domains in every (or most) documents' top three, and where
    employment stands in each document."""
    lines = []
    n = int(consensus["n_documents"].max()) if len(consensus) else 0
    if not n:
        return "- No document has livelihood text."
    for _, r in consensus.sort_values(["top3", "domain"], ascending=[False, True]).iterrows():
        if r["top3"] * 2 > n:
            lines.append(
                f"- {labels.get(r['domain'], md_text(r['domain']))} is in the top three of "
                f"{cite(str(int(r['top3'])), 'priority_consensus', domain=r['domain'])} of {n} "
                "documents ("
                + cite(
                    f"#1 in {int(r['top1'])}; median rank {r['median_rank']:g}; share of "
                    f"livelihood text {pct(r['min_share'])}–{pct(r['max_share'])}",
                    "priority_consensus",
                    domain=r["domain"],
                )
                + ")."
            )
    if not lines:
        lines.append(f"- No domain is in the top three of most of the {n} documents.")
    thin_docs = sorted(
        d for d in documents["doc_id"].astype(str).unique() if thin_doc(documents, d) is not None
    )
    if thin_docs:
        lines.append(
            f"- {_n(len(thin_docs), 'document')} with thin livelihood text "
            f"({id_list(thin_docs, table='priority_documents', thin_livelihood='True')}) are "
            "left out of these counts: their "
            "ranks rest on a handful of sentences or on scattered mentions."
        )
    emp = documents[(documents["domain"] == "employment") & documents["share_livelihood"].notna()]
    if len(emp) > LIST_MAX:
        ranks = emp["rank"]
        lines.append(
            "- Where employment stands: #1 in "
            + cite(str(int((ranks == 1).sum())), "priority_documents", domain="employment", rank=1)
            + f" of {len(emp)} documents, in the top three of {int((ranks <= 3).sum())}, median "
            f"rank {ranks.median():g}"
            + (f", no employment text in {int(ranks.isna().sum())}" if ranks.isna().any() else "")
            + " (each document's rank is in `priority_documents.csv`)."
        )
    elif len(emp):
        ranks = ", ".join(
            f"{md_code(r['doc_id'])} "
            + cite(
                f"#{int(r['rank'])}" if pd.notna(r["rank"]) else "none",
                "priority_documents",
                doc_id=r["doc_id"],
                domain="employment",
            )
            + (" (thin)" if thin_doc(documents, r["doc_id"]) is not None else "")
            for _, r in emp.sort_values("doc_id").iterrows()
        )
        lines.append(f"- Where employment stands in each document: {ranks}.")
    return "\n".join(lines)


def difference_lines(
    tests: pd.DataFrame, *, min_documents: int, thin_groups: set[str] | frozenset[str] = frozenset()
) -> str:
    """Group differences: tested only between groups of ``min_documents`` documents or more;
    a difference involving a group in ``thin_groups`` (thin livelihood text) is marked as not
    one between priorities."""
    if tests.empty:
        return "- There is only one group: nothing to compare."
    tested = tests[tests["tested"].astype(str).str.lower() == "true"]
    if tested.empty:
        return (
            f"- No pair of groups has at least {min_documents} documents each, so no difference "
            "was tested: with this few documents a test would have no power, and 'no "
            "significant difference' would say nothing about whether the groups are alike. The "
            "document profiles above are descriptive."
        )
    sig = tested[tested["significant"].astype(str).str.lower() == "true"]
    n_t = cite(str(len(tested)), "priority_tests", tested="True")
    out = [
        f"- {n_t} group × domain differences were tested by permuting group labels across "
        f"documents (Holm-corrected); {len(sig)} survive."
    ]
    shown = sig.sort_values(["p_holm", "domain", "group_a", "group_b"])
    for _, r in shown.head(LIST_MAX).iterrows():
        p = cite(share_notes.p_shown(r), "priority_tests", group_a=r["group_a"],
                 group_b=r["group_b"], domain=r["domain"])  # fmt: skip
        thin = [g for g in (str(r["group_a"]), str(r["group_b"])) if g in thin_groups]
        note = (
            f"; {' and '.join(md_text(g) for g in thin)} "
            f"{'has' if len(thin) == 1 else 'have'} thin livelihood "
            "text: a difference in a handful of sentences, not in priorities"
            if thin
            else ""
        )
        out.append(
            f"  - {md_text(r['domain'])}: {md_text(r['group_a'])} {pct(r['share_a'])} vs "
            f"{md_text(r['group_b'])} "
            f"{pct(r['share_b'])} (Holm p = {p}{note})"
        )
    if len(sig) > LIST_MAX:
        rest = n_of(len(sig) - LIST_MAX, "more difference")
        out.append(f"  - … and {cite(rest, 'priority_tests', significant='True')}.")
    if note := share_notes.difference_note(tests):
        out.append(note)
    untested = tests[tests["tested"].astype(str).str.lower() != "true"]
    if len(untested):
        pairs = untested[["group_a", "group_b"]].drop_duplicates()
        out.append(
            f"- {len(pairs)} pair(s) involving a group with fewer than {min_documents} documents "
            "were not tested and carry no p-value."
        )
    return "\n".join(out)


def similarity_line(similarity: pd.DataFrame) -> str:
    """Most and least alike groups by TF-IDF cosine."""
    sim = similarity[
        (similarity["level"] == "group") & (similarity["item_a"] < similarity["item_b"])
    ]
    if sim.empty:
        return ""
    if len(sim) == 1:
        r = sim.iloc[0]
        c = cite(f"{r['cosine']:.2f}", "similarity", item_a=r["item_a"], item_b=r["item_b"])
        return (
            f"- Vocabulary (TF-IDF cosine) of the two groups, {md_text(r['item_a'])} and "
            f"{md_text(r['item_b'])}: {c}."
        )
    hi = sim.sort_values(["cosine", "item_a"], ascending=[False, True]).iloc[0]
    lo = sim.sort_values(["cosine", "item_a"], ascending=[True, True]).iloc[0]
    c_hi = cite(f"{hi['cosine']:.2f}", "similarity", item_a=hi["item_a"], item_b=hi["item_b"])
    c_lo = cite(f"{lo['cosine']:.2f}", "similarity", item_a=lo["item_a"], item_b=lo["item_b"])
    return (
        f"- Vocabulary (TF-IDF cosine): most alike {md_text(hi['item_a'])}–"
        f"{md_text(hi['item_b'])} ({c_hi}), least alike {md_text(lo['item_a'])}–"
        f"{md_text(lo['item_b'])} ({c_lo})."
    )
