"""Corpus loading: manifest validation and safe encoding detection.

A manifest is a CSV with the required columns ``doc_id,file,region``; every other column is
optional metadata. ``file`` is relative to the manifest's folder. A bad corpus is refused
before any work with one :class:`CorpusError` that lists every problem and names each file.

Encodings are detected in a fixed, safe order and never decoded with ``errors="ignore"``:

1. a byte-order mark (UTF-8, UTF-16);
2. strict UTF-8;
3. strict GB18030 — unless strict Big5 also decodes, in which case charset-normalizer decides
   between the two, because any Big5 byte string is also valid GB18030 (as mojibake);
4. charset-normalizer over all encodings, accepted only when the result is mostly Han text
   (any byte string decodes in some 8-bit code page).

The encoding used, and how it was chosen, is recorded per document. A refusal gives its reason:
Japanese in Shift-JIS (which GB18030 would read as mojibake), UTF-16 without a byte-order mark,
Western text with no Chinese characters.

What a manifest may point at: ``file`` entries stay inside the manifest's folder (no absolute
paths, ``..`` or symbolic links leading out of it) unless the caller allows otherwise
(``allow_outside=True``, ``policystudy run --allow-outside-corpus``), so that an untrusted
manifest cannot read ``/etc/passwd`` into the tables. Each file is listed once, and holds text
beyond headings and blanks. Metadata values are normalised like text (NFKC width and
composition, Traditional -> Simplified, blanks), so that ``遼寧`` and ``辽宁``, or the NFC and NFD
spellings of one name, are one group.

Examples
--------
>>> detect_encoding("职工参保率达到98%".encode("gb18030")).encoding
'gb18030'
>>> detect_encoding("\\ufeff养老保险".encode("utf-8")).encoding
'utf-8-sig'
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from policystudy.ingest import formats, normalize
from policystudy.ingest.structure import heading_level

REQUIRED_COLUMNS = ("doc_id", "file", "region")
# A charset-normalizer guess is accepted only if this share of visible characters is Han.
MIN_HAN_SHARE_FOR_GUESS = 0.2
# Japanese kana are rare in Chinese text; read as Shift-JIS, a Japanese file is full of them.
MIN_KANA_SHARE_FOR_JAPANESE = 0.1
# Set (to "1") by ``policystudy run --allow-outside-corpus`` for the notebook kernels.
ALLOW_OUTSIDE_ENV = "POLICYSTUDY_ALLOW_OUTSIDE_CORPUS"
_KANA = re.compile(r"[\u3040-\u30ff]")
# Characters that carry no text: blanks (incl. U+3000, NBSP) and zero-width marks.
_NO_TEXT = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]*")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class CorpusError(Exception):
    """A corpus that cannot be used; ``problems`` lists every problem found."""

    def __init__(self, manifest: Path | str, problems: list[str]):
        self.manifest = Path(manifest)
        self.problems = list(problems)
        lines = [f"Corpus refused ({len(self.problems)} problem(s)) in manifest {self.manifest}:"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class Decoded:
    """Decoded text and how its encoding was chosen."""

    text: str
    encoding: str
    method: str


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding, errors="strict")
    except (UnicodeDecodeError, LookupError):
        return None


def _normalizer_choice(data: bytes, candidates: list[str] | None) -> Decoded | None:
    from charset_normalizer import from_bytes

    kwargs = {"cp_isolation": candidates} if candidates else {}
    best = from_bytes(data, **kwargs).best()
    if best is None:
        return None
    text = _strict(data, best.encoding)
    if text is None:
        return None
    scope = "/".join(candidates) if candidates else "all encodings"
    return Decoded(text, best.encoding, f"charset-normalizer among {scope}")


def detect_encoding(data: bytes) -> Decoded:
    """Decode ``data`` with the first encoding of the safe order that fits.

    Raises
    ------
    UnicodeDecodeError
        When no encoding decodes the bytes strictly.

    Examples
    --------
    >>> detect_encoding("養老保險制度改革，推進全國統籌。".encode("big5")).encoding
    'big5'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding)
            if text is not None:
                return Decoded(text.lstrip("\ufeff"), encoding, "byte-order mark")
    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", "strict utf-8")
    # A file whose lines were saved in two encodings (a UTF-8 title pasted above a GBK body)
    # decodes whole as GB18030, the UTF-8 lines as mojibake (民生保障工作 -> 姘戠敓淇濋殰宸ヤ綔).
    mixed = _mixed_lines(data)
    if mixed is not None:
        return mixed
    return _detect_legacy(data)


def _detect_legacy(data: bytes) -> Decoded:
    # The safe order after UTF-8: GB18030, Big5, Shift-JIS refused, charset-normalizer.
    gb = _strict(data, "gb18030")
    big5 = _strict(data, "big5")
    japanese = _japanese_share(data)
    if japanese is not None:
        raise UnicodeDecodeError(
            "shift_jis", data[:1], 0, 1,
            f"looks like Japanese in Shift-JIS ({japanese:.0%} kana when read so), which "
            "GB18030 would read as mojibake: not a Chinese text",
        )  # fmt: skip
    if gb is not None and big5 is None:
        return Decoded(gb, "gb18030", "strict gb18030 (big5 does not decode)")
    if gb is not None and big5 is not None:
        choice = _normalizer_choice(data, ["gb18030", "big5"])
        if choice is not None:
            return choice
        return Decoded(gb, "gb18030", "strict gb18030 (charset-normalizer undecided)")
    choice = _normalizer_choice(data, None)
    # Any byte string "decodes" in some 8-bit code page; for a Chinese corpus a guess with
    # hardly any Han characters is mojibake, not text.
    if choice is not None and _han_share(choice.text) >= MIN_HAN_SHARE_FOR_GUESS:
        return choice
    if choice is not None:
        raise UnicodeDecodeError(
            choice.encoding, data[:1], 0, 1,
            f"undecodable as Chinese: not UTF-8, GB18030 or Big5, and read as "
            f"{choice.encoding} it has {_han_share(choice.text):.0%} Chinese characters (a "
            "Western-European or other non-Chinese file?)",
        )  # fmt: skip
    raise UnicodeDecodeError(
        "unknown", data[:1], 0, 1,
        "undecodable: not UTF-8, GB18030, Big5 or any encoding charset-normalizer knows",
    )  # fmt: skip


def _utf8_line(line: bytes) -> bool:
    # A line written in UTF-8: it decodes strictly and holds Chinese. A short GBK line may
    # happen to be valid UTF-8 too, but then it reads as Latin or Cyrillic letters, not Han.
    if line.isascii():
        return False
    text = _strict(line, "utf-8")
    return text is not None and _han_share(text) >= MIN_HAN_SHARE_FOR_GUESS


def _mixed_lines(data: bytes) -> Decoded | None:
    """Decode line by line a file that mixes UTF-8 lines with lines in a legacy encoding.

    ``None`` when no line is UTF-8 (the file is in one legacy encoding). The legacy lines are
    decoded together in the safe order (so that GB18030 and Big5 are told apart on all of
    them), then line by line with the encoding chosen.

    Raises
    ------
    UnicodeDecodeError
        Naming the first line that neither UTF-8 nor the encoding of the other lines decodes.

    Examples
    --------
    >>> data = "民生保障工作\\n".encode() + "城镇新增就业1万人。\\n".encode("gbk")
    >>> decoded = detect_encoding(data)
    >>> decoded.text, decoded.encoding
    ('民生保障工作\\n城镇新增就业1万人。\\n', 'utf-8+gb18030')
    """
    lines = data.splitlines(keepends=True)
    utf8 = [i for i, line in enumerate(lines) if _utf8_line(line)]
    if not utf8:
        return None
    is_utf8 = set(utf8)
    rest = [i for i, line in enumerate(lines) if i not in is_utf8 and not line.isascii()]
    if not rest:
        return None
    try:
        legacy = _detect_legacy(b"".join(lines[i] for i in rest))
    except UnicodeDecodeError:
        bad = [i for i in rest if not any(_strict(lines[i], e) for e in ("gb18030", "big5"))]
        if not bad:
            raise
        raise UnicodeDecodeError(
            "gb18030", lines[bad[0]], 0, len(lines[bad[0]]),
            f"mixes encodings: line {utf8[0] + 1} is UTF-8, line {bad[0] + 1} is neither "
            "UTF-8, GB18030 nor Big5: save the file in one encoding",
        ) from None  # fmt: skip
    out = []
    for i, line in enumerate(lines):
        text = _strict(line, "utf-8" if i in is_utf8 or line.isascii() else legacy.encoding)
        if text is None:
            raise UnicodeDecodeError(
                legacy.encoding, line, 0, len(line),
                f"mixes encodings: line {utf8[0] + 1} is UTF-8, line {i + 1} is neither "
                f"UTF-8 nor {legacy.encoding} like the other lines: save the file in one encoding",
            )  # fmt: skip
        out.append(text)
    shown = ", ".join(str(i + 1) for i in utf8[:5]) + (", …" if len(utf8) > 5 else "")
    return Decoded(
        "".join(out),
        f"utf-8+{legacy.encoding}",
        f"line by line: {len(utf8)} line(s) in utf-8 (line {shown}), {len(rest)} in "
        f"{legacy.encoding} ({legacy.method})",
    )


def _japanese_share(data: bytes) -> float | None:
    """Kana share of ``data`` read as Shift-JIS, when it is high enough to be Japanese."""
    text = _strict(data, "shift_jis")
    if text is None:
        return None
    visible = [ch for ch in text if not ch.isspace()]
    share = sum(1 for ch in visible if _KANA.match(ch)) / max(len(visible), 1)
    return share if share >= MIN_KANA_SHARE_FOR_JAPANESE else None


def _utf16_without_bom(data: bytes) -> str | None:
    """``"little-endian"``/``"big-endian"`` when NUL bytes are UTF-16 text with no BOM."""
    if len(data) % 2:
        return None
    for encoding, name in (("utf-16-le", "little-endian"), ("utf-16-be", "big-endian")):
        text = _strict(data, encoding)
        # isspace, not only isprintable: U+3000 (the ideographic space that indents Chinese
        # paragraphs) and NBSP are not printable, yet they are text.
        if text is not None and all(ch.isprintable() or ch.isspace() for ch in text):
            return name
    return None


def _han_share(text: str) -> float:
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return 0.0
    return sum(1 for ch in visible if "\u4e00" <= ch <= "\u9fff") / len(visible)


def _looks_binary(data: bytes) -> bool:
    # NUL bytes never occur in text of the 8-bit CJK encodings; UTF-16 is caught by its BOM first.
    return b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


@dataclass
class Document:
    """One decoded document with its manifest metadata."""

    doc_id: str
    path: Path
    metadata: dict
    text: str
    encoding: str
    encoding_method: str
    converted: bool
    changed_chars: int
    sha256: str = ""

    @property
    def region(self) -> str:
        return str(self.metadata.get("region", ""))


@dataclass
class Corpus:
    """A validated manifest and its decoded documents, in manifest order."""

    manifest: Path
    metadata: pd.DataFrame
    documents: list[Document] = field(default_factory=list)

    @property
    def metadata_columns(self) -> list[str]:
        return [c for c in self.metadata.columns if c not in ("doc_id", "file")]


def read_manifest(manifest: Path | str, *, allow_outside: bool | None = None) -> pd.DataFrame:
    """Read and validate a manifest; raise :class:`CorpusError` listing every problem.

    Values are text (``010`` stays ``010``) and normalised like the documents (see the
    module docstring); ``file`` entries are kept as written.

    Parameters
    ----------
    allow_outside : bool, optional
        Accept ``file`` entries that lead outside the manifest's folder. Default: only when
        the environment variable ``POLICYSTUDY_ALLOW_OUTSIDE_CORPUS`` is ``1`` (set by
        ``policystudy run --allow-outside-corpus`` for the notebooks).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "m.csv").write_text("doc_id,file\\na,a.txt\\na,b.txt\\n", encoding="utf-8")
    >>> try:
    ...     read_manifest(d / "m.csv")
    ... except CorpusError as err:
    ...     print(len(err.problems))
    4
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
    meta = read_manifest(manifest, allow_outside=allow_outside)
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


def label_blank_groups(corpus: Corpus, column: str) -> Corpus:
    """``corpus`` with a blank value of the grouping ``column`` shown as :data:`BLANK_GROUP`.

    A blank would be a group without a name (``**** (1 document)``); every output names it
    ``(blank)`` instead, and :func:`manifest_audit` lists the documents.

    Examples
    --------
    >>> c = Corpus(manifest=Path("m.csv"), metadata=pd.DataFrame({"doc_id": ["a"], "genre": [""]}))
    >>> label_blank_groups(c, "genre").metadata["genre"].tolist()
    ['(blank)']
    """
    if column not in corpus.metadata.columns:
        return corpus
    meta = corpus.metadata.copy()
    meta[column] = meta[column].where(meta[column] != "", BLANK_GROUP)
    docs = [
        replace(d, metadata=d.metadata | {column: d.metadata.get(column) or BLANK_GROUP})
        if column in d.metadata
        else d
        for d in corpus.documents
    ]
    return Corpus(manifest=corpus.manifest, metadata=meta, documents=docs)


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
    if _looks_binary(data):
        utf16 = _utf16_without_bom(data)
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


def load_corpus(manifest: Path | str, *, allow_outside: bool | None = None) -> Corpus:
    """Validate ``manifest`` and decode every document it lists (see :func:`read_manifest`).

    Examples
    --------
    >>> from policystudy.workflow import paths
    >>> corpus = load_corpus(paths.DEFAULT_MANIFEST)
    >>> len(corpus.documents), sorted({d.region for d in corpus.documents})
    (5, ['Jiangsu', 'Jilin', 'Liaoning', 'Tianjin'])
    """
    # Serial on purpose: worker processes were measured slower (100 MB: 9.7 s against 6.1 s),
    # the decoded text costs more to send back than to decode.
    manifest = Path(manifest).resolve()
    meta = read_manifest(manifest, allow_outside=allow_outside)
    corpus = Corpus(manifest=manifest, metadata=meta)
    corpus.documents = [
        _load_document((record, resolve_file(manifest, record["file"])))
        for record in meta.to_dict(orient="records")
    ]
    return corpus


def read_text(path: Path | str) -> Decoded:
    """The text of a corpus file: ``.docx``, ``.html`` and ``.pdf`` through their readers
    (:mod:`policystudy.ingest.formats`), anything else decoded as text (:func:`detect_encoding`).

    Raises
    ------
    CorpusError
        When the file cannot be read, naming it and the problem.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "scan.pdf"
    >>> _ = p.write_bytes(b"%PDF-1.4 not really")
    >>> try:
    ...     read_text(p)
    ... except CorpusError as err:
    ...     print(err.problems[0].split(": ", 1)[1][:18])
    not a readable PDF
    """
    path = Path(path)
    try:
        if formats.is_document_format(path):
            read = formats.read_document(path, decode=detect_encoding)
            return Decoded(read.text, read.encoding, read.method)
        return detect_encoding(path.read_bytes())
    except formats.FormatError as err:
        raise CorpusError(path, [f"{path}: {err}"]) from None
    except UnicodeDecodeError as err:
        raise CorpusError(path, [f"{path}: {err.reason}"]) from None


def _load_document(job: tuple[dict, Path]) -> Document:
    from policystudy.core.io import sha256_file

    record, path = job
    decoded = read_text(path)
    report = normalize.script_report(decoded.text)
    return Document(
        doc_id=record["doc_id"],
        path=path,
        metadata={k: v for k, v in record.items() if k not in ("doc_id", "file")},
        text=decoded.text,
        encoding=decoded.encoding,
        encoding_method=decoded.method,
        converted=report.converted,
        changed_chars=report.changed_chars,
        sha256=sha256_file(path),
    )
