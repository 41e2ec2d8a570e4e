"""The "Where the documents agree" and "Do groups differ?" sections."""

from __future__ import annotations

import pandas as pd

from policystudy.core.markdown import md_code, md_text
from policystudy.report import shares as share_notes
from policystudy.report.fmt import LIST_MAX, id_list, n_of, p_text, pct
from policystudy.report.links import cite
from policystudy.report.priority_section import thin_doc, thin_docs
from policystudy.report.templates import macros

_T = "difference.md.j2"


def consensus_lines(consensus: pd.DataFrame, documents: pd.DataFrame, labels: dict) -> str:
    """Where the documents agree: domains in every (or most) documents' top three, and where
    employment stands in each document."""
    say = macros(_T)
    lines = []
    n = int(consensus["n_documents"].max()) if len(consensus) else 0
    if not n:
        return say.no_livelihood()
    for _, r in consensus.sort_values(["top3", "domain"], ascending=[False, True]).iterrows():
        if r["top3"] * 2 > n:
            where = {"domain": r["domain"]}
            detail = say.consensus_detail(
                int(r["top1"]), f"{r['median_rank']:g}", pct(r["min_share"]), pct(r["max_share"])
            )
            lines.append(
                say.consensus(
                    labels.get(r["domain"], md_text(r["domain"])),
                    cite(str(int(r["top3"])), "priority_consensus", **where),
                    n,
                    cite(detail, "priority_consensus", **where),
                )
            )
    if not lines:
        lines.append(say.no_consensus(n))
    thin = thin_docs(documents)
    if thin:
        ids = id_list(thin, table="priority_documents", thin_livelihood="True")
        lines.append(say.thin_left_out(n_of(len(thin), "document"), ids))
    emp = documents[(documents["domain"] == "employment") & documents["share_livelihood"].notna()]
    if len(emp) > LIST_MAX:
        ranks = emp["rank"]
        first = cite(
            str(int((ranks == 1).sum())), "priority_documents", domain="employment", rank=1
        )
        lines.append(
            say.employment_counts(
                first,
                len(emp),
                int((ranks <= 3).sum()),
                f"{ranks.median():g}",
                int(ranks.isna().sum()),
            )
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
        lines.append(say.employment_each(ranks))
    return "\n".join(lines)


def difference_lines(
    tests: pd.DataFrame, *, min_documents: int, thin_groups: set[str] | frozenset[str] = frozenset()
) -> str:
    """Group differences: tested only between groups of ``min_documents`` documents or more;
    a difference involving a group in ``thin_groups`` (thin livelihood text) is marked as not
    one between priorities.

    Examples
    --------
    >>> difference_lines(pd.DataFrame(), min_documents=5)
    '- There is only one group: nothing to compare.'
    """
    say = macros(_T)
    if tests.empty:
        return say.one_group()
    tested = tests[tests["tested"].astype(str).str.lower() == "true"]
    if tested.empty:
        return say.none_tested(min_documents)
    sig = tested[tested["significant"].astype(str).str.lower() == "true"]
    out = [say.tested(cite(str(len(tested)), "priority_tests", tested="True"), len(sig))]
    shown = sig.sort_values(["p_holm", "domain", "group_a", "group_b"])
    for _, r in shown.head(LIST_MAX).iterrows():
        p = p_text(r["p_holm"], written=r.get("p_holm_text", ""), named=False)
        p = cite(p, "priority_tests", group_a=r["group_a"], group_b=r["group_b"],
                 domain=r["domain"])  # fmt: skip
        thin = [md_text(g) for g in (str(r["group_a"]), str(r["group_b"])) if g in thin_groups]
        out.append(
            say.difference(
                md_text(r["domain"]),
                md_text(r["group_a"]),
                pct(r["share_a"]),
                md_text(r["group_b"]),
                pct(r["share_b"]),
                p,
                thin,
            )
        )
    if len(sig) > LIST_MAX:
        rest = n_of(len(sig) - LIST_MAX, "more difference")
        out.append(say.more_differences(cite(rest, "priority_tests", significant="True")))
    if note := share_notes.difference_note(tests):
        out.append(note)
    untested = tests[tests["tested"].astype(str).str.lower() != "true"]
    if len(untested):
        pairs = untested[["group_a", "group_b"]].drop_duplicates()
        out.append(say.untested(len(pairs), min_documents))
    return "\n".join(out)


def similarity_line(similarity: pd.DataFrame) -> str:
    """Most and least alike groups by TF-IDF cosine."""
    sim = similarity[
        (similarity["level"] == "group") & (similarity["item_a"] < similarity["item_b"])
    ]
    if sim.empty:
        return ""

    def cosine(r) -> str:
        return cite(f"{r['cosine']:.2f}", "similarity", item_a=r["item_a"], item_b=r["item_b"])

    say = macros(_T)
    if len(sim) == 1:
        r = sim.iloc[0]
        return say.similarity_two(md_text(r["item_a"]), md_text(r["item_b"]), cosine(r))
    hi = sim.sort_values(["cosine", "item_a"], ascending=[False, True]).iloc[0]
    lo = sim.sort_values(["cosine", "item_a"], ascending=[True, True]).iloc[0]
    return say.similarity(
        md_text(hi["item_a"]), md_text(hi["item_b"]), cosine(hi),
        md_text(lo["item_a"]), md_text(lo["item_b"]), cosine(lo),
    )  # fmt: skip
