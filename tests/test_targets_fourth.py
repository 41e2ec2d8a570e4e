"""Issue 29, fourth session: rules for the error classes read on the scored ``final`` part.

Real sentences of the national work reports (``dev/gwr_paragraphs.csv``, and paragraphs of the
same reports outside the drawn ones), the seeds or the CPC list; "shortened" marks a real
sentence cut with its words kept in order, "constructed" a form built for the test. Each table
holds forms that must be read next to forms that must not.
"""

from __future__ import annotations

import pandas as pd
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
        # ... and so does a result recalled with 继…之后 in a plan paragraph (gwr2007, shortened)
        ("这是继全部免除农村义务教育阶段学杂费之后,促进教育公平的又一件大事。", PLAN, ["status"]),
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
        # ... or announcing the items spelled out next (CPC, shortened)
        ("对于世界大战,有两条,“第一条,反对;第二条,不怕”。", []),
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


def _kinds(sentence: str, year: int, headings: list[str], paragraph: str = "") -> list:
    if paragraph:
        frame = pd.DataFrame([{"doc_id": "d", "paragraph_id": "d-p1", "section_path": " > ".join(headings),
                               "text": paragraph, "year": str(year), "group": "d"}])  # fmt: skip
        rows = T.extract_targets_from_paragraphs(frame, group_by="group")
        rows = rows[rows["sentence"] == sentence]
        return [(r.value, r.kind) for r in rows.itertuples() if r.value == r.value]
    rows = T.extract_targets(sentence, year=year, headings=headings)
    return [(r["value"], r["kind"]) for r in rows if r["value"] is not None]


@pytest.mark.parametrize(
    ("sentence", "year", "headings", "expected"),
    [
        # a programme's own level recounted in a sentence saying it was reached is the
        # programme's target (gwr1960, shortened) ...
        ("其中有六亿一千万亩,抗旱能力已经分别达到纲要规定的三十天,五十天和七十天的标准。", 1960, [],
         [(61000.0, "status"), (30.0, "target"), (50.0, "target"), (70.0, "target")]),
        # ... but a result measured against the plan, or a share of the plan's total, is a
        # result (gwr1959, gwr1957; shortened)
        ("其中限额以上的有九百二十一个,比计划规定的单位数多二百二十七个。", 1959, [],
         [(921.0, "status"), (227.0, "status")]),
        ("1956年全国完成了将近一百四十亿元的基本建设投资额,等于五年计划规定的投资总额的三分之一。",
         1957, [], [(140.0, "status"), (0.333333, "status")]),
        # standing provisions: a transition period, a sanction after a span, a tax bracket
        # (gwr2021, gwr1999, gwr2022; shortened)
        ("对脱贫县从脱贫之日起设立5年过渡期,保持主要帮扶政策总体稳定。", 2021,
         ["三、2021年重点工作"], [(5.0, "rule")]),
        ("对因经营管理不善而严重亏损的企业一把手,一年黄牌警告,两年予以撤换。", 1999, [],
         [(1.0, "rule"), (2.0, "rule")]),
        ("对小微企业年应纳税所得额100万元至300万元部分,再减半征收企业所得税。", 2022,
         ["三、2022年政府工作任务"], [(100.0, "rule")]),
        # a plan's level without a tax base stays a target (constructed from gwr2022)
        ("对小微企业减税100万元。", 2022, ["三、2022年政府工作任务"], [(100.0, "target")]),
        # a stretch still to come (gwr2008, shortened); a length done stays a result (gwr1995)
        ("三是从今年1月1日起,再连续三年进一步提高企业退休人员基本养老金水平。", 2008, [],
         [(3.0, "target")]),
        ("“三北”防护林二期工程提前一年建成。", 1995, ["一、1994年国内工作的回顾"], [(1.0, "status")]),
        # the level a plan raises this year's estimate to is the plan's; the estimate itself is
        # the year under review (gwr1981, gwr1980; shortened)
        ("1982年的计划,要求工农业总产值的增长速度由今年预计的3%提高到4%。", 1981, [],
         [(3.0, "status"), (4.0, "target")]),
        ("社会商品零售额今年预计将比去年增长9%。", 1981, [], [(9.0, "status")]),
        # 计划增长 plans; 留有余地 is no 有 (gwr1993)
        ("今年国民生产总值计划增长百分之八,是留有余地的。", 1993, [], [(8.0, "target")]),
        # a heading about prospects (前景) is a goal section (gwr1981, shortened)
        ("国民收入也安排为比今年增长4%左右。", 1981, ["十、统筹安排生产建设和人民生活", "(三)我国经济发展的前景"],
         [(4.0, "target")]),
        # with nothing else to go on, a fact marked later in the sentence, or 据…统计 (gwr1954,
        # gwr1960; shortened); a goal cue later does not decide (gwr1957-like, constructed)
        ("全国被淹的农田约占全国农田十分之一即一亿六千余万亩,经过排水、救苗和补种,成灾面积已经缩小一半。",
         1954, [], [(0.1, "status"), (16000.0, "status"), (0.5, "status")]),
        ("社办的农业科学试验研究组织,据十二个省的不完全统计,有七千六百九十个。", 1960, [],
         [(12.0, "status"), (7690.0, "status")]),
        # (sixth session: a hypothetical, 只要…, is read as status, as the lists label it; the
        # later goal cue still does not decide)
        ("只要我们能够再连续若干年保持百分之八至百分之九的增长率,就是了不起的成绩。", 1994, [],
         [(8.0, "status")]),
        # the count of a group a commitment covers in whole is who it covers, a present fact
        # (gwr2019, gwr2010); a goal that sets how many stays a target (gwr1998; shortened)
        ("使符合减税政策的约8000万纳税人应享尽享。", 2019, ["三、2019年政府工作任务"],
         [(8000.0, "status")]),
        ("争取今年再有1000万以上贫困人口解决温饱问题。", 1998, [], [(1000.0, "target")]),
        # after 从/由, a past year with 的 dates the value that starts a change (gwr1981,
        # shortened; 今年的二十七亿元 is this year's estimated result, as the list has it); 从…年起
        # starts a span and dates nothing (constructed)
        ("财政赤字从1979年的一百七十亿元、1980年的一百二十七亿元,预计降低到今年的二十七亿元。", 1981,
         [], [(170.0, "status"), (127.0, "status"), (27.0, "status")]),
        ("从2020年起,每年新增学位5000个。", 2021, [], [(5000.0, "unknown")]),
    ],
)  # fmt: skip
def test_kinds_fourth_session(sentence, year, headings, expected):
    assert _kinds(sentence, year, headings) == expected


# gwr1958: the capital construction plan lists projects with 有 and 共计 in a paragraph about
# this year's work that reports nothing as done; the same list in a paragraph with a result
# (了) is read as written (constructed from it).
PLAN_LIST = (
    "化学工业。化学工业部有二十三个建设项目,地方有十九个建设项目,共计四十二个。"
    "这些建设项目,在今年内可以建设完工的有四个。"
)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (PLAN_LIST, [(23.0, "target"), (19.0, "target"), (42.0, "target")]),
        (
            PLAN_LIST + "去年已经建成了三个。",
            [(23.0, "status"), (19.0, "status"), (42.0, "status")],
        ),
    ],
)
def test_a_plan_paragraph_frames_its_lists(paragraph, expected):
    sentence = "化学工业部有二十三个建设项目,地方有十九个建设项目,共计四十二个。"
    assert _kinds(sentence, 1958, ["第一、关于基本建设"], paragraph) == expected
