"""The one-command pipeline: validation first, atomic publishing, determinism, freshness."""

import json
import shutil

import pandas as pd
import pytest

from policystudy.workflow import paths, pipeline, runner
from policystudy.workflow.params import ParameterError
from tests.conftest import run_cli, without_git


@pytest.fixture(scope="session")
def warm_results():
    """The corpus-independent results of a seed run (policystudy.core.memo), computed here, in
    this worker's cache folder, with the run's default parameters; the names of the entries
    after that (``fresh_run`` adds their names after the run).

    The seed run then loads every one of them; tests/test_installed_run.py's run, with a cache
    of its own, computes them. Both are compared byte for byte with the committed outputs.
    """
    from policystudy import domains, targets
    from policystudy.core import io
    from policystudy.instruments import fitted_model
    from policystudy.validation import extraction
    from policystudy.workflow import params

    values = params.defaults()
    tax = domains.load_taxonomy(values["taxonomy"] or None)
    domains.validation_predictions(
        taxonomy=tax, threshold=values["threshold"], random_state=values["random_state"]
    )
    fitted_model(values["instrument_taxonomy"])
    committed = io.read_table(paths.ROOT / "data" / "processed" / "targets.csv")
    extraction.target_evaluation(
        committed, indicators=targets.load_indicators(values["indicators"] or None)
    )
    return {"warmed": _result_entries()}


def _result_entries() -> list[str]:
    from policystudy.core import memo, resources

    return sorted(p.name for p in (resources.cache_dir() / memo.RESULTS).iterdir())


@pytest.fixture(scope="session")
def fresh_run(tmp_path_factory, warm_results):
    """One full run of the pipeline on the seed corpus into a scratch folder, its
    corpus-independent results loaded from the cache (``warm_results``)."""
    out = tmp_path_factory.mktemp("fresh")
    pipeline.run(out_dir=out, progress=False)
    warm_results["after the run"] = _result_entries()
    return out


@pytest.mark.pipeline
@pytest.mark.slow
def test_the_seed_run_loads_every_corpus_independent_result(fresh_run, warm_results):
    """No entry was added: every result the run looked up was there (a differently keyed
    lookup, say with another taxonomy, would have computed and stored one)."""
    warmed = warm_results["warmed"]
    names = {e.split("-")[0] for e in warmed}
    assert {"domain_validation", "instrument_model", "target_lists"} <= names
    assert warm_results["after the run"] == warmed


@pytest.mark.pipeline
@pytest.mark.slow
def test_committed_outputs_are_fresh(fresh_run):
    diffs = pipeline.compare_outputs(paths.ROOT, fresh_run)
    assert not diffs, "outputs are stale, run `policystudy run` and commit:\n" + "\n".join(diffs)


@pytest.mark.pipeline
@pytest.mark.slow
def test_seed_report_quotes_its_own_blind_validation(fresh_run):
    """validation_sheets 'auto' finds data/validation/seed_domains/coded_A.csv for the seeds."""
    report = (fresh_run / "reports" / "findings.md").read_text(encoding="utf-8")
    own = report.index("**Validated on this corpus**")
    assert own < report.index("The figure to quote is the unseen one")
    summary = pd.read_csv(fresh_run / "data" / "processed" / "validation_summary.csv")
    rows = summary.set_index(["measure", "coders"])
    assert rows.loc[("items", "A"), "n"] == 150
    # The Tianjin copy's sentences were drawn before it was set aside: scored are the others,
    # for the weighted and the per-coder figures alike.
    scored = rows.loc[("accuracy", "consensus"), "n"]
    assert 100 <= scored < 150 and rows.loc[("accuracy_sample", "A"), "n"] == scored
    assert rows.loc[("accuracy_sample", "A"), "estimate"] > 0.85
    assert "**not measured** (one coder" in report
    assert (fresh_run / "figures" / "validation_confusion.png").is_file()


@pytest.mark.pipeline
@pytest.mark.slow
def test_seed_run_excludes_the_tianjin_copy_and_leads_with_specifications(fresh_run):
    """Issue 27: the placeholder copy is set aside by default; headlines state agreement."""
    from policystudy.core import io

    processed = fresh_run / "data" / "processed"
    overview = io.read_table(processed / "corpus_overview.csv")
    assert overview.set_index("doc_id").loc["tianjin_bonded", "excluded"] in (True, "True")
    specs = io.read_table(processed / "priority_specifications.csv")
    assert specs["specification"].nunique() == 48
    assert set(specs.loc[specs["doc_id"] == "tianjin_bonded", "flagged"]) == {"in"}
    report = (fresh_run / "reports" / "findings.md").read_text(encoding="utf-8")
    assert report.index("**Headlines across 48 specifications.**") < report.index(
        "![Each document's livelihood profile]"
    )
    assert (fresh_run / "figures" / "priority_specifications.png").is_file()


@pytest.mark.pipeline
@pytest.mark.slow
def test_the_run_is_byte_identical_to_the_committed_one(fresh_run):
    """The first of the suite's two seed runs (in this process, one notebook at a time).

    The second, from an installed copy with notebooks side by side in worker processes and a
    cache of its own, is tests/test_installed_run.py, where it is compared with the same
    committed outputs: two runs each identical to them are identical to each other. (In one
    file they had to run one after the other on one worker.)
    """
    # test_committed_outputs_are_fresh compares the tables, figures and reports; here
    # provenance.json, byte for byte but for the git fields (VOLATILE_PROVENANCE_KEYS).
    a, b = ((root / pipeline.PROVENANCE).read_bytes() for root in (paths.ROOT, fresh_run))
    assert without_git(a) == without_git(b)


@pytest.mark.pipeline
@pytest.mark.slow
def test_stale_check_catches_a_changed_figure(fresh_run, tmp_path):
    copy = tmp_path / "copy"
    for folder in pipeline.OUTPUT_FOLDERS:
        shutil.copytree(fresh_run / folder, copy / folder)
    png = copy / "figures" / "corpus_lengths.png"
    png.write_bytes(png.read_bytes() + b"\0")
    (copy / "figures" / "extra.svg").write_text("<svg/>", encoding="utf-8")
    diffs = pipeline.compare_outputs(copy, fresh_run)
    assert diffs == [
        "figures/corpus_lengths.png: content differs",
        "figures/extra.svg: committed but no longer produced",
    ]


@pytest.mark.pipeline
@pytest.mark.slow
def test_provenance_records_inputs_parameters_versions_and_outputs(fresh_run):

    prov = json.loads((fresh_run / pipeline.PROVENANCE).read_text(encoding="utf-8"))
    assert set(prov["inputs"]["documents"]) == {f"raw/{p.name}" for p in paths.RAW.glob("*.txt")}
    assert prov["inputs"]["lexicons"]["userdict"]["file"] == "policystudy/data/userdict.txt"
    assert prov["parameters"]["top_k"] == 20
    assert prov["parameters"]["out_dir"] == "<out>"
    assert {"jieba", "pandas", "scikit-learn"} <= set(prov["packages"])
    assert "data/processed/paragraphs.csv" in prov["outputs"]
    for rel, digest in prov["outputs"].items():
        from policystudy.core.io import sha256_file

        assert sha256_file(fresh_run / rel) == digest, rel
    text = json.dumps(prov)
    assert str(fresh_run) not in text  # no machine-specific paths


@pytest.mark.pipeline
@pytest.mark.slow
def test_every_figure_has_a_sidecar_naming_its_maker(fresh_run):

    figs = sorted((fresh_run / "figures").glob("*.png"))
    assert figs
    for png in figs:
        meta = json.loads(png.with_suffix(".json").read_text(encoding="utf-8"))
        assert meta["notebook"] and meta["function"].startswith("policystudy.")
        assert meta["caption"]


@pytest.mark.pipeline
@pytest.mark.slow
def test_seed_run_codes_instruments_and_reports_them(fresh_run):
    from policystudy.core.io import read_table

    proc = fresh_run / "data" / "processed"
    sent = read_table(proc / "sentence_instruments.csv")
    coded = read_table(proc / "sentence_domains.csv")
    assert len(sent) == len(coded)  # every unit, livelihood or not, none kept
    assert {"supply", "environment", "demand", "none"} <= set(sent["instrument_primary"])
    docs = read_table(proc / "instrument_documents.csv")
    assert set(docs["doc_id"]) == set(coded["doc_id"])
    assert set(read_table(proc / "domain_instruments.csv")["instrument"]) >= {"supply", "none"}
    assert (fresh_run / "figures" / "domain_instruments.png").is_file()
    report = (fresh_run / "reports" / "findings.md").read_text(encoding="utf-8")
    assert "## Policy instruments: how each priority is pursued" in report
    assert "(../figures/domain_instruments.png)" in report
    assert "instrument_groups.csv#group=" in report


def test_bad_parameter_is_refused_before_any_notebook(tmp_path):
    out = run_cli("run", "--out", str(tmp_path), "-p", "top_k", "-5")
    assert out.returncode == 2
    assert "parameter 'top_k': must be >= 1, got -5" in out.stderr
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "build").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-p", "topk", "5"], "unknown parameter 'topk'"),
        (["-p", "n_topics", "many"], "parameter 'n_topics': expected an integer"),
        (
            ["-p", "group_by", "province"],
            "parameter 'group_by': 'province' is not a manifest column",
        ),
    ],
)
def test_other_bad_parameters(tmp_path, args, message):
    with pytest.raises(ParameterError, match=message):
        pipeline.run(out_dir=tmp_path, overrides=dict([args[1:]]), progress=False)
    assert not (tmp_path / "build").exists()


@pytest.mark.pipeline
@pytest.mark.slow
def test_warm_rerun_reuses_up_to_date_notebooks(fresh_run, tmp_path):

    out = tmp_path / "out"
    shutil.copytree(fresh_run, out)
    last = out / "build" / pipeline.LAST_RUN
    pipeline.run(out_dir=out, progress=False)
    assert json.loads(last.read_text())["executed"] == []
    assert pipeline.compare_outputs(fresh_run, out) == []
    # A changed parameter re-executes the notebooks that take it and those downstream of
    # them, not the independent ones.
    pipeline.run(out_dir=out, overrides={"top_k": "5"}, progress=False)
    record = json.loads(last.read_text())
    assert record["executed"] == ["01_keywords.ipynb", "05_findings.ipynb"]
    assert record["reused"] == [
        "00_corpus.ipynb", "02_topics.ipynb", "03_priorities.ipynb", "04_targets.ipynb"
    ]  # fmt: skip
    kw = (out / "data" / "processed" / "keywords.csv").read_text(encoding="utf-8")
    assert max(int(line.split(",")[2]) for line in kw.splitlines()[1:]) == 5
    # A damaged published output is never reused.
    (out / "data" / "processed" / "paragraphs.csv").write_text("damaged\n", encoding="utf-8")
    pipeline.run(out_dir=out, overrides={"top_k": "5"}, progress=False)
    assert "00_corpus.ipynb" in json.loads(last.read_text())["executed"]
    assert "damaged" not in (out / "data" / "processed" / "paragraphs.csv").read_text()


def test_upstream_files_are_inputs_even_when_copied_not_linked(tmp_path, monkeypatch):
    """On a file system without hard links the upstream tables are copied into a notebook's
    folder; unchanged copies are still inputs, not outputs of that notebook."""
    from policystudy.core import io

    staging = tmp_path / "staging"
    table = staging / "data" / "processed" / "paragraphs.csv"
    io.write_text(table, "paragraph_id,text\ndalian-p001,推进社保卡一卡通\n")
    state = {
        "00_corpus.ipynb": {"outputs": {"data/processed/paragraphs.csv": io.sha256_file(table)}}
    }

    def no_links(*args):
        raise OSError("hard links not supported")

    monkeypatch.setattr(runner.os, "link", no_links)
    by_stem = {"00_corpus": paths.NOTEBOOKS / "00_corpus.ipynb"}
    private, linked = runner._private_folder(staging, "01_keywords", ["00_corpus"], state, by_stem)
    copied = private / "data" / "processed" / "paragraphs.csv"
    assert copied.read_text(encoding="utf-8") == table.read_text(encoding="utf-8")
    io.write_text(private / "data" / "processed" / "keywords.csv", "group,term\n辽宁,社保卡\n")
    written = runner._collect(private, staging, linked)
    assert sorted(written) == ["data/processed/keywords.csv"]
    assert (staging / "data" / "processed" / "keywords.csv").is_file() and not private.exists()
