"""Documents that are not plain text: Word (``.docx``), web pages (``.html``) and PDFs.

Each reader returns the text with a description of how it was read, like
:func:`policystudy.ingest.corpus.detect_encoding` does for ``.txt`` files, and the text then goes
through the same normalisation and cleaning (for PDFs: page numbers, tables of contents, running
headers and wrapped lines, :mod:`policystudy.ingest.pdftext`).

* ``.docx``: python-docx, paragraphs in order, then each table row (cells joined by a blank).
* ``.html``/``.htm``: the bytes are decoded like a ``.txt`` file (BOM, UTF-8, GB18030, …), then
  trafilatura extracts the main content (the article, without navigation, footers or
  comments). A page where it finds none is refused.
* ``.pdf``: pypdf's text layer, page by page, pages separated by a line break. A PDF whose
  pages hold no text (a scan) is refused with a message that says so: run OCR first.

The readers are the optional extra ``formats`` (``pip install "policystudy[formats]"``); a
missing reader is reported with the package to install. Every failure raises
:class:`FormatError`, whose message names the problem (the caller names the file).

Examples
--------
>>> is_document_format("plan.PDF"), is_document_format("plan.txt")
(True, False)
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Suffix -> (reader name, the package that provides it).
FORMATS = {
    ".docx": ("docx", "python-docx"),
    ".html": ("html", "trafilatura"),
    ".htm": ("html", "trafilatura"),
    ".pdf": ("pdf", "pypdf"),
}
#: A PDF with fewer visible characters than this per page has no usable text layer.
MIN_PDF_CHARS_PER_PAGE = 5


class FormatError(ValueError):
    """A document that cannot be read; the message says why."""


@dataclass(frozen=True)
class Read:
    """Text read from a document, and how."""

    text: str
    encoding: str
    method: str


def is_document_format(path: Path | str) -> bool:
    """Whether ``path`` is read by a reader of this module (by its suffix)."""
    return Path(path).suffix.lower() in FORMATS


def _missing(package: str) -> FormatError:
    return FormatError(
        f"reading this format needs the package {package}, which is not installed: "
        f'pip install "policystudy[formats]"'
    )


def read_document(
    path: Path | str, data: bytes | None = None, *, decode: Callable[[bytes], Any] | None = None
) -> Read:
    """Read a ``.docx``, ``.html`` or ``.pdf`` file (see the module docstring).

    ``decode`` turns a web page's bytes into text (an object with ``text``, ``encoding`` and
    ``method``, raising ``UnicodeDecodeError``): :func:`policystudy.ingest.corpus.read_text`
    passes its ``detect_encoding``; without it a page must be UTF-8.

    Raises
    ------
    FormatError
        A missing reader, a damaged or encrypted file, a scanned PDF, a page without content.
    """
    path = Path(path)
    data = path.read_bytes() if data is None else data
    kind = FORMATS[path.suffix.lower()][0]
    if kind == "docx":
        return _read_docx(data)
    if kind == "html":
        return _read_html(data, decode or _utf8)
    return _read_pdf(data)


def _read_docx(data: bytes) -> Read:
    try:
        import docx
    except ImportError:
        raise _missing("python-docx") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises zipfile, KeyError, lxml errors
        raise FormatError(f"not a readable Word .docx file ({type(err).__name__}: {err})") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = []
            for cell in row.cells:  # merged cells repeat: keep each text once per row
                if cell.text.strip() and cell.text not in cells:
                    cells.append(cell.text)
            lines.append(" ".join(cells))
    return Read("\n".join(lines), "docx", "python-docx (paragraphs, then table rows)")


def _utf8(data: bytes) -> Read:
    return Read(data.decode("utf-8"), "utf-8", "strict utf-8")


def _read_html(data: bytes, decode: Callable[[bytes], Any]) -> Read:
    try:
        import trafilatura
    except ImportError:
        raise _missing("trafilatura") from None
    try:
        decoded = decode(data)
    except UnicodeDecodeError as err:
        raise FormatError(f"web page: {err.reason}") from None
    text = trafilatura.extract(
        decoded.text, include_comments=False, include_tables=True, deduplicate=False
    )
    if not text or not text.strip():
        raise FormatError(
            "web page without main content that trafilatura can find (an index page, or "
            "content built by JavaScript?): save the article's text as .txt"
        )
    return Read(text, decoded.encoding, f"{decoded.method}; trafilatura main content")


def _read_pdf(data: bytes) -> Read:
    try:
        import pypdf
    except ImportError:
        raise _missing("pypdf") from None
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise FormatError("an encrypted PDF: save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except FormatError:
        raise
    except Exception as err:  # pypdf raises its own errors and ValueError on damaged files
        raise FormatError(f"not a readable PDF ({type(err).__name__}: {err})") from None
    visible = sum(len("".join(p.split())) for p in pages)
    if visible < MIN_PDF_CHARS_PER_PAGE * max(len(pages), 1):
        raise FormatError(
            f"a scanned PDF without a text layer ({len(pages)} page(s), {visible} characters "
            "of text): run OCR on it first, or give a text version"
        )
    return Read("\n".join(pages), "pdf", f"pypdf text layer ({len(pages)} pages)")
