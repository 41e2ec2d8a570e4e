"""Every number form and context of issue 17 as (sentence, expected) tables.

Sentences are real: from the seed documents (data/raw), from the tune part of the development
corpus (CPC congress reports cpc11, cpc15, cpc17, cpc18), or quoted in the issue from other
governments' reports. The reviewer's errors on the seeds are pinned at the end.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from policystudy import targets as T
from policystudy.text import numbers
from policystudy.workflow import paths


def _rows(sentence: str, keys: tuple[str, ...], **context) -> list[tuple]:
    out = []
    for row in T.extract_targets(sentence, **context):
        out.append(tuple(_clean(row[k]) for k in keys))
    return out


def _clean(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else x


# --- the number grammar ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一千一百万", 11_000_000.0),
        ("四十七点三", 47.3),
        ("五点五", 5.5),
        ("十亿四千万", 1_040_000_000.0),
        ("二万八千亿", 2_800_000_000_000.0),
        ("一百一十四万亿", 114e12),
        ("两千三百", 2300.0),
        ("二〇二五", 2025.0),
        ("二0一一", 2011.0),
        ("31,150", 31150.0),
    ],
)
def test_number_grammar(text, value):
    assert numbers.parse_number(text) == value


@pytest.mark.parametrize(
    ("token", "is_number"),
    [("2.15万", True), ("3.36%", True), ("二十", True), ("５０００万", True),
     ("一卡通", False), ("养老保险", False), ("三医联动", False)],
)  # fmt: skip
def test_one_grammar_for_the_keyword_filter(token, is_number):
    assert numbers.is_number_token(token) is is_number


# --- magnitudes, Chinese numerals, percentages, fractions, tenths ---------------------------
KEYS = ("value", "value_high", "unit", "value_normalized", "comparator")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # compound magnitudes (issue: 1.3万亿斤 was read as 1.3万)
        ("粮食综合生产能力稳定在1.3万亿斤以上", [(1.3, None, "万亿斤", 1.3e12, "≥")]),
        ("国内生产总值从五十四万亿元增长到一百一十四万亿元",
         [(54.0, None, "万亿元", 54e12, "="), (114.0, None, "万亿元", 114e12, "=")]),
        # cpc18: Chinese decimal before a compound magnitude, year spelled 二0一一
        ("二0一一年国内生产总值达到四十七点三万亿元", [(47.3, None, "万亿元", 47.3e12, "=")]),
        # cpc17: bare magnitudes before a noun (unit = the multiplier)
        ("十三亿大陆同胞和两千三百万台湾同胞是血脉相连的命运共同体",
         [(13.0, None, "亿", 1.3e9, "="), (2300.0, None, "万", 2.3e7, "=")]),
        ("拥有七千多万党员", [(7000.0, None, "万", 7e7, "≥")]),
        ("城镇新增就业一千一百万人以上", [(1100.0, None, "万人", 1.1e7, "≥")]),
        ("城镇新增就业92万人", [(92.0, None, "万人", 920000.0, "=")]),
        # cpc15: 百分之 with a Chinese decimal
        ("国内生产总值年均增长百分之十二点一", [(12.1, None, "%", 12.1, "=")]),
        ("农村居民人均纯收入年均实际增长百分之五点七", [(5.7, None, "%", 5.7, "=")]),
        ("国内生产总值年均增长百分之十以上", [(10.0, None, "%", 10.0, "≥")]),
        # tenths and fractions
        ("服务业增加值占比提高两成", [(2.0, None, "成", 20.0, "=")]),
        ("不可能一成不变", []),
        # ranges (issue: 6%－6.5% with a full-width dash; 3至5年)
        ("国内生产总值增长6%－6.5%", [(6.0, 6.5, "%", 6.0, "=")]),
        ("国内生产总值增长6.5%-7%", [(6.5, 7.0, "%", 6.5, "=")]),
        ("用3至5年时间基本完成", [(3.0, 5.0, "年", 3.0, "=")]),
        ("低保标准按照上年度全体居民人均消费支出的30%至40%动态调整",
         [(30.0, 40.0, "%", 30.0, "=")]),
        # approximations
        ("城镇调查失业率5.5%左右", [(5.5, None, "%", 5.5, "≈")]),
        ("农村贫困人口减少近一亿人", [(1.0, None, "亿人", 1e8, "≈")]),
        ("社会保障卡发卡量已超过667万", [(667.0, None, "万", 6.67e6, "≥")]),
        ("新增教师1000余名", [(1000.0, None, "名", 1000.0, "≥")]),
        ("登记失业率控制在3.5%以内", [(3.5, None, "%", 3.5, "≤")]),
        # doublings: the number as written, normalised to a multiple
        ("实现人均国内生产总值到二〇二〇年比二〇〇〇年翻两番", [(2.0, None, "番", 4.0, "=")]),
        # years are time references, never quantities
        ("到二〇三五年人均国内生产总值达到中等发达国家水平", []),
        ("办好二〇〇八年奥运会、残奥会和二〇一〇年世博会", []),
        # windows and slogans (cpc tune documents)
        ("十七大以来的五年,是我们在中国特色社会主义道路上奋勇前进的五年,是我们经受住各种困难"
         "和风险考验、夺取全面建设小康社会新胜利的五年。", []),
        ("坚持四项基本原则,坚持改革开放", []),
    ],
)  # fmt: skip
def test_number_forms(sentence, expected):
    assert _rows(sentence, KEYS) == expected


# --- value type, bindingness, baseline -------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # issue: 人均预期寿命提高1岁 is a change of one year, not a life expectancy of one year
        ("人均预期寿命提高1岁", [("change", "")]),
        ("城乡居民基础养老金最低标准提高30元", [("change", "")]),
        ("单位国内生产总值能耗下降3.4%", [("change", "")]),
        ("国内生产总值增长6.6%", [("growth_rate", "")]),
        ("全市护理型床位占养老机构床位比例达到70%以上", [("share", "")]),
        ("城乡居民人均收入比2010年翻一番", [("multiple", "比2010年")]),
        ("城镇化率从52.6%提高到60%", [("share", ""), ("share", "从52.6%")]),
        ("每千常住人口医院床位数4.3张", [("level", "")]),
    ],
)  # fmt: skip
def test_value_type_and_baseline(sentence, expected):
    assert _rows(sentence, ("value_type", "baseline")) == expected


@pytest.mark.parametrize(
    ("sentence", "binding"),
    [
        ("确保普及率达100%", "确保"),
        ("公办园在园幼儿比例力争达到55%以上", "力争"),
        ("争取新增就业1万人", "争取"),
        ("基本实现法定人员全覆盖", "基本"),
        ("到2020年实现人均预期寿命接近80岁", "接近"),
        ("努力实现城乡居民收入增长6%", "努力"),
        ("全区重点人群家庭医生签约率达75%", "plain"),
    ],
)
def test_bindingness(sentence, binding):
    # Under a goal heading, so that each row is a target or commitment (binding is for those).
    rows = T.extract_targets(sentence, headings=["主要目标"])
    assert [r["binding"] for r in rows] == [binding]


# --- period and deadline resolved with the document's year -----------------------------------
@pytest.mark.parametrize(
    ("sentence", "year", "expected"),
    [
        ("今年城镇新增就业1100万人以上", 2021, ("year", 2021, 2021)),
        ("明年新增就业1万人", 2018, ("year", 2019, 2019)),
        ("今后五年,新增困难老年人家庭适老化改造1万户", 2021, ("multi-year", 2021, 2025)),
        ("到2025年,公办园在园幼儿比例力争达到55%以上", 2021, ("deadline", None, 2025)),
        ("确保到二〇二〇年实现国内生产总值比二〇一〇年翻一番", 2012, ("deadline", None, 2020)),
        ("今年一季度,全市城镇新增就业31150人", 2021, ("quarter", 2021, 2021)),
        ("每年新增就业2.15万人以上", 2018, ("annual", None, None)),
        ("常州高新区(2018~2020年)新增就业5.4万人", 2018, ("multi-year", 2018, 2020)),
    ],
)
def test_period_resolved_with_the_documents_year(sentence, year, expected):
    rows = T.extract_targets(sentence, year=year)
    assert [(r["period_type"], r["year_from"], r["year_to"]) for r in rows] == [expected]


def test_three_years_within_is_resolved_from_the_report_year():
    from policystudy.targets.context import resolve_period

    assert resolve_period("三年内", year=1992) == ("multi-year", 1992, 1995)
    assert resolve_period("“十四五”时期", year=2022) == ("multi-year", 2021, 2025)


@pytest.mark.parametrize(
    ("phrase", "year", "expected"),
    [
        # a plan named by its number, quoted or with a plan word
        ("“十三五”时期", 2016, ("multi-year", 2016, 2020)),
        ("“九五”", 1996, ("multi-year", 1996, 2000)),
        ("十二五时期", 2011, ("multi-year", 2011, 2015)),
        ("六五计划", 1982, ("multi-year", 1981, 1985)),
        ("“十五”期间", 2001, ("multi-year", 2001, 2005)),
        # numerals that hold 五 are not plans (work reports of 1954 and 1958)
        ("一九五三年全国基本建设投资", 1954, ("", None, None)),
        ("一九五五年计划", 1955, ("", None, None)),
        ("二十五万人", 1958, ("", None, None)),
    ],
)
def test_a_five_year_plan_is_named_not_read_from_a_numeral(phrase, year, expected):
    from policystudy.targets.context import resolve_period

    assert resolve_period(phrase, year=year) == expected


def test_agency_from_the_lead_unit_line():
    text = "到2020年,全区新增城镇就业5.4万人。\n牵头单位:人社局,配合单位:组织部、农业局"
    rows = T.extract_targets("到2020年,全区新增城镇就业5.4万人。", paragraph=text)
    assert [r["agency"] for r in rows] == ["人社局"]


# --- kind from context: review vs goal sections, tense, cues --------------------------------
@pytest.mark.parametrize(
    ("sentence", "context", "kind"),
    [
        # issue: reported results under 「过去一年」 are status, not targets
        ("城镇新增就业92万人", {"headings": ["一、2018年工作回顾"]}, "status"),
        ("国内生产总值增长6.6%", {"headings": ["一、过去五年的工作"]}, "status"),
        # cpc15 under its review heading
        ("国内生产总值年均增长百分之十二点一", {"headings": ["二、过去五年的工作"], "year": 1997},
         "status"),
        # goal sections and cues
        ("城镇新增就业1100万人以上", {"headings": ["2021年主要预期目标"]}, "target"),
        ("力争实现城乡居民收入增长6%", {}, "target"),
        ("我市将新增即时服务网点53家", {}, "target"),
        # completed verbs and 已
        ("全市社会保障卡发卡量已超过667万", {}, "status"),
        ("都大体上翻了一番", {}, "status"),
        # a deadline already past in the report's year reports a result
        ("到一九九六年国内生产总值年均增长百分之十二点一", {"year": 1997}, "status"),
        # a population inside a goal sentence is a present fact (cpc17)
        ("全面建成惠及十几亿人口的更高水平的小康社会", {"year": 2007}, "status"),
        # standards and formulas are rules
        ("低保标准按照上年度全体居民人均消费支出的30%至40%动态调整", {}, "rule"),
        ("自2020年1月1日起,制卡周期不超过5分钟", {}, "rule"),
    ],
)  # fmt: skip
def test_kind_from_context(sentence, context, kind):
    assert [r["kind"] for r in T.extract_targets(sentence, **context)] == [kind]


@pytest.mark.parametrize(
    ("sentence", "context", "expected"),
    [
        ("确保零就业家庭动态清零", {}, [("commitment", "确保")]),
        ("确保不出现规模性返贫", {}, [("commitment", "确保")]),
        ("所有县级公立综合医院全部建成互联网医院", {"headings": ["深入建设健康连云港"]},
         [("commitment", "plain")]),
        ("实现县区三级综合医院全覆盖,建成18个农村区域性医疗卫生中心",
         {"headings": ["深入建设健康连云港"]},
         [("commitment", "plain"), ("target", "plain")]),
        # the same words reporting an achievement are a status row with no value
        ("贫困县全部摘帽", {"headings": ["一、过去五年的工作"]}, [("status", "")]),
        # 健全覆盖 and a list of principles are not full coverage
        ("健全覆盖城乡居民的社会保障体系", {}, []),
        ("要坚持全覆盖、保基本、多层次、可持续方针", {}, []),
    ],
)  # fmt: skip
def test_qualitative_commitments_have_no_value(sentence, context, expected):
    rows = T.extract_targets(sentence, **context)
    assert [(r["kind"], r["binding"]) for r in rows] == expected
    qualitative = [r for r in rows if r["value_type"] == "other"]
    assert all(r["value"] is None and r["unit"] == "" for r in qualitative)


# --- tune-part errors of the development list, fixed by general rules -----------------------
# Each sentence is from a tune document (cpc01, cpc09, cpc11, cpc13, cpc15, cpc16, cpc17, cpc18).
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # windows 在…年…中 are time references (as 在半个多世纪中): cpc16, cpc18, cpc15
        ("在五千多年的发展中,中华民族形成了以爱国主义为核心的伟大民族精神。", []),
        ("在改革开放三十多年一以贯之的接力探索中,我们坚定不移高举中国特色社会主义伟大旗帜。", []),
        ("我军在七十年的光辉历程中,所以能够经受住各种考验,不断发展壮大。", []),
        # a number of years naming an era (as 十年内乱): cpc17
        ("面对十年“文化大革命”造成的危难局面,党的第二代中央领导集体坚持解放思想。", []),
        # a count summarising the list just given: cpc15
        ("推翻了帝国主义、封建主义、官僚资本主义三座大山,中国人民从此站起来了。", []),
        # quoted speech is read (a quoted slogan is not): cpc11 quoting Mao, 1970
        ("毛主席指出:“我的意见二百七十四个中央委员,及一千以上的高、中级在职干部都应认真看书学习。”",
         [(274.0, None, "个"), (1000.0, None, "")]),
        ("高举“三个代表”重要思想伟大旗帜", []),
        # enumerated horizons are one range; a compound duration is read in months: cpc11, cpc09
        ("毛主席还指出:“党的文艺政策应该调整一下,一年、两年、三年,逐步逐步扩大文艺节目。",
         [(1.0, 3.0, "年")]),
        ("“一、两年之内逐步活跃起来,三年、四年、五年也好嘛。”", [(1.0, 2.0, "年"), (3.0, 5.0, "年")]),
        ("其间有一年零九个月的时间,两个阶级、两条路线进行了反复的政治较量。", [(21.0, None, "个月")]),
        # round numbers with no leading digit: cpc13
        ("军队的整编和改革取得重大成就,在裁军百万的同时,革命化、现代化、正规化建设有了新的进步", [(100.0, None, "万")]),
        ("同大量落后于现代水平几十年甚至上百年的工业,同时存在", [(100.0, None, "年")]),
                # counts after 有 / 只有 are counts, not articles or names: cpc01
        ("这所学校离北京不远,有三位教员", [(3.0, None, "位")]),
        ("十人当中只有一人能看报", [(10.0, None, "人"), (1.0, None, "人")]),
        # a count announcing the list after the colon: cpc15
        ("产生了三位站在时代前列的伟大人物:孙中山、毛泽东、邓小平。", []),
    ],
)  # fmt: skip
def test_tune_quantity_forms(sentence, expected):
    assert _rows(sentence, ("value", "value_high", "unit")) == expected


@pytest.mark.parametrize(
    ("sentence", "context", "kind"),
    [
        # a length of history with no goal cue before it is a fact: cpc18, cpc11, cpc15
        ("中国特色社会主义道路,是党和人民九十多年奋斗、创造、积累的根本成就,必须倍加珍惜。",
         {"headings": ["二、夺取中国特色社会主义新胜利"], "year": 2012}, "status"),
        ("不但使拖延八年之久的中苏边界谈判毫无结果,而且不断掀起反华浪潮。",
         {"headings": ["形势和任务"], "year": 1977}, "status"),
        ("从计划经济到社会主义市场经济,近二十年的历史性转变,就是逐渐搞清楚这个根本问题的进程。",
         {"headings": ["三、邓小平理论的历史地位和指导意义"], "year": 1997}, "status"),
        ("使具有五千多年文明历史的中华民族以崭新的姿态屹立于世界民族之林。",
         {"headings": ["十二、全面提高党的建设科学化水平"], "year": 2012}, "status"),
        # ... but a goal's duration keeps its cue before it, or 内 after it: cpc15
        ("中国共产党成立一百年时,再经过十年的努力,使国民经济更加发展。", {"year": 1997}, "target"),
        # the base a goal starts from (在…的基础上) is a fact; the goal is a target: cpc15
        ("在八十年代裁减军队员额一百万的基础上,我国将在今后三年内再裁减军队员额五十万。",
         {"headings": ["七、有中国特色社会主义的文化建设"], "year": 1997}, ["status", "target"]),
        # a decided plan is a target: cpc01
        ("为此,我们决定在长辛店创办劳动补习学校,训练两千名铁路工人。", {"year": 1921}, "target"),
        # 作出决定 (a noun after the number) does not make a review fact a goal: cpc17
        ("为贯彻十六大精神,中央召开七次全会,分别就深化机构改革等重大问题作出决定和部署。",
         {"headings": ["一、过去五年的工作"], "year": 2007}, "status"),
        # 只有这样,才能…: a condition of a goal, not a reported fact: cpc11
        ("只有这样,才能团结百分之九十五以上的干部和群众。", {"year": 1977}, "target"),
        # 不要 (a prohibition) is not the modal 要 of a goal: cpc09 quoting Mao
        ("那就不要很多时间,少则几年、十几年,多则几十年,就不可避免地要出现全国性的反革命复辟。",
         {"year": 1969}, "status"),
        # a programme heading (verb first) sets goals; a programme adverb (大力) is a goal cue:
        # cpc18, cpc15
        ("办好学前教育,均衡发展九年义务教育,基本普及高中阶段教育。",
         {"headings": ["七、在改善民生和创新管理中加强社会建设", "(一)努力办好人民满意的教育"],
          "year": 2012}, "commitment"),
        ("发挥各方面的积极性,大力普及九年义务教育、扫除青壮年文盲。",
         {"headings": ["七、有中国特色社会主义的文化建设"], "year": 1997}, "commitment"),
    ],
)  # fmt: skip
def test_tune_kinds(sentence, context, kind):
    kinds = [r["kind"] for r in T.extract_targets(sentence, **context)]
    assert kinds == (kind if isinstance(kind, list) else [kind] * max(len(kinds), 1)), kinds


# --- general number and time grammar (issue 17, round 3) --------------------------------------
# Error classes named in dev/TARGETS_DEV.md, fixed as grammar, not per sentence. Sentences marked
# (tune) are from tune documents; the others are constructed to show the general form (the tune
# part has no instance), never copied from the report documents.
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a range whose second number shares the first's unit (constructed; 8到9% already read)
        ("今后五年国民生产总值平均每年增长百分之七到八。", [(7.0, 8.0, "%")]),
        ("每期平均印五至六千份", [(5.0, 6000.0, "份")]),  # not a range: 五 has no unit
        ("经济年均增长7到8%。", [(7.0, 8.0, "%")]),
        # three or more values in equal steps joined by 、 are one range (constructed)
        ("这种斗争今后还要进行五次、十次、十五次。", [(5.0, 15.0, "次")]),
        ("增长百分之五、百分之七和百分之十", [(5.0, None, "%"), (7.0, None, "%"), (10.0, None, "%")]),
        # idioms of succession are not counts (constructed)
        ("要一年接着一年干,一代接一代地传下去。", []),
        ("人民生活一年比一年好。", []),
        # eras and review periods named by their length; goal names; congress sessions
        ("我们结束了十年动乱,开始了新的历史时期。", []),
        ("新时代十年来的成就是全方位的、开创性的。", []),
        ("回顾十四年伟大实践,我们深刻认识到", []),
        ("如期实现建党一百年奋斗目标。", []),
        ("六届人大二次会议批准了这个计划。", []),
        ("提请七届全国人大第一次会议审查批准后付诸实施。", []),  # (tune) cpc13
        # units 份 and 哩; 一份 stays an article (tune: cpc11)
        ("这个刊物印数为三千份。", [(3000.0, None, "份")]),
        ("离城五十哩的一个小镇", [(50.0, None, "哩")]),
        ("姚文元还在一份宣传计划中塞进批判经验主义的内容", []),
        # a compound Chinese numeral with no unit after it is a count
        ("今年得到的经费约有一万五千,其中一千六百用于会议。", [(15000.0, None, ""), (1600.0, None, "")]),
        ("由一千五百名工人组成的游行队伍", [(1500.0, None, "名")]),  # (tune) cpc01
        # 个 before a person counts people; 个 before an idea names it
        ("在七个校务委员的帮助下", [(7.0, None, "个")]),
        ("我们坚持两个毫不动摇", []),
    ],
)  # fmt: skip
def test_general_quantity_forms(sentence, expected):
    assert _rows(sentence, ("value", "value_high", "unit")) == expected


@pytest.mark.parametrize(
    ("sentence", "context", "expected"),
    [
        # a count in 亿 of people is a population (status), even in a goal sentence
        ("中国十亿人民正在进行现代化建设和改革的伟大事业。", {"year": 1987}, ["status"]),  # (tune)
        ("要使九亿农民尽快富裕起来。", {"year": 1987}, ["status"]),
        ("让十三亿多人共享改革发展成果。", {"year": 2012}, ["status"]),
        # ... but a flow in 万人 is not
        ("城镇新增就业要达到一千万人以上。", {"year": 2012}, ["target"]),
        # a goal cue before 经过/用 makes the duration a goal's; 奋斗目标 after it too
        ("力争经过十五年的努力,基本实现现代化。", {"year": 1992}, ["target"]),
        ("争取用十年时间完成这项任务。", {"year": 1992}, ["target"]),
        ("为了实现三十年的奋斗目标,必须加快发展。", {"year": 1992}, ["target"]),
        ("经过二十八年的奋斗,建立了新中国。", {"year": 1992}, ["status"]),
        # qualitative commitments: hedged elimination, universal entitlement, area poverty
        ("到二〇三五年,基本消除劣五类水体。", {"year": 2022}, ["commitment"]),
        ("努力使全体人民享有基本医疗卫生服务。", {"year": 2012}, ["commitment"]),
        ("确保解决区域性整体贫困,做到脱真贫、真脱贫。", {"year": 2017}, ["commitment"]),
        ("合理有序的收入分配格局基本形成,中等收入者占多数,绝对贫困现象基本消除。",
         {"headings": ["四、实现全面建设小康社会奋斗目标的新要求"], "year": 2007}, ["commitment"]),  # (tune)
        ("绝对贫困现象基本消除。", {"headings": ["一、过去五年的工作"], "year": 2007}, ["status"]),
        # 碳达峰碳中和 / 碳达峰行动 are names of policies; 实现碳达峰 is the goal
        ("积极稳妥推进碳达峰碳中和,有计划分步骤实施碳达峰行动。", {"year": 2022}, []),
        ("力争二〇三〇年前实现碳达峰。", {"year": 2022}, ["commitment"]),
    ],
)  # fmt: skip
def test_general_kinds(sentence, context, expected):
    assert [r["kind"] for r in T.extract_targets(sentence, **context)] == expected


# --- the CLI: whole files, line by line, with a year ---------------------------------------
def test_cli_lines_and_year(tmp_path):
    from click.testing import CliRunner

    from policystudy.workflow.cli import main

    f = tmp_path / "t.txt"
    f.write_text("今年新增就业1万人。\n到2025年,职工参保率达到98%。\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["targets", "--lines", "--year", "2021", str(f)]).output
    header, *rows = out.splitlines()
    cols = header.split("\t")
    got = [dict(zip(cols, r.split("\t"), strict=True)) for r in rows]
    assert [(g["line"], g["value"], g["year_to"]) for g in got] == [("1", "1", "2021"),
                                                                     ("2", "98", "2025")]  # fmt: skip


def test_cli_whole_file_lists_a_repeated_commitment_once(tmp_path):
    from click.testing import CliRunner

    from policystudy.workflow.cli import main

    f = tmp_path / "t.txt"
    f.write_text("到2025年,实现智慧学校建设全覆盖。\n专栏\n到2025年,实现智慧学校建设全覆盖。\n")
    out = CliRunner().invoke(main, ["targets", str(f)]).output
    assert len(out.splitlines()) == 2


# --- the reviewer's errors on the seeds ------------------------------------------------------
@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    # Every seed document, the copy exclude_flagged sets aside included (its targets are gold).
    paragraphs = pd.concat(
        [
            pd.read_csv(
                paths.ROOT / "data" / "processed" / f"{name}.csv", dtype=str, keep_default_na=False
            )
            for name in ("paragraphs", "excluded_paragraphs")
        ],
        ignore_index=True,
    )
    found = T.drop_duplicates(T.extract_targets_from_paragraphs(paragraphs))
    from policystudy.targets.coding import assign_domains

    return assign_domains(found)


def test_reviewer_pediatrics_is_ten_medical_centres(seeds):
    row = seeds[seeds["sentence"].str.contains("建成儿科等10个医疗中心")]
    row = row[row["value"] == 10.0]
    assert row[["indicator", "value", "unit"]].values.tolist() == [["医疗中心", 10.0, "个"]]


def test_reviewer_lianyungang_targets_carry_the_five_year_horizon(seeds):
    lyg = seeds[(seeds["doc_id"] == "lianyungang") & seeds["kind"].isin(["target", "commitment"])]
    assert len(lyg) >= 9
    # Each official's 今后五年 holds for his own commentary only (issue 29): the civil-affairs
    # official who says it opens p015; the employment (p003) and health (p009) officials
    # before him state no horizon, so their targets have no period.
    para = lyg["sentence_id"].str.slice(13, 16).astype(int)
    own = lyg[para >= 15]
    assert len(own) >= 4 and set(own["period"]) == {"今后五年"}
    assert set(zip(own["year_from"], own["year_to"], strict=True)) == {(2021, 2025)}
    assert set(lyg.loc[para < 15, "period"]) == {""}


def test_reviewer_changzhou_indicators_whole_and_hedge_kept(seeds):
    cz = seeds[seeds["doc_id"] == "changzhou_xinbei"]
    legal = cz[cz["indicator"].str.contains("法定人员")]
    assert legal[["indicator", "binding", "kind"]].values.tolist()[0] == [
        "法定人员全覆盖", "基本", "commitment"]  # fmt: skip
    latrine = cz[cz["sentence"].str.contains("确保普及率达100%")]
    assert latrine["indicator"].tolist() == ["农村无害化卫生户厕普及率"]


@pytest.mark.parametrize(
    ("doc_id", "indicator_part", "value"),
    [
        ("changzhou_xinbei", "参保率", 98.0),
        ("changzhou_xinbei", "法定人员", None),
        ("changzhou_xinbei", "优质学校", 8.0),
        ("changbaishan", "智慧学校", None),
    ],
)
def test_reviewer_duplicates_are_listed_once(seeds, doc_id, indicator_part, value):
    d = seeds[(seeds["doc_id"] == doc_id) & seeds["indicator"].str.contains(indicator_part)]
    d = d[d["value"].isna()] if value is None else d[d["value"] == value]
    assert len(d) == 1 and int(d["mentions"].iloc[0]) == 2


def test_reviewer_tianjin_targets_are_not_all_general(seeds):
    tj = seeds[(seeds["doc_id"] == "tianjin_bonded") & (seeds["kind"] == "target")]
    assert {"employment", "education"} <= set(tj["domain"])
    assert (tj["domain"] == "general").sum() < len(tj) / 2


def test_reviewer_667_wan_has_a_base_unit(seeds):
    row = seeds[(seeds["doc_id"] == "dalian") & (seeds["value"] == 667.0)]
    assert row[["unit", "value_normalized", "unit_base"]].values.tolist() == [["万", 6.67e6, "个"]]


# --- the development list ---------------------------------------------------------------------
def test_dev_list_is_split_by_document_and_packaged():
    paragraphs, gold = T.read_dev()
    splits = {"tune", "report", "report2", "report3"}
    assert set(gold["split"]) == splits
    assert set(paragraphs["split"]) == splits
    # report2 is a later, blind-labelled draw from the report documents: among tune, report and
    # report2 a document's rows are all tune or all report/report2. report3 (the last unread
    # paragraphs of all 15 documents) covers tune and report documents alike.
    first = gold[gold["split"] != "report3"]
    by_doc = first.assign(part=first["split"].replace("report2", "report")).groupby("doc_id")
    assert (by_doc["part"].nunique() == 1).all()
    report_docs = set(gold.loc[gold["split"] == "report", "doc_id"])
    assert set(gold.loc[gold["split"] == "report2", "doc_id"]) <= report_docs
    # Every paragraph is in one split only, so the held-out parts share no text with the others.
    paras_of = {s: set(paragraphs.loc[paragraphs["split"] == s, "paragraph_id"]) for s in splits}
    for held_out in ("report2", "report3"):
        for other in splits - {held_out}:
            assert not paras_of[held_out] & paras_of[other], (held_out, other)
            assert not set(gold.loc[gold["split"] == held_out, "para_id"]) & paras_of[other]
    assert paragraphs["paragraph_id"].is_unique
    assert set(gold["para_id"]) <= set(paragraphs["paragraph_id"])
    # A row is in the split of its paragraph.
    split_of = dict(zip(paragraphs["paragraph_id"], paragraphs["split"], strict=True))
    assert (gold["para_id"].map(split_of) == gold["split"]).all()
    assert paragraphs["year"].str.fullmatch(r"\d{4}").all()
    # The held-out part report3 as labelled (/work/labels/targets/report3, TARGETS_DEV.md).
    r3 = gold[gold["split"] == "report3"]
    assert len(paras_of["report3"]) == 375 and len(r3) == 25
    assert list(r3["item_id"]) == [f"cpcq{i}" for i in range(282, 307)]
    assert int(r3["value"].notna().sum()) == 13
    assert set(r3["doc_id"]) & set(gold.loc[gold["split"] == "tune", "doc_id"])
    # The development corpus is fully drawn: draw orders run 1..1596 without gaps.
    assert sorted(paragraphs["draw_order"].astype(int)) == list(range(1, 1597))


def _evaluation_table(**parts):
    rows = [("n_gold", 66), ("precision", 1.0), ("recall", 1.0), ("kind_accuracy", 1.0)]
    for split, (n, p, r, k) in parts.items():
        rows += [(f"dev_{split}_n_gold", n), (f"dev_{split}_precision", p),
                 (f"dev_{split}_recall", r), (f"dev_{split}_kind_accuracy", k)]  # fmt: skip
    return pd.DataFrame(rows, columns=["metric", "value"])


def test_summary_quotes_the_blind_report3_part_when_present():
    from policystudy.targets.summary import targets_summary

    t = pd.DataFrame({"group": ["g"], "kind": ["target"], "sentence_id": ["a"]})
    ev = _evaluation_table(
        tune=(115, 0.99, 0.99, 0.99),
        report2=(41, 1.0, 0.976, 0.975),
        report3=(25, 0.6, 0.48, 0.917),
    )
    text = targets_summary({"targets": t, "targets_evaluation": ev}).split("\n\n")[-1]
    assert "precision 0.60, recall 0.48, kind accuracy 0.92" in text
    assert "25 quantities, 13 with a number and 12 qualitative" in text
    assert "blind" in text and "report3" in text
    assert "0.98" not in text and "report2" not in text
    # Without report3 the tuned-on report2 is quoted, and said to be tuned on.
    ev2 = ev[~ev["metric"].str.startswith("dev_report3_")]
    text2 = targets_summary({"targets": t, "targets_evaluation": ev2}).split("\n\n")[-1]
    assert "`report2`" in text2 and "tuned on" in text2 and "recall 0.98" in text2
    assert "blind" not in text2 and "report3" not in text2


def test_dev_tune_scores_do_not_fall():
    # The part the rules were tuned on (the report part is scored by notebook 04 only).
    scores, _ = T.evaluate_dev("tune")
    assert scores["n_gold"] == 115, scores
    assert scores["precision"] >= 0.95 and scores["recall"] >= 0.95, scores
    # Since issue 29 a quantity with no cue in its own sentence and no heading is unknown (it
    # used to take a cue from another sentence of the paragraph): 12 of the 114 matched rows.
    assert scores["kind_accuracy"] >= 0.88, scores


# --- round 4: error classes of report2, report and tune, fixed as general rules ---------------
# Sentences are from the dev paragraphs of the tune, report and report2 parts (para id given) or
# the seeds; "shortened" marks a real sentence cut with its words kept in order; "constructed"
# marks a form the dev paragraphs do not hold.
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # two adjacent numerals are an approximation (a range), not a positional number: 两三 is
        # not 23 (cpc01b-p018, cpc01b-p013); 一两件事情 is a vague amount (cpc10-p033)
        ("成立这类学校的计划是:要求所有的工会各派两名代表,每周到学校来两三次。",
         [(2.0, None, "名"), (2.0, 3.0, "次")]),
        ("关于无政府主义者,用不着多谈,因为他们在广州一共才有五、六个人,其中有三个人很快就要去法国。",
         [(5.0, 6.0, "个"), (3.0, None, "个")]),
        ("我们认为,经过二、三个月以后,这个学校定会取得很大的成绩。", [(2.0, 3.0, "个月")]),
        ("三五年内见到成效", [(3.0, 5.0, "年")]),  # constructed
        ("七八十岁的老人和十五六岁的学生", [(70.0, 80.0, "岁"), (15.0, 16.0, "岁")]),  # constructed
        ("参加集会的有七八万人", [(7.0, 8.0, "万人")]),  # constructed
        ("你那么想缓和世界局势,为什么不做一两件事情,来证明你的诚意", []),
        ("乱七八糟,三五成群", []),  # constructed: no unit, no count
        # measure words 期, 海里, 哩; a small count of 期 is a project's phase (seed changbaishan)
        ("报纸只出了二十八期,每期平均印五千至六千份。", [(28.0, None, "期"), (5000.0, 6000.0, "份")]),
        ("拉丁美洲各国人民坚持二百海里领海和经济区的斗争,都在继续前进。", [(200.0, None, "海里")]),
        ("池西区老旧小区改造提升、常青小区三期、茗园世家", []),
        # 届 is not a unit: N届 names a session (cpc09-p030)
        ("党的八届扩大的十二中全会,决定撤销刘少奇党内外一切职务。", []),
        # 一次 counts after 每… and beside another count (cpc03-p009, cpc13-p004); 一次 as an
        # article stays out
        ("《新青年》杂志以前每月出版一次,现在改为三个月出版一次。", [(1.0, None, "次"), (3.0, None, "个月")]),
        ("十二大以来,党中央召开了七次全会和一次全国代表会议,就一系列重大问题及时作出正确决策。",
         [(7.0, None, "次"), (1.0, None, "次")]),
        ("这一次转变,与过去那两次相比,历史条件有了很大的不同。", []),
        # windows and names masked; lengths of history not (cpc19-p176, cpc20-p010, cpc18-p024,
        # cpc01b-p013, cpc20-p119, cpc12-p053, cpc14-p072, cpc14-p025)
        ("站立在九百六十多万平方公里的广袤土地上,吸吮着五千多年中华民族漫长奋斗积累的文化养分",
         [(960.0, None, "万平方公里"), (5000.0, None, "年")]),
        ("中国共产党已走过百年奋斗历程。", [(100.0, None, "年")]),
        ("全党要总结十年奋斗历程的宝贵经验", []),  # shortened
        ("这个问题更是困难,因为去年一年之中,工会已增加到一百多个。", [(100.0, None, "个")]),
        ("推行草原森林河流湖泊湿地休养生息,实施好长江十年禁渔,健全耕地休耕轮作制度。", []),
        ("其他各项文化事业,也都应当分别作出发展规划,提出最近五年到十年的奋斗目标。", []),
        ("回顾十四年走过的道路,我们在工作中也发生过失误和偏差。", []),
        # counts: 代表 before a percentage (cpc10-p026), 近百 (cpc12-p078), N个是… (cpc01b-p003),
        # 两名代表 (above); not: 那两次 (cpc12-p017), an exact 十 naming a set (cpc12-p033), a count
        # spelled out next (cpc01b-p003), 四人小宗派 (cpc11-p021)
        ("因为代表百分之九十以上人民利益的一切革命者是不会容忍的。", [(90.0, None, "%")]),
        ("旧的殖民主义体系已经由于近百个前殖民地、半殖民地国家先后取得独立而瓦解了", [(100.0, None, "个")]),
        ("党执行委员会的九个委员当中,七个是无政府主义者。", [(9.0, None, "个"), (7.0, None, "个")]),
        ("在那两次转变中,当党和人民的力量遭到惨重损失", []),
        ("必须继续贯彻执行五届人大四次会议批准的十条经济建设方针。", []),
        ("而且罪名有十条之多,太过分了。", [(10.0, None, "条")]),  # (tune) cpc11-p026
        ("这时,广州产生了两个工人组织,一个是机械工人俱乐部,另一个是宽山工人俱乐部,宽山是离广州五十哩的一个小地方。",
         [(50.0, None, "哩")]),
        ("你们要注意呢,不要搞成四人小宗派呢。", []),
    ],
)  # fmt: skip
def test_round4_quantity_forms(sentence, expected):
    assert _rows(sentence, ("value", "value_high", "unit")) == expected


def test_round4_comparators():
    rows = T.extract_targets("由于近百个前殖民地、半殖民地国家先后取得独立")
    assert [(r["value"], r["comparator"]) for r in rows] == [(100.0, "≈")]


_P025 = ("需要我们尽可能地及时发现,及时纠正,而当一种错误倾向象潮水般涌来的时候,要不怕孤立,敢于反潮流。"
         "毛主席就是在党内十次路线斗争中敢于反潮流,敢于坚持正确路线的代表和导师,"
         "我们每一个同志应当向毛主席好好学习,坚持这个原则。")  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "context", "expected"),
    [
        # a modal after the number governs its own clause only, and a modal elsewhere in the
        # paragraph is no fallback cue (cpc10-p025, shortened paragraph)
        ("毛主席就是在党内十次路线斗争中敢于反潮流,敢于坚持正确路线的代表和导师,"
         "我们每一个同志应当向毛主席好好学习,坚持这个原则。",
         {"headings": ["关于粉碎林彪反党集团的胜利"], "year": 1973, "paragraph": _P025},
         ["unknown"]),  # no cue in its sentence: unknown since issue 29 (was status)
        # 一共才有 / 其中有 are status cues; a strong status cue earlier keeps 只有 a fact under a
        # goal heading (cpc01b-p013, cpc01b-p020)
        ("关于无政府主义者,用不着多谈,因为他们在广州一共才有五、六个人,其中有三个人很快就要去法国。",
         {"headings": ["三、今后意见", "2.成立工会"], "year": 1921}, ["status", "status"]),
        ("目前,只有一所学校是由我们的同志直接领导的,而很多学校是由一些与我们有联系的工人自己筹办的。",
         {"headings": ["三、今后意见", "3.成立工人学校", "2工人夜校"], "year": 1921}, ["status"]),
        # the country's area is a fact (cpc19-p176)
        ("站立在九百六十多万平方公里的广袤土地上,吸吮着五千多年中华民族漫长奋斗积累的文化养分",
         {"headings": ["十三、坚定不移全面从严治党,不断提高党的执政能力和领导水平",
                       "(八)全面增强执政本领"], "year": 2017}, ["status", "status"]),
        # how long a standing norm holds is a rule (cpc14-p024, cpc19-p088)
        ("谈话强调基本路线要管一百年,动摇不得。", {"year": 1992}, ["rule"]),
        ("保持土地承包关系稳定并长久不变,第二轮土地承包到期后再延长三十年。", {"year": 2017}, ["rule"]),
        # forecasts and assessments are status (cpc01b-p018, cpc10-p021, cpc11-p037)
        ("我们认为,经过二、三个月以后,这个学校定会取得很大的成绩。",
         {"headings": ["三、今后意见", "3.成立工人学校", "1工会学校"], "year": 1921}, ["status"]),
        ("反映这些矛盾的党内两条路线斗争将长期存在,还会出现十次、二十次、三十次,还会出林彪。",
         {"headings": ["关于粉碎林彪反党集团的胜利"], "year": 1973}, ["status"]),
        ("不赞成或者反对社会主义的是百分之十,经过工作还可能争取百分之八。", {"year": 1977},
         ["unknown", "status"]),  # 是百分之十: no marker of time (issue 29)
        # a proposal and a further change are goals; the size of the Central Committee is a fact
        # (cpc03-p003, cpc11-p086)
        ("中央委员会的成员只有五人,因此,代表会议以后,杭州委员会建议扩大中央委员会,再增加两名委员。",
         {"year": 1923}, ["status", "target"]),
        ("毛主席在一九七○年十二月指出:“我的意见二百七十四个中央委员都应程度不同地认真看书学习。",
         {"headings": ["形势和任务"], "year": 1977}, ["status"]),  # shortened
        # a list of goals announced in the sentence governs its weak status cues (cpc20-p060,
        # shortened)
        ("到二〇三五年,我国发展的总体目标是:全体人民共同富裕取得更为明显的实质性进展;"
         "广泛形成绿色生产生活方式,碳排放达峰后稳中有降,生态环境根本好转。",
         {"headings": ["三、新时代新征程中国共产党的使命任务"], "year": 2022}, ["commitment"]),
        # qualitative commitments: universal schooling without 普及 before it, a recounted
        # decision keeps its goal (cpc14-p072, cpc12-p053); 实现…省级统筹 like 全国统筹 (constructed)
        ("到本世纪末,基本扫除青壮年文盲,基本实现九年制义务教育。", {"year": 1992},
         ["commitment", "commitment"]),
        ("普及教育是建设物质文明和精神文明的重要前提,关于这一点,党中央和国务院在一九八○年就已经作出决定:"
         "全国要在一九九○年以前以多种形式基本实现初等教育的普及。", {"year": 1982}, ["commitment"]),
        ("实现基本养老保险省级统筹。", {"year": 2012, "headings": ["(四)统筹推进城乡社会保障体系建设"]},
         ["commitment"]),
        ("确保到二○二○年我国现行标准下农村贫困人口实现脱贫,贫困县全部摘帽,解决区域性整体贫困,"
         "做到脱真贫、真脱贫。", {"year": 2017}, ["commitment"] * 3),
        # not commitments: pooling as a direction (seed tianjin_bonded), an item of a list
        # (cpc12-p026, shortened), the national 温饱 milestone (cpc13-p048), a population
        # lifted out of poverty beside its number (cpc20-p020, shortened)
        ("深化养老保险制度改革,推进养老保险全国统筹。", {"year": 2018}, []),
        ("发展包括干部教育、职工教育、农民教育、扫除文盲在内的城乡各级各类教育事业。", {"year": 1982}, []),
        ("第一步,实现国民生产总值比一九八○年翻一番,解决人民的温饱问题。", {"year": 1987}, ["unknown"]),
        ("全国八百三十二个贫困县全部摘帽,近一亿农村贫困人口实现脱贫。",
         {"headings": ["一、过去五年的工作和新时代十年的伟大变革"], "year": 2022},
         ["status", "status", "status"]),
    ],
)  # fmt: skip
def test_round4_kinds(sentence, context, expected):
    assert [r["kind"] for r in T.extract_targets(sentence, **context)] == expected


def test_summary_quotes_the_blind_work_report_part_never_a_tuned_one():
    from policystudy.targets.summary import targets_summary

    t = pd.DataFrame({"group": ["g"], "kind": ["target"], "sentence_id": ["a"]})
    rows = []
    parts = {"last": (160, 170), "reserve": (523, 541), "coda": (305, 324)}
    for split, (k, n) in parts.items():
        for name in ("recall", "precision", "kind_accuracy", "commitment_recall"):
            rows += [(f"gwr_{split}_{name}", k / n), (f"gwr_{split}_{name}_k", k),
                     (f"gwr_{split}_{name}_n", n), (f"gwr_{split}_{name}_lo", 0.9),
                     (f"gwr_{split}_{name}_hi", 0.96)]  # fmt: skip
    ev = pd.DataFrame(rows, columns=["metric", "value"])
    text = targets_summary({"targets": t, "targets_evaluation": ev}).split("\n\n")[-1]
    assert "on 324 numeric quantities" in text and "0.941 (305/324, 0.90–0.96)" in text
    # `last` and `reserve` were tuned on after their one score.
    assert "170" not in text and "541" not in text
    # Without the blind part nothing from the work reports is quoted.
    alone = ev[~ev["metric"].str.startswith("gwr_coda_")]
    assert "work reports" not in targets_summary({"targets": t, "targets_evaluation": alone})
