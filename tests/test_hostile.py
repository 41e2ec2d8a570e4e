"""Hostile and odd manifest metadata, through the whole pipeline and in a real browser.

A manifest is user input: a region named ``<script>alert(1)</script>`` must be shown as
those characters everywhere (report, site pages, explorer, notebook pages), never run.
``hostile_run`` runs ``policystudy run`` once on such a corpus; the browser test opens every
page of its site in headless Chromium with ``alert``/``confirm``/``prompt`` hooked before any
page script runs, and counts calls, inline scripts, event-handler attributes and
content-security-policy violations.
"""

from __future__ import annotations

import csv
import shutil
from html import escape
from pathlib import Path

import pytest

from policystudy.core import io
from policystudy.workflow import paths, pipeline
from tests.test_site import CHROMEDRIVER, CHROMIUM

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = '"><svg onload=alert(1)>'
BREAKOUT = "</script><script>alert(1)</script><!--"
TEMPLATE = "{{7*7}}"
MARKDOWN = "*bold* _it_ `code` [x](javascript:alert(1)) a|b"
# The grouping column ``area``: two spellings of Liaoning that differ only by a soft hyphen
# and a bidirectional override, a blank, a zero-width space and a BOM.
ROWS = [
    # doc_id, seed file, region, area, place, genre, year
    ("010", "liaoning_dalian", IMG, "Liao\u00adning", "010", MARKDOWN, "2021"),
    ("001", "jilin_changbaishan", SCRIPT, "Liaoning", TEMPLATE, BREAKOUT, "010"),
    ("10", "tianjin_bonded_zone", TEMPLATE, SCRIPT, SVG, "gov\u202eroper", "2022"),
    ("js", "jiangsu_lianyungang", "Jiang\u200bsu\ufeff", IMG, "place\u2066x\u2069", "", "2021"),
    ("blank", "jiangsu_changzhou_xinbei", "Jiangsu", "", "", "", ""),
    ("nums", None, "Numbers", TEMPLATE, "", "numbers only", "2020"),
]
HOSTILE = (SCRIPT, IMG, SVG, BREAKOUT, TEMPLATE, MARKDOWN)
NUMBERS_ONLY = "\n".join(f"{i}{i * 7}.{i}" for i in range(100, 160)) + "\n"


def hostile_manifest(folder: Path) -> Path:
    """Write the hostile corpus (seed texts, one numbers-only file) and its manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "manifest.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "file", "region", "area", "place", "genre", "year"])
        for doc, seed, *meta in ROWS:
            name = f"{doc}.txt"
            if seed:
                shutil.copy(paths.RAW / f"{seed}.txt", folder / name)
            else:
                (folder / name).write_text(NUMBERS_ONLY, encoding="utf-8")
            w.writerow([doc, name, *meta])
    return path


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """``policystudy run --manifest <tmp>/manifest.csv --out <tmp>/out``, grouped by ``area``."""
    tmp = tmp_path_factory.mktemp("hostile")
    manifest = hostile_manifest(tmp / "corpus")
    out = tmp / "out"
    pipeline.run(
        manifest=manifest, out_dir=out,
        # Escaping is under test, not the statistics: no extra specification codings either.
        overrides={"group_by": "area", "n_bootstrap": "20", "specification_recode": "false"},
        progress=False,
    )  # fmt: skip
    return out


# --- 1. values from the user's data are text wherever they are rendered --------------------------

_ESCAPE_CASES = [
    # value, what the rendered HTML shows
    (SCRIPT, "&lt;script&gt;alert(1)&lt;/script&gt;"),
    (IMG, "&lt;img src=x onerror=alert(1)&gt;"),
    (TEMPLATE, "{{7*7}}"),
    ("*养老*服务", "*养老*服务"),
    ("_社保_卡", "_社保_卡"),
    ("`code`", "`code`"),
    ("a|b", "a|b"),
    ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
    ("~~删除~~", "~~删除~~"),
    ("&lt;b&gt;", "&amp;lt;b&amp;gt;"),
    ("# 标题", "# 标题"),
    ("1. 条", "1. 条"),
    ("反斜杠\\*", "反斜杠\\*"),
]


@pytest.mark.parametrize(("value", "shown"), _ESCAPE_CASES)
def test_markdown_values_read_as_their_characters(value, shown):
    from policystudy.core.markdown import md_cell, md_code, md_text
    from policystudy.report.site import render

    text = render.markdown_html(f"- **{md_text(value)}** 辽宁\n")
    assert text == f"<ul>\n<li><strong>{shown}</strong> 辽宁</li>\n</ul>\n"
    table = render.markdown_html(f"| 组 | n |\n|---|---|\n| {md_cell(value)} | 1 |\n")
    assert f"<td>{shown}</td>" in table and table.count("<td>") == 2
    assert render.markdown_html(md_code(value)) == f"<p><code>{shown}</code></p>\n"


def test_report_sections_escape_groups_documents_and_metadata():
    import pandas as pd

    from policystudy.report import findings
    from policystudy.report.site import render

    overview = pd.DataFrame(
        {"doc_id": ["a`1", "010"], "region": [SCRIPT, TEMPLATE], "place": [IMG, "010"],
         "genre": [MARKDOWN, ""], "year": ["010", "2021"], "chars": [10, 20],
         "removed_lines": [0, 0]}
    )  # fmt: skip
    html = render.markdown_html(findings.corpus_summary(overview, "region"))
    assert SCRIPT not in html and IMG not in html and "<em>" not in html
    assert "<strong>{{7*7}}</strong>" in html and "<code>a`1</code>" in html
    assert "(&lt;img src=x onerror=alert(1)&gt;, *bold* _it_" in html and "(010, 2021)" in html
    keyness = pd.DataFrame({"group": [SCRIPT], "term": ["社保*卡*"], "z": [2.5]})
    html = render.markdown_html(findings.keyness_lines(keyness))
    assert "<strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>: 社保*卡*" in html


def test_notebook_markdown_output_is_rendered_as_text():
    from policystudy.report.site import render

    out = {"output_type": "execute_result", "execution_count": 1, "metadata": {},
           "data": {"text/markdown": f"- **{IMG}** ![f](<out>/figures/a.png)", "text/plain": "M"}}  # fmt: skip
    nb = {"metadata": {}, "cells": [{"cell_type": "code", "metadata": {}, "source": "Markdown(r)",
                                     "outputs": [out], "execution_count": 1}]}  # fmt: skip
    data = render.clean_notebook(nb, figures=set())["cells"][0]["outputs"][0]["data"]
    assert "text/markdown" not in data
    assert (
        "&lt;img src=x onerror=alert(1)&gt;" in data["text/html"] and IMG not in data["text/html"]
    )
    assert 'src="../figures/a.png"' in data["text/html"]


@pytest.mark.parametrize("value", [BREAKOUT, "<!--<script>", "\u2028", "a&b>"])
def test_data_files_hold_no_markup(value):
    import json

    from policystudy.report.site import data

    text = data.js_payload("t/0", {"rows": [[value]]})
    assert not set("<>&\u2028") & set(text)
    assert json.loads(text[len('PS.put("t/0",') : -len(");\n")]) == {"rows": [[value]]}


def test_svg_figures_hold_user_values_as_text(tmp_path):
    import xml.etree.ElementTree as ET

    import matplotlib.pyplot as plt

    from policystudy.report import plots

    plots.setup()
    fig, ax = plt.subplots()
    ax.set_title(SCRIPT + IMG + BREAKOUT)
    ax.bar([SVG, "辽宁"], [1, 2])
    svg = next(p for p in plots.save_figure(fig, tmp_path, "h", notebook="t", function="f",
                                            caption=SCRIPT) if p.suffix == ".svg")  # fmt: skip
    plt.close(fig)
    root = ET.parse(svg).getroot()  # well-formed: no value ended a comment or an element
    tags = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
    attrs = {a for el in root.iter() for a in el.attrib}
    assert "script" not in tags and "foreignObject" not in tags
    assert not [a for a in attrs if a.lower().startswith("on")]


# --- 2. a corrupt font cache is dropped and rebuilt ------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["truncate", "garble", "empty"])
def test_a_corrupt_font_cache_is_dropped_and_rebuilt(tmp_path, monkeypatch, damage):
    from fontTools.ttLib import TTFont

    from policystudy.report.site import render

    monkeypatch.setenv("POLICYSTUDY_CACHE", str(tmp_path / "cache"))
    chars = "民生保障社保卡"
    render.subset_font(chars, tmp_path / "good.woff")
    good = (tmp_path / "good.woff").read_bytes()
    (cached,) = (tmp_path / "cache" / "site-fonts").glob("*.woff")
    assert cached.with_suffix(".sha256").is_file()
    data = cached.read_bytes()
    cached.write_bytes(
        {"truncate": data[: len(data) // 2], "garble": data[:200] + b"\0" * (len(data) - 200),
         "empty": b""}[damage]
    )  # fmt: skip
    with pytest.warns(RuntimeWarning, match="corrupt: dropped and rebuilt"):
        render.subset_font(chars, tmp_path / "site" / "cjk.woff")
    published = (tmp_path / "site" / "cjk.woff").read_bytes()
    assert published == good and cached.read_bytes() == good
    cmap = TTFont(tmp_path / "site" / "cjk.woff").getBestCmap()
    assert all(ord(c) in cmap for c in chars)


@pytest.mark.slow
def test_a_font_cache_without_its_digest_is_rebuilt_quietly(tmp_path, monkeypatch, recwarn):
    from policystudy.report.site import render

    monkeypatch.setenv("POLICYSTUDY_CACHE", str(tmp_path / "cache"))
    render.subset_font("民生", tmp_path / "a.woff")
    (digest,) = (tmp_path / "cache" / "site-fonts").glob("*.sha256")
    digest.unlink()  # as an earlier version left it; the font itself cut short
    font = digest.with_suffix(".woff")
    font.write_bytes(font.read_bytes()[:100])
    render.subset_font("民生", tmp_path / "b.woff")
    assert (tmp_path / "b.woff").read_bytes() == (tmp_path / "a.woff").read_bytes()
    assert digest.is_file() and not [w for w in recwarn if "corrupt" in str(w.message)]


# --- 4, 8. blank groups and invisible characters in metadata --------------------------------------


@pytest.mark.parametrize(
    ("written", "used"),
    [
        ("Liao\u00adning", "Liaoning"),  # soft hyphen
        ("\u202eTianjin", "Tianjin"),  # right-to-left override
        ("辽\u200b宁\u200d", "辽宁"),  # zero-width space and joiner
        ("\ufeff江苏", "江苏"),  # byte-order mark inside a value
        ("吉\u2066林\u2069", "吉林"),  # bidirectional isolate
        ("天津\u200f\u061c", "天津"),  # right-to-left and Arabic letter marks
        ("大连\x07", "大连"),  # a control character
        ("遼寧", "辽宁"),  # still normalised as before
        ("长白山 保护开发区", "长白山 保护开发区"),
    ],
)
def test_invisible_characters_are_removed_from_metadata(written, used):
    from policystudy.ingest.corpus import normalize_value

    assert normalize_value(written) == used


def _small_manifest(folder: Path, rows: list[tuple[str, str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "manifest.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "file", "region", "genre"])
        for i, (doc, region, genre) in enumerate(rows):
            seed = ("liaoning_dalian", "jilin_changbaishan", "tianjin_bonded_zone")[i % 3]
            shutil.copy(paths.RAW / f"{seed}.txt", folder / f"{i}.txt")
            w.writerow([doc, f"{i}.txt", region, genre])
    return path


def test_invisible_characters_no_longer_split_groups_and_are_audited(tmp_path):
    from policystudy.ingest import corpus

    manifest = _small_manifest(
        tmp_path,
        [("a", "Liao\u00adning", "plan"), ("b", "Liaoning", "plan"), ("c", "\u202eJilin", "x")],
    )
    meta = corpus.read_manifest(manifest)
    assert sorted(set(meta["region"])) == ["Jilin", "Liaoning"]
    audit = corpus.manifest_audit(manifest)
    assert audit[["row", "doc_id", "column", "written", "value"]].values.tolist() == [
        [2, "a", "region", "Liao<U+00AD>ning", "Liaoning"],
        [4, "c", "region", "<U+202E>Jilin", "Jilin"],
    ]
    assert audit["change"].tolist()[1] == (
        "removed invisible characters: U+202E RIGHT-TO-LEFT OVERRIDE"
    )


@pytest.mark.parametrize("region", ["\u200b", "\u202e\u200f", "\ufeff "])
def test_a_region_of_invisible_characters_only_is_refused_as_empty(tmp_path, region):
    from policystudy.ingest import corpus

    manifest = _small_manifest(tmp_path, [("a", region, "plan"), ("b", "Jilin", "plan")])
    with pytest.raises(corpus.CorpusError, match=r"row 2: empty region"):
        corpus.read_manifest(manifest)


def test_a_blank_grouping_value_is_the_group_blank(tmp_path):
    from policystudy.ingest import corpus, preprocess

    manifest = _small_manifest(
        tmp_path, [("a", "Liaoning", ""), ("b", "Jilin", "plan"), ("c", "Jilin", "\u200b")]
    )
    docs = corpus.label_blank_groups(corpus.load_corpus(manifest), "genre")
    tables = preprocess.prepare(docs)
    assert tables.overview.set_index("doc_id")["genre"].to_dict() == {
        "a": "(blank)", "b": "plan", "c": "(blank)"
    }  # fmt: skip
    assert set(tables.paragraphs["genre"]) == {"(blank)", "plan"}
    audit = corpus.manifest_audit(manifest, group_by="genre")
    assert audit[["doc_id", "value"]].values.tolist() == [["a", "(blank)"], ["c", "(blank)"]]
    assert "U+200B" in audit["change"].iloc[1] and "(blank)" in audit["change"].iloc[1]


# --- 5, 6. ids stay text, no nan% ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["010", "2"], ["010", "2"]),
        (["007", ""], ["007", ""]),
        (["+5", "1"], ["+5", "1"]),
        (["1.50", "2"], ["1.50", "2"]),
        (["2021", "2022"], [2021.0, 2022.0]),
        (["0.25", ""], [0.25, None]),
    ],
)
def test_report_reads_metadata_as_written(cells, expected):
    import pandas as pd

    from policystudy.report import findings

    got = findings.numeric_columns(pd.DataFrame({"cohort": cells}, dtype=str))["cohort"]
    assert [None if (isinstance(v, float) and v != v) else v for v in got] == expected


def test_report_shows_metadata_010_as_010():
    import pandas as pd

    from policystudy.report import findings

    overview = pd.DataFrame(
        {"doc_id": ["d1", "d2"], "region": ["辽宁", "吉林"], "place": ["010", "大连"],
         "year": ["010", ""], "chars": ["10", "20"], "removed_lines": ["0", "0"]}, dtype=str
    )  # fmt: skip
    text = findings.corpus_summary(findings.numeric_columns(overview, keep={"region"}), "region")
    assert "`d1` (010, 010)" in text and "`d2` (大连)" in text


def test_no_nan_percent_for_a_document_without_topic_weight():
    import pandas as pd

    from policystudy.report import findings

    prevalence = pd.DataFrame(
        {"group": ["Numbers", "Numbers", "辽宁", "辽宁"], "topic": [1, 2, 1, 2],
         "label": ["健康", "就业"] * 2, "prevalence": [float("nan"), float("nan"), 0.7, 0.3],
         "ci_low": [None] * 4, "ci_high": [None] * 4, "n_documents": [1] * 4,
         "resampled": [""] * 4}
    )  # fmt: skip
    text = findings.topic_lines(prevalence, min_documents=5)
    assert "nan" not in text
    assert "- **Numbers**: no topic; its text holds no term of the topic vocabulary" in text
    assert findings.pct(float("nan")) == "–"


# --- the whole pipeline -------------------------------------------------------------------------


@pytest.mark.pipeline
@pytest.mark.slow
def test_hostile_report_shows_user_values_as_text(hostile_run):
    from policystudy.report.site import render

    md = (hostile_run / "reports" / "findings.md").read_text(encoding="utf-8")
    html = render.markdown_html(md)
    for value in (SCRIPT, IMG, SVG):
        assert value not in html
        assert escape(value) in html
    # Emphasis, code spans and links of a value are its characters, not Markdown.
    assert "{{7<em>7}}" not in html and "{{7*7}}" in html
    assert "<em>bold</em>" not in html and "*bold* _it_" in html
    assert 'href="javascript' not in html
    assert "nan%" not in md and "****" not in md and "The  document" not in md


@pytest.mark.pipeline
@pytest.mark.slow
def test_hostile_groups_are_merged_blank_labelled_and_audited(hostile_run):
    proc = hostile_run / "data" / "processed"
    overview = io.read_table(proc / "corpus_overview.csv")
    groups = sorted(set(overview["area"]))
    assert groups == sorted(["Liaoning", SCRIPT, IMG, TEMPLATE, "(blank)"])
    assert overview.set_index("doc_id").loc["js", "region"] == "Jiangsu"
    assert overview.set_index("doc_id").loc["001", "year"] == "010"
    audit = io.read_table(proc / "manifest_audit.csv")
    changed = {(r.doc_id, r.column): r.change for r in audit.itertuples()}
    assert "U+00AD" in changed["010", "area"] and "U+202E" in changed["10", "genre"]
    assert "U+200B" in changed["js", "region"] and "U+FEFF" in changed["js", "region"]
    assert "(blank)" in changed["blank", "area"]
    md = (hostile_run / "reports" / "findings.md").read_text(encoding="utf-8")
    assert "manifest_audit.csv" in md
    assert "(010," not in md.replace(" ", "") or "(10," not in md


# --- a real browser -----------------------------------------------------------------------------

# Installed before any script of a page runs (CDP Page.addScriptToEvaluateOnNewDocument):
# every dialog and every content-security-policy violation is recorded on the window.
HOOK = """
window.__hostile = {dialogs: [], violations: []};
["alert", "confirm", "prompt", "print"].forEach(function (name) {
  window[name] = function (msg) { window.__hostile.dialogs.push(name + ":" + msg); return null; };
});
document.addEventListener("securitypolicyviolation", function (e) {
  window.__hostile.violations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sample);
});
"""

# What a page holds that could run: inline scripts and on* attributes.
PROBE = """
var inline = Array.prototype.filter.call(document.scripts, function (s) { return !s.src; });
var handlers = Array.prototype.filter.call(document.querySelectorAll("*"), function (e) {
  return Array.prototype.some.call(e.attributes, function (a) { return /^on/i.test(a.name); });
});
var csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
return {dialogs: window.__hostile.dialogs, violations: window.__hostile.violations,
        inline: inline.length, handlers: handlers.map(function (e) { return e.outerHTML.slice(0, 80); }),
        csp: csp ? csp.content : "", text: document.body ? document.body.innerText : ""};
"""


def site_pages(site: Path) -> list[str]:
    """Every page of a site, and the explorer's views on hostile values."""
    pages = sorted(site.glob("*.html")) + sorted((site / "tables").glob("*.html"))
    pages += sorted((site / "notebooks").glob("*.html"))
    urls = [p.as_uri() for p in pages]
    explorer = (site / "explorer.html").as_uri()
    for value in (SCRIPT, IMG, TEMPLATE, "社保卡"):
        from urllib.parse import quote

        urls.append(f"{explorer}#term={quote(value)}")
        urls.append(f"{explorer}#target=&q={quote(value)}")
    urls += [f"{explorer}#domain=education", f"{explorer}#target="]
    return urls


def open_hooked(driver, url: str) -> dict:
    """Open ``url`` with the hook in place, let its scripts and data files run, probe it."""
    import time

    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")  # a new document even when only the fragment changes
    driver.get(url)
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )
    time.sleep(0.5)  # data files load after the page, onerror of a broken image fires late
    return driver.execute_script(PROBE)


@pytest.fixture(scope="module")
def hooked_browser(tmp_path_factory):
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium not installed")
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip(
            f"not found: {'chromium' if not CHROMIUM else ''} {'chromedriver' if not CHROMEDRIVER else ''}"
        )
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        f"--user-data-dir={tmp_path_factory.mktemp('chrome-hostile')}",
    ):  # fmt: skip
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOOK})
    yield driver
    driver.quit()


@pytest.mark.pipeline
@pytest.mark.slow
@pytest.mark.browser
def test_browser_no_page_of_the_hostile_site_runs_user_values(hooked_browser, hostile_run):
    site = hostile_run / "reports" / "site"
    found = {}
    urls = site_pages(site)
    assert len(urls) > 40 and any("/notebooks/05_findings.html" in u for u in urls)
    for url in urls:
        probe = open_hooked(hooked_browser, url)
        bad = {k: probe[k] for k in ("dialogs", "violations", "handlers") if probe[k]}
        if "script-src 'self'" not in probe["csp"]:
            bad["csp"] = probe["csp"]
        if probe["inline"]:
            bad["inline"] = probe["inline"]
        if url.endswith("/index.html"):  # shown as its characters, not dropped
            missing = [v for v in (SCRIPT, IMG, TEMPLATE) if v not in probe["text"]]
            if missing:
                bad["not shown"] = missing
        if bad:
            found[url.rsplit("/", 1)[-1]] = bad
    dialogs = sum(len(b.get("dialogs", [])) for b in found.values())
    assert found == {}, f"{dialogs} dialog(s) fired"
