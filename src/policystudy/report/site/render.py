"""Rendering for the site: the report's Markdown, its links, the notebooks and the CJK font.

Examples
--------
>>> site_href("../data/processed/priorities.csv#domain=elderly_care&group=%E8%BE%BD%E5%AE%81")
'tables/priorities.html#domain=elderly_care&group=%E8%BE%BD%E5%AE%81'
>>> site_href("../figures/priority_heatmap.png"), site_href("https://example.org/a")
('figures/priority_heatmap.png', 'https://example.org/a')
>>> site_href("../README.md"), site_href("#corpus")
('../../README.md', '#corpus')
"""

from __future__ import annotations

import copy
import hashlib
import html
import io as stdio
import json
import re
import sys
import warnings
from pathlib import Path

import mistune

from policystudy.core import io
from policystudy.core.resources import PACKAGE_DIR, cache_dir, marked_folder

__all__ = [
    "clean_notebook",
    "markdown_html",
    "notebook_exporter",
    "notebook_html",
    "rewrite_links",
    "site_href",
    "subset_font",
]

# --- links -----------------------------------------------------------------------------------

# A link of the report (written relative to reports/) to a table or a figure of the run.
_TABLE_LINK = re.compile(r"^(?:\.\./)?data/processed/(?P<name>[^/#?]+)\.csv(?P<frag>#.*)?$")
_FIGURE_LINK = re.compile(r"^(?:\.\./)?figures/(?P<name>[^/#?]+\.png)$")
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|#|/)", re.IGNORECASE)
_ATTR = re.compile(r'(?P<attr>\b(?:href|src))="(?P<url>[^"]*)"')


def site_href(url: str) -> str:
    """Where a link of ``reports/findings.md`` points from ``reports/site/index.html``.

    A table link (``../data/processed/<table>.csv#col=value&…``, as written by
    :func:`policystudy.report.links.cite`) becomes the site's page of that table with the same
    filter; a figure link its copy in the site; any other relative link moves one folder up.
    """
    m = _TABLE_LINK.match(url)
    if m:
        return f"tables/{m['name']}.html{m['frag'] or ''}"
    m = _FIGURE_LINK.match(url)
    if m:
        return f"figures/{m['name']}"
    if _ABSOLUTE.match(url):
        return url
    return "../" + url


def rewrite_links(fragment: str, *, href=None) -> str:
    """Apply ``href`` (default :func:`site_href`) to every ``href``/``src`` attribute of an
    HTML fragment."""
    href = href or site_href

    def repl(m: re.Match) -> str:
        url = href(html.unescape(m["url"]))
        return f'{m["attr"]}="{html.escape(url, quote=True)}"'

    return _ATTR.sub(repl, fragment)


def markdown_html(text: str, *, href=None) -> str:
    """The report's Markdown as an HTML fragment, its links pointing into the site.

    Raw HTML in the Markdown is shown as text, never passed through: the report is written
    from the user's tables, and a region named ``<script>…`` must not run in the site.

    Parameters
    ----------
    href : callable, keyword-only
        Where a link or image of the Markdown points from the page (default
        :func:`site_href`, for ``index.html``).

    Examples
    --------
    >>> markdown_html("养老 [21.6%](../data/processed/priorities.csv#domain=elderly_care)")
    '<p>养老 <a href="tables/priorities.html#domain=elderly_care">21.6%</a></p>\\n'
    >>> markdown_html("**<img src=x onerror=alert(1)>** 辽宁")
    '<p><strong>&lt;img src=x onerror=alert(1)&gt;</strong> 辽宁</p>\\n'
    """
    render = mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])
    return rewrite_links(render(text), href=href)


# --- notebooks ---------------------------------------------------------------------------------

_SAVE_FIGURE = re.compile(r"save_figure\(\s*\w+\s*,\s*[\"']([\w.-]+)[\"']")
_FIGURE_REPR = re.compile(r"^<Figure size [^>]*>$")
_STRING_ASSIGN = re.compile(r"^(?P<name>\w+) = \"(?P<value>/[^\"]*)\"$", re.MULTILINE)
_REPO = PACKAGE_DIR.parent.parent


def _portable(path: str) -> str:
    # As in the provenance: inside a project folder (found from the file upwards) relative to
    # it, elsewhere the file name, so that a checkout, another clone and an installed package
    # render the same page.
    p = Path(path).resolve()
    folder = marked_folder(p.parent)
    return p.relative_to(folder).as_posix() if folder is not None else p.name


def clean_notebook(nb: dict, *, figures: set[str]) -> dict:
    """An executed notebook without what differs between two runs of the same code and data.

    Drops timing and papermill metadata, writes the injected paths as the provenance does
    (``out_dir`` as ``<out>``), removes them from outputs, and shows a figure the cell saved
    as a link to its file in the site rather than a second copy of its pixels.
    """
    nb = copy.deepcopy(nb)
    nb["metadata"] = {k: v for k, v in nb.get("metadata", {}).items() if k == "kernelspec"}
    replace: dict[str, str] = {}
    for i, cell in enumerate(nb["cells"]):
        # papermill gives the cell it injects a random id; number every cell instead.
        if "id" in cell:
            cell["id"] = f"cell-{i:03d}"
        if isinstance(cell.get("source"), list):
            cell["source"] = "".join(cell["source"])
        tags = cell.get("metadata", {}).get("tags", [])
        cell["metadata"] = {"tags": tags} if tags else {}
        if "injected-parameters" in tags:
            src = "".join(cell["source"])
            for m in _STRING_ASSIGN.finditer(src):
                shown = "<out>" if m["name"] == "out_dir" else _portable(m["value"])
                replace[m["value"]] = shown
            for old, new in sorted(replace.items(), key=lambda kv: -len(kv[0])):
                src = src.replace(f'"{old}"', f'"{new}"')
            cell["source"] = src
    # A warning or a traceback may name the checkout or the environment: another clone (CI)
    # must render the same page.
    replace.setdefault(str(_REPO) + "/", "")
    replace.setdefault(sys.prefix + "/", "<python>/")
    order = sorted(replace.items(), key=lambda kv: -len(kv[0]))
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        cell["execution_count"] = cell.get("execution_count")
        names = list(dict.fromkeys(_SAVE_FIGURE.findall("".join(cell["source"]))))
        # Whether and how often a figure appears among the outputs depends on matplotlib's
        # backend in the kernel (inline shows it, again at the end of the cell; Agg shows
        # only "<Figure size …>"). A cell that saved its figures therefore shows each of them
        # once, after its other outputs, from the site's copy; other images keep their pixels.
        link = bool(names) and all(f"{n}.png" in figures for n in names)
        outputs: list[dict] = []
        for out in cell.get("outputs", []):
            out = json.loads(_scrub(json.dumps(out, ensure_ascii=False), order))
            if "metadata" in out:
                out["metadata"] = {}
            data = out.get("data", {})
            if "text/markdown" in data:
                # nbconvert renders Markdown outputs with raw HTML passed through; the report
                # shown by 05_findings names the user's groups, so it is rendered here, safely.
                md = "".join(data.pop("text/markdown"))
                # Links into the run's folder were written as <out>/…, which Markdown cannot
                # read as a link target: relative to the output root, they resolve.
                md = md.replace("](<out>/", "](")
                data["text/html"] = markdown_html(md, href=_notebook_href)
            if link and ("image/png" in data or _FIGURE_REPR.match(str(data.get("text/plain")))):
                continue
            # The kernel flushes stdout on a timer, so one print may arrive as two stream
            # outputs, split wherever the flush fell (CI saw 「-」 apart from its line under
            # load): consecutive chunks of one stream are one output.
            last = outputs[-1] if outputs else None
            if (
                out.get("output_type") == "stream"
                and last is not None
                and last.get("output_type") == "stream"
                and last.get("name") == out.get("name")
            ):
                last["text"] = _joined(last["text"]) + _joined(out["text"])
                continue
            outputs.append(out)
        if link:
            outputs += [_figure_output(n) for n in names]
        cell["outputs"] = outputs
    return nb


def _joined(text: str | list[str]) -> str:
    """A stream's text, whether stored as one string or as the JSON's list of lines."""
    return text if isinstance(text, str) else "".join(text)


_ANY_FIGURE = re.compile(r"^(?:.*/)?figures/(?P<name>[^/#?]+\.png)$")


def _notebook_href(url: str) -> str:
    """Where a link of a notebook's Markdown output points from ``notebooks/<nb>.html``.

    Examples
    --------
    >>> _notebook_href("<out>/figures/corpus_lengths.png")
    '../figures/corpus_lengths.png'
    >>> _notebook_href("../data/processed/keyness.csv#group=A"), _notebook_href("#x")
    ('../tables/keyness.html#group=A', '#x')
    """
    m = _ANY_FIGURE.match(url)
    url = f"figures/{m['name']}" if m else site_href(url)
    return url if _ABSOLUTE.match(url) else "../" + url


def _figure_output(name: str) -> dict:
    img = f'<img src="../figures/{name}.png" alt="figure {name}">'
    cap = f'<p class="figlink">figures/{name}.png</p>'
    return {"output_type": "display_data", "metadata": {}, "data": {"text/html": img + cap}}


def _scrub(text: str, order: list[tuple[str, str]]) -> str:
    for old, new in order:
        text = text.replace(old, new)
    return text


def notebook_exporter():
    """The nbconvert exporter of :func:`notebook_html` (``basic`` template, no anchor links).

    One exporter serves every notebook of a site: each new one loads and compiles its
    templates again (about a third of the site's build time).
    """
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="basic")
    exporter.exclude_anchor_links = True
    return exporter


def notebook_html(path: Path, *, figures: set[str], exporter=None) -> str:
    """An executed notebook as an HTML fragment (nbconvert's ``basic`` template, no scripts);
    ``exporter``: one from :func:`notebook_exporter` (a new one if not given)."""
    import nbformat

    # nbformat joins the multi-line sources and outputs that the JSON stores as lists.
    raw = nbformat.reads(Path(path).read_text(encoding="utf-8"), as_version=4)
    nb = nbformat.from_dict(clean_notebook(raw, figures=figures))
    body, _ = (exporter or notebook_exporter()).from_notebook_node(nb)
    # The basic template may still ask for require.js or MathJax from a CDN; the site works
    # offline, so no remote script is kept.
    body = re.sub(r"<script[^>]*\bsrc=\"https?://[^\"]*\"[^>]*>\s*</script>", "", body)
    return body


# --- font --------------------------------------------------------------------------------------


def _font_ok(path: Path) -> bool:
    """Whether a cached font is whole: its bytes have the sha256 recorded beside it when it was
    written (``<name>.sha256``), and it parses as a font, every table decompiled."""
    from fontTools.ttLib import TTFont

    sidecar = path.with_suffix(".sha256")
    if not path.is_file() or not sidecar.is_file():
        return False
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sidecar.read_text(encoding="ascii").strip():
        return False
    try:
        font = TTFont(stdio.BytesIO(data), lazy=False)
        font.ensureDecompiled()
        return bool(font.getBestCmap())
    except Exception:  # fontTools raises many kinds of errors on a broken file
        return False


def subset_font(chars: str, dest: Path) -> int:
    """Write a WOFF subset of Noto Sans CJK SC holding ``chars``; return its size in bytes.

    The full font is 16 MB; the subset holds only the characters the site shows. Subsetting
    takes seconds, so the result is cached by the characters and the font file.
    """
    from fontTools import subset
    from fontTools import version as ft_version
    from fontTools.ttLib import TTFont

    from policystudy.report.plots import cjk_font_path

    font_path = cjk_font_path()
    text = "".join(sorted(set(chars)))
    digest = hashlib.sha256(
        f"{font_path.name}|{font_path.stat().st_size}|{ft_version}|bbox-kept|".encode()
        + text.encode()
    ).hexdigest()[:32]
    cached = cache_dir() / "site-fonts" / f"{digest}.woff"
    if cached.is_file() and not _font_ok(cached):
        # A crash, a full disk or another program can leave a cut or changed file; published,
        # it would draw no Chinese. A font without a digest was written by an earlier version:
        # rebuilt without a warning, as nothing is wrong with it that the user could fix.
        if cached.with_suffix(".sha256").is_file():
            warnings.warn(
                f"font cache {cached.name} is corrupt: dropped and rebuilt",
                RuntimeWarning,
                stacklevel=2,
            )
        cached.unlink()
    if not cached.is_file():
        # The full font's bounding boxes still bound the subset's glyphs; recomputing them
        # was half of the subsetting time (7.4 s -> 4.0 s for the 2 300 characters of 10 MB).
        font = TTFont(str(font_path), recalcTimestamp=False, recalcBBoxes=False, lazy=True)
        options = subset.Options()
        options.flavor = "woff"
        options.hinting = False
        options.name_IDs = ["*"]
        options.notdef_outline = True
        sub = subset.Subsetter(options)
        sub.populate(text=text)
        sub.subset(font)
        buf = stdio.BytesIO()
        font.flavor = "woff"
        font.save(buf, reorderTables=True)
        font.close()  # the lazily read 16 MB font file stays open otherwise
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        tmp.write_bytes(buf.getvalue())
        # The digest first: a font without its digest is rebuilt, never trusted.
        io.write_text(
            cached.with_suffix(".sha256"), hashlib.sha256(buf.getvalue()).hexdigest() + "\n"
        )
        tmp.replace(cached)
    data = cached.read_bytes()
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data)
    return len(data)
