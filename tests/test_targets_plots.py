"""Figures of notebook 04: which indicators are shared by different groups, what is compared,
how values and groups are shown."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest

from policystudy import targets as T
from policystudy.report import plots
from policystudy.report.plots import targets as tp

# (place, group, year): sentences from the seed documents; 连云港's is dated and given its
# heading, and 滨海新区's is constructed, so that two groups commit to a comparable value (a
# sentence with no goal cue and no heading is ``unknown`` since issue 29).
TEXTS = {
    ("大连市", "Liaoning", 2021): "今年一季度,全市城镇新增就业31150人,城镇登记失业率3.36%。",
    ("天津港保税区", "Tianjin", 2018): "到202x年,每年新增就业2.15万人以上,登记失业率控制在3.5%以内,"
    "职工参保率达到98%,全区养老机构床位数达到20xx张。",
    ("常州高新区", "Jiangsu", 2018): "到2020年,全区新增城镇就业5.4万人,护理型床位数占养老机构床位数"
    "比例达60%以上,城乡居民参保率达到98%。",
    (
        "连云港市",
        "Jiangsu",
        2021,
    ): "深入建设健康连云港\n到2025年,全市护理型床位占养老机构床位比例达到70%以上,职工参保率达到99%。",
    ("滨海新区", "Tianjin", 2021): "到2025年,职工参保率达到98%。",
}


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    frames = [
        T.extract_targets_from_text(text, year=year).assign(doc_id=place, group=group, domain="")
        for (place, group, year), text in TEXTS.items()
    ]
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def shared(table) -> pd.DataFrame:
    return T.shared_indicators(table, by="group")


def test_shared_means_two_different_groups(shared):
    # 护理型床位占比 is set by two Jiangsu documents only: one group, so not shared.
    assert "护理型床位占比" not in set(shared["canonical_indicator"])
    # 登记失业率: a Tianjin target and a Dalian status; a status is not a commitment.
    assert set(shared["canonical_indicator"]) == {"参保率", "新增就业"}


def test_only_comparable_values_are_compared_and_the_others_say_why(shared):
    rows = shared.set_index(["canonical_indicator", "doc_id"])
    # 职工 by 2025 (Tianjin, Lianyungang) vs 城乡居民 by 2020 (Changzhou): not lined up.
    assert rows.loc[("参保率", "滨海新区"), "compared"]
    assert rows.loc[("参保率", "连云港市"), "compared"]
    assert not rows.loc[("参保率", "常州高新区"), "compared"]
    assert "scope 城乡居民, not 职工" in rows.loc[("参保率", "常州高新区"), "reason"]
    assert "period end 2020, not 2025" in rows.loc[("参保率", "常州高新区"), "reason"]
    # 到202x年: a placeholder period is never compared (issue 29).
    assert not rows.loc[("参保率", "天津港保税区"), "compared"]
    assert "placeholder" in rows.loc[("参保率", "天津港保税区"), "reason"]
    jobs = shared[shared["canonical_indicator"] == "新增就业"].set_index("doc_id")
    assert not jobs["compared"].any()
    assert jobs.loc["天津港保税区", "reason"] == "placeholder period 到202x年: never compared"
    # The Dalian first-quarter figure is a reported status: never in the commitments table.
    assert "大连市" not in set(shared["doc_id"])


def test_figure_draws_only_compared_values_in_group_colours(shared):
    fig = tp.shared_indicators(shared, group_by="region")
    axes = [ax for ax in fig.axes if ax.get_visible()]
    # 新增就业 has no comparable pair (one year vs a total by 2020): no panel.
    assert [ax.get_title() for ax in axes] == [
        "参保率 (%, 职工, level by a date)\n(2 not comparable, left out)"
    ]
    palette = plots.group_palette(shared["group"])
    ax = axes[0]
    colours = {matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches}
    assert colours == {palette["Jiangsu"], palette["Tianjin"]}
    assert fig._suptitle.get_text().endswith("(comparable values only)")
    assert "regions" in fig._suptitle.get_text()


def test_group_keeps_its_colour_across_panels(shared):
    fig = tp.shared_indicators(shared, group_by="province")
    palette = plots.group_palette(shared["group"])
    for ax in (a for a in fig.axes if a.get_visible()):
        labels = [t.get_text().split(" · ")[0] for t in ax.get_yticklabels()]
        colours = [matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches]
        assert colours == [palette[g] for g in labels]


@pytest.mark.parametrize(
    ("value", "comparator", "high", "label"),
    [
        (1442000.0, "=", None, "144.2万"),
        (21500.0, "≥", None, "≥2.15万"),
        (3.5, "≤", None, "≤3.5"),
        (6.0, "=", 6.5, "6–6.5"),
        (1.26e14, "=", None, "126万亿"),
        (457.0, "=", None, "457"),
        (1000.0, "≈", None, "≈1,000"),
    ],
)
def test_value_labels_are_readable(value, comparator, high, label):
    got = tp.value_label(value, comparator, high)
    assert got == label
    assert "e+" not in got


def test_targets_by_domain_counts_only_targets_and_names_the_grouping(table):
    fig = tp.targets_by_domain(table.assign(domain="employment"), group_by="province")
    ax = fig.axes[0]
    assert (
        ax.get_title() == "量化目标数(按province与领域) Quantified targets per province, by domain"
    )
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Jiangsu", "Tianjin"]


def test_shared_indicators_caps_bars_and_says_how_many_are_hidden():
    n = 100
    t = pd.DataFrame(
        {
            "group": [f"地{i:03d}" for i in range(n)],
            "doc_id": [f"d{i:03d}" for i in range(n)],
            "canonical_indicator": ["参保率"] * n,
            "value_normalized": [98.0] * n,
            "value": [98.0] * n,
            "value_high": [None] * n,
            "unit_base": ["%"] * n,
            "comparator": ["="] * n,
            "scope": [""] * n,
            "period_class": ["level by a date"] * n,
            "year_to": [2020] * n,
            "compared": [True] * n,
        }
    )
    fig = tp.shared_indicators(t, max_bars=24)
    ax = next(a for a in fig.axes if a.get_visible())
    assert ax.get_title() == "参保率 (%, level by a date)\n(+76 more not shown)"
    assert len(ax.patches) == 24
