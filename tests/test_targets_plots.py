"""Figures of notebook 04: which indicators are shared, what each panel shows."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest

from policystudy import targets as T
from policystudy.report.plots import targets as tp

TEXTS = {
    ("大连市", "Liaoning"): "今年一季度,全市城镇新增就业31150人,城镇登记失业率3.36%。",
    ("天津港保税区", "Tianjin"): "到202x年,每年新增就业2.15万人以上,登记失业率控制在3.5%以内,"
    "职工参保率达到98%,全区养老机构床位数达到20xx张。",
    ("常州高新区", "Jiangsu"): "到2020年,全区新增城镇就业5.4万人,护理型床位数占养老机构床位数"
    "比例达60%以上。",
    ("连云港市", "Jiangsu"): "全市护理型床位占养老机构床位比例达到70%以上。",
}


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    frames = [
        T.extract_targets_from_text(text).assign(place=place, group=group, domain="")
        for (place, group), text in TEXTS.items()
    ]
    return pd.concat(frames, ignore_index=True)


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("place", ["新增就业 (人)", "护理型床位占比 (%)", "登记失业率 (%)"]),
        # By province, the two Jiangsu documents count once: 护理型床位占比 is not shared.
        ("group", ["新增就业 (人)", "登记失业率 (%)"]),
    ],
)
def test_shared_indicator_panels(table, by, expected):
    fig = tp.shared_indicators(table, by=by)
    assert [ax.get_title() for ax in fig.axes if ax.get_visible()] == expected


def test_shared_panel_marks_status_and_normalises(table):
    fig = tp.shared_indicators(table, by="place")
    ax = next(a for a in fig.axes if a.get_title() == "新增就业 (人)")
    heights = [round(p.get_height()) for p in ax.patches]
    hatches = [p.get_hatch() or "" for p in ax.patches]
    assert sorted(zip(heights, hatches, strict=True)) == [(21500, ""), (31150, "//"), (54000, "")]


def test_targets_by_domain_counts_only_targets(table):
    fig = tp.targets_by_domain(table.assign(domain="employment"))
    ax = fig.axes[0]
    # Dalian's two rows are status (no bar); Tianjin: 3 targets + 1 placeholder; Jiangsu: 3.
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Jiangsu", "Tianjin"]
    assert [p.get_width() for p in ax.patches] == [3.0, 3.0]


def test_shared_indicators_caps_bars_and_says_how_many_are_hidden():
    import pandas as pd

    from policystudy.report.plots import targets as target_plots

    n = 100
    t = pd.DataFrame(
        {
            "place": [f"地{i:03d}" for i in range(n)],
            "canonical_indicator": ["参保率"] * n,
            "value_normalized": [98.0] * n,
            "unit_base": ["%"] * n,
            "comparator": ["="] * n,
            "deadline": [""] * n,
            "kind": ["target"] * n,
            "unit": ["%"] * n,
            "value": [98.0] * n,
        }
    )
    fig = target_plots.shared_indicators(t, by="place", max_bars=24)
    ax = next(a for a in fig.axes if a.get_visible())
    assert ax.get_title() == "参保率 (%)\n(+76 more not shown)"
    assert len(ax.patches) == 24
