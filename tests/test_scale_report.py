"""The report of a generated collection of 500 documents: short, no long id lists, and the
planted trend found (tests/collection.py)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from policystudy.workflow import pipeline
from tests.collection import write_collection

pytestmark = [pytest.mark.pipeline, pytest.mark.slow]

# Fewer resamples than the default, the specification table without its three extra codings of
# the whole collection, and group differences tested between neighbouring groups only: the
# report's shape, not its intervals, is under test. Every pair of the five groups (110 tests,
# each pair then permuted 44,000 times to lift p-values off their floor) was 60 of the run's
# 190 s; neighbours are 44 tests (8 s). That the section lists ten differences at most is
# tests/test_findings.py::test_differences_list_the_ten_smallest_p_values_and_link_the_rest.
PARAMS = {"n_bootstrap": 50, "n_topics": 6, "time_break": 2015, "specification_recode": False,
          "test_pairs": "neighbours"}  # fmt: skip


@pytest.fixture(scope="module")
def collection_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("collection")
    manifest = write_collection(root / "corpus", n_documents=500)
    out = root / "out"
    pipeline.run(out_dir=out, manifest=manifest, overrides=PARAMS, progress=False)
    return root


def test_the_report_of_500_documents_is_short_and_names_few_ids_per_line(collection_run):
    report = (collection_run / "out" / "reports" / "findings.md").read_text(encoding="utf-8")
    assert len(report.encode("utf-8")) < 60_000
    ids = re.compile(r"`doc\d{3}`")
    worst = max(report.splitlines(), key=lambda line: len(ids.findall(line)))
    assert len(ids.findall(worst)) <= 15, worst
    assert "## Over time" in report and "## Like with like" in report


def test_the_planted_trend_is_found_at_document_level(collection_run):
    trends = pd.read_csv(collection_run / "out" / "data" / "processed" / "priority_trends.csv",
                         dtype={"group": str}, keep_default_na=False)  # fmt: skip
    corpus = trends[trends["level"] == "corpus"].set_index("domain")
    elderly = corpus.loc["elderly_care"]
    assert float(elderly["slope_per_decade"]) > 0.05
    assert str(elderly["firm"]) == "True" and str(elderly["p_is_bound"]) == "True"
    assert int(elderly["n_documents"]) == 500
    per_group = trends[(trends["level"] == "group") & (trends["domain"] == "elderly_care")]
    assert (per_group["slope_per_decade"].astype(float) > 0).all() and len(per_group) == 5
