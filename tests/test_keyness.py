"""Keyness: log-odds with informative Dirichlet prior (checked by hand), chi-square, G²."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse
from scipy.stats import chi2_contingency

from policystudy.stats.keyness import chi2_yates, g2_williams, keyness_table, log_odds_dirichlet

# Two groups (辽宁 = Liaoning, 江苏 = Jiangsu) × three terms 社保卡, 网格, 就业.
COUNTS = np.array([[8, 2, 5], [1, 6, 5]])


def test_z_matches_hand_computation():
    # Prior α_w = corpus count of w: α(社保卡) = 8 + 1 = 9, α0 = 8+2+5+1+6+5 = 27.
    # Liaoning: y_i = 8, n_i = 15; rest (Jiangsu): y_j = 1, n_j = 12.
    #   ω_i = (8 + 9) / (15 + 27 - 8 - 9) = 17 / 25
    #   ω_j = (1 + 9) / (12 + 27 - 1 - 9) = 10 / 29
    #   δ   = ln(17/25) - ln(10/29) = -0.385662 + 1.064711 = 0.679048
    #   σ²  = 1/(8 + 9) + 1/(1 + 9) = 0.058824 + 0.1 = 0.158824
    #   z   = 0.679048 / sqrt(0.158824) = 0.679048 / 0.398527 = 1.703897
    result = log_odds_dirichlet(COUNTS)
    assert result.delta[0, 0] == pytest.approx(0.679048, abs=1e-6)
    assert result.variance[0, 0] == pytest.approx(0.158824, abs=1e-6)
    assert result.z[0, 0] == pytest.approx(1.703897, abs=1e-6)


def test_symmetric_two_by_two_by_hand():
    # 公办园 3 vs 1, 网格 1 vs 3: α = 4 each, α0 = 8, n_i = n_j = 4.
    #   ω_i = (3 + 4)/(4 + 8 - 3 - 4) = 7/5,  ω_j = (1 + 4)/(4 + 8 - 1 - 4) = 5/7
    #   δ = 2 ln(1.4) = 0.672944,  σ² = 1/7 + 1/5 = 0.342857,  z = 1.149271
    z = log_odds_dirichlet(np.array([[3, 1], [1, 3]])).z
    assert z[0, 0] == pytest.approx(1.149271, abs=1e-6)
    assert z[0, 1] == pytest.approx(-1.149271, abs=1e-6)
    assert z[1, 1] == pytest.approx(1.149271, abs=1e-6)


def test_sparse_input_and_two_groups_are_mirror_images():
    dense = log_odds_dirichlet(COUNTS).z
    np.testing.assert_allclose(log_odds_dirichlet(sparse.csr_matrix(COUNTS)).z, dense)
    # With two groups, "the rest" of one group is the other: z flips sign exactly.
    np.testing.assert_allclose(dense[0], -dense[1])


def test_alpha0_rescales_the_prior():
    # A weaker prior (α0 = 2.7 instead of 27) shrinks less, so |z| grows.
    weak = log_odds_dirichlet(COUNTS, alpha0=2.7).z
    strong = log_odds_dirichlet(COUNTS).z
    assert abs(weak[0, 0]) > abs(strong[0, 0])


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        (np.array([[1, 0], [2, 0]]), "prior must be positive"),
        (np.array([[-1, 2], [2, 1]]), "non-negative"),
        (np.array([1, 2, 3]), "2-D"),
    ],
)
def test_bad_counts_are_refused(counts, message):
    with pytest.raises(ValueError, match=message):
        log_odds_dirichlet(counts)


# Tables of (group × term counts) from the corpus's kind of numbers.
TABLES = [
    np.array([[7, 3], [2, 7]]),
    np.array([[10, 1, 30], [1, 12, 25], [3, 3, 40]]),
    np.array([[14, 1, 60], [4, 9, 80]]),
]


@pytest.mark.parametrize("counts", TABLES)
def test_chi2_equals_scipy_with_yates(counts):
    got = chi2_yates(counts)
    n_i = counts.sum(axis=1)
    total = counts.sum(axis=0)
    for g in range(counts.shape[0]):
        for w in range(counts.shape[1]):
            a = counts[g, w]
            table = [[a, n_i[g] - a], [total[w] - a, counts.sum() - n_i[g] - total[w] + a]]
            expected = chi2_contingency(table, correction=True)[0]
            assert abs(got[g, w]) == pytest.approx(expected, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("counts", TABLES)
def test_g2_equals_scipy_log_likelihood_over_williams_q(counts):
    got = g2_williams(counts)
    n = counts.sum()
    n_i = counts.sum(axis=1)
    total = counts.sum(axis=0)
    for g in range(counts.shape[0]):
        for w in range(counts.shape[1]):
            a = counts[g, w]
            table = [[a, n_i[g] - a], [total[w] - a, n - n_i[g] - total[w] + a]]
            g2 = chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
            r1, r2 = n_i[g], n - n_i[g]
            c1, c2 = total[w], n - total[w]
            q = 1 + (n / r1 + n / r2 - 1) * (n / c1 + n / c2 - 1) / (6 * n)
            assert abs(got[g, w]) == pytest.approx(g2 / q, rel=1e-9, abs=1e-12)


def test_signs_follow_over_representation():
    # 社保卡: 8 of 15 tokens in Liaoning vs 1 of 12 in Jiangsu, over-represented in Liaoning.
    for stat in (chi2_yates(COUNTS), g2_williams(COUNTS), log_odds_dirichlet(COUNTS).z):
        assert stat[0, 0] > 0 > stat[1, 0]


def test_keyness_table_order_columns_and_counts():
    t = keyness_table(COUNTS, ["辽宁", "江苏"], ["社保卡", "网格", "就业"])
    assert list(t.columns) == [
        "group", "rank", "term", "count_in_group", "count_in_rest",
        "log_odds", "variance", "z", "chi2", "g2",
    ]  # fmt: skip
    assert t["group"].tolist() == ["江苏"] * 3 + ["辽宁"] * 3
    liaoning = t[t["group"] == "辽宁"]
    assert liaoning["term"].tolist() == ["社保卡", "就业", "网格"]
    assert liaoning["count_in_group"].tolist() == [8, 5, 2]
    assert liaoning["count_in_rest"].tolist() == [1, 5, 6]
    assert (np.diff(liaoning["z"]) <= 0).all()


def test_ties_are_broken_by_term():
    # 安全 and 养老 have identical counts, hence identical z: the term decides, in code-point
    # order (养 U+517B before 安 U+5B89), whatever the column order of the input.
    for terms, counts in ((["养老", "安全", "网格"], [[2, 2, 1], [1, 1, 4]]),
                          (["安全", "养老", "网格"], [[2, 2, 1], [1, 1, 4]])):  # fmt: skip
        t = keyness_table(counts, ["天津", "江苏"], terms)
        assert t[t["group"] == "天津"]["term"].tolist()[:2] == ["养老", "安全"]


def test_keyness_table_top_k_and_errors():
    assert len(keyness_table(COUNTS, ["辽宁", "江苏"], ["社保卡", "网格", "就业"], top_k=1)) == 2
    with pytest.raises(ValueError, match="at least two groups"):
        keyness_table(COUNTS[:1], ["辽宁"], ["社保卡", "网格", "就业"])
    with pytest.raises(ValueError, match="top_k"):
        keyness_table(COUNTS, ["辽宁", "江苏"], ["社保卡", "网格", "就业"], top_k=0)


def test_a_slogan_repeated_in_one_document_counts_once():
    # The seven 「聚焦…,在…上实现新突破。」 slogans of the Dalian health feature (issue 27):
    # 突破 made Liaoning's top keyness term from one repeated formula.
    from pathlib import Path

    from policystudy.stats.keyness import formula_once
    from policystudy.text import PolicyTokenizer, tokenize_paragraphs

    slogans = (Path(__file__).parent / "data" / "dalian_slogans.txt").read_text("utf-8").split()
    tokens = tokenize_paragraphs(slogans, PolicyTokenizer(), engine="local", n_jobs=1)
    assert sum(t.split().count("突破") for t in tokens) == len(slogans) == 7
    once = formula_once(tokens, ["dalian"] * len(tokens))
    assert sum(t.split().count("突破") for t in once) == 1
    # In seven documents it is seven uses, not one formula.
    spread = formula_once(tokens, [f"d{i}" for i in range(len(tokens))])
    assert sum(t.split().count("突破") for t in spread) == 7
    assert formula_once(tokens, ["dalian"] * len(tokens), context=0) == tokens
