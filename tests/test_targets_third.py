"""Issue 29, third session: rules for the error classes read on the scored ``fresh`` part.

Real sentences of the national work reports (``dev/gwr_paragraphs.csv``), the seeds or the CPC
list; "shortened" marks a real sentence cut with its words kept in order, "constructed" a form
built for the test. Each table holds forms that must be read and forms that must not.
"""

from __future__ import annotations

import pandas as pd
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
        # every unit reaching a state without 都 (gwr2010, gwr2023 in a review; shortened)
        ("尽快使所有学校的校舍、设备和师资达到规定标准。", PLAN, ["commitment"]),
        ("所有地级市实现千兆光网覆盖,所有行政村实现通宽带。", ["一、过去一年的工作"],
         ["status", "status"]),
        ("发展是硬道理,是解决我国所有问题的关键。", PLAN, []),
        # every year no less (or no more: 所有行业实现税负只减不增, gwr2017), abolition, every
        # unit covered (gwr2014, gwr2006, gwr2009)
        ("确保所有行业税负只减不增。", PLAN, ["commitment"]),
        ("各级政府都要确保农业投入只增不减。", PLAN, ["commitment"]),
        ("今年在全国彻底取消农业税。", PLAN, ["commitment"]),
        ("推进兴边富民行动覆盖所有边境县。", PLAN, ["commitment"]),
        # a whole group brought into a scheme (gwr2011); a larger share is not (seed tianjin)
        ("将“老工伤”人员纳入工伤保险制度。", PLAN, ["commitment"]),
        ("将更多非公有制经济组织从业人员纳入保障范围,减轻个人缴费负担。", PLAN, []),
        # growth in step, every year more (gwr1984, gwr1956; shortened)
        ("使国家、企业和职工三者同步增长。", PLAN, ["commitment"]),
        ("使最大多数农户的收入逐年有所增加。", PLAN, ["commitment"]),
        # the same words in a review are results (gwr2011-like, constructed); the mark of
        # what is done may sit inside the commitment's words (gwr2008, shortened)
        ("去年彻底取消了农业税。", PLAN, ["status"]),
        ("农村义务教育已全面纳入财政保障范围。", PLAN, ["status"]),
        # a goal with its duration is one numeric row, not a commitment as well (gwr1979,
        # shortened)
        ("在三年内,所有企业都要建立起强有力的领导班子。", PLAN, []),
        # a goal denied is none (gwr1986, shortened)
        ("上述三方面的改革不可能在“七五”期间全部完成。", PLAN, []),
        # more directives of conduct and attitude after 所有…都要 (gwr1998, gwr2000, gwr2002,
        # gwr2014; shortened)
        ("所有政府工作人员都要牢固树立为人民服务的思想。", PLAN, []),
        ("各级政府和所有工作人员都要有忧患意识和勤俭观念。", PLAN, []),
        ("所有机关、企业、事业单位,都要精打细算。", PLAN, []),
        ("所有公务员都要以人民利益至上。", PLAN, []),
        # checkable acts of every unit stay (gwr1982, gwr2014; shortened)
        ("所有因经营管理不善造成严重亏损的企业都必须限期转亏为盈。", PLAN, ["commitment"]),
        ("所有财政拨款的“三公”经费都要公开。", PLAN, ["commitment"]),
    ],
)  # fmt: skip
def test_commitments_third_session(sentence, headings, expected):
    assert [k for k, _ in _qualitative(sentence, headings, 2010)] == expected


def _numbers(sentence: str) -> list[tuple[float, str]]:
    rows = T.extract_targets(sentence, year=2010)
    return [(r["value"], r["unit"]) for r in rows if r["value"] is not None]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # digits set apart by the typesetter (gwr1998, shortened)
        ("基本普及九年义务教育的地区要增加到全国人口的7 2 %,再扫除3 5 0 万青壮年文盲。",
         [(72.0, "%"), (350.0, "万")]),
        # a middle dot as the decimal point (gwr1999, shortened)
        ("农村居民人均纯收入比上年实际增长4·3%,城镇居民人均可支配收入实际增长5·8%。",
         [(4.3, "%"), (5.8, "%")]),
        # 零 holds a place: 二千零十七 is 2017 (gwr1958)
        ("小学二千零十七万人。", [(2017.0, "万人")]),
        # a unit written once for two numbers (gwr2015, shortened)
        ("分别高4.2和0.7个百分点。", [(4.2, "个百分点"), (0.7, "个百分点")]),
        # 万多亿: one magnitude (gwr2018, shortened)
        ("共减轻市场主体负担3万多亿元。", [(3.0, "万亿元")]),
        # and a half (gwr1995); a reached magnitude (gwr2016); working days (gwr2023)
        ("全国实行了职工每周五天半工作制。", [(5.5, "天")]),
        ("上亿群众喜迁新居。", [(1.0, "亿")]),
        ("成千上万的人参加了劳动。", []),
        # a hundred 亿, approximately (gwr1981, shortened)
        ("还可能增加近百亿元。", [(100.0, "亿元")]),
        ("工程建设项目全流程审批时间压缩到不超过120个工作日。", [(120.0, "个工作日")]),
        # 9年以上 is a length (gwr2013); 15岁以上人口 a scope, not a quantity
        ("15岁以上人口平均受教育年限达到9年以上。", [(9.0, "年")]),
        # windows framing the number of their clause are not quantities (gwr1986, gwr2008,
        # gwr2011, gwr2016; shortened)
        ("全民所有制单位的固定资产投资总额五年为八千九百六十亿元。", [(8960.0, "亿元")]),
        ("通过普通高等学校和成人高等教育五年共培养近五百万高级专门人才。", [(500.0, "万")]),
        ("中央财政五年支出551亿元。", [(551.0, "亿元")]),
        ("实施两年新增4万亿元的投资计划。", [(4.0, "万亿元")]),
        ("近三年淘汰落后炼钢炼铁产能9000多万吨。", [(9000.0, "万吨")]),
        # one year named, a system named (gwr1958, gwr2013)
        ("文化、卫生事业,也将比上一年有进一步的发展。", []),
        ("全面实现城乡九年免费义务教育,惠及1.6亿学生。", [(1.6, "亿")]),
        # lengths and goal durations stay (gwr2012, CPC cpc15)
        ("连续两年快于城镇居民。", [(2.0, "年")]),
        ("争取在五年内增长一倍。", [(5.0, "年"), (1.0, "倍")]),
    ],
)  # fmt: skip
def test_number_forms_third_session(sentence, expected):
    assert _numbers(sentence) == expected


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        (0.3333, 0.333333, True),  # 三分之一 rounded by the list, computed by the extractor
        (0.333, 1 / 3, True),
        (4.2, 4.25, False),  # figures printed in the text are equal only when equal
        (0.465, 0.4651, False),
        (12.0, 12.0, True),
    ],
)
def test_matcher_takes_a_rounded_fraction(gold, predicted, expected):
    g = pd.DataFrame([{"doc_id": "d", "fragment": "三分之一", "value": gold, "value_high": None,
                       "unit": "分之", "kind": "status"}])  # fmt: skip
    p = pd.DataFrame([{"doc_id": "d", "sentence": "有三分之一的省", "value": predicted,
                       "value_high": None, "unit": "分之", "kind": "status", "comparator": "=",
                       "canonical_indicator": ""}])  # fmt: skip
    assert (T.match_targets(g, p)["pred_index"].iloc[0] >= 0) == expected


def _kinds(sentence: str, year: int, headings: list[str]) -> list[tuple[float, str]]:
    rows = T.extract_targets(sentence, year=year, headings=headings)
    return [(r["value"], r["kind"]) for r in rows if r["value"] is not None]


@pytest.mark.parametrize(
    ("sentence", "year", "headings", "expected"),
    [
        # last year as the base of a comparison dates nothing: a plan compared with last year
        # is still a plan (gwr2004, gwr2018-like, gwr2021; shortened)
        ("今年,中央财政安排用于“两个确保”和城市“低保”的补助资金779亿元,比去年增长11.3%。", 2004,
         ["二、2004年主要任务"], [(779.0, "target"), (11.3, "target")]),
        ("今年赤字率拟按3.2%左右安排、比去年有所下调。", 2021, ["三、2021年重点工作"],
         [(3.2, "target")]),
        ("对地方一般性转移支付增长7.8%、增幅明显高于去年。", 2021, ["三、2021年重点工作"],
         [(7.8, "target")]),
        # 去年 alone still dates a result (gwr2011-p019)
        ("农民的生产补贴资金去年达到1226亿元。", 2011, ["三、2011年的工作"], [(1226.0, "status")]),
        # an estimate of a year already past is a result (gwr1975, shortened)
        ("一九七四年农业总产值预计比一九六四年增长百分之五十一。", 1975, [], [(51.0, "status")]),
        # 计划 with its verb plans; 实际达到 reports what came of a plan (gwr1958, gwr1982;
        # shortened); 这两年中 is a review window (gwr1979, shortened)
        ("一九五八年工业总产值计划达到六百四十三亿七千万元。", 1958, [], [(6437000.0, "target")]),
        ("工农业总产值的增长速度,一九八一年计划为百分之三点七,实际达到百分之四点六。", 1982, [],
         [(3.7, "target"), (4.6, "status")]),
        ("这两年中,社会商品零售总额增长百分之十六。", 1979, [], [(16.0, "status")]),
        # the year's plan and what a plan demands (gwr1958, gwr1982, gwr1981; shortened); not
        # a five-year plan's name, the year's plan as a base, or a norm (gwr1959, gwr1956, gwr1955)
        ("一九五八年计划粮食产量三千九百二十亿斤。", 1958, [], [(3920.0, "target")]),
        ("在国民收入的分配上,要求消费部分增长5.7%。", 1981, [], [(5.7, "target")]),
        ("一九五三年全国完成的工业基本建设投资总额比较一九五二年增加了百分之九十六,一九五四年计划的工业"
         "基本建设投资总额又比一九五三年增加百分之二十八。", 1954, [], [(96.0, "status"), (28.0, "target")]),
        ("第一个五年计划期间,国家对经济和文化部门的基本建设投资总额共为四百九十三亿元。", 1959,
         ["一、第一个五年计划时期内和第二个五年计划的第一年——一九五八年的伟大成就"],
         [(493.0, "status")]),
        ("石油开业部各厂可比产品成本降低额在第一季度只完成全年计划的11%。", 1956, [],
         [(11.0, "status")]),
        ("犁铲的生产,由于犁铲的曲线不合要求,淬火后硬度达不到标准,致有百分之四十的产品是废品。", 1955,
         [], [(40.0, "status")]),
        # a window opening its clause looks ahead (gwr1982, no goal word in the heading), but
        # yields to a review heading (gwr2003, shortened); 估算为 and 准备 plan (gwr1958, gwr1994)
        ("五年内全国新建铁路铺轨二千公里,建成复线一千七百公里。", 1982,
         ["二、关于基本建设的规模、重点和企业的技术改造"], [(2000.0, "target"), (1700.0, "target")]),
        ("五年内,全国造林面积2787万公顷,封山育林3153万公顷。", 2003, ["一、过去五年的回顾"],
         [(2787.0, "status"), (3153.0, "status")]),
        ("一九五八年的社会购买力估算为四百九十四亿元左右。", 1958, [], [(494.0, "target")]),
        ("国家准备重点扶持500个商品粮大县、150个优质棉大县。", 1994, [],
         [(500.0, "target"), (150.0, "target")]),
        # 再 with a verb of doing plans (gwr2015, shortened)
        ("今年再解决6000万农村人口饮水安全问题。", 2015, [], [(6000.0, "target")]),
        # the estimate of the year under review (gwr1981, shortened; the gwr1982 form); a
        # plan's forecast 预计全年… is not this form (gwr2022, shortened)
        ("社会商品零售额今年预计将比去年增长9%。", 1981, [], [(9.0, "status")]),
        ("一九八二年预计达到三亿三千五百多万吨。", 1982, [], [(33500.0, "status")]),
        ("预计全年退税减税约2.5万亿元。", 2022, ["三、2022年政府工作任务"], [(2.5, "target")]),
        # a span begun before the document's year reports, and its 到 is no deadline (gwr1957,
        # gwr1978; shortened); a span begun in the document's year plans (constructed)
        ("从1951年到1957年,国家用于普及教育的经费将近四十九亿元,占全部文教经费的24%强。", 1957,
         [], [(49.0, "status"), (24.0, "status")]),
        ("从一九六六年到一九七六年的十一年中,仍然有三分之一的省、市、自治区,粮食产量平均每年的增长速度"
         "都在百分之四点三以上。", 1978, ["三、加快社会主义经济建设"],
         [(0.333333, "status"), (4.3, "status")]),
        ("从1986年到1990年,国民生产总值增长百分之四十四。", 1986, [], [(44.0, "target")]),
        # a weak status cue (了) under a goal heading, in a sentence dated before the document's
        # year (gwr1956, shortened)
        ("1953年只征收了351亿斤。", 1956, ["二、1956年的国家预算"], [(351.0, "status")]),
        # …以来, opening a clause, is a past marker (gwr1975, shortened); inside a modifier it
        # dates nothing (gwr1979: 建国以来一直行之有效的…制度)
        ("全国解放以来,尽管我国人口增加百分之六十,但粮食增产一点四倍。", 1975, [],
         [(60.0, "status"), (1.4, "status")]),
        # a five-year plan not yet ended in a heading is the plan; one ended, the review
        # (gwr1986, shortened; gwr2011)
        ("城乡居民的实际消费水平五年增长百分之二十七左右。", 1986,
         ["二、“七五”时期的基本任务和主要建设方针", "(三)"], [(27.0, "target")]),
        ("新增中央投资1.18万亿元。", 2011, ["一、“十一五”时期国民经济和社会发展的回顾"],
         [(1.18, "status")]),
        # headings in the imperative are programme headings (gwr1992, shortened) ...
        ("社会商品零售总额增长百分之十二点三。", 1992, ["二、抓紧有利时机,加快经济发展"],
         [(12.3, "target")]),
        # ... but weaker than a goal heading: 有 under them still reports (gwr1979-report)
        ("全国重点企业的主要工业产品质量指标和原材料消耗指标分别有百分之四十三和百分之五十五没有恢复到历史"
         "最高水平。", 1979, ["二、打好四个现代化的第一个战役"], [(43.0, "status"), (55.0, "status")]),
        # 挂钩 governs what follows it in its part of the sentence, not results listed before
        # it (gwr2012, shortened; seed-style rule sentence)
        ("连续第7年提高企业退休人员基本养老金,全年人均增加1680元;建立社会救助和保障标准与物价上涨挂钩"
         "的联动机制。", 2012, ["一、2011年工作回顾"], [(1680.0, "status")]),
        ("失业保险金标准与物价上涨挂钩,每月增发不低于30元。", 2020, [], [(30.0, "rule")]),
        # 国有企业 is a name, not 有 (gwr1999, with a number added: constructed)
        ("国有企业、城镇集体企业、私营企业、外商投资企业都要参加养老保险,覆盖率达到90%。", 1999,
         ["二、1999年的主要任务"], [(90.0, "target")]),
        # the people of the country (≥ 5 亿) are a fact; 约1亿人 is the number a goal reaches
        # (gwr1960, gwr2016; shortened)
        ("全国六亿五千万人民,意气风发,斗志昂扬。", 1960, ["二、1960年的计划"], [(65000.0, "status")]),
        ("完成约1亿人居住的棚户区和城中村改造。", 2016, ["三、2016年重点工作"], [(1.0, "target")]),
        # the size of a cohort is a given in a plan; planned enrolment is a target (gwr2017,
        # gwr2024, gwr1956; shortened)
        ("今年高校毕业生795万人,再创历史新高。", 2017, ["三、2017年重点工作任务"],
         [(795.0, "status")]),
        ("预计今年高校毕业生超过1170万人。", 2024, ["三、2024年政府工作任务"], [(1170.0, "status")]),
        ("1956年全国高等学校新招生16.3万人,在校学生将达到38万余人。", 1956, [],
         [(16.3, "unknown"), (38.0, "target")]),
        # 我国有 is a present fact even under a goal heading (gwr2022, shortened)
        ("我国有2.9亿在校学生。", 2022, ["三、2022年政府工作任务"], [(2.9, "status")]),
        # the base of a change is what there is (gwr1993, gwr1979; shortened)
        ("非常设机构由85个减为26个。", 1993, ["四、认真进行行政管理体制和政府机构改革"],
         [(85.0, "status"), (26.0, "target")]),
        ("今年政府对农业的投资比重由去年的百分之十点七提高到百分之十四。", 1979,
         ["二、打好四个现代化的第一个战役", "第一、"], [(10.7, "status"), (14.0, "target")]),
    ],
)  # fmt: skip
def test_kind_third_session(sentence, year, headings, expected):
    assert _kinds(sentence, year, headings) == expected


@pytest.mark.parametrize(
    ("paragraph", "year", "expected"),
    [
        # a year opening the paragraph frames its sentences with no cue of their own, as a
        # heading would (gwr1985-p010, shortened: 「(一)关于经济形势」 names no review)
        ("1984年,我国重点建设取得了新的进展。全年施工的更新改造项目七万四千个,全部建成的三万九千个。",
         1985, [(74000.0, "status", "paragraph"), (39000.0, "status", "paragraph")]),
        # a cue in another sentence still does not count (issue 29)
        ("城镇新增就业92万人。我们将继续扩大就业。", 2019, [(92.0, "unknown", "none")]),
        # the document's own year says nothing either way (gwr1958-p109, shortened: 大致估算为
        # dropped)
        ("在一九五八年,国家开办的学校将增加。群众自办的学校的招生人数:高中一万人。", 1958,
         [(1.0, "unknown", "none")]),
    ],
)  # fmt: skip
def test_a_date_opening_the_paragraph_frames_it(paragraph, year, expected):
    frame = pd.DataFrame([{"doc_id": "d", "paragraph_id": "d-p1", "section_path": "(一)关于经济形势",
                           "text": paragraph, "year": str(year), "group": "d"}])  # fmt: skip
    rows = T.extract_targets_from_paragraphs(frame, group_by="group")
    got = [(r.value, r.kind, r.cue_where) for r in rows.itertuples() if r.value == r.value]
    assert got == expected


def test_report_counts_unknown_rows_and_never_lists_results_as_commitments():
    # The report's targets section on rows read by the current rules: a review's result, a
    # plan's target and a row with no evidence (a 2019 news-style line). The unknown row is
    # counted; the result is not lined up with the target as a shared commitment.
    from policystudy.targets.summary import targets_summary

    t = pd.concat(
        [
            T.extract_targets_from_text(text, year=year).assign(doc_id=doc, group=group)
            for doc, group, year, text in [
                ("gwr2016", "a", 2016, "一、2015年工作回顾\n城镇新增就业1312万人。"),
                ("gwr2017", "b", 2017, "三、2017年重点工作任务\n城镇新增就业1100万人以上。"),
                ("news", "c", 2019, "城镇新增就业144.2万人。"),
            ]
        ],
        ignore_index=True,
    )
    assert list(t["kind"]) == ["status", "target", "unknown"]
    text = targets_summary({"targets": t})
    assert "1 of the 3 rows are `unknown`" in text
    assert T.shared_indicators(t).empty
