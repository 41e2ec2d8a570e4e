"""Issue 29, fifth session: commitments as a grammar, and kind classes read on ``sealed``.

Real sentences of the national work reports (``dev/gwr_paragraphs.csv``, the labelled parts
only), the seeds or the CPC list; "shortened" marks a real sentence cut with its words kept in
order, "constructed" a form built for the test. The commitment tables pair each quantifier
class of :mod:`policystudy.targets.commitments` with forms it must not read (a direction, a
relative clause, conduct, the same words in a review).
"""

from __future__ import annotations

import pytest

from policystudy import targets as T
from policystudy.targets.commitments import COMPLETENESS
from tests.test_targets_fourth import PLAN, REVIEW, _qualitative


@pytest.mark.parametrize(
    ("sentence", "headings", "expected"),
    [
        # 全部 with an abolition verb the earlier lists did not name (gwr2005, shortened)
        ("明年将在全国全部免征农业税。", PLAN, ["commitment"]),
        # 全面 with abolition or completion (gwr2008, gwr2015; shortened) ...
        ("从今年秋季起全面免除城市义务教育学杂费。", PLAN, ["commitment"]),
        ("力争全面完成“营改增”。", PLAN, ["commitment"]),
        # ... but not with inclusion or adoption: a direction (TARGETS.md; constructed)
        ("全面推行河长制。", PLAN, []),
        ("全面建成小康社会。", PLAN, []),
        # extended to all (gwr2019, shortened)
        ("将固定资产加速折旧优惠政策扩大至全部制造业领域。", PLAN, ["commitment"]),
        # every unit … 都 + a state (gwr2014, shortened); 各级 is the same quantifier
        ("所有财政拨款的“三公”经费都要公开。", PLAN, ["commitment"]),
        ("各级政府预算和决算都要向社会公开。", PLAN, ["commitment"]),
        # … but not conduct (gwr1994, shortened)
        ("各级政府都要有重点地给予支持和帮助。", PLAN, []),
        # every unit without 都 (gwr2014, gwr2021; shortened) …
        ("着力把所有政府性收入纳入预算。", PLAN, ["commitment"]),
        ("允许所有制造业企业参与电力市场化交易。", PLAN, ["commitment"]),
        # … but not in a relative clause naming something else (gwr1988, shortened)
        ("就将为召开所有核国家参加的国际会议创造必要的条件。", PLAN, []),
        # every person (gwr2011, shortened)
        ("加快实现人人享有基本医疗卫生服务的目标。", PLAN, ["commitment"]),
        # on time or in full, with any verb of payment or delivery (gwr1982, gwr2019, gwr2006;
        # shortened)
        ("同时保证军政费用必不可少的需要,按期偿还国外借款的本息。", PLAN, ["commitment"]),
        ("确保付出辛劳和汗水的农民工按时拿到应有的报酬。", PLAN, ["commitment"]),
        ("确保青藏铁路、三峡三期工程等一批重点工程建成投产。", PLAN, ["commitment"]),
        # not because of … (gwr2008, shortened)
        ("确保他们基本生活水平不因物价上涨而下降。", PLAN, ["commitment"]),
        # every year no less (gwr2007, gwr1983, gwr2022; shortened)
        ("用于西部大开发的投入高于上年。", PLAN, ["commitment"]),
        ("必须有利于财政状况的好转,确保国家财政收入逐年有合理的增长。", PLAN, ["commitment"]),
        ("使减税降费力度只增不减。", PLAN, ["commitment"]),
        # the same words in a review are what was done (constructed from gwr2008)
        ("全面免除了城市义务教育学杂费。", REVIEW, ["status"]),
        ("已经按期偿还了国外借款的本息。", REVIEW, ["status"]),
        # slogans with 人人 are principles (CPC list, shortened)
        ("建设人人有责、人人尽责、人人享有的社会治理共同体。", PLAN, []),
        ("使人人都有通过勤奋劳动实现自身发展的机会。", PLAN, []),
        # a whole five-year plan completed is a composite, not one task (CPC list, shortened)
        ("前十年要全面完成“十五”计划和二0一0年的奋斗目标。", PLAN, []),
        # no completeness word: none (gwr2021-like, constructed)
        ("取消港口建设费。", PLAN, []),
    ],
)  # fmt: skip
def test_commitment_grammar(sentence, headings, expected):
    assert _qualitative(sentence, headings, 2011) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # one production per quantifier class, as the grammar reads them
        ("全部免征牧业税", "全部免征牧业税"),
        ("按期偿还国外借款的本息", "按期偿还"),
        ("投入高于上年", "投入高于上年"),
        # an abolition with no quantifier, and 全面 with adoption, are none
        ("取消农民各种不合理负担", None),
        ("全面实行预算绩效管理", None),
    ],
)
def test_quantifier_classes(sentence, expected):
    found = COMPLETENESS.search(sentence)
    assert (found.group(0) if found else None) == expected


def test_years_naming_universal_schooling_are_no_quantity():
    # gwr1978: 八年教育, 十年教育 name the schooling; the commitments are found, no 8 or 10 年.
    rows = T.extract_targets(
        "到一九八五年,在农村基本普及八年教育,在城市基本普及十年教育。", year=1978
    )
    assert [(r["value"], r["kind"]) for r in rows] == [(None, "commitment")] * 2
    # a duration outside the schooling's words is still read (gwr2006, shortened)
    rows = T.extract_targets("从今年起用两年时间,全部免除农村义务教育阶段学杂费。", year=2006)
    assert [(r["value"], r["unit"]) for r in rows] == [(2.0, "年")]


def _kinds(sentence: str, year: int, headings: list[str]) -> list:
    rows = T.extract_targets(sentence, year=year, headings=headings)
    return [(r["value"], r["kind"]) for r in rows if r["value"] is not None]


@pytest.mark.parametrize(
    ("sentence", "year", "headings", "expected"),
    [
        # a heading on how a plan was carried out is a review (gwr1982, shortened) …
        ("在斗争的震慑和政策的感召下,有四万四千八百七十四人投案自首。", 1982,
         ["六五计划前两年的执行情况"], [(44874.0, "status")]),
        # … a goal heading still decides (constructed)
        ("有四百个企业要完成技术改造。", 1982, ["六五计划的主要任务"], [(400.0, "target")]),
        # the first months of the year are past when any report is given (gwr1982, gwr1959;
        # shortened), under a goal heading too
        ("今年一月至九月,全国刑事犯罪案件的发案数比去年同期下降了百分之十五点七。", 1982,
         ["六五计划的主要任务"], [(15.7, "status")]),
        ("全国煤矿在一二两月份平均的日产量是九十六万吨。", 1959,
         ["二、一九五九年经济战线上的任务"], [(96.0, "status")]),
        # 实际 with a verb of completion reports (gwr1980, shortened); the plan figure before it
        # stays the plan's
        ("计划建成投产大中型项目118个,实际建成128个。", 1980, [],
         [(118.0, "target"), (128.0, "status")]),
        # in a review, 将 with the report's own year is this year's plan (gwr1980, shortened);
        # the years before it report
        ("这个比重,1978年为17.4%,1979年达到27%,1980年将达到29%。", 1980,
         ["一、国民经济在调整、改革、整顿、提高中取得了新的进展"],
         [(17.4, "status"), (27.0, "status"), (29.0, "target")]),
        ("在这一年中,我们将税率从17%降至13%。", 2020, ["一、2019年工作回顾"],
         [(17.0, "status"), (13.0, "status")]),
        # a status word qualifying a quoted name dates no number (gwr2014, shortened)
        ("今后一个时期,着重解决好现有“三个1亿人”问题,促进约1亿农业转移人口落户城镇。", 2014,
         [], [(1.0, "target")]),
        ("目前全国约有1亿农业转移人口。", 2014, [], [(1.0, "status")]),
    ],
)  # fmt: skip
def test_kinds_fifth_session(sentence, year, headings, expected):
    assert _kinds(sentence, year, headings) == expected
