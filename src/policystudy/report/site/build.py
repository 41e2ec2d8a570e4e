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

import shutil
from collections.abc import Iterable
from pathlib import Path

from policystudy.core import defaults, io
from policystudy.report.site import data as sd
from policystudy.report.site import render
from policystudy.report.site.explorer import write_explorer
from policystudy.report.site.files import (
    copy_figures,
    copy_static,
    subset_font,
    write_notebooks,
    write_tables,
)
from policystudy.report.site.pages import (
    EXPLORER_BODY,
    figures_body,
    notebooks_body,
    page,
    tables_body,
)

__all__ = ["SITE_FOLDER", "build_site", "site_index"]

SITE_FOLDER = "reports/site"
# The file that marks a folder as written by this module (only such a folder is replaced).
MARKER = "assets/site.js"


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
    group_by: str = defaults.GROUP_BY,
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
    copy_static(site)
    figures = copy_figures(out / "figures", site / "figures")
    tables = write_tables(proc, site)
    meta = write_explorer(proc, site, group_by=group_by, taxonomy=taxonomy)
    meta["tables"] = [t["name"] for t in tables]
    io.write_text(site / "data" / "meta.js", sd.js_payload("meta", meta))
    nbs = write_notebooks([Path(p) for p in notebooks], site, figures={f for f, _ in figures})
    findings = out / "reports" / "findings.md"
    report = (
        render.markdown_html(findings.read_text(encoding="utf-8"))
        if findings.is_file()
        else "<p>No findings report in this output folder: run <code>policystudy run</code>.</p>"
    )
    page(site / "index.html", "Findings", report, active="index", cls="report")
    page(site / "explorer.html", "Explorer", EXPLORER_BODY, active="explorer", data=True)
    page(site / "tables.html", "Tables", tables_body(tables), active="tables")
    page(site / "figures.html", "Figures", figures_body(figures), active="figures")
    page(site / "notebooks.html", "Notebooks", notebooks_body(nbs), active="notebooks")
    subset_font(site)
    return site / "index.html"
