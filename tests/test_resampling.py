"""policystudy.stats.resampling on its own: group indicators, the stratified bootstrap, shares.

The bootstrap is checked against what it claims to be (uniform draws with replacement within
each group, whatever the block size or the other groups) and its intervals against an
independent percentile bootstrap written here with ``numpy.random.Generator.choice``.
"""

import numpy as np
import pytest

from policystudy.stats import resampling as rs

GROUPS = ["辽宁"] * 4 + ["吉林"] * 3 + ["天津"] * 5


def test_group_matrix_is_sorted_one_hot_and_order_free():
    labels, ind = rs.group_matrix(["辽宁", "吉林", "辽宁", "天津"])
    assert labels.tolist() == ["吉林", "天津", "辽宁"]
    assert ind.toarray().tolist() == [[0, 1, 0, 0], [0, 0, 0, 1], [1, 0, 1, 0]]
    # Ids read as strings: 1 and "1" are one group.
    labels, ind = rs.group_matrix([1, "1", "02"])
    assert labels.tolist() == ["02", "1"] and ind.sum(axis=1).A1.tolist() == [1, 2]


def test_every_resample_keeps_each_group_size():
    w = rs.stratified_bootstrap(GROUPS, 300, 7)
    assert w.shape == (300, len(GROUPS))
    g = np.array(GROUPS)
    for name in set(GROUPS):
        assert (w[:, g == name].sum(axis=1) == (g == name).sum()).all(), name


def test_multiplicities_are_draws_with_replacement():
    # For a group of n paragraphs a paragraph's multiplicity is Binomial(n, 1/n): mean 1,
    # P(0) = (1 - 1/n)^n. 20 000 resamples put both within a few standard errors.
    n, reps = 10, 20_000
    w = rs.stratified_bootstrap(["甲"] * n, reps, 123).astype(float)
    assert abs(w.mean() - 1.0) < 0.01
    p0 = (w == 0).mean()
    assert abs(p0 - (1 - 1 / n) ** n) < 0.006
    assert abs(w.var() - (1 - 1 / n)) < 0.02


@pytest.mark.parametrize("block_cells", [1, 5, 12, 10**9])
def test_blocks_give_the_same_rows_whatever_their_size(block_cells):
    whole = rs.stratified_bootstrap(GROUPS, 9, 3)
    blocks = list(rs.bootstrap_blocks(GROUPS, 9, 3, block_cells=block_cells))
    assert all(b.shape[0] >= 1 for b in blocks)
    assert np.array_equal(np.vstack(blocks), whole)


def test_a_groups_draws_do_not_depend_on_other_groups_or_input_order():
    w = rs.stratified_bootstrap(GROUPS, 50, 11)
    # Another group appended (sorted last): the existing groups draw exactly as before.
    more = rs.stratified_bootstrap([*GROUPS, "黑龙江", "黑龙江"], 50, 11)
    assert np.array_equal(more[:, : len(GROUPS)], w)
    # The same paragraphs listed in another order: each paragraph keeps its multiplicities.
    order = np.argsort(np.array(GROUPS), kind="stable")
    shuffled = rs.stratified_bootstrap([GROUPS[i] for i in order], 50, 11)
    assert np.array_equal(shuffled, w[:, order])


def test_seeds_are_reproducible_and_distinct():
    assert np.array_equal(
        rs.stratified_bootstrap(GROUPS, 20, 5), rs.stratified_bootstrap(GROUPS, 20, 5)
    )
    assert not np.array_equal(
        rs.stratified_bootstrap(GROUPS, 20, 5), rs.stratified_bootstrap(GROUPS, 20, 6)
    )
    assert rs.stratified_bootstrap(GROUPS, 0, 5).shape == (0, len(GROUPS))


def test_group_shares_by_hand():
    weights = np.array([[3.0, 1.0], [1.0, 1.0], [0.0, 2.0], [0.0, 0.0]])
    names, share, low, high = rs.group_shares(weights, ["苏", "苏", "津", "沪"], n_bootstrap=0,
                                              random_state=0)  # fmt: skip
    assert names.tolist() == ["沪", "津", "苏"]
    assert np.isnan(share[0]).all()  # a group with no weight has no share
    assert share[1].tolist() == [0.0, 1.0]
    assert np.allclose(share[2], [4 / 6, 2 / 6])
    assert np.isnan(low).all() and np.isnan(high).all()


def test_intervals_agree_with_an_independent_percentile_bootstrap():
    rng = np.random.default_rng(0)
    groups = ["甲"] * 40 + ["乙"] * 25
    weights = rng.gamma(2.0, 50.0, size=(65, 3)) * (rng.random((65, 3)) < 0.5)
    names, share, low, high = rs.group_shares(weights, groups, n_bootstrap=4000, random_state=1)
    ref = np.random.default_rng(99)
    for gi, name in enumerate(names):
        w = weights[np.array(groups) == name]
        boot = []
        for _ in range(4000):
            s = w[ref.choice(len(w), size=len(w), replace=True)].sum(axis=0)
            boot.append(s / s.sum())
        want_low, want_high = np.percentile(np.array(boot), [2.5, 97.5], axis=0)
        assert np.allclose(low[gi], want_low, atol=0.02), name
        assert np.allclose(high[gi], want_high, atol=0.02), name
        assert ((low[gi] <= share[gi]) & (share[gi] <= high[gi])).all()


def test_unit_weights_sum_each_groups_documents():
    weights = np.array([[1.0, 0.0], [2.0, 1.0], [0.0, 4.0], [3.0, 3.0], [1.0, 1.0]])
    groups, units, n = rs.unit_weights(weights, ["苏", "苏", "津", "苏", "津"],
                                       ["b", "a", "a", "b", "c"])  # fmt: skip
    # Sorted by group, then document; "a" of 苏 and "a" of 津 are two units.
    assert groups == ["津", "津", "苏", "苏"] and n.tolist() == [2, 2]
    assert units.tolist() == [[0.0, 4.0], [1.0, 1.0], [2.0, 1.0], [4.0, 3.0]]


def test_group_shares_over_units_draws_whole_documents():
    # Two documents per group, each all one column: a resample is 0, 1/2 or 1 in column 0,
    # never a mixture of paragraphs from inside one document.
    weights = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [0.0, 1.0]])
    groups = ["甲"] * 5
    _, share, low, high = rs.group_shares(weights, groups, units=["a", "a", "b", "b", "b"],
                                          min_units=2, n_bootstrap=2000, random_state=0,
                                          ci=0.5)  # fmt: skip
    np.testing.assert_allclose(share[0], [0.4, 0.6])
    assert low[0, 0] in (0.0, 0.4) and high[0, 0] in (0.4, 1.0)
    # The paragraph bootstrap of the same rows gives values in between.
    _, _, plow, phigh = rs.group_shares(weights, groups, n_bootstrap=2000, random_state=0, ci=0.5)
    assert plow[0, 0] not in (0.0, 0.4, 1.0) or phigh[0, 0] not in (0.0, 0.4, 1.0)
    _, _, low, high = rs.group_shares(weights, groups, units=["a", "a", "b", "b", "b"],
                                      min_units=3, n_bootstrap=2000, random_state=0)  # fmt: skip
    assert np.isnan(low).all() and np.isnan(high).all()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weights": np.ones((3, 2)), "groups": ["甲", "乙"]}, "3 paragraphs in weights but 2"),
        ({"weights": np.ones((2, 2)), "groups": ["甲", "乙"], "ci": 1.0}, "ci must be between"),
        ({"weights": np.ones((2, 2)), "groups": ["甲", "乙"], "units": ["a"]}, "1 unit ids but 2"),
    ],
)
def test_group_shares_refuses_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        rs.group_shares(**{"n_bootstrap": 10, "random_state": 0, **kwargs})
