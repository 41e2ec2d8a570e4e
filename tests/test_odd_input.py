"""Hostile and odd input (issue 25): long lines, mixed encodings, odd manifests and parameters,
a full disk, stray notebooks, missing extras. One test (or table) per case."""

from __future__ import annotations

import errno
import importlib.util
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from policystudy.core.io import read_table
from policystudy.ingest import corpus
from policystudy.priorities import permutation_tests
from policystudy.targets import extract, extract_targets, extract_targets_from_text
from policystudy.workflow import feasibility, params, paths, pipeline
from tests.conftest import write_manifest

DALIAN = (paths.RAW / "liaoning_dalian.txt").read_text(encoding="utf-8")
# Real sentences of the seeds (Dalian, Changbai Mountain), used as the text of each case.
STATUS = "目前,全市共有公办幼儿园457所"
GOAL = "到2025年,新开办公办园50所"


# --- 3. targets: every quantity is read within a bounded stretch of its sentence ------------------


def test_a_real_sentence_is_one_stretch_and_a_huge_one_is_cut_at_clause_breaks():
    sentence = "到2025年,全区新增城镇就业5.4万人,开展创业培训2000人,扶持创业1800人。"
    assert extract.stretches(sentence) == [sentence]
    huge = ",".join([STATUS] * 5000)
    parts = extract.stretches(huge)
    assert "".join(parts) == huge
    assert max(map(len, parts)) <= extract.MAX_STRETCH
    assert all(p.endswith(",") for p in parts[:-1])  # cut after a comma, never in a number
    digits = "1" * 3 * extract.MAX_STRETCH  # no clause break at all: cut at the limit
    assert [len(p) for p in extract.stretches(digits)] == [extract.MAX_STRETCH] * 3


@pytest.mark.parametrize(
    ("filler", "expected"),
    [
        # A cue far before the quantity (目前 ... 3 000 characters of text with no cue): the old
        # extractor read the whole sentence for every quantity and took 目前 as its cue. With
        # no cue in its stretch the quantity has no evidence: unknown (issue 29).
        ("目前" + "加强学前教育" * 500, "unknown"),
        # Within the stretch the cue counts as before.
        ("目前" + "加强学前教育" * 10, "status"),
    ],
)
def test_a_cue_counts_only_within_the_quantitys_stretch(filler, expected):
    rows = extract_targets(filler + ",新开办公办园50所")
    assert [(r["value"], r["kind"]) for r in rows] == [(50.0, expected)]


def test_a_huge_line_reads_each_sentence_as_it_reads_it_alone():
    # The seed sentences joined into one line of about 60 000 characters: each quantity gets
    # the kind, value and period it gets in its own sentence.
    alone = [(r["value"], r["kind"], r["period"]) for r in extract_targets(STATUS + "。")]
    alone += [(r["value"], r["kind"], r["period"]) for r in extract_targets(GOAL + "。")]
    line = (STATUS + "。" + GOAL + "。") * 1000
    df = extract_targets_from_text(line)
    got = list(df[["value", "kind", "period"]].itertuples(index=False, name=None))
    assert got == alone * 1000


# --- 7. a file that mixes encodings -----------------------------------------------------------


TITLE = "民生保障工作"  # as GB18030 reads its UTF-8 bytes: 姘戠敓淇濋殰宸ヤ綔


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        # A UTF-8 title above a GBK body: each line in its own encoding.
        (
            (TITLE + "\n").encode() + DALIAN[:400].encode("gbk"),
            TITLE + "\n" + DALIAN[:400],
            "utf-8+gb18030",
        ),
        # UTF-8 lines in the middle of a GB18030 file.
        (
            DALIAN[:200].encode("gb18030") + ("\n" + TITLE + "\n").encode() + "教育".encode("gbk"),
            DALIAN[:200] + "\n" + TITLE + "\n教育",
            "utf-8+gb18030",
        ),
        # One legacy encoding throughout: decoded whole, as before.
        (DALIAN[:400].encode("gb18030"), DALIAN[:400], "gb18030"),
    ],
)
def test_a_file_mixing_encodings_is_decoded_line_by_line(data, text, encoding):
    decoded = corpus.detect_encoding(data)
    assert (decoded.text, decoded.encoding) == (text, encoding)
    assert "姘戠敓" not in decoded.text


def test_a_line_in_neither_encoding_is_refused_with_its_number(tmp_path):
    data = (TITLE + "\n").encode() + "城镇新增就业".encode("gbk") + b"\n\xff\xfe\xff\n"
    (tmp_path / "mixed.txt").write_bytes(data)
    manifest = write_manifest(tmp_path, [{"doc_id": "a", "file": "mixed.txt", "region": "X"}])
    with pytest.raises(corpus.CorpusError) as err:
        corpus.read_manifest(manifest)
    assert "mixed.txt: mixes encodings: line 1 is UTF-8, line 3 is neither" in str(err.value)


# --- 9. one group -----------------------------------------------------------------------------


def test_one_group_has_no_group_differences_and_says_so():
    # The seed corpus's coded sentences under a constant column (-p group_by country): notebook
    # 03 read tests["tested"] of a frame without columns (KeyError: 'tested').
    coded = read_table(paths.processed(paths.ROOT) / "sentence_domains.csv").assign(country="China")
    tests = permutation_tests(coded, group_by="country", n_permutations=9)
    assert tests.empty and {"tested", "significant", "p_holm", "note"} <= set(tests.columns)
    assert int(tests["tested"].sum()) == 0 and int(tests["significant"].sum()) == 0
    overview = pd.DataFrame({"doc_id": ["a", "b"], "country": ["China", "China"],
                             "paragraphs": [3, 4], "removed_lines": [0, 0]})  # fmt: skip
    paras = pd.DataFrame({"doc_id": ["a"] * 3 + ["b"] * 4, "country": ["China"] * 7})
    table = feasibility.check_corpus(overview, paras, group_by="country")
    assert feasibility.skipped(table, "group differences") == (
        "one country only (China): the permutation tests compare one country with another"
    )
    assert "SKIPPED group differences (03_priorities)" in "\n".join(feasibility.messages(table))


# --- 10. a NUL byte in a manifest path ----------------------------------------------------------


def test_a_nul_byte_in_a_manifest_path_names_the_row(tmp_path):
    (tmp_path / "a.txt").write_text(DALIAN, encoding="utf-8")
    rows = [{"doc_id": "a", "file": "a.txt", "region": "X"},
            {"doc_id": "b", "file": "b\x00.txt", "region": "X"}]  # fmt: skip
    with pytest.raises(corpus.CorpusError) as err:
        corpus.read_manifest(write_manifest(tmp_path, rows))
    assert err.value.problems == [
        "manifest manifest.csv row 3: file name 'b\\x00.txt' contains a NUL byte, which no "
        "file name can hold"
    ]


# --- 11. UTF-16 without a byte-order mark, with U+3000 and NBSP ---------------------------------


@pytest.mark.parametrize(
    ("text", "endian"),
    [
        ("\u3000\u3000" + DALIAN[:300], "utf-16-le"),  # paragraphs indented with U+3000
        ("养老\u00a0保险\u3000参保率达到98%", "utf-16-be"),
        (DALIAN[:300], "utf-16-le"),
    ],
)
def test_utf16_without_bom_holding_blanks_is_named_as_utf16(tmp_path, text, endian):
    (tmp_path / "u16.txt").write_bytes(text.encode(endian))
    manifest = write_manifest(tmp_path, [{"doc_id": "a", "file": "u16.txt", "region": "X"}])
    with pytest.raises(corpus.CorpusError) as err:
        corpus.read_manifest(manifest)
    name = "little-endian" if endian.endswith("le") else "big-endian"
    assert f"u16.txt: UTF-16 ({name}) without a byte-order mark" in str(err.value)
    assert "binary file" not in str(err.value)


# --- 12. a full disk ----------------------------------------------------------------------------


def test_a_full_disk_while_saving_a_notebook_names_the_file(tmp_path, monkeypatch):
    import papermill

    out = tmp_path / "out"
    (out / "build" / "cache" / "jieba").mkdir(parents=True)
    stray = out / "build" / "cache" / "jieba" / "tmpab12cd34"
    stray.write_bytes(b"\0" * 1024)  # jieba's half-written dictionary cache

    def disk_full(notebook, output, **kwargs):
        # papermill's f.write() of the executed notebook: an OSError with no file name.
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(papermill, "execute_notebook", disk_full)
    with pytest.raises(pipeline.PipelineError) as err:
        pipeline.run(out_dir=out, notebooks=[paths.NOTEBOOKS / "00_corpus.ipynb"], progress=False)
    message = str(err.value)
    assert "no space left on the device while writing" in message
    assert "00_corpus.ipynb" in message and "into " + str(out) not in message
    assert not stray.exists()
    assert not (out / "build" / "staging").exists()


def test_jieba_leaves_no_temporary_file_when_its_cache_cannot_be_written(tmp_path, monkeypatch):
    import jieba

    from policystudy.text import tokenizer

    class FullFile:
        # A file on a full disk: half of what is written lands, then ENOSPC.
        def __init__(self, fd, mode):
            self._f = open(fd, mode)  # closed in __exit__

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._f.close()

        def write(self, data):
            self._f.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(jieba.os, "fdopen", FullFile)
    monkeypatch.setattr(jieba.marshal, "dump", lambda obj, f: f.write(b"x" * 2048))
    engine = jieba.Tokenizer(dictionary=jieba.DEFAULT_DICT)
    engine.tmp_dir = str(tmp_path)
    cache = tmp_path / "jieba.cache"
    with pytest.warns(UserWarning, match=re.escape(f"{cache} could not be written (No space")):
        tokenizer._initialize_jieba(engine, tmp_path)
    assert list(tmp_path.iterdir()) == []  # the half-written temporary file is gone
    assert engine.lcut("健全社会救助体系")  # and jieba works without its cache


# --- a. notebooks the pipeline does not ship ----------------------------------------------------


def test_the_pipeline_runs_only_its_own_notebooks_by_name(tmp_path):
    folder = tmp_path / "notebooks"
    shutil.copytree(paths.NOTEBOOKS, folder, ignore=shutil.ignore_patterns("*.pyc"))
    # What `jupyter nbconvert --execute 01_keywords.ipynb` leaves, and a student's copy.
    shutil.copy(folder / "01_keywords.ipynb", folder / "01_keywords.nbconvert.ipynb")
    shutil.copy(folder / "03_priorities.ipynb", folder / "03_priorities-Copy1.ipynb")
    names = [p.name for p in pipeline.notebook_files(folder)]
    assert names == list(pipeline.PIPELINE_NOTEBOOKS)
    (folder / "04_targets.ipynb").unlink()
    with pytest.raises(pipeline.PipelineError, match=r"missing from .*: 04_targets\.ipynb"):
        pipeline.notebook_files(folder)


def test_pytest_does_not_collect_stray_notebooks(pytestconfig):
    from conftest import pytest_ignore_collect

    folder = paths.NOTEBOOKS
    assert pytest_ignore_collect(folder / "01_keywords.nbconvert.ipynb", pytestconfig) is True
    assert pytest_ignore_collect(folder / "01_keywords.ipynb", pytestconfig) is None
    assert pytest_ignore_collect(Path("docs/tutorial.ipynb"), pytestconfig) is None


# --- b. unknown parameter names -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [("topk", "top_k"), ("Top-K", "top_k"), ("groupby", "group_by"), ("n_boostrap", "n_bootstrap"),
     ("min_document", "min_documents"), ("民生", None)],
)  # fmt: skip
def test_an_unknown_parameter_gets_the_nearest_known_name(name, suggestion):
    with pytest.raises(params.ParameterError) as err:
        params.validate({name: "30"})
    message = str(err.value)
    assert message.startswith(f"unknown parameter {name!r}")
    if suggestion:
        assert f"did you mean {suggestion!r}?" in message
    else:
        assert "did you mean" not in message


# --- c. browser-test skip messages --------------------------------------------------------------


@pytest.mark.parametrize(
    ("chromium", "driver", "reason"),
    [
        ("/usr/bin/chromium", None, "chromedriver not found: apt-get install -y chromium-driver"),
        (None, "/usr/bin/chromedriver", "chromium not found: apt-get install -y chromium"),
        (None, None, "chromium and chromedriver not found: apt-get install -y chromium "
                     "chromium-driver"),
        ("/usr/bin/chromium", "/usr/bin/chromedriver", ""),
    ],
)  # fmt: skip
def test_browser_skip_names_exactly_what_is_missing(chromium, driver, reason):
    from tests.test_site import missing_browser

    assert missing_browser(chromium, driver) == reason


# --- d. the dask engine without the dask extra --------------------------------------------------


def test_engine_dask_without_dask_is_refused_before_anything_runs(tmp_path, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "dask" else real(name, *a)
    )
    with pytest.raises(params.ParameterError) as err:
        pipeline.run(out_dir=tmp_path / "out", overrides={"engine": "dask"}, progress=False)
    assert 'pip install "policystudy[dask]"' in str(err.value)
    assert "'engine'" in str(err.value)
    assert not (tmp_path / "out").exists()
    assert params.validate({"engine": "local"}) == {"engine": "local"}
