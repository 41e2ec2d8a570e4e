"""Write the findings site of an output root: ``<out>/reports/site/``.

Pages (plain HTML, the same stylesheet and script on each):

``index.html``
    the findings report; each table link of the report (``report.links.cite``) opens the
    table page filtered to the cited rows.
``explorer.html``
    by term (keyness in every group, frequency, every sentence holding it, highlighted, with
    document, section and domain labels), by domain (the sentences coded to it in each
    document, with scores) and by target (sentence, kind, period, bindingness).
``tables.html``, ``tables/<name>.html``
    every table of ``data/processed``: sortable, filterable, paged.
``figures.html``, ``notebooks.html``, ``notebooks/<name>.html``
    the figures with their captions and the executed notebooks.

Everything is written from sorted inputs with no dates, so two runs give identical bytes and
the site is part of the freshness check like the other outputs.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from policystudy.core import io
from policystudy.report.site import data as sd
from policystudy.report.site import render
from policystudy.report.site.instruments import instrument_types, with_instruments

__all__ = ["SITE_FOLDER", "build_site", "site_index"]

SITE_FOLDER = "reports/site"
# The file that marks a folder as written by this module (only such a folder is replaced).
MARKER = "assets/site.js"
STATIC = ("site.css", "site.js")
# Optional columns of targets.csv shown when present, in this order (see docs/site.md).
TARGET_COLUMNS = (
    "sentence_id", "doc_id", "group", "kind", "indicator", "canonical_indicator", "comparator",
    "value", "value_high", "unit", "value_normalized", "unit_base", "value_type", "deadline",
    "deadline_year", "period", "bindingness", "cue", "domain", "sentence",
)  # fmt: skip


def site_index(out_dir: Path | str) -> Path:
    """The site's entry page under an output root.

    Examples
    --------
    >>> site_index("/tmp/out").as_posix()
    '/tmp/out/reports/site/index.html'
    """
    return Path(out_dir) / SITE_FOLDER / "index.html"


def build_site(
    out_dir: Path | str,
    *,
    notebooks: Iterable[Path | str] = (),
    group_by: str = "region",
    taxonomy: Path | str | None = None,
) -> Path:
    """Write ``<out_dir>/reports/site/`` from the output root's tables, figures and report.

    Parameters
    ----------
    out_dir : path-like
        An output root holding ``data/processed``, ``figures`` and ``reports/findings.md``.
    notebooks : iterable of path-like
        Executed notebooks to render, in order (missing files are skipped).
    group_by : str
        The grouping column of the run (``group_by`` parameter).
    taxonomy : path-like or None
        The run's taxonomy, for the domains' names and order (default: packaged one).

    Returns
    -------
    Path
        The site's ``index.html``.
    """
    out = Path(out_dir)
    site = out / SITE_FOLDER
    if site.exists():
        if not (site / MARKER).is_file():
            raise FileExistsError(f"{site} exists and was not written by policystudy; move it")
        shutil.rmtree(site)
    site.mkdir(parents=True)
    proc = out / "data" / "processed"
    _copy_static(site)
    figures = _copy_figures(out / "figures", site / "figures")
    tables = _write_tables(proc, site)
    meta = _write_explorer(proc, site, group_by=group_by, taxonomy=taxonomy)
    meta["tables"] = [t["name"] for t in tables]
    io.write_text(site / "data" / "meta.js", sd.js_payload("meta", meta))
    nbs = _write_notebooks([Path(p) for p in notebooks], site, figures={f for f, _ in figures})
    findings = out / "reports" / "findings.md"
    report = (
        render.markdown_html(findings.read_text(encoding="utf-8"))
        if findings.is_file()
        else "<p>No findings report in this output folder: run <code>policystudy run</code>.</p>"
    )
    _page(site / "index.html", "Findings", report, active="index", cls="report")
    _page(site / "explorer.html", "Explorer", EXPLORER_BODY, active="explorer", data=True)
    _page(site / "tables.html", "Tables", _tables_body(tables), active="tables")
    _page(site / "figures.html", "Figures", _figures_body(figures), active="figures")
    _page(site / "notebooks.html", "Notebooks", _notebooks_body(nbs), active="notebooks")
    _subset_font(site)
    return site / "index.html"


# --- pages -----------------------------------------------------------------------------------

# Every page forbids inline scripts, event-handler attributes and javascript: URLs, and
# loads scripts, styles, fonts and images only from the site's own files: should a value from
# the user's data ever reach a page unescaped, the browser still refuses to run it. Inline
# styles stay allowed (nbconvert's notebook HTML uses them; a style cannot run code).
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'none'"
)

NAV = (
    ("index", "index.html", "Findings"),
    ("explorer", "explorer.html", "Explorer"),
    ("tables", "tables.html", "Tables"),
    ("figures", "figures.html", "Figures"),
    ("notebooks", "notebooks.html", "Notebooks"),
)


def _page(
    path: Path,
    title: str,
    body: str,
    *,
    active: str,
    depth: int = 0,
    data: bool = False,
    cls: str = "",
    head: str = "",
) -> None:
    up = "../" * depth
    nav = " ".join(
        f'<a href="{up}{href}"{" class=on" if key == active else ""}>{label}</a>'
        for key, href, label in NAV
    )
    meta = f'<script src="{up}data/meta.js"></script>\n' if data else ""
    text = f"""<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} · policystudy</title>
<link rel="stylesheet" href="{up}assets/site.css">
<script src="{up}assets/site.js"></script>
{meta}{head}</head>
<body data-page="{active}" data-root="{up}">
<header><span class="brand">policystudy · 民生 priorities</span><nav>{nav}</nav></header>
<main class="{cls}">
{body}
</main>
</body>
</html>
"""
    io.write_text(path, text)


EXPLORER_BODY = """<h1>Explorer</h1>
<p class="lead">From a number to its sentences: look up a term, a domain or the quantified
targets, in every group.</p>
<div class="tabs" role="tablist">
<button data-tab="term" role="tab">By term</button>
<button data-tab="domain" role="tab">By domain</button>
<button data-tab="target" role="tab">By target</button>
</div>
<label class="ins-filter">Instrument <select id="instrument-filter" aria-label="instrument">
<option value="">all</option></select></label>
<section id="tab-term" class="tab">
<form id="term-form"><input id="term-input" type="search" placeholder="词语，如 社保卡" aria-label="term">
<button type="submit">Search</button></form>
<div id="term-suggest" class="suggest"></div>
<div id="term-out"></div>
</section>
<section id="tab-domain" class="tab">
<label>Domain <select id="domain-select" aria-label="domain"></select></label>
<div id="domain-out"></div>
</section>
<section id="tab-target" class="tab">
<div class="controls">
<label>Group <select id="target-group" aria-label="group"></select></label>
<label>Kind <select id="target-kind" aria-label="kind"></select></label>
<label>Search <input id="target-q" type="search" placeholder="指标或句子" aria-label="search targets"></label>
</div>
<div id="target-out"></div>
</section>
<noscript>The explorer needs JavaScript; the tables are also plain CSV files in
data/processed.</noscript>
"""


def _esc(x: object) -> str:
    return html.escape(str(x), quote=True)


def _tables_body(tables: list[dict]) -> str:
    rows = "\n".join(
        f'<tr><td><a href="tables/{_esc(t["name"])}.html">{_esc(t["name"])}</a></td>'
        f'<td class="num">{t["rows"]:,}</td><td class="num">{len(t["columns"])}</td>'
        f'<td class="num">{t["bytes"]:,}</td><td class="cols">{_esc(", ".join(t["columns"]))}</td>'
        "</tr>"
        for t in tables
    )
    return (
        "<h1>Tables</h1>\n<p>Every table the pipeline wrote to <code>data/processed/</code>. "
        "Each page sorts (click a column), filters (a box per column: text, <code>=exact</code>, "
        "<code>&gt;0.5</code>, <code>&lt;3</code>) and pages through the rows; the link "
        "<em>CSV</em> on each page is the file itself.</p>\n"
        '<table class="list"><thead><tr><th>table</th><th>rows</th><th>columns</th>'
        f"<th>bytes (CSV)</th><th>column names</th></tr></thead>\n<tbody>\n{rows}\n</tbody></table>"
    )


def _figures_body(figures: list[tuple[str, str]]) -> str:
    items = "\n".join(
        f'<figure id="{_esc(name[:-4])}"><img src="figures/{_esc(name)}" alt="{_esc(caption)}" '
        f'loading="lazy"><figcaption><b>{_esc(name)}</b> {_esc(caption)}</figcaption></figure>'
        for name, caption in figures
    )
    return f"<h1>Figures</h1>\n{items or '<p>No figures in this output folder.</p>'}"


def _notebooks_body(nbs: list[tuple[str, str]]) -> str:
    items = "\n".join(
        f'<li><a href="notebooks/{_esc(stem)}.html">{_esc(stem)}</a> {_esc(title)}</li>'
        for stem, title in nbs
    )
    return (
        "<h1>Notebooks</h1>\n<p>The notebooks as executed by this run of "
        "<code>policystudy run</code> (timings and the run's folders left out, so that two "
        f"runs render the same pages).</p>\n<ul>\n{items}\n</ul>"
    )


# --- static files, figures, notebooks ----------------------------------------------------------


def _copy_static(site: Path) -> None:
    for name in STATIC:
        text = (resources.files("policystudy.report.site") / "static" / name).read_text(
            encoding="utf-8"
        )
        io.write_text(site / "assets" / name, text)


def _copy_figures(src: Path, dest: Path) -> list[tuple[str, str]]:
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


def _write_notebooks(paths: list[Path], site: Path, *, figures: set[str]) -> list[tuple[str, str]]:
    done = []
    for path in paths:
        if not path.is_file():
            continue
        body = render.notebook_html(path, figures=figures)
        nb = json.loads(path.read_text(encoding="utf-8"))
        title = ""
        for cell in nb.get("cells", []):
            if cell.get("cell_type") == "markdown":
                first = "".join(cell.get("source", "")).strip().splitlines()
                title = first[0].lstrip("# ").strip() if first else ""
                break
        _page(
            site / "notebooks" / f"{path.stem}.html",
            path.stem,
            f'<p class="crumbs"><a href="../notebooks.html">Notebooks</a> / {_esc(path.name)}</p>'
            f"\n{body}",
            active="notebooks",
            depth=1,
            cls="notebook",
        )
        done.append((path.stem, title))
    return done


def _subset_font(site: Path) -> None:
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


def _write_tables(proc: Path, site: Path) -> list[dict]:
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
        entries = _write_coded(
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
            f'<p class="crumbs"><a href="../tables.html">Tables</a> / {_esc(name)} · '
            f'<a href="../../../data/processed/{_esc(name)}.csv">CSV</a></p>\n'
            f"<h1>{_esc(name)}</h1>\n"
            '<div id="cite-note" class="note" hidden></div>\n'
            '<div class="controls"><input id="table-q" type="search" placeholder="search all '
            'columns" aria-label="search all columns"> <span id="table-count"></span> '
            '<button id="table-reset" type="button">show all rows</button></div>\n'
            '<div class="scroll"><table id="table" class="data"></table></div>\n'
            '<div class="pager"><button id="prev" type="button">◀</button> <span id="page">'
            '</span> <button id="next" type="button">▶</button></div>\n'
            # The table's index is a data file like any other: no inline script (see CSP).
            f'<script src="../data/index/{_esc(name)}.js"></script>'
        )
        io.write_text(site / "data" / "index" / f"{name}.js", sd.js_payload(f"index/{name}", info))
        _page(
            site / "tables" / f"{name}.html",
            name,
            body,
            active="tables",
            depth=1,
            head=f'<meta name="ps-table" content="{_esc(name)}">\n',
        )
    return tables


def _chain(*iters):
    for it in iters:
        yield from it


# --- explorer ----------------------------------------------------------------------------------


def _group_column(df: pd.DataFrame, group_by: str) -> str | None:
    for col in (group_by, "group"):
        if col in df.columns:
            return col
    return None


def _sentences(proc: Path, group_by: str) -> tuple[pd.DataFrame | None, str]:
    """Domain-coded sentences: ``sentence_domains.csv`` when the run wrote it, else sentences
    with the labels and scores of their paragraph."""
    cols = ["sentence_id", "doc_id", "group", "section", "text", "primary", "labels", "scores"]
    path = proc / "sentence_domains.csv"
    if path.is_file():
        df = sd.read_csv_strings(path)
        gcol = _group_column(df, group_by)
        df["group"] = df[gcol] if gcol else ""
        if "text" not in df.columns and "sentence" in df.columns:
            df["text"] = df["sentence"]
        for c in cols:
            if c not in df.columns:
                df[c] = ""
        return with_instruments(df[cols], proc), "sentence"
    if not (proc / "sentences.csv").is_file() or not (proc / "paragraphs.csv").is_file():
        return None, ""
    sent = sd.read_csv_strings(proc / "sentences.csv")
    header = list(sd.read_csv_strings(proc / "paragraphs.csv", nrows=0).columns)
    gcol = _group_column(pd.DataFrame(columns=header), group_by)
    use = [c for c in ("paragraph_id", "doc_id", gcol, "section") if c and c in header]
    para = sd.read_csv_strings(proc / "paragraphs.csv", usecols=use)
    para["group"] = para[gcol] if gcol else ""
    df = sent.merge(para.drop(columns=[gcol] if gcol and gcol != "group" else []), how="left")
    dom = proc / "paragraph_domains.csv"
    if dom.is_file():
        labels = sd.read_csv_strings(dom)
        keep = [c for c in ("paragraph_id", "primary", "labels", "scores") if c in labels.columns]
        df = df.merge(labels[keep], on="paragraph_id", how="left")
    df = df.rename(columns={"sentence": "text"})
    for c in cols:
        if c not in df.columns:
            df[c] = ""
    return with_instruments(df[cols].fillna(""), proc), "paragraph"


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


def _write_coded(
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


def _write_explorer(proc: Path, site: Path, *, group_by: str, taxonomy: Path | str | None) -> dict:
    from policystudy.domains import load_taxonomy
    from policystudy.report.plots import group_noun, group_palette

    data = site / "data"
    docs: dict[str, dict] = {}
    overview = proc / "corpus_overview.csv"
    if overview.is_file():
        ov = sd.read_csv_strings(overview)
        gcol = _group_column(ov, group_by)
        for row in ov.to_dict("records"):
            docs[row["doc_id"]] = {
                k: row[c]
                for k, c in (
                    ("group", gcol),
                    ("title", "title_zh"),
                    ("place", "place_zh"),
                    ("year", "year"),
                )
                if c and c in row and row[c] != ""
            }
    sentences, level = _sentences(proc, group_by)
    groups = sorted(set(sentences["group"]) if sentences is not None else set())
    targets = None
    if (proc / "targets.csv").is_file():
        targets = sd.read_csv_strings(proc / "targets.csv")
        tg = _group_column(targets, group_by)
        if tg is None and "doc_id" in targets.columns:
            targets["group"] = targets["doc_id"].map(lambda d: docs.get(d, {}).get("group", ""))
        elif tg != "group":
            targets["group"] = targets[tg]
        groups = sorted(set(groups) | set(targets["group"]))
    if not groups:
        groups = sorted({d.get("group", "") for d in docs.values()})
    gi = {g: i for i, g in enumerate(groups)}
    palette = group_palette(groups)

    try:
        tax = load_taxonomy(taxonomy or None)
        domain_info = [{"code": d.code, "zh": d.zh, "en": d.en} for d in tax.domains]
    except Exception:  # a taxonomy that no longer loads only loses the domain names
        domain_info = []
    known = {d["code"] for d in domain_info}

    meta: dict = {
        "group_by": group_by,
        "group_noun": group_noun(group_by),
        "groups": [{"name": g, "color": palette[g]} for g in groups],
        "docs": docs,
        "level": level,
    }

    # Sentences per group: the term view scans them.
    scols = ["sentence_id", "doc_id", "section", "text", "primary", "labels", "scores",
             "instrument", "instruments"]  # fmt: skip
    files: dict[str, list] = {}
    domain_files: dict[str, dict[str, list]] = {}
    if sentences is not None:
        by_group = {g: part for g, part in sentences.groupby("group", sort=True)}
        coded: dict[str, dict[str, list]] = {}
        for g, part in by_group.items():
            rows = part[scols].values.tolist()
            files[g] = _write_coded(data / "s" / str(gi[g]), f"s/{gi[g]}", rows, scols)
            for row in rows:
                scores = sd.split_pairs(row[6])
                labels = [x for x in str(row[5]).split("|") if x]
                for code in sorted(set(labels) | ({row[4]} if row[4] else set())):
                    coded.setdefault(code, {}).setdefault(g, []).append(
                        [*row[:6], f"{scores.get(code, 0.0):.3f}", *row[7:]]
                    )
        dcols = [*scols[:6], "score", *scols[7:]]
        for code in sorted(coded):
            for g, rows in sorted(coded[code].items()):
                domain_files.setdefault(code, {})[g] = _write_coded(
                    data / "d" / code / str(gi[g]), f"d/{code}/{gi[g]}", rows, dcols
                )
        for code in sorted(set(coded) - known):
            domain_info.append({"code": code, "zh": code, "en": code})
    meta["sentences"] = {g: files.get(g, []) for g in groups}
    meta["instruments"] = instrument_types(sentences)
    meta["domains"] = [
        d | {"files": domain_files.get(d["code"], {})}
        for d in domain_info
        if d["code"] in domain_files
    ]

    # Targets per group, every column the table has.
    tfiles: dict[str, list] = {}
    tcols: list[str] = []
    kinds: list[str] = []
    if targets is not None:
        tcols = [c for c in TARGET_COLUMNS if c in targets.columns]
        tcols += sorted(c for c in targets.columns if c not in tcols)
        kinds = sorted(set(targets["kind"])) if "kind" in targets.columns else []
        for g, part in targets.groupby("group", sort=True):
            tfiles[g] = sd.write_chunks(
                data / "t" / str(gi[g]), f"t/{gi[g]}", part[tcols].values.tolist(), columns=tcols
            )
    meta["targets"] = {"columns": tcols, "kinds": kinds, "files": tfiles}

    # Each group's share of the domain, shown over the sentences it rests on.
    shares: dict[str, dict[str, list[str]]] = {}
    if (proc / "priorities.csv").is_file():
        pr = sd.read_csv_strings(proc / "priorities.csv")
        if {"group", "domain", "share"} <= set(pr.columns):
            for row in pr.to_dict("records"):
                shares.setdefault(row["domain"], {})[row["group"]] = [
                    row["share"],
                    row.get("ci_low", ""),
                    row.get("ci_high", ""),
                ]
    meta["shares"] = shares

    # Keyness of every term in every group, sharded by term.
    meta["terms"] = _write_terms(proc, data)
    return meta


def _write_terms(proc: Path, data: Path) -> dict:
    path = proc / "keyness.csv"
    if not path.is_file():
        return {"shards": 0, "suggest": {}}
    key = sd.read_csv_strings(path)
    need = {"group", "term", "count_in_group", "z"}
    if not need <= set(key.columns):
        return {"shards": 0, "suggest": {}}
    key["_z"] = pd.to_numeric(key["z"], errors="coerce").fillna(0.0)
    key = key.sort_values(["group", "_z", "term"], ascending=[True, False, True], kind="mergesort")
    key["_rank"] = key.groupby("group").cumcount() + 1
    size = key.groupby("group")["term"].transform("size")
    fields = [c for c in ("count_in_group", "count_in_rest", "log_odds", "z") if c in key.columns]
    terms: dict[str, dict] = {}
    for row, rank, n in zip(key.to_dict("records"), key["_rank"], size, strict=True):
        terms.setdefault(row["term"], {})[row["group"]] = [
            *(row[f] for f in fields),
            int(rank),
            int(n),
        ]
    total = len(json.dumps(terms, ensure_ascii=False).encode("utf-8"))
    shards = sd.shard_count(total)
    parts: list[dict] = [{} for _ in range(shards)]
    for term in sorted(terms):
        parts[sd.term_shard(term, shards)][term] = terms[term]
    for k, part in enumerate(parts):
        io.write_text(data / "k" / f"{k}.js", sd.js_payload(f"k/{k}", {"terms": part}))
    suggest = {g: part["term"].head(8).tolist() for g, part in key.groupby("group", sort=True)}
    return {"shards": shards, "fields": [*fields, "rank", "of"], "suggest": suggest}
