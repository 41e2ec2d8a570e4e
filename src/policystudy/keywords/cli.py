"""Keywords of arbitrary text files (the ``policystudy keywords`` command) and jieba's engine.

Files are read, normalised, split into paragraphs and segmented as the pipeline does; the same
term filters apply (synonyms merged; function words, dates and person names never keywords).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from policystudy.core import defaults
from policystudy.keywords.extract import ThinEvidenceWarning, extract_keywords
from policystudy.text.inputs import term_inputs

__all__ = ["ThinEvidenceWarning", "jieba_engine", "keywords_for_files"]

# Blank lines separate paragraphs in ad hoc files.
_BLANK_LINES = re.compile(r"\n\s*\n")


def _read_text(path: Path) -> str:
    from policystudy.ingest.corpus import detect_encoding
    from policystudy.ingest.normalize import normalize_text

    return normalize_text(detect_encoding(path.read_bytes()).text)


def jieba_engine(tokenizer) -> object | None:
    """The ``jieba.Tokenizer`` inside a :class:`~policystudy.text.PolicyTokenizer`
    (with the policy user dictionary), to run ``extract_tags`` itself (the jieba method no
    longer does; the tests compare it with this).

    ``extract_tags`` is jieba's own method, so with another backend (rjieba) the jieba
    engine of a tokenizer with the same dictionary is returned: jieba's global tokenizer
    would lack the user dictionary and split terms such as 人社局; ``None`` for objects that
    are not a PolicyTokenizer.

    Examples
    --------
    >>> from policystudy.text import PolicyTokenizer
    >>> type(jieba_engine(PolicyTokenizer())).__name__
    'Tokenizer'
    >>> "人社局" in jieba_engine(PolicyTokenizer(backend="rjieba")).lcut("区人社局牵头")
    True
    """
    backend = getattr(tokenizer, "backend", None)
    if backend is None:
        return None
    if backend != "jieba":
        from policystudy.text import PolicyTokenizer

        tokenizer = PolicyTokenizer(
            userdict=tokenizer.userdict,
            stopwords=tokenizer.stopwords,
            keep_numbers=tokenizer.keep_numbers,
            backend="jieba",
            hmm=tokenizer.hmm,
        )
    engine = tokenizer._load()  # the lead's lazy loader; public accessor requested
    return engine


def keywords_for_files(
    paths: list[Path],
    *,
    top: int = 20,
    method: str = "tfidf",
    n_bootstrap: int = 200,
    random_state: int = defaults.RANDOM_STATE,
) -> pd.DataFrame:
    """Quick keywords for arbitrary text files, each file its own group.

    Files are decoded (UTF-8, else detected), normalised, split into paragraphs at blank
    lines or line breaks, segmented with the project tokenizer and stopwords, and ranked
    by :func:`extract_keywords`. A file with little text gets a thin-evidence warning.

    Parameters
    ----------
    paths : list of pathlib.Path
    top : int
        Keywords per file.
    method : {"tfidf", "textrank", "keyness", "jieba"}
        ``keyness`` needs at least two files.
    n_bootstrap, random_state : int
        Bootstrap of the stability column (fewer resamples than the notebooks, for speed).

    Returns
    -------
    pandas.DataFrame
        ``group`` (the file name), ``method, rank, term, score, stability``: ready for
        ``df.to_csv(sys.stdout, sep="\\t", index=False)``.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> text = "推进社保卡一卡通。\\n\\n新建公办幼儿园。"
    >>> _ = (d / "dalian.txt").write_text(text, encoding="utf-8")
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", ThinEvidenceWarning)
    ...     kw = keywords_for_files([d / "dalian.txt"], top=2, n_bootstrap=0)
    >>> kw["group"].unique().tolist()
    ['dalian.txt']
    """
    if not paths:
        raise ValueError("give at least one file")
    paths = [Path(p) for p in paths]
    names = [p.name for p in paths]
    if len(set(names)) < len(names):  # same file name in two folders: keep them apart
        names = [str(p) for p in paths]
    from policystudy.text import PolicyTokenizer, tokenize_paragraphs

    tokenizer = PolicyTokenizer()
    texts, groups = [], []
    for path, name in zip(paths, names, strict=True):
        if not path.is_file():
            raise FileNotFoundError(f"no such file: {path}")
        text = _read_text(path)
        parts = _BLANK_LINES.split(text) if _BLANK_LINES.search(text) else text.splitlines()
        parts = [p.strip() for p in parts if p.strip()]
        if not parts:
            raise ValueError(f"{path}: the file has no text")
        texts.extend(parts)
        groups.extend([name] * len(parts))
    tokens = tokenize_paragraphs(texts, tokenizer, use_cache=False)
    # The pipeline's term filters: synonyms merged, function words, dates and names set aside.
    data = term_inputs(pd.DataFrame({"file": groups}), tokens, group_by="file", tokenizer=tokenizer)
    return extract_keywords(
        data.tokens,
        groups,
        method=method,
        top_k=top,
        stopwords=data.stopwords,
        n_bootstrap=n_bootstrap,
        random_state=random_state,
    )
