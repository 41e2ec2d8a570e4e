"""Targets of one indicator over time (policystudy.targets.timeline), on work-report sentences.

Every sentence is quoted from the State Council's government work reports
(corpus-dev/gwr/texts/gwrYYYY.txt, public domain); the key is the report's year.
"""

from __future__ import annotations

import pandas as pd
import pytest

from policystudy.report import links
from policystudy.targets import extract_targets_from_text, targets_over_time
from policystudy.targets.summary import targets_summary
from policystudy.targets.timeline import OVER_TIME_COLUMNS, own_year_rank

# 2017, the plan for the year (p047): 今年 dates every target of the list.
PLAN_2017 = (
    "今年发展的主要预期目标是：国内生产总值增长6.5%左右，在实际工作中争取更好结果；居民消费价格涨幅"
    "3%左右；城镇新增就业1100万人以上，城镇登记失业率4.5%以内；进出口回稳向好，国际收支基本平衡；"
    "居民收入和经济增长基本同步。"
)
# 2017, the review of 2016 (p006): last year's results.
REVIEW_2017 = (
    "——就业增长超出预期。全年城镇新增就业1314万人。高校毕业生就业创业人数再创新高。年末城镇登记"
    "失业率4.02%，为多年来最低。"
)
PLAN_2004 = (
    "千方百计增加就业是政府的重要职责。今年的预期目标是，新增城镇就业900万人，下岗失业人员再就业"
    "500万人。"
)
# 2005: 今年 opens the sentence but not the clause of the number (no period of its own).
PLAN_2005 = (
    "综合考虑国内外各种因素，今年经济社会发展主要预期目标是：国内生产总值增长8%左右；城镇新增就业"
    "900万人，城镇登记失业率控制在4.6%；居民消费价格总水平涨幅控制在4%；国际收支保持基本平衡。"
)
# 2013: the results of 2012, read as a target (目标), in a sentence that also names 今年.
REVIEW_2013 = (
    "2012年，在世界各大经济体增长全面减速、各种风险不断暴露的情况下，我们合理把握政策力度，保持财政"
    "预算支出规模不变，优化支出结构，扭转经济下滑趋势，全面实现年初确定的主要目标，国内生产总值增长"
    "7.8%，城镇新增就业1266万人，居民消费价格涨幅回落到2.6%，为今年经济发展打下好的基础。"
)
PLAN_2013 = (
    "今年经济社会发展的主要预期目标是：国内生产总值增长7.5%左右，发展的协调性进一步增强；居民消费"
    "价格涨幅3.5%左右；城镇新增就业900万人以上，城镇登记失业率低于4.6%。"
)
# 2009: a three-year goal (三年内, 2009-2012), not the target for 2009.
THREE_YEARS_2009 = "建立城镇职工基本医疗保险、城镇居民基本医疗保险和新型农村合作医疗制度，三年内参保率均提高到90%以上。"


def _table(texts: list[tuple[int, str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The targets table of one report per (year, text), and the documents with their years."""
    parts = []
    for year, text in texts:
        found = extract_targets_from_text(text, year=year)
        doc = f"gwr{year}"
        found["sentence_id"] = doc + "-" + found["sentence_id"].astype(str)
        parts.append(found.assign(doc_id=doc, group="2003-2025"))
    docs = pd.DataFrame({"doc_id": [f"gwr{y}" for y, _ in texts], "year": [y for y, _ in texts]})
    return pd.concat(parts, ignore_index=True), docs.drop_duplicates("doc_id")


def _series(over: pd.DataFrame) -> list[tuple[str, int, float]]:
    s = over[over["in_series"]]
    return [(n, int(y), float(v)) for n, y, v in zip(s["canonical_indicator"], s["year"], s["value"], strict=True)]  # fmt: skip


CASES = [
    # The year's plan: 1100万人 and 4.5% for 2017.
    ([(2017, PLAN_2017)], [("新增就业", 2017, 1100.0), ("登记失业率", 2017, 4.5)]),
    # Last year's result in the same report is not a point (status, unknown: never targets).
    ([(2017, REVIEW_2017 + PLAN_2017)], [("新增就业", 2017, 1100.0), ("登记失业率", 2017, 4.5)]),
    (
        [(2004, PLAN_2004), (2017, PLAN_2017)],
        [("新增就业", 2004, 900.0), ("新增就业", 2017, 1100.0), ("登记失业率", 2017, 4.5)],
    ),
    # No period of its own, but the sentence names 今年 and no other year: the year's point.
    ([(2005, PLAN_2005)], [("新增就业", 2005, 900.0), ("登记失业率", 2005, 4.6)]),
    # 2012's results misread as a target: its sentence names 2012年, so never this year's point.
    ([(2013, REVIEW_2013)], []),
    ([(2013, REVIEW_2013 + PLAN_2013)], [("新增就业", 2013, 900.0), ("登记失业率", 2013, 4.6)]),
    # A three-year goal is not an annual point.
    ([(2009, THREE_YEARS_2009)], []),
]


@pytest.mark.parametrize(("texts", "expected"), CASES)
def test_series_from_work_report_sentences(texts, expected):
    targets, docs = _table(texts)
    assert _series(targets_over_time(targets, docs)) == expected


def test_every_row_left_out_says_why():
    targets, docs = _table([(2009, THREE_YEARS_2009), (2013, REVIEW_2013 + PLAN_2013)])
    over = targets_over_time(targets, docs)
    left = over[~over["in_series"]]
    assert left["reason"].str.len().gt(0).all()
    assert (over.loc[over["in_series"], "reason"] == "").all()
    reasons = dict(zip(left["value"], left["reason"], strict=True))
    assert reasons[90.0].startswith("several years (三年内, 2009–2012)")
    assert reasons[1266.0] == "no period, and its sentence does not name 今年 alone"
    assert list(over.columns) == OVER_TIME_COLUMNS


def test_one_point_per_document_dated_row_first():
    # The same report states the plan twice: a dated row wins over an undated one; the
    # other is named.
    targets, docs = _table([(2005, PLAN_2005), (2005, PLAN_2017.replace("1100", "1000"))])
    targets = targets.assign(doc_id="gwr2005")
    over = targets_over_time(targets, docs)
    jobs = over[over["canonical_indicator"] == "新增就业"]
    assert jobs["in_series"].tolist() == [True, False]
    assert jobs["value"].tolist() == [1000.0, 900.0]
    assert jobs["reason"].iloc[1].startswith("a second point of the same document and year")


def test_value_types_are_not_mixed():
    # The 2017 and 2013 plans state the registered unemployment rate as a share; the 2004 row is
    # relabelled a change (as 失业率下降0.1个百分点 would be) and must stay out of that series.
    targets, docs = _table([(2017, PLAN_2017), (2013, PLAN_2013), (2005, PLAN_2005)])
    rate = (targets["canonical_indicator"] == "登记失业率") & (targets["doc_id"] == "gwr2005")
    targets.loc[rate, "value_type"] = "change"
    over = targets_over_time(targets, docs)
    rates = over[over["canonical_indicator"] == "登记失业率"]
    assert sorted(rates.loc[rates["in_series"], "year"].tolist()) == [2013, 2017]
    assert rates.loc[~rates["in_series"], "reason"].tolist() == ["value type change, not share"]


@pytest.mark.parametrize(
    "docs",
    [
        pd.DataFrame({"doc_id": ["gwr2017"]}),
        pd.DataFrame({"doc_id": ["gwr2017"], "year": [None]}),
    ],
)
def test_no_year_gives_an_empty_table(docs):
    targets, _ = _table([(2017, PLAN_2017)])
    over = targets_over_time(targets, docs)
    assert over.empty and list(over.columns) == OVER_TIME_COLUMNS


@pytest.mark.parametrize(
    ("row", "year", "rank"),
    [
        ({"period_type": "year", "year_to": 2018, "period": "明年"}, 2017, 0),
        ({"period_type": "annual", "period": "每年"}, 2017, 0),
        ({"period_type": "deadline", "year_to": 2020, "period": "到2020年"}, 2017, 0),
        ({"period_type": "year", "year_to": 2017, "period": "今年"}, None, 0),
        ({"period_type": "", "sentence": "今年以来,城镇新增就业500万人。"}, 2017, 0),
    ],
)
def test_periods_that_are_not_the_documents_year(row, year, rank):
    assert own_year_rank(row, year)[0] == rank


def _report(texts):
    targets, docs = _table(texts)
    tables = {"targets": targets, "corpus_overview": docs}
    return targets_summary(tables, cite=links.cite, list_max=10)


def test_report_paragraph_names_first_and_last_year_and_links():
    text = _report([(2004, PLAN_2004), (2005, PLAN_2005), (2013, PLAN_2013), (2017, PLAN_2017)])
    assert "Targets over time:" in text
    line = next(x for x in text.splitlines() if x.startswith("- **新增就业**"))
    assert "[900万人](../data/processed/targets_over_time.csv#canonical_indicator=" in line
    assert "sentence_id=gwr2004-s0002) (2004) → [≥1,100万人]" in line
    assert "targets in [4 years](../data/processed/targets_over_time.csv#" in line
    # 登记失业率 has targets in three years (2005, 2013, 2017): described too, after 新增就业.
    assert text.index("- **新增就业**") < text.index("- **登记失业率**")
    assert "blind kind accuracy" not in text  # no evaluation table: no figure quoted


def test_report_says_why_without_years():
    targets, docs = _table([(2017, PLAN_2017)])
    tables = {"targets": targets, "corpus_overview": docs.drop(columns="year")}
    text = targets_summary(tables, cite=links.cite)
    assert "no document of this corpus has a year" in text


def test_report_is_one_sentence_without_a_series():
    text = _report([(2017, PLAN_2017), (2009, THREE_YEARS_2009)])
    line = next(x for x in text.split("\n\n") if x.startswith("Targets over time"))
    assert "no canonical indicator has targets for the document's own year (今年) in 3" in line
    assert "[2 targets](../data/processed/targets_over_time.csv#in_series=True)" in line
    assert "in 1 document;" in line and "- **" not in line


def test_figure_draws_series_of_three_years_only():
    from policystudy.report.plots import targets as target_plots

    targets, docs = _table([(2004, PLAN_2004), (2005, PLAN_2005), (2017, PLAN_2017)])
    fig = target_plots.targets_over_time(targets_over_time(targets, docs))
    titles = [ax.get_title() for ax in fig.axes if ax.get_visible()]
    # 登记失业率 has points in 2005 and 2017 only: no panel.
    assert titles == ["新增就业 (城镇, 万人; 3 years)"]
    line, markers = fig.axes[0].lines
    assert markers.get_xydata().tolist() == [[2004, 900], [2005, 900], [2017, 1100]]
    # the line joins 2004 and 2005 only: the years 2006-2016 without a target break it
    drawn = line.get_xydata()
    assert drawn[:2].tolist() == [[2004, 900], [2005, 900]] and drawn[-1].tolist() == [2017, 1100]
    assert len(drawn) == 14 and all(y != y for y in drawn[2:-1, 1])
