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
:mod:`policystudy.text.dask_engine`) for large ones.

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
from pathlib import Path

from policystudy.core import defaults, resources
from policystudy.ingest import normalize
from policystudy.text import numbers

log = logging.getLogger(__name__)

# --- regexes ---------------------------------------------------------------------------------
# Numbers follow the package's one number grammar (text/numbers.py): an Arabic number with an
# optional unit is kept whole as one token or dropped as one token.
NUMBER_WITH_UNIT = numbers.NUMBER_WITH_UNIT
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


class Memo(dict):
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
        keep_numbers: bool = defaults.KEEP_NUMBERS,
        backend: str = defaults.BACKEND,
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
        self._tagger = None

    # Pickling drops the loaded engine and the memo; both are rebuilt lazily in the worker.
    def __getstate__(self):
        state = self.__dict__.copy()
        state["_engine"] = None
        state["_tagger"] = None
        state["_memo"], state["_memo_options"] = {}, None
        return state

    def __setstate__(self, state):
        # Tokenizers pickled before the memo existed (e.g. in a saved model) still load.
        self.__dict__.update({"_memo": {}, "_memo_options": None, "_tagger": None, **state})

    def __repr__(self) -> str:
        return (
            f"PolicyTokenizer(userdict={self.userdict!r}, stopwords={self.stopwords!r}, "
            f"keep_numbers={self.keep_numbers!r}, backend={self.backend!r}, hmm={self.hmm!r})"
        )

    @property
    def userdict_path(self) -> Path:
        return Path(self.userdict) if self.userdict else resources.USERDICT

    @property
    def stopwords_path(self) -> Path:
        return Path(self.stopwords) if self.stopwords else resources.STOPWORDS

    @property
    def stopword_set(self) -> frozenset[str]:
        if self._stop is None:
            self._stop = read_stopwords(self.stopwords_path)
        return self._stop

    def fingerprint(self) -> str:
        """Hash of everything that changes the tokens: files, options, backend and its
        version, and the tokenizer's own code (this module and the normalisation it uses), so
        that an edited rule or an upgraded rjieba never serves stale cached tokens."""
        import jieba

        payload = {
            "userdict": _file_digest(self.userdict_path),
            "stopwords": _file_digest(self.stopwords_path),
            "keep_numbers": self.keep_numbers,
            "backend": self.backend,
            "hmm": self.hmm,
            "jieba": jieba.__version__,
            "rjieba": _version("rjieba") if self.backend == "rjieba" else None,
            "code": _code_digest(),
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
            cache_dir = resources.cache_dir() / "jieba"
            cache_dir.mkdir(parents=True, exist_ok=True)
            engine.tmp_dir = str(cache_dir)
            _initialize_jieba(engine, cache_dir)
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

    def pos_tags(self, token: str) -> list[tuple[str, str]]:
        """jieba's part-of-speech tags of a token's pieces, with the policy dictionary loaded.

        Segmentation is never changed by this: tags are looked up for tokens already cut, so
        the tokens (and their cache) stay the same. An out-of-vocabulary token that glues a
        name to a verb (周乃翔作) comes back in pieces, the name tagged ``nr``.

        Examples
        --------
        >>> tok = PolicyTokenizer()
        >>> tok.pos_tags("长白山"), tok.pos_tags("周乃翔作")
        ([('长白山', 'ns')], [('周乃翔', 'nr'), ('作', 'v')])
        """
        if self._tagger is None:
            if self.backend == "jieba":
                engine = self._load()
            else:  # rjieba has no tagger: a jieba tokenizer with the same dictionary tags
                engine = PolicyTokenizer(userdict=self.userdict, hmm=self.hmm)._load()
            self._tagger = _pos_tokenizer(engine)
            # The policy dictionary's own tags (jieba's tagger reads only its main dictionary).
            for word, _, tag in read_userdict(self.userdict_path):
                if tag:
                    self._tagger.word_tag_tab[word] = tag
        # A token that is a dictionary word is that word (jieba cut it whole): its tag is the
        # dictionary's, without a cut (a 100 MB corpus has some 10^5 distinct tokens).
        tag = self._tagger.word_tag_tab.get(token)
        if tag is not None:
            return [(token, tag)]
        return [(p.word, p.flag) for p in self._tagger.lcut(token, HMM=self.hmm)]

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
        if not self.keep_numbers and numbers.is_arabic_number(token):
            return ""
        return token

    def __call__(self, text: str) -> list[str]:
        """Segment normalised text into content tokens (no punctuation, no stopwords)."""
        # Each distinct token is judged once: a corpus repeats a few thousand tokens millions
        # of times, and judging is most of the cost after rjieba's cut. The memo is keyed by
        # the options, so changing keep_numbers (or the stopwords) starts a new one.
        options = (self.keep_numbers, self.stopword_set)
        if self._memo_options != options:
            self._memo, self._memo_options = Memo(self.content_token), options
        memo = self._memo
        return [t for t in [memo[t] for t in self.segment(text)] if t]


def _pos_tokenizer(engine):
    """jieba's part-of-speech tagger on ``engine``.

    Importing ``jieba.posseg`` reads the word tags of jieba's dictionary into its default
    tagger; a tagger on another tokenizer reads them again (0.6 s of CPU in every notebook
    kernel that tags). When ``engine`` reads the same dictionary, the tags are copied instead.
    The package never loads words into jieba's default tokenizer, whose tagger would then hold
    their tags too; if anything has (``jieba.add_word``), the table is read again.
    """
    import jieba
    import jieba.posseg

    default = jieba.posseg.dt
    if (
        engine.dictionary == default.tokenizer.dictionary == jieba.DEFAULT_DICT
        and not default.tokenizer.user_word_tag_tab
        and default.tokenizer is jieba.dt
        and not jieba.dt.initialized
    ):
        tagger = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
        tagger.tokenizer = engine
        tagger.word_tag_tab = dict(default.word_tag_tab)
        return tagger
    return jieba.posseg.POSTokenizer(engine)


def is_number_token(token: str) -> bool:
    """True for a bare number or a number with its unit.

    Examples
    --------
    >>> is_number_token("2.15万人"), is_number_token("养老保险")
    (True, False)
    """
    return numbers.is_arabic_number(token)


def _version(package: str) -> str | None:
    from importlib import metadata

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _code_digest() -> str:
    # The modules whose code decides the tokens of a text.
    from policystudy.ingest import normalize as normalize_module

    h = hashlib.sha256()
    for module in (Path(__file__), Path(normalize_module.__file__), Path(numbers.__file__)):
        h.update(module.read_bytes())
    return h.hexdigest()


class _DumpFailure(logging.Handler):
    # Records the exception jieba logs (and swallows) when writing its dictionary cache fails.
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.error: BaseException | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1] is not None:
            self.error = record.exc_info[1]


def _initialize_jieba(engine, cache_dir: Path) -> None:
    """``engine.initialize()``, without leaving jieba's temporary cache file behind.

    jieba dumps its dictionary cache (2-4 MB) to a ``tmpXXXXXXXX`` file in ``cache_dir`` and
    renames it; when the write fails (a full disk) it logs the error, keeps the temporary file
    and goes on. That file is removed here, so that a full disk is not kept full by it, and the
    failure is a warning that names the cache file (the tokenizer works without the cache).
    """
    import warnings

    import jieba

    before = set(cache_dir.glob("tmp*"))
    handler = _DumpFailure()
    jieba.default_logger.addHandler(handler)
    try:
        engine.initialize()
    finally:
        jieba.default_logger.removeHandler(handler)
    if handler.error is None:
        return
    for tmp in set(cache_dir.glob("tmp*")) - before:
        tmp.unlink(missing_ok=True)
    reason = getattr(handler.error, "strerror", None) or str(handler.error)
    warnings.warn(
        f"jieba's dictionary cache {cache_dir / 'jieba.cache'} could not be written ({reason}); "
        "its temporary file was removed and segmentation goes on without the cache",
        stacklevel=3,
    )
