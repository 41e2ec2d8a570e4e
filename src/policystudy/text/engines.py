"""Segment texts with the chosen engine, and the per-paragraph on-disk cache of segmented text."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

from policystudy.core import defaults, resources
from policystudy.core.parallel import resolve_jobs
from policystudy.text.local import ENGINES, is_small, segment_pool, segment_serial
from policystudy.text.tokenizer import PolicyTokenizer

log = logging.getLogger(__name__)


def segment(
    texts: Sequence[str],
    tokenizer: PolicyTokenizer,
    *,
    engine: str = defaults.ENGINE,
    scheduler: str = "",
    n_jobs: int = defaults.N_JOBS,
    progress: bool | None = None,
) -> list[str]:
    """Segment ``texts`` (no cache) with the chosen engine; small inputs always run serially.

    Parameters
    ----------
    engine : {"local", "dask"}
        ``local``: a process pool on this machine; ``dask``: the cluster at ``scheduler`` (see
        :mod:`policystudy.text.dask_engine`).
    scheduler : str
        Dask scheduler address; empty = the current Dask client or a new local cluster.
    n_jobs : int
        Local worker processes (``0`` = one per core); with Dask, local-cluster workers.
    progress : bool, optional
        Show a progress bar on stderr; default: only for inputs too big to run serially.

    Examples
    --------
    >>> segment(["推进老旧小区改造"], PolicyTokenizer(), engine="dask")
    ['老旧小区改造']
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    small = is_small(texts)
    if progress is None:
        progress = not small
    if small or (engine == "local" and resolve_jobs(n_jobs) == 1):
        return segment_serial(texts, tokenizer)
    if engine == "dask":
        from policystudy.text import dask_engine

        return dask_engine.segment(texts, tokenizer, scheduler=scheduler, n_workers=n_jobs)
    return segment_pool(texts, tokenizer, n_jobs=n_jobs, progress=progress)


def tokenize_paragraphs(
    texts: Sequence[str],
    tokenizer: PolicyTokenizer,
    *,
    cache_dir: Path | str | None = None,
    use_cache: bool = True,
    engine: str = defaults.ENGINE,
    scheduler: str = "",
    n_jobs: int = defaults.N_JOBS,
) -> list[str]:
    """Segment each text into space-joined tokens, using the on-disk cache where possible.

    Tokens are stored as one space-joined string per paragraph: far smaller in memory than
    lists of Python strings, and what ``str.split`` analysers take directly. Only texts missing
    from the cache are segmented, each distinct text once, by :func:`segment` with the given
    ``engine``, ``scheduler`` and ``n_jobs``.

    Examples
    --------
    >>> tokenize_paragraphs(["推进老旧小区改造"], PolicyTokenizer(), use_cache=False)
    ['老旧小区改造']
    """
    options = dict(engine=engine, scheduler=scheduler, n_jobs=n_jobs)
    if not use_cache:
        return _segment_unique(texts, tokenizer, **options)
    cache = SegmentCache(cache_dir or resources.cache_dir() / "segments", tokenizer)
    return cache.tokenize(texts, **options)


def _segment_unique(texts: Sequence[str], tokenizer: PolicyTokenizer, **options) -> list[str]:
    # Boilerplate paragraphs repeat across a policy archive; segment each distinct one once.
    first = dict.fromkeys(texts)
    if len(first) == len(texts):
        return segment(texts, tokenizer, **options)
    done = dict(zip(first, segment(list(first), tokenizer, **options), strict=True))
    return [done[t] for t in texts]


class SegmentCache:
    """Per-paragraph, content-addressed store of segmented texts (SQLite, one file per tokenizer).

    Each paragraph is stored under the sha256 of its text in a database named after the
    tokenizer's :meth:`~PolicyTokenizer.fingerprint` (dictionary, stopwords, options, backend,
    jieba version), so a warm rerun after editing one document segments only that document's
    new or changed paragraphs, and a changed dictionary never serves stale tokens. SQLite
    (standard library) keeps millions of entries in one file with indexed look-ups, where one
    file per paragraph would exhaust inodes and one file per corpus would make any edit a
    full miss.

    Attributes
    ----------
    hits_, misses_ : int
        Calls served entirely from the cache, and calls that had to segment something.
    segmented_ : int
        Texts segmented (cache misses, each distinct text counted once).

    Examples
    --------
    >>> import tempfile
    >>> cache = SegmentCache(tempfile.mkdtemp(), PolicyTokenizer())
    >>> cache.tokenize(["健全社会救助体系"])
    ['社会救助']
    >>> cache.tokenize(["健全社会救助体系", "推进老旧小区改造"])
    ['社会救助', '老旧小区改造']
    >>> cache.misses_, cache.segmented_
    (2, 2)
    """

    # SQLite's default limit on parameters in one statement is 999 on old builds.
    _BATCH = 900

    def __init__(self, folder: Path | str, tokenizer: PolicyTokenizer):
        self.folder = Path(folder)
        self.tokenizer = tokenizer
        self.hits_ = 0
        self.misses_ = 0
        self.segmented_ = 0

    @property
    def path(self) -> Path:
        return self.folder / f"{self.tokenizer.fingerprint()}.sqlite"

    def _connect(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=60)
        # WAL lets one notebook read while another process writes the same store.
        con.execute("PRAGMA journal_mode=WAL")
        con.execute(
            "CREATE TABLE IF NOT EXISTS segments (key BLOB PRIMARY KEY, tokens TEXT NOT NULL) "
            "WITHOUT ROWID"
        )
        return con

    def lookup(self, keys: Sequence[bytes]) -> dict[bytes, str]:
        """Cached tokens of the given text keys (missing keys are absent); a corrupt store
        is dropped and rebuilt (see :meth:`_rebuild`)."""
        found: dict[bytes, str] = {}
        if not self.path.is_file():
            return found
        try:
            con = self._connect()
            try:
                for i in range(0, len(keys), self._BATCH):
                    batch = keys[i : i + self._BATCH]
                    marks = ",".join("?" * len(batch))
                    found.update(
                        con.execute(
                            f"SELECT key, tokens FROM segments WHERE key IN ({marks})", batch
                        )
                    )
            finally:
                con.close()
        except sqlite3.DatabaseError as err:
            self._rebuild(err)
            return {}
        return found

    def store(self, items: Iterable[tuple[bytes, str]]) -> None:
        """Add ``(key, tokens)`` pairs, keeping existing entries."""
        items = list(items)
        for attempt in (1, 2):
            try:
                con = self._connect()
                try:
                    with con:
                        con.executemany("INSERT OR IGNORE INTO segments VALUES (?, ?)", items)
                finally:
                    con.close()
                return
            except sqlite3.DatabaseError as err:
                if attempt == 2:
                    raise
                self._rebuild(err)

    def _rebuild(self, err: Exception) -> None:
        # The store is derived data the package wrote (a crash or a full disk can damage
        # it): drop it and segment again rather than fail the run.
        warnings.warn(
            f"segment cache {self.path} is unreadable ({err}); it is rebuilt", stacklevel=3
        )
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def tokenize(
        self,
        texts: Sequence[str],
        *,
        engine: str = defaults.ENGINE,
        scheduler: str = "",
        n_jobs: int = defaults.N_JOBS,
    ) -> list[str]:
        """Tokens of each text: cached ones read, the others segmented and stored."""
        keys = [_text_key(t) for t in texts]
        found = self.lookup(list(dict.fromkeys(keys)))
        missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
        if missing:
            self.misses_ += 1
            self.segmented_ += len(missing)
            tokens = segment(
                list(missing.values()), self.tokenizer, engine=engine, scheduler=scheduler,
                n_jobs=n_jobs,
            )  # fmt: skip
            new = dict(zip(missing, tokens, strict=True))
            self.store(new.items())
            found.update(new)
        else:
            self.hits_ += 1
        return [found[k] for k in keys]


def _text_key(text: str) -> bytes:
    # 128 bits of sha256: collisions are out of reach for any corpus, and keys stay small.
    return hashlib.sha256(text.encode("utf-8")).digest()[:16]
