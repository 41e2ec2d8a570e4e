"""Inputs beyond .txt: tables of texts (CSV, XLSX, JSONL) and .docx, .html and .pdf files.

The tests make their own small files from seed text; readers of the optional extra `formats`
that are missing skip the tests that need them, naming the package."""

import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from policystudy.core import io
from policystudy.ingest import cleaning, corpus, formats, preprocess, tables
from policystudy.workflow import paths, pipeline
from tests.conftest import run_cli, write_manifest

NB00 = [paths.NOTEBOOKS / "00_corpus.ipynb"]


def _need(module: str, package: str):
    return pytest.importorskip(
        module, reason=f"needs {package} (pip install 'policystudy[formats]')"
    )


def _paragraphs(name: str, start: int, stop: int) -> list[str]:
    lines = [x.strip() for x in (paths.RAW / name).read_text(encoding="utf-8").splitlines()]
    return [x for x in lines if x][start:stop]


DALIAN = "\n".join(_paragraphs("liaoning_dalian.txt", 8, 22))
TIANJIN = "\n".join(_paragraphs("tianjin_bonded_zone.txt", 1, 20))
CHANGBAI = "\n".join(_paragraphs("jilin_changbaishan.txt", 2, 20))
LIANYUNGANG = "\n".join(_paragraphs("jiangsu_lianyungang.txt", 3, 20))


# --- tables of texts ---------------------------------------------------------------------------


def _workbook(path: Path) -> Path:
    _need("openpyxl", "openpyxl")
    city = pd.DataFrame({"编号": ["001", "002"], "region": ["Liaoning", "Tianjin"],
                         "year": ["2021", "2018"], "正文": [DALIAN, TIANJIN]})  # fmt: skip
    prov = pd.DataFrame({"编号": ["010"], "region": ["Jilin"], "year": ["2022"],
                         "正文": [CHANGBAI]})  # fmt: skip
    with pd.ExcelWriter(path) as writer:
        city.to_excel(writer, sheet_name="市级", index=False)
        prov.to_excel(writer, sheet_name="省级", index=False)
    return path


def _jsonl(path: Path) -> Path:
    rows = [
        {"id": "001", "text": DALIAN, "region": "Liaoning", "year": 2021},
        {"id": "002", "text": TIANJIN, "region": "Tianjin", "year": 2018},
        {"id": "010", "text": LIANYUNGANG, "region": "Jiangsu", "year": 2021},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    return path


def test_workbook_sheets_become_one_table_with_a_sheet_column(tmp_path):
    table = tables.read_text_table(
        _workbook(tmp_path / "texts.xlsx"), id_column="编号", text_column="正文"
    )
    assert table["编号"].tolist() == ["001", "002", "010"]  # ids stay text: 001, not 1
    assert table["sheet"].tolist() == ["市级", "市级", "省级"]
    manifest = tables.import_table(
        tmp_path / "texts.xlsx", tmp_path / "corpus", id_column="编号", text_column="正文"
    )
    meta = corpus.read_manifest(manifest)
    assert meta.columns.tolist() == ["doc_id", "file", "region", "year", "sheet"]
    assert meta["doc_id"].tolist() == ["001", "002", "010"]
    assert (tmp_path / "corpus" / "texts" / "001.txt").read_text(encoding="utf-8") == DALIAN + "\n"


def test_jsonl_and_csv_tables(tmp_path):
    table = tables.read_text_table(_jsonl(tmp_path / "t.jsonl"), id_column="id")
    assert table["id"].tolist() == ["001", "002", "010"]
    assert table["year"].tolist() == ["2021", "2018", "2021"]
    csv_path = tmp_path / "t.csv"
    pd.DataFrame({"doc_id": ["001"], "region": ["Liaoning"], "text": [DALIAN]}).to_csv(
        csv_path, index=False
    )
    assert tables.is_text_table(csv_path) and not tables.is_text_table(paths.DEFAULT_MANIFEST)
    assert tables.read_text_table(csv_path)["doc_id"].tolist() == ["001"]


def test_bad_table_lists_every_problem_with_sheet_and_row(tmp_path):
    path = tmp_path / "t.jsonl"
    rows = [
        {"id": "a", "text": "健全社会救助体系。"},
        {"id": "a", "text": " "},
        {"id": "", "text": "x"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    with pytest.raises(corpus.CorpusError) as err:
        tables.read_text_table(path, id_column="id")
    assert err.value.problems == [
        "t.jsonl line 2: empty text (id 'a')",
        "t.jsonl line 3: empty id",
        "t.jsonl: duplicate id 'a' (line 1, line 2)",
    ]
    with pytest.raises(corpus.CorpusError, match=r"no text column '正文'.*--text-column"):
        tables.read_text_table(path, id_column="id", text_column="正文")
    (tmp_path / "bad.jsonl").write_text('{"id": "a"\n', encoding="utf-8")
    with pytest.raises(corpus.CorpusError, match=r"bad.jsonl line 1: not JSON"):
        tables.read_text_table(tmp_path / "bad.jsonl", id_column="id")


def test_import_command_writes_a_corpus_and_refuses_a_full_folder(tmp_path):
    table = _jsonl(tmp_path / "t.jsonl")
    result = run_cli("import", str(table), "--out", str(tmp_path / "c"), "--id-column", "id")
    assert result.returncode == 0, result.stderr
    assert "3 documents written" in result.stdout
    again = run_cli("import", str(table), "--out", str(tmp_path / "c"), "--id-column", "id")
    assert again.returncode == 2 and "is not empty" in again.stderr
    info = run_cli("info", "--manifest", str(table), "--id-column", "id")
    assert info.returncode == 0, info.stderr
    assert info.stdout.startswith("3 documents in 3 regions")


# --- .docx, .html, .pdf -------------------------------------------------------------------------

HTML = """<html><head><meta charset="gb18030"><title>大连</title></head><body>
<nav><a href="/">网站首页</a> | <a href="/zwgk">政务公开</a> | <a href="/hd">互动交流</a></nav>
<article><h1>共建共享幸福大连</h1>{paras}</article>
<footer>主办单位:大连市人民政府办公室 版权所有 备案号:辽ICP备00000000号</footer>
</body></html>"""


def _docx(path: Path, text: str) -> Path:
    docx = _need("docx", "python-docx")
    document = docx.Document()
    for para in text.splitlines():
        document.add_paragraph(para)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "城镇新增就业"
    table.rows[0].cells[1].text = "3.1万人"
    document.save(path)
    return path


def _html(path: Path, text: str) -> Path:
    _need("trafilatura", "trafilatura")
    paras = "".join(f"<p>{p}</p>" for p in text.splitlines())
    # Saved by a Chinese browser in GB18030: decoded like a .txt file.
    path.write_bytes(HTML.format(paras=paras).encode("gb18030"))
    return path


def _pdf(path: Path, text: str | None) -> Path:
    _need("pypdf", "pypdf")
    fpdf = _need("fpdf", "fpdf2")
    import mplfonts

    pdf = fpdf.FPDF()
    if text is None:  # a scan: one image per page, no text layer
        from PIL import Image

        image = path.with_suffix(".png")
        Image.new("L", (200, 280), 255).save(image)
        pdf.add_page()
        pdf.image(str(image), x=10, y=10, w=180)
    else:
        font = Path(mplfonts.__file__).parent / "fonts" / "SimHei.ttf"
        pdf.add_font("cjk", fname=str(font))
        pdf.set_font("cjk", size=12)
        for n, chunk in enumerate(text.split("\n\n"), 1):
            pdf.add_page()
            pdf.multi_cell(0, 8, chunk.replace("\n", "\n\n"))
            pdf.set_y(-20)
            pdf.cell(0, 8, f"- {n} -", align="C")
    pdf.output(str(path))
    return path


def test_docx_html_and_pdf_are_read_into_clean_paragraphs(tmp_path):
    # Three different texts: the same text twice would be cross-document boilerplate.
    folder = tmp_path / "c"
    folder.mkdir()
    _docx(folder / "dalian.docx", DALIAN)
    _html(folder / "changbai.html", CHANGBAI)
    pdf_pages = ["\n".join(_paragraphs("tianjin_bonded_zone.txt", 2, 6)),
                 "\n".join(_paragraphs("tianjin_bonded_zone.txt", 6, 8))]  # fmt: skip
    _pdf(folder / "tianjin.pdf", "\n\n".join(pdf_pages))
    manifest = write_manifest(folder, [
        {"doc_id": "w", "file": "dalian.docx", "region": "A"},
        {"doc_id": "h", "file": "changbai.html", "region": "B"},
        {"doc_id": "p", "file": "tianjin.pdf", "region": "C"},
    ])  # fmt: skip
    loaded = corpus.load_corpus(manifest)
    assert [d.encoding for d in loaded.documents] == ["docx", "gb18030", "pdf"]
    tabs = preprocess.prepare(loaded)
    paras = tabs.paragraphs.groupby("doc_id")["text"].apply("\n".join)
    for doc, text in (("w", DALIAN), ("h", CHANGBAI)):
        body = [p for p in cleaning.normalised_lines(text) if len(p) > 40]
        assert body and all(p in paras[doc] for p in body), doc
    assert loaded.documents[0].text.endswith("\n城镇新增就业 3.1万人")  # a table row
    # The page's navigation and footer are not content.
    assert "网站首页" not in paras["h"] and "备案号" not in paras["h"]
    # The PDF's lines, wrapped at the page width, are whole paragraphs again; its page
    # numbers are gone, and the audit says so.
    body = [p for p in cleaning.normalised_lines("\n".join(pdf_pages)) if len(p) > 60]
    assert body and all(p in paras["p"].split("\n") for p in body), paras["p"]
    audit = tabs.audit[tabs.audit["doc_id"] == "p"]
    assert audit.loc[audit["action"] == "removed", "reason"].tolist() == ["page_number"] * 2
    assert "broken_line:wrapped_line" in set(audit["reason"])


def test_scanned_pdf_and_broken_files_are_refused_naming_the_file(tmp_path):
    _pdf(tmp_path / "scan.pdf", None)
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    _need("docx", "python-docx")
    manifest = write_manifest(tmp_path, [
        {"doc_id": "s", "file": "scan.pdf", "region": "A"},
        {"doc_id": "b", "file": "broken.docx", "region": "B"},
    ])  # fmt: skip
    with pytest.raises(corpus.CorpusError) as err:
        corpus.load_corpus(manifest)
    scan, broken = err.value.problems
    assert (
        scan.startswith(str(tmp_path / "scan.pdf")) and "a scanned PDF without a text layer" in scan
    )
    assert "run OCR" in scan
    assert (
        broken.startswith(str(tmp_path / "broken.docx")) and "not a readable Word .docx" in broken
    )


def test_missing_reader_names_the_package(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pypdf", None)  # import pypdf raises ImportError
    with pytest.raises(
        formats.FormatError, match=r"needs the package pypdf.*policystudy\[formats\]"
    ):
        formats.read_document(tmp_path / "x.pdf", b"%PDF-1.4")


# --- end to end -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def format_runs(tmp_path_factory):
    """Notebook 00 on an XLSX workbook and on a JSONL file.

    A table of texts becomes a corpus folder before notebook 00 reads it; the notebooks after
    00 never see the input format, so the tables run notebook 00 only (a whole run each cost
    about a minute of CI). A folder of .docx, .html and .pdf files runs the whole pipeline in
    tests/test_own_corpus.py, in the own corpus's run.
    """
    base = tmp_path_factory.mktemp("formats")
    out = {}
    for name, manifest, columns in [
        ("xlsx", _workbook(base / "texts.xlsx"), {"id_column": "编号", "text_column": "正文"}),
        ("jsonl", _jsonl(base / "texts.jsonl"), {"id_column": "id"}),
    ]:
        target = base / f"out-{name}"
        pipeline.run(out_dir=target, manifest=manifest, notebooks=NB00, progress=False, **columns)
        out[name] = target
    return out


@pytest.mark.pipeline
@pytest.mark.slow
@pytest.mark.parametrize("name", ["xlsx", "jsonl"])
def test_tables_run_notebook_00(format_runs, name):
    ov = io.read_table(format_runs[name] / "data" / "processed" / "corpus_overview.csv")
    assert sorted(ov["doc_id"].astype(str)) == ["001", "002", "010"]
    assert (ov["paragraphs"] > 0).all()
    if name == "xlsx":
        assert sorted(set(ov["sheet"])) == ["市级", "省级"]
