"""The last blind part of the work-report list (issue 29, fourth session): reads the files only.

No extractor runs here: the part is scored once by the lead (``TARGETS_DEV.md``, "The last blind
part"). The files are read with ``csv``, not with ``policystudy.targets``. The part is rule D of
``tools/sample_gwr_targets.py --last`` (round 13): completeness-word paragraphs in no earlier
labelled part, walked in a seeded order until the part held 40 commitments (125 paragraphs).
"""

from __future__ import annotations

import csv
from pathlib import Path

DEV = Path(__file__).resolve().parents[1] / "src/policystudy/data/validation/dev"
PARAGRAPHS, NUMERIC, COMMITMENTS, ROWS = 125, 170, 41, 219
COMPLETENESS = ("全覆盖", "全部", "所有", "消除", "普及", "同步", "不发生", "不出现", "尽保")
COMPLETENESS += ("清零", "扫除", "确保")


def _read(name: str) -> list[dict[str, str]]:
    with (DEV / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_last_work_report_part_is_well_formed():
    paragraphs = _read("gwr_paragraphs.csv")
    gold = _read("gwr_targets_gold.csv")
    last = [p for p in paragraphs if p["split"] == "last"]
    rows = [g for g in gold if g["split"] == "last"]
    assert list(gold[0]) == [
        "item_id", "para_id", "doc_id", "split", "fragment", "value", "value_high", "unit",
        "multiplier", "comparator", "kind", "value_type", "period", "deadline_year",
        "bindingness", "scope", "note",
    ]  # fmt: skip
    # Paragraphs in no earlier part (round 13), each once, each with a completeness word; the
    # part comes after all earlier paragraphs and rows (append only).
    assert len(last) == PARAGRAPHS
    assert {p["round"] for p in last} == {"13"}
    assert all(any(w in p["text"] for w in COMPLETENESS) for p in last)
    ids = [p["para_id"] for p in last]
    assert len(set(ids)) == len(ids)
    earlier = {p["para_id"] for p in paragraphs if p["split"] != "last"}
    assert not set(ids) & earlier
    assert all(p["para_id"].startswith(p["doc_id"] + "-p") for p in last)
    assert paragraphs[-PARAGRAPHS:] == last and gold[-ROWS:] == rows
    # Item ids in their own style, in order; the earlier parts hold none of them.
    assert [g["item_id"] for g in rows] == [f"gwrl{i + 1:03d}" for i in range(len(rows))]
    assert not any(g["item_id"].startswith("gwrl") for g in gold if g["split"] != "last")
    # Every fragment occurs exactly once in its (last) paragraph; rows follow the walk order.
    text = {p["para_id"]: p["text"] for p in last}
    doc = {p["para_id"]: p["doc_id"] for p in last}
    assert all(g["para_id"] in text and doc[g["para_id"]] == g["doc_id"] for g in rows)
    assert all(text[g["para_id"]].count(g["fragment"]) == 1 for g in rows)
    walk = {pid: i for i, pid in enumerate(ids)}
    order = [(walk[g["para_id"]], text[g["para_id"]].index(g["fragment"])) for g in rows]
    assert order == sorted(order)
    # Vocabularies and counts as documented.
    assert {g["kind"] for g in rows} <= {"target", "status", "rule", "commitment"}
    assert {g["comparator"] for g in rows} <= {"=", "≥", "≤", "≈"}
    assert {g["value_type"] for g in rows} <= {
        "level", "change", "growth_rate", "share", "multiple", "count_of_period", "other",
    }  # fmt: skip
    numeric = [g for g in rows if g["value"]]
    assert all(float(g["value"]) >= 0 and g["multiplier"] for g in numeric)
    assert len(rows) == ROWS and len(numeric) == NUMERIC
    commitments = [g for g in rows if g["kind"] == "commitment"]
    assert len(commitments) == COMMITMENTS and not any(g["value"] for g in commitments)
    assert all(g["period"] for g in rows)
    # The stopping rule: 40 commitments were reached only in the last walked paragraph.
    before = [g for g in commitments if g["para_id"] != ids[-1]]
    assert len(before) < 40 <= len(commitments)
