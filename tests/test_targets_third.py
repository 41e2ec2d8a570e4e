"""Issue 29, third session: rules for the error classes read on the scored ``fresh`` part.

Real sentences of the national work reports (``dev/gwr_paragraphs.csv``), the seeds or the CPC
list; "shortened" marks a real sentence cut with its words kept in order, "constructed" a form
built for the test. Each table holds forms that must be read and forms that must not.
"""

from __future__ import annotations

import pytest

from policystudy import targets as T


def _qualitative(sentence: str, headings: list[str], year: int) -> list[tuple[str, str]]:
    rows = T.extract_targets(sentence, headings=headings, year=year)
    return [(r["kind"], r["indicator"]) for r in rows if r["value"] is None]


PLAN = ["二、今年的主要任务"]


@pytest.mark.parametrize(
    ("sentence", "headings", "expected"),
    [
        # every unit of a set made to reach something: 所有…都(要/应/能)… (gwr1960, gwr1984)
        ("所有的食堂都要养猪种菜。", PLAN, ["commitment"]),
        ("所有批发企业都应办成自主经营的经济实体,相互之间是平等的经济业务关系。", PLAN,
         ["commitment"]),
        # across a comma, with the time inside (gwr1978, shortened)
        ("所有企业的经济技术指标,今年内都达到本企业的历史最好水平。", PLAN, ["commitment"]),
        # every unit of a group insured (gwr1999, shortened)
        ("外商投资企业都要参加养老保险。", PLAN, ["commitment"]),
        # standing rules of conduct and directions are not goals (gwr1987, gwr1992, shortened)
        ("所有的机关、企事业单位和社会团体,都要围绕这两件大事,扎扎实实地把各项工作推向前进。",
         PLAN, []),
        ("所有的企业,特别是国营大中型企业,都要深化改革,严格管理。", PLAN, []),
        ("所有项目都要严格执行建设程序。", PLAN, []),
        # anaphora and identity (CPC cpc01, cpc12): 所有这些 / 都是 / 都将
        ("所有这一切都是易于引起革命爆发的条件。", PLAN, []),
        ("所有这些规定,都将有利于加强党的集体领导。", PLAN, []),
        # on time and in full, any verb of payment (gwr2005, gwr2002, gwr2017; shortened)
        ("确保按时足额支付职工工资。", PLAN, ["commitment"]),
        ("优先保证出口创汇多、信誉好的重点企业及时足额退税。", PLAN, ["commitment"]),
        ("专项奖补资金要及时拨付。", PLAN, ["commitment"]),
        # every year no less, abolition, every unit covered (gwr2014, gwr2006, gwr2009)
        ("各级政府都要确保农业投入只增不减。", PLAN, ["commitment"]),
        ("今年在全国彻底取消农业税。", PLAN, ["commitment"]),
        ("推进兴边富民行动覆盖所有边境县。", PLAN, ["commitment"]),
        # a whole group brought into a scheme (gwr2011); a larger share is not (seed tianjin)
        ("将“老工伤”人员纳入工伤保险制度。", PLAN, ["commitment"]),
        ("将更多非公有制经济组织从业人员纳入保障范围,减轻个人缴费负担。", PLAN, []),
        # growth in step, every year more (gwr1984, gwr1956; shortened)
        ("使国家、企业和职工三者同步增长。", PLAN, ["commitment"]),
        ("使最大多数农户的收入逐年有所增加。", PLAN, ["commitment"]),
        # the same words in a review are results (gwr2011-like, constructed)
        ("去年彻底取消了农业税。", PLAN, ["status"]),
    ],
)  # fmt: skip
def test_commitments_third_session(sentence, headings, expected):
    assert [k for k, _ in _qualitative(sentence, headings, 2010)] == expected
