"""Deterministic table input and output.

Every table the pipeline writes goes through :func:`write_table`, so that two runs produce the
same bytes: fixed float format, ``\\n`` line ends, UTF-8 without BOM, no index.

Two safety rules hold for every table:

* **No spreadsheet formulas.** A text cell that starts with ``= + - @``, a tab or a carriage
  return would run as a formula when the CSV is opened in a spreadsheet (a region called
  ``=HYPERLINK(...)``); such a cell, and one that starts with an apostrophe, is written with
  one leading apostrophe, which spreadsheets show as "text". :func:`read_table` removes it, so
  the round trip is exact.
* **Ids stay text.** :func:`read_table` turns a column into numbers only when every cell reads
  back exactly as written (``2021``, ``0.25``), never ids and group labels such as ``010``,
  and never the columns named in ``text_columns`` or :data:`TEXT_COLUMNS`.

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
import math
import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

FLOAT_FORMAT = "%.6g"

# --- the formula guard and the id rule (regexes and names together) --------------------------
# First characters that make a spreadsheet evaluate a cell (OWASP "CSV injection"), and the
# apostrophe itself so that the escape can be undone exactly. A lone character (the comparator
# "=" of a target, a "-" placeholder) computes nothing and stays as it is.
FORMULA_START = re.compile(r"^(?:[=+\-@\t\r'].|')", re.DOTALL)
# Columns that are always text, whatever their cells look like: ids, groups, terms.
TEXT_COLUMNS = frozenset(
    {"doc_id", "file", "group", "group_a", "group_b", "region", "term", "text", "section",
     "section_path", "heading", "held_out", "subject", "label_zh", "label_en", "title_zh"}
)  # fmt: skip
_INTEGER = re.compile(r"^-?(?:0|[1-9][0-9]*)$")


def escape_cell(value: object) -> object:
    """A text cell made safe for spreadsheets: one apostrophe before a formula start.

    Examples
    --------
    >>> escape_cell("=SUM(A1:A9)"), escape_cell("-养老"), escape_cell("辽宁"), escape_cell("=")
    ("'=SUM(A1:A9)", "'-养老", '辽宁', '=')
    >>> escape_cell(-0.5)
    -0.5
    """
    if isinstance(value, str) and FORMULA_START.match(value):
        return "'" + value
    return value


def unescape_cell(value: str) -> str:
    """Undo :func:`escape_cell`.

    Examples
    --------
    >>> unescape_cell("'=1+1"), unescape_cell("''引号"), unescape_cell("民生"), unescape_cell("'")
    ('=1+1', "'引号", '民生', '')
    """
    return value[1:] if value.startswith("'") else value


def write_table(df: pd.DataFrame, path: Path | str) -> None:
    """Write ``df`` as CSV atomically (temp file + rename) with a fixed float format.

    Text cells that a spreadsheet would run as a formula get a leading apostrophe (see
    :func:`escape_cell`); numeric columns are never touched. pandas writes into the temporary
    file in chunks: the CSV of a large table (sentences of a 100 MB corpus) is never held in
    memory as one string.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> write_table(pd.DataFrame({"region": ["=1+1", "辽宁"], "share": [-0.5, 0.25]}), p)
    >>> p.read_text(encoding="utf-8")
    "region,share\\n'=1+1,-0.5\\n辽宁,0.25\\n"
    >>> read_table(p)["region"].tolist()
    ['=1+1', '辽宁']
    """
    text_cols = [c for c in df.columns if not pd.api.types.is_numeric_dtype(df[c])]
    if text_cols and any(df[c].map(_needs_escape).any() for c in text_cols):
        df = df.copy()
        for col in text_cols:
            df[col] = df[col].map(escape_cell)
    with _atomic(path) as fh:
        df.to_csv(fh, index=False, float_format=FLOAT_FORMAT, lineterminator="\n")


def _needs_escape(value: object) -> bool:
    return isinstance(value, str) and FORMULA_START.match(value) is not None


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


def read_table(path: Path | str, *, text_columns=()) -> pd.DataFrame:
    """Read a table written by :func:`write_table`; ids and labels stay text.

    Every cell is read as text first. A column becomes boolean when all its cells are
    ``True``/``False``, numeric when every non-empty cell reads back exactly as written
    (``2021``, ``0.25``, ``1e-05``; empty cells become NaN), and stays text otherwise, so
    ``010`` and ``10`` never merge. Columns in ``text_columns``, in :data:`TEXT_COLUMNS` or
    ending in ``_id`` are always text. The formula escape of :func:`write_table` is undone.

    Parameters
    ----------
    text_columns : iterable of str
        Further columns to keep as text, e.g. the manifest's metadata columns.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text("section,text\\n,社会救助\\n", encoding="utf-8")
    >>> read_table(p).loc[0, "section"]
    ''
    >>> _ = p.write_text("doc_id,code,year,share\\n010,007,2021,0.5\\n10,12,2022,\\n", encoding="utf-8")
    >>> df = read_table(p)
    >>> df["doc_id"].tolist(), df["code"].tolist(), df["year"].tolist(), df["share"].tolist()
    (['010', '10'], ['007', '12'], [2021, 2022], [0.5, nan])
    """
    keep = set(text_columns) | TEXT_COLUMNS
    df = pd.read_csv(path, keep_default_na=False, encoding="utf-8", dtype=str)
    for col in df.columns:
        cells = df[col]
        if col in keep or str(col).endswith("_id"):
            df[col] = cells.map(unescape_cell)
            continue
        filled = cells[cells != ""]
        if len(filled) == len(cells) and len(cells) and filled.isin(("True", "False")).all():
            df[col] = cells == "True"
        elif len(filled) and filled.map(reads_back).all():
            df[col] = pd.to_numeric(cells.replace("", None), errors="coerce")
        else:
            df[col] = cells.map(unescape_cell)
    return df


def reads_back(cell: str) -> bool:
    """Whether ``cell`` is a number written as this package writes numbers.

    A number only if writing it again gives the same text: ``010``, ``+5`` and ``1.50`` are
    labels, not numbers.

    Examples
    --------
    >>> [reads_back(c) for c in ("2021", "0.25", "010", "1.50", "十")]
    [True, True, False, False, False]
    """
    if _INTEGER.match(cell):
        return True
    try:
        value = float(cell)
    except ValueError:
        return False
    return (math.isfinite(value) and FLOAT_FORMAT % value == cell) or cell in ("inf", "-inf")


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
