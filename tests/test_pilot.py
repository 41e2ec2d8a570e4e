"""Small and uneven corpora: what cannot run is said up front and skipped, the rest runs.

``tests/data/pilot`` holds three short texts (nine paragraphs in all, excerpts of the seed
documents) with a manifest column ``bloc`` that is not the default grouping.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from policystudy.core import io
from policystudy.report import findings
from policystudy.workflow import feasibility
from tests.conftest import run_cli

PILOT = Path(__file__).parent / "data" / "pilot" / "manifest.csv"


def _overview(paragraphs: dict[str, int], groups: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": list(paragraphs),
            "bloc": [groups[d] for d in paragraphs],
            "paragraphs": list(paragraphs.values()),
            "removed_lines": [0] * len(paragraphs),
        }
    )


def _paragraphs(paragraphs: dict[str, int], groups: dict[str, str]) -> pd.DataFrame:
    rows = [(d, groups[d]) for d, n in paragraphs.items() for _ in range(n)]
    return pd.DataFrame(rows, columns=["doc_id", "bloc"])


CASES = [
    # (paragraphs per document, group per document, expected (analysis, status) rows)
    ({"a": 6, "b": 6}, {"a": "东北", "b": "华东"}, []),
    ({"a": 3, "b": 3}, {"a": "东北", "b": "华东"}, [("topics", "skipped")]),
    ({"a": 6, "b": 6}, {"a": "东北", "b": "东北"},
     [("keyness", "skipped"), ("group similarity", "skipped"), ("group differences", "skipped")]),
    ({"a": 12, "b": 0}, {"a": "东北", "b": "华东"},
     [("document b", "left out"), ("bloc 华东", "left out"), ("keyness", "skipped"),
      ("group similarity", "skipped"), ("group differences", "skipped"),
      ("document similarity", "skipped")]),
    ({"a": 11, "b": 1}, {"a": "东北", "b": "华东"}, [("keyword stability", "limited")]),
]  # fmt: skip


@pytest.mark.parametrize(("sizes", "groups", "expected"), CASES)
def test_check_corpus_names_each_analysis_that_cannot_run(sizes, groups, expected):
    table = feasibility.check_corpus(
        _overview(sizes, groups), _paragraphs(sizes, groups), group_by="bloc"
    )
    assert list(table.columns) == feasibility.COLUMNS
    assert list(zip(table["analysis"], table["status"], strict=True)) == expected
    assert all(r for r in table["reason"])


def test_the_report_names_what_was_skipped():
    table = feasibility.check_corpus(
        _overview({"a": 3, "b": 3}, {"a": "东北", "b": "华东"}),
        _paragraphs({"a": 3, "b": 3}, {"a": "东北", "b": "华东"}),
        group_by="bloc",
    )
    text = findings.skipped_lines(table)
    assert text.startswith("- **topics** (02_topics), skipped: 6 paragraphs")
    assert findings.skipped_lines(table.iloc[0:0]) == "Every analysis ran on this corpus."


@pytest.mark.slow
def test_pilot_corpus_of_three_short_texts_runs_end_to_end(tmp_path):
    # The three texts, plus a fourth "document" that is all page noise, in a bloc of its own.
    corpus = tmp_path / "corpus"
    shutil.copytree(PILOT.parent, corpus)
    (corpus / "noise.txt").write_text("分享到:\n\n责任编辑:王芳\n", encoding="utf-8")
    with (corpus / "manifest.csv").open("a", encoding="utf-8") as fh:
        fh.write("noise,noise.txt,Tianjin,North,华北,China\n")
    out = tmp_path / "pilot"
    # What is skipped, left out and said is under test, not the intervals or the specification
    # table: few resamples, and the table without its extra codings (a quarter of notebook 03
    # on a corpus this small). Every notebook still runs and the report is still written.
    # The command in this process (run_cli): a process of its own added only its start-up.
    run = run_cli(
        "run", "--manifest", str(corpus / "manifest.csv"), "--out", str(out),
        "-p", "group_by", "bloc", "-p", "n_bootstrap", "20", "-p", "specification_recode", "false",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    processed = out / "data" / "processed"
    paragraphs = io.read_table(processed / "paragraphs.csv")
    assert len(paragraphs) < 30 and paragraphs["doc_id"].nunique() == 3
    skipped = io.read_table(processed / "skipped_analyses.csv")
    assert skipped[["analysis", "status"]].values.tolist() == [
        ["document noise", "left out"],
        ["bloc North", "left out"],
        ["topics", "skipped"],
    ]
    # What could run did: keywords and keyness per bloc, similarity, priorities, targets.
    assert sorted(io.read_table(processed / "keyness.csv")["group"].unique()) == [
        "East",
        "Northeast",
    ]
    assert io.read_table(processed / "topics.csv").empty
    report = (out / "reports" / "findings.md").read_text(encoding="utf-8")
    assert "## What this corpus could not support" in report
    assert "**topics** (02_topics), skipped" in report
    assert "**document noise** (00_corpus), left out: no body text after cleaning" in report
    assert "topic_prevalence.png" not in report
    # Figures name the grouping column the user chose, never "region".
    caption = json.loads((out / "figures" / "keyness_bars.json").read_text(encoding="utf-8"))
    assert "bloc" in caption["caption"] and "region" not in caption["caption"]
    assert (out / "figures" / "keyness_bars.png").stat().st_size > 0
