"""The final blind part of the work-report list (issue 29, third session): reads the list only.

No extractor runs here: the part is scored once by the lead after merging (``TARGETS_DEV.md``,
"The final blind part").
"""

from __future__ import annotations

import pandas as pd

from policystudy import targets as T


def test_final_work_report_part_is_well_formed():
    # Paragraphs never drawn before, every fragment once in its paragraph, counts as documented.
    paragraphs, gold = T.read_gwr("final")
    assert len(paragraphs) == 123 and paragraphs["doc_id"].nunique() == 41
    earlier = pd.concat([T.read_gwr(split)[0] for split in ("tune", "report", "fresh")])
    assert not set(paragraphs["paragraph_id"]) & set(earlier["paragraph_id"])
    text = paragraphs.set_index("paragraph_id")["text"]
    assert all(
        text[p].count(f) == 1 for p, f in zip(gold["para_id"], gold["fragment"], strict=True)
    )
    numeric = gold["value"].notna()
    assert numeric.sum() == 324 and (gold["kind"] == "commitment").sum() == 30
    assert not (gold["kind"].eq("commitment") & numeric).any()
    assert set(gold["kind"]) <= {"target", "status", "rule", "commitment"}
