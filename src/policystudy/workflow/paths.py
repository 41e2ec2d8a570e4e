"""Where the workflow finds a project folder, the notebooks and its outputs.

Only :mod:`policystudy.workflow` knows about a *project folder*: a folder holding ``params.yaml``
or ``data/corpus.csv`` (this repository is one). It is found from ``--project`` (the
``POLICYSTUDY_PROJECT`` environment variable), else from the current directory upwards, the way
git finds a repository; never from where the package is installed, so a non-editable install
runs as well as a checkout. The notebooks and the packaged data ship inside the package.

Names such as ``paths.ROOT`` or ``paths.DEFAULT_MANIFEST`` are resolved when read, from the
project found at that moment; outside any project they raise :class:`ProjectNotFoundError`.

Examples
--------
>>> from policystudy.workflow import paths
>>> paths.NOTEBOOKS.name, (paths.NOTEBOOKS / "00_corpus.ipynb").is_file()
('notebooks', True)
>>> paths.processed("/tmp/out").as_posix()
'/tmp/out/data/processed'
"""

from __future__ import annotations

import os
from pathlib import Path

from policystudy.core.resources import (  # noqa: F401  (re-exported for the workflow)
    INDICATORS,
    PACKAGE_DATA,
    PACKAGE_DIR,
    PROJECT_MARKERS,
    STOPWORDS,
    TAXONOMY,
    USERDICT,
    VALIDATION,
    cache_dir,
    marked_folder,
)

# The pipeline's notebooks ship with the package (papermill and nbval run them from here).
NOTEBOOKS = PACKAGE_DIR / "notebooks"

PROJECT_ENV = "POLICYSTUDY_PROJECT"


class ProjectNotFoundError(FileNotFoundError):
    """No project folder: the message says how to name one."""


def find_project(start: Path | str | None = None) -> Path | None:
    """The project folder: ``$POLICYSTUDY_PROJECT``, else the first folder from ``start``
    (default: the current directory) upwards that holds a project marker; ``None`` if none.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "params.yaml").write_text("top_k: 5\\n", encoding="utf-8")
    ...     (Path(tmp) / "sub").mkdir()
    ...     find_project(Path(tmp) / "sub") == Path(tmp).resolve()
    True
    """
    return _find(start)


def _find(start: Path | str | None, *, env: bool = True) -> Path | None:
    if env and start is None and os.environ.get(PROJECT_ENV):
        return Path(os.environ[PROJECT_ENV]).expanduser().resolve()
    return marked_folder(start if start is not None else Path.cwd())


def project_root(start: Path | str | None = None) -> Path:
    """Like :func:`find_project`, but raise :class:`ProjectNotFoundError` when there is none."""
    root = _find(start)
    if root is None:
        where = Path(start) if start is not None else Path.cwd()
        raise ProjectNotFoundError(
            f"no project folder at or above {where} (a folder with "
            f"{' or '.join(PROJECT_MARKERS)}): run from inside one, pass --project DIR, or give "
            "--manifest and --out"
        )
    return root


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


# Paths inside the project, resolved when read (PEP 562): a module constant would freeze the
# folder the first importer happened to run in.
_PROJECT_PATHS = {
    "ROOT": (),
    "DATA": ("data",),
    "RAW": ("data", "raw"),
    "DEFAULT_MANIFEST": ("data", "corpus.csv"),
    "PARAMS_FILE": ("params.yaml",),
    "BUILD": ("build",),
    # Where a notebook writes when opened by hand or run by nbval rather than by
    # ``policystudy run``: never the committed outputs.
    "INTERACTIVE_OUT": ("build", "interactive"),
}


def __getattr__(name: str) -> Path:
    if name in _PROJECT_PATHS:
        return project_root().joinpath(*_PROJECT_PATHS[name])
    if name == "CACHE":
        return cache_dir()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_PROJECT_PATHS, "CACHE"])
