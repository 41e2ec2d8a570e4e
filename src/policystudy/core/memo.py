"""A disk cache of results that do not depend on the corpus, in the package's cache folder.

Every pipeline run fits the instrument model on the packaged labels, cross-validates the domain
classifiers on the packaged label sets and scores the target extractor on the packaged gold
lists: some 10 s of CPU a run that come out the same for every corpus. :func:`cached` keeps
such a result in ``<cache>/results`` (:func:`policystudy.core.resources.cache_dir`: the
folder ``POLICYSTUDY_CACHE`` names, which a run outside the project points at
``<out>/build/cache``), keyed on

* every file of the package, code and packaged data alike (:func:`package_digest`): a change
  to any module or data file computes the result anew, whatever it imports or reads;
* the versions of Python and of the libraries that compute it (:func:`package_versions`);
* the call's name and arguments, pickled (the taxonomy or indicator list it was given, with
  the path it was read from).

A result is pickled with the highest protocol and loaded only from that folder, which holds
nothing but this package's own caches; an entry that cannot be read is computed again and
replaced. Entries are written to a temporary file and renamed, so two processes filling one
cache at once (pytest-xdist workers, ``run --jobs 2``) never read a half-written entry.
``POLICYSTUDY_RESULT_CACHE=0`` turns the cache off (every result computed, nothing written).

Examples
--------
>>> import tempfile
>>> from unittest import mock
>>> calls = []
>>> def slow_square():
...     calls.append(1)
...     return 12 * 12
>>> with tempfile.TemporaryDirectory() as tmp, mock.patch.dict(
...         os.environ, {"POLICYSTUDY_CACHE": tmp}):
...     first, again = cached("square", slow_square, 12), cached("square", slow_square, 12)
>>> first, again, len(calls)
(144, 144, 1)
"""

from __future__ import annotations

import hashlib
import os
import pickle
import platform
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from policystudy.core import resources

T = TypeVar("T")
#: Subfolder of the cache folder holding the results.
RESULTS = "results"
#: Set to ``0`` to compute every result (nothing read or written).
SWITCH_ENV = "POLICYSTUDY_RESULT_CACHE"
#: The distributions whose versions a run's provenance records and a result's key includes.
PACKAGES = (
    "policystudy", "jieba", "pandas", "numpy", "scipy", "scikit-learn", "matplotlib",
    "seaborn", "opencc", "charset-normalizer", "mplfonts", "networkx", "papermill",
    "nbval", "pyyaml", "rjieba", "dask",
)  # fmt: skip


def package_versions() -> dict[str, str]:
    """The installed version of each of :data:`PACKAGES` that is installed."""
    out = {}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return out


def package_digest(root: Path | str | None = None) -> str:
    """sha256 of every file under ``root`` (by default the package: its modules and data), by
    relative path.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "rules.yaml").write_text("a: 1\\n", encoding="utf-8")
    ...     before = package_digest(tmp)
    ...     _ = (Path(tmp) / "rules.yaml").write_text("a: 2\\n", encoding="utf-8")
    ...     before == package_digest(tmp)
    False
    """
    root = Path(resources.PACKAGE_DIR if root is None else root)
    files = sorted(f for f in root.rglob("*") if f.is_file() and "__pycache__" not in f.parts)
    # Stamped by path, size and mtime: a long session (a test run, a notebook) hashes the
    # package once, and again only after a file changed.
    stamp = tuple((f, f.stat().st_size, f.stat().st_mtime_ns) for f in files)
    return _digest(root, stamp)


@cache
def _digest(root: Path, stamp: tuple) -> str:
    h = hashlib.sha256()
    for f, _, _ in stamp:
        h.update(f.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


def result_key(name: str, *args: object) -> str:
    """The key of ``name`` called with ``args`` under this package and these libraries."""
    h = hashlib.sha256()
    for part in (
        name,
        package_digest(),
        repr(sorted(package_versions().items())),
        platform.python_version(),
    ):
        h.update(part.encode() + b"\0")
    h.update(pickle.dumps(args, protocol=pickle.HIGHEST_PROTOCOL))
    return h.hexdigest()


def cached(name: str, compute: Callable[[], T], *args: object) -> T:
    """``compute()``, or its result stored under ``name`` and ``args`` (see the module).

    ``args`` must be everything ``compute`` depends on beyond the package and the libraries:
    what it is called with.
    """
    if os.environ.get(SWITCH_ENV) == "0":
        return compute()
    path = resources.cache_dir() / RESULTS / f"{name}-{result_key(name, *args)[:40]}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except Exception:  # none yet, or damaged (an older version's crash): computed, replaced
        pass
    value = compute()
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:  # a read-only or full cache folder: the result is still returned
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return value
