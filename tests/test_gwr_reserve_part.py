"""The reserve blind part of the work-report list (issue 29, fifth session): reads the files only.

No extractor runs here: the part is scored once by the lead (``TARGETS_DEV.md``, "The reserve
blind part"). The files are read with ``csv``, not with ``policystudy.targets``. The part is rule
E of ``tools/sample_gwr_targets.py --reserve``: paragraphs in no earlier labelled part, pool N
(round 14, a number and no completeness word) and pool C (round 15, a completeness word), walked
one N then two C until the part held 200 numeric rows and 40 commitments (241 paragraphs).
"""

from __future__ import annotations

from tests.gwr_parts import COMPLETENESS, well_formed_part

PARAGRAPHS, NUMERIC, COMMITMENTS, ROWS = 241, 541, 40, 605
LATER = {"coda"}  # parts appended after this one (the coda part, fifth session)


def test_reserve_work_report_part_is_well_formed():
    # Paragraphs in no earlier part, ids ``gwrr…``, fragments once each, counts as documented.
    paragraphs, gold, reserve, rows = well_formed_part(
        "reserve",
        "gwrr",
        paragraphs=PARAGRAPHS,
        rows=ROWS,
        numeric=NUMERIC,
        commitments=COMMITMENTS,
    )
    # The part comes after all earlier paragraphs and rows (append only); only later parts
    # follow it.
    earlier_p = [p for p in paragraphs if p["split"] not in LATER]
    earlier_g = [g for g in gold if g["split"] not in LATER]
    assert earlier_p[-PARAGRAPHS:] == reserve and earlier_g[-ROWS:] == rows
    # Round 14 (pool N) has no completeness word, round 15 (pool C) has one; the walk takes one
    # N, then two C.
    assert [p["round"] for p in reserve] == (["14", "15", "15"] * PARAGRAPHS)[:PARAGRAPHS]
    assert all(bool(COMPLETENESS.search(p["text"])) == (p["round"] == "15") for p in reserve)
    # Rows follow the walk order; every fragment is 8-30 characters.
    ids = [p["para_id"] for p in reserve]
    text = {p["para_id"]: p["text"] for p in reserve}
    walk = {pid: i for i, pid in enumerate(ids)}
    order = [(walk[g["para_id"]], text[g["para_id"]].index(g["fragment"])) for g in rows]
    assert order == sorted(order)
    assert all(8 <= len(g["fragment"]) <= 30 for g in rows)
    # The stopping rule: 200 numeric rows and 40 commitments were both reached only in the
    # last walked paragraph.
    before = [g for g in rows if g["para_id"] != ids[-1]]
    assert len([g for g in before if g["value"]]) >= 200
    assert len([g for g in before if g["kind"] == "commitment"]) < 40
