"""The last blind part of the work-report list (issue 29, fourth session): reads the files only.

No extractor runs here: the part is scored once by the lead (``TARGETS_DEV.md``, "The last blind
part"). The files are read with ``csv``, not with ``policystudy.targets``. The part is rule D of
``tools/sample_gwr_targets.py --last`` (round 13): completeness-word paragraphs in no earlier
labelled part, walked in a seeded order until the part held 40 commitments (125 paragraphs).
"""

from __future__ import annotations

from tests.gwr_parts import COMPLETENESS, assert_appended, assert_walk_order, well_formed_part

PARAGRAPHS, NUMERIC, COMMITMENTS, ROWS = 125, 170, 41, 219
LATER = frozenset({"reserve", "coda"})  # parts appended after this one (fifth session)


def test_last_work_report_part_is_well_formed():
    # Paragraphs in no earlier part, ids ``gwrl…``, fragments once each, counts as documented.
    paragraphs, gold, last, rows = well_formed_part(
        "last", "gwrl", paragraphs=PARAGRAPHS, rows=ROWS, numeric=NUMERIC, commitments=COMMITMENTS
    )
    # Round 13, each paragraph with a completeness word; the part comes after all earlier
    # paragraphs and rows (append only), and only later parts follow it.
    assert {p["round"] for p in last} == {"13"}
    assert all(COMPLETENESS.search(p["text"]) for p in last)
    assert_appended(paragraphs, gold, last, rows, later=LATER)
    # Rows follow the walk order.
    assert_walk_order(last, rows)
    # The stopping rule: 40 commitments were reached only in the last walked paragraph.
    commitments = [g for g in rows if g["kind"] == "commitment"]
    before = [g for g in commitments if g["para_id"] != last[-1]["para_id"]]
    assert len(before) < 40 <= len(commitments)
