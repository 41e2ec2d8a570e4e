"""The manifest: reading, validating and normalising it, and auditing what was normalised.

A manifest is a CSV with the required columns ``doc_id,file``; every other column is optional
metadata, one of which is the grouping column (the run's ``group_by``, ``region`` by default).
``file`` is relative to the manifest's folder. A bad corpus is refused before any work with one
:class:`CorpusError` that lists every problem and names each file.

What a manifest may point at: ``file`` entries stay inside the manifest's folder (no absolute
paths, ``..`` or symbolic links leading out of it) unless the caller allows otherwise
(``allow_outside=True``, ``policystudy run --allow-outside-corpus``), so that an untrusted
manifest cannot read ``/etc/passwd`` into the tables. Each file is listed once, and holds text
beyond headings and blanks. Metadata values are normalised like text (NFKC width and
composition, Traditional -> Simplified, blanks), so that ``遼寧`` and ``辽宁``, or the NFC and NFD
spellings of one name, are one group.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from pathlib import Path

import pandas as pd

from policystudy.ingest import formats, normalize
from policystudy.ingest.encoding import detect_encoding, looks_binary, utf16_without_bom
from policystudy.ingest.structure import heading_level

REQUIRED_COLUMNS = ("doc_id", "file")
# Set (to "1") by ``policystudy run --allow-outside-corpus`` for the notebook kernels.
ALLOW_OUTSIDE_ENV = "POLICYSTUDY_ALLOW_OUTSIDE_CORPUS"
# Characters that carry no text: blanks (incl. U+3000, NBSP) and zero-width marks.
_NO_TEXT = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]*")


class CorpusError(Exception):
    """A corpus that cannot be used; ``problems`` lists every problem found."""

    def __init__(self, manifest: Path | str, problems: list[str]):
        self.manifest = Path(manifest)
        self.problems = list(problems)
        lines = [f"Corpus refused ({len(self.problems)} problem(s)) in manifest {self.manifest}:"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


def read_manifest(
    manifest: Path | str, *, allow_outside: bool | None = None, group_by: str | None = None
) -> pd.DataFrame:
    """Read and validate a manifest; raise :class:`CorpusError` listing every problem.

    Values are text (``010`` stays ``010``) and normalised like the documents (see the
    module docstring); ``file`` entries are kept as written.

    Parameters
    ----------
    allow_outside : bool, optional
        Accept ``file`` entries that lead outside the manifest's folder. Default: only when
        the environment variable ``POLICYSTUDY_ALLOW_OUTSIDE_CORPUS`` is ``1`` (set by
        ``policystudy run --allow-outside-corpus`` for the notebooks).
    group_by : str, optional
        The grouping column: when given, a manifest without it is refused. ``region`` is
        required only as the grouping column; any other column may be one.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "m.csv").write_text("doc_id,file\\na,a.txt\\na,b.txt\\n", encoding="utf-8")
    >>> try:
    ...     read_manifest(d / "m.csv", group_by="region")
    ... except CorpusError as err:
    ...     print(len(err.problems), err.problems[0])
    4 manifest m.csv has no column 'region' to group by (parameter group_by); its columns: doc_id, file
    """
    manifest = Path(manifest)
    if allow_outside is None:
        allow_outside = os.environ.get(ALLOW_OUTSIDE_ENV) == "1"
    if not manifest.is_file():
        raise CorpusError(manifest, [f"manifest file not found: {manifest}"])
    try:
        text = manifest.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise CorpusError(
            manifest, [f"manifest {manifest.name} is not UTF-8: {err.reason} at byte {err.start}"]
        ) from None
    # pandas silently turns a first column into the index when every row has one field more
    # than the header (a trailing comma): count the fields of each row first.
    shape = _field_count_problems(manifest, text)
    if shape:
        raise CorpusError(manifest, shape)
    try:
        meta = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, quoting=csv.QUOTE_MINIMAL
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise CorpusError(
            manifest, [f"manifest {manifest.name} is not a readable CSV: {err}"]
        ) from None
    meta.columns = [c.strip() for c in meta.columns]
    problems: list[str] = []
    missing = [c for c in REQUIRED_COLUMNS if c not in meta.columns]
    if missing:
        problems.append(
            f"manifest {manifest.name}: missing required column(s) {', '.join(missing)} "
            f"(required: {', '.join(REQUIRED_COLUMNS)})"
        )
    if group_by is not None and group_by not in meta.columns:
        problems.append(group_by_problem(manifest, group_by, list(meta.columns)))
    if "doc_id" in meta.columns:
        # Checked as used: a value of invisible characters only is empty.
        ids = meta["doc_id"].map(normalize_value)
        for row, value in ids.items():
            if not value:
                problems.append(f"manifest {manifest.name} row {row + 2}: empty doc_id")
        for dup in sorted(set(ids[ids.duplicated() & (ids != "")])):
            rows = ", ".join(str(r + 2) for r in ids.index[ids == dup])
            problems.append(f"manifest {manifest.name}: duplicate doc_id '{dup}' (rows {rows})")
    if "region" in meta.columns:
        for row, value in meta["region"].items():
            if not normalize_value(value):
                problems.append(f"manifest {manifest.name} row {row + 2}: empty region")
    if "file" in meta.columns:
        for row, value in meta["file"].items():
            problems += _file_problems(manifest, row, value, allow_outside=allow_outside)
        problems += _listed_twice(manifest, meta["file"])
    if meta.empty:
        problems.append(f"manifest {manifest.name} lists no documents")
    if problems:
        raise CorpusError(manifest, problems)
    meta = meta.map(str.strip)
    for col in meta.columns:
        if col != "file":
            meta[col] = meta[col].map(normalize_value)
    return meta


def group_by_problem(manifest: Path, group_by: str, columns: list[str]) -> str:
    """The refusal of a grouping column that ``manifest`` does not have, naming both.

    Examples
    --------
    >>> group_by_problem(Path("study/manifest.csv"), "province", ["doc_id", "file", "city"])
    "manifest manifest.csv has no column 'province' to group by (parameter group_by); its columns: doc_id, file, city"
    """
    return (
        f"manifest {manifest.name} has no column {group_by!r} to group by (parameter group_by); "
        f"its columns: {', '.join(columns)}"
    )


# Characters that show nothing yet make two spellings of a name differ, or make a name display
# otherwise than it reads: control characters (tabs and line breaks are blanks, handled by
# the whitespace rule), the soft hyphen, zero-width spaces and joiners, bidirectional marks,
# embeddings, overrides and isolates, word joiners and invisible operators, the byte-order
# mark, Hangul and Mongolian fillers, variation selectors, interlinear annotation and tags.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\ufff9-\ufffb\U000e0000-\U000e0fff]"
)
# The label of a document whose grouping value is blank (docs/promises.md).
BLANK_GROUP = "(blank)"


def strip_invisible(value: str) -> str:
    """``value`` without invisible and bidirectional control characters.

    Examples
    --------
    >>> strip_invisible("辽\u00ad宁"), strip_invisible("\u202e辽宁\u202c"), strip_invisible("\ufeff江苏\u200b")
    ('辽宁', '辽宁', '江苏')
    >>> strip_invisible("吉林 长白山")
    '吉林 长白山'
    """
    return _INVISIBLE.sub("", value)


def invisible_characters(value: str) -> list[str]:
    """The invisible characters of ``value`` (see :func:`strip_invisible`), named, in order.

    Examples
    --------
    >>> invisible_characters("辽\u00ad宁\u202e")
    ['U+00AD SOFT HYPHEN', 'U+202E RIGHT-TO-LEFT OVERRIDE']
    """
    return [
        f"U+{ord(ch):04X} {unicodedata.name(ch, 'control character')}"
        for ch in _INVISIBLE.findall(value)
    ]


def normalize_value(value: str) -> str:
    """A metadata value normalised like text, so that spellings of one name are one group.

    Invisible and bidirectional control characters are removed first
    (:func:`strip_invisible`), then width, script and blanks are normalised.

    Examples
    --------
    >>> import unicodedata
    >>> normalize_value("遼寧"), normalize_value("Ｌｉａｏｎｉｎｇ\u3000")
    ('辽宁', 'Liaoning')
    >>> normalize_value(unicodedata.normalize("NFD", "Bắc Ninh")) == "Bắc Ninh"
    True
    >>> normalize_value("Liao\u00adning"), normalize_value("\u202e江苏\u200b")
    ('Liaoning', '江苏')
    """
    value = strip_invisible(value)
    return normalize.normalize_whitespace(normalize.to_simplified(normalize.normalize_width(value)))


def _visible(value: str) -> str:
    # As the audit shows a value as written: each invisible character as its code point.
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m[0]):04X}>", value)


AUDIT_COLUMNS = ["row", "doc_id", "column", "written", "value", "change"]


def manifest_audit(
    manifest: Path | str, *, group_by: str | None = None, allow_outside: bool | None = None
) -> pd.DataFrame:
    """The manifest values that had invisible characters removed or a blank group labelled.

    Width, script and blanks are normalised in every value as documented (``遼寧`` is
    ``辽宁``) and not listed; what is listed are the changes a reader could not see: removed
    invisible and bidirectional control characters, and a blank grouping value.

    Parameters
    ----------
    group_by : str, keyword-only
        The grouping column: a blank value there is shown as :data:`BLANK_GROUP`.
    allow_outside : bool, keyword-only
        As for :func:`read_manifest`.

    Returns
    -------
    DataFrame
        ``row`` (of the manifest file, header = 1), ``doc_id``, ``column``, ``written`` (as
        in the file, invisible characters as ``<U+XXXX>``), ``value`` (as used), ``change``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("第一条 保障和改善民生。", encoding="utf-8")
    >>> _ = (d / "m.csv").write_text("doc_id,file,region,genre\\na,a.txt,辽\u00ad宁,\\n", encoding="utf-8")
    >>> audit = manifest_audit(d / "m.csv", group_by="genre")
    >>> audit[["column", "written", "value"]].values.tolist()
    [['region', '辽<U+00AD>宁', '辽宁'], ['genre', '', '(blank)']]
    >>> audit["change"].tolist()[0]
    'removed invisible characters: U+00AD SOFT HYPHEN'
    """
    manifest = Path(manifest)
    meta = read_manifest(manifest, allow_outside=allow_outside, group_by=group_by)
    raw = pd.read_csv(
        io.StringIO(manifest.read_text(encoding="utf-8-sig")), dtype=str, keep_default_na=False
    )
    raw.columns = [c.strip() for c in raw.columns]
    rows = []
    for i in range(len(meta)):
        for col in meta.columns:
            if col == "file":
                continue
            written, value = str(raw.at[i, col]), str(meta.at[i, col])
            changes = []
            found = invisible_characters(written)
            if found:
                changes.append("removed invisible characters: " + ", ".join(found))
            if col == group_by and value == "":
                value = BLANK_GROUP
                changes.append(f"blank value of the grouping column shown as {BLANK_GROUP}")
            if changes:
                rows.append([i + 2, meta.at[i, "doc_id"], col, _visible(written), value,
                             "; ".join(changes)])  # fmt: skip
    return pd.DataFrame(rows, columns=AUDIT_COLUMNS)


def _field_count_problems(manifest: Path, text: str) -> list[str]:
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if not header:
        return []
    problems = []
    for row in rows:
        if row and len(row) != len(header) and any(cell.strip() for cell in row):
            hint = (
                "a trailing comma?" if len(row) == len(header) + 1 and not row[-1].strip()
                else "quote a value that contains a comma"
            )  # fmt: skip
            problems.append(
                f"manifest {manifest.name} line {rows.line_num}: {len(row)} fields, the header "
                f"has {len(header)} ({hint})"
            )
    return problems


def _listed_twice(manifest: Path, files: pd.Series) -> list[str]:
    seen: dict[str, list[int]] = {}
    for row, value in files.items():
        if value.strip() and "\x00" not in value:  # a NUL byte is refused by _file_problems
            real = os.path.realpath(resolve_file(manifest, value))
            seen.setdefault(real, []).append(row + 2)
    return [
        f"{real}: listed {len(rows)} times (manifest rows {', '.join(map(str, rows))}); a "
        "document counted twice would weigh double in its group"
        for real, rows in sorted(seen.items())
        if len(rows) > 1
    ]


def _file_problems(manifest: Path, row: int, value: str, *, allow_outside: bool) -> list[str]:
    if not value.strip():
        return [f"manifest {manifest.name} row {row + 2}: empty file name"]
    if "\x00" in value:
        # The operating system refuses such a path (ValueError: embedded null byte).
        return [
            f"manifest {manifest.name} row {row + 2}: file name {value.strip()!r} contains a "
            "NUL byte, which no file name can hold"
        ]
    path = resolve_file(manifest, value)
    if not allow_outside:
        why = outside_reason(manifest, value)
        if why:
            return [
                f"{value.strip()}: refused (manifest row {row + 2}): {why}. Files must stay "
                f"inside the manifest's folder {Path(manifest).resolve().parent}: copy the "
                "file there, or pass --allow-outside-corpus if you trust this manifest"
            ]
    if not path.is_file():
        return [f"{path}: file not found (manifest row {row + 2})"]
    data = path.read_bytes()
    if not data.strip():
        return [f"{path}: file is empty"]
    if formats.is_document_format(path):
        try:
            return _text_problems(
                path, formats.read_document(path, data, decode=detect_encoding).text
            )
        except formats.FormatError as err:
            return [f"{path}: {err}"]
    if looks_binary(data):
        utf16 = utf16_without_bom(data)
        if utf16:
            return [
                f"{path}: UTF-16 ({utf16}) without a byte-order mark, so its encoding cannot "
                "be told for sure: save it as UTF-8"
            ]
        return [f"{path}: binary file (contains NUL bytes), not text"]
    try:
        text = detect_encoding(data).text
    except UnicodeDecodeError as err:
        return [f"{path}: {err.reason}"]
    return _text_problems(path, text)


def _text_problems(path: Path, text: str) -> list[str]:
    if _NO_TEXT.fullmatch(text):
        return [f"{path}: no usable text (only blanks such as U+3000 or NBSP)"]
    lines = (normalize.normalize_whitespace(normalize.normalize_width(line))
             for line in text.splitlines() if not _NO_TEXT.fullmatch(line))  # fmt: skip
    if all(heading_level(line) is not None for line in lines):
        return [f"{path}: no usable text (only headings, no paragraph under them)"]
    return []


def outside_reason(manifest: Path | str, value: str) -> str | None:
    """Why a manifest ``file`` entry leads outside the manifest's folder, or ``None``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> m = pathlib.Path(tempfile.mkdtemp()) / "manifest.csv"
    >>> outside_reason(m, "raw/大连.txt") is None
    True
    >>> outside_reason(m, "../../../etc/passwd")
    "'..' leads outside the corpus folder"
    >>> outside_reason(m, "/etc/passwd")
    'an absolute path'
    """
    base = Path(manifest).resolve().parent
    raw = Path(value.strip())
    if raw.is_absolute():
        inside = os.path.realpath(raw)
        return None if Path(inside).is_relative_to(base) else "an absolute path"
    if not Path(os.path.normpath(base / raw)).is_relative_to(base):
        return "'..' leads outside the corpus folder"
    real = Path(os.path.realpath(base / raw))
    if not real.is_relative_to(base):
        return f"a symbolic link to {real}"
    return None


def resolve_file(manifest: Path | str, value: str) -> Path:
    """Absolute path of a manifest ``file`` entry (relative to the manifest's folder)."""
    path = Path(value.strip())
    return path if path.is_absolute() else (Path(manifest).resolve().parent / path)
