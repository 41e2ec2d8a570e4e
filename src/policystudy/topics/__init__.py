"""TF-IDF similarity of documents and groups, and NMF topics."""

from __future__ import annotations

from policystudy.topics.model import (
    FEW_TOPIC_PARAGRAPHS,
    MAX_SQUARE_DOCUMENTS,
    MIN_TOPIC_PARAGRAPHS,
    NEIGHBOURS,
    TfidfSpace,
    background_topic,
    choose_n_topics,
    cosine_similarity_matrix,
    describe_choice,
    describe_intervals,
    fit_topics,
    nearest_documents,
    nearest_in_same_group,
    nearest_neighbours,
    sample_rows,
    similarity_table,
    topic_coherence,
    topic_prevalence,
    topic_table,
)

__all__ = [
    "FEW_TOPIC_PARAGRAPHS",
    "MAX_SQUARE_DOCUMENTS",
    "MIN_TOPIC_PARAGRAPHS",
    "NEIGHBOURS",
    "TfidfSpace",
    "background_topic",
    "choose_n_topics",
    "cosine_similarity_matrix",
    "describe_choice",
    "describe_intervals",
    "fit_topics",
    "nearest_documents",
    "nearest_in_same_group",
    "nearest_neighbours",
    "sample_rows",
    "similarity_table",
    "topic_coherence",
    "topic_prevalence",
    "topic_table",
]
