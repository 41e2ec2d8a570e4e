"""Runs that never lose a user's files, never read outside the corpus, and say what went wrong.

One section per case of issue 14; each test checks that the outputs (or the user's files) are
intact and that the message names the problem. Small corpora use excerpts of the seed texts.
"""

from __future__ import annotations

import csv
import errno
import json
import os
import re
import shutil
import unicodedata
import warnings

import pandas as pd
import pytest

from policystudy.core import io
from policystudy.ingest import corpus
from policystudy.workflow import params, paths, pipeline, publish, runner
from tests.conftest import run_cli, write_manifest

DALIAN = (paths.RAW / "liaoning_dalian.txt").read_text(encoding="utf-8")
JILIN = (paths.RAW / "jilin_changbaishan.txt").read_text(encoding="utf-8")
NB00 = [paths.NOTEBOOKS / "00_corpus.ipynb"]
FAST = {"n_bootstrap": "20"}


def _digests(root, rels):
    return {rel: io.sha256_file(root / rel) for rel in rels}


@pytest.fixture
def thesis(tmp_path):
    """A thesis folder: the user's own notes and photo in reports/ and figures/."""
    out = tmp_path / "thesis"
    (out / "reports").mkdir(parents=True)
    (out / "figures").mkdir()
    (out / "reports" / "chapter3_notes.md").write_text("# 第三章 田野笔记\n", encoding="utf-8")
    (out / "figures" / "fieldwork_photo.png").write_bytes(b"\x89PNG fieldwork")
    return out


USER_FILES = ["reports/chapter3_notes.md", "figures/fieldwork_photo.png"]


# --- 1. data loss ---------------------------------------------------------------------------


def test_out_with_foreign_files_is_refused_and_untouched(thesis):
    before = _digests(thesis, USER_FILES)
    out = run_cli("run", "--out", str(thesis), "--quiet")
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr
    assert "holds 2 file(s) that policystudy did not write" in out.stderr
    assert "figures/fieldwork_photo.png, reports/chapter3_notes.md" in out.stderr
    assert "--allow-foreign" in out.stderr
    assert _digests(thesis, USER_FILES) == before
    assert not (thesis / "build" / "staging").exists()
    assert not (thesis / "data").exists()


@pytest.mark.slow
def test_allow_foreign_publishes_beside_user_files_run_after_run(thesis):
    # A folder left by an older version: its build/previous may hold a user's files.
    old_previous = thesis / "build" / "previous" / "reports"
    old_previous.mkdir(parents=True)
    (old_previous / "draft.md").write_text("moved here by an old version", encoding="utf-8")
    before = _digests(thesis, USER_FILES)
    for _ in range(2):  # the second run used to delete what the first had moved away
        pipeline.run(out_dir=thesis, notebooks=NB00, progress=False, allow_foreign=True)
        assert _digests(thesis, USER_FILES) == before
    assert (thesis / "data" / "processed" / "paragraphs.csv").is_file()
    owned = publish.owned_files(thesis)
    assert "data/processed/paragraphs.csv" in owned and not set(USER_FILES) & owned
    recovered = thesis / "build" / "recovered-1" / "reports" / "draft.md"
    assert recovered.read_text(encoding="utf-8") == "moved here by an old version"
    # What the pipeline replaced is its own, kept until the next publish.
    previous = thesis / "build" / "previous"
    kept = {p.relative_to(previous).as_posix() for p in previous.rglob("*") if p.is_file()}
    assert kept - {publish.MARKER} <= owned


@pytest.mark.slow
def test_a_foreign_file_where_an_output_goes_is_never_overwritten(tmp_path):
    out = tmp_path / "out"
    mine = out / "data" / "processed" / "paragraphs.csv"
    mine.parent.mkdir(parents=True)
    mine.write_text("my own table\n", encoding="utf-8")
    with pytest.raises(pipeline.OutputFolderError, match=r"data/processed/paragraphs\.csv"):
        pipeline.run(out_dir=out, notebooks=NB00, progress=False, allow_foreign=True)
    assert mine.read_text(encoding="utf-8") == "my own table\n"
    # The run is kept for --resume once the file is moved away.
    assert (out / "build" / "staging" / "data" / "processed" / "paragraphs.csv").is_file()


# --- 2. another corpus without --out ------------------------------------------------------------


@pytest.fixture
def small_corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "dalian.txt").write_text(DALIAN, encoding="utf-8")
    (folder / "jilin.txt").write_text(JILIN, encoding="utf-8")
    rows = [
        {"doc_id": "d1", "file": "dalian.txt", "region": "Liaoning"},
        {"doc_id": "d2", "file": "jilin.txt", "region": "Jilin"},
    ]
    return write_manifest(folder, rows)


@pytest.mark.parametrize("extra", [[], ["--out", str(paths.ROOT)]], ids=["no-out", "out-repo"])
def test_another_corpus_never_writes_into_the_repository(small_corpus, extra):
    committed = sorted(publish.owned_files(paths.ROOT))
    before = _digests(paths.ROOT, committed)
    out = run_cli("run", "--manifest", str(small_corpus), *extra, "--quiet")
    assert out.returncode == 2, out.stderr
    assert "is not the project's own" in out.stderr
    assert "overwrite the repository's committed results" in out.stderr and "--out" in out.stderr
    assert _digests(paths.ROOT, committed) == before


# --- 3. ids and groups stay text ----------------------------------------------------------------


@pytest.mark.slow
def test_number_like_ids_and_groups_never_merge(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    seeds = ("liaoning_dalian", "jilin_changbaishan", "tianjin_bonded_zone")
    for name, seed in zip("abc", seeds, strict=True):
        shutil.copy(paths.RAW / f"{seed}.txt", folder / f"{name}.txt")
    rows = [
        {"doc_id": "001", "file": "a.txt", "region": "010"},
        {"doc_id": "010", "file": "b.txt", "region": "10"},
        {"doc_id": "10", "file": "c.txt", "region": "10"},
    ]
    manifest = write_manifest(folder, rows)
    out = tmp_path / "out"
    pipeline.run(
        manifest=manifest, out_dir=out, notebooks=[*NB00, paths.NOTEBOOKS / "01_keywords.ipynb"],
        # c.txt is the Tianjin copy, set aside by default (placeholder): keep it, ids are tested.
        overrides={**FAST, "exclude_flagged": ""}, progress=False,
    )  # fmt: skip
    ctx = pipeline.start("01_keywords", {"manifest": str(manifest), "out_dir": str(out)})
    paragraphs = ctx.read_table("paragraphs")
    assert sorted(paragraphs["doc_id"].unique()) == ["001", "010", "10"]
    assert paragraphs.groupby("region")["doc_id"].nunique().to_dict() == {"010": 1, "10": 2}
    keyness = ctx.read_table("keyness")
    assert sorted(keyness["group"].unique()) == ["010", "10"]


def test_read_table_keeps_labels_that_do_not_read_back_as_numbers(tmp_path):
    path = tmp_path / "t.csv"
    df = pd.DataFrame(
        {"doc_id": ["10", "010"], "cohort": ["007", "7"], "year": [2021, 2022], "n": [1.5, 2.0]}
    )
    io.write_table(df, path)
    back = io.read_table(path)
    assert back["doc_id"].tolist() == ["10", "010"] and back["cohort"].tolist() == ["007", "7"]
    assert back["year"].tolist() == [2021, 2022] and back["n"].tolist() == [1.5, 2.0]


# --- 4. non-finite parameters -------------------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_non_finite_parameter_is_refused(tmp_path, value):
    out = run_cli("run", "--out", str(tmp_path), "-p", "threshold", value)
    assert out.returncode == 2
    assert f"parameter 'threshold': expected a finite number, got '{value}'" in out.stderr
    assert not (tmp_path / "build").exists()


def test_nan_in_a_params_file_is_refused(tmp_path):
    file = tmp_path / "p.yaml"
    file.write_text("threshold: .nan\n", encoding="utf-8")
    with pytest.raises(params.ParameterError, match=r"p\.yaml: parameter 'threshold': .*finite"):
        params.load_params_file(file)


def test_provenance_refuses_to_write_invalid_json(tmp_path):
    values = {"manifest": str(paths.DEFAULT_MANIFEST), "threshold": float("nan")}
    with pytest.raises(ValueError, match="not JSON compliant"):
        pipeline.write_provenance(tmp_path, values, {}, [])
    assert not (tmp_path / pipeline.PROVENANCE).exists()


# --- 5. reading outside the corpus --------------------------------------------------------------


def test_manifest_paths_leading_outside_the_corpus_are_refused(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text(DALIAN, encoding="utf-8")
    (folder / "link.txt").symlink_to(secret)
    rows = [
        {"doc_id": "a", "file": "../../../../../../etc/passwd", "region": "X"},
        {"doc_id": "b", "file": str(secret), "region": "X"},
        {"doc_id": "c", "file": "link.txt", "region": "X"},
    ]
    manifest = write_manifest(folder, rows)
    out = run_cli("info", "--manifest", str(manifest))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    err = out.stderr
    assert "../../../../../../etc/passwd: refused (manifest row 2): '..' leads outside" in err
    assert f"{secret}: refused (manifest row 3): an absolute path" in err
    assert f"link.txt: refused (manifest row 4): a symbolic link to {secret}" in err
    assert "--allow-outside-corpus" in err
    assert "root:" not in err
    # Allowed explicitly, the trusted files are read.
    rows = [rows[1] | {"doc_id": "b"}, {"doc_id": "c", "file": "link.txt", "region": "Y"}]
    manifest = write_manifest(folder, rows)
    with pytest.raises(corpus.CorpusError, match="listed 2 times"):
        corpus.load_corpus(manifest, allow_outside=True)
    loaded = corpus.load_corpus(write_manifest(folder, rows[1:]), allow_outside=True)
    assert loaded.documents[0].text == DALIAN


# --- 6. CSV and Markdown injection --------------------------------------------------------------


HOSTILE = ["=HYPERLINK(\"http://evil\",\"点击\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "'quoted",
           "=", "-", "辽宁", "a|b", "江苏\n连云港"]  # fmt: skip


def test_csv_formula_injection_is_neutralised_and_round_trips(tmp_path):
    path = tmp_path / "t.csv"
    df = pd.DataFrame({"region": HOSTILE, "doc_id": [f"-{i}" for i in range(len(HOSTILE))]})
    df["share"] = [-0.5] * len(df)
    io.write_table(df, path)
    with open(path, encoding="utf-8", newline="") as fh:
        cells = [c for row in list(csv.reader(fh))[1:] for c in row[:2]]
    dangerous = [c for c in cells if len(c) > 1 and c[0] in "=+-@\t\r"]
    assert dangerous == []
    back = io.read_table(path)
    pd.testing.assert_frame_equal(back, df)


def test_markdown_tables_survive_pipes_and_newlines():
    from policystudy.targets.summary import targets_summary

    targets = pd.DataFrame(
        {"group": ["辽宁|大连", "江苏\n连云港"], "kind": ["target", "status"],
         "doc_id": ["a", "b"], "canonical_indicator": ["", ""]}
    )  # fmt: skip
    text = targets_summary({"targets": targets}, group_by="region|bloc")
    rows = [line for line in text.splitlines() if line.startswith("|")][:4]
    assert len(rows) == 4  # header, rule, one row per group
    widths = {len(re.split(r"(?<!\\)\|", row)) for row in rows}
    assert len(widths) == 1, rows
    assert "辽宁\\|大连" in text and "江苏 连云港" in text and "region\\|bloc" in text


# --- 7. publishing ------------------------------------------------------------------------------


def _fake_run(root, tag, files=("data/processed/a.csv", "figures/b.png", "reports/findings.md")):
    """An output tree of ``files`` holding ``tag``, with a provenance listing them."""
    for rel in files:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"{tag} {rel}\n", encoding="utf-8")
    record = {"outputs": {rel: io.sha256_file(root / rel) for rel in files}, "tag": tag}
    io.write_text(root / pipeline.PROVENANCE, json.dumps(record))
    (root / publish.MARKER).touch()


def _tree(root):
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for folder in pipeline.OUTPUT_FOLDERS
        for p in (root / folder).rglob("*")
        if p.is_file()
    }


@pytest.mark.parametrize("fail_at", [1, 3, 5, 7])
def test_a_failure_while_publishing_rolls_back(tmp_path, monkeypatch, fail_at):
    out = tmp_path / "out"
    _fake_run(out, "old", files=("data/processed/a.csv", "figures/old_only.png"))
    staging = out / "build" / "staging"
    _fake_run(staging, "new")
    old = _tree(out)
    calls = {"n": 0}
    real_move = publish._move

    def failing_move(src, dst):
        calls["n"] += 1
        if calls["n"] == fail_at:
            raise OSError(errno.ENOSPC, "No space left on device", str(dst))
        real_move(src, dst)

    monkeypatch.setattr(publish, "_move", failing_move)
    with pytest.raises(pipeline.PipelineError, match="rolled back") as err:
        publish.publish(staging, out)
    assert "No space left on device" in str(err.value) and "The disk is full" in str(err.value)
    monkeypatch.setattr(publish, "_move", real_move)
    assert _tree(out) == old  # old tables beside old provenance, nothing new
    assert not (out / publish.JOURNAL).exists()
    # Everything new is back in staging: publishing again succeeds.
    publish.publish(staging, out)
    new = _tree(out)
    assert json.loads(new[pipeline.PROVENANCE])["tag"] == "new"
    assert "figures/old_only.png" not in new  # an owned output no longer produced


def test_a_publish_killed_midway_is_rolled_back_by_the_next_run(tmp_path, monkeypatch):
    out = tmp_path / "out"
    _fake_run(out, "old")
    staging = out / "build" / "staging"
    _fake_run(staging, "new")
    old = _tree(out)
    calls = {"n": 0}
    real_move = publish._move

    def killed(src, dst):
        calls["n"] += 1
        if calls["n"] == 5:  # in the middle of moving the new files in
            raise KeyboardInterrupt
        real_move(src, dst)

    monkeypatch.setattr(publish, "_move", killed)
    monkeypatch.setattr(publish, "_rollback", lambda out, journal: None)  # as under SIGKILL
    with pytest.raises(KeyboardInterrupt):
        publish.publish(staging, out)
    assert (out / publish.JOURNAL).is_file() and _tree(out) != old
    monkeypatch.undo()
    assert publish.recover(out)
    assert _tree(out) == old and not (out / publish.JOURNAL).exists()


def test_a_second_run_into_a_locked_out_is_refused(tmp_path):
    out = tmp_path / "out"
    _fake_run(out, "old")
    old = _tree(out)
    with publish.lock(out):
        res = run_cli("run", "--out", str(out), "--quiet")
    assert res.returncode == 2, res.stderr
    assert f"another policystudy run (pid {os.getpid()}) is writing into {out}" in res.stderr
    assert _tree(out) == old
    assert not (out / "build" / "staging").exists()


def test_staging_not_made_by_the_pipeline_is_left_alone(tmp_path):
    staging = tmp_path / "build" / "staging"
    staging.mkdir(parents=True)
    (staging / "mine.txt").write_text("not the pipeline's", encoding="utf-8")
    with pytest.raises(pipeline.OutputFolderError, match="not made by policystudy"):
        publish.make_staging(staging, keep=False)
    assert (staging / "mine.txt").is_file()


# --- 8. messages instead of tracebacks ----------------------------------------------------------


def test_manifest_rows_with_extra_fields_are_named(tmp_path):
    (tmp_path / "a.txt").write_text(DALIAN, encoding="utf-8")
    (tmp_path / "b.txt").write_text(JILIN, encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        "doc_id,file,region\na,a.txt,Liaoning,\nb,b.txt,Jilin,x,y\n", encoding="utf-8"
    )
    out = run_cli("info", "--manifest", str(manifest))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "manifest.csv line 2: 4 fields, the header has 3 (a trailing comma?)" in out.stderr
    assert "manifest.csv line 3: 5 fields, the header has 3" in out.stderr


def test_params_file_not_utf8_is_named(tmp_path):
    file = tmp_path / "params.yaml"
    file.write_bytes("top_k: 5  # 关键词数\n".encode("gb18030"))
    out = run_cli("run", "--out", str(tmp_path / "out"), "--params", str(file))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert f"params file {file}: not UTF-8" in out.stderr


def test_read_only_out_is_a_message(tmp_path):
    target = tmp_path / "locked"
    target.mkdir()
    target.chmod(0o555)
    if os.geteuid() == 0:  # root writes anywhere it has a writable file system
        target = "/sys/policystudy-out"
    out = run_cli("run", "--out", str(target), "--quiet")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert f"run failed: cannot write {target}" in out.stderr


@pytest.mark.slow
def test_a_full_disk_leaves_no_staging_and_no_executed_notebook(tmp_path, monkeypatch):
    out = tmp_path / "out"
    _fake_run(out, "old", files=("data/processed/paragraphs.csv",))
    old = _tree(out)

    def disk_full(staging, *args):
        raise OSError(errno.ENOSPC, "No space left on device", str(staging / "reports" / "x"))

    monkeypatch.setattr(runner, "write_provenance", disk_full)
    with pytest.raises(pipeline.PipelineError) as err:
        pipeline.run(out_dir=out, notebooks=NB00, progress=False)
    message = str(err.value)
    assert "no space left on the device while writing" in message and "reports/x" in message
    assert _tree(out) == old
    assert not (out / "build" / "staging").exists()
    assert not (out / "build" / "notebooks" / "00_corpus.ipynb").exists()


def test_a_corrupt_segment_cache_is_rebuilt(tmp_path):
    from policystudy.text import PolicyTokenizer
    from policystudy.text.engines import SegmentCache

    cache = SegmentCache(tmp_path, PolicyTokenizer())
    cache.path.write_bytes(b"half-written page " * 200)
    with pytest.warns(UserWarning, match=r"segment cache .*sqlite is unreadable.*rebuilt"):
        assert cache.tokenize(["健全社会救助体系"]) == ["社会救助"]
    assert cache.tokenize(["健全社会救助体系"]) == ["社会救助"] and cache.hits_ == 1


def test_domains_on_empty_input_is_a_message():
    out = run_cli("domains", "-", stdin="")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.strip() == "<stdin>: empty input, nothing to read"


def test_keywords_on_a_binary_file_is_a_message(tmp_path):
    png = tmp_path / "photo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 8)
    out = run_cli("keywords", str(png))
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.strip() == f"{png}: binary file (contains NUL bytes), not text"


# --- 9. the segment-cache key -------------------------------------------------------------------


def test_cache_key_covers_tokenizer_code_and_rjieba_version(monkeypatch):
    from policystudy.text import PolicyTokenizer
    from policystudy.text import tokenizer as module

    jieba_key = PolicyTokenizer().fingerprint()
    rjieba_key = PolicyTokenizer(backend="rjieba").fingerprint()
    monkeypatch.setattr(module, "_code_digest", lambda: "an edited tokenizer")
    assert PolicyTokenizer().fingerprint() != jieba_key
    monkeypatch.undo()
    monkeypatch.setattr(module, "_version", lambda name: "99.0")
    assert PolicyTokenizer(backend="rjieba").fingerprint() != rjieba_key
    assert PolicyTokenizer().fingerprint() == jieba_key  # jieba's cache does not depend on it


# --- 10. doubtful input -------------------------------------------------------------------------


DOUBTFUL = {
    "blank.txt": ("\u3000\u3000\u00a0\n\u3000\n".encode(), "no usable text (only blanks"),
    "headings.txt": (
        "一、民生保障\n（一）就业\n第七章 社会事业\n".encode(),
        "no usable text (only headings",
    ),
    "japanese.txt": (
        "年金制度の改革について、政府は新しい方針を発表しました。".encode("shift_jis"),
        "looks like Japanese in Shift-JIS",
    ),
    "latin1.txt": (
        "Politique sociale à Paris : élèves, retraités et santé publique.".encode("latin-1"),
        "undecodable as Chinese: not UTF-8, GB18030 or Big5, and read as",
    ),
    "utf16.txt": (
        "2025年城镇新增就业1.2万人".encode("utf-16-le"),
        "UTF-16 (little-endian) without a byte-order mark",
    ),
}


@pytest.mark.parametrize("name", sorted(DOUBTFUL))
def test_doubtful_documents_are_refused_with_the_reason(tmp_path, name):
    data, reason = DOUBTFUL[name]
    (tmp_path / name).write_bytes(data)
    manifest = write_manifest(tmp_path, [{"doc_id": "a", "file": name, "region": "X"}])
    with pytest.raises(corpus.CorpusError) as err:
        corpus.read_manifest(manifest)
    assert f"{name}: {reason}" in str(err.value)
    assert "binary file" not in str(err.value)


def test_spellings_of_one_group_are_one_group(tmp_path):
    (tmp_path / "a.txt").write_text(DALIAN, encoding="utf-8")
    (tmp_path / "b.txt").write_text(JILIN, encoding="utf-8")
    (tmp_path / "c.txt").write_text(DALIAN[:600], encoding="utf-8")
    nfd = unicodedata.normalize("NFD", "Bắc Ninh")
    rows = [
        {"doc_id": "a", "file": "a.txt", "region": "遼寧", "city": nfd},
        {"doc_id": "b", "file": "b.txt", "region": "辽宁", "city": "Bắc Ninh"},
        {"doc_id": "c", "file": "c.txt", "region": "辽宁\u3000", "city": "Ｂắｃ Ninh"},
    ]
    meta = corpus.read_manifest(write_manifest(tmp_path, rows, "doc_id,file,region,city"))
    assert meta["region"].unique().tolist() == ["辽宁"]
    assert meta["city"].unique().tolist() == ["Bắc Ninh"]


def test_the_same_file_listed_twice_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text(DALIAN, encoding="utf-8")
    rows = [
        {"doc_id": "a", "file": "a.txt", "region": "Liaoning"},
        {"doc_id": "b", "file": "./a.txt", "region": "Jilin"},
    ]
    with pytest.raises(corpus.CorpusError, match=r"a\.txt: listed 2 times \(manifest rows 2, 3\)"):
        corpus.read_manifest(write_manifest(tmp_path, rows))


# --- 11. noise ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_run_shows_no_kernel_noise(tmp_path, capfd):
    pipeline.run(out_dir=tmp_path, notebooks=NB00, progress=False)
    err = capfd.readouterr().err
    assert "running over TCP" not in err
    assert "KeyboardInterrupt" not in err
    assert err.strip() == "", err


def test_warnings_reach_the_user_without_file_and_line(monkeypatch):
    from click.testing import CliRunner

    from policystudy.ingest import preprocess
    from policystudy.workflow import cli

    real = preprocess.prepare

    def warning_prepare(*args, **kwargs):
        warnings.warn("2 documents share one title", UserWarning, stacklevel=1)
        return real(*args, **kwargs)

    monkeypatch.setattr(preprocess, "prepare", warning_prepare)
    monkeypatch.setattr(warnings, "showwarning", warnings.showwarning)
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        result = CliRunner().invoke(cli.main, ["info"])
    assert result.exit_code == 0, result.output
    assert "warning: 2 documents share one title" in result.output
    assert ".py:" not in result.output and "UserWarning" not in result.output


# --- kept: interrupted and killed runs ----------------------------------------------------------


def _start_run(out):
    import signal
    import subprocess
    import sys
    import time

    proc = subprocess.Popen(
        [sys.executable, "-m", "policystudy.workflow.cli", "run", "--out", str(out), "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        # A test runner may ignore SIGINT for its children; a user's shell does not.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    deadline = time.monotonic() + 300
    while not (out / "build" / "notebooks" / "00_corpus.ipynb").exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.2)
    return proc


@pytest.mark.slow
def test_interrupted_and_killed_runs_publish_nothing_and_leave_no_lock(tmp_path):
    import signal

    out = tmp_path / "out"
    _fake_run(out, "old", files=("data/processed/paragraphs.csv", "figures/a.png"))
    old = _tree(out)
    proc = _start_run(out)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted: nothing was published" in err and "--resume" in err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert _tree(out) == old
    proc = _start_run(out)
    proc.kill()
    proc.communicate(timeout=60)
    assert _tree(out) == old
    with publish.lock(out):  # the killed run's lock went with its process
        pass
