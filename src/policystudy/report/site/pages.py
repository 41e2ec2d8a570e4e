"""The site's pages: the frame every page shares (navigation, content security policy) and
the bodies of the index pages."""

from __future__ import annotations

import html
from pathlib import Path

from policystudy.core import io

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


def page(
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


def esc(x: object) -> str:
    return html.escape(str(x), quote=True)


def tables_body(tables: list[dict]) -> str:
    rows = "\n".join(
        f'<tr><td><a href="tables/{esc(t["name"])}.html">{esc(t["name"])}</a></td>'
        f'<td class="num">{t["rows"]:,}</td><td class="num">{len(t["columns"])}</td>'
        f'<td class="num">{t["bytes"]:,}</td><td class="cols">{esc(", ".join(t["columns"]))}</td>'
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


def figures_body(figures: list[tuple[str, str]]) -> str:
    items = "\n".join(
        f'<figure id="{esc(name[:-4])}"><img src="figures/{esc(name)}" alt="{esc(caption)}" '
        f'loading="lazy"><figcaption><b>{esc(name)}</b> {esc(caption)}</figcaption></figure>'
        for name, caption in figures
    )
    return f"<h1>Figures</h1>\n{items or '<p>No figures in this output folder.</p>'}"


def notebooks_body(nbs: list[tuple[str, str]]) -> str:
    items = "\n".join(
        f'<li><a href="notebooks/{esc(stem)}.html">{esc(stem)}</a> {esc(title)}</li>'
        for stem, title in nbs
    )
    return (
        "<h1>Notebooks</h1>\n<p>The notebooks as executed by this run of "
        "<code>policystudy run</code> (timings and the run's folders left out, so that two "
        f"runs render the same pages).</p>\n<ul>\n{items}\n</ul>"
    )
