"""Keywords per group: TF-IDF, TextRank, keyness and jieba scoring, with bootstrap stability.

Modules by job: ``corpus`` (tokens as arrays, resample blocks), ``scorers`` (TF-IDF, keyness,
jieba), ``textrank``, ``extract`` (the table of every method with stability) and ``cli`` (files
on the command line).
"""

from __future__ import annotations

from policystudy.keywords.cli import jieba_engine, keywords_for_files
from policystudy.keywords.extract import (
    METHODS,
    MeaningfulAnalyzer,
    ThinEvidenceWarning,
    extract_keywords,
    group_matrix,
    is_meaningful,
    keyword_table,
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
