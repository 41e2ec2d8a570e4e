"""Segmentation and document-term counts on a Dask cluster (``engine="dask"``).

The same :class:`~policystudy.text.PolicyTokenizer` runs on every worker, loaded once
per worker process, and the counts are built by a vocabulary merge: each partition reports its
terms, the driver takes their sorted union (the order ``CountVectorizer`` uses) and every
partition is counted against it. The matrix is therefore identical, entry for entry and column
for column, to ``CountVectorizer(...).fit_transform`` on one machine, so the analyses downstream
(keyness, TF-IDF, NMF) give the same tables whichever engine ran. A ``HashingVectorizer`` would
need no merge but loses the term names and can collide, so it is not used.

Use an existing cluster with ``scheduler="tcp://host:8786"``; with ``scheduler=""`` the current
Dask client is used if there is one (``with Client(...):``), else a local cluster is started
for the call.

Examples
--------
>>> from policystudy.text import PolicyTokenizer
>>> from dask.distributed import Client, LocalCluster
>>> with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
...     with Client(cluster):
...         tokens = segment(["健全社会救助体系", "推进老旧小区改造"], PolicyTokenizer())
...         counts, terms = count_matrix(tokens, engine="dask")
>>> tokens, list(terms), counts.toarray().tolist()
(['社会救助', '老旧小区改造'], ['社会救助', '老旧小区改造'], [[1, 0], [0, 1]])
"""

from __future__ import annotations

import heapq
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
from scipy import sparse

from policystudy.core import defaults
from policystudy.core.parallel import resolve_jobs
from policystudy.text.local import chunk_by_chars, segment_serial
from policystudy.text.tokenizer import PolicyTokenizer

# Partitions per worker: enough for load balancing and a moving progress bar, few enough that
# scheduling overhead (a few ms per task) stays negligible.
PARTITIONS_PER_WORKER = 8

# Tokenizers already loaded in this worker process, by their settings: loading the jieba
# dictionary takes about a second, so it is done once per worker, not once per task.
_LOADED: dict[str, PolicyTokenizer] = {}


@contextmanager
def client(scheduler: str = "", *, n_workers: int = 0, processes: bool = True) -> Iterator[Any]:
    """A Dask client: the scheduler at ``scheduler``, else the current client, else a new
    local cluster (``n_workers`` single-threaded workers, ``0`` = one per core) closed on exit.

    Examples
    --------
    >>> with client(n_workers=1, processes=False) as c:
    ...     c.submit(len, "社会救助").result()
    4
    """
    from dask.distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as c:
            yield c
        return
    try:
        current = Client.current()
    except ValueError:
        current = None
    if current is not None:
        yield current
        return
    with (
        LocalCluster(
            n_workers=resolve_jobs(n_workers),
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
            silence_logs=logging.WARNING,
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


def _n_workers(c) -> int:
    return max(1, len(c.scheduler_info().get("workers", {})))


def _worker_tokenizer(tokenizer: PolicyTokenizer) -> PolicyTokenizer:
    key = f"{tokenizer!r}:{tokenizer.fingerprint()}"
    if key not in _LOADED:
        tokenizer._load()
        _LOADED[key] = tokenizer
    return _LOADED[key]


def _segment_part(texts: list[str], tokenizer: PolicyTokenizer) -> list[str]:
    return segment_serial(texts, _worker_tokenizer(tokenizer))


def _gather_in_order(c, futures: list, *, desc: str, progress: bool) -> list:
    from dask.distributed import as_completed
    from tqdm.auto import tqdm

    index = {f.key: i for i, f in enumerate(futures)}
    results: list = [None] * len(futures)
    with tqdm(
        total=len(futures), desc=desc, unit="part", disable=not progress, file=sys.stderr
    ) as bar:
        for future in as_completed(futures):
            results[index[future.key]] = future.result()
            bar.update(1)
    return results


def segment(
    texts: Sequence[str],
    tokenizer: PolicyTokenizer,
    *,
    scheduler: str = "",
    n_workers: int = 0,
    progress: bool = True,
) -> list[str]:
    """Space-joined tokens of each text, segmented on a Dask cluster, in input order.

    Parameters
    ----------
    texts : sequence of str
    tokenizer : PolicyTokenizer
    scheduler : str
        ``tcp://host:8786``; empty = the current client or a new local cluster.
    n_workers : int
        Workers of a new local cluster (``0`` = one per core).
    progress : bool
        Progress bar (partitions done) on stderr.

    Examples
    --------
    >>> with client(n_workers=1, processes=False):
    ...     segment(["提高城乡低保标准"], PolicyTokenizer(), progress=False)
    ['城乡低保 标准']
    """
    if not texts:
        return []
    with client(scheduler, n_workers=n_workers) as c:
        ranges = chunk_by_chars(texts, _n_workers(c) * PARTITIONS_PER_WORKER)
        # Scattering the data first keeps it out of the task graph (Dask warns on large graphs).
        parts = c.scatter([list(texts[a:b]) for a, b in ranges])
        futures = c.map(_segment_part, parts, tokenizer=tokenizer, pure=False)
        results = _gather_in_order(c, futures, desc="segment (dask)", progress=progress)
    return [t for part in results for t in part]


def _vectorizer(analyzer: Callable[[str], list[str]], vocabulary=None):
    from sklearn.feature_extraction.text import CountVectorizer

    return CountVectorizer(analyzer=analyzer, lowercase=False, vocabulary=vocabulary)


def _part_terms(docs: list[str], analyzer: Callable[[str], list[str]]) -> list[str]:
    return sorted({term for doc in docs for term in analyzer(doc)})


def _part_counts(docs: list[str], analyzer, vocabulary: dict[str, int]) -> sparse.csr_matrix:
    return _vectorizer(analyzer, vocabulary).transform(docs)


def split_tokens(doc: str) -> list[str]:
    """The default analyser: the space-joined tokens of one paragraph.

    Examples
    --------
    >>> split_tokens("社会救助 城乡低保")
    ['社会救助', '城乡低保']
    """
    return doc.split()


def count_matrix(
    token_strings: Sequence[str],
    *,
    analyzer: Callable[[str], list[str]] | None = None,
    engine: str = defaults.ENGINE,
    scheduler: str = "",
    n_workers: int = 0,
    progress: bool = False,
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Document-term counts of space-joined token strings, on this machine or on a cluster.

    Parameters
    ----------
    token_strings : sequence of str
        One space-joined token string per paragraph (from ``tokenize_paragraphs``).
    analyzer : callable, optional
        ``str -> list[str]`` (must be picklable for Dask, e.g.
        ``keywords.MeaningfulAnalyzer``); default :func:`split_tokens`.
    engine : {"local", "dask"}
    scheduler, n_workers
        As in :func:`segment`.

    Returns
    -------
    counts : scipy.sparse.csr_matrix
        paragraphs × terms, int64, sorted indices.
    terms : numpy.ndarray of str
        Column names, sorted (as ``CountVectorizer.get_feature_names_out``).

    Examples
    --------
    >>> counts, terms = count_matrix(["社会救助 城乡低保", "城乡低保 城乡低保"])
    >>> list(terms), counts.toarray().tolist()
    (['城乡低保', '社会救助'], [[1, 1], [2, 0]])
    """
    analyzer = analyzer or split_tokens
    if engine not in ("local", "dask"):
        raise ValueError(f"engine must be 'local' or 'dask', got {engine!r}")
    if engine == "local":
        from policystudy.text.vocabulary import MeaningfulAnalyzer, count_terms

        # The project's analyzers keep or drop whole split tokens: counted without one Python
        # call per token. Any other analyzer goes through scikit-learn.
        if analyzer is split_tokens:
            return count_terms(token_strings)
        if type(analyzer) is MeaningfulAnalyzer:
            return count_terms(token_strings, keep=analyzer.keep)
        vec = _vectorizer(analyzer)
        counts = vec.fit_transform(token_strings).tocsr()
        counts.sort_indices()
        return counts, vec.get_feature_names_out()
    with client(scheduler, n_workers=n_workers) as c:
        ranges = chunk_by_chars(token_strings, _n_workers(c) * PARTITIONS_PER_WORKER)
        parts = c.scatter([list(token_strings[a:b]) for a, b in ranges])
        term_lists = _gather_in_order(
            c, c.map(_part_terms, parts, analyzer=analyzer, pure=False),
            desc="vocabulary (dask)", progress=progress,
        )  # fmt: skip
        # Each list is sorted: a k-way merge gives the sorted union without one huge set.
        terms = list(dict.fromkeys(heapq.merge(*term_lists)))
        vocabulary = {t: i for i, t in enumerate(terms)}
        [vocab_future] = c.scatter([vocabulary], broadcast=True)
        blocks = _gather_in_order(
            c, c.map(_part_counts, parts, analyzer=analyzer, vocabulary=vocab_future, pure=False),
            desc="counts (dask)", progress=progress,
        )  # fmt: skip
    counts = (
        sparse.vstack(blocks, format="csr", dtype=np.int64)
        if blocks
        else sparse.csr_matrix((0, len(terms)), dtype=np.int64)
    )
    counts.sort_indices()
    return counts, np.asarray(terms, dtype=object)
