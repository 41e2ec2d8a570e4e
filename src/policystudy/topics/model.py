"""TF-IDF comparison of groups and documents, and NMF topics on paragraphs.

One TF-IDF space (IDF learned on the corpus's paragraphs) serves both the group × group and
the document × document cosine similarity, and the NMF topic model. The number of topics
can be chosen from the data: :func:`choose_n_topics` fits every candidate and keeps the
one whose topics are most coherent (mean NPMI of each topic's top terms, co-occurrence
counted over paragraphs), reporting the reconstruction error alongside.

The work is done by one module a job, whose names stay importable from here:
:mod:`~policystudy.topics.space` (the estimator, :class:`TfidfSpace`),
:mod:`~policystudy.topics.similarity` (cosine similarity, nearest documents),
:mod:`~policystudy.topics.nmf` (fitting topics, choosing their number) and
:mod:`~policystudy.topics.prevalence` (labelled term tables, prevalence by group, the
background topic).

Examples
--------
>>> from policystudy.topics import model, similarity
>>> model.cosine_similarity_matrix is similarity.cosine_similarity_matrix
True
"""

from __future__ import annotations

from policystudy.core.sizes import FEW_TOPIC_PARAGRAPHS, MIN_TOPIC_PARAGRAPHS
from policystudy.topics.nmf import (
    FIT_ROWS,
    MAX_ITER,
    SCAN_ROWS,
    choose_n_topics,
    describe_choice,
    fit_topics,
    sample_rows,
    top_term_indices,
    topic_coherence,
)
from policystudy.topics.prevalence import (
    DEFAULT_MIN_DOCUMENTS,
    LABEL_LAMBDA,
    LABEL_SEPARATOR,
    LABEL_TERMS,
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
    "DEFAULT_MIN_DOCUMENTS",
    "FEW_TOPIC_PARAGRAPHS",
    "FIT_ROWS",
    "LABEL_LAMBDA",
    "LABEL_SEPARATOR",
    "LABEL_TERMS",
    "MAX_ITER",
    "MAX_SQUARE_DOCUMENTS",
    "MIN_TOPIC_PARAGRAPHS",
    "NEIGHBOURS",
    "SCAN_ROWS",
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
    "top_term_indices",
    "topic_coherence",
    "topic_prevalence",
    "topic_table",
]
