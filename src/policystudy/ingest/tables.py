"""A table of texts (CSV, XLSX, JSONL) as a corpus: one row a document.

Scholars' collections often come as one spreadsheet: an id column, a text column and metadata
columns; an Excel workbook may hold several sheets (one per level of government, say), which
become one table with a ``sheet`` column. :func:`import_table` writes such a table out as a
corpus folder: ``manifest.csv`` (``doc_id, file``, then every metadata column) and one UTF-8
``.txt`` file a document under ``texts/``. ``policystudy import TABLE --out DIR`` does this;
``policystudy run --manifest TABLE`` does it into the run's ``build/corpus/`` first.

Every value is read as text, as written: the id ``001`` stays ``001`` (in Excel, store ids as
text, since a number cell has already lost its zeros). A bad table is refused with one
:class:`~policystudy.ingest.corpus.CorpusError` naming the table and every problem (missing
column, empty or duplicate id, empty text), with the sheet and row.

Examples
--------
>>> is_text_table("texts.xlsx"), is_text_table("texts.jsonl"), is_text_table("manifest.csv")
(True, True, False)
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pandas as pd

from policystudy.ingest.corpus import CorpusError, normalize_value

TABLE_SUFFIXES = (".xlsx", ".xlsm", ".jsonl", ".csv")
# Characters kept in a file name made from an id; anything else becomes "_".
_UNSAFE = re.compile(r"[^\w\u4e00-\u9fff.-]+")


def is_text_table(path: Path | str, *, text_column: str = "text") -> bool:
    """Whether ``path`` is a table of texts rather than a manifest of files.

    XLSX and JSONL files are tables; a CSV is one when it has ``text_column`` and no ``file``
    column (a manifest has ``file``).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".jsonl"):
        return True
    if suffix != ".csv" or not path.is_file():
        return False
    with path.open(encoding="utf-8-sig", newline="") as fh:
        header = [c.strip() for c in next(csv.reader(fh), [])]
    return text_column in header and "file" not in header


def read_text_table(path: Path | str, *, id_column: str = "doc_id", text_column: str = "text"):
    """The rows of a table of texts, every value as text; ``sheet`` added for a workbook with
    several sheets. Returns a DataFrame with ``_where`` (sheet and row, for messages).

    Raises
    ------
    CorpusError
        An unreadable file, or (listed together) missing columns, empty or duplicate ids,
        empty texts.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.jsonl"
    >>> _ = p.write_text('{"doc_id": "001", "text": "健全社会救助体系。", "region": "辽宁"}\\n',
    ...                  encoding="utf-8")
    >>> read_text_table(p)[["doc_id", "region"]].values.tolist()
    [['001', '辽宁']]
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(path, [f"table file not found: {path}"])
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            frames = _read_workbook(path)
        elif suffix == ".jsonl":
            frames = [_read_jsonl(path)]
        else:
            text = path.read_text(encoding="utf-8-sig")
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
            frames = [frame.assign(_where=[f"row {i + 2}" for i in range(len(frame))])]
    except CorpusError:
        raise
    except ImportError:
        raise CorpusError(
            path, [f'{path}: reading .xlsx needs openpyxl: pip install "policystudy[formats]"']
        ) from None
    except UnicodeDecodeError as err:
        raise CorpusError(path, [f"{path}: not UTF-8 ({err.reason} at byte {err.start})"]) from None
    except Exception as err:  # pandas, openpyxl and json raise many kinds on a damaged file
        raise CorpusError(
            path, [f"{path}: not a readable table ({type(err).__name__}: {err})"]
        ) from None
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    table.columns = [str(c).strip() for c in table.columns]
    problems = []
    for col, what in ((id_column, "id"), (text_column, "text")):
        if col not in table.columns:
            known = ", ".join(c for c in table.columns if c != "_where")
            problems.append(
                f"{path.name}: no {what} column '{col}' (columns: {known}); choose one with "
                f"--{what}-column"
            )
    if problems:
        raise CorpusError(path, problems)
    ids = table[id_column].astype(str).str.strip()
    for where, value, text in zip(table["_where"], ids, table[text_column], strict=True):
        if not value:
            problems.append(f"{path.name} {where}: empty id")
        if not str(text).strip():
            problems.append(f"{path.name} {where}: empty text (id '{value}')")
    for dup in sorted(set(ids[ids.duplicated() & (ids != "")])):
        rows = ", ".join(table.loc[ids == dup, "_where"])
        problems.append(f"{path.name}: duplicate id '{dup}' ({rows})")
    if table.empty:
        problems.append(f"{path.name}: no rows")
    if problems:
        raise CorpusError(path, problems)
    return table


def _read_workbook(path: Path) -> list[pd.DataFrame]:
    sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False)
    frames = []
    for name, frame in sheets.items():
        frame = frame.dropna(how="all")
        if frame.empty:
            continue
        where = [f"sheet '{name}' row {i + 2}" for i in range(len(frame))]
        extra = {"sheet": str(name)} if len(sheets) > 1 else {}
        frames.append(frame.assign(**extra, _where=where))
    return frames


def _read_jsonl(path: Path) -> pd.DataFrame:
    rows, where = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise CorpusError(path, [f"{path.name} line {n}: not JSON ({err.msg})"]) from None
        if not isinstance(record, dict):
            raise CorpusError(path, [f"{path.name} line {n}: not a JSON object"])
        # Values as text: a JSON number 1 is "1"; null is empty.
        rows.append({k: "" if v is None else str(v) for k, v in record.items()})
        where.append(f"line {n}")
    return pd.DataFrame(rows, dtype=str).fillna("").assign(_where=where)


def _file_name(doc_id: str, taken: set[str]) -> str:
    base = _UNSAFE.sub("_", doc_id).strip("._") or "doc"
    name, k = base, 2
    while name.lower() in taken:
        name, k = f"{base}-{k}", k + 1
    taken.add(name.lower())
    return f"texts/{name}.txt"


def import_table(
    path: Path | str,
    out_dir: Path | str,
    *,
    id_column: str = "doc_id",
    text_column: str = "text",
    replace: bool = False,
) -> Path:
    """Write a table of texts as a corpus folder; return its ``manifest.csv``.

    Parameters
    ----------
    path : path
        The table (``.csv``, ``.xlsx``, ``.jsonl``).
    out_dir : path
        The corpus folder to write: ``manifest.csv`` and ``texts/<id>.txt``.
    id_column, text_column : str, keyword-only
        The columns holding each document's id and text; every other column is metadata.
    replace : bool, keyword-only
        Replace an existing corpus folder (only one this function wrote, with its
        ``manifest.csv``); otherwise a non-empty ``out_dir`` is refused.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "t.csv").write_text("编号,正文,region\\n001,健全社会救助体系。,辽宁\\n",
    ...                              encoding="utf-8")
    >>> m = import_table(d / "t.csv", d / "corpus", id_column="编号", text_column="正文")
    >>> print(m.read_text(encoding="utf-8"), end="")
    doc_id,file,region
    001,texts/001.txt,辽宁
    """
    path, out = Path(path), Path(out_dir)
    table = read_text_table(path, id_column=id_column, text_column=text_column)
    if out.exists() and any(out.iterdir()):
        if not (replace and (out / "manifest.csv").is_file()):
            raise CorpusError(
                path, [f"{out}: the corpus folder exists and is not empty; choose a new one"]
            )
        shutil.rmtree(out)
    (out / "texts").mkdir(parents=True, exist_ok=True)
    meta_cols = [c for c in table.columns if c not in (id_column, text_column, "_where", "file")]
    taken: set[str] = set()
    rows = []
    for record in table.to_dict(orient="records"):
        doc_id = str(record[id_column]).strip()
        file = _file_name(normalize_value(doc_id), taken)
        text = str(record[text_column]).replace("\r\n", "\n").replace("\r", "\n")
        (out / file).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        rows.append([doc_id, file, *(str(record[c]) for c in meta_cols)])
    manifest = out / "manifest.csv"
    with manifest.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["doc_id", "file", *meta_cols])
        writer.writerows(rows)
    return manifest
