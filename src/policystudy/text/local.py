"""Local segmentation engine: serially for small inputs, a process pool over chunks otherwise."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from policystudy.core import defaults
from policystudy.core.parallel import pool_context, resolve_jobs
from policystudy.text.tokenizer import PolicyTokenizer

log = logging.getLogger(__name__)

# --- engines ---------------------------------------------------------------------------------
ENGINES = ("local", "dask")
# Below these sizes a process pool costs more (worker start-up, dictionary load, pickling) than
# it saves, so the five-document corpus (~60 k characters) is segmented in this process.
SERIAL_MAX_TEXTS = 200
SERIAL_MAX_CHARS = 200_000
# Texts handed to a worker at a time: big enough to amortise pickling, small enough for the
# progress bar to move and for the pool to balance the load at the end of the run.
CHUNK_MIN_CHARS = 50_000
CHUNK_MAX_CHARS = 1_000_000


def is_small(texts: Sequence[str]) -> bool:
    """True when ``texts`` is cheaper to segment serially than with a pool or a cluster.

    Examples
    --------
    >>> is_small(["推进老旧小区改造"] * 10)
    True
    """
    if len(texts) < SERIAL_MAX_TEXTS:
        return True
    total = 0
    for t in texts:
        total += len(t)
        if total >= SERIAL_MAX_CHARS:
            return False
    return True


def chunk_by_chars(
    texts: Sequence[str], n_chunks: int, *, min_chars: int = CHUNK_MIN_CHARS,
    max_chars: int = CHUNK_MAX_CHARS,
) -> list[tuple[int, int]]:  # fmt: skip
    """Split ``texts`` into consecutive ``(start, stop)`` ranges of roughly equal characters.

    Examples
    --------
    >>> chunk_by_chars(["社会救助"] * 6, 3, min_chars=8)
    [(0, 2), (2, 4), (4, 6)]
    """
    total = sum(len(t) for t in texts)
    target = min(max(total // max(n_chunks, 1), min_chars), max_chars)
    ranges, start, size = [], 0, 0
    for i, t in enumerate(texts):
        size += len(t)
        if size >= target:
            ranges.append((start, i + 1))
            start, size = i + 1, 0
    if start < len(texts):
        ranges.append((start, len(texts)))
    return ranges


def _progress(total: int, *, disable: bool, desc: str):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="para", disable=disable, file=sys.stderr)


def segment_serial(texts: Sequence[str], tokenizer: PolicyTokenizer) -> list[str]:
    """Space-joined content tokens of each text, in this process.

    Examples
    --------
    >>> segment_serial(["健全社会救助体系", "提高城乡低保标准"], PolicyTokenizer())
    ['社会救助', '城乡低保 标准']
    """
    return [" ".join(tokenizer(t)) for t in texts]


# The tokenizer of a pool worker, loaded once by the initializer rather than sent with each chunk.
_WORKER_TOKENIZER: PolicyTokenizer | None = None


def _init_worker(tokenizer: PolicyTokenizer) -> None:
    global _WORKER_TOKENIZER
    _WORKER_TOKENIZER = tokenizer
    tokenizer._load()


def _segment_chunk(texts: list[str]) -> list[str]:
    return segment_serial(texts, _WORKER_TOKENIZER)


def segment_pool(
    texts: Sequence[str],
    tokenizer: PolicyTokenizer,
    *,
    n_jobs: int = defaults.N_JOBS,
    progress: bool = True,
) -> list[str]:
    """Segment with a process pool over chunks of consecutive texts; results in input order.

    ``jieba.enable_parallel`` is no alternative: it only parallelises ``jieba.cut`` on the
    global tokenizer by splitting on lines, does nothing for ``lcut`` on our own
    ``jieba.Tokenizer`` and is unavailable on Windows. Workers are started with
    ``forkserver`` (``spawn`` where missing), never ``fork``: a notebook kernel or a Dask
    client has threads, and forking them can deadlock.

    Examples
    --------
    >>> segment_pool(["健全社会救助体系"] * 4, PolicyTokenizer(), n_jobs=2, progress=False)
    ['社会救助', '社会救助', '社会救助', '社会救助']
    """
    jobs = resolve_jobs(n_jobs)
    if jobs == 1:
        return segment_serial(texts, tokenizer)
    ranges = chunk_by_chars(texts, jobs * 16)
    out: list[str] = []
    with (
        ProcessPoolExecutor(
            max_workers=min(jobs, len(ranges)),
            mp_context=pool_context(),
            initializer=_init_worker,
            initargs=(tokenizer,),
        ) as pool,
        _progress(len(texts), disable=not progress, desc="segment") as bar,
    ):
        for part in pool.map(_segment_chunk, (list(texts[a:b]) for a, b in ranges)):
            out += part
            bar.update(len(part))
    return out
