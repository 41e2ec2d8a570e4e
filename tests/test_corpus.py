"""Manifest validation, bad corpora, and encoding round trips."""

import shutil

import opencc
import pytest

from policystudy.ingest import corpus
from policystudy.workflow import paths
from tests.conftest import run_cli, write_manifest

SEED = paths.RAW / "liaoning_dalian.txt"


def test_info_shows_five_documents_in_four_regions():
    out = run_cli("info")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == "5 documents in 4 regions (manifest data/corpus.csv)"
    for doc_id in ("lianyungang", "changbaishan", "tianjin_bonded", "changzhou_xinbei", "dalian"):
        assert doc_id in out.stdout


@pytest.fixture
def bad_corpus(tmp_path):
    """A manifest with every kind of problem at once."""
    shutil.copy(SEED, tmp_path / "ok.txt")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 4)
    rows = [
        {"doc_id": "a", "file": "ok.txt", "region": "Liaoning"},
        {"doc_id": "a", "file": "ok.txt", "region": "Liaoning"},
        {"doc_id": "b", "file": "missing.txt", "region": "Jilin"},
        {"doc_id": "c", "file": "empty.txt", "region": "Jilin"},
        {"doc_id": "d", "file": "binary.txt", "region": "Tianjin"},
    ]
    return write_manifest(tmp_path, rows)


def test_bad_corpus_lists_every_problem_in_one_message(bad_corpus):
    out = run_cli("info", "--manifest", str(bad_corpus))
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    err = out.stderr
    assert "duplicate doc_id 'a' (rows 2, 3)" in err
    assert "missing.txt: file not found" in err
    assert "empty.txt: file is empty" in err
    assert "binary.txt: binary file" in err
    assert "ok.txt: listed 2 times (manifest rows 2, 3)" in err
    assert err.count("\n  - ") == 5


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("doc_id,file", "missing required column(s) region"),
        ("file,region", "missing required column(s) doc_id"),
    ],
)
def test_missing_required_column(tmp_path, header, message):
    shutil.copy(SEED, tmp_path / "ok.txt")
    manifest = write_manifest(tmp_path, [{"doc_id": "a", "file": "ok.txt", "region": "X"}], header)
    out = run_cli("info", "--manifest", str(manifest))
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr


def test_undecodable_file_is_named(tmp_path):
    # Bytes that are invalid in UTF-8, GB18030 and Big5 (0xFF never starts a character).
    (tmp_path / "bad.txt").write_bytes("养老".encode() + b"\xff\xfe\xff" * 50)
    manifest = write_manifest(tmp_path, [{"doc_id": "a", "file": "bad.txt", "region": "X"}])
    with pytest.raises(corpus.CorpusError) as err:
        corpus.load_corpus(manifest)
    assert "bad.txt: undecodable" in str(err.value)


def test_run_refuses_bad_corpus_before_any_notebook(bad_corpus, tmp_path):
    out = run_cli("run", "--manifest", str(bad_corpus), "--out", str(tmp_path / "out"))
    assert out.returncode == 2
    assert "refused before any notebook ran" in out.stderr
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "out" / "build" / "notebooks").exists()


@pytest.mark.parametrize("seed", sorted(paths.RAW.glob("*.txt")), ids=lambda p: p.stem)
def test_gb18030_copy_loads_identical_to_utf8(tmp_path, seed):
    text = seed.read_text(encoding="utf-8")
    (tmp_path / "doc.txt").write_bytes(text.encode("gb18030"))
    manifest = write_manifest(tmp_path, [{"doc_id": "x", "file": "doc.txt", "region": "X"}])
    doc = corpus.load_corpus(manifest).documents[0]
    assert doc.encoding == "gb18030"
    assert doc.text == text


@pytest.mark.parametrize("name", ["liaoning_dalian.txt", "jiangsu_changzhou_xinbei.txt"])
def test_big5_traditional_copy_round_trips(tmp_path, name):
    traditional = opencc.OpenCC("s2tw").convert((paths.RAW / name).read_text(encoding="utf-8"))
    (tmp_path / "doc.txt").write_bytes(traditional.encode("big5"))
    manifest = write_manifest(tmp_path, [{"doc_id": "x", "file": "doc.txt", "region": "X"}])
    doc = corpus.load_corpus(manifest).documents[0]
    assert doc.encoding == "big5"
    assert doc.text == traditional
    assert doc.converted and doc.changed_chars > 100


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("\ufeff职工参保率达到98%".encode(), "utf-8-sig"),
        ("职工参保率达到98%".encode(), "utf-8"),
        ("职工参保率达到98%".encode("utf-16"), "utf-16"),
        ("今年一季度,全市城镇新增就业31150人,城镇登记失业率3.36%。".encode("gb18030"), "gb18030"),
        ("今年一季度,全市城鎮新增就業31150人,城鎮登記失業率3.36%。".encode("big5"), "big5"),
    ],
)
def test_detect_encoding_order(data, encoding):
    decoded = corpus.detect_encoding(data)
    assert decoded.encoding == encoding
    assert decoded.method  # the reason is recorded


def test_overview_records_encoding_and_conversion(seed_tables):
    ov = seed_tables.overview.set_index("doc_id")
    assert set(ov["encoding"]) == {"utf-8"}
    # Only the Changzhou copy carries Traditional characters (its "相關文章" footer).
    assert ov["converted_to_simplified"].to_dict() == {
        "lianyungang": False, "changbaishan": False, "tianjin_bonded": False,
        "changzhou_xinbei": True, "dalian": False,
    }  # fmt: skip


def test_manifest_paths_are_relative_to_the_manifest(seed_corpus):
    assert all(d.path.parent == paths.RAW for d in seed_corpus.documents)
