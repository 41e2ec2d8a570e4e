"""The site's data files: tables and explorer sources cut into small JavaScript files.

A page opened from disk (``file://``) may not ``fetch`` a neighbouring JSON file, but it may
load a ``<script>``; every data file is therefore one call ``PS.put(key, payload)``. Files are
cut at about :data:`CHUNK_BYTES` so that no single file is large whatever the corpus size, and
the explorer's sources are split per group (and, for domains, per domain) so that a view loads
only what it shows.

Examples
--------
>>> term_shard("社保卡", 8), term_shard("社保卡", 1)
(4, 0)
>>> split_pairs("employment:0.878|social_assistance:0.108")
{'employment': 0.878, 'social_assistance': 0.108}
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from policystudy.core import io

__all__ = [
    "CHUNK_BYTES",
    "chunk_rows",
    "js_payload",
    "read_csv_strings",
    "split_pairs",
    "term_shard",
    "write_chunks",
]

# About 1 MB per data file: a browser parses that in well under a second, and a 100 MB
# corpus still needs only a few hundred files.
CHUNK_BYTES = 1_000_000
# A chunk records the distinct values of a column when there are at most this many, so that
# a page filtering on that column loads only the chunks that can hold matching rows.
KEY_VALUES = 32


def js_payload(key: str, payload: object) -> str:
    """The text of a data file: one ``PS.put`` call with compact, key-sorted JSON.

    Examples
    --------
    >>> js_payload("t/x/0", {"rows": [["辽宁", "1"]]})
    'PS.put("t/x/0",{"rows":[["辽宁","1"]]});\\n'
    """
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"PS.put({_script_safe(json.dumps(key, ensure_ascii=False))},{_script_safe(body)});\n"


# Characters of JSON text that HTML or old JavaScript would read inside a script: "</script"
# ends a script element, "<!--" changes how it is parsed, U+2028/U+2029 end a line. Inside
# JSON strings their \u escapes are the same characters.
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                  "\u2029": "\\u2029"}  # fmt: skip
_SCRIPT_UNSAFE_RE = re.compile("[<>&\u2028\u2029]")


def _script_safe(text: str) -> str:
    """JSON text with the characters of :data:`_SCRIPT_UNSAFE` as ``\\u`` escapes.

    Examples
    --------
    >>> print(_script_safe('["</script><!--辽宁"]'))
    ["\\u003c/script\\u003e\\u003c!--辽宁"]
    """
    return _SCRIPT_UNSAFE_RE.sub(lambda m: _SCRIPT_UNSAFE[m[0]], text)


def read_csv_strings(path: Path | str, **kwargs) -> pd.DataFrame:
    """A processed table with every cell as the string the CSV holds (ids stay strings)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, **kwargs)


def chunk_rows(rows: Iterable[list], *, limit: int = CHUNK_BYTES) -> Iterator[list[list]]:
    """Consecutive runs of ``rows`` whose JSON takes at most about ``limit`` bytes each.

    Examples
    --------
    >>> [len(c) for c in chunk_rows([["社保卡" * 10]] * 5, limit=200)]
    [2, 2, 1]
    """
    chunk: list[list] = []
    size = 0
    for row in rows:
        n = len(json.dumps(row, ensure_ascii=False).encode("utf-8")) + 1
        if chunk and size + n > limit:
            yield chunk
            chunk, size = [], 0
        chunk.append(row)
        size += n
    if chunk:
        yield chunk


def write_chunks(
    folder: Path,
    key: str,
    rows: Iterable[list],
    *,
    columns: list[str],
    extra: dict | None = None,
    index_columns: Iterable[str] = (),
    limit: int = CHUNK_BYTES,
) -> list[dict]:
    """Write ``rows`` as data files ``<folder>/<k>.js`` (keys ``<key>/<k>``); describe each.

    Returns one entry per file: its path relative to the site root's ``data`` folder, its
    number of rows and, for each of ``index_columns`` with few distinct values in the file,
    those values (sorted).
    """
    index_columns = [c for c in index_columns if c in columns]
    out = []
    for k, chunk in enumerate(chunk_rows(rows, limit=limit)):
        payload = {"columns": columns, "rows": chunk} | (extra or {})
        io.write_text(folder / f"{k}.js", js_payload(f"{key}/{k}", payload))
        entry: dict = {"key": f"{key}/{k}", "n": len(chunk)}
        keys = {}
        for col in index_columns:
            j = columns.index(col)
            values = sorted({str(r[j]) for r in chunk})
            if len(values) <= KEY_VALUES:
                keys[col] = values
        if keys:
            entry["keys"] = keys
        out.append(entry)
    return out


def term_shard(term: str, shards: int) -> int:
    """Which of ``shards`` term files holds ``term``: the sum of its code points, modulo.

    ``site.js`` computes the same function; both must change together.
    """
    return sum(ord(ch) for ch in term) % max(1, shards)


def shard_count(total_bytes: int, *, limit: int = CHUNK_BYTES) -> int:
    """Number of term files for about ``total_bytes`` of term data: a power of two.

    Examples
    --------
    >>> shard_count(10), shard_count(3_500_000)
    (1, 4)
    """
    need = max(1, math.ceil(total_bytes / limit))
    return 1 << (need - 1).bit_length()


def split_pairs(text: str) -> dict[str, float]:
    """Parse a ``domain:score|domain:score`` cell (the tables' format for domain scores)."""
    out = {}
    for part in str(text).split("|"):
        code, sep, value = part.partition(":")
        if sep and code:
            try:
                out[code] = float(value)
            except ValueError:
                continue
    return out
