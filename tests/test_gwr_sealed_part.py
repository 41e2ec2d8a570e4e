"""The sealed blind part of the work-report list (issue 29, fourth session): reads the files only.

No extractor runs here: the part is scored once by the lead (``TARGETS_DEV.md``, "The sealed
blind part"). The files are read with ``csv``, not with ``policystudy.targets``. The part is the
first draw (rounds 8-10, 148 paragraphs, walked to its end) and its extension C4 (rounds 11-12,
walked after it until the list held 40 commitments: 58 paragraphs).
"""

from __future__ import annotations

import csv
from pathlib import Path

DEV = Path(__file__).resolve().parents[1] / "src/policystudy/data/validation/dev"
PARAGRAPHS, FIRST_DRAW = 206, 148
NUMERIC, COMMITMENTS, ROWS = 412, 40, 469


def _read(name: str) -> list[dict[str, str]]:
    with (DEV / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_sealed_work_report_part_is_well_formed():
    paragraphs = _read("gwr_paragraphs.csv")
    gold = _read("gwr_targets_gold.csv")
    sealed = [p for p in paragraphs if p["split"] == "sealed"]
    rows = [g for g in gold if g["split"] == "sealed"]
    assert list(gold[0]) == [
        "item_id", "para_id", "doc_id", "split", "fragment", "value", "value_high", "unit",
        "multiplier", "comparator", "kind", "value_type", "period", "deadline_year",
        "bindingness", "scope", "note",
    ]  # fmt: skip
    # Paragraphs never drawn before (rounds 8-10, then the C4 extension, rounds 11-12), each once;
    # rows only in them.
    assert len(sealed) == PARAGRAPHS
    assert {p["round"] for p in sealed[:FIRST_DRAW]} == {"8", "9", "10"}
    assert {p["round"] for p in sealed[FIRST_DRAW:]} == {"11", "12"}
    ids = [p["para_id"] for p in sealed]
    assert len(set(ids)) == len(ids)
    earlier = {p["para_id"] for p in paragraphs if p["split"] != "sealed"}
    assert not set(ids) & earlier
    assert all(p["para_id"].startswith(p["doc_id"] + "-p") for p in sealed)
    # Item ids continue the earlier style, in order; the earlier parts hold none of them.
    assert [g["item_id"] for g in rows] == [f"gwrs{i + 1:03d}" for i in range(len(rows))]
    assert not any(g["item_id"].startswith("gwrs") for g in gold if g["split"] != "sealed")
    # Every fragment occurs exactly once in its (sealed) paragraph.
    text = {p["para_id"]: p["text"] for p in sealed}
    doc = {p["para_id"]: p["doc_id"] for p in sealed}
    assert all(g["para_id"] in text and doc[g["para_id"]] == g["doc_id"] for g in rows)
    assert all(text[g["para_id"]].count(g["fragment"]) == 1 for g in rows)
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
