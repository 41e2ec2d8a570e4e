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

from policystudy.core import tables
from policystudy.workflow.code_key import code_digest  # noqa: F401  (the runner's reuse key)

# The notebook that writes each table (from the registry), for "run it first" messages.
PRODUCERS: dict[str, str] = {
    name: f"notebooks/{spec.notebook}.ipynb" for name, spec in tables.TABLES.items()
}

# The notebooks the pipeline ships and runs, by name, in run order. Never a glob of the folder:
# `jupyter nbconvert --execute 01_keywords.ipynb` leaves 01_keywords.nbconvert.ipynb beside
# it, which a glob would run as a seventh notebook (and publish in provenance and the site).
PIPELINE_NOTEBOOKS = (
    "00_corpus.ipynb", "01_keywords.ipynb", "02_topics.ipynb", "03_priorities.ipynb",
    "04_targets.ipynb", "05_findings.ipynb",
)  # fmt: skip

# The tables the findings report is built from (notebook 05 reads them all).
FINDINGS_INPUTS = (
    "corpus_overview", "document_duplicates", "text_reuse", "text_reuse_groups",
    "skipped_analyses", "manifest_audit", "document_parts", "domain_duplicates",
    "priority_documents", "priorities", "priority_tests", "priority_robustness", "priority_lodo",
    "priority_agreement", "priority_consensus", "priority_caveats", "priority_flag_sensitivity",
    "priority_specifications", "priorities_over_time", "priority_trends", "group_composition",
    "priorities_common_period", "document_flags", "domain_validation_summary",
    "instrument_documents", "instrument_groups", "domain_instruments", "instrument_years",
    "instrument_methods", "instrument_validation", "keyness", "topic_prevalence", "n_topics_scan", "similarity", "targets", "targets_evaluation",
    "targets_shared", "targets_over_time",
)  # fmt: skip

# The tables each pipeline notebook reads (its own calls, ``text.inputs.load_inputs`` and the
# validation of coded sheets); tests/test_graph.py checks them against the notebooks.
NOTEBOOK_INPUTS: dict[str, tuple[str, ...]] = {
    "00_corpus": (),
    "01_keywords": ("paragraphs", "skipped_analyses"),
    "02_topics": ("paragraphs", "skipped_analyses"),
    "03_priorities": ("paragraphs", "corpus_overview", "skipped_analyses", "excluded_paragraphs"),
    "04_targets": ("paragraphs", "paragraph_domains"),
    "05_findings": (*FINDINGS_INPUTS, "sentence_domains"),
}

# The notebooks whose tables each notebook reads, from the registry. Independent notebooks
# run side by side (see ``jobs``); a notebook missing here (a student's new one) waits for
# every earlier notebook.
NEEDS: dict[str, tuple[str, ...]] = {
    stem: tuple(sorted({tables.table(t).notebook for t in read} - {stem}))
    for stem, read in NOTEBOOK_INPUTS.items()
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
