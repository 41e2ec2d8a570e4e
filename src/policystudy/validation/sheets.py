"""Coding sheets: written as CSV (UTF-8 with BOM, so Excel shows Chinese) and XLSX, read back
with every cell as text, and refused with the file, row and column when they cannot be scored.

A draw folder holds ``sheet.csv`` (and ``sheet.xlsx`` when openpyxl is installed) for the
coders, ``key.csv`` with what the coders must not see (the machine's labels, the stratum and
the sampling weight of each item) and ``codebook.md``. A coder fills the empty columns that
start with a code prefix (``code_``, ``kind_``, ``value_ok_``, ``unit_ok_``), one column per
coder (``code_A``, ``code_B``), and may rename the sheet.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> sheet = pd.DataFrame({"item_id": ["s1"], "text": ["=提高低保标准"], "code_A": [""]})
>>> [p.name for p in write_sheet(sheet, folder / "sheet.csv", xlsx=False)]
['sheet.csv']
>>> (folder / "sheet.csv").read_bytes()[:3] == b"\\xef\\xbb\\xbf"
True
>>> read_sheet(folder / "sheet.csv")["text"].tolist()
['=提高低保标准']
"""

from __future__ import annotations

import importlib.util
import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from policystudy.core.io import escape_cell, unescape_cell

#: The prefixes of the columns that coders fill, by task.
CODE_PREFIXES = {
    "domains": ("code_",),
    "targets": ("kind_", "value_ok_", "unit_ok_"),
    "topics": ("code_",),
}
#: The columns every sheet of a task must have besides its code columns.
REQUIRED = {
    "domains": ("item_id", "doc_id", "text"),
    "targets": ("item_id", "doc_id", "sentence", "value", "unit"),
    "topics": ("item_id", "words"),
}
#: Yes / no answers accepted in ``value_ok_`` and ``unit_ok_`` columns (lower-cased).
YES = frozenset({"yes", "y", "1", "true", "是", "对"})
NO = frozenset({"no", "n", "0", "false", "否", "错"})
#: The separator of the words of a word-intrusion item.
WORD_SEP = " / "
#: The first data row of a sheet as a spreadsheet numbers it (row 1 is the header).
FIRST_ROW = 2


class SheetError(ValueError):
    """A coding sheet that cannot be scored; the message names the file, row and column."""


def xlsx_available() -> bool:
    """Whether XLSX sheets can be written and read (openpyxl, the ``formats`` extra)."""
    return importlib.util.find_spec("openpyxl") is not None


def write_sheet(df: pd.DataFrame, path: Path | str, *, xlsx: bool = True) -> list[Path]:
    """Write a sheet as CSV (UTF-8 with BOM) and, when openpyxl is importable, as XLSX.

    Text that a spreadsheet would evaluate (``=``, ``+``, ``-``, ``@`` first) gets a leading
    apostrophe, undone by :func:`read_sheet`. Returns the files written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    safe = (
        df.astype(object)
        .where(df.notna(), "")
        .map(lambda v: escape_cell(v) if isinstance(v, str) else v)
    )
    safe.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")
    written = [path]
    if xlsx and xlsx_available():
        target = path.with_suffix(".xlsx")
        safe.to_excel(target, index=False, sheet_name="sheet", engine="openpyxl")
        written.append(target)
    return written


def read_sheet(path: Path | str) -> pd.DataFrame:
    """Read a CSV or XLSX sheet with every cell as stripped text (ids stay ``'010'``)."""
    path = Path(path)
    if not path.is_file():
        raise SheetError(f"{path}: no such file")
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            if not xlsx_available():
                raise SheetError(f"{path}: reading XLSX needs openpyxl (pip install openpyxl)")
            df = pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
        else:
            df = pd.read_csv(io.StringIO(_decode(path)), dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:
        raise SheetError(f"{path}: the sheet is empty (no header, no rows)") from None
    except (ValueError, OSError, zipfile.BadZipFile) as err:
        if isinstance(err, SheetError):
            raise
        raise SheetError(f"{path}: not a readable sheet ({err})") from None
    df.columns = [str(c).strip() for c in df.columns]
    return df.map(lambda v: unescape_cell(str(v).strip()))


def _decode(path: Path) -> str:
    """The text of a CSV sheet: UTF-8 (with or without BOM), else GB18030, which Excel on a
    Chinese Windows writes when a sheet is saved back as CSV."""
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SheetError(f"{path}: neither UTF-8 nor GB18030 text; save the sheet as CSV UTF-8")


def coder_columns(columns: Iterable[str], task: str) -> dict[str, list[str]]:
    """The coders of a sheet and their columns: ``{'A': ['code_A'], ...}`` in column order.

    Examples
    --------
    >>> coder_columns(["item_id", "code_A", "code_B", "note"], "domains")
    {'A': ['code_A'], 'B': ['code_B']}
    """
    prefixes = CODE_PREFIXES[task]
    coders: dict[str, list[str]] = {}
    for col in columns:
        # The longest prefix wins: "value_ok_A" is a value_ok_ column, not a kind_ one.
        for prefix in sorted(prefixes, key=len, reverse=True):
            if col.startswith(prefix) and len(col) > len(prefix):
                coders.setdefault(col[len(prefix) :], []).append(col)
                break
    return coders


def _where(path: Path, row: int | None, column: str | None) -> str:
    parts = [str(path)]
    if row is not None:
        parts.append(f"row {row}")
    if column is not None:
        parts.append(f"column {column!r}")
    return ", ".join(parts)


def check_sheet(
    df: pd.DataFrame,
    path: Path | str,
    *,
    task: str,
    key_ids: Sequence[str],
    allowed: Mapping[str, Iterable[str]] | None = None,
    item_allowed: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, list[str]]:
    """Refuse a sheet that cannot be scored; return its coders and their columns.

    Parameters
    ----------
    df : DataFrame
        The sheet as :func:`read_sheet` returns it.
    path : path
        Named in every message.
    task : {'domains', 'targets', 'topics'}
    key_ids : sequence of str
        The ``item_id`` values of the draw (``key.csv``).
    allowed : mapping of column prefix -> allowed codes
        ``{'code_': taxonomy codes}`` for domains, ``{'kind_': KINDS}`` for targets; the yes/no
        columns of targets are always checked against :data:`YES` and :data:`NO`.
    item_allowed : mapping of item_id -> allowed codes
        For word intrusion: the words of each item.

    Raises
    ------
    SheetError
        An empty sheet, a missing column, no coder column, an id that is not in the draw or is
        repeated, or a code that is not allowed; the message names file, row and column.
    """
    path = Path(path)
    if df.empty:
        raise SheetError(f"{_where(path, None, None)}: the sheet has no rows")
    for col in REQUIRED[task]:
        if col not in df.columns:
            raise SheetError(
                f"{_where(path, 1, col)}: missing column (the header needs "
                + ", ".join(REQUIRED[task])
                + ")"
            )
    coders = coder_columns(df.columns, task)
    if not coders:
        want = " or ".join(f"{p}<coder>" for p in CODE_PREFIXES[task])
        raise SheetError(f"{_where(path, 1, None)}: no code column ({want})")
    for coder, cols in coders.items():
        missing = [p + coder for p in CODE_PREFIXES[task] if p + coder not in cols]
        if missing:
            raise SheetError(f"{_where(path, 1, missing[0])}: missing column of coder {coder!r}")
    known = set(key_ids)
    seen: dict[str, int] = {}
    for i, item in enumerate(df["item_id"]):
        row = i + FIRST_ROW
        if item not in known:
            raise SheetError(f"{_where(path, row, 'item_id')}: id {item!r} is not in the draw")
        if item in seen:
            raise SheetError(
                f"{_where(path, row, 'item_id')}: id {item!r} repeats row {seen[item]}"
            )
        seen[item] = row
    allowed_sets = {p: set(v) for p, v in (allowed or {}).items()}
    for cols in coders.values():
        for col in cols:
            prefix = next(p for p in sorted(CODE_PREFIXES[task], key=len, reverse=True)
                          if col.startswith(p))  # fmt: skip
            for i, (item, value) in enumerate(zip(df["item_id"], df[col], strict=True)):
                if not value:
                    continue  # not coded: a missing value, allowed
                ok = _allowed(value, prefix, allowed_sets, item_allowed, item)
                if not ok:
                    raise SheetError(
                        f"{_where(path, i + FIRST_ROW, col)}: unknown code {value!r}"
                        + _hint(prefix, allowed_sets, item_allowed, item)
                    )
    return coders


def _allowed(value, prefix, allowed_sets, item_allowed, item) -> bool:
    if prefix in ("value_ok_", "unit_ok_"):
        return value.lower() in YES | NO
    if item_allowed is not None:
        return value in set(item_allowed.get(item, ()))
    return prefix not in allowed_sets or value in allowed_sets[prefix]


def _hint(prefix, allowed_sets, item_allowed, item) -> str:
    if prefix in ("value_ok_", "unit_ok_"):
        return " (write yes or no)"
    if item_allowed is not None:
        return " (write one of the item's words: " + WORD_SEP.join(item_allowed.get(item, ())) + ")"
    if prefix in allowed_sets:
        return " (allowed: " + ", ".join(sorted(allowed_sets[prefix])) + ")"
    return ""


def yes_no(value: str) -> float:
    """``1.0`` for a yes, ``0.0`` for a no, NaN for an empty cell.

    Examples
    --------
    >>> yes_no("是"), yes_no("No"), yes_no("")
    (1.0, 0.0, nan)
    """
    v = value.strip().lower()
    if v in YES:
        return 1.0
    if v in NO:
        return 0.0
    return float("nan")


__all__ = [
    "CODE_PREFIXES",
    "REQUIRED",
    "WORD_SEP",
    "SheetError",
    "check_sheet",
    "coder_columns",
    "read_sheet",
    "write_sheet",
    "xlsx_available",
    "yes_no",
]
