"""Which notebook needs which, and the keys that decide whether a notebook can be reused.

Examples
--------
>>> from pathlib import Path
>>> nbs = [Path(f"{n}.ipynb") for n in ("00_corpus", "03_priorities", "04_targets", "05_x")]
>>> notebook_needs(nbs)["04_targets"], notebook_needs(nbs)["05_x"]
(['00_corpus', '03_priorities'], ['00_corpus', '03_priorities', '04_targets'])
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from policystudy.workflow import paths

# The notebook that writes each table, for "run it first" messages and the NEEDS check.
PRODUCERS = {
    "paragraphs": "notebooks/00_corpus.ipynb",
    "corpus_overview": "notebooks/00_corpus.ipynb",
    "cleaning_audit": "notebooks/00_corpus.ipynb",
    "skipped_analyses": "notebooks/00_corpus.ipynb",
    "document_flags": "notebooks/00_corpus.ipynb",
    "excluded_paragraphs": "notebooks/00_corpus.ipynb",
    "manifest_audit": "notebooks/00_corpus.ipynb",
    "document_duplicates": "notebooks/00_corpus.ipynb",
    "text_reuse": "notebooks/00_corpus.ipynb",
    "text_reuse_groups": "notebooks/00_corpus.ipynb",
    "term_kinds": "notebooks/01_keywords.ipynb",
    "keywords": "notebooks/01_keywords.ipynb",
    "keyness": "notebooks/01_keywords.ipynb",
    "topics": "notebooks/02_topics.ipynb",
    "topic_prevalence": "notebooks/02_topics.ipynb",
    "similarity": "notebooks/02_topics.ipynb",
    "n_topics_scan": "notebooks/02_topics.ipynb",
    "priority_ranking": "notebooks/03_priorities.ipynb",
    "priority_tests": "notebooks/03_priorities.ipynb",
    "priority_caveats": "notebooks/03_priorities.ipynb",
    "priority_flag_sensitivity": "notebooks/03_priorities.ipynb",
    "priority_specifications": "notebooks/03_priorities.ipynb",
    "domain_validation_folds": "notebooks/03_priorities.ipynb",
    "targets_evaluation": "notebooks/04_targets.ipynb",
    "priorities": "notebooks/03_priorities.ipynb",
    "paragraph_domains": "notebooks/03_priorities.ipynb",
    "priorities_over_time": "notebooks/03_priorities.ipynb",
    "priority_trends": "notebooks/03_priorities.ipynb",
    "group_composition": "notebooks/03_priorities.ipynb",
    "priorities_common_period": "notebooks/03_priorities.ipynb",
    "sentence_instruments": "notebooks/03_priorities.ipynb",
    "instrument_documents": "notebooks/03_priorities.ipynb",
    "instrument_groups": "notebooks/03_priorities.ipynb",
    "domain_instruments": "notebooks/03_priorities.ipynb",
    "instrument_years": "notebooks/03_priorities.ipynb",
    "targets": "notebooks/04_targets.ipynb",
    "targets_shared": "notebooks/04_targets.ipynb",
}

# The notebooks the pipeline ships and runs, by name, in run order. Never a glob of the folder:
# `jupyter nbconvert --execute 01_keywords.ipynb` leaves 01_keywords.nbconvert.ipynb beside
# it, which a glob would run as a seventh notebook (and publish in provenance and the site).
PIPELINE_NOTEBOOKS = (
    "00_corpus.ipynb", "01_keywords.ipynb", "02_topics.ipynb", "03_priorities.ipynb",
    "04_targets.ipynb", "05_findings.ipynb",
)  # fmt: skip

# The notebooks whose tables each notebook reads. Independent notebooks run side by side (see
# ``jobs``); a notebook missing here (a student's new one) waits for every earlier notebook.
# tests/test_pipeline.py checks this against the tables each notebook reads.
NEEDS: dict[str, tuple[str, ...]] = {
    "00_corpus": (),
    "01_keywords": ("00_corpus",),
    "02_topics": ("00_corpus",),
    "03_priorities": ("00_corpus",),
    "04_targets": ("00_corpus", "03_priorities"),
}


def notebook_needs(notebooks: list[Path]) -> dict[str, list[str]]:
    """Direct upstream notebooks (stems) of each notebook of a run, in run order."""
    stems = [nb.stem for nb in notebooks]
    needs = {}
    for i, stem in enumerate(stems):
        earlier = stems[:i]
        declared = NEEDS.get(stem)
        needs[stem] = earlier if declared is None else [d for d in earlier if d in declared]
    return needs


def upstream(stem: str, needs: dict[str, list[str]]) -> list[str]:
    """Every notebook ``stem`` depends on, directly or not.

    Examples
    --------
    >>> upstream("c", {"a": [], "b": ["a"], "c": ["b"]})
    ['b', 'a']
    """
    seen: list[str] = []
    todo = list(needs[stem])
    while todo:
        d = todo.pop()
        if d not in seen:
            seen.append(d)
            todo.extend(needs[d])
    return seen


def fingerprint(*parts: Any) -> str:
    """sha256 of JSON-serialised parts (sorted keys): a notebook's reuse key.

    Examples
    --------
    >>> fingerprint({"b": 1, "a": "民生"}) == fingerprint({"a": "民生", "b": 1})
    True
    """
    h = hashlib.sha256()
    for part in parts:
        h.update(json.dumps(part, sort_keys=True, default=str).encode())
    return h.hexdigest()


def code_digest() -> str:
    """Hash of the library's code and packaged data: a change re-executes every notebook."""
    h = hashlib.sha256()
    for f in sorted(paths.PACKAGE_DIR.rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts:
            h.update(f.relative_to(paths.PACKAGE_DIR).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()
