"""Rows written in files of about 1 MB whose repeating columns are indices into a list of
their distinct values: the format of the table pages and the explorer's sentences."""

from __future__ import annotations

import json
import re
from pathlib import Path

from policystudy.core import io
from policystudy.report.site import data as sd

# Columns whose values repeat from row to row (a document's id, a section heading, a
# paragraph's labels and scores on each of its sentences): each file lists their distinct
# values once and its rows hold indices into that list.
CODED = ("doc_id", "section", "primary", "labels", "scores", "instrument", "instruments")


# Characters json.dumps escapes in a string (ensure_ascii=False).
_JSON_ESCAPED = re.compile(r'["\\\x00-\x1f]')


def _json_bytes(row: list) -> int:
    """``len(json.dumps(row, ensure_ascii=False).encode("utf-8"))``, without encoding the
    row: plain strings and integers are measured directly (a file's rows are counted one by
    one, millions of them at 100 MB); anything else is dumped."""
    n = 2 * len(row) if row else 2  # [ ] and the ", " between items
    for v in row:
        if type(v) is str and _JSON_ESCAPED.search(v) is None:
            n += len(v.encode("utf-8")) + 2
        elif type(v) is int:
            n += len(str(v))
        else:
            n += len(json.dumps(v, ensure_ascii=False).encode("utf-8"))
    return n


def write_coded(
    folder: Path, key: str, rows, columns: list[str], coded_columns=CODED, *, index: bool = False
) -> list[dict]:
    """Write rows in files of about 1 MB with the ``coded_columns`` as indices (see CODED).

    Each file's entry also lists, for a coded column with at most ``KEY_VALUES`` distinct
    values in it, those values: a page filtering on that column loads only those files.
    """
    coded = [j for j, c in enumerate(columns) if c in coded_columns]
    plain = [j for j in range(len(columns)) if j not in coded]
    out: list[dict] = []

    def flush(body: list[list], values: dict[int, list[str]]) -> None:
        k = len(out)
        payload = {
            "columns": columns,
            "rows": body,
            "values": {columns[j]: values[j] for j in coded},
        }
        io.write_text(folder / f"{k}.js", sd.js_payload(f"{key}/{k}", payload))
        entry: dict = {"key": f"{key}/{k}", "n": len(body)}
        if not index:
            out.append(entry)
            return
        keys = {columns[j]: sorted(values[j]) for j in coded if len(values[j]) <= sd.KEY_VALUES}
        if keys:
            entry["keys"] = keys
        # The lowest and highest value of the other (id-like) columns: a link to one id
        # loads only the files whose range holds it. ASCII only, where JavaScript and Python
        # order strings alike.
        ranges = {}
        for j in plain:
            vals = [str(r[j]) for r in body]
            lo, hi = min(vals), max(vals)
            if lo.isascii() and hi.isascii():
                ranges[columns[j]] = [lo, hi]
        if ranges:
            entry["range"] = ranges
        out.append(entry)

    body: list[list] = []
    values: dict[int, list[str]] = {j: [] for j in coded}
    where: dict[int, dict[str, int]] = {j: {} for j in coded}
    size = 0
    for row in rows:
        enc = list(row)
        extra = 0
        for j in coded:
            v = str(row[j])
            if v not in where[j]:
                where[j][v] = len(values[j])
                values[j].append(v)
                extra += len(v.encode("utf-8")) + 3
            enc[j] = where[j][v]
        n = _json_bytes(enc) + 1 + extra
        if body and size + n > sd.CHUNK_BYTES:
            flush(body, values)
            body, size = [], 0
            values = {j: [] for j in coded}
            where = {j: {} for j in coded}
            for j in coded:  # re-encode the row against the new file's lists
                v = str(row[j])
                where[j][v] = 0
                values[j].append(v)
                enc[j] = 0
        body.append(enc)
        size += n
    if body:
        flush(body, values)
    return out
