"""The declaration of every parameter of the notebooks and ``policystudy run``.

One :class:`~policystudy.workflow.params_types.Param` per parameter: type, default (from
:mod:`policystudy.core.defaults`, shared with the library signatures), bounds, documentation and
the notebooks that take it. Validation and the generated files read :data:`SCHEMA`
(:mod:`policystudy.workflow.params`, :mod:`policystudy.workflow.params_render`).

Examples
--------
>>> SCHEMA["min_documents"].default
5
>>> notebook_params("05_findings")
['manifest', 'out_dir', 'group_by', 'min_documents', 'time_by', 'time_break', 'taxonomy', 'validation_sheets']
"""

from __future__ import annotations

from policystudy.core import defaults
from policystudy.workflow.params_types import Param


def _exclude_flags(value: str) -> None:
    from policystudy.ingest import quality

    quality.parse_exclude(value)


def _validation_sheets(value: str) -> None:
    # A named sheet that is missing stops the run before any notebook, not in notebook 05.
    if value.strip().lower() not in ("", "none", "auto"):
        from policystudy.workflow.validate_cli import resolve_sheets

        try:
            resolve_sheets(value, manifest="")
        except FileNotFoundError as err:
            raise ValueError(str(err).removeprefix("validation_sheets: ")) from None


def _time_bins(value: str) -> None:
    from policystudy.priorities.time import parse_bins

    parse_bins(value)


_ALL = ("00_corpus", "01_keywords", "02_topics", "03_priorities", "04_targets", "05_findings")
# The notebooks that segment text (and so take the tokenizer's and the engine's options).
_SEGMENTING = _ALL[:3]
_RESAMPLING = ("01_keywords", "02_topics", "03_priorities")

SCHEMA: dict[str, Param] = {
    p.name: p
    for p in [
        Param("manifest", str, "", "Manifest CSV (doc_id,file,region,...); '' = data/corpus.csv.",
              path=True, notebooks=_ALL),
        Param("out_dir", str, "", "Output root for data/processed, figures, reports; '' = "
              "build/interactive when a notebook is run by hand.", notebooks=_ALL),
        Param("group_by", str, defaults.GROUP_BY, "Manifest column that defines the groups compared.",
              notebooks=_ALL),
        Param("random_state", int, defaults.RANDOM_STATE, "Seed for every random step (bootstrap, NMF, permutation).",
              minimum=0, maximum=2**32 - 1, notebooks=_RESAMPLING),
        Param("userdict", str, "", "jieba user dictionary; '' = the packaged policy dictionary.",
              path=True, notebooks=_SEGMENTING),
        Param("stopwords", str, "", "Stopword list; '' = the packaged list.", path=True,
              notebooks=_SEGMENTING),
        Param("keep_numbers", bool, defaults.KEEP_NUMBERS, "Keep numbers with units as tokens (2.15万人) or drop them.",
              notebooks=_SEGMENTING),
        Param("backend", str, defaults.BACKEND, "Segmentation backend.", choices=("jieba", "rjieba"),
              notebooks=_SEGMENTING),
        Param("engine", str, defaults.ENGINE, "Where segmentation and counting run: this machine (a "
              "process pool) or a Dask cluster.", choices=("local", "dask"),
              notebooks=_SEGMENTING),
        Param("scheduler", str, "", "Dask scheduler address (tcp://host:8786); empty = start a "
              "local cluster. Used only with engine=dask.", notebooks=_SEGMENTING),
        Param("n_jobs", int, defaults.N_JOBS, "Worker processes for segmentation and target extraction, "
              "and threads for the keyword bootstrap and the topic-number scan; "
              "0 = one per CPU core. Results do not depend on it.", minimum=0, maximum=512,
              notebooks=(*_SEGMENTING, "04_targets")),
        Param("to_simplified", bool, defaults.TO_SIMPLIFIED, "Convert Traditional script to Simplified (OpenCC t2s).",
              notebooks=("00_corpus",)),
        Param("exclude_flagged", str, defaults.EXCLUDE_FLAGGED, "Documents set aside from every analysis "
              "by their quality flags (document_flags.csv): '' = none, 'all' = any flag, or flag "
              "names separated by commas (placeholder, ad_footer, template, very_short, "
              "anachronism). Default placeholder, for every corpus: a text with 202x/20xx "
              "left in is a template or a ghost-written draft, not a government's issued "
              "policy, and nothing it says is that government's priority (the seed Tianjin "
              "copy). The other flags only warn. The report shows each group's #1 with and "
              "without flagged documents either way, and priority_specifications.csv every #1 "
              "with them in and out.", validator=_exclude_flags, notebooks=("00_corpus",)),
        Param("duplicates", str, defaults.DUPLICATES, "Documents that are the same text (exactly once "
              "normalised, whatever the encoding, or nearly: see duplicate_threshold): keep the "
              "first in the manifest and set the others aside (keep_first), analyse all "
              "(keep_all), or stop with the list of pairs (fail). Every pair is in "
              "document_duplicates.csv.", choices=("keep_first", "keep_all", "fail"),
              notebooks=("00_corpus",)),
        Param("duplicate_threshold", float, defaults.DUPLICATE_THRESHOLD, "Near-duplicate documents: Jaccard similarity "
              "of their 5-character shingles at least this.", minimum=0.5, maximum=1.0,
              notebooks=("00_corpus",)),
        Param("reuse", str, defaults.REUSE, "Text reused from an earlier document (text_reuse.csv): "
              "count_once leaves a paragraph that is mostly an earlier document's text out of "
              "the later document's analyses; count_all analyses it in both.",
              choices=("count_once", "count_all"), notebooks=("00_corpus",)),
        Param("reuse_min_chars", int, defaults.REUSE_MIN_CHARS, "Shortest passage reported as reused from another "
              "document (characters).", minimum=16, maximum=100000, notebooks=("00_corpus",)),
        Param("boilerplate_min_documents", int, defaults.BOILERPLATE_MIN_DOCUMENTS, "Cross-document boilerplate: a short or "
              "structural head or tail line must recur in at least this many distinct documents "
              "(duplicates set aside) ...", minimum=2, maximum=100000, notebooks=("00_corpus",)),
        Param("boilerplate_min_share", float, defaults.BOILERPLATE_MIN_SHARE, "... and in at least this share of them.",
              minimum=0.0, maximum=1.0, notebooks=("00_corpus",)),
        Param("boilerplate_max_share", float, defaults.BOILERPLATE_MAX_SHARE, "Boilerplate never empties a document: where "
              "it would remove more than this share of a document's characters, its lines stay "
              "(cleaning_audit.csv, action kept).", minimum=0.0, maximum=1.0,
              notebooks=("00_corpus",)),
        Param("top_k", int, defaults.TOP_K, "Keywords reported per group and method.", minimum=1, maximum=1000,
              notebooks=("01_keywords",)),
        Param("n_bootstrap", int, defaults.N_BOOTSTRAP, "Bootstrap resamples for stability and confidence intervals.",
              minimum=20, maximum=100000, notebooks=_RESAMPLING),
        Param("n_topics", int, 0, "NMF topics; 0 = choose by the data-driven rule in 02_topics.",
              minimum=0, maximum=200, notebooks=("02_topics",)),
        Param("weight", str, defaults.WEIGHT, "Priority shares weighted by characters, sentences (each "
              "counts 1, its clauses share it) or coded units (sentences and clauses; "
              "'paragraphs' is the older name of units). priority_specifications.csv shows "
              "each #1 under all three.", choices=("chars", "sentences", "units", "paragraphs"),
              notebooks=("03_priorities",)),
        Param("specification_recode", bool, True, "Specification table (priority_"
              "specifications.csv): code the corpus again with the lexicon at thresholds 0.15, "
              "0.25, 0.35 and with the TF-IDF model (one coding each); false varies only the "
              "weighting, flagged documents and set-aside parts on the run's own coding (for "
              "large corpora).", notebooks=("03_priorities",)),
        Param("threshold", float, defaults.THRESHOLD, "Lexicon classifier: a domain is a label when its share "
              "of the unit's livelihood evidence is above this.", minimum=0.0, maximum=1.0,
              notebooks=("03_priorities",)),
        Param("unit", str, defaults.UNIT, "Unit the domain classifier codes: sentences (long list "
              "sentences split into clauses at semicolons, headings as context) or paragraphs.",
              choices=("sentences", "paragraphs"), notebooks=("03_priorities",)),
        Param("pooling", str, defaults.POOLING, "Group profiles: each document counts equally "
              "(documents) or the group's characters are pooled (chars).",
              choices=("documents", "chars"), notebooks=("03_priorities",)),
        Param("test_pairs", str, defaults.TEST_PAIRS, "Group differences (permutation tests): every pair of "
              "groups (all) or only neighbours in group_order (neighbours: eras, years, where a "
              "shift shows, with a smaller family for Holm's correction).",
              choices=("all", "neighbours"), notebooks=("03_priorities",)),
        Param("group_order", str, "", "Order of the groups for neighbour comparisons: group "
              "values separated by commas; empty = by value (groups that start with a number, "
              "such as years or eras 1954-1977, by that number).", notebooks=("03_priorities",)),
        Param("keyness_formula_context", int, defaults.KEYNESS_FORMULA_CONTEXT, "Keyness counts a formula repeated within one "
              "document once: an occurrence of a term whose this many preceding content tokens "
              "equal those of an earlier occurrence in the same document (…上实现新突破 seven "
              "times in one feature) is not counted again; 0 counts every occurrence.", minimum=0, maximum=20,
              notebooks=("01_keywords",)),
        Param("keyness_min_documents", int, defaults.KEYNESS_MIN_DOCUMENTS, "Distinctive terms (keyness) carried by fewer "
              "documents of their group than this are marked one_document in keyness.csv and "
              "left out of the report's list of distinctive terms.", minimum=1, maximum=100000,
              notebooks=("01_keywords",)),
        Param("min_documents", int, defaults.MIN_DOCUMENTS, "Groups with at least this many documents get document-"
              "bootstrap intervals (priorities, topic prevalence) and permutation tests, and "
              "keyword stability from resampled documents; smaller groups get descriptive "
              "document profiles and robustness figures instead, no topic prevalence intervals, "
              "and keyword stability from resampled paragraphs.", minimum=2,
              maximum=100000, notebooks=("01_keywords", "02_topics", "03_priorities",
                                         "05_findings")),
        Param("min_livelihood_share", float, defaults.MIN_LIVELIHOOD_SHARE, "Thin livelihood text: a document (or a "
              "group's pooled text) whose livelihood text is below this share of its analysed "
              "characters is flagged thin_livelihood, and its livelihood shares are not read as "
              "priorities (tables, caveats, report). Seeds: 82-92%; CPC reports 2007-2022: ~11%.",
              minimum=0.0, maximum=1.0, notebooks=("03_priorities",)),
        Param("min_livelihood_units", int, defaults.MIN_LIVELIHOOD_UNITS, "Thin livelihood text: flagged also when the "
              "livelihood text has fewer than this many units (sentences or clauses with "
              "unit=sentences). Seeds: 15-120.", minimum=0, maximum=100000,
              notebooks=("03_priorities",)),
        Param("parts", str, defaults.PARTS, "Document parts: "
              "marker:part pairs separated by commas. A paragraph or sentence that starts with a "
              "marker opens that part; text before any marker is policy text. Targets of a part "
              "other than policy are kept and marked (column part).",
              notebooks=("03_priorities", "04_targets")),
        Param("use_parts", str, defaults.USE_PARTS, "Parts the priority analyses use (comma-separated).",
              notebooks=("03_priorities",)),
        Param("time_by", str, defaults.TIME_BY, "Manifest column that places documents in time (a year, "
              "or a date that starts with one): priorities over time, trends and the common "
              "period of the groups. '' = no time analysis; the default 'year' is skipped with a "
              "note when the manifest has no such column.", notebooks=("03_priorities",
                                                                       "05_findings")),
        Param("time_bins", str, defaults.TIME_BINS, "Periods of the time analysis: break years separated by "
              "commas (1978,2003,2013 gives ...-1977, 1978-2002, 2003-2012, 2013-...); '' = one "
              "period per year.", validator=_time_bins, notebooks=("03_priorities",)),
        Param("time_break", int, defaults.TIME_BREAK, "A year to test for a break: each domain's share before and "
              "after it (documents as the unit, permutation test); 0 = none.", minimum=0,
              maximum=9999, notebooks=("03_priorities", "05_findings")),
        Param("taxonomy", str, "", "Livelihood taxonomy YAML; '' = the packaged taxonomy.",
              path=True, notebooks=("03_priorities", "04_targets", "05_findings")),
        Param("validation_sheets", str, "auto", "Coded validation sheets (docs/validation.md): "
              "comma-separated CSV/XLSX paths, each draw's key.csv beside its sheets; 'auto' = "
              "the project's data/validation/*/coded_*.csv when the run reads the project's own "
              "manifest; '' = none (the report then says nothing was validated on this corpus).",
              notebooks=("05_findings",), validator=_validation_sheets),
        Param("instrument_taxonomy", str, "", "Policy instrument typology: '' (or "
              "'rothwell') = the packaged Rothwell-Zegveld supply / environment / demand file, "
              "'regulatory' = the packaged regulatory / economic / informational file, or a YAML "
              "file of the same schema.", notebooks=("03_priorities",)),
        Param("instrument_method", str, defaults.INSTRUMENT_METHOD, "How a sentence's primary "
              "instrument type is chosen: 'model' (a linear model of character n-grams and words "
              "stacked with the cue rules, fitted at run time on the 4,115 packaged development labels; "
              "Rothwell-Zegveld typology only) or 'rules' (the typology's cue words; needed for "
              "the regulatory or an own typology). Document-grouped CV on the 3,470 labels the "
              "rules were never tuned on: model 82.8%, rules 74.1% (INSTRUMENTS.md).",
              choices=("rules", "model"), notebooks=("03_priorities",)),
        Param("indicators", str, "", "Canonical indicators YAML; '' = the packaged file.",
              path=True, notebooks=("04_targets",)),
    ]
}  # fmt: skip


def notebook_params(notebook: str) -> list[str]:
    """Names of one notebook's parameters, in schema order (the order of its cell)."""
    return [name for name, spec in SCHEMA.items() if notebook in spec.notebooks]
