"""Corpus loading: the decoded documents of a validated manifest.

The manifest is read and validated by :mod:`policystudy.ingest.manifest`, each file decoded by
:mod:`policystudy.ingest.encoding` (or read by :mod:`policystudy.ingest.formats`); this module
puts them together as a :class:`Corpus`. Every name of those two modules stays importable from
here, as it was before they were split off.

Examples
--------
>>> detect_encoding("职工参保率达到98%".encode("gb18030")).encoding
'gb18030'
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from policystudy.ingest import formats, normalize
from policystudy.ingest.encoding import (
    MIN_HAN_SHARE_FOR_GUESS,
    MIN_KANA_SHARE_FOR_JAPANESE,
    Decoded,
    detect_encoding,
    looks_binary,
    utf16_without_bom,
)
from policystudy.ingest.manifest import (
    ALLOW_OUTSIDE_ENV,
    AUDIT_COLUMNS,
    BLANK_GROUP,
    REQUIRED_COLUMNS,
    CorpusError,
    invisible_characters,
    manifest_audit,
    normalize_value,
    outside_reason,
    read_manifest,
    resolve_file,
    strip_invisible,
)

# The names of the split-off modules stay importable from here, where they were defined before.
__all__ = [
    "ALLOW_OUTSIDE_ENV",
    "AUDIT_COLUMNS",
    "BLANK_GROUP",
    "MIN_HAN_SHARE_FOR_GUESS",
    "MIN_KANA_SHARE_FOR_JAPANESE",
    "REQUIRED_COLUMNS",
    "Corpus",
    "CorpusError",
    "Decoded",
    "Document",
    "detect_encoding",
    "invisible_characters",
    "label_blank_groups",
    "load_corpus",
    "looks_binary",
    "manifest_audit",
    "normalize_value",
    "outside_reason",
    "read_manifest",
    "read_text",
    "resolve_file",
    "strip_invisible",
    "utf16_without_bom",
]


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
        """The ``region`` metadata, ``""`` when the manifest has no such column."""
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


def load_corpus(
    manifest: Path | str, *, allow_outside: bool | None = None, group_by: str | None = None
) -> Corpus:
    """Validate ``manifest`` and decode every document it lists (see :func:`read_manifest`).

    ``group_by``, when given, is a column the manifest must have.

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
    meta = read_manifest(manifest, allow_outside=allow_outside, group_by=group_by)
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
