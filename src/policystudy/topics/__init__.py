"""TF-IDF similarity of documents and groups, and NMF topics.

One module a job: :mod:`~policystudy.topics.space` (the TF-IDF estimator),
:mod:`~policystudy.topics.similarity`, :mod:`~policystudy.topics.nmf` (fitting, choosing the
number of topics) and :mod:`~policystudy.topics.prevalence` (labels, prevalence by group, the
background topic); :mod:`policystudy.topics.model` keeps their former common import path.
"""

from __future__ import annotations

from policystudy.core.sizes import FEW_TOPIC_PARAGRAPHS, MIN_TOPIC_PARAGRAPHS
from policystudy.topics.nmf import (
    choose_n_topics,
    describe_choice,
    fit_topics,
    sample_rows,
    topic_coherence,
)
from policystudy.topics.prevalence import (
    background_topic,
    describe_intervals,
    topic_prevalence,
    topic_table,
)
from policystudy.topics.similarity import (
    MAX_SQUARE_DOCUMENTS,
    NEIGHBOURS,
    cosine_similarity_matrix,
    nearest_documents,
    nearest_in_same_group,
    nearest_neighbours,
    similarity_table,
)
from policystudy.topics.space import TfidfSpace

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
