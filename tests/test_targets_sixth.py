"""Issue 29, sixth session: kind evidence and commitment classes read on ``last`` and ``sealed``.

Real sentences of the national work reports (``dev/gwr_paragraphs.csv``, the labelled parts
only), the seeds or the CPC list; "shortened" marks a real sentence cut with its words kept in
order, "constructed" a form built for the test. Each form that must be read comes next to a form
that must not (the same words in a review, a plan already over, a goal cue that decides first).
"""

from __future__ import annotations

import pytest

from policystudy import targets as T
from policystudy.targets.commitments import COMPLETENESS
from tests.test_targets_fourth import PLAN, _qualitative

REVIEW = ["一、过去五年的工作回顾"]


def _kinds(sentence: str, year: int, headings: list[str]) -> list:
    rows = T.extract_targets(sentence, year=year, headings=headings)
    return [(r["value"], r["kind"]) for r in rows if r["value"] is not None]


@pytest.mark.parametrize(
    ("sentence", "year", "headings", "expected"),
    [
        # 共 totals; it dates nothing, so the plan's 要 decides (gwr2011, shortened) …
        ("今年要再开工建设保障性住房、棚户区改造住房共1000万套,改造农村危房150万户。", 2011, [],
         [(1000.0, "target"), (150.0, "target")]),
        # … and a window opening the sentence looks ahead (gwr1982, the sixth plan's years)
        ("五年内大学毕业生共一百五十万人。", 1982, [], [(150.0, "target")]),
        # 共有 under the heading of a plan is the plan's count (gwr1955, shortened)
        ("加上农业、林业、水利方面的,基本建设单位共有一千六百个。", 1955, ["二、第一个五年计划概要"],
         [(1600.0, "target")]),
        # a total in a review is a result by the review (gwr2008, shortened); with no heading
        # and no other cue it is unknown: 共 is no positive evidence of a past
        ("五年共为城镇居民提供各类保障性住房6500万套。", 2008, REVIEW, [(6500.0, "status")]),
        ("五年共为城镇居民提供各类保障性住房6500万套。", 2008, [], [(6500.0, "unknown")]),
        # … while the past tense beside it still reports (constructed from gwr1960)
        ("粮食产量共增加了一千二百亿斤。", 1960, [], [(1200.0, "status")]),
    ],
)  # fmt: skip
def test_a_total_is_no_tense(sentence, year, headings, expected):
    assert _kinds(sentence, year, headings) == expected


@pytest.mark.parametrize(
    ("sentence", "year", "expected"),
    [
        # a five-year plan still running in the report's year names its projects (gwr1954) …
        ("我国在第一个五年计划期间新建和改建的重大工业建设项目约有六百个。", 1954,
         [(600.0, "target")]),
        # … and its sums, also with an attributive 现有 (existing enterprises; gwr1982) …
        ("第六个五年计划期间,用于现有企业设备更新、技术改造的资金为一千三百亿元。", 1982,
         [(1300.0, "target")]),
        ("六五计划基本建设投资的重点是能源、交通建设,这方面的投资占总投资的百分之三十八点五,"
         "比过去有所提高。", 1982, [(38.5, "target")]),
        # … not a plan already over (constructed from gwr1954) …
        ("我国在第一个五年计划期间新建和改建的重大工业建设项目约有六百个。", 1959,
         [(600.0, "status")]),
        # … nor against a strong mark of the past in the sentence (constructed)
        ("第六个五年计划期间,已经建成的大中型项目有四百个。", 1985, [(400.0, "status")]),
        # 现有 as a predicate still says what there is now (gwr1982-like, constructed)
        ("全国现有大中型企业四千四百个。", 1982, [(4400.0, "status")]),
        # a plan in 有's own clause governs it (gwr1982, sealed part)
        ("这五年计划安排平均每年有财政赤字三十亿元左右。", 1982, [(30.0, "target")]),
        # … but not when a strong status cue comes first (gwr1981-like, constructed)
        ("原来计划的项目,目前只有三十个。", 1981, [(30.0, "status")]),
    ],
)  # fmt: skip
def test_a_running_plan_frames_its_figures(sentence, year, expected):
    assert _kinds(sentence, year, []) == expected


@pytest.mark.parametrize(
    ("sentence", "year", "expected"),
    [
        # a threshold sorting units into classes is a standing norm (gwr1955, shortened) …
        ("钢铁工业、汽车制造工业的投资限额为一千万元;纺织工业的投资限额为五百万元。", 1955,
         [(1000.0, "rule"), (500.0, "rule")]),
        # … a count of units above it is not (gwr1955, shortened; the plan's count by the
        # running first five-year plan)
        ("第一个五年计划期间工业基本建设的单位,在限额以上的有六百九十四个。", 1955,
         [(694.0, "target")]),
        # a hypothetical says what would follow (gwr1981, shortened) …
        ("生产成本只要降低1%,一年就可以增加收入二十亿元。", 1981,
         [(1.0, "status"), (20.0, "status")]),
        # … a goal cue still decides when there is one (constructed)
        ("只要抓紧工作,今年就要新增就业一千万人。", 2011, [(1000.0, "target")]),
    ],
)  # fmt: skip
def test_thresholds_and_hypotheticals(sentence, year, expected):
    assert _kinds(sentence, year, []) == expected


TWO_PART = ["二、“十三五”时期发展成就和“十四五”时期主要目标任务"]


@pytest.mark.parametrize(
    ("sentence", "year", "headings", "expected"),
    [
        # under a heading of a review and goals in one, a paragraph that marks nothing as done
        # is the goals' (gwr2021, shortened) …
        ("坚持农业农村优先发展,严守18亿亩耕地红线。", 2021, TWO_PART, [(18.0, "target")]),
        # … and one that marks a result is the review's (constructed from gwr2021)
        ("城镇化率已经提高到60%以上。", 2021, TWO_PART, [(60.0, "status")]),
        # 原来 (formerly) reports (gwr1958, shortened) …
        ("甘肃阿干镇煤矿原来日产量总是停留在六百吨到八百五十吨之间。", 1958,
         ["完成和超额完成一九五八年度的国民经济计划"], [(600.0, "status")]),
        # … a plan recalled with it is the plan's (constructed)
        ("原来计划达到日产八百五十吨。", 1958, [], [(850.0, "target")]),
        # what is striven for is a goal, after a result in the same sentence (gwr1958,
        # shortened) …
        ("现在日产量已经达到一千二百多吨,并且正在为日产一千五百吨奋斗。", 1958, [],
         [(1200.0, "status"), (1500.0, "target")]),
        ("职工们还提出了再超额生产煤炭十五万吨,作为奋斗目标。", 1958, [], [(15.0, "target")]),
        # … 为 alone before the number is no striving (gwr2015-like, constructed)
        ("去年为农民减轻负担一千亿元。", 2015, [], [(1000.0, "status")]),
        # the number's own clause, dated before the report, outranks a cue of an earlier clause
        # (gwr1980, shortened) …
        ("由于采取了优先保证轻工业生产的措施,1979年轻工业总产值比上年增长9.6%。", 1980, [],
         [(9.6, "status")]),
        # … and a cue in the number's own clause still decides (constructed)
        ("1979年的基础上,今年轻工业总产值要增长8%。", 1980, [], [(8.0, "target")]),
    ],
)  # fmt: skip
def test_sections_formerly_striving_and_dated_clauses(sentence, year, headings, expected):
    assert _kinds(sentence, year, headings) == expected


@pytest.mark.parametrize(
    ("sentence", "headings", "expected"),
    [
        # a year's increment held above last year's, three times in one sentence (gwr2008,
        # shortened) …
        ("今年财政支农投入的增量要明显高于上年,国家固定资产投资用于农村的增量要明显高于上年。",
         PLAN, ["commitment", "commitment"]),
        # … a growth held below another growth, or not above last year's (gwr1995, shortened) …
        ("消费基金的增长应低于经济的增长,职工收入增长应低于劳动生产率的增长。", PLAN,
         ["commitment", "commitment"]),
        ("中央财政赤字不能比上年扩大。", PLAN, ["commitment"]),
        # … but a comparison reported without a modal is no norm (constructed from gwr1995)
        ("职工收入增长低于劳动生产率的增长。", REVIEW, []),
        # paid when due (gwr2006) or put into operation on time (gwr1979; shortened) …
        ("切实保证各项社会保险金的及时支付。", PLAN, ["commitment"]),
        ("保证那些为国家急需的工程加快建设,按时投入生产。", PLAN, ["commitment"]),
        # … 及时发放 is also said of loans, a direction (gwr2000, shortened)
        ("国有银行应及时发放与国债投资项目配套的固定资产贷款。", PLAN, []),
        # every unit with a timing adverb before its state (gwr2010) …
        ("所有新建、改建、扩建燃煤机组必须同步建成并运行烟气脱硫设施。", PLAN, ["commitment"]),
        # … nowhere any new case (gwr2002, shortened) …
        ("任何地方都不得发生新的拖欠。", PLAN, ["commitment"]),
        # … all, with a short addressee before the verb (gwr2008, shortened)
        ("全国博物馆、纪念馆今明两年实现全部向社会免费开放。", PLAN, ["commitment"]),
        # a task bounded by a date, the clause ending on its completion (gwr1982, shortened) …
        ("今年冬天就要开始进行,争取明年上半年完成。", PLAN, ["commitment"]),
        # … not when only a part is to be completed (gwr1954, shortened)
        ("这些项目的大部分将在一九五八年完成。", PLAN, []),
        ("到一九八五年,争取全国大部分县普及小学教育。", PLAN, []),
        # a sentence that names the commitment a task (gwr1982, shortened); without it, and
        # with no heading, there is no evidence either way
        ("普及小学教育和初中教育,扫除青壮年中的文盲,这是全国教育战线的一项十分繁重的任务。", [],
         ["commitment", "commitment"]),
        ("普及小学教育和初中教育,扫除青壮年中的文盲。", [], ["unknown", "unknown"]),
    ],
)  # fmt: skip
def test_commitment_classes_sixth_session(sentence, headings, expected):
    assert _qualitative(sentence, headings, 1995) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("用于农村建设的增量要明显高于上年", "增量要明显高于上年"),
        ("消费基金的增长应低于经济的增长", "增长应低于经济的增长"),
        ("中央财政赤字不能比上年扩大", "赤字不能比上年扩大"),
        ("任何地方都不得发生新的拖欠", "任何地方都不得发生新的拖欠"),
        ("争取明年上半年完成", "明年上半年完成"),
        # no modal, no date: none
        ("消费基金的增长低于经济的增长", None),
        ("明年上半年完成的项目有十个", None),
    ],
)
def test_quantifier_classes_sixth_session(sentence, expected):
    found = COMPLETENESS.search(sentence)
    assert (found.group(0) if found else None) == expected


def _numbers(sentence: str, year: int) -> list:
    return [(r["value"], r["unit"]) for r in T.extract_targets(sentence, year=year)]


@pytest.mark.parametrize(
    ("sentence", "year", "expected"),
    [
        # 千分之 as 百分之, in ‰ (gwr1993, gwr1959; shortened); 千分点 as 百分点 (gwr1993)
        ("五年平均人口自然增长率控制在千分之十三左右。", 1993, [(13.0, "‰")]),
        ("只占进出口总额的千分之五。", 1959, [(5.0, "‰")]),
        ("出生率下降5个千分点。", 1993, [(5.0, "个千分点")]),
        # a currency named (gwr1964, shortened)
        # (尾数, the remainder, is a noun: its 数 is no vague 数百万)
        ("剩下的尾数一千七百万新卢布,我们将在明年还清。", 1964, [(1700.0, "万新卢布")]),
        ("还有数百万人需要安置。", 1964, []),
        # the unit written after the last of a chain of the same magnitude (gwr2023, shortened)
        ("沙化土地面积分别净减少10.6万、3.8万、3.3万平方公里。", 2023,
         [(10.6, "万平方公里"), (3.8, "万平方公里"), (3.3, "万平方公里")]),
        ("城镇新增就业1100万、城镇调查失业率5.5%。", 2023, [(1100.0, "万"), (5.5, "%")]),
        # energy counted in tons of standard coal (gwr2010, shortened)
        ("今年要新增8000万吨标准煤的节能能力。", 2010, [(8000.0, "万吨标准煤")]),
        # kilowatt-hours in 亿度 (gwr1979, shortened); a bare 两度 is "twice" (constructed)
        ("发电量由二千零三十亿度增加到二千五百六十亿度。", 1979, [(2030.0, "亿度"), (2560.0, "亿度")]),
        ("他两度访问中国。", 1979, []),
        # windows bounded by dates or named, not counted (gwr2008, gwr1981, gwr1995, gwr1993;
        # shortened) …
        ("今明两年实现全部向社会免费开放。", 2008, [(None, "")]),
        ("1979、1980两年,连续出现很大的财政赤字。", 1981, []),
        ("在过去的一年里,人员往来增加。", 1995, []),
        ("重大科技成果比上五年大幅度增加。", 1993, []),
        # … a length is still a length (constructed)
        ("粮食产量连续两年增长。", 2000, [(2.0, "年")]),
    ],
)  # fmt: skip
def test_number_forms_sixth_session(sentence, year, expected):
    assert _numbers(sentence, year) == expected


def test_family_planning_is_a_name_not_a_plan():
    # 计划生育 names a policy; its 计划 is no goal cue (gwr1993, sealed part; shortened)
    rows = T.extract_targets("计划生育成绩明显,出生率下降5个千分点。", year=1993)
    assert [(r["value"], r["kind"]) for r in rows] == [(5.0, "unknown")]
    rows = T.extract_targets("计划生育成绩明显,出生率下降5个千分点。", year=1993, headings=REVIEW)
    assert [(r["value"], r["kind"]) for r in rows] == [(5.0, "status")]


@pytest.mark.parametrize(
    ("sentence", "year", "headings", "expected"),
    [
        # last year's carry-over is money this year's budget draws on (gwr2007, gwr1956;
        # shortened) …
        ("今年拟从去年超收收入中安排500亿元设立中央预算稳定调节基金。", 2007,
         ["三、促进经济又好又快发展", "(一)坚持加强和改善宏观调控"], [(500.0, "target")]),
        # … 去年 dating a clause still reports (constructed)
        ("去年超收2573亿元。", 2007, [], [(2573.0, "status")]),
        # a stretch that starts now is still to come (gwr2006, shortened)
        ("从今年起用两年时间,全部免除农村义务教育阶段学杂费。", 2006, [], [(2.0, "target")]),
        # the country's people, in 亿, are a population (gwr2019, shortened)
        ("要牢牢端稳近14亿中国人的饭碗。", 2019, [], [(14.0, "status")]),
        # a semicolon ends what a strong status cue dates (gwr1955, shortened)
        ("合作社营工业和五年计划前已有的公私合营工业的发展速度也很快;私营工业将有一半要"
         "转变为公私合营。", 1955, ["二、第一个五年计划概要"], [(0.5, "target")]),
        ("目前,只有一所学校达到标准。", 1955, ["二、第一个五年计划概要"], [(1.0, "status")]),
    ],
)  # fmt: skip
def test_carry_overs_stretches_populations_and_semicolons(sentence, year, headings, expected):
    assert _kinds(sentence, year, headings) == expected


@pytest.mark.parametrize(
    ("sentence", "year", "expected"),
    [
        # with no cue, date or heading, a share described with 占 is the present state
        # (gwr1959, gwr1957; shortened) …
        ("我国对资本主义国家的进出口额只占资本主义世界进出口总额的千分之五。", 1959,
         [(5.0, "status")]),
        ("文盲大约占人口的70%以上。", 1957, [(70.0, "status")]),
        # … a goal cue still decides (constructed)
        ("到1985年,能源投资要占总投资的30%。", 1982, [(30.0, "target")]),
        # … and a share without 占 stays unknown (gwr1983, shortened)
        ("我国百分之八十以上的财政收入来自城市工商业。", 1983, [(80.0, "unknown")]),
    ],
)  # fmt: skip
def test_a_share_described_is_the_present_state(sentence, year, expected):
    assert _kinds(sentence, year, []) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 普及 counts for schooling only (gwr1997, gwr2025, gwr1982; shortened) …
        ("继续在全社会普及法制教育,增强法制观念和公民意识。", []),
        ("积极开展学校体育活动,普及心理健康教育。", []),
        ("要大力普及社会发展史和中国近代史、革命史的教育。", []),
        ("城市普及初中教育。", ["commitment"]),
        ("到2000年基本普及九年义务教育。", ["commitment"]),
        # … joined to a second verb it is a direction (gwr2006, shortened)
        ("要大力普及和巩固九年义务教育。", []),
        # the work of literacy is no completion (gwr1995, gwr1988; shortened), its goal is
        # (gwr2000, shortened)
        ("切实抓好基础教育,特别是九年义务教育和扫除青壮年文盲的工作。", []),
        ("实现基本扫除青壮年文盲工作的目标。", ["commitment"]),
        # a programme named by the formula (gwr2019, shortened)
        ("开展贫困地区控辍保学专项行动、明显降低辍学率。", []),
        # what benefits every person is no state reached (gwr1979, shortened)
        ("这是对全国所有人民都有利的。", []),
        # every task of the year is a composite (gwr2005, shortened)
        ("全面完成今年经济社会发展的各项任务。", []),
    ],
)
def test_commitments_that_are_not(sentence, expected):
    assert _qualitative(sentence, PLAN, 2000) == expected
