"""The one home of every default shared by the parameter schema and the library.

``policystudy.workflow.params.SCHEMA`` takes its defaults from here, and so do the library
signatures with a parameter of the same name (``min_documents: int = defaults.MIN_DOCUMENTS``):
a default changed here changes ``params.yaml``, the notebooks' parameter cells (both regenerated
by ``tools/sync_params.py``) and the library together. ``tests/test_defaults.py`` fails when a
public signature of the package disagrees with the schema.

This module is the lowest layer (``core``) and imports nothing, so that every layer may use it.

Examples
--------
>>> from policystudy.core import defaults
>>> defaults.MIN_DOCUMENTS, defaults.TOP_K, defaults.GROUP_BY
(5, 20, 'region')
"""

from __future__ import annotations

# The manifest column that defines the groups compared.
GROUP_BY = "region"
# Seed of every random step (bootstrap, NMF, permutation, classifier).
RANDOM_STATE = 42
# Worker processes or threads; 0 = one per CPU core.
N_JOBS = 0
# Bootstrap resamples for stability and confidence intervals.
N_BOOTSTRAP = 1000
# Keywords reported per group and method.
TOP_K = 20
# Groups with at least this many documents get intervals and tests.
MIN_DOCUMENTS = 5
# Distinctive terms carried by fewer documents of their group are marked one_document.
KEYNESS_MIN_DOCUMENTS = 2
# Keyness counts a formula repeated within one document once (preceding content tokens).
KEYNESS_FORMULA_CONTEXT = 1
# Priority shares: weighted by characters; group profiles: each document counts equally.
WEIGHT = "chars"
POOLING = "documents"
# Lexicon classifier: a domain is a label above this share of a unit's livelihood evidence.
THRESHOLD = 0.25
# The unit the domain classifier codes.
UNIT = "sentences"
# Thin livelihood text: the seed documents are 82-92% livelihood text with 15-120 livelihood
# sentences; the CPC congress reports of 2007-2022 about 11% with 82-94 sentences, those
# before 1978 0-19% with 0-18 sentences.
MIN_LIVELIHOOD_SHARE = 0.05
MIN_LIVELIHOOD_UNITS = 10
# Document parts: marker:part pairs; the parts the priority analyses use.
PARTS = "【报告内容】:policy,【权威解读】:commentary"
USE_PARTS = "policy"
# Group differences: every pair of groups.
TEST_PAIRS = "all"
# Time analysis: the manifest column, periods ('' = one per year), break year (0 = none).
TIME_BY = "year"
TIME_BINS = ""
TIME_BREAK = 0
# Documents set aside by their quality flags.
EXCLUDE_FLAGGED = "placeholder"
# Copies of one text; near-duplicate Jaccard threshold; reuse between documents.
DUPLICATES = "keep_first"
DUPLICATE_THRESHOLD = 0.9
REUSE = "count_once"
REUSE_MIN_CHARS = 50
# Cross-document boilerplate.
BOILERPLATE_MIN_DOCUMENTS = 3
BOILERPLATE_MIN_SHARE = 0.1
BOILERPLATE_MAX_SHARE = 0.5
# Segmentation: numbers with units dropped, the jieba backend; Traditional script converted.
KEEP_NUMBERS = False
BACKEND = "jieba"
TO_SIMPLIFIED = True
# Policy instruments: the primary type from the supervised model stacked with the cue rules
# (document-grouped CV on labels the rules were never tuned on: 0.823 against the rules' 0.723;
# INSTRUMENTS.md); 'rules' for the cue words alone and for typologies other than Rothwell's.
INSTRUMENT_METHOD = "model"
# Where segmentation and counting run: this machine (a process pool).
ENGINE = "local"
