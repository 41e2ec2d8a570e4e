"""The coda blind part of the work-report list (issue 29, fifth session): reads the files only.

No extractor runs here: the part is scored once by the lead (``TARGETS_DEV.md``, "The coda blind
part"). The files are read with ``csv``, not with ``policystudy.targets``. The part is rule F of
``tools/sample_gwr_targets.py --coda``: paragraphs in no earlier labelled part (``reserve``
included), pool N (round 16, a number and no completeness word) and pool C (round 17, a
completeness word), walked one N then two C until pool C was walked out and the part held 200
numeric rows (123 paragraphs).
"""

from __future__ import annotations

from tests.gwr_parts import (
    assert_appended,
    assert_two_pool_walk,
    assert_walk_order,
    well_formed_part,
)

PARAGRAPHS, NUMERIC, COMMITMENTS, ROWS = 123, 239, 32, 283
POOL_C = 82  # every paragraph of pool C is walked


def test_coda_work_report_part_is_well_formed():
    # Paragraphs in no earlier part, ids ``gwrc…``, fragments once each, counts as documented.
    paragraphs, gold, coda, rows = well_formed_part(
        "coda",
        "gwrc",
        paragraphs=PARAGRAPHS,
        rows=ROWS,
        numeric=NUMERIC,
        commitments=COMMITMENTS,
    )
    # The part comes after all earlier paragraphs and rows (append only).
    assert_appended(paragraphs, gold, coda, rows)
    # Round 16 (pool N) has no completeness word, round 17 (pool C) has one; the walk takes one
    # N, then two C, and holds the whole of pool C.
    assert_two_pool_walk(coda, "16", "17")
    assert sum(p["round"] == "17" for p in coda) == POOL_C
    # Rows follow the walk order; every fragment is 8-30 characters.
    assert_walk_order(coda, rows)
    assert all(8 <= len(g["fragment"]) <= 30 for g in rows)
    # The stopping rule: the last walked paragraph is the last of pool C, and the part held
    # 200 numeric rows by then.
    assert coda[-1]["round"] == "17"
    assert len([g for g in rows if g["value"]]) >= 200
