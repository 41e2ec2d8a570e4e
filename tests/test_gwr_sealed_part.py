"""The sealed blind part of the work-report list (issue 29, fourth session): reads the files only.

No extractor runs here: the part is scored once by the lead (``TARGETS_DEV.md``, "The sealed
blind part"). The files are read with ``csv``, not with ``policystudy.targets``. The part is the
first draw (rounds 8-10, 148 paragraphs, walked to its end) and its extension C4 (rounds 11-12,
walked after it until the list held 40 commitments: 58 paragraphs).
"""

from __future__ import annotations

from tests.gwr_parts import well_formed_part

PARAGRAPHS, FIRST_DRAW = 206, 148
NUMERIC, COMMITMENTS, ROWS = 412, 40, 469


def test_sealed_work_report_part_is_well_formed():
    # Paragraphs never drawn before, ids ``gwrs…``, fragments once each, counts as documented.
    _, _, sealed, _ = well_formed_part(
        "sealed", "gwrs", paragraphs=PARAGRAPHS, rows=ROWS, numeric=NUMERIC, commitments=COMMITMENTS
    )
    # The first draw (rounds 8-10), then the C4 extension (rounds 11-12).
    assert {p["round"] for p in sealed[:FIRST_DRAW]} == {"8", "9", "10"}
    assert {p["round"] for p in sealed[FIRST_DRAW:]} == {"11", "12"}
