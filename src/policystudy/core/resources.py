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
VALIDATION = PACKAGE_DATA / "validation"


def cache_dir() -> Path:
    """Folder for caches (jieba's dictionary cache, segmented paragraphs).

    ``POLICYSTUDY_CACHE`` when set (the pipeline points it at its output folder), else
    ``$XDG_CACHE_HOME/policystudy`` or ``~/.cache/policystudy``; never the system temp folder,
    which other users share, and never inside the installed package.

    Examples
    --------
    >>> import os
    >>> os.environ["POLICYSTUDY_CACHE"] = "/tmp/ps-cache"
    >>> cache_dir().as_posix()
    '/tmp/ps-cache'
    >>> del os.environ["POLICYSTUDY_CACHE"]
    """
    env = os.environ.get("POLICYSTUDY_CACHE")
    if env:
        return Path(env).expanduser().resolve()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return (Path(base) / "policystudy").resolve()
