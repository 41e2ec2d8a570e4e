"""The installed package: a wheel of this checkout, run outside it.

Its run of the seed corpus (``--jobs 2``, a cache of its own) is the second of the suite's two
seed runs; the first is tests/test_pipeline.py's ``fresh_run``. Both are compared byte for byte
with the committed outputs. The tests that use ``installed`` live here, so that one worker
installs it once.
"""

import json
from pathlib import Path

import pytest

from policystudy.workflow import paths, pipeline
from tests.conftest import run_installed, without_git


@pytest.fixture(scope="module")
def installed_run(installed, tmp_path_factory):
    """The seed corpus run from the installed copy, outside the checkout, notebooks side by
    side in worker processes (``--jobs 2``), with a cache folder of its own.

    With ``fresh_run`` (tests/test_pipeline.py: in this process, one notebook at a time) it is
    one of the two seed runs of the suite; each is compared byte for byte with the committed
    outputs, so the two with each other. Apart, the two files run on both workers at once.
    """
    cwd = tmp_path_factory.mktemp("installed-run")
    out = cwd / "out"
    cache = tmp_path_factory.mktemp("installed-cache")
    result = run_installed(
        installed, cwd, "policystudy.workflow.cli", "run", "--quiet", "--jobs", "2",
        "--manifest", str(paths.DEFAULT_MANIFEST), "--out", str(out),
        env={"POLICYSTUDY_CACHE": str(cache)},
    )  # fmt: skip
    return cwd, out, result, cache


@pytest.mark.pipeline
@pytest.mark.slow
def test_installed_package_reproduces_the_committed_outputs(installed_run):
    cwd, out, result, _ = installed_run
    assert result.returncode == 0, result.stderr[-3000:]
    assert pipeline.compare_outputs(paths.ROOT, out) == []
    assert not (cwd / ".cache").exists()


@pytest.mark.pipeline
@pytest.mark.slow
def test_the_installed_run_is_byte_identical_to_the_committed_one(installed_run):
    # The notebooks ran side by side in worker processes, with a cache of their own; byte for
    # byte, provenance included, but for the git fields: a checkout has a commit, an installed
    # copy none (VOLATILE_PROVENANCE_KEYS).
    _, out, result, _ = installed_run
    assert result.returncode == 0, result.stderr[-3000:]
    a, b = ((root / pipeline.PROVENANCE).read_bytes() for root in (paths.ROOT, out))
    assert without_git(a) == without_git(b)
    assert json.loads(b)["git_commit"] == ""  # the installed copy: no checkout


@pytest.mark.pipeline
@pytest.mark.slow
def test_the_installed_run_computed_and_stored_the_corpus_independent_results(installed_run):
    """Its cache was empty: the run computed each result (policystudy.core.memo) and stored
    it. tests/test_pipeline.py's seed run loads the same results instead; both runs publish
    the committed bytes."""
    *_, result, cache = installed_run
    assert result.returncode == 0, result.stderr[-3000:]
    stored = sorted(p.name.split("-")[0] for p in (cache / "results").iterdir())
    assert stored == ["domain_validation", "instrument_model", "target_lists"]


@pytest.mark.pipeline
@pytest.mark.slow
def test_installed_package_is_the_installed_copy_and_ships_its_files(installed, tmp_path):
    code = (
        "import policystudy as ps; from policystudy.workflow import paths; "
        "print(ps.__file__); print(sorted(p.name for p in paths.NOTEBOOKS.glob('*.ipynb'))); "
        "print(ps.PolicyTokenizer()('推进乡村振兴和公办园建设'))"
    )
    out = run_installed(installed, tmp_path, code=code)
    assert out.returncode == 0, out.stderr
    where, notebooks, tokens = out.stdout.splitlines()
    assert Path(where).is_relative_to(installed)
    assert notebooks == str([p.name for p in pipeline.notebook_files()])
    assert tokens == "['乡村振兴', '公办园']"  # 推进, 和 and 建设 are stopwords


@pytest.mark.pipeline
@pytest.mark.slow
def test_installed_package_outside_a_project_asks_for_manifest_and_out(installed, tmp_path):
    out = run_installed(installed, tmp_path, "policystudy.workflow.cli", "run", "--quiet")
    assert out.returncode != 0
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "no project folder" in out.stderr and "--manifest and --out" in out.stderr
