"""Issue 29, fourth session: rules for the error classes read on the scored ``final`` part.

Real sentences of the national work reports (``dev/gwr_paragraphs.csv``, and paragraphs of the
same reports outside the drawn ones), the seeds or the CPC list; "shortened" marks a real
sentence cut with its words kept in order, "constructed" a form built for the test. Each table
holds forms that must be read next to forms that must not.
"""

from __future__ import annotations

import pytest

from policystudy import targets as T

PLAN = ["二、今年的主要任务"]
REVIEW = ["一、过去一年的工作回顾"]


def _qualitative(sentence: str, headings: list[str], year: int) -> list[str]:
    rows = T.extract_targets(sentence, headings=headings, year=year)
    return [str(r["kind"]) for r in rows if r["value"] is None]


@pytest.mark.parametrize(
    ("sentence", "headings", "expected"),
    [
        # every unit of an amount paid back or passed on: 全部退还, 足额退还, 全部直达 (gwr2022,
        # shortened); 全部组织起来 (gwr1979, shortened)
        ("对小微企业的存量留抵税额于6月底前一次性全部退还,增量留抵税额足额退还。", PLAN,
         ["commitment", "commitment"]),
        ("退税资金全部直达企业。", PLAN, ["commitment"]),
        ("陆续把待业人员全部组织起来进行就业训练和劳动服务。", PLAN, ["commitment"]),
        # every unit covered, said with 覆盖到 (gwr2012); every unit under one reform (gwr2019)
        ("逐步将中等职业教育免学费政策覆盖到所有农村学生。", PLAN, ["commitment"]),
        ("今年,要对所有涉企经营许可事项实行“证照分离”改革。", PLAN, ["commitment"]),
        # on time: a date that can be checked (gwr2000, shortened)
        ("新增国债投资首先用于在建项目,确保这些项目按时竣工投产。", PLAN, ["commitment"]),
        # every unit once, a balance kept (gwr1982, gwr2004; shortened)
        ("必须把现有企业整顿一遍。", PLAN, ["commitment"]),
        ("完善土地征收、征用程序和补偿机制,确保占补平衡。", PLAN, ["commitment"]),
        # 凡是…必须 is 所有…都 (gwr1983, shortened); 每个…不因…失学 (gwr2011, shortened)
        ("凡是有经营性亏损的企业必须限期做到扭亏为盈,否则坚决实行关停并转。", PLAN, ["commitment"]),
        ("无论哪个教育阶段,都要确保每个孩子不因家庭经济困难而失学。", PLAN, ["commitment"]),
        # a bounded task (gwr2011)
        ("四是完成农村三级卫生服务网络和城市社区卫生服务机构建设任务。", PLAN, ["commitment"]),
        # the formula 应保尽保 is itself a goal (gwr2015, under a heading with no goal word) ...
        ("扩大出口信用保险规模,对大型成套设备出口融资应保尽保。", ["三、把改革开放扎实推向纵深"],
         ["commitment"]),
        # ... and in a review it is what was reached (gwr2006)
        ("城市低保对象基本实现应保尽保。", ["一、去年工作回顾"], ["status"]),
        # the same words in a review report what was done (gwr2008, gwr2010; shortened)
        ("对全国农村义务教育阶段学生全部免除学杂费。", ["一、2007年工作回顾"], ["status"]),
        ("基本保障了困难家庭的孩子不因贫困而失学。", REVIEW, ["status"]),
        # not commitments: a balance with no 确保 (a direction, TARGETS.md), directives that name
        # no checkable state (constructed), a paid amount with no completeness word (gwr2022-like)
        ("国际收支基本平衡。", PLAN, []),
        ("凡是重大决策都要集体讨论。", PLAN, []),
        ("增加留抵退税资金。", PLAN, []),
    ],
)  # fmt: skip
def test_commitments_fourth_session(sentence, headings, expected):
    assert _qualitative(sentence, headings, 2011) == expected


def test_a_goals_population_and_its_commitment_are_two_rows():
    # gwr2010: the count is the population the goal reaches (a row of its own); the
    # completeness words after it are the commitment. A goal's duration stays one row
    # (在三年内,所有企业都要建立…, pinned in test_targets_third).
    rows = T.extract_targets(
        "将全国130万“老工伤”人员全部纳入工伤保险范围。", headings=PLAN, year=2010
    )
    assert [(r["value"], r["kind"]) for r in rows][1:] == [(None, "commitment")]
    assert rows[0]["value"] == 130.0


def _numbers(sentence: str) -> list[tuple[float, float | None, str]]:
    rows = T.extract_targets(sentence, year=2010)
    return [(r["value"], r["value_high"], r["unit"]) for r in rows if r["value"] is not None]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # units of transport and telephone capacity, and the 担 of old harvests (gwr1993,
        # gwr1955; shortened); not the place name 三门峡 (gwr1955, shortened)
        ("铁路货运周转量增长百分之二十三,达到11620亿吨公里。",
         [(23.0, None, "%"), (11620.0, None, "亿吨公里")]),
        ("城乡电话总容量增长1.1倍,达到2860万门。", [(1.1, None, "倍"), (2860.0, None, "万门")]),
        ("黄麻、洋麻:达到七百三十万担,增长百分之十九点七。",
         [(730.0, None, "万担"), (19.7, None, "%")]),
        ("并开始建设三门峡的水利、水力枢纽工程。", []),
        # the 千 of 千瓦 is the unit's (gwr1958, shortened)
        ("设备容量一百万千瓦左右的水电站,四十万千瓦的火电站。",
         [(100.0, None, "万千瓦"), (40.0, None, "万千瓦")]),
        # and a half of a measure of land (gwr1988, shortened)
        ("我国人均只有一亩半耕地。", [(1.5, None, "亩")]),
        # lengths: a passage of years, ahead of schedule (gwr2012, gwr1995; shortened); a
        # window before it stays a window (CPC-like, constructed)
        ("经过25年坚持不懈的努力,全面实现“两基”目标。", [(25.0, None, "年")]),
        ("“三北”防护林二期工程提前一年建成。", [(1.0, None, "年")]),
        ("前三年工作的重点是打基础。", []),
        # one of a measure for each unit (gwr2011); 一 as an article stays none (constructed)
        ("保证中小学生每天一小时校园体育活动。", [(1.0, None, "小时")]),
        ("我们有一个最重要的指标。", []),
        # a count stated as the clause's predicate (gwr1958, gwr1960; shortened); a small count
        # naming a set stays none (CPC-like)
        ("这些建设项目,在今年内可以建设完工的有四个。", [(4.0, None, "个")]),
        ("基本上消灭的危害牲畜最严重的病疫有八种,其中的牛瘟已经基本消灭。", [(8.0, None, "种")]),
        ("坚持四项基本原则。", []),
        # two horizons of one goal joined by 或者: one range (gwr1960, shortened)
        ("纲要要求分别在七年或者十二年内,基本上消灭的危害牲畜最严重的病疫有八种。",
         [(7.0, 12.0, "年"), (8.0, None, "种")]),
        # programmes named by their span or articles (gwr2018, gwr2011, gwr1960; shortened)
        ("启动新的三年棚改攻坚计划,今年开工580万套。", [(580.0, None, "万套")]),
        ("今年是医改三年实施方案的攻坚年。", []),
        ("这是四十条纲要的中心。", []),
        # a bare span opening its clause frames the clause's number (gwr1993, gwr2008); a
        # duration with no number after it in its clause stays (gwr1982-like, constructed)
        ("1992年国民生产总值接近24000亿元,五年平均每年增长百分之七点九。",
         [(24000.0, None, "亿元"), (7.9, None, "%")]),
        ("五年全国新增城镇就业5100万人。", [(5100.0, None, "万人")]),
        ("三年基本完成城市棚户区改造。", [(3.0, None, "年")]),
    ],
)  # fmt: skip
def test_number_forms_fourth_session(sentence, expected):
    assert _numbers(sentence) == expected
