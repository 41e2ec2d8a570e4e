"""The declaration of every table a run writes to ``data/processed/`` (see :mod:`.tables`).

One entry a table: the notebook that writes it, what a row is, and its columns in the order
they are written, each ``name`` (text) or ``name:type`` with type ``int``, ``float`` or
``bool``. A numeric column may be empty in a row (an interval a thin group does not get):
it reads back as NaN, and an ``int`` column with an empty cell as ``float``.

Tables marked ``extra_columns`` carry further columns named by the user's data: the
manifest's metadata (``region``, ``year``, ...) after ``doc_id``, or the ``group_by`` column.
"""

from __future__ import annotations

_CORPUS, _KEYWORDS, _TOPICS = "00_corpus", "01_keywords", "02_topics"
_PRIORITIES, _TARGETS, _FINDINGS = "03_priorities", "04_targets", "05_findings"

# Columns that mean the same in every table that has them (a table's own note wins).
COMMON_NOTES = {
    "doc_id": "the document's id from the manifest",
    "paragraph_id": "the paragraph's id, <doc_id>-p<n>",
    "sentence_id": "the sentence's id, <paragraph_id>-s<n>",
    "group": "the value of the group_by column",
    "domain": "the livelihood domain's code in the taxonomy",
    "label_zh": "the domain's Chinese label",
    "label_en": "the domain's English label",
    "n_documents": "documents counted",
    "ci_low": "lower end of the 95% interval (empty: too few documents for one)",
    "ci_high": "upper end of the 95% interval (empty: too few documents for one)",
    "chars": "characters of text",
    "text": "the text, as analysed",
    "part": "the document part (body, appendix, ...) the text is in",
    "p_holm": "p-value adjusted for the tests of the family (Holm)",
}


def _t(name, notebook, description, spec, *, extra=False, **notes) -> dict:
    return {"name": name, "notebook": notebook, "description": description, "columns": spec,
            "extra_columns": extra, "notes": notes}  # fmt: skip


_GROUP_PROFILE = (
    "group domain label_zh label_en share:float ci_low:float ci_high:float rank:int "
    "share_all:float n_documents:int n_units:int chars:int pooling livelihood_text_share:float "
    "livelihood_units:int thin_documents:int thin_livelihood:bool thin_reason "
    "documents_carrying:int top_document top_document_share:float dp_norm:float "
    "top_livelihood_document top_livelihood_document_share:float"
)
_TARGET_ERRORS = (
    "gold_index:int pred_index:int doc_id fragment value:float unit kind_gold kind_pred "
    "comparator_gold comparator_pred canonical_gold canonical_pred"
)
_PARAGRAPHS = "doc_id paragraph_id section section_path line:int text chars:int"

SPECS: list[dict] = [
    # --- 00_corpus ---------------------------------------------------------------------
    _t("corpus_overview", _CORPUS,
       "One row a document: the manifest's metadata, reading and cleaning counts, "
       "duplicates and reuse, quality flags, whether it is set aside, and tokens.",
       "doc_id file encoding encoding_method converted_to_simplified:bool "
       "chars_converted:int lines:int raw_chars:int chars:int paragraphs:int headings:int "
       "removed_lines:int joined_lines:int repaired_lines:int sentences:int sha256 "
       "body_chars:int duplicate_of reused_chars:int reused_share:float "
       "reused_paragraphs:int status quality_flags quality_evidence excluded:bool tokens:int",
       extra=True, excluded="set aside from every analysis by exclude_flagged"),
    _t("paragraphs", _CORPUS,
       "One row a paragraph analysed: the document's metadata, its heading path and text.",
       _PARAGRAPHS, extra=True, line="the line of the cleaned text it starts on"),
    _t("excluded_paragraphs", _CORPUS,
       "The paragraphs of the documents exclude_flagged sets aside, as in paragraphs.",
       _PARAGRAPHS, extra=True),
    _t("cleaning_audit", _CORPUS,
       "Every line cleaning removed, joined or repaired, with the reason.",
       "doc_id line:int text reason action detail",
       detail="further evidence (the documents that share a boilerplate line)"),
    _t("document_flags", _CORPUS,
       "Quality flags of the documents (placeholder, truncated, ...) with their evidence.",
       "doc_id flag evidence where note"),
    _t("document_duplicates", _CORPUS,
       "Each pair of exact or near-duplicate documents and which one is analysed.",
       "doc_id duplicate_id kind similarity:float kept set_aside reason",
       kept="the id(s) analysed", set_aside="the id(s) left out"),
    _t("text_reuse", _CORPUS,
       "The passages each document shares with an earlier one (counted once).",
       "doc_id source_id shared_chars:int doc_chars:int share:float passages:int "
       "passage_text", source_id="the earlier document the passages are attributed to"),
    _t("text_reuse_groups", _CORPUS,
       "Reused characters by group and the group of the source document.",
       "group source_group reused_chars:int group_chars:int share:float"),
    _t("headings", _CORPUS,
       "The headings found in each document, with their level.",
       "doc_id line:int level:int heading"),
    _t("sentences", _CORPUS, "One row a sentence of the analysed paragraphs.",
       "paragraph_id sentence_id sentence"),
    _t("skipped_analyses", _CORPUS,
       "Analyses this corpus cannot support (too few documents or groups), and why.",
       "notebook analysis status reason"),
    _t("manifest_audit", _CORPUS,
       "Manifest values changed on reading (invisible characters, blank groups).",
       "row:int doc_id column written value change",
       written="the value as written in the manifest", value="the value used"),
    # --- 01_keywords -------------------------------------------------------------------
    _t("term_kinds", _KEYWORDS,
       "Tokens that are never keywords (function words, dates, names, places) by kind.",
       "term kind count:int"),
    _t("keywords", _KEYWORDS,
       "Each group's top terms by each method, with bootstrap stability.",
       "group method rank:int term score:float stability:float resampled_unit place:bool",
       resampled_unit="the unit the stability bootstrap resampled: documents or paragraphs "
       "(empty without a bootstrap)",
       place="the term is a place name"),
    _t("keyness", _KEYWORDS,
       "Distinctive terms of each group against the rest, and their spread over the "
       "group's documents.",
       "group term count_in_group:int count_in_rest:int log_odds:float z:float chi2:float "
       "g2:float documents_carrying:int top_document top_document_share:float "
       "dp_norm:float one_document:bool place:bool",
       z="log-odds ratio z-score (informative Dirichlet prior)",
       one_document="the group's count comes from one document"),
    # --- 02_topics ---------------------------------------------------------------------
    _t("topics", _TOPICS, "The top terms of each NMF topic.",
       "topic:int label background:bool rank:int term weight:float",
       background="carried evenly by every document: reported apart"),
    _t("topic_prevalence", _TOPICS, "Each group's share of each topic, with intervals.",
       "group topic:int label background:bool prevalence:float ci_low:float "
       "ci_high:float n_paragraphs:int n_documents:int resampled"),
    _t("similarity", _TOPICS,
       "Cosine similarity of groups and documents (nearest documents in large corpora).",
       "level item_a item_b cosine:float"),
    _t("n_topics_scan", _TOPICS,
       "Coherence and reconstruction error by number of topics; the one chosen.",
       "n_topics:int reconstruction_error:float relative_error:float coherence:float "
       "paragraphs:int chosen:bool"),
    # --- 03_priorities -----------------------------------------------------------------
    _t("domain_mapping", _PRIORITIES,
       "How each domain of the taxonomy stands to the 七有 and the standard areas.",
       "domain label_zh label_en qiyou standard_areas relation relation_note subdomains"),
    _t("domain_validation_summary", _PRIORITIES,
       "Accuracy of the domain coder on each labelled set, with intervals.",
       "dataset model subset protocol n:int primary_accuracy:float ci_low:float "
       "ci_high:float non_livelihood_n:int non_livelihood_kept_out:float micro_f1:float "
       "command", command="the command that reproduces the row"),
    _t("domain_validation", _PRIORITIES,
       "Precision, recall and F1 of the domain coder by domain and labelled set.",
       "dataset model domain precision:float recall:float f1:float support:int "
       "predicted:int"),
    _t("domain_validation_folds", _PRIORITIES,
       "Held-out accuracy of the domain coder by fold.",
       "dataset model held_out threshold:float min_evidence:int n:int "
       "primary_accuracy:float"),
    _t("sentence_domains", _PRIORITIES,
       "One row a coded sentence: its domains with scores and the terms that decided.",
       "doc_id paragraph_id sentence_id section part text chars:int primary labels "
       "scores terms duplicate_of", extra=True,
       duplicate_of="the sentence it repeats (counted once)"),
    _t("paragraph_domains", _PRIORITIES, "The sentence coding summed by paragraph.",
       "doc_id paragraph_id part units:int duplicates:int chars:int primary labels scores"),
    _t("domain_duplicates", _PRIORITIES,
       "Sentences repeated within a document, counted once.",
       "doc_id sentence_id duplicate_of chars:int primary text"),
    _t("document_parts", _PRIORITIES,
       "Characters of each document part and whether the part is analysed.",
       "doc_id part chars:int share:float used:bool"),
    _t("priority_flag_sensitivity", _PRIORITIES,
       "Each group's #1 with and without its flagged documents.",
       "group flagged_documents:int documents_with:int top_with share_with:float "
       "documents_without:int top_without share_without:float changed:bool"),
    _t("priority_specifications", _PRIORITIES,
       "The #1 of each group and document under each specification.",
       "level group doc_id specification classifier threshold:float weight flagged "
       "set_aside is_default:bool top top_share:float second second_share:float "
       "n_documents:int thin_livelihood:bool"),
    _t("sentence_instruments", _PRIORITIES,
       "The policy instruments of each coded sentence, with their evidence.",
       "doc_id paragraph_id sentence_id part duplicate_of chars:int domain "
       "livelihood:bool instrument_primary instrument_types instruments "
       "instrument_evidence", extra=True),
    _t("instrument_documents", _PRIORITIES, "Instrument shares of each document.",
       "doc_id scope instrument units:int share:float rank:int", extra=True),
    _t("instrument_groups", _PRIORITIES,
       "Instrument shares of each group with document-bootstrap intervals.",
       "group scope instrument n_documents:int share:float ci_low:float ci_high:float "
       "rank:int top robust_top lodo_top"),
    _t("instrument_methods", _PRIORITIES,
       "Instrument shares and first type of each group and document under each coder "
       "(the model and the rules).",
       "level group doc_id scope method is_default:bool n_documents:int instrument "
       "share:float top same_top:bool note",
       top="the instrument type first under this method",
       same_top="whether every method puts the same type first (empty: one method only)",
       note="why only one method codes the units, where that is so"),
    _t("domain_instruments", _PRIORITIES, "Instrument shares within each domain.",
       "group domain livelihood:bool instrument units:int share:float n_documents:int"),
    _t("instrument_validation", _PRIORITIES,
       "The run's instrument coder scored on the reported blind sample of hand labels.",
       "sample method measure type n:int value:float ci_low:float ci_high:float interval"),
    _t("instrument_years", _PRIORITIES, "Instrument shares by year.",
       "year:int scope instrument n_documents:int share:float "
       "n_documents_without_year:int"),
    _t("priority_documents", _PRIORITIES, "The domain shares of each document.",
       "doc_id group domain label_zh label_en chars:int units:int share_all:float "
       "share_livelihood:float rank:int livelihood_text_share:float livelihood_units:int "
       "thin_livelihood:bool thin_reason"),
    _t("priorities_over_time", _PRIORITIES, "Domain shares per period.",
       "level group period:int period_start:int period_end:int domain n_documents:int "
       "share_all:float ci_low:float ci_high:float share_livelihood:float"),
    _t("priority_trends", _PRIORITIES,
       "Trend per decade of each domain's share, and a break year.",
       "level group domain n_documents:int n_years:int first_year:int last_year:int "
       "mean_share:float slope_per_decade:float ci_low:float ci_high:float p_value:float "
       "p_is_bound:bool p_holm:float firm:bool break_year:int n_before:int n_after:int "
       "share_before:float share_after:float break_difference:float "
       "break_p_value:float break_p_is_bound:bool break_p_holm:float note"),
    _t("group_composition", _PRIORITIES,
       "What each group holds: years, genres, lengths, flagged and set-aside documents.",
       "group n_documents:int first_year:int last_year:int n_years:int median_chars:float "
       "min_chars:int max_chars:int genres top_genre top_genre_share:float admin_levels "
       "flagged:int set_aside:int"),
    _t("priorities_common_period", _PRIORITIES,
       "Each group's ranking on the years every group covers.",
       "group domain n_documents:int share:float rank:int window"),
    _t("priorities", _PRIORITIES,
       "Each group's domain profile with intervals and concentration.", _GROUP_PROFILE),
    _t("priority_ranking", _PRIORITIES,
       "Each group's top domains (the head of priorities).", _GROUP_PROFILE),
    _t("priority_tests", _PRIORITIES,
       "Permutation tests of domain shares between pairs of groups (Holm).",
       "group_a group_b domain share_a:float share_b:float difference:float "
       "n_documents_a:int n_documents_b:int neighbours:bool tested:bool "
       "n_permutations:int p_value:float p_bound:bool p_text p_holm:float p_holm_text "
       "significant:bool note", neighbours="the pair is adjacent in an ordered grouping"),
    _t("priority_robustness", _PRIORITIES,
       "The fewest sentences whose recoding changes each #1.",
       "level group doc_id n_documents:int top top_share:float runner_up "
       "runner_up_share:float lead:float fewest_units:int units_removed method"),
    _t("priority_lodo", _PRIORITIES, "Each group's #1 with one document left out.",
       "group left_out n_documents:int top top_share:float same_top:bool "
       "kendall_tau:float"),
    _t("priority_agreement", _PRIORITIES,
       "Kendall's tau between the rankings of two documents of a group.",
       "group doc_a doc_b kendall_tau:float"),
    _t("priority_consensus", _PRIORITIES,
       "How often each domain is a document's #1 or in its top 3.",
       "domain n_documents:int top1:int top3:int median_rank:float min_share:float "
       "median_share:float max_share:float"),
    _t("priority_caveats", _PRIORITIES,
       "What the priority profiles cannot support, with the number behind it.",
       "caveat subject value:float statement"),
    # --- 04_targets --------------------------------------------------------------------
    _t("targets", _TARGETS,
       "Quantified targets, with indicator, value, period, kind and the evidence.",
       "sentence_id indicator canonical_indicator scope value:float value_high:float unit "
       "value_normalized:float unit_base comparator value_type binding baseline deadline "
       "period period_type year_from:int year_to:int agency kind cue cue_where sentence "
       "doc_id group paragraph_id part domain mentions:int also_in conflict",
       cue="the cue that decided the kind", cue_where="where the cue was found"),
    _t("targets_evaluation", _TARGETS, "Target extraction scored on the gold lists.",
       "metric value:float"),
    _t("targets_errors", _TARGETS, "Target extraction errors on the seed gold list.",
       _TARGET_ERRORS),
    _t("targets_dev_errors", _TARGETS,
       "Target extraction errors on the development gold list.", _TARGET_ERRORS),
    _t("targets_shared", _TARGETS,
       "Targets on an indicator that several groups set, and whether they compare.",
       "canonical_indicator group doc_id sentence_id scope value:float value_high:float "
       "unit value_normalized:float unit_base comparator value_type period_class deadline "
       "year_to:int binding kind compared:bool reason"),
    _t("targets_over_time", _TARGETS,
       "Each document's targets for its own year, lined up by year per indicator (one a "
       "document), and why every other target row of the indicator is left out.",
       "canonical_indicator year:int doc_id group sentence_id in_series:bool basis "
       "value:float value_high:float unit value_normalized:float unit_base comparator "
       "value_type scope period period_type year_to:int kind reason",
       year="the document's year (manifest)",
       in_series="the row is its document's point in the indicator's series",
       basis="why the row counts for the document's year",
       reason="why the row is not in the series (empty when it is)"),
    # --- 05_findings -------------------------------------------------------------------
    _t("validation_summary", _FINDINGS,
       "Agreement between coders and accuracy of the machine on the coded sheets.",
       "task measure coders n:int n_documents:int estimate:float ci_low:float "
       "ci_high:float interval chance:float p_value:float note draw"),
    _t("validation_labels", _FINDINGS,
       "Precision and recall of the machine by label against the coders.",
       "label n_machine:int n_coders:int agree:int precision:float precision_low:float "
       "precision_high:float recall:float recall_low:float recall_high:float f1:float "
       "draw"),
    _t("validation_confusion", _FINDINGS, "Machine label against coders' label.",
       "machine coders n:int draw"),
    _t("validation_disagreements", _FINDINGS,
       "The coded items where the machine and the coders disagree.",
       "item_id doc_id text codes consensus machine disagreement draw"),
]  # fmt: skip
