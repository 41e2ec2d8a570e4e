"""Session set-up for every test item: tests/, the doctests in src/ and the notebooks.

Fixtures live in tests/conftest.py; this file only fixes where caches go and marks notebooks.
"""

from __future__ import annotations

import os
import tempfile

import pytest

# Every cache (jieba's dictionary, segmented paragraphs) goes to a folder of this session, set
# before the package is imported: never the checkout, never the user's cache. Notebook kernels
# and CLI subprocesses that the tests start inherit it.
_CACHE = tempfile.TemporaryDirectory(prefix="policystudy-test-cache-")
os.environ["POLICYSTUDY_CACHE"] = _CACHE.name


# Fixtures that run `policystudy run` (or install the package and then run it), and one that
# starts a Dask cluster: every test using them is slow, and the first are pipeline tests.
PIPELINE_FIXTURES = frozenset({"fresh_run", "own_run", "installed", "format_runs", "hostile_run",
                               "collection_run"})  # fmt: skip
# seed_site builds the whole findings site of the seed corpus (tests/test_site.py).
SLOW_FIXTURES = PIPELINE_FIXTURES | {"dask_client", "seed_site"}
# Tests that take seconds on their own (measured with --durations on the 2-core CI machine):
# each runs the pipeline, the command line in a fresh interpreter, or a whole-corpus fit. Node
# ids without the parameters; a renamed test only drops out of the fast loop's exclusions.
SLOW_TESTS = frozenset({
    "tests/test_validation.py::test_cli_score_writes_the_tables_and_the_confusion_figure",
    "tests/test_pipeline.py::test_failing_notebook_names_cell_and_publishes_nothing",
    "tests/test_pipeline.py::test_a_failure_in_one_branch_publishes_nothing",
    "tests/test_engines.py::test_backend_agreement_on_the_corpus",
    "tests/test_engines.py::test_process_pool_gives_the_serial_tokens_in_order",
    "tests/test_cli.py::test_keywords_on_files",
    "tests/test_cli.py::test_domains_classifies_each_line_of_stdin",
    "tests/test_cli.py::test_targets_prints_the_documented_header_and_dalian_status_rows",
    "tests/test_cli.py::test_missing_file_is_a_clear_error",
    "tests/test_corpus.py::test_run_refuses_bad_corpus_before_any_notebook",
    "tests/test_corpus.py::test_bad_corpus_lists_every_problem_in_one_message",
    "tests/test_corpus.py::test_missing_required_column",
    "tests/test_corpus.py::test_info_shows_five_documents_in_four_regions",
    "tests/test_keywords.py::test_keywords_for_one_file_and_errors",
    "tests/test_params.py::test_sync_tool_reports_nothing_stale",
    "tests/test_segmentation.py::test_tokenizer_is_silent_and_caches_where_it_is_told",
    "tests/test_priorities.py::test_cli_domains_prints_tsv",
    "tests/test_segmentation.py::test_token_memo_follows_the_options_and_stays_out_of_pickles",
    "tests/test_engines.py::test_cache_is_per_tokenizer",
    "tests/test_engines.py::test_rjieba_loads_a_custom_dictionary_and_stopwords",
    "tests/test_cleaning.py::test_kept_plus_removed_lines_equal_the_original",
    "tests/test_keywords.py::test_jieba_ranking_is_extract_tags_ranking",
    "src/policystudy/text/local.py::policystudy.text.local.segment_pool",
    "tests/test_reliability.py::test_number_like_ids_and_groups_never_merge",
    "tests/test_reliability.py::test_allow_foreign_publishes_beside_user_files_run_after_run",
    "tests/test_reliability.py::test_a_full_disk_leaves_no_staging_and_no_executed_notebook",
    "tests/test_reliability.py::test_a_foreign_file_where_an_output_goes_is_never_overwritten",
    "tests/test_reliability.py::test_a_run_shows_no_kernel_noise",
    "tests/test_reliability.py::test_interrupted_and_killed_runs_publish_nothing_and_leave_no_lock",
    "tests/test_reliability.py::test_domains_on_empty_input_is_a_message",
    "tests/test_priorities.py::test_classify_lines_and_the_cli_use_the_pipeline_classifier",
    "tests/test_vocabulary.py::test_pos_tags_leave_the_tokens_and_pickling_unchanged",
    "tests/test_site.py::test_open_prints_the_path_without_a_display",
    "src/policystudy/text/dask_engine.py::policystudy.text.dask_engine",
    "src/policystudy/keywords/cli.py::policystudy.keywords.cli.jieba_engine",
})  # fmt: skip
PIPELINE_TESTS = frozenset({
    "tests/test_pipeline.py::test_failing_notebook_names_cell_and_publishes_nothing",
    "tests/test_pipeline.py::test_a_failure_in_one_branch_publishes_nothing",
})  # fmt: skip


def pytest_ignore_collect(collection_path, config):
    # nbval collects the pipeline's own notebooks only: an 01_keywords.nbconvert.ipynb that
    # `jupyter nbconvert --execute` left in the notebooks folder is not one of them.
    from policystudy.workflow.graph import PIPELINE_NOTEBOOKS

    if collection_path.suffix == ".ipynb" and collection_path.parent.name == "notebooks":
        return collection_path.name not in PIPELINE_NOTEBOOKS or None
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        # Notebooks run whole analyses in a kernel (nbval items carry no marks of their own).
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.notebook)
            item.add_marker(pytest.mark.slow)
            continue
        fixtures = set(getattr(item, "fixturenames", ()))
        base = item.nodeid.split("[", 1)[0]
        # A real browser starts for each of these (tests/test_site.py, marker "browser").
        if fixtures & SLOW_FIXTURES or base in SLOW_TESTS or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)
        if fixtures & PIPELINE_FIXTURES or base in PIPELINE_TESTS:
            item.add_marker(pytest.mark.pipeline)
