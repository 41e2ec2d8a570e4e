"""Shared fixtures: the seed corpus and small corpora built on the fly."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")
# Any missing glyph means Chinese drawn as empty boxes: fail, don't warn.
warnings.filterwarnings("error", message=r"Glyph .* missing from font")
os.environ.setdefault("MPLBACKEND", "Agg")

# The session's temporary cache (POLICYSTUDY_CACHE) is set by the conftest.py at the root,
# which also covers the doctests and the notebooks.

from policystudy.ingest import corpus, preprocess  # noqa: E402
from policystudy.workflow import paths  # noqa: E402


@pytest.fixture(scope="session")
def seed_corpus():
    return corpus.load_corpus(paths.DEFAULT_MANIFEST)


@pytest.fixture(scope="session")
def seed_tables(seed_corpus):
    return preprocess.prepare(seed_corpus)


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run the ``policystudy`` console script in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "policystudy.workflow.cli", *args],
        capture_output=True, text=True, input=stdin,
    )  # fmt: skip


def write_manifest(folder: Path, rows: list[dict], header: str = "doc_id,file,region") -> Path:
    """Write a manifest CSV with the given rows (values joined in header order)."""
    cols = header.split(",")
    lines = [header] + [",".join(str(r.get(c, "")) for c in cols) for r in rows]
    path = folder / "manifest.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def pytest_configure(config):
    # tests/test_site.py: real-browser tests, skipped when chromium is absent.
    config.addinivalue_line("markers", "browser: needs headless chromium and chromedriver")
