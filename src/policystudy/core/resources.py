"""Files that ship inside the package, and where the package may cache work.

Everything here works from an installed package: nothing is derived from a project folder (only
:mod:`policystudy.workflow` knows about one).

Examples
--------
>>> from policystudy.core import resources
>>> resources.TAXONOMY.name, resources.TAXONOMY.is_file()
('taxonomy.yaml', True)
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DATA = PACKAGE_DIR / "data"
USERDICT = PACKAGE_DATA / "userdict.txt"
STOPWORDS = PACKAGE_DATA / "stopwords.txt"
TAXONOMY = PACKAGE_DATA / "taxonomy.yaml"
SYNONYMS = PACKAGE_DATA / "synonyms.yaml"
TERM_FILTERS = PACKAGE_DATA / "term_filters.yaml"
INDICATORS = PACKAGE_DATA / "indicators.yaml"
DATABLE_TERMS = PACKAGE_DATA / "datable_terms.yaml"
VALIDATION = PACKAGE_DATA / "validation"


def cache_dir() -> Path:
    """Folder for caches (jieba's dictionary cache, segmented paragraphs).

    ``POLICYSTUDY_CACHE`` when set (the pipeline points it at its output folder), else
    ``$XDG_CACHE_HOME/policystudy`` or ``~/.cache/policystudy``; never the system temp folder,
    which other users share, and never inside the installed package.

    Examples
    --------
    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"POLICYSTUDY_CACHE": "/tmp/ps-cache"}):
    ...     cache_dir().as_posix()
    '/tmp/ps-cache'
    """
    env = os.environ.get("POLICYSTUDY_CACHE")
    if env:
        return Path(env).expanduser().resolve()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return (Path(base) / "policystudy").resolve()


# Either file makes a folder a project: params.yaml (a project's own defaults) or the default
# manifest. Only the workflow uses project folders; the walk lives here so that the report's
# site writes paths the way the provenance does without importing the workflow.
PROJECT_MARKERS = ("params.yaml", "data/corpus.csv")


def marked_folder(start: Path | str) -> Path | None:
    """The first folder from ``start`` upwards that holds a project marker; ``None`` if none.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "params.yaml").write_text("top_k: 5\\n", encoding="utf-8")
    ...     (Path(tmp) / "sub").mkdir()
    ...     marked_folder(Path(tmp) / "sub") == Path(tmp).resolve()
    True
    """
    here = Path(start).expanduser().resolve()
    for folder in (here, *here.parents):
        if any((folder / marker).is_file() for marker in PROJECT_MARKERS):
            return folder
    return None
