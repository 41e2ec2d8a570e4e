"""Priorities over time, group composition, and a report that reads the same at 5 or 500
documents."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from policystudy.priorities import composition, time
from policystudy.report import findings, time_section
from policystudy.report.plots import keywords as keyword_plots
from policystudy.report.plots import priorities as priority_plots
from policystudy.report.plots import time as time_plots
from policystudy.workflow.params import ParameterError, check_time_by, validate


def _documents(years, shares, group="X", domain="elderly_care"):
    """priority_documents rows: one livelihood domain with the given share of all text."""
    rows = []
    for i, (y, s) in enumerate(zip(years, shares, strict=True)):
        doc = f"{group}{i:03d}-{y}"
        rows += [
            {"doc_id": doc, "group": group, "domain": domain, "share_all": s,
             "share_livelihood": 1.0},
            {"doc_id": doc, "group": group, "domain": "non_livelihood", "share_all": 1 - s,
             "share_livelihood": np.nan},
        ]  # fmt: skip
    ov = pd.DataFrame({"doc_id": [r["doc_id"] for r in rows[::2]], "year": [str(y) for y in years]})
    return pd.DataFrame(rows), ov


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2021", 2021.0), ("2021-05-10", 2021.0), ("2021年5月", 2021.0), (1998.0, 1998.0),
     ("十四五", np.nan), ("", np.nan), ("21", np.nan)],
)  # fmt: skip
def test_year_of_reads_years_and_dates(value, expected):
    got = time.year_of(value)
    assert (np.isnan(got) and np.isnan(expected)) or got == expected


def test_bins_label_periods_with_the_years_present():
    ov = pd.DataFrame({"doc_id": list("abcde"), "year": ["1954", "1975", "1980", "2003", "2024"]})
    t = time.document_times(ov, bins=(1978, 2003))
    assert t["period"].tolist() == ["1954–1975", "1954–1975", "1980", "2003–2024", "2003–2024"]
    with pytest.raises(ParameterError, match="time_bins"):
        validate({"time_bins": "1978,late"})


def test_a_planted_trend_is_firm_and_a_flat_one_is_not():
    rng = np.random.default_rng(1)
    years = np.repeat(np.arange(2000, 2020), 2)
    rising = np.clip(0.02 + 0.01 * (years - 2000) + rng.normal(0, 0.01, len(years)), 0, 1)
    docs, ov = _documents(years, rising)
    t = time.trends(docs, ov, livelihood=["elderly_care"], n_permutations=999, break_year=2010)
    r = t.set_index("domain").loc["elderly_care"]
    assert 0.08 < r["slope_per_decade"] < 0.12 and r["firm"]
    assert r["p_is_bound"]  # no shuffle reached it: reported as p < 0.001, never as a value
    assert r["n_before"] == 20 and r["n_after"] == 20 and r["break_difference"] > 0.05
    flat = np.clip(0.1 + rng.normal(0, 0.02, len(years)), 0, 1)
    docs, ov = _documents(years, flat)
    t = time.trends(docs, ov, livelihood=["elderly_care"], n_permutations=999)
    assert not t.set_index("domain").loc["elderly_care", "firm"]


def test_no_interval_or_p_value_below_min_documents():
    docs, ov = _documents([2001, 2005, 2010], [0.1, 0.2, 0.3])
    t = time.trends(docs, ov, livelihood=["elderly_care"], min_documents=5, break_year=2004)
    assert t["p_value"].isna().all() and t["ci_low"].isna().all()
    assert t["break_p_value"].isna().all()
    assert "needs 5 documents" in t["note"].iloc[0]
    over = time.shares_over_time(docs, ov, livelihood=["elderly_care"], min_documents=5)
    assert over["ci_low"].isna().all()


def test_time_by_must_name_a_column_unless_it_is_the_default():
    check_time_by("year", ["doc_id", "file", "region"])
    check_time_by("", ["doc_id", "file", "region"])
    with pytest.raises(ParameterError, match="'date' is not a manifest column"):
        check_time_by("date", ["doc_id", "file", "region"])


def test_over_time_section_quotes_bounds_not_values_and_says_what_it_rests_on():
    years = np.repeat(np.arange(2000, 2020), 2)
    docs, ov = _documents(years, 0.02 + 0.01 * (years - 2000))
    tables = time.over_time_tables(
        docs, ov, livelihood=["elderly_care"], time_by="year", break_year=2010, n_bootstrap=200
    )
    text = time_section.over_time_section(
        tables["priorities_over_time"], tables["priority_trends"], labels={},
        time_by="year", break_year=2010, min_documents=5, n_documents=40,
        n_permutations=time.N_PERMUTATIONS,
    )  # fmt: skip
    assert "40 of 40 documents" in text and "from 2000 to 2019" in text
    assert "**firm**" in text and "Holm p ≤" in text and "Holm p = 0.000" not in text
    assert "Before and after 2010" in text
    assert "20 periods are too many to tabulate" in text


def test_two_groups_of_different_years_get_the_composition_warning():
    ov = pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(8)], "region": ["A"] * 4 + ["B"] * 4,
        "year": ["2001", "2002", "2003", "2004", "2015", "2016", "2017", "2018"],
        "genre": ["plan"] * 8, "chars": [1000] * 8,
    })  # fmt: skip
    comp = composition.group_composition(ov, group_by="region")
    warnings = composition.composition_warnings(comp)
    assert [w["kind"] for w in warnings] == ["years"]
    text = time_section.composition_section(
        comp, warnings, None, pd.DataFrame({"group": [], "domain": [], "rank": []}),
        group_by="region", labels={},
    )  # fmt: skip
    assert "**Not like with like:** 1 pair of groups cover years that do not overlap" in text
    assert "A (2001–2004) and B (2015–2018)" in text and "share no year" in text
    # Overlapping spans: each group's #1 on the years both cover.
    ov.loc[4:, "year"] = ["2003", "2004", "2010", "2012"]
    comp = composition.group_composition(ov, group_by="region")
    assert composition.common_period(comp) == (2003, 2004)
    assert [w["kind"] for w in composition.composition_warnings(comp)] == ["span"]


def test_common_period_ranks_each_group_on_the_shared_years():
    ov = pd.DataFrame({"doc_id": ["a1", "a2", "b1", "b2"], "region": ["A", "A", "B", "B"],
                       "year": ["2001", "2010", "2009", "2020"]})  # fmt: skip
    docs = pd.DataFrame({
        "doc_id": ["a1", "a1", "a2", "a2", "b1", "b1", "b2", "b2"],
        "group": ["A"] * 4 + ["B"] * 4, "domain": ["health", "education"] * 4,
        "share_livelihood": [0.9, 0.1, 0.2, 0.8, 0.3, 0.7, 0.6, 0.4],
    })  # fmt: skip
    out = composition.composition_tables(
        docs, ov, group_by="region", livelihood=["health", "education"]
    )
    common = out["priorities_common_period"]
    top = common[common["rank"] == 1].set_index("group")["domain"].to_dict()
    assert top == {"A": "education", "B": "education"}
    assert set(common["window"]) == {"2009–2010"} and set(common["n_documents"]) == {1}


def _titles(fig) -> str:
    parts = [fig._suptitle.get_text() if fig._suptitle else ""]
    parts += [ax.get_title() for ax in fig.axes] + [ax.get_ylabel() for ax in fig.axes]
    legends = [ax.get_legend() for ax in fig.axes] + list(fig.legends)
    parts += [lg.get_title().get_text() for lg in legends if lg is not None]
    return " ".join(parts)


def test_figure_titles_follow_group_by():
    prof = pd.DataFrame({"group": ["plan", "plan", "news", "news"],
                         "domain": ["health", "education"] * 2, "share": [0.7, 0.3, 0.4, 0.6],
                         "ci_low": np.nan, "ci_high": np.nan, "rank": [1, 2, 2, 1],
                         "n_documents": [2, 2, 1, 1]})  # fmt: skip
    over = pd.DataFrame({"level": ["corpus", "group", "group"], "group": ["", "plan", "news"],
                         "period": "2001", "period_start": 2001, "period_end": 2001,
                         "domain": "livelihood", "n_documents": 1, "share_all": 0.5,
                         "ci_low": np.nan, "ci_high": np.nan, "share_livelihood": np.nan})  # fmt: skip
    keyness = pd.DataFrame({"group": ["plan", "news"], "term": ["标准", "报道"], "z": [2.5, 1.0]})
    figs = [
        priority_plots.share_heatmap(prof, group_by="genre"),
        priority_plots.share_ci_chart(prof, group_by="genre"),
        keyword_plots.keyness_bars(keyness, group_by="genre"),
        time_plots.over_time_figure(over, labels={}, group_by="genre"),
    ]
    for fig in figs:
        text = _titles(fig)
        assert "genre" in text and "region" not in text, text


def test_keyness_figure_marks_the_reports_threshold():
    keyness = pd.DataFrame({"group": ["A", "A"], "term": ["标准", "报道"], "z": [2.5, 1.0]})
    fig = keyword_plots.keyness_bars(keyness, top=2)
    ax = fig.axes[0]
    assert any(abs(line.get_xdata()[0] - findings.Z_CRITICAL) < 1e-9 for line in ax.lines)
    alphas = sorted((p.get_alpha() or 1.0) for p in ax.patches)
    assert alphas == [0.3, 1.0]


def test_no_report_line_names_more_than_the_cap_of_documents():
    ids = [f"doc{i:03d}" for i in range(40)]
    docs = pd.DataFrame({"doc_id": ids, "domain": "employment", "share_livelihood": 0.1,
                         "rank": [1.0] * 10 + [2.0] * 30, "thin_livelihood": True,
                         "livelihood_text_share": 0.01, "livelihood_units": 1})  # fmt: skip
    consensus = pd.DataFrame({"domain": ["employment"], "top3": [40], "top1": [10],
                              "median_rank": [2], "min_share": [0.1], "max_share": [0.1],
                              "n_documents": [40]})  # fmt: skip
    text = findings.consensus_lines(consensus, docs, {})
    for line in text.splitlines():
        assert len(re.findall(r"`doc\d{3}`", line)) <= 15, line
    assert "#1 in [10]" in text and "of 40 documents" in text


def test_a_group_without_dated_documents_still_gets_the_genre_warning():
    # A hostile or sparse manifest: one group has no readable year at all.
    ov = pd.DataFrame({"doc_id": ["a", "b"], "region": ["X", "Y"], "year": ["2001", ""],
                       "genre": ["plan", "news"], "chars": [1000, 1000]})  # fmt: skip
    comp = composition.group_composition(ov, group_by="region")
    warnings = composition.composition_warnings(comp)
    assert [w["kind"] for w in warnings] == ["genre"]
    assert warnings[0]["example"] == "X mostly plan, Y mostly news"
