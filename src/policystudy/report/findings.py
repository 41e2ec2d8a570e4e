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

from collections.abc import Mapping

import pandas as pd

from policystudy.core.markdown import md_code
from policystudy.priorities.composition import composition_warnings
from policystudy.priorities.time import N_PERMUTATIONS
from policystudy.report import instruments as instrument_section
from policystudy.report import links, specification_section, templates, time_section
from policystudy.report import shares as share_notes
from policystudy.report.columns import numeric_columns, typed
from policystudy.report.corpus_section import (
    corpus_summary,
    duplicates_and_reuse,
    manifest_lines,
    parts_and_duplicates,
    quality_lines,
    skipped_lines,
)
from policystudy.report.corpus_validation import corpus_validation_lines
from policystudy.report.difference_section import consensus_lines, difference_lines, similarity_line
from policystudy.report.fmt import LIST_MAX, pct
from policystudy.report.keyword_section import (
    corpus_places,
    is_place,
    keyness_lines,
    topic_caveat,
    topic_lines,
)
from policystudy.report.priority_section import (
    coding_summary,
    flag_sensitivity_lines,
    priorities_section,
    thin_docs,
    thin_groups,
)
from policystudy.report.validation_section import caveat_lines, validation_section
from policystudy.stats.keyness import Z_CRITICAL
from policystudy.targets import summary as target_section
from policystudy.text.vocabulary import load_synonyms


def _min_documents(params: Mapping) -> int:
    return int(params.get("min_documents", 5) or 5)


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
        name: typed(df, name, keep={group_by}) if isinstance(df, pd.DataFrame) else df
        for name, df in tables.items()
    }
    fig = "../figures/{}.png".format
    shown = {k: v for k, v in sorted(params.items()) if k not in ("manifest", "out_dir")}
    min_docs = _min_documents(params)
    ov = t["corpus_overview"]
    places = corpus_places(ov)
    docs = t["priority_documents"]
    labels = dict(zip(docs["domain"], docs["label_zh"] + " " + docs["label_en"], strict=False))
    flag_sensitivity = t.get("priority_flag_sensitivity")
    composition = t.get("group_composition")
    over_time = t.get("priorities_over_time")
    has_topics = not t["topic_prevalence"].empty
    return templates.render(
        "findings.md.j2",
        corpus=corpus_summary(ov, group_by),
        manifest=manifest_lines(t.get("manifest_audit"), group_by),
        parts=parts_and_duplicates(t["document_parts"], t["domain_duplicates"]),
        quality=quality_lines(ov, group_by),
        reuse=duplicates_and_reuse(
            t.get("document_duplicates"),
            t.get("text_reuse"),
            t.get("text_reuse_groups"),
            ov,
            group_by=group_by,
        ),
        reuse_figure=t.get("text_reuse_groups") is not None and len(t["text_reuse_groups"]) > 0,
        skipped=(
            skipped_lines(t["skipped_analyses"])
            if t.get("skipped_analyses") is not None and not t["skipped_analyses"].empty
            else ""
        ),
        specification=specification_section.specification_section(
            t.get("priority_specifications"),
            labels,
            thin_groups=thin_groups(t["priorities"]),
            thin_docs=set(thin_docs(docs)),
        ),
        coding=coding_summary(docs),
        priorities=priorities_section(
            t["priorities"],
            docs,
            t["priority_robustness"],
            t["priority_lodo"],
            t["priority_agreement"],
            min_documents=min_docs,
            group_by=group_by,
        ),
        flag_sensitivity=(
            flag_sensitivity_lines(flag_sensitivity, labels) if flag_sensitivity is not None else ""
        ),
        flagged_excluded="excluded" in ov.columns and bool(ov["excluded"].astype(bool).any()),
        composition=time_section.composition_section(
            composition,
            composition_warnings(time_section.composition_numbers(composition))
            if composition is not None
            else [],
            t.get("priorities_common_period"),
            t["priorities"],
            group_by=group_by,
            labels=labels,
        ),
        over_time=time_section.over_time_section(
            over_time,
            t.get("priority_trends"),
            labels=labels,
            time_by=str(params.get("time_by", "year") or ""),
            break_year=int(params.get("time_break", 0) or 0) or None,
            min_documents=min_docs,
            n_documents=len(ov),
            n_permutations=N_PERMUTATIONS,
        ),
        over_time_figure=over_time is not None and len(over_time) > 0,
        consensus=consensus_lines(t["priority_consensus"], docs, labels),
        differences=difference_lines(
            t["priority_tests"], min_documents=min_docs, thin_groups=thin_groups(t["priorities"])
        ),
        similarity=similarity_line(t["similarity"]),
        z_critical=Z_CRITICAL,
        keyness_note=share_notes.keyness_note(t["keyness"]),
        keyness=keyness_lines(t["keyness"], synonyms=load_synonyms(), places=places),
        keyness_figure=not t["keyness"].empty,
        topics=topic_lines(t["topic_prevalence"], min_documents=min_docs) if has_topics else None,
        topic_caveat=topic_caveat(t.get("n_topics_scan")) if has_topics else "",
        instruments=instrument_section.instruments_section(
            t, labels=labels, min_documents=min_docs
        ),
        targets=target_section.targets_summary(
            t, cite=links.cite, group_by=group_by, list_max=LIST_MAX
        ),
        corpus_validation=corpus_validation_lines(
            t.get("validation_summary"),
            t.get("validation_labels"),
            figure=fig("validation_confusion") if t.get("validation_confusion") is not None else "",
        ),
        validation=validation_section(t.get("domain_validation_summary")),
        caveats=caveat_lines(
            t["priority_caveats"],
            t.get("targets_evaluation"),
            overview=ov,
            group_by=group_by,
            validation=t.get("domain_validation_summary"),
        ),
        parameters=", ".join(md_code(f"{k}={v!r}") for k, v in shown.items()),
    )


__all__ = [
    "LIST_MAX",
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
    "numeric_columns",
    "parts_and_duplicates",
    "pct",
    "priorities_section",
    "quality_lines",
    "similarity_line",
    "skipped_lines",
    "topic_caveat",
    "topic_lines",
    "validation_section",
]
