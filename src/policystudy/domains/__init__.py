"""The livelihood taxonomy and the classifiers that code text into it.

Modules by job: :mod:`~policystudy.domains.taxonomy` (schema and the one loader of
``taxonomy.yaml``), :mod:`~policystudy.domains.matcher` (term matching and raw scores),
:mod:`~policystudy.domains.classifier` (the lexicon and TF-IDF estimators),
:mod:`~policystudy.domains.units` (sentence-level coding, parts, duplicates),
:mod:`~policystudy.domains.tsv` (the ``policystudy domains`` adapter) and
:mod:`~policystudy.domains.validation` (seed and unseen validation).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policystudy.core import lazy

if TYPE_CHECKING:  # imported on first use (policystudy.core.lazy)
    from policystudy.domains.classifier import (
        DEFAULT_EVIDENCE_GRID,
        DEFAULT_THRESHOLD_GRID,
        SCORE_FORMAT,
        LexiconClassifier,
        TfidfDomainClassifier,
        collapse_non_livelihood,
        micro_f1,
        primary_accuracy,
        split_labels,
    )
    from policystudy.domains.coverage import coverage_gaps, false_containers
    from policystudy.domains.matcher import raw_scores, score_matrix, term_counts, term_hits
    from policystudy.domains.taxonomy import (
        GENERAL,
        NON_LIVELIHOOD,
        QIYOU,
        STANDARD_AREAS,
        Domain,
        Taxonomy,
        TaxonomyError,
        as_taxonomy,
        load_taxonomy,
    )
    from policystudy.domains.tsv import DOMAIN_COLUMNS, classify_lines, domains_tsv
    from policystudy.domains.units import (
        DEFAULT_PARTS,
        POLICY,
        SENTENCE_COLUMNS,
        assign_parts,
        code_sentences,
        code_units,
        dedupe_key,
        duplicate_audit,
        paragraph_summary,
        parse_parts,
        part_summary,
        sentence_domains,
        sentence_units,
        split_clauses,
    )
    from policystudy.domains.validation import (
        build_classifier,
        choose_model,
        domain_metrics,
        leave_one_group_out,
        load_dev_labels,
        load_gwr_labels,
        load_labels,
        tune_then_report,
        validation_predictions,
        validation_summary,
        validation_tables,
    )

__all__ = [
    "DEFAULT_EVIDENCE_GRID",
    "DEFAULT_PARTS",
    "DEFAULT_THRESHOLD_GRID",
    "DOMAIN_COLUMNS",
    "GENERAL",
    "NON_LIVELIHOOD",
    "POLICY",
    "QIYOU",
    "SCORE_FORMAT",
    "SENTENCE_COLUMNS",
    "STANDARD_AREAS",
    "Domain",
    "LexiconClassifier",
    "Taxonomy",
    "TaxonomyError",
    "TfidfDomainClassifier",
    "as_taxonomy",
    "assign_parts",
    "build_classifier",
    "choose_model",
    "classify_lines",
    "code_sentences",
    "code_units",
    "collapse_non_livelihood",
    "coverage_gaps",
    "dedupe_key",
    "domain_metrics",
    "domains_tsv",
    "duplicate_audit",
    "false_containers",
    "leave_one_group_out",
    "load_dev_labels",
    "load_gwr_labels",
    "load_labels",
    "load_taxonomy",
    "micro_f1",
    "paragraph_summary",
    "parse_parts",
    "part_summary",
    "primary_accuracy",
    "raw_scores",
    "score_matrix",
    "sentence_domains",
    "sentence_units",
    "split_clauses",
    "split_labels",
    "term_counts",
    "term_hits",
    "tune_then_report",
    "validation_predictions",
    "validation_summary",
    "validation_tables",
]

__getattr__, __dir__ = lazy.exports(globals())
