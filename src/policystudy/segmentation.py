"""Word segmentation with a policy user dictionary and stopwords.

:class:`PolicyTokenizer` wraps its own ``jieba.Tokenizer`` (never jieba's global one, which other
code may change) or, optionally, the ``rjieba`` binding of jieba-rs. The user dictionary is
normalised (width, script) before loading, because jieba never matches a dictionary word that
contains full-width characters; words are added with ``add_word`` so both backends load them.
jieba's cache goes to the project's cache folder, and its stderr logging is silenced.

Segmented paragraphs are cached on disk, one entry per paragraph, by a hash of their text and of
the tokenizer's settings (dictionary, stopwords, options, backend), so an unchanged paragraph is
never segmented twice. What is not cached is segmented serially for small inputs, by a process
pool over chunks of paragraphs (``engine="local"``) or on a Dask cluster (``engine="dask"``,
:mod:`policystudy.distributed`) for large ones.

Examples
--------
>>> tok = PolicyTokenizer()
>>> tok("提高护理型床位占比,推进适老化改造和医联体建设")
['护理型床位', '占比', '适老化改造', '医联体']
>>> PolicyTokenizer(keep_numbers=True)("每年新增就业2.15万人以上")
['新增就业', '2.15万人']
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sqlite3
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from policystudy import normalize, paths
from policystudy.parallel import pool_context, resolve_jobs

log = logging.getLogger(__name__)

# --- regexes ---------------------------------------------------------------------------------
_UNITS = (
    "万人次|万人|万元|亿元|万户|万平方米|平方米|公里|千米|个百分点|百分点|人次|"
    "%|‰|万|亿|人|所|张|个|名|户|元|岁|家|项|次|套|间|座|处|条|支|床|天|年"
)
# Arabic number (commas, decimals) with an optional unit: kept whole or dropped as one token.
NUMBER_WITH_UNIT = re.compile(rf"\d+(?:,\d{{3}})*(?:\.\d+)?(?:{_UNITS})?")
_NUMERIC = re.compile(r"^[\d.,%‰]+$")
# Tokens with no letter or Han character are punctuation or spacing.
_HAS_WORD_CHAR = re.compile(r"[\w\u4e00-\u9fff]")
# jieba only matches dictionary words made of these characters (jieba.re_han_default).
_JIEBA_WORD = re.compile(r"^[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+$")

BACKENDS = ("jieba", "rjieba")


class DictionaryError(ValueError):
    """A user dictionary or stopword file that cannot be used as it is."""


def read_userdict(path: Path | str) -> list[tuple[str, int | None, str | None]]:
    """Read a jieba-format user dictionary (``word [freq] [tag]``), normalising each word.

    Raises
    ------
    DictionaryError
        Naming the file and line of a word jieba could never match.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "d.txt"
    >>> _ = p.write_text("護理型床位 3000 n\\n", encoding="utf-8")
    >>> read_userdict(p)
    [('护理型床位', 3000, 'n')]
    """
    entries = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        word = normalize.normalize_text(parts[0])
        if not _JIEBA_WORD.match(word):
            raise DictionaryError(
                f"{path}:{number}: dictionary word {parts[0]!r} has characters jieba cannot "
                "match (only Han, ASCII letters, digits and + # & . _ % - are allowed)"
            )
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = (
            parts[2] if len(parts) > 2 else (parts[1] if len(parts) == 2 and freq is None else None)
        )
        entries.append((word, freq, tag))
    return entries


def read_stopwords(path: Path | str) -> frozenset[str]:
    """Read one stopword per line (``#`` starts a comment), normalised like the text.

    Examples
    --------
    >>> sorted(read_stopwords_text("推進\\n# 注释\\n加強\\n"))
    ['加强', '推进']
    """
    return read_stopwords_text(Path(path).read_text(encoding="utf-8"))


def read_stopwords_text(text: str) -> frozenset[str]:
    """Parse the stopword file format from a string (see :func:`read_stopwords`)."""
    words = (normalize.normalize_text(x) for x in text.splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class _Memo(dict):
    """``memo[key]`` is ``judge(key)``, computed on first use: a token judged once costs one
    dict lookup afterwards (the tokenizer's and the keyword analyzer's filters)."""

    def __init__(self, judge):
        super().__init__()
        self.judge = judge

    def __missing__(self, key):
        value = self[key] = self.judge(key)
        return value


class PolicyTokenizer:
    """Picklable, deterministic segmenter for policy text.

    Parameters
    ----------
    userdict : path, optional
        jieba-format user dictionary; default: the packaged ``userdict.txt``.
    stopwords : path, optional
        One stopword per line; default: the packaged ``stopwords.txt``.
    keep_numbers : bool, default False
        Keep numbers with their units as single tokens (``2.15万人``) or drop them.
    backend : {"jieba", "rjieba"}, default "jieba"
        ``rjieba`` (jieba-rs) is faster; install the ``fast`` extra.
    hmm : bool, default True
        Let the HMM guess out-of-vocabulary words (jieba's default).

    Examples
    --------
    >>> import pickle
    >>> tok = pickle.loads(pickle.dumps(PolicyTokenizer()))
    >>> tok("健全社会救助体系,提高城乡低保标准")
    ['社会救助', '城乡低保', '标准']
    """

    def __init__(
        self,
        *,
        userdict: Path | str | None = None,
        stopwords: Path | str | None = None,
        keep_numbers: bool = False,
        backend: str = "jieba",
        hmm: bool = True,
    ):
        self.userdict = userdict
        self.stopwords = stopwords
        self.keep_numbers = keep_numbers
        self.backend = backend
        self.hmm = hmm
        self._engine = None
        self._stop: frozenset[str] | None = None
        self._memo: dict[str, str] = {}
        self._memo_options: tuple | None = None  # the options self._memo was built for

    # Pickling drops the loaded engine and the memo; both are rebuilt lazily in the worker.
    def __getstate__(self):
        state = self.__dict__.copy()
        state["_engine"] = None
        state["_memo"], state["_memo_options"] = {}, None
        return state

    def __setstate__(self, state):
        # Tokenizers pickled before the memo existed (e.g. in a saved model) still load.
        self.__dict__.update({"_memo": {}, "_memo_options": None, **state})

    def __repr__(self) -> str:
        return (
            f"PolicyTokenizer(userdict={self.userdict!r}, stopwords={self.stopwords!r}, "
            f"keep_numbers={self.keep_numbers!r}, backend={self.backend!r}, hmm={self.hmm!r})"
        )

    @property
    def userdict_path(self) -> Path:
        return Path(self.userdict) if self.userdict else paths.USERDICT

    @property
    def stopwords_path(self) -> Path:
        return Path(self.stopwords) if self.stopwords else paths.STOPWORDS

    @property
    def stopword_set(self) -> frozenset[str]:
        if self._stop is None:
            self._stop = read_stopwords(self.stopwords_path)
        return self._stop

    def fingerprint(self) -> str:
        """Hash of everything that changes the tokens: files, options, backend and version."""
        import jieba

        payload = {
            "userdict": _file_digest(self.userdict_path),
            "stopwords": _file_digest(self.stopwords_path),
            "keep_numbers": self.keep_numbers,
            "backend": self.backend,
            "hmm": self.hmm,
            "jieba": jieba.__version__,
            "cache_format": 2,
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]

    def _load(self):
        if self._engine is not None:
            return self._engine
        if self.backend not in BACKENDS:
            raise ValueError(f"backend must be one of {BACKENDS}, got {self.backend!r}")
        entries = read_userdict(self.userdict_path)
        if self.backend == "jieba":
            import jieba

            jieba.setLogLevel(logging.WARNING)
            engine = jieba.Tokenizer(dictionary=jieba.DEFAULT_DICT)
            cache_dir = paths.CACHE / "jieba"
            cache_dir.mkdir(parents=True, exist_ok=True)
            engine.tmp_dir = str(cache_dir)
            engine.initialize()
        else:
            try:
                import rjieba
            except ImportError as err:  # pragma: no cover - depends on the optional extra
                raise ImportError(
                    "backend='rjieba' needs the rjieba package: pip install 'policystudy[fast]'"
                ) from err
            engine = rjieba.Jieba()
        for word, freq, tag in entries:
            engine.add_word(word, freq, tag)
        self._engine = engine
        return engine

    def _cut(self, text: str) -> list[str]:
        engine = self._load()
        if self.backend == "jieba":
            return engine.lcut(text, HMM=self.hmm)
        return list(engine.cut(text, self.hmm))

    def segment(self, text: str) -> list[str]:
        """All tokens of ``text`` before filtering (numbers with units kept whole)."""
        tokens: list[str] = []
        pos = 0
        for match in NUMBER_WITH_UNIT.finditer(text):
            if match.start() > pos:
                tokens += self._cut(text[pos : match.start()])
            tokens.append(match.group())
            pos = match.end()
        if pos < len(text):
            tokens += self._cut(text[pos:])
        return tokens

    def content_token(self, token: str) -> str:
        """``token`` stripped if it is a content token, else ``""`` (punctuation, stopword, or a
        number when ``keep_numbers`` is off).

        Examples
        --------
        >>> tok = PolicyTokenizer()
        >>> [tok.content_token(t) for t in ["城乡低保", ",", "的", "2.15万人"]]
        ['城乡低保', '', '', '']
        """
        token = token.strip()
        if not token or not _HAS_WORD_CHAR.search(token) or token in self.stopword_set:
            return ""
        if not self.keep_numbers and (NUMBER_WITH_UNIT.fullmatch(token) or _NUMERIC.match(token)):
            return ""
        return token

    def __call__(self, text: str) -> list[str]:
        """Segment normalised text into content tokens (no punctuation, no stopwords)."""
        # Each distinct token is judged once: a corpus repeats a few thousand tokens millions
        # of times, and judging is most of the cost after rjieba's cut. The memo is keyed by
        # the options, so changing keep_numbers (or the stopwords) starts a new one.
        options = (self.keep_numbers, self.stopword_set)
        if self._memo_options != options:
            self._memo, self._memo_options = _Memo(self.content_token), options
        memo = self._memo
        return [t for t in [memo[t] for t in self.segment(text)] if t]


def is_number_token(token: str) -> bool:
    """True for a bare number or a number with its unit.

    Examples
    --------
    >>> is_number_token("2.15万人"), is_number_token("养老保险")
    (True, False)
    """
    return bool(NUMBER_WITH_UNIT.fullmatch(token) or _NUMERIC.match(token))


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
    texts: Sequence[str], tokenizer: PolicyTokenizer, *, n_jobs: int = 0, progress: bool = True
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


def segment(
    texts: Sequence[str],
    tokenizer: PolicyTokenizer,
    *,
    engine: str = "local",
    scheduler: str = "",
    n_jobs: int = 0,
    progress: bool | None = None,
) -> list[str]:
    """Segment ``texts`` (no cache) with the chosen engine; small inputs always run serially.

    Parameters
    ----------
    engine : {"local", "dask"}
        ``local``: a process pool on this machine; ``dask``: the cluster at ``scheduler`` (see
        :mod:`policystudy.distributed`).
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
        from policystudy import distributed

        return distributed.segment(texts, tokenizer, scheduler=scheduler, n_workers=n_jobs)
    return segment_pool(texts, tokenizer, n_jobs=n_jobs, progress=progress)


def tokenize_paragraphs(
    texts: Sequence[str],
    tokenizer: PolicyTokenizer,
    *,
    cache_dir: Path | str | None = None,
    use_cache: bool = True,
    engine: str = "local",
    scheduler: str = "",
    n_jobs: int = 0,
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
    cache = SegmentCache(cache_dir or paths.CACHE / "segments", tokenizer)
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
        """Cached tokens of the given text keys (missing keys are absent)."""
        found: dict[bytes, str] = {}
        if not self.path.is_file():
            return found
        con = self._connect()
        try:
            for i in range(0, len(keys), self._BATCH):
                batch = keys[i : i + self._BATCH]
                marks = ",".join("?" * len(batch))
                found.update(
                    con.execute(f"SELECT key, tokens FROM segments WHERE key IN ({marks})", batch)
                )
        finally:
            con.close()
        return found

    def store(self, items: Iterable[tuple[bytes, str]]) -> None:
        """Add ``(key, tokens)`` pairs, keeping existing entries."""
        con = self._connect()
        try:
            with con:
                con.executemany("INSERT OR IGNORE INTO segments VALUES (?, ?)", items)
        finally:
            con.close()

    def tokenize(
        self, texts: Sequence[str], *, engine: str = "local", scheduler: str = "", n_jobs: int = 0
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


# --- backend agreement -----------------------------------------------------------------------


def token_spans(tokens: Iterable[str]) -> list[tuple[int, int]]:
    """Character ``(start, end)`` span of each token of a segmentation that covers the text.

    Examples
    --------
    >>> token_spans(["社会救助", "体系"])
    [(0, 4), (4, 6)]
    """
    spans, pos = [], 0
    for t in tokens:
        spans.append((pos, pos + len(t)))
        pos += len(t)
    return spans


def span_f1(reference: Sequence[str], candidate: Sequence[str]) -> float:
    """Token-level F1 of two segmentations of the same text, on character spans.

    A token counts as agreed when both segmentations have a token with the same start and end;
    F1 = 2·agreed / (tokens in reference + tokens in candidate); 1.0 for two empty ones.

    Examples
    --------
    >>> span_f1(["社会救助", "体系"], ["社会救助", "体系"])
    1.0
    >>> round(span_f1(["社会救助", "体系"], ["社会", "救助", "体系"]), 3)
    0.4
    """
    a, b = set(token_spans(reference)), set(token_spans(candidate))
    return 1.0 if not a and not b else 2 * len(a & b) / (len(a) + len(b))


def backend_agreement(
    texts: Sequence[str], *, backends: tuple[str, str] = ("jieba", "rjieba"), **options
) -> dict[str, float]:
    """How far two segmentation backends agree on ``texts``, with the same dictionary.

    Parameters
    ----------
    texts : sequence of str
        Normalised paragraphs (e.g. the ``text`` column of ``paragraphs.csv``).
    backends : pair of str
        Reference first (jieba), candidate second.
    **options
        Other :class:`PolicyTokenizer` options (userdict, stopwords, keep_numbers, hmm).

    Returns
    -------
    dict
        ``paragraphs``, ``tokens_reference``, ``tokens_candidate``;
        ``identical_segmentation``: share of paragraphs whose full token sequences (before
        stopword filtering) are identical; ``span_f1``: micro-averaged token F1 on character
        spans of those sequences; ``identical_content``: share of paragraphs whose content
        tokens (what the analyses count) are identical; ``content_f1``: micro F1 of the content
        tokens as multisets per paragraph.

    Examples
    --------
    >>> r = backend_agreement(["健全社会救助体系,提高城乡低保标准"])
    >>> r["identical_content"], r["span_f1"]
    (1.0, 1.0)
    """
    from collections import Counter

    ref, cand = (PolicyTokenizer(backend=b, **options) for b in backends)
    same_seq = same_content = inter = n_ref = n_cand = 0
    c_inter = c_ref = c_cand = 0
    for text in texts:
        a, b = ref.segment(text), cand.segment(text)
        same_seq += a == b
        sa, sb = set(token_spans(a)), set(token_spans(b))
        inter += len(sa & sb)
        n_ref += len(sa)
        n_cand += len(sb)
        ca, cb = ref(text), cand(text)
        same_content += ca == cb
        c_inter += sum((Counter(ca) & Counter(cb)).values())
        c_ref += len(ca)
        c_cand += len(cb)
    n = len(texts)
    return {
        "paragraphs": n,
        "tokens_reference": n_ref,
        "tokens_candidate": n_cand,
        "identical_segmentation": same_seq / n if n else 1.0,
        "span_f1": 2 * inter / (n_ref + n_cand) if n_ref + n_cand else 1.0,
        "identical_content": same_content / n if n else 1.0,
        "content_f1": 2 * c_inter / (c_ref + c_cand) if c_ref + c_cand else 1.0,
    }
