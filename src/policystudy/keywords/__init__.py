"""Keywords per group: TF-IDF, TextRank, keyness and jieba scoring, with bootstrap stability."""

from __future__ import annotations

from policystudy.keywords.extract import (
    METHODS,
    MeaningfulAnalyzer,
    ThinEvidenceWarning,
    extract_keywords,
    group_matrix,
    is_meaningful,
    jieba_engine,
    keyword_table,
    keywords_for_files,
    meaningful_tokens,
    stratified_bootstrap,
)

__all__ = [
    "METHODS",
    "MeaningfulAnalyzer",
    "ThinEvidenceWarning",
    "extract_keywords",
    "group_matrix",
    "is_meaningful",
    "jieba_engine",
    "keyword_table",
    "keywords_for_files",
    "meaningful_tokens",
    "stratified_bootstrap",
]
