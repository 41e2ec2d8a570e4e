"""The table registry (policystudy.core.tables) against the committed outputs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from policystudy.core import tables

PROCESSED = Path(__file__).resolve().parents[1] / "data" / "processed"
COMMITTED = sorted(p.stem for p in PROCESSED.glob("*.csv"))
EXPECTED = {"str": "str", "int": "int64", "float": "float64", "bool": "bool"}


def test_every_committed_table_is_declared_and_every_declared_one_committed():
    assert sorted(tables.TABLES) == COMMITTED


@pytest.mark.parametrize("name", COMMITTED)
def test_committed_header_is_the_declaration(name):
    header = (PROCESSED / f"{name}.csv").read_text(encoding="utf-8").split("\n", 1)[0].split(",")
    spec = tables.table(name)
    if spec.extra_columns:
        assert [c for c in header if c in spec.column_names] == list(spec.column_names)
    else:
        assert header == list(spec.column_names)


@pytest.mark.parametrize("name", COMMITTED)
def test_read_gives_the_declared_types(name):
    df = tables.read(PROCESSED, name)
    for col in tables.table(name).columns:
        got = str(df[col.name].dtype)
        # an int column with an empty cell is float; a bool one with an empty cell "boolean"
        allowed = {EXPECTED[col.dtype], *({"float64"} if col.dtype == "int" else ())}
        allowed |= {"object"} if col.dtype == "str" else set()  # pandas before 3
        allowed |= {"boolean"} if col.dtype == "bool" else set()
        assert got in allowed, (name, col.name, got)
    tables.check(df, name)


def test_write_then_read_round_trips(tmp_path):
    df = pd.DataFrame({"term": ["010", "=1"], "kind": ["数字", "公式"], "count": [1, 2]})
    tables.write(df, tmp_path, "term_kinds")
    pd.testing.assert_frame_equal(tables.read(tmp_path, "term_kinds"), df)


def test_write_refuses_a_frame_that_is_not_the_declaration(tmp_path):
    with pytest.raises(ValueError, match="declared column count missing"):
        tables.write(pd.DataFrame({"term": ["养老"], "kind": ["词"]}), tmp_path, "term_kinds")
    assert not (tmp_path / "term_kinds.csv").exists()


def test_extra_columns_may_sit_between_declared_ones():
    df = pd.DataFrame(columns=["doc_id", "year", *tables.table("paragraphs").column_names[1:]])
    assert tables.check(df, "paragraphs") is df


def test_a_declared_number_that_is_text_is_named(tmp_path):
    (tmp_path / "term_kinds.csv").write_text("term,kind,count\n养老,词,多\n", encoding="utf-8")
    with pytest.raises(
        ValueError, match=r"term_kinds.csv: column count is declared int but holds '多'"
    ):
        tables.read(tmp_path, "term_kinds")


def test_unknown_table_names_the_known_ones():
    with pytest.raises(KeyError, match="known: cleaning_audit, corpus_overview"):
        tables.table("nonexistent")


def test_declarations_are_well_formed():
    notebooks = {"00_corpus", "01_keywords", "02_topics", "03_priorities", "04_targets",
                 "05_findings"}  # fmt: skip
    for name, spec in tables.TABLES.items():
        assert spec.name == name and spec.notebook in notebooks and spec.description
        assert len(set(spec.column_names)) == len(spec.column_names)
