"""The checks every blind part of the work-report list shares, on the files only.

A part is labelled blind and scored once by the lead; its test reads the CSVs with ``csv``, never
with ``policystudy.targets``, so that no extractor runs on it before that score. Each part's own
test adds what is particular to its draw (rounds, walk order, stopping rule).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

DEV = Path(__file__).resolve().parents[1] / "src/policystudy/data/validation/dev"
GOLD_COLUMNS = [
    "item_id", "para_id", "doc_id", "split", "fragment", "value", "value_high", "unit",
    "multiplier", "comparator", "kind", "value_type", "period", "deadline_year",
    "bindingness", "scope", "note",
]  # fmt: skip
#: The completeness words of the draws (``tools/sample_gwr_targets.py``'s ``COMMITMENT_WORDS``),
#: copied so that the file checks never import the tool or the extractor.
COMPLETENESS = re.compile(r"全覆盖|全部|所有|消除|普及|同步|不发生|不出现|尽保|清零|扫除|确保")


def _read(name: str) -> list[dict[str, str]]:
    with (DEV / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def well_formed_part(
    split: str, prefix: str, *, paragraphs: int, rows: int, numeric: int, commitments: int
) -> tuple[list[dict[str, str]], list[dict[str, str]], list[dict[str, str]], list[dict[str, str]]]:
    """Check one part and return ``(all paragraphs, all gold rows, its paragraphs, its rows)``.

    Its paragraphs are in no other part, each once; its item ids are ``prefix`` + a running
    number, in order, and no other part uses the prefix; every fragment occurs exactly once in
    its own paragraph; the vocabularies are those of the list; the counts are as documented;
    commitments carry no value and every row a period.
    """
    all_paragraphs, gold = _read("gwr_paragraphs.csv"), _read("gwr_targets_gold.csv")
    part = [p for p in all_paragraphs if p["split"] == split]
    part_rows = [g for g in gold if g["split"] == split]
    assert list(gold[0]) == GOLD_COLUMNS
    assert len(part) == paragraphs
    ids = [p["para_id"] for p in part]
    assert len(set(ids)) == len(ids)
    earlier = {p["para_id"] for p in all_paragraphs if p["split"] != split}
    assert not set(ids) & earlier
    assert all(p["para_id"].startswith(p["doc_id"] + "-p") for p in part)
    assert [g["item_id"] for g in part_rows] == [
        f"{prefix}{i + 1:03d}" for i in range(len(part_rows))
    ]
    assert not any(g["item_id"].startswith(prefix) for g in gold if g["split"] != split)
    text = {p["para_id"]: p["text"] for p in part}
    doc = {p["para_id"]: p["doc_id"] for p in part}
    assert all(g["para_id"] in text and doc[g["para_id"]] == g["doc_id"] for g in part_rows)
    assert all(text[g["para_id"]].count(g["fragment"]) == 1 for g in part_rows)
    assert {g["kind"] for g in part_rows} <= {"target", "status", "rule", "commitment"}
    assert {g["comparator"] for g in part_rows} <= {"=", "≥", "≤", "≈"}
    assert {g["value_type"] for g in part_rows} <= {
        "level", "change", "growth_rate", "share", "multiple", "count_of_period", "other",
    }  # fmt: skip
    with_value = [g for g in part_rows if g["value"]]
    assert all(float(g["value"]) >= 0 and g["multiplier"] for g in with_value)
    assert len(part_rows) == rows and len(with_value) == numeric
    promised = [g for g in part_rows if g["kind"] == "commitment"]
    assert len(promised) == commitments and not any(g["value"] for g in promised)
    assert all(g["period"] for g in part_rows)
    return all_paragraphs, gold, part, part_rows


def assert_appended(
    paragraphs: list[dict[str, str]],
    gold: list[dict[str, str]],
    part: list[dict[str, str]],
    rows: list[dict[str, str]],
    *,
    later: frozenset[str] = frozenset(),
) -> None:
    """The part comes after all earlier paragraphs and rows (append only); only the parts in
    ``later`` follow it."""
    earlier_p = [p for p in paragraphs if p["split"] not in later]
    earlier_g = [g for g in gold if g["split"] not in later]
    assert earlier_p[-len(part) :] == part and earlier_g[-len(rows) :] == rows


def assert_walk_order(part: list[dict[str, str]], rows: list[dict[str, str]]) -> None:
    """The rows follow the walk order: paragraph by paragraph, fragments in reading order."""
    walk = {p["para_id"]: i for i, p in enumerate(part)}
    text = {p["para_id"]: p["text"] for p in part}
    order = [(walk[g["para_id"]], text[g["para_id"]].index(g["fragment"])) for g in rows]
    assert order == sorted(order)


def assert_two_pool_walk(part: list[dict[str, str]], n_round: str, c_round: str) -> None:
    """Pool N (``n_round``) has no completeness word, pool C (``c_round``) has one, and the walk
    takes one N, then two C (rules E and F of ``tools/sample_gwr_targets.py``)."""
    assert [p["round"] for p in part] == ([n_round, c_round, c_round] * len(part))[: len(part)]
    assert all(bool(COMPLETENESS.search(p["text"])) == (p["round"] == c_round) for p in part)
