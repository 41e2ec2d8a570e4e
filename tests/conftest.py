"""Shared fixtures: the seed corpus, an installed copy of the package, and small corpora
built on the fly."""

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
    """Run the ``policystudy`` command in this process (click's ``CliRunner``).

    The result reads as a subprocess's (``returncode``, ``stdout`` and ``stderr`` apart), and
    an uncaught exception is status 1 with its traceback on stderr, as Python prints it. The
    environment and the warning display that the command sets are restored. Starting an
    interpreter for each call cost 2 to 8 s; a test whose point is the real process (signals,
    exit handlers, an environment without POLICYSTUDY_CACHE) starts it with ``subprocess``.
    """
    import traceback

    from click.testing import CliRunner

    from policystudy.workflow.cli import main

    environ, showwarning = dict(os.environ), warnings.showwarning
    try:
        result = CliRunner().invoke(main, list(args), input=stdin)
    finally:
        os.environ.clear()
        os.environ.update(environ)
        warnings.showwarning = showwarning
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        assert result.exc_info is not None
        stderr += "".join(traceback.format_exception(*result.exc_info))
    return subprocess.CompletedProcess(
        ["policystudy", *args], result.exit_code, result.stdout, stderr
    )


@pytest.fixture(scope="session")
def installed(tmp_path_factory):
    """A non-editable install of this checkout (wheel built by pip) in a folder of its own.

    Session-scoped (a worker installs it once); its tests are all in tests/test_installed_run.py,
    so one worker installs it.
    """
    site = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--disable-pip-version-check", "--target", str(site), str(paths.ROOT)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return site


def run_installed(
    site: Path, cwd: Path, *args: str, code: str | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run ``python -m args`` (or ``python -c code``) with the installed copy ``site`` first on
    the path, in ``cwd``; ``env`` adds to (or replaces in) this process's environment."""
    # PYTHONPATH puts the installed copy before the editable checkout; cwd is outside any
    # project folder, so nothing can be found from the checkout.
    environ = {**os.environ, **(env or {}), "PYTHONPATH": str(site)}
    environ.pop("POLICYSTUDY_PROJECT", None)
    cmd = [sys.executable, "-c", code] if code else [sys.executable, "-m", *args]
    return subprocess.run(cmd, cwd=cwd, env=environ, capture_output=True, text=True)


def without_git(provenance: bytes) -> bytes:
    """provenance.json's bytes without the lines of its volatile (git) keys."""
    from policystudy.workflow import pipeline

    keys = tuple(f'  "{k}":'.encode() for k in pipeline.VOLATILE_PROVENANCE_KEYS)
    lines = provenance.splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(keys)]
    assert len(lines) - len(kept) == len(keys)  # each key on a line of its own, once
    return b"".join(kept)


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
