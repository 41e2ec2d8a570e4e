"""Session set-up for every test item: tests/, the doctests in src/ and the notebooks.

Fixtures live in tests/conftest.py; this file only fixes where caches go and marks notebooks.
"""

from __future__ import annotations

import os
import tempfile

import pytest

# Every cache (jieba's dictionary, segmented paragraphs) goes to a folder of this session, set
# before the package is imported: never the checkout, never the user's cache. Notebook kernels
# and CLI subprocesses that the tests start inherit it.
_CACHE = tempfile.TemporaryDirectory(prefix="policystudy-test-cache-")
os.environ["POLICYSTUDY_CACHE"] = _CACHE.name


def pytest_collection_modifyitems(config, items):
    # Notebooks run whole analyses in a kernel: slow by nature, and marked so for
    # `pytest -m "not slow"` (nbval items carry no marks of their own).
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.notebook)
            item.add_marker(pytest.mark.slow)
