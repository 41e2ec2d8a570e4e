"""The specification table: every #1 under each choice the analysis makes (issue 27)."""

import pandas as pd
import pytest

from policystudy import priorities
from policystudy.priorities.profiles import document_domains

CODED = pd.DataFrame(
    {
        "doc_id": ["a", "a", "a", "a", "b", "c"],
        "region": ["X", "X", "X", "X", "X", "Y"],
        "sentence_id": ["a-p1-s1", "a-p1-s2-c1", "a-p1-s2-c2", "a-p2-s1", "b-p1-s1", "c-p1-s1"],
        "part": ["policy", "policy", "policy", "commentary", "policy", "policy"],
        "primary": ["education", "health", "health", "health", "health", "housing"],
        "chars": [90, 20, 20, 200, 30, 10],
        "duplicate_of": [""] * 6,
    }
)


def test_sentences_weighting_lets_clauses_share_their_sentence():
    # a: education one sentence; health one sentence of two clauses (half each) -> a tie,
    # broken by taxonomy order; as units health has two against one.
    by_sentence = document_domains(CODED, group_by="region", weight="sentences", min_units=0)
    row = by_sentence.query("doc_id == 'a' and domain == 'health'").iloc[0]
    assert row["share_livelihood"] == pytest.approx(0.5)
    by_unit = document_domains(CODED, group_by="region", weight="units", min_units=0)
    row = by_unit.query("doc_id == 'a' and domain == 'health'").iloc[0]
    assert row["share_livelihood"] == pytest.approx(2 / 3)


def test_every_choice_is_varied_and_the_default_marked():
    t = priorities.specification_table(
        {("lexicon", 0.25): CODED, ("tfidf", None): CODED.assign(primary="housing")},
        flagged=["b"], group_by="region", default=("lexicon", 0.25), min_units=0,
    )  # fmt: skip
    # 2 codings x 2 flagged x 2 set-aside x 3 weights.
    assert t["specification"].nunique() == 24
    assert t["is_default"].sum() == 4  # a, c and groups X, Y under the default
    default = t[t["is_default"] & (t["doc_id"] == "a")].iloc[0]
    assert (default["weight"], default["flagged"], default["set_aside"]) == ("chars", "out", "out")
    assert default["top"] == "education"
    # The flagged document only enters with flagged documents in.
    assert set(t.loc[t["doc_id"] == "b", "flagged"]) == {"in"}
    agree = priorities.specification_agreement(t).set_index(["level", "group", "doc_id"])
    a = agree.loc[("document", "X", "a")]
    assert (a["default_top"], a["n_specifications"]) == ("education", 24)
    # Commentary in (chars) and all TF-IDF specifications disagree.
    assert a["agree"] < 24 and "housing:12" in a["tops"]
    assert agree.loc[("document", "X", "b"), "default_top"] == ""


def test_the_run_call_reuses_its_own_coding_without_recoding():
    t = priorities.priority_specifications(
        pd.DataFrame(), coded=CODED, kind="lexicon", threshold=0.25, flagged=[],
        group_by="region", recode=False, min_units=0,
    )  # fmt: skip
    # No document flagged: that choice is not varied (3 weights x set-aside parts in/out).
    assert set(t["classifier"]) == {"lexicon"} and t["specification"].nunique() == 6
    assert set(t["flagged"]) == {"out"}
