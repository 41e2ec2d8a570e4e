"""policystudy: compare what Chinese governments prioritise in livelihood (民生) policy.

The public API, for use in your own notebook without the pipeline. Each name is imported the
first time it is used (PEP 562), so ``import policystudy`` stays cheap (no pandas, jieba or
scikit-learn until needed).

========================  ==============================================================
load and clean a corpus   :func:`load_corpus`, :func:`prepare`, :func:`clean_text`,
                          :func:`normalize_text`, :func:`split_sentences`
segment                   :class:`PolicyTokenizer`, :func:`tokenize_paragraphs`
keyness by group          :func:`keyword_table`, :func:`keyness_table`
TF-IDF space and topics   :class:`TfidfSpace`, :func:`fit_topics`, :func:`topic_table`
classify                  :func:`load_taxonomy`, :class:`LexiconClassifier`,
                          :class:`TfidfDomainClassifier`, :func:`classify_lines`,
                          :func:`sentence_domains`
policy instruments        :func:`load_instruments`, :func:`instrument_lines`,
                          :func:`instrument_tables`
priority profiles         :func:`priority_profiles`, :func:`ranked_priorities`,
                          :func:`permutation_tests`
extract targets           :func:`extract_targets`, :func:`extract_targets_from_text`,
                          :func:`extract_targets_from_paragraphs`
========================  ==============================================================

Examples
--------
>>> import policystudy as ps
>>> ps.split_sentences("稳定和扩大就业。健全社会保障体系!")
['稳定和扩大就业。', '健全社会保障体系!']
>>> ps.PolicyTokenizer()("推进乡村振兴,扩大公办园供给")  # 推进 and 扩大 are stopwords
['乡村振兴', '公办园', '供给']
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> the subpackage that exports it. Subpackages, not modules: their owners may
# split a module without breaking this map.
_EXPORTS: dict[str, str] = {
    # load and clean a corpus
    "Corpus": "policystudy.ingest.corpus",
    "CorpusError": "policystudy.ingest.corpus",
    "load_corpus": "policystudy.ingest.corpus",
    "read_manifest": "policystudy.ingest.corpus",
    "prepare": "policystudy.ingest.preprocess",
    "clean_text": "policystudy.ingest.cleaning",
    "normalize_text": "policystudy.ingest.normalize",
    "split_sentences": "policystudy.ingest.structure",
    # segment
    "PolicyTokenizer": "policystudy.text.tokenizer",
    "tokenize_paragraphs": "policystudy.text.engines",
    # keyness by group
    "keyword_table": "policystudy.keywords",
    "keyness_table": "policystudy.stats.keyness",
    # TF-IDF space and topics
    "TfidfSpace": "policystudy.topics",
    "fit_topics": "policystudy.topics",
    "topic_table": "policystudy.topics",
    # classify paragraphs or sentences
    "Taxonomy": "policystudy.domains",
    "load_taxonomy": "policystudy.domains",
    "LexiconClassifier": "policystudy.domains",
    "TfidfDomainClassifier": "policystudy.domains",
    "classify_lines": "policystudy.domains",
    "sentence_domains": "policystudy.domains",
    "code_sentences": "policystudy.domains",
    # policy instruments
    "load_instruments": "policystudy.instruments",
    "instrument_lines": "policystudy.instruments",
    "instrument_tables": "policystudy.instruments",
    # priority profiles
    "priority_profiles": "policystudy.priorities",
    "ranked_priorities": "policystudy.priorities",
    "permutation_tests": "policystudy.priorities",
    # extract targets
    "extract_targets": "policystudy.targets",
    "extract_targets_from_text": "policystudy.targets",
    "extract_targets_from_paragraphs": "policystudy.targets",
}

# Literal, so that linters and IDEs see it; tests/test_api.py checks it against _EXPORTS.
__all__ = [
    "Corpus",
    "CorpusError",
    "LexiconClassifier",
    "PolicyTokenizer",
    "Taxonomy",
    "TfidfDomainClassifier",
    "TfidfSpace",
    "__version__",
    "classify_lines",
    "clean_text",
    "code_sentences",
    "extract_targets",
    "extract_targets_from_paragraphs",
    "extract_targets_from_text",
    "fit_topics",
    "instrument_lines",
    "instrument_tables",
    "keyness_table",
    "keyword_table",
    "load_corpus",
    "load_instruments",
    "load_taxonomy",
    "normalize_text",
    "permutation_tests",
    "prepare",
    "priority_profiles",
    "ranked_priorities",
    "read_manifest",
    "sentence_domains",
    "split_sentences",
    "tokenize_paragraphs",
    "topic_table",
]


def __getattr__(name: str) -> Any:
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'policystudy' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from policystudy.domains import (
        LexiconClassifier,
        Taxonomy,
        TfidfDomainClassifier,
        classify_lines,
        code_sentences,
        load_taxonomy,
        sentence_domains,
    )
    from policystudy.ingest.cleaning import clean_text
    from policystudy.ingest.corpus import Corpus, CorpusError, load_corpus, read_manifest
    from policystudy.ingest.normalize import normalize_text
    from policystudy.ingest.preprocess import prepare
    from policystudy.ingest.structure import split_sentences
    from policystudy.instruments import instrument_lines, instrument_tables, load_instruments
    from policystudy.keywords import keyword_table
    from policystudy.priorities import permutation_tests, priority_profiles, ranked_priorities
    from policystudy.stats.keyness import keyness_table
    from policystudy.targets import (
        extract_targets,
        extract_targets_from_paragraphs,
        extract_targets_from_text,
    )
    from policystudy.text.engines import tokenize_paragraphs
    from policystudy.text.tokenizer import PolicyTokenizer
    from policystudy.topics import TfidfSpace, fit_topics, topic_table
