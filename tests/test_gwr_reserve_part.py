"""The reserve blind part of the work-report list (issue 29, fifth session): reads the files only.

No extractor runs here: the part is scored once by the lead (``TARGETS_DEV.md``, "The reserve
blind part"). The files are read with ``csv``, not with ``policystudy.targets``. The part is rule
E of ``tools/sample_gwr_targets.py --reserve``: paragraphs in no earlier labelled part, pool N
(round 14, a number and no completeness word) and pool C (round 15, a completeness word), walked
one N then two C until the part held 200 numeric rows and 40 commitments (241 paragraphs).
"""

from __future__ import annotations

from tests.gwr_parts import (
    assert_appended,
    assert_two_pool_walk,
    assert_walk_order,
    well_formed_part,
)

PARAGRAPHS, NUMERIC, COMMITMENTS, ROWS = 241, 541, 40, 605
LATER = frozenset({"coda"})  # parts appended after this one (the coda part, fifth session)


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
    assert_appended(paragraphs, gold, reserve, rows, later=LATER)
    # Round 14 (pool N) has no completeness word, round 15 (pool C) has one; the walk takes one
    # N, then two C.
    assert_two_pool_walk(reserve, "14", "15")
    # Rows follow the walk order; every fragment is 8-30 characters.
    assert_walk_order(reserve, rows)
    assert all(8 <= len(g["fragment"]) <= 30 for g in rows)
    # The stopping rule: 200 numeric rows and 40 commitments were both reached only in the
    # last walked paragraph.
    before = [g for g in rows if g["para_id"] != reserve[-1]["para_id"]]
    assert len([g for g in before if g["value"]]) >= 200
    assert len([g for g in before if g["kind"] == "commitment"]) < 40
