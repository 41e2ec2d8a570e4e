"""The last blind part of the work-report list (issue 29, fourth session): reads the files only.

No extractor runs here: the part is scored once by the lead (``TARGETS_DEV.md``, "The last blind
part"). The files are read with ``csv``, not with ``policystudy.targets``. The part is rule D of
``tools/sample_gwr_targets.py --last`` (round 13): completeness-word paragraphs in no earlier
labelled part, walked in a seeded order until the part held 40 commitments (125 paragraphs).
"""

from __future__ import annotations

from tests.gwr_parts import COMPLETENESS, well_formed_part

PARAGRAPHS, NUMERIC, COMMITMENTS, ROWS = 125, 170, 41, 219
LATER = {"reserve", "coda"}  # parts appended after this one (fifth session)


def test_last_work_report_part_is_well_formed():
    # Paragraphs in no earlier part, ids ``gwrl…``, fragments once each, counts as documented.
    paragraphs, gold, last, rows = well_formed_part(
        "last", "gwrl", paragraphs=PARAGRAPHS, rows=ROWS, numeric=NUMERIC, commitments=COMMITMENTS
    )
    # Round 13, each paragraph with a completeness word; the part comes after all earlier
    # paragraphs and rows (append only), and only later parts follow it.
    assert {p["round"] for p in last} == {"13"}
    assert all(COMPLETENESS.search(p["text"]) for p in last)
    earlier_p = [p for p in paragraphs if p["split"] not in LATER]
    earlier_g = [g for g in gold if g["split"] not in LATER]
    assert earlier_p[-PARAGRAPHS:] == last and earlier_g[-ROWS:] == rows
    # Rows follow the walk order.
    ids = [p["para_id"] for p in last]
    text = {p["para_id"]: p["text"] for p in last}
    walk = {pid: i for i, pid in enumerate(ids)}
    order = [(walk[g["para_id"]], text[g["para_id"]].index(g["fragment"])) for g in rows]
    assert order == sorted(order)
    # The stopping rule: 40 commitments were reached only in the last walked paragraph.
    commitments = [g for g in rows if g["kind"] == "commitment"]
    before = [g for g in commitments if g["para_id"] != ids[-1]]
    assert len(before) < 40 <= len(commitments)
