"""Quantified targets, reported status and rules extracted from policy text."""

from __future__ import annotations

from policystudy.targets.extract import (
    KINDS,
    MATCH_COLUMNS,
    MIN_INDICATOR,
    PARAGRAPH_COLUMNS,
    TARGET_COLUMNS,
    Indicators,
    evaluate,
    extract_targets,
    extract_targets_from_paragraphs,
    extract_targets_from_text,
    group_counts,
    load_indicators,
    match_targets,
    parse_chinese_number,
    read_gold,
    to_tsv,
)

__all__ = [
    "KINDS",
    "MATCH_COLUMNS",
    "MIN_INDICATOR",
    "PARAGRAPH_COLUMNS",
    "TARGET_COLUMNS",
    "Indicators",
    "evaluate",
    "extract_targets",
    "extract_targets_from_paragraphs",
    "extract_targets_from_text",
    "group_counts",
    "load_indicators",
    "match_targets",
    "parse_chinese_number",
    "read_gold",
    "to_tsv",
]
