"""Session set-up for every test item: tests/, the doctests in src/ and the notebooks.

Fixtures live in tests/conftest.py. This file fixes where caches go, marks what cannot carry
marks of its own (notebook cells, three doctests), checks the marks the test files set
(``@pytest.mark.slow``, ``@pytest.mark.pipeline`` and ``pytestmark`` beside each test), hands
out the files that run the pipeline first under pytest-xdist, and lists the fast tests that
have grown slow.
"""

from __future__ import annotations

import os
import tempfile

import pytest

# Every cache (jieba's dictionary, segmented paragraphs) goes to a folder of this session, set
# before the package is imported: never the checkout, never the user's cache. Notebook kernels
# and CLI subprocesses that the tests start inherit it. Under pytest-xdist each worker has its
# own folder.
_CACHE = tempfile.TemporaryDirectory(prefix="policystudy-test-cache-")
os.environ["POLICYSTUDY_CACHE"] = _CACHE.name

# Fixtures that run `policystudy run` (or install the package and then run it): a test using
# one must be marked `pipeline` and `slow` in its file; collection fails otherwise.
PIPELINE_FIXTURES = frozenset({"fresh_run", "own_run", "installed", "installed_run",
                               "format_runs", "hostile_run", "collection_run"})  # fmt: skip
# Doctests cannot carry marks: these start a process pool, a Dask cluster or load rjieba's
# dictionary. An entry that names no collected doctest of its file fails the collection, so a
# renamed function cannot silently join the fast loop.
SLOW_DOCTESTS = frozenset({
    "src/policystudy/text/local.py::policystudy.text.local.segment_pool",
    "src/policystudy/text/dask_engine.py::policystudy.text.dask_engine",
    "src/policystudy/keywords/cli.py::policystudy.keywords.cli.jieba_engine",
})  # fmt: skip
# The test files that take longest (seconds, setup + call on the idle 2-core machine, from
# --durations): under pytest-xdist they are handed out first, longest first, so that no worker
# starts one of them when the other has little left. The pipeline's notebooks are one work unit
# (nbval runs them in order, see pytest_xdist_make_scheduler), named by their folder. A name
# that is no file (or that folder) fails the collection.
LONGEST_FILES = {
    "tests/test_pipeline.py": 140,  # a seed run in process and a warm rerun (its failing runs
    # are tests/test_pipeline_failures.py, free to go to the other worker)
    "tests/test_hostile.py": 145,
    "tests/test_scale_report.py": 125,
    "tests/test_installed_run.py": 110,  # pip install, the seed run from it (--jobs 2)
    "tests/test_own_corpus.py": 100,  # with the .docx/.html/.pdf files since 2026-12-07
    "src/policystudy/notebooks": 90,  # nbval: the six notebooks on the seed corpus
    "tests/test_duplicates.py": 90,
    "tests/test_pilot.py": 75,
    "tests/test_reliability.py": 70,
    "tests/test_inputs.py": 40,  # the XLSX and JSONL tables through notebook 00
}  # fmt: skip
# The xdist work unit of the pipeline's notebooks (nbval): their folder.
NOTEBOOKS_UNIT = "src/policystudy/notebooks"
# A test not marked slow that takes longer than this (setup + call + teardown, seconds) is
# listed at the end of the run: mark it slow or make it faster.
FAST_LIMIT = 5.0


def pytest_ignore_collect(collection_path, config):
    # nbval collects the pipeline's own notebooks only: an 01_keywords.nbconvert.ipynb that
    # `jupyter nbconvert --execute` left in the notebooks folder is not one of them.
    from policystudy.workflow.graph import PIPELINE_NOTEBOOKS

    if collection_path.suffix == ".ipynb" and collection_path.parent.name == "notebooks":
        return collection_path.name not in PIPELINE_NOTEBOOKS or None
    return None


def pytest_collection_modifyitems(config, items):
    unmarked = []
    doctest_files = set()
    doctests = set()
    for item in items:
        file = _file(item)
        # Notebooks run whole analyses in a kernel (nbval items carry no marks of their own).
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.notebook)
            item.add_marker(pytest.mark.slow)
            continue
        if type(item).__name__ == "DoctestItem":
            doctest_files.add(file)
            doctests.add(item.nodeid)
            if item.nodeid in SLOW_DOCTESTS:
                item.add_marker(pytest.mark.slow)
            continue
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & PIPELINE_FIXTURES and not (
            item.get_closest_marker("slow") and item.get_closest_marker("pipeline")
        ):
            unmarked.append(item.nodeid)
    if hasattr(config, "workerinput"):
        _pipeline_files_first(items)
    stale = {d for d in SLOW_DOCTESTS if d.split("::", 1)[0] in doctest_files} - doctests
    problems = [f"{n}: uses a pipeline fixture, mark it slow and pipeline" for n in unmarked]
    problems += [
        f"{f}: LONGEST_FILES names no such file"
        for f in LONGEST_FILES
        if not (config.rootpath / f).is_file() and f != NOTEBOOKS_UNIT
    ]
    problems += [f"{d}: SLOW_DOCTESTS names no such doctest" for d in sorted(stale)]
    if problems:
        raise pytest.UsageError("conftest.py:\n" + "\n".join(problems))


def pytest_xdist_make_scheduler(config, log):
    """``--dist loadfile`` with the pipeline's notebooks as one work unit.

    nbval runs each notebook with its default parameters, so each reads what the ones before
    it wrote into ``build/interactive``: they must run on one worker, in order. As files of
    their own, xdist could hand ``01_keywords`` to one worker while the other still runs
    ``00_corpus`` (CI on a fresh clone, where no earlier run had filled that folder).
    """
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class NotebooksTogether(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _work_unit(nodeid)

    return NotebooksTogether(config, log)


def _work_unit(nodeid: str) -> str:
    """The xdist work unit of a test: its file, or one unit for all pipeline notebooks.

    >>> _work_unit("src/policystudy/notebooks/01_keywords.ipynb::Cell 1")
    'src/policystudy/notebooks'
    >>> _work_unit("tests/test_site.py::test_x[a::b]")
    'tests/test_site.py'
    """
    file = nodeid.split("::", 1)[0]
    folder, _, name = file.rpartition("/")
    return folder if folder == NOTEBOOKS_UNIT and name.endswith(".ipynb") else file


def _file(item) -> str:
    return item.nodeid.split("::", 1)[0]


def _pipeline_files_first(items) -> None:
    """Order the items of an xdist worker: the :data:`LONGEST_FILES`, longest first, then
    files that run the pipeline, then other files with slow tests, then the rest, each in
    collection order.

    With ``--dist loadfile`` a file's tests run on one worker (its module and session
    fixtures, pipeline runs included, are built once; a notebook's cells share one kernel).
    xdist hands out files in this order (--no-loadscope-reorder; its own reorder puts the
    files with most tests first), so a worker that ends with a five-minute file does not leave
    the other idle: the short files fill in at the end. Every worker sorts the same collection
    the same way, as xdist requires. (``--dist loadgroup`` would group finer, but pytest-xdist
    3.8 cannot rename pytest 9's node ids, so every test became a group of its own.)
    """
    tier: dict[str, int] = {}
    for item in items:
        # pipeline (always also slow) 0, slow 1, the rest 2
        rank = 2 - bool(item.get_closest_marker("slow")) - bool(item.get_closest_marker("pipeline"))
        tier[_file(item)] = min(tier.get(_file(item), 2), rank)
    items.sort(key=lambda item: (-LONGEST_FILES.get(_work_unit(item.nodeid), 0), tier[_file(item)]))


@pytest.fixture(autouse=True)
def _cache_folder_stays(request):
    """Fail a test (or doctest) that leaves POLICYSTUDY_CACHE changed for the tests after it."""
    yield
    if os.environ.get("POLICYSTUDY_CACHE") != _CACHE.name:
        os.environ["POLICYSTUDY_CACHE"] = _CACHE.name
        pytest.fail("the test changed POLICYSTUDY_CACHE; use monkeypatch or mock.patch.dict")


_durations: dict[str, float] = {}


def pytest_runtest_logreport(report):
    # Under xdist this runs in the controller with each worker's reports.
    if "slow" not in report.keywords:
        _durations[report.nodeid] = _durations.get(report.nodeid, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter):
    over = sorted(((d, n) for n, d in _durations.items() if d > FAST_LIMIT), reverse=True)
    if over:
        terminalreporter.section(f"tests not marked slow that took over {FAST_LIMIT:g} s")
        for seconds, nodeid in over:
            terminalreporter.write_line(f"{seconds:6.1f} s  {nodeid}")
