"""Quantified targets, reported status, rules and commitments extracted from policy text.

Modules by job: :mod:`~policystudy.targets.quantities` (reading numbers, units, ranges),
:mod:`~policystudy.targets.context` (kind, bindingness, period, baseline, agency),
:mod:`~policystudy.targets.indicators` (indicator phrase and canonical name),
:mod:`~policystudy.targets.extract` (sentences and texts),
:mod:`~policystudy.targets.paragraphs` (paragraph tables: years, headings, parts),
:mod:`~policystudy.targets.kinds` (the evidence that makes a quantity a target or a result),
:mod:`~policystudy.targets.tables` (duplicates, comparable values, summary, TSV) and
:mod:`~policystudy.targets.evaluation` (gold lists).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policystudy.core import lazy

if TYPE_CHECKING:  # imported on first use (policystudy.core.lazy)
    from policystudy.targets.evaluation import (
        MATCH_COLUMNS,
        describe_split_parts,
        evaluate,
        evaluate_dev,
        evaluate_gwr,
        match_targets,
        read_dev,
        read_gold,
        read_gwr,
        wilson_interval,
    )
    from policystudy.targets.extract import (
        KINDS,
        MIN_INDICATOR,
        PARAGRAPH_COLUMNS,
        TARGET_COLUMNS,
        Indicators,
        extract_targets,
        extract_targets_from_text,
        load_indicators,
        parse_chinese_number,
    )
    from policystudy.targets.paragraphs import extract_targets_from_paragraphs
    from policystudy.targets.tables import (
        SHARED_COLUMNS,
        drop_duplicates,
        flag_conflicts,
        group_counts,
        order_targets,
        shared_indicators,
        to_tsv,
    )
    from policystudy.targets.timeline import OVER_TIME_COLUMNS, targets_over_time

__all__ = [
    "KINDS",
    "MATCH_COLUMNS",
    "MIN_INDICATOR",
    "OVER_TIME_COLUMNS",
    "PARAGRAPH_COLUMNS",
    "SHARED_COLUMNS",
    "TARGET_COLUMNS",
    "Indicators",
    "describe_split_parts",
    "drop_duplicates",
    "evaluate",
    "evaluate_dev",
    "evaluate_gwr",
    "extract_targets",
    "extract_targets_from_paragraphs",
    "extract_targets_from_text",
    "flag_conflicts",
    "group_counts",
    "load_indicators",
    "match_targets",
    "order_targets",
    "parse_chinese_number",
    "read_dev",
    "read_gold",
    "read_gwr",
    "shared_indicators",
    "targets_over_time",
    "to_tsv",
    "wilson_interval",
]

__getattr__, __dir__ = lazy.exports(globals())
