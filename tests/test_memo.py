"""The cache of corpus-independent results (policystudy.core.memo): computed once, loaded after,
computed anew when a keyed input changes.

That a run loading these results publishes the same bytes as a run computing them is
tests/test_pipeline.py's seed run (its cache filled first, every result loaded) against
tests/test_installed_run.py's (a cache of its own, every result computed): both are compared
byte for byte with the committed outputs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policystudy.core import memo


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYSTUDY_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv(memo.SWITCH_ENV, raising=False)
    return tmp_path / "cache" / memo.RESULTS


class Counter:
    """A computation that counts its calls and returns a fresh table each time."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict[str, list[float]]:
        self.calls += 1
        return {"value": [0.1 + 0.2, 1 / 3], "n": [self.calls]}


def test_a_result_is_computed_once_and_loaded_equal(cache):
    compute = Counter()
    first = memo.cached("scores", compute, "tune", 0.25)
    again = memo.cached("scores", compute, "tune", 0.25)
    assert compute.calls == 1
    assert again == first == {"value": [0.1 + 0.2, 1 / 3], "n": [1]}  # floats to the last bit
    assert len(list(cache.glob("scores-*.pickle"))) == 1
    assert not list(cache.glob(".*.tmp"))  # written to a temporary file, then renamed


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("tune", 0.25), ("report", 0.25)),  # another split
        (("tune", 0.25), ("tune", 0.3)),  # another threshold
        (("tune", None), ("tune", "")),  # None is not the empty string
    ],
)
def test_other_arguments_compute_anew(cache, first, second):
    compute = Counter()
    memo.cached("scores", compute, *first)
    memo.cached("scores", compute, *second)
    assert compute.calls == 2
    memo.cached("scores", compute, *first)
    assert compute.calls == 2  # both kept


def test_a_changed_package_file_computes_anew(cache, tmp_path, monkeypatch):
    package = tmp_path / "package"
    (package / "data").mkdir(parents=True)
    (package / "model.py").write_text("C = 1.0\n", encoding="utf-8")
    labels = package / "data" / "labels.csv"
    labels.write_text("text,label\n开展试点,demand\n", encoding="utf-8")
    monkeypatch.setattr(memo.resources, "PACKAGE_DIR", package)
    compute = Counter()
    memo.cached("model", compute)
    memo.cached("model", compute)
    assert compute.calls == 1
    labels.write_text("text,label\n开展试点,supply\n", encoding="utf-8")  # a data file
    memo.cached("model", compute)
    assert compute.calls == 2
    (package / "model.py").write_text("C = 2.0\n", encoding="utf-8")  # a module
    memo.cached("model", compute)
    assert compute.calls == 3
    (package / "__pycache__").mkdir()  # compiled files are not the package's code
    (package / "__pycache__" / "model.cpython-311.pyc").write_bytes(b"\0")
    memo.cached("model", compute)
    assert compute.calls == 3


def test_another_library_version_computes_anew(cache, monkeypatch):
    compute = Counter()
    memo.cached("model", compute)
    versions = memo.package_versions()
    assert "scikit-learn" in versions
    monkeypatch.setattr(memo, "package_versions", lambda: versions | {"scikit-learn": "0.0"})
    memo.cached("model", compute)
    assert compute.calls == 2


@pytest.mark.parametrize("damage", [b"", b"\x80\x05not a pickle", b"\x80"])
def test_a_damaged_entry_is_computed_and_replaced(cache, damage):
    compute = Counter()
    memo.cached("scores", compute, "tune")
    (entry,) = cache.glob("scores-*.pickle")
    entry.write_bytes(damage)
    assert memo.cached("scores", compute, "tune")["n"] == [2]
    assert memo.cached("scores", compute, "tune")["n"] == [2]  # the replacement is read


def test_switched_off_nothing_is_read_or_written(cache, monkeypatch):
    compute = Counter()
    monkeypatch.setenv(memo.SWITCH_ENV, "0")
    memo.cached("scores", compute)
    memo.cached("scores", compute)
    assert compute.calls == 2 and not cache.exists()


def test_a_cache_path_that_is_a_file_still_returns_the_result(cache):
    # The results folder cannot be made (a file stands where it goes): computed, not stored.
    cache.parent.mkdir(parents=True)
    Path(cache).write_text("not a folder", encoding="utf-8")
    compute = Counter()
    assert memo.cached("scores", compute)["n"] == [1]
    assert memo.cached("scores", compute)["n"] == [2]
