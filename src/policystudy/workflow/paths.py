"""Absolute paths used across the package.

Papermill executes notebooks in the caller's working directory while nbval executes them in
``notebooks/``; every path is therefore derived from this file's location, never from the
current working directory.

Examples
--------
>>> from policystudy.workflow import paths
>>> paths.DEFAULT_MANIFEST.name
'corpus.csv'
"""

from __future__ import annotations

import os
from pathlib import Path

from policystudy.core.resources import (  # noqa: F401  (re-exported for the workflow)
    INDICATORS,
    PACKAGE_DATA,
    PACKAGE_DIR,
    STOPWORDS,
    TAXONOMY,
    USERDICT,
    VALIDATION,
)

ROOT = PACKAGE_DIR.parent.parent
DATA = ROOT / "data"
RAW = DATA / "raw"
DEFAULT_MANIFEST = DATA / "corpus.csv"
NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "build"
PARAMS_FILE = ROOT / "params.yaml"


# The cache may be moved (e.g. to a shared disk on a cluster) without touching code.
CACHE = Path(os.environ.get("POLICYSTUDY_CACHE", ROOT / ".cache")).resolve()
# Where a notebook writes when it is opened by hand or run by nbval rather than by
# ``policystudy run``: never the committed outputs.
INTERACTIVE_OUT = BUILD / "interactive"


def processed(out_dir: Path | str) -> Path:
    """Tables folder under an output root, e.g. ``<out>/data/processed``.

    Examples
    --------
    >>> processed("/tmp/out").as_posix()
    '/tmp/out/data/processed'
    """
    return Path(out_dir) / "data" / "processed"


def figures(out_dir: Path | str) -> Path:
    """Figures folder under an output root."""
    return Path(out_dir) / "figures"


def reports(out_dir: Path | str) -> Path:
    """Reports folder under an output root."""
    return Path(out_dir) / "reports"
