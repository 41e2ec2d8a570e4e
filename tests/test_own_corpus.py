"""A student's own corpus: three regions, a GB18030 file, a Traditional Big5 file, romanisation
garble, and a .docx, an .html and a .pdf file in three more regions; the whole pipeline runs
into another folder and writes nothing into the repository."""

import os
import shutil
import subprocess
import sys

import opencc
import pandas as pd
import pytest

from policystudy.core import io
from policystudy.workflow import paths
from tests.conftest import write_manifest
from tests.test_inputs import LIANYUNGANG, _docx, _html, _pdf
from tests.test_inputs import _paragraphs as _lines

pytestmark = [pytest.mark.pipeline, pytest.mark.slow]


def _paragraphs(name: str, start: int, stop: int) -> str:
    lines = [x for x in (paths.RAW / name).read_text(encoding="utf-8").splitlines() if x.strip()]
    return "\n\n".join(lines[start:stop]) + "\n"


def _repo_state():
    tracked = sorted(p for folder in ("data/processed", "figures", "reports")
                     for p in (paths.ROOT / folder).rglob("*") if p.is_file())  # fmt: skip
    return {p: io.sha256_file(p) for p in tracked}


@pytest.fixture(scope="module")
def own_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("student")
    texts = folder / "texts"
    texts.mkdir()
    # Liaoning-like text saved as GB18030, as Windows editors in mainland China do.
    (texts / "city_a.txt").write_bytes(_paragraphs("liaoning_dalian.txt", 0, 14).encode("gb18030"))
    # Tianjin text in Traditional script, Big5-encoded, with full-width punctuation.
    trad = opencc.OpenCC("s2tw").convert(_paragraphs("tianjin_bonded_zone.txt", 1, 30))
    trad = trad.replace(",", "，").replace(":", "：")
    (texts / "city_b.txt").write_bytes(trad.encode("big5"))
    # UTF-8 text with romanisation garble from a scraper.
    garbled = _paragraphs("jilin_changbaishan.txt", 0, 30).replace("社会", "社(shè)会", 3)
    (texts / "city_c.txt").write_text(garbled, encoding="utf-8")
    rows = [
        {"doc_id": "a", "file": "texts/city_a.txt", "region": "North"},
        {"doc_id": "b", "file": "texts/city_b.txt", "region": "East"},
        {"doc_id": "c", "file": "texts/city_c.txt", "region": "West"},
    ]
    # Document files beside the texts, in this one run: a whole run of their own cost a
    # minute of CI. Their text is from seed documents the three texts do not quote, so no
    # passage is reused or set aside between the two halves. Without the readers of the
    # `formats` extra the texts run alone and test_document_files_run_end_to_end skips.
    files = folder / "files"
    files.mkdir()
    try:
        _docx(files / "lianyungang.docx", LIANYUNGANG)
        _html(files / "xinbei.html", "\n".join(_lines("jiangsu_changzhou_xinbei.txt", 0, 18)))
        _pdf(files / "xinbei.pdf", "\n".join(_lines("jiangsu_changzhou_xinbei.txt", 25, 43)))
    except pytest.skip.Exception as skip:
        shutil.rmtree(files)
        return folder, write_manifest(folder, rows), str(skip)
    rows += [
        {"doc_id": "001", "file": "files/lianyungang.docx", "region": "Liaoning"},
        {"doc_id": "002", "file": "files/xinbei.html", "region": "Tianjin"},
        {"doc_id": "010", "file": "files/xinbei.pdf", "region": "Jilin"},
    ]
    return folder, write_manifest(folder, rows), None


@pytest.fixture(scope="module")
def own_run(own_corpus):
    folder, manifest, _ = own_corpus
    before = _repo_state()
    out = folder / "out"
    # As a student runs it: no POLICYSTUDY_CACHE, so the run must put its cache under --out
    # (a temporary folder here too). Reading, converting and where files go are under test,
    # not the statistics: few resamples, no extra codings for the specification table.
    env = {k: v for k, v in os.environ.items() if k != "POLICYSTUDY_CACHE"}
    result = subprocess.run(
        [sys.executable, "-m", "policystudy.workflow.cli", "run", "--manifest", str(manifest),
         "--out", str(out), "--quiet", "-p", "n_bootstrap", "20", "-p", "specification_recode",
         "false"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    return out, result, before


def test_own_corpus_run_produces_a_findings_report(own_run):
    out, result, _ = own_run
    assert result.returncode == 0, result.stderr[-3000:]
    report = (out / "reports" / "findings.md").read_text(encoding="utf-8")
    for region in ("North", "East", "West"):
        assert f"**{region}**" in report
    # One document per region: the report speaks of the document, not the region.
    assert "The North document (`a`)" in report


def test_encodings_and_conversion_are_recorded(own_run):
    out, _result, _ = own_run
    ov = io.read_table(out / "data" / "processed" / "corpus_overview.csv").set_index("doc_id")
    assert ov.loc["a", "encoding"] == "gb18030"
    assert ov.loc["b", "encoding"] == "big5"
    assert bool(ov.loc["b", "converted_to_simplified"]) is True
    # b is a copy of the Tianjin text, placeholders and all: set aside by default
    # (exclude_flagged placeholder), its cleaned paragraphs kept in excluded_paragraphs.csv.
    processed = out / "data" / "processed"
    assert "placeholder" in str(ov.loc["b", "quality_flags"])
    assert str(ov.loc["b", "excluded"]).lower() == "true"
    paras = pd.concat([io.read_table(processed / "paragraphs.csv"),
                       io.read_table(processed / "excluded_paragraphs.csv")])  # fmt: skip
    text_b = " ".join(paras.loc[paras["doc_id"] == "b", "text"])
    assert "养老保险" in text_b and "，" not in text_b  # simplified and width-normalised


def test_romanisation_garble_is_repaired_and_audited(own_run):
    out, _, _ = own_run
    audit = io.read_table(out / "data" / "processed" / "cleaning_audit.csv")
    repaired = audit[(audit["doc_id"] == "c") & (audit["action"] == "repaired")]
    assert len(repaired) >= 1
    paras = io.read_table(out / "data" / "processed" / "paragraphs.csv")
    assert not paras["text"].str.contains(r"\(shè\)").any()


def test_own_corpus_writes_nothing_into_the_repository(own_run):
    out, result, before = own_run
    assert result.returncode == 0
    assert _repo_state() == before
    assert (out / "build" / "cache").is_dir()


def test_document_files_run_end_to_end(own_corpus, own_run):
    """A .docx, an .html saved in GB18030 and a .pdf through `policystudy run`, as a user runs
    it; ids that read as numbers (010) stay as written."""
    no_readers = own_corpus[2]
    if no_readers:
        pytest.skip(no_readers)
    out, result, _ = own_run
    assert result.returncode == 0, result.stderr[-3000:]
    assert (out / "reports" / "findings.md").is_file()
    ov = io.read_table(out / "data" / "processed" / "corpus_overview.csv")
    assert sorted(ov["doc_id"].astype(str)) == ["001", "002", "010", "a", "b", "c"]
    files = ov[ov["doc_id"].astype(str).isin(["001", "002", "010"])].set_index("doc_id")
    assert (files["paragraphs"] > 0).all()
    assert files["encoding"].to_dict() == {"001": "docx", "002": "gb18030", "010": "pdf"}
    # Analysed as they would be alone: none set aside, no passage counted as reused.
    assert set(files["excluded"].astype(str).str.lower()) == {"false"}
    reuse = io.read_table(out / "data" / "processed" / "text_reuse.csv")
    assert not reuse["doc_id"].astype(str).isin(files.index).any()
