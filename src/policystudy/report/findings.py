"""The findings report: ``reports/findings.md`` written from the run's own tables.

Every number in the report is read from a table in ``data/processed`` and formatted here; none
is typed by hand. Each section is a plain function ``tables -> markdown`` so it can be tested on
small frames.

Examples
--------
>>> import pandas as pd
>>> ranking = pd.DataFrame({"group": ["Liaoning"], "rank": [1], "domain": ["elderly_care"],
...     "label_zh": ["养老服务"], "label_en": ["Elderly care"], "share": [0.216],
...     "ci_low": [0.05], "ci_high": [0.41], "n_paragraphs": [3]})
>>> print(priorities_table(ranking).splitlines()[2])
| Liaoning | 养老服务 Elderly care 21.6% [5.0–41.0] | – | – |
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

THIN_EVIDENCE_CHARS = 3000


def pct(x: float, digits: int = 1) -> str:
    """Format a share as a percentage.

    Examples
    --------
    >>> pct(0.18545)
    '18.5%'
    """
    return f"{100 * float(x):.{digits}f}%"


def _ci(low: float, high: float) -> str:
    return f"[{100 * float(low):.1f}–{100 * float(high):.1f}]"


def corpus_summary(overview: pd.DataFrame, group_by: str) -> str:
    """One paragraph on what was analysed."""
    groups = overview.groupby(group_by)
    parts = []
    for group, docs in groups:
        places = ", ".join(
            f"{row.get('place', row['doc_id'])} ({row.get('genre', '')}, {row.get('year', '')})"
            if "place" in docs.columns
            else str(row["doc_id"])
            for _, row in docs.sort_values("doc_id").iterrows()
        )
        parts.append(f"**{group}**: {places}")
    return (
        f"The corpus holds {len(overview)} documents in {overview[group_by].nunique()} groups "
        f"(by `{group_by}`), {int(overview['chars'].sum()):,} characters of body text in "
        f"{int(overview['paragraphs'].sum())} paragraphs after cleaning "
        f"({int(overview['removed_lines'].sum())} noise lines removed and audited). "
        + "; ".join(parts)
        + "."
    )


def priorities_table(ranking: pd.DataFrame, top: int = 3) -> str:
    """Markdown table: each group's top domains with share and 95% CI."""
    lines = [
        "| group | " + " | ".join(f"#{i}" for i in range(1, top + 1)) + " |",
        "|---|" + "---|" * top,
    ]
    for group, sub in ranking.groupby("group", sort=True):
        sub = sub.sort_values("rank")
        cells = []
        for i in range(1, top + 1):
            row = sub[sub["rank"] == i]
            if row.empty:
                cells.append("–")
                continue
            r = row.iloc[0]
            cells.append(
                f"{r['label_zh']} {r['label_en']} {pct(r['share'])} {_ci(r['ci_low'], r['ci_high'])}"
            )
        lines.append(f"| {group} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def keyness_lines(keyness: pd.DataFrame, n: int = 8) -> str:
    """Bullet per group: its most distinctive terms with z-scores."""
    out = []
    for group, sub in keyness.groupby("group", sort=True):
        top = sub.sort_values(["z", "term"], ascending=[False, True]).head(n)
        terms = ", ".join(f"{t} (z={z:.2f})" for t, z in zip(top["term"], top["z"], strict=True))
        out.append(f"- **{group}**: {terms}")
    return "\n".join(out)


def topic_lines(prevalence: pd.DataFrame) -> str:
    """Bullet per group: the topic with the highest prevalence, with its CI; the background
    topic (column ``background``), common to every document, is reported apart."""
    out = []
    if "background" in prevalence.columns and prevalence["background"].astype(bool).any():
        bg = prevalence[prevalence["background"].astype(bool)]
        shares = ", ".join(
            f"{g} {pct(v)}" for g, v in zip(bg["group"], bg["prevalence"], strict=True)
        )
        out.append(
            f"- Background topic {int(bg['topic'].iloc[0])} “{bg['label'].iloc[0]}”, carried "
            f"evenly by every document, is left out below ({shares})."
        )
        prevalence = prevalence[~prevalence["background"].astype(bool)]
    for group, sub in prevalence.groupby("group", sort=True):
        r = sub.sort_values(["prevalence", "topic"], ascending=[False, True]).iloc[0]
        out.append(
            f"- **{group}**: topic {int(r['topic'])} “{r['label']}” carries "
            f"{pct(r['prevalence'])} {_ci(r['ci_low'], r['ci_high'])} of its paragraph weight"
        )
    return "\n".join(out)


def targets_summary(targets: pd.DataFrame) -> str:
    """Counts by kind per group and the canonical indicators two or more groups share."""
    counts = targets.pivot_table(index="group", columns="kind", values="sentence_id",
                                 aggfunc="count", fill_value=0)  # fmt: skip
    kinds = [k for k in ("target", "status", "rule", "placeholder") if k in counts.columns]
    lines = ["| group | " + " | ".join(kinds) + " |", "|---|" + "---|" * len(kinds)]
    for group, row in counts.iterrows():
        lines.append(f"| {group} | " + " | ".join(str(int(row[k])) for k in kinds) + " |")
    table = "\n".join(lines)
    named = targets[targets["canonical_indicator"].astype(str) != ""]
    shared = named.groupby("canonical_indicator")["group"].nunique()
    shared = sorted(shared[shared >= 2].index)
    rows = []
    for ind in shared:
        # One line per distinct commitment: a sentence may name the same figure twice
        # (e.g. 参保率 of pension and of medical insurance, both 98%).
        sub = (
            named[named["canonical_indicator"] == ind]
            .sort_values(["group", "doc_id", "sentence_id"])
            .drop_duplicates(["group", "doc_id", "comparator", "value", "unit", "kind", "deadline"])
        )
        vals = "; ".join(
            f"{r['group']}/{r['doc_id']}: {r['comparator']} {_num(r['value'])}{r['unit']} ({r['kind']}"
            + (f", {r['deadline']}" if str(r["deadline"]) else "")
            + ")"
            for _, r in sub.iterrows()
        )
        rows.append(f"- **{ind}**: {vals}")
    shared_text = "\n".join(rows) if rows else "- (no canonical indicator is shared by two groups)"
    return table + "\n\nIndicators that two or more groups commit to or report:\n\n" + shared_text


def _num(x) -> str:
    if x == "" or pd.isna(x):
        return "?"
    x = float(x)
    return f"{x:g}"


def agreement_and_difference(
    ranking: pd.DataFrame, tests: pd.DataFrame, similarity: pd.DataFrame
) -> str:
    """Where groups agree (domains in every group's top 3), differ (significant tests), and how
    similar their vocabularies are."""
    groups = sorted(ranking["group"].unique())
    top3 = ranking[ranking["rank"] <= 3]
    common = sorted(set.intersection(*(set(top3[top3["group"] == g]["domain"]) for g in groups)))
    in_many = top3.groupby("domain")["group"].nunique().sort_values(ascending=False)
    shared = [f"{d} ({n} of {len(groups)} groups)" for d, n in in_many.items() if n >= 2]
    sig = tests[tests["significant"].astype(str).str.lower() == "true"]
    lines = []
    if common:
        lines.append(f"- Every group has {', '.join(common)} among its top three domains.")
    else:
        lines.append("- No domain is in every group's top three.")
    if shared:
        lines.append(f"- Domains in the top three of two or more groups: {', '.join(shared)}.")
    n_tests = len(tests)
    if sig.empty:
        smallest = tests.sort_values(["p_value", "group_a", "group_b", "domain"]).iloc[0]
        lines.append(
            f"- None of the {n_tests} pairwise share differences survives the Holm correction "
            f"(smallest raw p = {smallest['p_value']:.3f}: {smallest['domain']}, "
            f"{smallest['group_a']} {pct(smallest['share_a'])} vs {smallest['group_b']} "
            f"{pct(smallest['share_b'])}). With one or two documents per group, the profiles "
            "differ in rank order more than the paragraphs can show statistically."
        )
    else:
        lines.append(f"- {len(sig)} of {n_tests} pairwise differences survive the Holm correction:")
        for _, r in sig.sort_values(["p_holm", "domain"]).iterrows():
            lines.append(
                f"  - {r['domain']}: {r['group_a']} {pct(r['share_a'])} vs {r['group_b']} "
                f"{pct(r['share_b'])} (Holm p = {r['p_holm']:.3f})"
            )
    sim = similarity[
        (similarity["level"] == "group") & (similarity["item_a"] < similarity["item_b"])
    ]
    if not sim.empty:
        hi = sim.sort_values(["cosine", "item_a"], ascending=[False, True]).iloc[0]
        lo = sim.sort_values(["cosine", "item_a"], ascending=[True, True]).iloc[0]
        lines.append(
            f"- Vocabulary (TF-IDF cosine): most alike {hi['item_a']}–{hi['item_b']} "
            f"({hi['cosine']:.2f}), least alike {lo['item_a']}–{lo['item_b']} ({lo['cosine']:.2f})."
        )
    return "\n".join(lines)


def caveat_lines(caveats: pd.DataFrame, overview: pd.DataFrame, group_by: str,
                 validation: pd.DataFrame | None = None,
                 targets_eval: pd.DataFrame | None = None) -> str:  # fmt: skip
    """Caveats computed from the data: genre, year, length, pooled groups, thin evidence."""
    lines = [f"- {s}" for s in caveats["statement"]]
    per_group = overview.groupby(group_by).agg(docs=("doc_id", "count"), chars=("chars", "sum"))
    for group, row in per_group.iterrows():
        if row["docs"] == 1 and row["chars"] < THIN_EVIDENCE_CHARS:
            lines.append(
                f"- Thin evidence: {group} rests on one document of {int(row['chars']):,} "
                f"characters; its profile and keywords describe that text, not the region."
            )
    singles = sorted(per_group[per_group["docs"] == 1].index)
    if singles:
        lines.append(
            f"- {len(singles)} of {len(per_group)} groups ({', '.join(singles)}) are a single "
            "document: a group comparison is also a comparison of genres and authors."
        )
    if validation is not None and not validation.empty:
        lex = validation[(validation["model"] == "lexicon") & (validation["held_out"] == "ALL")]
        if not lex.empty:
            r = lex.iloc[0]
            lines.append(
                f"- The domain classifier's held-out primary-label accuracy is "
                f"{pct(r['primary_accuracy'])} on {int(r['n'])} hand-labelled paragraphs "
                "(leave-one-document-out; labels and lexicon were written by the same person)."
            )
    if targets_eval is not None:
        m = dict(zip(targets_eval["metric"], targets_eval["value"], strict=True))
        if float(m.get("n_gold", 0) or 0) == 0:
            lines.append(
                "- Target extraction was not evaluated on this corpus: the hand-made gold list "
                "covers the packaged seed documents only."
            )
        else:
            lines.append(
                f"- Target extraction scores precision {float(m['precision']):.2f}, recall "
                f"{float(m['recall']):.2f}, kind accuracy {float(m['kind_accuracy']):.2f} on "
                f"{int(float(m['n_gold']))} hand-listed quantities of these same documents, on "
                "which the rules were developed: expect lower figures on new text."
            )
    return "\n".join(lines)


def skipped_lines(skipped: pd.DataFrame | None) -> str:
    """Bullet per analysis the corpus could not support (``skipped_analyses.csv``).

    Examples
    --------
    >>> t = pd.DataFrame({"notebook": ["02_topics"], "analysis": ["topics"],
    ...                   "status": ["skipped"], "reason": ["8 paragraphs"]})
    >>> skipped_lines(t)
    '- **topics** (02_topics), skipped: 8 paragraphs'
    """
    if skipped is None or skipped.empty:
        return "Every analysis ran on this corpus."
    return "\n".join(
        f"- **{a}** ({nb}), {st}: {r}"
        for nb, a, st, r in skipped[["notebook", "analysis", "status", "reason"]].itertuples(
            index=False
        )
    )


def build_report(tables: Mapping[str, pd.DataFrame], *, group_by: str, params: Mapping) -> str:
    """Assemble the whole findings report from the pipeline's tables.

    Parameters
    ----------
    tables : mapping of name -> DataFrame
        ``corpus_overview``, ``priority_ranking``, ``priority_tests``, ``priority_caveats``,
        ``keyness``, ``topic_prevalence``, ``similarity``, ``targets``; optional
        ``domain_validation_folds`` and ``targets_evaluation``.
    group_by : str
        The manifest column the groups come from.
    params : mapping
        The run's parameters, listed at the end.
    """
    t = tables
    fig = "../figures/{}.png".format
    shown = {k: v for k, v in sorted(params.items()) if k not in ("manifest", "out_dir")}
    sections = [
        "# Findings: what local governments put first in livelihood (民生) policy",
        "_Generated by `notebooks/05_findings.ipynb` from the tables in `data/processed/`; "
        "every number below is read from those tables. Do not edit by hand: run "
        "`policystudy run`._",
        "## Corpus",
        corpus_summary(t["corpus_overview"], group_by),
        *(
            ["## What this corpus could not support", skipped_lines(t["skipped_analyses"])]
            if t.get("skipped_analyses") is not None and not t["skipped_analyses"].empty
            else []
        ),
        f"![Document length and composition]({fig('corpus_lengths')})",
        "## Priorities: each group's top livelihood domains",
        "Share of body-text characters per domain (primary label of each paragraph), with "
        "bootstrap 95% confidence intervals over paragraphs, in percent.",
        priorities_table(t["priority_ranking"]),
        f"![Priority shares by group and domain]({fig('priority_heatmap')})",
        f"![Shares with 95% confidence intervals]({fig('priority_ci')})",
        "## Distinctive keywords and topics",
        "Terms most over-represented in each group against all others (log-odds ratio with an "
        "informative Dirichlet prior, Monroe, Colaresi & Quinn 2008; z-scores):",
        keyness_lines(t["keyness"]),
        *([f"![Keyness by group]({fig('keyness_bars')})"] if not t["keyness"].empty else []),
        *(
            [
                "Most prevalent NMF topic per group (share of paragraph weight, bootstrap 95% CI):",
                topic_lines(t["topic_prevalence"]),
                f"![Topic prevalence by group]({fig('topic_prevalence')})",
            ]
            if not t["topic_prevalence"].empty
            else ["No topic model: see “What this corpus could not support”."]
        ),
        "## Quantified targets",
        targets_summary(t["targets"]),
        f"![Indicators shared across groups]({fig('targets_shared_indicators')})",
        "## Where groups agree and where they differ",
        agreement_and_difference(t["priority_ranking"], t["priority_tests"], t["similarity"]),
        f"![Similarity of groups]({fig('similarity_groups')})",
        "## Caveats (computed from the data)",
        caveat_lines(
            t["priority_caveats"],
            t["corpus_overview"],
            group_by,
            t.get("domain_validation_folds"),
            t.get("targets_evaluation"),
        ),
        "## Reproducing this report",
        ", ".join(f"`{k}={v!r}`" for k, v in shown.items())
        + ". `policystudy run` regenerates every table, figure and this report; the parameters "
        "of every notebook, the sha256 of every input, lexicon and output, and the package "
        "versions are in `reports/provenance.json`.",
    ]
    return "\n\n".join(sections) + "\n"
