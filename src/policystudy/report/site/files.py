"""What the site copies and writes besides its pages' frames: the static assets, the figures
with their captions, the executed notebooks, the CJK font subset and a page per table."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import numpy as np

from policystudy.core import io
from policystudy.report.site import data as sd
from policystudy.report.site import render
from policystudy.report.site.coded import write_coded
from policystudy.report.site.pages import esc, page

STATIC = ("site.css", "site.js")


def copy_static(site: Path) -> None:
    for name in STATIC:
        text = (resources.files("policystudy.report.site") / "static" / name).read_text(
            encoding="utf-8"
        )
        io.write_text(site / "assets" / name, text)


def copy_figures(src: Path, dest: Path) -> list[tuple[str, str]]:
    """Copy the PNG figures into the site; return ``(file name, caption)`` pairs, sorted."""
    out = []
    for png in sorted(src.glob("*.png")) if src.is_dir() else []:
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, dest / png.name)
        sidecar = png.with_suffix(".json")
        caption = ""
        if sidecar.is_file():
            caption = str(json.loads(sidecar.read_text(encoding="utf-8")).get("caption", ""))
        out.append((png.name, caption))
    return out


def write_notebooks(paths: list[Path], site: Path, *, figures: set[str]) -> list[tuple[str, str]]:
    done = []
    exporter = render.notebook_exporter()
    for path in paths:
        if not path.is_file():
            continue
        body = render.notebook_html(path, figures=figures, exporter=exporter)
        nb = json.loads(path.read_text(encoding="utf-8"))
        title = ""
        for cell in nb.get("cells", []):
            if cell.get("cell_type") == "markdown":
                first = "".join(cell.get("source", "")).strip().splitlines()
                title = first[0].lstrip("# ").strip() if first else ""
                break
        page(
            site / "notebooks" / f"{path.stem}.html",
            path.stem,
            f'<p class="crumbs"><a href="../notebooks.html">Notebooks</a> / {esc(path.name)}</p>'
            f"\n{body}",
            active="notebooks",
            depth=1,
            cls="notebook",
        )
        done.append((path.stem, title))
    return done


def subset_font(site: Path) -> None:
    """A CJK font holding every character of the site's pages and data."""
    # Code points counted as UTF-32 arrays: a set of characters built one by one took 8 s
    # on the 500 MB of pages and data of a 100 MB corpus.
    seen = np.zeros(0x110000, dtype=bool)
    for f in sorted(site.rglob("*")):
        if f.suffix in {".html", ".js"}:
            seen[np.frombuffer(f.read_text(encoding="utf-8").encode("utf-32-le"), "<u4")] = True
    cjk = "".join(chr(c) for c in np.flatnonzero(seen) if c > 0x2E7F)
    render.subset_font(cjk + "。，、；：？！“”‘’（）《》【】…—·", site / "assets" / "cjk.woff")


# --- tables ------------------------------------------------------------------------------------


def write_tables(proc: Path, site: Path) -> list[dict]:
    tables = []
    for csv in sorted(proc.glob("*.csv")) if proc.is_dir() else []:
        name = csv.stem
        columns: list[str] = []
        entries: list[dict] = []
        rows_total = 0

        def rows_of(path=csv):
            nonlocal columns
            for part in sd.read_csv_strings(path, chunksize=50_000):
                columns = list(part.columns)
                # Column lists zipped: itertuples boxes every cell on its own (3.7× slower).
                yield from zip(*(part[c].tolist() for c in columns), strict=True)

        # Columns that repeat (a document's metadata on each of its paragraphs) are coded;
        # judged on the first rows read.
        head = sd.read_csv_strings(csv, nrows=5000)
        repeated = [c for c in head.columns if len(head) and head[c].nunique() <= len(head) / 2]
        gen = rows_of()
        first = next(gen, None)
        if first is None:  # header only: still list the columns
            columns = list(sd.read_csv_strings(csv, nrows=0).columns)
            rows_iter: Iterable = []
        else:
            rows_iter = _chain([list(first)], (list(r) for r in gen))
        entries = write_coded(
            site / "data" / "tables" / name,
            f"tables/{name}",
            rows_iter,
            columns,
            coded_columns=repeated,
            index=True,
        )
        if len(entries) == 1:  # one file: nothing to choose
            entries[0].pop("keys", None)
            entries[0].pop("range", None)
        rows_total = sum(e["n"] for e in entries)
        info = {
            "name": name,
            "columns": columns,
            "rows": rows_total,
            "bytes": csv.stat().st_size,
            "chunks": entries,
        }
        tables.append(info)
        body = (
            f'<p class="crumbs"><a href="../tables.html">Tables</a> / {esc(name)} · '
            f'<a href="../../../data/processed/{esc(name)}.csv">CSV</a></p>\n'
            f"<h1>{esc(name)}</h1>\n"
            '<div id="cite-note" class="note" hidden></div>\n'
            '<div class="controls"><input id="table-q" type="search" placeholder="search all '
            'columns" aria-label="search all columns"> <span id="table-count"></span> '
            '<button id="table-reset" type="button">show all rows</button></div>\n'
            '<div class="scroll"><table id="table" class="data"></table></div>\n'
            '<div class="pager"><button id="prev" type="button">◀</button> <span id="page">'
            '</span> <button id="next" type="button">▶</button></div>\n'
            # The table's index is a data file like any other: no inline script (see CSP).
            f'<script src="../data/index/{esc(name)}.js"></script>'
        )
        io.write_text(site / "data" / "index" / f"{name}.js", sd.js_payload(f"index/{name}", info))
        page(
            site / "tables" / f"{name}.html",
            name,
            body,
            active="tables",
            depth=1,
            head=f'<meta name="ps-table" content="{esc(name)}">\n',
        )
    return tables


def _chain(*iters):
    for it in iters:
        yield from it
