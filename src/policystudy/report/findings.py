"""The findings report: ``reports/findings.md`` written from the run's own tables.

Every number in the report is read from a table in ``data/processed`` and links to the rows it
came from (:func:`policystudy.report.links.cite`); none is typed by hand. Each section is a
plain function ``tables -> markdown`` so it can be tested on small frames.

The document is the unit of the priority findings: a group that rests on one document is
spoken of as that document, a group with fewer than ``min_documents`` documents gets its
documents side by side and robustness figures instead of intervals and p-values.

Examples
--------
>>> pct(0.18545)
'18.5%'
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from policystudy.core.io import reads_back
from policystudy.core.markdown import md_cell, md_code, md_text
from policystudy.domains.validation import DATASET_NAMES
from policystudy.ingest import quality
from policystudy.priorities.composition import composition_warnings
from policystudy.priorities.time import N_PERMUTATIONS
from policystudy.report import instruments as instrument_section
from policystudy.report import links, specification_section, time_section
from policystudy.report import shares as share_notes
from policystudy.report.corpus_validation import corpus_validation_lines
from policystudy.report.fmt import LIST_MAX, id_list, n_of, pct
from policystudy.report.fmt import capped as _capped
from policystudy.report.fmt import ci as _ci
from policystudy.report.fmt import n_of as _n
from policystudy.report.links import cite
from policystudy.stats.keyness import Z_CRITICAL
from policystudy.targets import summary as target_section
from policystudy.text.vocabulary import load_synonyms
from policystudy.topics import FEW_TOPIC_PARAGRAPHS

# A keyness term that looks like a place name: a short name ending in an administrative suffix,
# unless it is one of the common nouns built the same way (社区, 开发区 ...).
_PLACE = re.compile(r"^.{1,4}(?:省|市|县|区|州|镇)$")
_NOT_PLACE = re.compile(
    r"(?:社|小|园|城|景|校|辖|片|街|山|灾|矿|老|牧|林|市|县|新|试验|开发|示范|功能|保护|先行|"
    r"集聚|自贸|保税|核心|重点|贫困)区$|^(?:城|乡|集|村|小|县|市|本|全)(?:镇|市|县)$"
)


def _label(row) -> str:
    # The taxonomy is the user's to edit: its labels are text, not Markdown.
    return md_text(f"{row['label_zh']} {row['label_en']}")


# Columns that name things: never turned into numbers even when they look like numbers.
_ID_COLUMNS = {"doc_id", "group", "group_a", "group_b", "item_a", "item_b", "doc_a", "doc_b",
               "left_out", "term", "label", "label_zh", "label_en", "domain", "subset", "model",
               "dataset", "sentence_id", "paragraph_id", "held_out"}  # fmt: skip


def numeric_columns(df: pd.DataFrame, *, keep: set[str] = frozenset()) -> pd.DataFrame:
    """A copy whose text columns holding only numbers (and blanks) are numeric.

    :func:`policystudy.core.io.read_table` does this for ``object`` columns; with the string
    dtype of recent pandas the report does it itself, by the same rule: a column becomes
    numeric only when every cell reads back exactly as written, so ``010`` stays ``010``.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["1", "2"], "rank": ["1", ""], "code": ["010", "2"]},
    ...                   dtype=str)
    >>> numeric_columns(df)["rank"].tolist()[0], numeric_columns(df)["doc_id"].tolist()
    (1.0, ['1', '2'])
    >>> numeric_columns(df)["code"].tolist()
    ['010', '2']
    """
    out = df.copy()
    for col in out.columns:
        if col in _ID_COLUMNS or col in keep or pd.api.types.is_numeric_dtype(out[col]):
            continue
        if pd.api.types.is_bool_dtype(out[col]):
            continue
        values = out[col].astype(object)
        filled = values[values.astype(str) != ""]
        if len(filled) and filled.astype(str).map(reads_back).all():
            out[col] = pd.to_numeric(values.replace("", None), errors="coerce")
    return out


def _meta_text(value) -> str:
    """A manifest value as written: blank for a missing one, ``2021`` (not ``2021.0``) for a
    year read as a number in a column with blanks.

    Examples
    --------
    >>> _meta_text("010"), _meta_text(2021.0), _meta_text(float("nan")), _meta_text(0.5)
    ('010', '2021', '', '0.5')
    """
    if isinstance(value, float):
        if pd.isna(value):
            return ""
        if value.is_integer():
            return str(int(value))
    return str(value)


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
    parts = []
    if len(invisible):
        cols = ", ".join(md_code(c) for c in sorted(set(invisible["column"].astype(str))))
        n = cite(str(len(invisible)), "manifest_audit", **(
            {"column": invisible["column"].iloc[0]} if invisible["column"].nunique() == 1 else {}
        ))  # fmt: skip
        parts.append(f"{n} with invisible or bidirectional characters removed ({cols})")
    if len(blank):
        n = cite(str(len(blank)), "manifest_audit", column=group_by)
        noun = "document" if len(blank) == 1 else "documents"
        parts.append(f"{n} {noun} with a blank {md_code(group_by)}, grouped as (blank)")
    return (
        "- Manifest values changed on reading: " + ", ".join(parts) + ". Each is listed, as "
        "written and as used, in `manifest_audit.csv`."
    )


def _min_documents(params: Mapping) -> int:
    return int(params.get("min_documents", 5) or 5)


# --- corpus ----------------------------------------------------------------------------------


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
            ys = sorted({_meta_text(y) for y in docs["year"]} - {""})
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
    return [*rows[:max_rows], "", f"… and {cite(n_of(rest, f'more {noun}'), table)}."]


def corpus_summary(overview: pd.DataFrame, group_by: str) -> str:
    """One paragraph on what was analysed: documents per group, characters, cleaning.

    Up to ``LIST_MAX`` documents each is named with its place, genre and year; past that the
    groups are a table of counts (``corpus_overview.csv`` lists every document).
    """
    parts = []
    for group, docs in overview.groupby(group_by, sort=True) if len(overview) <= LIST_MAX else ():
        items = []
        for _, row in docs.sort_values("doc_id").iterrows():
            desc = ", ".join(
                md_text(_meta_text(row[c]))
                for c in ("place", "genre", "year")
                if c in docs.columns and _meta_text(row[c])
            )
            state = str(row.get("status", "") or "")
            if state.startswith("set aside"):
                desc = (desc + "; " if desc else "") + md_text(state)
            items.append(md_code(row["doc_id"]) + (f" ({desc})" if desc else ""))
        parts.append(f"**{md_text(group)}** ({_n(len(docs), 'document')}): " + "; ".join(items))
    chars = cite(f"{int(overview['chars'].sum()):,}", "corpus_overview")
    return (
        f"The corpus holds {cite(str(len(overview)), 'corpus_overview')} documents in "
        f"{cite(str(overview[group_by].nunique()), 'corpus_overview')} groups (by "
        f"{md_code(group_by)}), {chars} characters of body text after cleaning "
        f"({cite(str(int(overview['removed_lines'].sum())), 'cleaning_audit')} noise lines "
        f"removed and audited){_set_aside_note(overview)}.\n\n"
        + (
            "\n".join(f"- {p}" for p in parts)
            if parts
            else "\n".join(_group_table(overview, group_by))
        )
    )


def _set_aside_note(overview: pd.DataFrame) -> str:
    if "status" not in overview.columns:
        return ""
    n = int(overview["status"].astype(str).str.startswith("set aside").sum())
    if not n:
        return ""
    copies = "is a copy" if n == 1 else "are copies"
    return (
        f"; {cite(str(n), 'document_duplicates')} of them {copies} of another document and "
        "set aside, so that each text is counted once"
    )


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
    lines = []
    if duplicates is not None and len(duplicates):
        for r in duplicates.sort_values(["doc_id", "duplicate_id"]).itertuples(index=False):
            sim = cite(
                f"{float(r.similarity):.3f}", "document_duplicates", duplicate_id=r.duplicate_id
            )
            what = "the same text as" if r.kind == "exact" else "nearly the same text as"
            aside = "" if pd.isna(r.set_aside) else str(r.set_aside)
            if not aside:
                fate = "both analysed (duplicates=keep_all): their common text counts twice"
            elif "|" in aside:
                fate = f"both set aside, {md_code(r.kept)} is analysed"
            else:
                fate = f"set aside, {md_code(r.kept)} is analysed"
            lines.append(
                f"- {md_code(r.duplicate_id)} is {what} {md_code(r.doc_id)} ({r.kind}, similarity {sim}): "
                f"{fate}."
            )
        lines = _capped(lines, noun="pair", table="document_duplicates")
    else:
        lines.append("- No two documents are the same text.")
    if reuse is None or reuse.empty:
        return "\n".join(lines) + "\n\nNo document reuses a passage of an earlier one."
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
        counted = f"; {_n(n_left, 'paragraph')} of it counted in the source only" if n_left else ""
        items.append(
            f"- {md_code(doc)}: {share} of its text ({int(chars):,} characters) is text of "
            f"{sources[doc]}{counted}."
        )
    out = [
        "\n".join(lines),
        f"{_n(len(per_doc), 'document')} reuse passages of earlier documents (each passage "
        "attributed to the earliest document that has it; the largest first):",
        "\n".join(_capped(items, noun="document", table="text_reuse")),
    ]
    if reuse_groups is not None and len(reuse_groups):
        out.append(
            f"By {md_code(group_by)}, the share of a group's text that is text of a source group:"
        )
        out.append(
            "\n".join(
                f"- {md_text(g)} from {md_text(sg)}: "
                f"{cite(pct(float(sh)), 'text_reuse_groups', group=g, source_group=sg)} "
                f"({int(rc):,} of {int(gc):,} characters)"
                for g, sg, rc, gc, sh in reuse_groups[
                    ["group", "source_group", "reused_chars", "group_chars", "share"]
                ].itertuples(index=False)
            )
        )
    return "\n\n".join(out)


def parts_and_duplicates(parts: pd.DataFrame, duplicates: pd.DataFrame) -> str:
    """How much of each document was set aside (other parts) and how many repeats were dropped."""
    lines = []
    totals = parts.groupby("doc_id")["chars"].sum()
    aside = parts[~parts["used"].astype(str).str.lower().isin(["true", "1"])]
    for doc, sub in aside.groupby("doc_id", sort=True):
        n = int(sub["chars"].sum())
        if n == 0:
            continue
        names = ", ".join(sorted(sub["part"].astype(str)))
        share = cite(pct(n / totals[doc]), "document_parts", doc_id=doc)
        lines.append(
            f"- {md_code(doc)}: {share} of its text ({n:,} of {int(totals[doc]):,} characters) is "
            f"{names}, not policy text, and was set aside."
        )
    if not lines:
        lines.append("- No document has text outside the analysed parts.")
    if len(duplicates):
        for doc, sub in duplicates.groupby("doc_id", sort=True):
            lines.append(
                f"- {md_code(doc)}: {cite(str(len(sub)), 'domain_duplicates', doc_id=doc)} repeated "
                f"sentence(s) ({int(sub['chars'].sum()):,} characters) counted once."
            )
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
    if "quality_flags" not in overview.columns:
        return "- Quality flags were not computed."
    flagged = overview[overview["quality_flags"].fillna("").astype(str) != ""]
    if flagged.empty:
        return "- No document carries a quality flag."
    if len(flagged) > LIST_MAX:
        return _flag_counts(flagged)
    out = []
    for _, r in flagged.sort_values("doc_id").iterrows():
        flags = cite(str(r["quality_flags"]).replace("|", ", "), "document_flags",
                     doc_id=r["doc_id"])  # fmt: skip
        aside = (
            " It is set aside from every analysis (`exclude_flagged`)."
            if "excluded" in r.index and r["excluded"] is True
            else ""
        )
        out.append(
            f"- **{md_code(r['doc_id'])} ({md_text(r[group_by])}) is flagged: {flags}** "
            f"({md_text(r['quality_evidence'])}). "
            f"{quality.describe(r)}{aside}"
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
    lines = [
        f"- {cite(str(len(flagged)), 'document_flags')} documents carry a quality flag"
        + (f"; {aside} of them are set aside from every analysis (`exclude_flagged`)" if aside
           else "")
        + ". Each flag, its documents and its evidence are in `document_flags.csv`:"
    ]  # fmt: skip
    for f in sorted(per_flag, key=lambda k: (-len(per_flag[k]), k)):
        docs = sorted(per_flag[f])
        lines.append(
            f"  - {cite(md_text(f), 'document_flags', flag=f)}: {n_of(len(docs), 'document')} "
            f"({id_list(docs, table='document_flags', flag=f)})"
        )
    return "\n".join(lines)


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


# --- priorities ------------------------------------------------------------------------------


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


def _flag(value) -> bool:
    return str(value).strip().lower() in ("true", "1", "1.0")


def _thin_groups(profiles: pd.DataFrame) -> set[str]:
    if "thin_livelihood" not in profiles.columns:
        return set()
    return {str(g) for g, v in zip(profiles["group"], profiles["thin_livelihood"], strict=True)
            if _flag(v)}  # fmt: skip


def _thin_doc(documents: pd.DataFrame, doc: str) -> pd.Series | None:
    """The document's row when its livelihood text is flagged thin, else None."""
    if "thin_livelihood" not in documents.columns:
        return None
    sub = documents[documents["doc_id"] == doc]
    return sub.iloc[0] if len(sub) and _flag(sub["thin_livelihood"].iloc[0]) else None


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
    thin = _thin_groups(profiles)
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
            thin_row = _thin_doc(documents, doc)
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
            thin_row = _thin_doc(documents, doc)
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
        d for d in documents["doc_id"].astype(str).unique() if _thin_doc(documents, d) is not None
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
            + (" (thin)" if _thin_doc(documents, r["doc_id"]) is not None else "")
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


# --- keywords and topics ---------------------------------------------------------------------


def is_place(term: str, places: set[str]) -> bool:
    """A term that names a place of the corpus or looks like a place name.

    Examples
    --------
    >>> is_place("大连", {"大连市"}), is_place("长白山", set()), is_place("教育", {"大连市"})
    (True, False, False)
    >>> is_place("社区", set()), is_place("池北区", set()), is_place("保税区", set())
    (False, True, False)
    """
    if any(term in p for p in places):
        return True
    return bool(_PLACE.match(term)) and not _NOT_PLACE.search(term)


def keyness_lines(
    keyness: pd.DataFrame,
    *,
    n: int = 8,
    synonyms: Mapping[str, str] | None = None,
    places: set[str] | None = None,
) -> str:
    """Per group, its distinctive terms with |z| >= 1.96, synonyms merged, place names flagged.

    Examples
    --------
    >>> k = pd.DataFrame({"group": ["A"] * 3, "term": ["社保卡", "社会保障卡", "教育"],
    ...                   "z": [2.5, 2.1, 1.2]})
    >>> keyness_lines(k, synonyms={"社会保障卡": "社保卡"})
    '- **A**: 社保卡 (z=[2.50](../data/processed/keyness.csv#group=A&term=%E7%A4%BE%E4%BF%9D%E5%8D%A1); incl. 社会保障卡)'
    """
    synonyms = dict(synonyms or {})
    places = set(places or set())
    out = []
    kind = keyness["kind"].astype(str) if "kind" in keyness.columns else None
    if "one_document" in keyness.columns:
        keyness = keyness[keyness["one_document"].astype(str).str.lower() != "true"]
    for group, sub in keyness.groupby("group", sort=True):
        sub = sub[sub["z"].abs() >= Z_CRITICAL].copy()
        sub["canonical"] = sub["term"].map(lambda t: synonyms.get(t, t))
        items = []
        grp_terms = {}
        for canon, grp in sub.groupby("canonical", sort=False):
            best = grp.sort_values(["z", "term"], ascending=[False, True]).iloc[0]
            grp_terms[canon] = best["term"]
            merged = sorted(set(grp["term"]) - {canon})
            place = is_place(canon, places) or (
                kind is not None and (kind.loc[grp.index] == "place").any()
            )
            items.append((-best["z"], canon, best["z"], merged, place))
        items.sort()
        if not items:
            out.append(f"- **{md_text(group)}**: no term reaches |z| ≥ {Z_CRITICAL}")
            continue
        terms = []
        for _, canon, z, merged, place in items[:n]:
            note = f"; incl. {', '.join(md_text(m) for m in merged)}" if merged else ""
            mark = " †place" if place else ""
            zc = cite(f"{z:.2f}", "keyness", group=group, term=grp_terms[canon])
            terms.append(f"{md_text(canon)}{mark} (z={zc}{note})")
        out.append(f"- **{md_text(group)}**: " + ", ".join(terms))
    return "\n".join(_capped(out, noun="group", table="keyness"))


def topic_caveat(scan: pd.DataFrame | None) -> str:
    """A caveat when the topic model rests on few paragraphs (``n_topics_scan.csv``).

    Examples
    --------
    >>> topic_caveat(pd.DataFrame({"paragraphs": [12, 12]}))  # doctest: +ELLIPSIS
    '- The topics rest on only [12 paragraphs](...): they describe these paragraphs...'
    >>> topic_caveat(pd.DataFrame({"paragraphs": [400]}))
    ''
    """
    if scan is None or scan.empty or "paragraphs" not in scan.columns:
        return ""
    n = int(pd.to_numeric(scan["paragraphs"], errors="coerce").max())
    if n >= FEW_TOPIC_PARAGRAPHS:
        return ""
    return (
        f"- The topics rest on only {cite(n_of(n, 'paragraph'), 'n_topics_scan')}: they "
        "describe these paragraphs, and a few paragraphs more or fewer would give other "
        f"topics (fewer than {FEW_TOPIC_PARAGRAPHS}); read them as a summary, not as stable "
        "themes."
    )


def topic_lines(prevalence: pd.DataFrame, *, min_documents: int | None = None) -> str:
    """The topic paragraph: what the intervals rest on, then a bullet per group with the topic
    of highest prevalence and its CI where the group has one; the background topic (column
    ``background``), common to every document, is reported apart.

    A group whose row has no interval (``resampled`` empty: fewer than ``min_documents``
    documents) is quoted without one, with the documents it rests on.

    Examples
    --------
    >>> p = pd.DataFrame({"group": ["A", "A", "B", "B"], "topic": [1, 2, 1, 2],
    ...     "label": ["x", "y"] * 2, "prevalence": [0.7, 0.3, 0.4, 0.6],
    ...     "ci_low": [0.6, 0.2, None, None], "ci_high": [0.8, 0.4, None, None],
    ...     "n_documents": [6, 6, 1, 1], "resampled": ["documents"] * 2 + [""] * 2})
    >>> print(topic_lines(p, min_documents=5))
    Most prevalent NMF topic per group (share of paragraph weight; 95% CI from a bootstrap that resamples documents, for groups with at least 5 documents; none for the others):
    <BLANKLINE>
    - **A**: topic 1 “x” carries [70.0%](../data/processed/topic_prevalence.csv#group=A&topic=1) [60.0–80.0] of its paragraph weight
    - **B**: topic 2 “y” carries [60.0%](../data/processed/topic_prevalence.csv#group=B&topic=2) of its paragraph weight (1 document, no interval)
    """
    kind = (
        prevalence["resampled"].fillna("").astype(str)
        if "resampled" in prevalence.columns
        else pd.Series("paragraphs", index=prevalence.index)
    )
    has_ci = prevalence["ci_low"].notna() & prevalence["ci_high"].notna() & (kind != "")
    at_least = f"at least {min_documents}" if min_documents else "enough"
    if (has_ci & (kind == "documents")).any():
        how = (
            "95% CI from a bootstrap that resamples documents, for groups with "
            f"{at_least} documents" + ("; none for the others" if (~has_ci).any() else "")
        )
    elif has_ci.any():
        how = "bootstrap 95% CI over paragraphs"
    else:
        how = f"no intervals: no group has {at_least} documents to resample"
    # A blank line after the lead-in: the bullets are a list of their own in every renderer.
    out = [f"Most prevalent NMF topic per group (share of paragraph weight; {how}):\n"]
    prevalence = prevalence.assign(_has_ci=has_ci)
    if "background" in prevalence.columns and prevalence["background"].astype(bool).any():
        bg = prevalence[prevalence["background"].astype(bool)]
        shares = ", ".join(
            f"{md_text(g)} {pct(v)}" for g, v in zip(bg["group"], bg["prevalence"], strict=True)
        )
        out.append(
            f"- Background topic {int(bg['topic'].iloc[0])} “{md_text(bg['label'].iloc[0])}”, "
            "carried "
            f"evenly by every document, is left out below ({shares})."
        )
        prevalence = prevalence[~prevalence["background"].astype(bool)]
    head = len(out)
    for group, sub in prevalence.groupby("group", sort=True):
        r = sub.sort_values(["prevalence", "topic"], ascending=[False, True]).iloc[0]
        if pd.isna(r["prevalence"]):
            # Its paragraphs hold no term of the topic vocabulary (a numbers-only document):
            # no weight to share out, so no topic.
            out.append(
                f"- **{md_text(group)}**: no topic; its text holds no term of the topic vocabulary"
            )
            continue
        prev = cite(pct(r["prevalence"]), "topic_prevalence", group=group, topic=int(r["topic"]))
        if r["_has_ci"]:
            ci, rests = f" {_ci(r['ci_low'], r['ci_high'])}", ""
        elif "n_documents" in r.index and pd.notna(r["n_documents"]):
            ci, rests = "", f" ({_n(r['n_documents'], 'document')}, no interval)"
        else:
            ci, rests = "", " (no interval)"
        out.append(
            f"- **{md_text(group)}**: topic {int(r['topic'])} “{md_text(r['label'])}” carries "
            f"{prev}{ci} of its paragraph weight{rests}"
        )
    return "\n".join(out[:head] + _capped(out[head:], noun="group", table="topic_prevalence"))


def _num(x) -> str:
    if x == "" or pd.isna(x):
        return "?"
    return f"{float(x):g}"


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


# --- validation and caveats ------------------------------------------------------------------


def _summary_row(summary: pd.DataFrame, dataset: str, model: str, subset: str = "all"):
    r = summary[
        (summary["dataset"] == dataset)
        & (summary["model"] == model)
        & (summary["subset"] == subset)
    ]
    return r.iloc[0] if len(r) else None


def _label_strata(summary: pd.DataFrame, dataset: str, lead: str = "By hand label") -> str:
    """The lexicon's accuracy by the hand label's kind, each with n and its Wilson interval.

    Examples
    --------
    >>> s = pd.DataFrame({"dataset": "dev", "model": "lexicon", "subset": ["label livelihood"],
    ...     "n": [39], "primary_accuracy": [0.897], "ci_low": [0.764], "ci_high": [0.959]})
    >>> _label_strata(s, "dev")  # doctest: +ELLIPSIS
    ' By hand label: livelihood sentences [89.7% of 39](...) [76.4–95.9].'
    """
    names = {"label livelihood": "livelihood sentences", "label general": "general framing",
             "label non_livelihood": "non-livelihood sentences"}  # fmt: skip
    rows = summary[(summary["dataset"] == dataset) & (summary["model"] == "lexicon")]
    parts = []
    for subset, name in names.items():
        r = rows[rows["subset"] == subset]
        if r.empty:
            continue
        r = r.iloc[0]
        acc = cite(f"{pct(r['primary_accuracy'])} of {int(r['n'])}", "domain_validation_summary",
                   dataset=dataset, model="lexicon", subset=subset)  # fmt: skip
        parts.append(f"{name} {acc} {_ci(r['ci_low'], r['ci_high'])}".rstrip())
    return f" {lead}: " + "; ".join(parts) + "." if parts else ""


def validation_section(summary: pd.DataFrame) -> str:
    """The seed and the unseen figure, separately, with what each rests on and the command."""
    if summary is None or summary.empty:
        return "- The domain classifier was not validated in this run."
    lines = [
        "| label set | model | protocol | items | primary accuracy | non-livelihood kept out |",
        "|---|---|---|---|---|---|",
    ]
    for _, r in summary[summary["subset"] == "all"].sort_values(["dataset", "model"]).iterrows():
        where = {"dataset": r["dataset"], "model": r["model"], "subset": "all"}
        acc = cite(pct(r["primary_accuracy"]), "domain_validation_summary", **where)
        nl = (
            "–"
            if pd.isna(r["non_livelihood_kept_out"])
            else cite(pct(r["non_livelihood_kept_out"]), "domain_validation_summary", **where)
            + f" of {int(r['non_livelihood_n'])}"
        )
        name = DATASET_NAMES.get(str(r["dataset"]), md_text(r["dataset"]))
        lines.append(f"| {name} | {r['model']} | {r['protocol']} | {int(r['n'])} | {acc} | {nl} |")
    dev = _summary_row(summary, "dev", "lexicon")
    seed = _summary_row(summary, "seed", "lexicon")
    text = "\n".join(lines)
    if dev is not None:
        acc = cite(pct(dev["primary_accuracy"]), "domain_validation_summary", dataset="dev",
                   model="lexicon", subset="all")  # fmt: skip
        text += (
            f"\n\nThe figure to quote is the unseen one: the lexicon codes {acc} of "
            f"{int(dev['n'])} sentences of CPC congress reports correctly (primary label), "
            "sentences from documents that no rule was written or tuned on, drawn at random "
            "(seeded) and from the livelihood chapters, mostly not livelihood text. It rests on "
            "one genre (national party-congress reports) and one labeller; expect a different "
            "figure on another corpus, and label a sample of your own to know it."
        )
        text += _label_strata(summary, "dev")
        strata = summary[(summary["dataset"] == "dev") & (summary["model"] == "lexicon")
                         & (summary["subset"] != "all")
                         & ~summary["subset"].astype(str).str.startswith("label ")]  # fmt: skip
        if len(strata):
            text += (
                " By stratum: "
                + "; ".join(
                    f"{r['subset']} "
                    + cite(
                        f"{pct(r['primary_accuracy'])} of {int(r['n'])}",
                        "domain_validation_summary",
                        dataset="dev",
                        model="lexicon",
                        subset=r["subset"],
                    )
                    for _, r in strata.iterrows()
                )
                + "."
            )
    if seed is not None:
        seed_acc = cite(pct(seed["primary_accuracy"]), "domain_validation_summary",
                        dataset="seed", model="lexicon", subset="all")  # fmt: skip
        text += (
            f" The seed figure ({seed_acc}, leave-one-document-out) is "
            "optimistic: lexicon and labels were written on the same five documents."
        )
    if _summary_row(summary, "gwr", "lexicon") is not None:
        text += _label_strata(
            summary, "gwr", "On the report half of the government work reports, by hand label"
        )
    text += share_notes.era_validation(summary)
    text += f"\n\nThe figures are recomputed by `{summary['command'].iloc[0]}`."
    return text


def caveat_lines(
    caveats: pd.DataFrame,
    targets_eval: pd.DataFrame | None = None,
    *,
    overview: pd.DataFrame | None = None,
    group_by: str = "region",
    validation: pd.DataFrame | None = None,
) -> str:
    """Caveats computed from the data: the priority caveats, quality flags, validation, targets."""
    # The statements are plain text that names groups and documents: escaped as a whole.
    lines = []
    kinds = caveats["caveat"] if "caveat" in caveats.columns else pd.Series("", index=caveats.index)
    for kind, sub in caveats.groupby(kinds, sort=False):
        stated = [f"- {md_text(s)}" for s in sub["statement"]]
        lines += _capped(stated, noun=f"{kind} caveat", table="priority_caveats")
    if overview is not None and "quality_flags" in overview.columns:
        n_flagged = int((overview["quality_flags"].fillna("").astype(str) != "").sum())
        if n_flagged:
            lines.append(
                f"- {cite(n_of(n_flagged, 'document'), 'document_flags')} "
                f"{'carries' if n_flagged == 1 else 'carry'} a quality flag (see “Corpus” for "
                "each flag and its evidence); the flagged documents' weight in each group's #1 "
                "is under “Priorities”."
            )
    if validation is not None and len(validation):
        dev = _summary_row(validation, "dev", "lexicon")
        if dev is not None:
            lines.append(
                f"- The domain coding is right for {pct(dev['primary_accuracy'])} of "
                f"{int(dev['n'])} sentences of unseen CPC congress reports; on a different genre "
                "expect a different figure, and a share that moves by a few sentences is within "
                "the coding's error."
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
        f"- **{a}** ({nb}), {st}: {md_text(r)}"  # the reason may name groups and documents
        for nb, a, st, r in skipped[["notebook", "analysis", "status", "reason"]].itertuples(
            index=False
        )
    )


def build_report(tables: Mapping[str, pd.DataFrame], *, group_by: str, params: Mapping) -> str:
    """Assemble the whole findings report from the pipeline's tables.

    Parameters
    ----------
    tables : mapping of name -> DataFrame
        ``corpus_overview``, ``document_parts``, ``domain_duplicates``, ``priority_documents``,
        ``priorities``, ``priority_tests``, ``priority_robustness``, ``priority_lodo``,
        ``priority_agreement``, ``priority_consensus``, ``priority_caveats``,
        ``domain_validation_summary``, ``keyness``, ``topic_prevalence``, ``similarity``,
        ``targets``; optional ``targets_evaluation``.
    group_by : str
        The manifest column the groups come from.
    params : mapping
        The run's parameters (``min_documents`` among them), listed at the end.
    """
    t = {
        name: numeric_columns(df, keep={group_by}) if isinstance(df, pd.DataFrame) else df
        for name, df in tables.items()
    }
    fig = "../figures/{}.png".format
    shown = {k: v for k, v in sorted(params.items()) if k not in ("manifest", "out_dir")}
    min_docs = _min_documents(params)
    ov = t["corpus_overview"]
    places = set()
    for col in ("place_zh", "region_zh", "place", "title_zh"):
        if col in ov.columns:
            places |= {str(v) for v in ov[col] if str(v)}
    docs = t["priority_documents"]
    labels = dict(zip(docs["domain"], docs["label_zh"] + " " + docs["label_en"], strict=False))
    sections = [
        "# Findings: what governments put first in livelihood (民生) policy",
        "_Generated by `notebooks/05_findings.ipynb` from the tables in `data/processed/`; "
        "every number below is read from those tables and links to its rows. Do not edit by "
        "hand: run `policystudy run`._",
        "## Corpus",
        corpus_summary(ov, group_by),
        manifest_lines(t.get("manifest_audit"), group_by),
        "What the priority analyses set aside:",
        parts_and_duplicates(t["document_parts"], t["domain_duplicates"]),
        "Document quality:",
        quality_lines(ov, group_by),
        "## Duplicate documents and text reuse",
        duplicates_and_reuse(
            t.get("document_duplicates"),
            t.get("text_reuse"),
            t.get("text_reuse_groups"),
            ov,
            group_by=group_by,
        ),
        *(
            [f"![Text reused from earlier documents]({fig('text_reuse')})"]
            if t.get("text_reuse_groups") is not None and len(t["text_reuse_groups"])
            else []
        ),
        *(
            ["## What this corpus could not support", skipped_lines(t["skipped_analyses"])]
            if t.get("skipped_analyses") is not None and not t["skipped_analyses"].empty
            else []
        ),
        f"![Document length and composition]({fig('corpus_lengths')})",
        "## Priorities: what each document and group puts first",
        *specification_section.specification_section(t.get("priority_specifications"), labels),
        "Each sentence is coded (a long list sentence clause by clause, its headings as "
        "context); the document is the unit. " + coding_summary(docs),
        priorities_section(
            t["priorities"],
            docs,
            t["priority_robustness"],
            t["priority_lodo"],
            t["priority_agreement"],
            min_documents=min_docs,
            group_by=group_by,
        ),
        *(
            [
                "With and without flagged documents (point estimates; "
                + (
                    "the analyses above leave the flagged documents out, `exclude_flagged`):"
                    if "excluded" in ov.columns and ov["excluded"].astype(bool).any()
                    else "the analyses above include them; `-p exclude_flagged all` leaves "
                    "them out):"
                ),
                flag_sensitivity_lines(t["priority_flag_sensitivity"], labels),
            ]
            if t.get("priority_flag_sensitivity") is not None
            else []
        ),
        f"![Each document's livelihood profile]({fig('priority_documents')})",
        f"![Group profiles]({fig('priority_heatmap')})",
        f"![Shares with document-bootstrap intervals where a group has enough documents]"
        f"({fig('priority_ci')})",
        "## Like with like: what the groups hold",
        time_section.composition_section(
            t.get("group_composition"),
            composition_warnings(time_section.composition_numbers(t["group_composition"]))
            if t.get("group_composition") is not None
            else [],
            t.get("priorities_common_period"),
            t["priorities"],
            group_by=group_by,
            labels=labels,
        ),
        "## Over time",
        time_section.over_time_section(
            t.get("priorities_over_time"),
            t.get("priority_trends"),
            labels=labels,
            time_by=str(params.get("time_by", "year") or ""),
            break_year=int(params.get("time_break", 0) or 0) or None,
            min_documents=min_docs,
            n_documents=len(ov),
            n_permutations=N_PERMUTATIONS,
        ),
        *(
            [f"![Shares of all text over time]({fig('priorities_over_time')})"]
            if t.get("priorities_over_time") is not None and len(t["priorities_over_time"])
            else []
        ),
        "## Where the documents agree",
        consensus_lines(t["priority_consensus"], docs, labels),
        "## Do groups differ?",
        difference_lines(
            t["priority_tests"], min_documents=min_docs, thin_groups=_thin_groups(t["priorities"])
        ),
        similarity_line(t["similarity"]),
        f"![Similarity of groups]({fig('similarity_groups')})",
        "## Distinctive keywords and topics",
        f"Terms over-represented in each group against all others (log-odds ratio with an "
        f"informative Dirichlet prior, Monroe, Colaresi & Quinn 2008). Only terms with "
        f"|z| ≥ {Z_CRITICAL} are listed (all terms are in `keyness.csv`); synonyms listed in "
        "`synonyms.yaml` are merged; a formula a document repeats counts once there (a term "
        "preceded by the same word again in one document, such as a slogan 「…实现新突破」 "
        "repeated down a feature, `keyness_formula_context`); †place marks a place name, distinctive by "
        "construction." + share_notes.keyness_note(t["keyness"]),
        keyness_lines(t["keyness"], synonyms=load_synonyms(), places=places),
        *([f"![Keyness by group]({fig('keyness_bars')})"] if not t["keyness"].empty else []),
        *(
            [
                topic_lines(t["topic_prevalence"], min_documents=min_docs),
                topic_caveat(t.get("n_topics_scan")),
                f"![Topic prevalence by group]({fig('topic_prevalence')})",
            ]
            if not t["topic_prevalence"].empty
            else ["No topic model: see “What this corpus could not support”."]
        ),
        *instrument_section.instruments_section(t, labels=labels, min_documents=min_docs),
        "## Quantified targets",
        target_section.targets_summary(t, cite=links.cite, group_by=group_by),
        f"![Indicators shared across groups]({fig('targets_shared_indicators')})",
        "## How well the domain coding works",
        corpus_validation_lines(
            t.get("validation_summary"),
            t.get("validation_labels"),
            figure=fig("validation_confusion") if t.get("validation_confusion") is not None else "",
        ),
        validation_section(t.get("domain_validation_summary")),
        "## Caveats (computed from the data)",
        caveat_lines(
            t["priority_caveats"],
            t.get("targets_evaluation"),
            overview=ov,
            group_by=group_by,
            validation=t.get("domain_validation_summary"),
        ),
        "## Reproducing this report",
        ", ".join(md_code(f"{k}={v!r}") for k, v in shown.items())
        + ". `policystudy run` regenerates every table, figure and this report; the parameters "
        "of every notebook, the sha256 of every input, lexicon and output, and the package "
        "versions are in `reports/provenance.json`.",
    ]
    return "\n\n".join(s for s in sections if s) + "\n"


__all__ = [
    "Z_CRITICAL",
    "build_report",
    "caveat_lines",
    "coding_summary",
    "consensus_lines",
    "corpus_summary",
    "difference_lines",
    "duplicates_and_reuse",
    "flag_sensitivity_lines",
    "is_place",
    "keyness_lines",
    "manifest_lines",
    "parts_and_duplicates",
    "pct",
    "priorities_section",
    "quality_lines",
    "similarity_line",
    "topic_lines",
    "validation_section",
]
