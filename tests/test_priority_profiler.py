"""PriorityProfiler: the estimator returns the tables of the functions it calls."""

import pandas as pd
import pytest
from sklearn.base import clone

from policystudy import priorities
from policystudy.priorities import PriorityProfiler


@pytest.fixture
def coded():
    rows = []
    for d, (group, codes) in enumerate(
        [
            ("辽宁", ["housing", "housing", "health", "elderly_care"]),
            ("辽宁", ["health", "housing", "non_livelihood", "health"]),
            ("吉林", ["elderly_care", "elderly_care", "housing", "general"]),
            ("吉林", ["elderly_care", "health", "health", "elderly_care"]),
        ]
    ):
        for s, code in enumerate(codes):
            rows.append(
                {
                    "doc_id": f"d{d}",
                    "region": group,
                    "part": "policy",
                    "sentence_id": f"d{d}-p001-s{s:02d}",
                    "chars": 10 + 7 * s + d,
                    "primary": code,
                    "duplicate_of": "",
                }
            )
    return pd.DataFrame(rows)


def test_fit_gives_the_functions_tables(coded):
    kw = {"group_by": "region", "pooling": "chars", "weight": "chars", "use_parts": ("policy",)}
    p = PriorityProfiler(
        min_documents=2, n_bootstrap=50, min_livelihood_units=0, pooling="chars"
    ).fit(coded)
    profiles = priorities.priority_profiles(
        coded, **kw, min_documents=2, n_bootstrap=50, min_units=0
    )
    profiles = priorities.add_concentration(
        profiles, coded, group_by="region", use_parts=("policy",)
    )
    pd.testing.assert_frame_equal(p.profiles_, profiles)
    pd.testing.assert_frame_equal(p.ranking_, priorities.ranked_priorities(profiles, top=3))
    pd.testing.assert_frame_equal(p.robustness_, priorities.robustness(coded, **kw))
    tests = priorities.permutation_tests(
        coded, **kw, min_documents=2, n_permutations=999, random_state=42
    )
    pd.testing.assert_frame_equal(p.tests_, tests)
    assert set(p.tables()) >= {"priorities", "priority_documents", "priority_lodo"}


def test_clone_and_params(coded):
    p = PriorityProfiler.from_params({"group_by": "region", "use_parts": "policy", "top_k": 5})
    q = clone(p)
    assert q.get_params() == p.get_params() and not hasattr(q, "profiles_")
    fitted = q.fit(coded)
    assert fitted is q and list(q.ranking_["group"].unique()) == ["吉林", "辽宁"]
    caveats = q.caveats(coded, coded[["doc_id", "region"]].drop_duplicates())
    assert "few_documents" in set(caveats["caveat"])
