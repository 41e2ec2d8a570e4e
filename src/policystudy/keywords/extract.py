"""Keywords per group: corpus TF-IDF, TextRank, keyness and jieba's ``extract_tags`` scoring.

Inputs are paragraphs as space-joined tokens (however they were segmented) and one group
label per paragraph, so the same code serves regions, genres or ad hoc files.

* ``tfidf``: IDF learned on this corpus's paragraphs (scikit-learn's formula); a group's score
  for a term is its L2-normalised ``count × idf`` over the group's paragraphs.
* ``textrank``: PageRank on the term co-occurrence graph of the group, an edge joining two
  meaningful tokens at most ``window - 1`` positions apart inside a paragraph; the point
  estimate is ``networkx.pagerank``'s to the last bit, computed with its arithmetic on arrays.
* ``keyness``: z-score of the log-odds ratio with informative Dirichlet prior, the group
  against the rest (:mod:`policystudy.stats.keyness`).
* ``jieba``: the scoring of ``jieba.analyse.extract_tags`` (jieba's own IDF from a general
  corpus, the median IDF for unknown words), the common practice, for comparison. It is
  computed on the project's tokens, not by segmenting the text again: ``tf × idf / total``
  over the meaningful tokens extract_tags would keep (two or more characters, not in its stop
  words), ``total`` being the group's count of tokens extract_tags would keep. With the jieba
  backend the ranking is extract_tags' own, except for words jieba alone cuts next to a
  number (万人 in 2.15万人, which the project tokenizer keeps whole); the score differs from
  extract_tags' by a constant factor per group, as extract_tags' total also counts the
  stopwords and numbers the project tokenizer drops.

Only meaningful tokens are kept: two or more characters, not a stopword, not a bare number.
Rankings are sorted by ``(-score, term)``. The ``stability`` of each top term is the share
of seeded bootstrap resamples in which it stays in the group's top ``top_k``: resamples of
the group's documents once it has enough of them (``documents=``, ``min_documents``), else
of its paragraphs; the ``resampled_unit`` column says which. :func:`keyword_table` runs several methods in one pass, sharing the
counts and the resamples, which are drawn in bounded blocks so memory does not grow with
``n_bootstrap × n_paragraphs``.

Examples
--------
>>> toks = ["推进 乡村振兴 巩固 脱贫 成果", "乡村振兴 长白山 文化", "社保卡 一卡通 应用",
...         "公办园 学位 社保卡"]
>>> kw = extract_keywords(toks, ["吉林", "吉林", "辽宁", "辽宁"], top_k=1, n_bootstrap=0)
>>> kw[["group", "term"]].values.tolist()
[['吉林', '乡村振兴'], ['辽宁', '社保卡']]
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from policystudy.core import defaults
from policystudy.core import tables as registry
from policystudy.core.parallel import resolve_jobs
from policystudy.keywords.corpus import _Block, _Corpus
from policystudy.keywords.scorers import _JiebaScorer, _KeynessScorer, _TfidfScorer
from policystudy.keywords.textrank import _TextRankScorer
from policystudy.stats.ranking import top_mask, top_order
from policystudy.stats.resampling import (
    BLOCK_CELLS,
    bootstrap_blocks,
    group_matrix,
    stratified_bootstrap,
)
from policystudy.text.vocabulary import (
    MeaningfulAnalyzer,
    is_meaningful,
    meaningful_tokens,
)

__all__ = [
    "METHODS",
    "MeaningfulAnalyzer",
    "ThinEvidenceWarning",
    "extract_keywords",
    "group_matrix",
    "is_meaningful",
    "keyword_table",
    "meaningful_tokens",
    "stratified_bootstrap",
]

METHODS = ("tfidf", "textrank", "keyness", "jieba")
# keywords.csv as declared, less the ``place`` flag notebook 01 adds from the place names.
OUTPUT_COLUMNS = [c for c in registry.table("keywords").column_names if c != "place"]


class ThinEvidenceWarning(UserWarning):
    """A group has so few paragraphs or tokens that its keywords are fragile."""


def _warn_thin(labels, ind, group_counts, *, min_paragraphs: int, min_tokens: int) -> None:
    n_par = np.asarray(ind.sum(axis=1)).ravel()
    n_tok = np.asarray(group_counts.sum(axis=1)).ravel()
    for label, n_p, n_t in zip(labels, n_par, n_tok, strict=True):
        if n_p < min_paragraphs or n_t < min_tokens:
            warnings.warn(
                f"group {label!r} has only {int(n_p)} paragraph(s) and {int(n_t)} meaningful "
                f"token(s) (thresholds {min_paragraphs} and {min_tokens}): its keywords rest on "
                "thin evidence; read the stability column before trusting them",
                ThinEvidenceWarning,
                stacklevel=3,
            )


def _bootstrap_hits(corpus, scorers, tops, blocks, top_k, map_groups) -> dict[str, np.ndarray]:
    """Per method, groups × top_k counts of resamples keeping each top term in the top k."""
    hits = {m: np.zeros(top.shape) for m, top in tops.items()}
    for block in blocks:
        shared = _Block(corpus, block, map_groups)
        for m, scorer in scorers.items():
            for gi, scores in enumerate(scorer.block_scores(shared)):
                top = tops[m][gi]
                valid = top >= 0
                mask = top_mask(scores, top_k, positive=scorer.positive)
                hits[m][gi, valid] += mask[:, top[valid]].sum(axis=0)
    return hits


# Largest resamples × groups × terms scored at once (memory bound of one bootstrap block).
_SCORE_CELLS = 2_000_000


def keyword_table(
    tokens: Sequence[str],
    groups: Sequence[str],
    *,
    methods: Sequence[str] = METHODS,
    top_k: int = defaults.TOP_K,
    stopwords: Iterable[str] = (),
    min_chars: int = 2,
    n_bootstrap: int = defaults.N_BOOTSTRAP,
    random_state: int | None = defaults.RANDOM_STATE,
    window: int = 5,
    damping: float = 0.85,
    min_paragraphs: int = 5,
    min_tokens: int = 200,
    n_jobs: int = 1,
    documents: Sequence[str] | None = None,
    min_documents: int = defaults.MIN_DOCUMENTS,
) -> pd.DataFrame:
    """Top keywords of every group by several methods, with bootstrap stability, in one pass.

    The methods share the counts, the thin-evidence check and the bootstrap resamples (drawn
    in bounded blocks by :func:`policystudy.stats.resampling.bootstrap_blocks`); each method's rows
    are exactly those of :func:`extract_keywords` with that ``method``.

    Parameters
    ----------
    tokens, groups, top_k, stopwords, min_chars, n_bootstrap, random_state, window, damping,
    min_paragraphs, min_tokens
        As in :func:`extract_keywords`.
    methods : sequence of {"tfidf", "textrank", "keyness", "jieba"}
        Methods to run, in the order of the output rows.
    n_jobs : int
        Threads for the bootstrap's per-group sums and PageRank (0: one per available core).
        The table does not depend on it.
    documents : sequence of str, optional
        Document of each paragraph. A group with at least ``min_documents`` documents then
        resamples its documents (a cluster bootstrap: what varies between the texts of a
        group is the document, not the paragraphs of one text); a group with fewer, or any
        group when ``documents`` is not given, resamples its paragraphs.
    min_documents : int
        Documents a group needs for the document bootstrap (as in the priorities).

    Returns
    -------
    pandas.DataFrame
        Columns ``group, method, rank, term, score, stability, resampled_unit``: per
        method, sorted by group then rank; ``resampled_unit`` says what the group's stability rests on
        (``documents`` or ``paragraphs``; empty when ``n_bootstrap`` is 0).

    Examples
    --------
    >>> toks = ["推进 乡村振兴 巩固 脱贫 成果", "乡村振兴 长白山 文化", "社保卡 一卡通 应用",
    ...         "公办园 学位 社保卡"]
    >>> kw = keyword_table(toks, ["吉林", "吉林", "辽宁", "辽宁"], methods=["tfidf", "keyness"],
    ...                    top_k=1, n_bootstrap=20, min_paragraphs=1, min_tokens=1)
    >>> kw[["method", "group", "term"]].values.tolist()
    [['tfidf', '吉林', '乡村振兴'], ['tfidf', '辽宁', '社保卡'], ['keyness', '吉林', '乡村振兴'], ['keyness', '辽宁', '社保卡']]
    """
    methods = list(methods)
    unknown = [m for m in methods if m not in METHODS]
    if unknown or not methods:
        raise ValueError(f"method must be one of {', '.join(METHODS)}; got {unknown or methods!r}")
    if not isinstance(top_k, (int, np.integer)) or top_k < 1:
        raise ValueError(f"top_k must be an integer >= 1, got {top_k!r}")
    if n_bootstrap < 0:
        raise ValueError(f"n_bootstrap must be >= 0, got {n_bootstrap!r}")
    if window < 2:
        raise ValueError(f"window must be >= 2, got {window!r}")
    tokens = list(tokens)
    groups = [str(g) for g in groups]
    if len(tokens) != len(groups):
        raise ValueError(f"{len(tokens)} token strings but {len(groups)} group labels")
    if not tokens:
        raise ValueError("no paragraphs given")
    if "keyness" in methods and len(set(groups)) < 2:
        raise ValueError("method='keyness' compares each group with the rest: it needs >= 2 groups")

    corpus = _Corpus(
        tokens,
        groups,
        MeaningfulAnalyzer(stopwords, min_chars),
        documents=documents,
        min_documents=min_documents,
    )
    _warn_thin(
        corpus.labels,
        corpus.ind,
        corpus.group_counts_int,
        min_paragraphs=min_paragraphs,
        min_tokens=min_tokens,
    )
    make = {
        "tfidf": lambda: _TfidfScorer(corpus),
        "textrank": lambda: _TextRankScorer(corpus, window=window, damping=damping),
        "keyness": lambda: _KeynessScorer(corpus),
        "jieba": lambda: _JiebaScorer(corpus),
    }
    scorers = {m: make[m]() for m in dict.fromkeys(methods)}
    corpus.ids = corpus.paragraph = None  # only TextRank's graphs needed the token sequence
    points = {m: s.points() for m, s in scorers.items()}
    tops = {m: top_order(points[m], top_k, positive=s.positive) for m, s in scorers.items()}
    # Rows per block: a resample's scores are groups × terms for each method, its weights one
    # per paragraph; either bound keeps a block's arrays to tens of megabytes.
    rows = max(1, _SCORE_CELLS // (len(corpus.labels) * len(corpus.terms)))
    n_units = len(corpus.unit_groups)
    rows = min(rows, max(1, BLOCK_CELLS // n_units))
    blocks = bootstrap_blocks(
        corpus.unit_groups, n_bootstrap, random_state, block_cells=rows * n_units
    )
    workers = min(resolve_jobs(n_jobs), len(corpus.labels))
    pool = ThreadPoolExecutor(workers) if workers > 1 and n_bootstrap else None
    map_groups = (lambda f: pool.map(f, range(len(corpus.labels)))) if pool else None
    try:
        hits = _bootstrap_hits(corpus, scorers, tops, blocks, top_k, map_groups)
    finally:
        if pool:
            pool.shutdown()

    tables = []
    for m in methods:
        top, point = tops[m], points[m]
        stability = hits[m] / n_bootstrap if n_bootstrap else np.full(top.shape, np.nan)
        for gi, label in enumerate(corpus.labels):
            keep = top[gi] >= 0
            idx = top[gi][keep]
            tables.append(
                pd.DataFrame(
                    {
                        "group": label,
                        "method": m,
                        "rank": np.arange(1, len(idx) + 1),
                        "term": corpus.terms[idx],
                        "score": point[gi, idx],
                        "stability": stability[gi][keep],
                        "resampled_unit": corpus.unit_kind[gi] if n_bootstrap else "",
                    }
                )
            )
    return pd.concat(tables, ignore_index=True)[OUTPUT_COLUMNS]


def extract_keywords(
    tokens: Sequence[str],
    groups: Sequence[str],
    *,
    method: str = "tfidf",
    top_k: int = defaults.TOP_K,
    stopwords: Iterable[str] = (),
    min_chars: int = 2,
    n_bootstrap: int = defaults.N_BOOTSTRAP,
    random_state: int | None = defaults.RANDOM_STATE,
    texts: Sequence[str] | None = None,
    window: int = 5,
    damping: float = 0.85,
    jieba_tokenizer=None,
    min_paragraphs: int = 5,
    min_tokens: int = 200,
    documents: Sequence[str] | None = None,
    min_documents: int = defaults.MIN_DOCUMENTS,
) -> pd.DataFrame:
    """Top keywords of every group with bootstrap stability.

    Parameters
    ----------
    tokens : sequence of str
        One space-joined token string per paragraph.
    groups : sequence of str
        Group label of each paragraph (e.g. its region).
    method : {"tfidf", "textrank", "keyness", "jieba"}
    top_k : int
        Keywords per group (>= 1).
    stopwords : iterable of str
        Tokens never reported.
    min_chars : int
        Shortest meaningful token, in characters.
    n_bootstrap : int
        Resamples of the paragraphs within each group; 0 skips stability (NaN).
    random_state : int or None
        Seed of the bootstrap.
    texts : sequence of str, optional
        Deprecated, ignored: the jieba method now scores ``tokens``.
    window : int
        TextRank co-occurrence window, in meaningful tokens (2 = adjacent only).
    damping : float
        PageRank damping factor.
    jieba_tokenizer : jieba.Tokenizer, optional
        Deprecated, ignored: the jieba method no longer segments.
    min_paragraphs, min_tokens : int
        Below either, a :class:`ThinEvidenceWarning` is issued for the group.
    documents, min_documents
        As in :func:`keyword_table`: groups with enough documents resample documents.

    Returns
    -------
    pandas.DataFrame
        Columns ``group, method, rank, term, score, stability, resampled_unit``, sorted by
        group then rank; ranks follow ``(-score, term)``. ``stability`` is the share of
        resamples in which the term is among the group's top ``top_k``; ``resampled_unit``
        names the unit.

    See Also
    --------
    keyword_table : several methods in one pass over the same counts and resamples.

    Examples
    --------
    >>> toks = ["安全 生产 安全", "高等教育 安全", "网格 治理 健康", "养老 健康 网格"]
    >>> kw = extract_keywords(toks, ["津", "津", "苏", "苏"], method="keyness", top_k=1,
    ...                       n_bootstrap=50)
    >>> kw[["group", "term", "stability"]].values.tolist()
    [['津', '安全', 1.0], ['苏', '健康', 1.0]]
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}; got {method!r}")
    if texts is not None or jieba_tokenizer is not None:
        warnings.warn(
            "texts= and jieba_tokenizer= are ignored: the jieba method scores the given tokens",
            DeprecationWarning,
            stacklevel=2,
        )
    return keyword_table(
        tokens,
        groups,
        methods=[method],
        top_k=top_k,
        stopwords=stopwords,
        min_chars=min_chars,
        n_bootstrap=n_bootstrap,
        random_state=random_state,
        window=window,
        damping=damping,
        min_paragraphs=min_paragraphs,
        min_tokens=min_tokens,
        documents=documents,
        min_documents=min_documents,
    )
