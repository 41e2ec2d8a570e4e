"""Issue 29, seventh session: forms read on the errors of ``reserve``, checked on every part.

Real sentences of the national work reports (``dev/gwr_paragraphs.csv``, the labelled parts
only), the seeds or the CPC list; "shortened" marks a real sentence cut with its words kept in
order, "constructed" a form built for the test. Each form that must be read comes next to a form
that must not.
"""

from __future__ import annotations

import pytest

from policystudy import targets as T
from policystudy.ingest import cleaning, normalize, pdftext
from policystudy.targets.typeset import repair_typesetting

REVIEW = ["一、关于过去五年的政府工作"]


def _kinds(sentence: str, year: int, headings: list[str]) -> list:
    rows = T.extract_targets(sentence, year=year, headings=headings)
    return [(r["value"], r["unit"], r["kind"]) for r in rows if r["value"] is not None]


# --- spaced digits (PDF text layers) ----------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "year", "headings", "expected"),
    [
        # gwr1998 (reserve): a space between every digit, before the unit and before the point
        ("1 9 9 7 年,城镇居民人均可支配收入达到5 1 6 0 元,五年来年均实际增长6 %;"
         "农村居民人均纯收入达到2 0 9 0 元,年均实际增长5 .4 %。", 1998, REVIEW,
         [(5160.0, "元", "status"), (6.0, "%", "status"), (2090.0, "元", "status"),
          (5.4, "%", "status")]),
        ("人口自然增长率下降到1 0 .0 6 ‰。", 1998, REVIEW, [(10.06, "‰", "status")]),
        ("平均期望寿命达到7 0 .8 岁。", 1998, REVIEW, [(70.8, "岁", "status")]),
        ("3 0 0 多个城市建立了居民最低生活保障制度。", 1998, REVIEW, [(300.0, "个", "status")]),
        ("1 9 9 7 年钢产量达到1 亿吨以上,发电装机容量达到2 .5 亿千瓦。", 1998, REVIEW,
         [(1.0, "亿吨", "status"), (2.5, "亿千瓦", "status")]),
        # gwr1998 (fresh, sealed): the plan half of the same report
        ("粮食总产量稳定在4 9 2 5 0 万吨,棉花总产量稳定在4 0 0 万吨。", 1998,
         ["二、关于1 9 9 8 年政府工作的建议"], [(49250.0, "万吨", "target"), (400.0, "万吨", "target")]),
        # gwr2007 (sealed): a blank between a decimal and its magnitude
        ("这将使农村1.5 亿中小学生的家庭普遍减轻经济负担。", 2007, [], [(1.5, "亿", None)]),
    ],
)  # fmt: skip
def test_spaced_digits_are_read_as_numbers(sentence, year, headings, expected):
    got = _kinds(sentence, year, headings)
    if expected[-1][2] is None:  # the value and unit only: the kind is another question
        got, expected = [g[:2] for g in got], [e[:2] for e in expected]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # closed up: lone digits, the point after one, the unit after one
        ("增长8 .8 %", "增长8.8%"),
        ("比1 9 8 0 年翻两番", "比1980年翻两番"),
        # left: numbers apart, digits of longer numbers, thousands grouped otherwise
        ("1、2、3", "1、2、3"),
        ("2021 2022 2023", "2021 2022 2023"),
        ("共10 2项", "共10 2项"),
        ("发布时间:2022-05-10 15:30", "发布时间:2022-05-10 15:30"),
        ("马克思·韦伯, 2018 年", "马克思·韦伯, 2018 年"),
    ],
)
def test_the_normaliser_closes_up_only_lone_digits(text, expected):
    assert repair_typesetting(text) == expected


def test_the_normaliser_and_the_cleaning_layer_read_spaced_digits_alike():
    # One grammar in two places: what the cleaning layer repairs (and audits) in a document with
    # enough evidence is what the targets normaliser reads in a sentence handed to it directly.
    lines = [
        "1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元，按可比价格计算，平均每年增长1 1 ％。",
        "去年经济增长8 ．8 ％，商品零售价格涨幅为0 ．8 ％。",
        "人口自然增长率下降到1 0 ．0 6 ‰。",
    ]
    cleaned = cleaning.clean_lines(lines)
    assert {r.reason for r in cleaned.audit} == {"spaced_digits"}
    assert [k.text for k in cleaned.kept] == [
        repair_typesetting(normalize.normalize_text(line)) for line in lines
    ]
    assert pdftext.spaced_digit_runs([normalize.normalize_text(x) for x in lines]) >= 3


# --- kind evidence ------------------------------------------------------------------------------
BUDGET = ["三、为实现1956年的国家预算而努力"]
HALF = ["二、“十三五”时期发展成就和“十四五”时期主要目标任务"]


@pytest.mark.parametrize(
    ("sentence", "year", "expected"),
    [
        # the consequent of a supposition: a modal there says what would be needed (gwr1957,
        # reserve, shortened; last: 只要降低1%,一年就可以增加收入二十亿元) …
        ("如果每个人每年增加一元钱的购买力,国家也就必须相应地增加六亿元消费资料的供应。", 1957,
         [(1.0, "元", "status"), (6.0, "亿元", "status")]),
        # … not a supposition with no consequent before the number (constructed)
        ("如果条件允许,今年要新增就业100万人。", 1957, [(100.0, "万人", "target")]),
        # a magnitude described by 相当于 is a fact (gwr1954, reserve, shortened; final: 相当于前九年总和的
        # 1.6倍; sealed: 相当于…全部房屋面积的六倍)
        ("为职工直接支付的劳动保险费、医药费、文教费和福利费平均相当于工资总额的百分之十七。", 1954,
         [(17.0, "%", "status")]),
        # the standard a programme set, also in its revised draft (gwr1958, reserve, shortened)
        ("全国已经有六十五个县、市,分别达到了全国农业发展纲要修正草案所提出的每亩生产粮食四百斤的要求。",
         1958, [(65.0, "个", "status"), (400.0, "斤", "target")]),
    ],
)  # fmt: skip
def test_suppositions_descriptions_and_programme_standards(sentence, year, expected):
    rows = T.extract_targets(sentence, year=year)
    got = [(r["value"], r["unit"], r["kind"]) for r in rows if r["value"] is not None]
    assert got == expected


@pytest.mark.parametrize(
    ("sentence", "year", "headings", "paragraph", "expected"),
    [
        # the same months of last year measure the year so far, under a budget heading too
        # (gwr1956, reserve; gwr1984, final: 今年第一季度,工业生产又比去年同期增长12%) …
        ("按照完成的投资额来比较,比去年同期增长68%,其中建筑安装工程比去年同期增长80%。", 1956,
         BUDGET, "", [(68.0, "%", "status"), (80.0, "%", "status")]),
        # … while last year as the base of a whole year's plan dates nothing (gwr1980, shortened)
        ("明年工业总产值要比去年增长8%。", 1980, [], "", [(8.0, "%", "target")]),
        # the figure of an earlier year named as the base (gwr1959, reserve) …
        ("一九五九年的工农业总产值将比一九五八年的二千零五十亿元增长百分之四十,达到二千八百七十亿元。",
         1959, [], "", [(2050.0, "亿元", "status"), (40.0, "%", "target"),
                        (2870.0, "亿元", "target")]),
        # … a noun after 的 makes the comparison a level of the same year (constructed)
        ("到2025年,森林覆盖率要比2020年的水平提高到24.1%。", 2021, [], "", [(24.1, "%", "target")]),
        # the rate in force is the base of the change (gwr2019, reserve)
        ("将制造业等行业现行16%的税率降至13%。", 2019, [], "",
         [(16.0, "%", "status"), (13.0, "%", "target")]),
        # the share of a plan done so far (gwr1956, reserve; sealed: 只完成全年计划的11%) …
        ("到5月份为止,全国基本建设投资总额完成年计划27%。", 1956, BUDGET, "",
         [(27.0, "%", "status")]),
        # … not a share to be done (constructed)
        ("今年要完成五年计划的百分之三十。", 1956, [], "", [(30.0, "%", "target")]),
        # the goals half of a review-and-goals heading says 达到 of its goals (gwr2021, reserve) …
        ("构建以国家公园为主体的自然保护地体系,森林覆盖率达到24.1%。", 2021, HALF,
         "构建以国家公园为主体的自然保护地体系,森林覆盖率达到24.1%。", [(24.1, "%", "target")]),
        # … the review half marks its results (gwr2021, reserve, shortened)
        ("城镇新增就业超过6000万人。", 2021, HALF,
         "过去五年,我国经济社会发展取得新的历史性成就。城镇新增就业超过6000万人。",
         [(6000.0, "万人", "status")]),
        # years a level is raised to are no length of history (gwr2021, reserve) …
        ("劳动年龄人口平均受教育年限提高到11.3年。", 2021, HALF,
         "劳动年龄人口平均受教育年限提高到11.3年。", [(11.3, "年", "target")]),
    ],
)  # fmt: skip
def test_kind_evidence_read_on_reserve(sentence, year, headings, paragraph, expected):
    rows = T.extract_targets(sentence, year=year, headings=headings, paragraph=paragraph)
    got = [(r["value"], r["unit"], r["kind"]) for r in rows if r["value"] is not None]
    assert got == expected


# --- commitments --------------------------------------------------------------------------------
def _commitments(sentence: str, year: int) -> list:
    # Under the heading of the year's plan, as the sentences stand in their reports.
    rows = T.extract_targets(sentence, year=year, headings=[f"三、{year}年政府工作的主要任务"])
    return [r["indicator"] for r in rows if r["value"] is None and r["kind"] == "commitment"]


@pytest.mark.parametrize(
    ("sentence", "year", "found"),
    [
        # none of a class of plant left (gwr2017, reserve) …
        ("全部淘汰地级以上城市建成区燃煤小锅炉。", 2017, True),
        # … not when hedged (constructed, as the lists' 基本淘汰)
        ("基本淘汰地级以上城市建成区燃煤小锅炉。", 2017, False),
        # every unit, with the country's scope before the quantifier (gwr2009, reserve) …
        ("农机具购置补贴覆盖到全国所有农牧业县(场)。", 2009, True),
        # … not a share of them (constructed)
        ("农机具购置补贴覆盖到全国大部分农牧业县。", 2009, False),
        # every eligible person brought in as soon as eligible (gwr2018, reserve; the seeds'
        # 符合条件的残疾人及时纳入) …
        ("新产生的贫困人口和返贫人口要及时纳入帮扶。", 2018, True),
        # … not records put into a system (the seeds: changbaishan, shortened) …
        ("建立监测台账,及时纳入监测平台,对标精准施策。", 2022, False),
        # a named task opening its sentence (gwr2019, gwr2022, reserve; final has the first as
        # a result) …
        ("完成新一轮农村电网升级改造。", 2019, True),
        ("完成国企改革三年行动任务,加快建设世界一流企业。", 2022, True),
        # … not a task described, an anaphor or a composite (the CPC list; last; reserve)
        ("完成改革和发展的繁重任务,必须保持长期和谐稳定的社会环境。", 2007, False),
        ("完成这项任务,首先要抓好农业。", 1993, False),
        ("努力完成今年经济社会发展目标任务。", 2016, False),
        # … a question asks (gwr1955, reserve, shortened) …
        ("但是,社会主义工业化和社会主义改造的事业,我们可以在第一个五年计划期间就全部完成呢?", 1955,
         False),
        # … a condition argues (gwr1955, reserve) …
        ("只有完满地做好后三年的工作,才能全部完成五年计划。", 1955, False),
        # … a result denied reports (gwr1955, reserve; final: 尚未全部完成的治淮工程)
        ("没有全部完成计划的原因是:设计所需要的基础资料的收集工作延迟了。", 1955, False),
        # … but 没有 that names who is meant denies nothing (constructed after the CPC list's
        # 尽快使尚未脱贫的农村人口解决温饱问题)
        ("要使没有住房的困难家庭全部纳入住房保障。", 2010, True),
    ],
)  # fmt: skip
def test_commitment_classes_read_on_reserve(sentence, year, found):
    assert bool(_commitments(sentence, year)) is found


# --- units --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "year", "expected"),
    [
        # the square metre of the 1950s reports (gwr1954, reserve; gwr1958, sealed: 一亿六千万平方公尺)
        ("国家为职工建筑的宿舍,一九五三年即有一千二百万平方公尺。", 1954, [(1200.0, "万平方公尺")]),
        # plate glass in standard cases (gwr2014, reserve, shortened)
        ("今年要淘汰钢铁2700万吨、平板玻璃3500万标准箱等落后产能。", 2014,
         [(2700.0, "万吨"), (3500.0, "万标准箱")]),
        # acts counted with repeats, next to plain 件 (gwr2023, reserve)
        ("提请全国人大常委会审议法律议案50件,制定修订行政法规180件次。", 2023,
         [(50.0, "件"), (180.0, "件次")]),
        # the kilowatt and the electronvolt (gwr1957, reserve, shortened)
        ("功率为7,000瓩的重水型原子反应堆和能产生二千五百万电子伏的回旋加速器。", 1957,
         [(7000.0, "瓩"), (2500.0, "万电子伏")]),
    ],
)  # fmt: skip
def test_units_read_on_reserve(sentence, year, expected):
    rows = T.extract_targets(sentence, year=year)
    assert [(r["value"], r["unit"]) for r in rows if r["value"] is not None] == expected
