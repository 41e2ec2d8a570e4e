"""The "Corpus" and "Duplicate documents and text reuse" sections: what was analysed, what was
set aside, and how much text documents take from earlier ones."""

from __future__ import annotations

import pandas as pd

from policystudy.core.markdown import md_cell, md_code, md_text
from policystudy.ingest import quality
from policystudy.report.columns import meta_text
from policystudy.report.fmt import LIST_MAX, id_list, n_of, pct
from policystudy.report.fmt import capped as _capped
from policystudy.report.links import cite
from policystudy.report.templates import macros

_T = "corpus.md.j2"


def manifest_lines(audit: pd.DataFrame | None, group_by: str) -> str:
    """What was changed in the manifest's values on reading (``manifest_audit.csv``).

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["d1", "d2"], "column": ["region", "genre"],
    ...                   "change": ["removed invisible characters: U+00AD SOFT HYPHEN",
    ...                              "blank value of the grouping column shown as (blank)"]})
    >>> print(manifest_lines(a, "genre"))
    - Manifest values changed on reading: [1](../data/processed/manifest_audit.csv#column=region) with invisible or bidirectional characters removed (`region`), [1](../data/processed/manifest_audit.csv#column=genre) document with a blank `genre`, grouped as (blank). Each is listed, as written and as used, in `manifest_audit.csv`.
    """
    if audit is None or audit.empty:
        return ""
    change = audit["change"].astype(str)
    invisible = audit[change.str.contains("invisible", regex=False)]
    blank = audit[change.str.contains("blank value of the grouping", regex=False)]
    n_invisible = cols = n_blank = ""
    if len(invisible):
        cols = ", ".join(md_code(c) for c in sorted(set(invisible["column"].astype(str))))
        n_invisible = cite(str(len(invisible)), "manifest_audit", **(
            {"column": invisible["column"].iloc[0]} if invisible["column"].nunique() == 1 else {}
        ))  # fmt: skip
    if len(blank):
        n_blank = cite(str(len(blank)), "manifest_audit", column=group_by)
    return macros(_T).manifest(n_invisible, cols, n_blank, len(blank), md_code(group_by))


def _group_table(overview: pd.DataFrame, group_by: str) -> list[str]:
    """Per group: documents, years, characters, set aside, flagged (a table, not id lists)."""
    status = overview["status"].astype(str) if "status" in overview.columns else None
    flags = (
        overview["quality_flags"].fillna("").astype(str) != ""
        if "quality_flags" in overview.columns
        else None
    )
    rows = [
        "| group | documents | years | characters | set aside | flagged |",
        "|---|---|---|---|---|---|",
    ]
    for group, docs in overview.groupby(group_by, sort=True):
        years = ""
        if "year" in docs.columns:
            ys = sorted({meta_text(y) for y in docs["year"]} - {""})
            years = ys[0] if len(ys) == 1 else (f"{ys[0]}–{ys[-1]}" if ys else "")
        aside = (
            int(status.loc[docs.index].str.startswith("set aside").sum())
            if status is not None
            else 0
        )
        flagged = int(flags.loc[docs.index].sum()) if flags is not None else 0
        rows.append(
            f"| {md_cell(group)} | "
            + cite(str(len(docs)), "corpus_overview", **{group_by: group})
            + f" | {md_cell(years)} | {int(docs['chars'].sum()):,} | {aside} | {flagged} |"
        )
    return rows[:2] + _table_rest(rows[2:], noun="group", table="corpus_overview")


def _table_rest(
    rows: list[str], *, noun: str, table: str, max_rows: int = 3 * LIST_MAX
) -> list[str]:
    """Table rows, at most ``max_rows``, then a line (after the table) counting the rest."""
    if len(rows) <= max_rows:
        return rows
    rest = len(rows) - max_rows
    more = macros(_T).more_rows(cite(n_of(rest, f"more {noun}"), table))
    return [*rows[:max_rows], "", more]


def corpus_summary(overview: pd.DataFrame, group_by: str) -> str:
    """One paragraph on what was analysed: documents per group, characters, cleaning.

    Up to ``LIST_MAX`` documents each is named with its place, genre and year; past that the
    groups are a table of counts (``corpus_overview.csv`` lists every document).
    """
    say = macros(_T)
    parts = []
    for group, docs in overview.groupby(group_by, sort=True) if len(overview) <= LIST_MAX else ():
        items = []
        for _, row in docs.sort_values("doc_id").iterrows():
            desc = ", ".join(
                md_text(meta_text(row[c]))
                for c in ("place", "genre", "year")
                if c in docs.columns and meta_text(row[c])
            )
            state = str(row.get("status", "") or "")
            if state.startswith("set aside"):
                desc = (desc + "; " if desc else "") + md_text(state)
            items.append(md_code(row["doc_id"]) + (f" ({desc})" if desc else ""))
        parts.append(say.group_documents(md_text(group), n_of(len(docs), "document"), items))
    n_aside = (
        int(overview["status"].astype(str).str.startswith("set aside").sum())
        if "status" in overview.columns
        else 0
    )
    lead = say.corpus(
        cite(str(len(overview)), "corpus_overview"),
        cite(str(overview[group_by].nunique()), "corpus_overview"),
        md_code(group_by),
        cite(f"{int(overview['chars'].sum()):,}", "corpus_overview"),
        cite(str(int(overview["removed_lines"].sum())), "cleaning_audit"),
        cite(str(n_aside), "document_duplicates") if n_aside else "",
        n_aside,
    )
    return lead + "\n\n" + "\n".join(parts or _group_table(overview, group_by))


def duplicates_and_reuse(
    duplicates: pd.DataFrame | None,
    reuse: pd.DataFrame | None,
    reuse_groups: pd.DataFrame | None,
    overview: pd.DataFrame,
    *,
    group_by: str,
) -> str:
    """What was set aside as a duplicate, and how much text documents take from earlier ones.

    Examples
    --------
    >>> dups = pd.DataFrame({"doc_id": ["a"], "duplicate_id": ["b"], "kind": ["exact"],
    ...                      "similarity": [1.0], "kept": ["a"], "set_aside": ["b"],
    ...                      "reason": ["the same text after normalisation; a comes first"]})
    >>> ov = pd.DataFrame({"doc_id": ["a", "b"], "region": ["x", "x"],
    ...                    "reused_paragraphs": [0, 0], "reused_chars": [0, 0]})
    >>> print(duplicates_and_reuse(dups, None, None, ov, group_by="region"))
    ... # doctest: +NORMALIZE_WHITESPACE
    - `b` is the same text as `a` (exact, similarity
      [1.000](../data/processed/document_duplicates.csv#duplicate_id=b)): set aside, `a` is
      analysed.
    <BLANKLINE>
    No document reuses a passage of an earlier one.
    """
    say = macros(_T)
    lines = []
    if duplicates is not None and len(duplicates):
        for r in duplicates.sort_values(["doc_id", "duplicate_id"]).itertuples(index=False):
            sim = cite(
                f"{float(r.similarity):.3f}", "document_duplicates", duplicate_id=r.duplicate_id
            )
            aside = "" if pd.isna(r.set_aside) else str(r.set_aside)
            fate = "both_kept" if not aside else ("both_aside" if "|" in aside else "aside")
            lines.append(
                say.duplicate(
                    md_code(r.duplicate_id),
                    r.kind == "exact",
                    md_code(r.doc_id),
                    r.kind,
                    sim,
                    md_code(r.kept),
                    fate,
                )
            )
        lines = _capped(lines, noun="pair", table="document_duplicates")
    else:
        lines.append(say.no_duplicates())
    if reuse is None or reuse.empty:
        return "\n".join(lines) + "\n\n" + say.no_reuse()
    per_doc = reuse.groupby("doc_id", sort=True).agg(
        chars=("shared_chars", "sum"), doc_chars=("doc_chars", "first")
    )
    sources = reuse.groupby("doc_id", sort=True)["source_id"].agg(
        lambda s: ", ".join(md_code(x) for x in s)
    )
    left = dict(zip(overview["doc_id"], overview.get("reused_paragraphs", 0), strict=True))
    items = []
    ranked = per_doc.reset_index().sort_values(["chars", "doc_id"], ascending=[False, True])
    for doc, chars, doc_chars in ranked[["doc_id", "chars", "doc_chars"]].itertuples(index=False):
        share = cite(pct(chars / max(1, doc_chars)), "text_reuse", doc_id=doc)
        n_left = int(left.get(doc, 0) or 0)
        left_text = n_of(n_left, "paragraph") if n_left else ""
        items.append(say.reuse(md_code(doc), share, f"{int(chars):,}", sources[doc], left_text))
    out = [
        "\n".join(lines),
        say.reuse_lead(n_of(len(per_doc), "document")),
        "\n".join(_capped(items, noun="document", table="text_reuse")),
    ]
    if reuse_groups is not None and len(reuse_groups):
        out.append(say.reuse_groups_lead(md_code(group_by)))
        out.append(
            "\n".join(
                say.reuse_group(
                    md_text(g),
                    md_text(sg),
                    cite(pct(float(sh)), "text_reuse_groups", group=g, source_group=sg),
                    f"{int(rc):,}",
                    f"{int(gc):,}",
                )
                for g, sg, rc, gc, sh in reuse_groups[
                    ["group", "source_group", "reused_chars", "group_chars", "share"]
                ].itertuples(index=False)
            )
        )
    return "\n\n".join(out)


def parts_and_duplicates(parts: pd.DataFrame, duplicates: pd.DataFrame) -> str:
    """How much of each document was set aside (other parts) and how many repeats were dropped."""
    say = macros(_T)
    lines = []
    totals = parts.groupby("doc_id")["chars"].sum()
    aside = parts[~parts["used"].astype(str).str.lower().isin(["true", "1"])]
    for doc, sub in aside.groupby("doc_id", sort=True):
        n = int(sub["chars"].sum())
        if n == 0:
            continue
        names = ", ".join(sorted(sub["part"].astype(str)))
        share = cite(pct(n / totals[doc]), "document_parts", doc_id=doc)
        lines.append(say.part_aside(md_code(doc), share, f"{n:,}", f"{int(totals[doc]):,}", names))
    if not lines:
        lines.append(say.no_parts_aside())
    if len(duplicates):
        for doc, sub in duplicates.groupby("doc_id", sort=True):
            n_rep = cite(str(len(sub)), "domain_duplicates", doc_id=doc)
            lines.append(say.repeated(md_code(doc), n_rep, f"{int(sub['chars'].sum()):,}"))
    return "\n".join(lines)


def quality_lines(overview: pd.DataFrame, group_by: str) -> str:
    """The documents with quality flags, quoting the evidence, in words that fit each flag.

    Examples
    --------
    >>> ov = pd.DataFrame({"doc_id": ["a"], "region": ["X"], "quality_flags": ["very_short"],
    ...                    "quality_evidence": ["very_short: a short excerpt: 300 characters as received"]})
    >>> "It is a short excerpt" in quality_lines(ov, "region")
    True
    """
    say = macros(_T)
    if "quality_flags" not in overview.columns:
        return say.no_quality_flags()
    flagged = overview[overview["quality_flags"].fillna("").astype(str) != ""]
    if flagged.empty:
        return say.no_flagged()
    if len(flagged) > LIST_MAX:
        return _flag_counts(flagged)
    out = []
    for _, r in flagged.sort_values("doc_id").iterrows():
        flags = cite(str(r["quality_flags"]).replace("|", ", "), "document_flags",
                     doc_id=r["doc_id"])  # fmt: skip
        out.append(
            say.flagged(
                md_code(r["doc_id"]),
                md_text(r[group_by]),
                flags,
                md_text(r["quality_evidence"]),
                quality.describe(r),
                "excluded" in r.index and r["excluded"] is True,
            )
        )
    return "\n".join(out)


def _flag_counts(flagged: pd.DataFrame) -> str:
    """Many flagged documents: one line per flag with its count and the first documents."""
    per_flag: dict[str, list[str]] = {}
    for doc, flags in zip(flagged["doc_id"].astype(str), flagged["quality_flags"].astype(str),
                          strict=True):  # fmt: skip
        for f in flags.split("|"):
            per_flag.setdefault(f, []).append(doc)
    aside = (
        int((flagged["excluded"].astype(str).str.lower() == "true").sum())
        if "excluded" in flagged.columns
        else 0
    )
    say = macros(_T)
    lines = [say.flag_counts(cite(str(len(flagged)), "document_flags"), aside)]
    for f in sorted(per_flag, key=lambda k: (-len(per_flag[k]), k)):
        docs = sorted(per_flag[f])
        lines.append(
            say.flag_count(
                cite(md_text(f), "document_flags", flag=f),
                n_of(len(docs), "document"),
                id_list(docs, table="document_flags", flag=f),
            )
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
    say = macros(_T)
    if skipped is None or skipped.empty:
        return say.all_ran()
    return "\n".join(
        say.skipped(a, nb, st, md_text(r))  # the reason may name groups and documents
        for nb, a, st, r in skipped[["notebook", "analysis", "status", "reason"]].itertuples(
            index=False
        )
    )
