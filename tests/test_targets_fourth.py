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
