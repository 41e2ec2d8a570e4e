"""Deterministic table input and output.

Every table the pipeline writes goes through :func:`write_table`, so that two runs produce the
same bytes: fixed float format, ``\\n`` line ends, UTF-8 without BOM, no index.

Examples
--------
>>> import pandas as pd, tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> write_table(pd.DataFrame({"term": ["养老保险"], "score": [1 / 3]}), p)
>>> p.read_text(encoding="utf-8")
'term,score\\n养老保险,0.333333\\n'
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

FLOAT_FORMAT = "%.6g"


def write_table(df: pd.DataFrame, path: Path | str) -> None:
    """Write ``df`` as CSV atomically (temp file + rename) with a fixed float format.

    pandas writes into the temporary file in chunks: the CSV of a large table (sentences of a
    100 MB corpus) is never held in memory as one string.
    """
    with _atomic(path) as fh:
        df.to_csv(fh, index=False, float_format=FLOAT_FORMAT, lineterminator="\n")


def write_text(path: Path | str, text: str) -> None:
    """Write UTF-8 text atomically so a crash never leaves half a file behind."""
    with _atomic(path) as fh:
        fh.write(text)


@contextmanager
def _atomic(path: Path | str):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_table(path: Path | str) -> pd.DataFrame:
    """Read a table written by :func:`write_table`; empty strings stay empty strings.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text("section,text\\n,社会救助\\n", encoding="utf-8")
    >>> read_table(p).loc[0, "section"]
    ''
    """
    df = pd.read_csv(path, keep_default_na=False, encoding="utf-8")
    for col in df.columns:
        if df[col].dtype != object:
            continue
        # Empty cells are read as "" so that all-empty text columns stay text; a column whose
        # non-empty cells are all numbers (e.g. value_high) becomes numeric with NaN for blanks.
        filled = df[col][df[col] != ""]
        if len(filled) and pd.to_numeric(filled, errors="coerce").notna().all():
            df[col] = pd.to_numeric(df[col].replace("", None), errors="coerce")
    return df


def sha256_file(path: Path | str) -> str:
    """Hex sha256 of a file's bytes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes("民生".encode())
    >>> sha256_file(p)[:12]
    '1af7dfd65c35'
    """
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
