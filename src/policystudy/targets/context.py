"""Context of a quantity: kind, how binding, value type, baseline, period and deadline, agency.

The kind comes from the sentence first (cues nearest the number), then from the paragraph and
the trail of section headings: a number under 「过去五年的工作」 with no cue of its own is a
reported ``status``; under 「主要目标」 it is a ``target``. Years are resolved with the
document's year (from the manifest): 今年, 明年, 今后五年, 三年内, 到二〇二〇年.

Examples
--------
>>> resolve_period("今后五年", year=2021)
('multi-year', 2021, 2025)
>>> resolve_period("到二〇二〇年", year=2012)
('deadline', None, 2020)
>>> binding("力争到2025年达到55%以上")
'力争'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from policystudy.targets.commitments import COMPLETENESS
from policystudy.text import numbers

# --- regexes -----------------------------------------------------------------------------------
_YEAR = numbers.YEAR
_CN = numbers.CN_NUMERAL_CHARS
_DEADLINE = re.compile(
    rf"(?:到|至|于|截止到|力争到|争取到|在)\s*(?P<y1>{_YEAR})\s*年(?:底|末)?(?:前)?"
    rf"|(?P<y2>{_YEAR})\s*年(?:底|末)?\s*(?:前|以前|之前)"
    r"|(?:到|至)本世纪末"
)
_PERIOD = re.compile(
    rf"(?P<span>(?P<a>{_YEAR})\s*(?:[~\-—–至到])\s*(?P<b>{_YEAR})\s*年)"
    # A plan named by its number (“十四五”, 六五计划, 十五期间) is quoted or followed by a plan word:
    # bare, 一九五 of 一九五三年 and 二十五 of 二十五万人 would read as the 19th and 25th plans.
    r"|(?P<fyp>(?<![〇零一二两三四五六七八九十百千万亿\d])"
    r"(?:“(?P<fypn>[十一二三四五六七八九]{1,2})五”(?:时期|期间|规划|计划)?"
    r"|(?P<fypb>[十一二三四五六七八九]{1,2})五(?:时期|期间|规划|计划))"
    # 第六个五年计划 (1982), 第一个五年计划期间 (1954): the plan named by its ordinal.
    r"|第(?P<fypo>[十一二三四五六七八九]+)个五年(?:计划|规划))"
    rf"|(?P<next>(?:今后|未来)(?P<n>[{_CN}\d]+)年)"
    rf"|(?P<within>(?<![今后未来])(?P<m>[{_CN}\d]+)年(?:之)?内)"
    rf"|(?P<recent>近(?P<r>[{_CN}\d]+)年来)"
    r"|(?P<this>今年|本年度|当年)|(?P<nexty>明年)|(?P<last>去年|上年(?!度))"
    r"|(?P<quarter>[一二三四]季度|上半年|前三季度)"
    r"|(?P<annual>每年|年均|(?<![上本])年度)"
)
_OPENING = re.compile(
    r"(?:今年|去年|明年|本年)?(?:[一二三四]季度|上半年|下半年|前三季度)|今年|去年|明年"
)
_QUARTER = re.compile(r"[一二三四]季度|上半年|下半年|前三季度")
# Headings of review sections and of goal sections.
# 「一、国民经济在调整、改革、整顿、提高中取得了新的进展」 (gwr1980): a heading in the completed
# aspect says what was done.
_REVIEW_HEADING = re.compile(
    r"过去|回顾|[一二三四五六七八九十\d]+年来|一年来|总结|成就|去年|工作和|变革|取得了|有了"
    # 「六五计划前两年的执行情况」 (gwr1982): how a plan was carried out is a review of it.
    r"|(?:执行|完成|实施)(?:的)?情况"
)
_GOAL_HEADING = re.compile(
    r"目标|今后|未来|展望|前景|计划|部署|今年|明年|预期|主要任务|建议|到\s*(?:19|20)\d{2}年"
)
# A programme heading opens with what is to be done (「(一)努力办好人民满意的教育」,
# 「八、提高保障和改善民生水平」): the section sets goals.
_PROGRAMME_HEADING = re.compile(
    r"^(?:[(]?[一二三四五六七八九十\d]+[)、.]\s*)?(?:努力|加强|加快|推进|推动|坚持|深化|完善|健全|促进"
    r"|提高|实施|构建|建设|全面|大力|积极|扩大|维护|巩固|发展|办好|培育|弘扬|繁荣|开创|拓展|丰富|决胜"
    r"|深入|突出|强化|着力|持续|不断|全力|切实|进一步|打造|统筹"
    # 「二、打好四个现代化的第一个战役」, 「二、抓紧有利时机,加快经济发展」, 「四、认真进行…改革」.
    r"|打好|抓紧|抓住|搞好|做好|认真|继续|集中)"
)
# 基本 hedges a verb (基本实现, 基本建成); in 城乡基本养老 it names the basic insurance.
_BINDING = re.compile(
    r"确保|力争|争取|努力|接近"
    r"|基本(?:上)?(?=实现|建成|形成|消除|普及|解决|达到|满足|完成|覆盖|稳定|同步|平衡|扫除|查清|健全|建立)"
)
_CHANGE_VERB = re.compile(
    r"(?P<growth>年均增长|增长|增速|递增|增幅)|(?P<change>提高|增加|下降|降低|减少|提升|上升|缩小|"
    r"缩短|扩大|延长|裁减|裁军|减少了|增加了)"
)
_LEVEL_VERB = re.compile(r"(?:提高|增加|增长|提升|上升|下降|降低|减少)(?:到|至)\s*$")
_SHARE = re.compile(r"率|比例|比重|占比|覆盖面|份额|占")
_BASELINE = re.compile(
    rf"从\s*[^,;。]{{0,12}}?(?=(?:提高|增加|增长|提升|上升|下降|降低|减少|扩大)(?:到|至))|比\s*(?:{_YEAR})\s*年|比上年|比去年"
)
_AGENCY = re.compile(r"(?:牵头单位|责任单位|牵头部门)\s*[::]\s*(?P<agency>[^,;。)]+)")
# Qualitative commitments: a complete, checkable goal with no number.
COMMITMENT = re.compile(
    # 普及教育是…前提 names the policy (a topic), not a goal; 包括…扫除文盲在内的…教育事业
    # lists a kind of schooling.
    # 普及 counts for schooling only (普及法制教育, 普及心理健康教育 spread knowledge: no
    # checkable state); 扫除文盲的工作 / 运动 names the work, not its completion.
    r"(?<!健)全覆盖(?!、)|动态清零"
    # (普及和巩固 joins a second verb, a direction)
    r"|(?<!加快)(?:基本)?普及(?!和)[^,;。]{0,6}?(?:(?:小学|初中|中学|高中|初等|中等|义务|年|学前)"
    r"[^,;。]{0,4}?教育(?!是|步伐)|高中)"
    r"|扫除[^,;。]{0,8}?文盲(?!在内|的?(?:工作|运动)(?!的?目标))"
    # 实现…全国统筹 / 省级统筹: pooling reached at a level (…统筹制度 is a system to improve).
    # Only with 实现: the seed list does not list 推进养老保险全国统筹 (a direction of travel).
    r"|实现[^,;。]{0,20}?全国统筹(?!制度)"
    # 基本实现九年制义务教育, 基本实现初等教育的普及: universal schooling without the word 普及
    # before it (as 普及九年义务教育).
    r"|(?:基本)?实现[^,;。]{0,4}?(?:[\d一二三四五六七八九十]+年制?)?义务教育|实现[^,;。]{1,30}?的普及(?=[,;。]|$)"
    # 解决农村贫困人口的温饱问题 (a group's) is a goal; 解决人民的温饱问题 is the national
    # milestone, a composite like 小康 (not listed).
    r"|基本查清|(?<!由)解决(?!人民|了人民)[^,;。]{0,14}?温饱(?:问题)?|(?<![亿万])(?<![亿万]农村)贫困人口(?:全部|全面)?实现脱贫"
    r"|不(?:发生|出现)[^,;。]{0,10}?(?:风险|返贫|事件|事故)(?:底线)?"
    # 实现碳达峰 is a goal; 碳达峰碳中和 / 碳达峰行动 name a policy.
    r"|达峰(?!、?碳中和|行动|方案|工作)"
    r"|消除(?:绝对)?贫困|(?<!由)解决(?:了)?(?:温饱|绝对贫困)"
    # 基本消除重污染天气 (a hedged elimination), 全体老年人享有…, 解决区域性整体贫困.
    r"|基本消除[^,;。]{1,12}|[^,;。]{2,12}基本消除(?=[,;。]|$)|全体[^,;。]{0,6}?享有"
    r"|解决[^,;。]{0,6}?整体(?:性)?贫困"
    # Issue 29: income in step with the economy (居民收入增长和经济增长基本同步), payment on
    # time and in full, every eligible person covered, a standard to apply, a bounded task.
    r"|(?:收入|报酬|消费水平)[^,;。]{0,20}?同步(?:增长)?"
    r"|确保[^,;。]{0,10}?及时到位"
    r"|控辍保学(?!工作机制|专项行动|行动)"
    r"|所有[^,;。]{0,10}?(?:均|都)[^,;。]{0,10}?配齐[^,;。]{0,8}"
    r"|确保[^,;。]{0,20}?纳入[^,;。]{1,16}|符合条件的[^,;。]{0,20}?(?:纳入|得到)[^,;。]{1,16}"
    r"|(?<![、,])按[^,;。按]{1,6}?标准(?:执行|发放)"
    r"|(?:实现|落实)[^,;。]{0,12}?省级统(?:收统支|筹)(?!制度)|完成[^,;。]{0,30}?(?:改革|建设)任务"
    # 在所有定点医院能持卡看病 (gwr2019): every unit served.
    r"|所有(?![制权者])[^,;。]{1,10}?能(?!力)[^,;。]{2,10}"
    # Every unit of a group insured (外商投资企业都要参加养老保险).
    r"|都(?:要|应当?|必须)参加[^,;。]{0,10}?保险"
    # Paid when due (要及时拨付); in full and on time with any verb is in the grammar below.
    r"|及时拨付(?:到位)?"
    # Every unit once (把现有企业认真整顿一遍), a balance kept (确保占补平衡: farmland taken =
    # farmland added; 确保…收支平衡).
    r"|把[^,;。]{1,20}?(?:整顿|清理|清查|检查|轮训|培训|普查)一遍|确保[^,;。]{0,10}?平衡(?=[,;。]|$)"
    # Every year no more (只减不增), an evil removed (彻底消除), a whole group brought into a
    # scheme (“老工伤”人员纳入工伤保险制度; not 将更多…人员纳入: a share, read from the clause's
    # start), growth in step (三者同步增长).
    r"|只减不增|彻底消除[^,;。]{1,10}"
    r"|(?<![^,;:。])(?:(?!更多|部分|一批|一些)[^,;:。]){0,24}?纳入[^,;。]{0,8}?(?:保险|保障)(?:制度|范围|体系)?"
    r"|同步增长"
    # The completeness quantifiers and the actions they govern, as a grammar (全部免征, 按期偿还,
    # 所有…都要公开, 投入高于上年): ``commitments.COMPLETENESS``.
    rf"|{COMPLETENESS.pattern}"
)

# A commitment denied in its clause (不可能…全部完成, 难以全部纳入) is none; so is one said of a
# part only (这些项目的大部分将在一九五八年完成, 全国大部分县普及…: not complete; 绝大部分 and
# 最大多数, nearly all, stay).
# (没有全部完成计划的原因是: a result denied, in a review; 没有 right before the quantifier
# only (one character: the search stops there): 使尚未脱贫的人口…, 没有住房的家庭… name who
# is meant)
NEGATED_GOAL = re.compile(
    r"不可能|不能|难以|无法|未能|没有(?=[全彻按如足及])"
    r"|(?<![最绝])大部分|一部分|(?<![最绝])大多数"
)
# A question (…我们可以在第一个五年计划期间就全部完成呢?) or a condition (只有…,才能全部完成…)
# asks or argues; it commits to nothing.
ASKED = re.compile(r"(?:呢|吗)\?$")
CONDITION = re.compile(r"只有[^。]*?才能")
# 应保尽保、应养尽养: the complete-coverage formula, also inside quotes (read on the raw text).
COMMITMENT_QUOTED = re.compile(r"应(.)尽\1(?:、应(.)尽\2)*")
KIND_TARGETS = ("target", "commitment")


@dataclass(frozen=True)
class Context:
    """What the extractor knows around a sentence.

    Attributes
    ----------
    year : int or None
        The document's year (manifest), anchoring 今年, 明年, 今后五年.
    headings : tuple of str
        The trail of section headings above the paragraph, outermost first.
    paragraph : str
        The whole paragraph (normalised), for cues outside the sentence.
    horizon : str
        The document's planning horizon as written (今后五年, 2018~2020年), for targets that
        state no period of their own.
    """

    year: int | None = None
    headings: tuple[str, ...] = field(default_factory=tuple)
    paragraph: str = ""
    horizon: str = ""

    def heading_kind(self) -> str:
        """``status`` under a review heading, ``target`` under a goal heading, else ``""``."""
        return self.heading_evidence()[0]

    def heading_evidence(self) -> tuple[str, str, str]:
        """Kind given by the heading trail, the heading that gives it and where it sits.

        The innermost heading that names a goal (目标, 计划, 今年, a year not before the
        document's) or a review (回顾, 过去, 五年来, a year before the document's) decides;
        where is ``heading`` for the innermost heading, ``section`` for an enclosing one. A
        heading that only opens with a programme verb (加强, 推进) says what is to be done
        unless an enclosing heading is a review: 「一、2008年工作回顾 > (三)积极推进改革开放」
        reports what was done.

        Examples
        --------
        >>> Context(year=2009, headings=("一、2008年工作回顾", "(三)积极推进改革开放")).heading_evidence()
        ('status', '一、2008年工作回顾', 'section')
        >>> Context(year=2016, headings=("三、2016年重点工作",)).heading_evidence()
        ('target', '三、2016年重点工作', 'heading')
        """
        programme = None
        last = len(self.headings) - 1
        for i in range(last, -1, -1):
            heading = self.headings[i]
            where = "heading" if i == last else "section"
            if _REVIEW_HEADING.search(heading):
                return "status", heading, where
            if _GOAL_HEADING.search(heading):
                return "target", heading, where
            dated = _heading_year_kind(heading, self.year)
            if dated:
                return dated, heading, where
            if programme is None and _PROGRAMME_HEADING.search(heading):
                programme = ("target", heading, where)
        return programme or ("", "", "")


def names_goal(heading: str, year: int | None) -> bool:
    """Whether a heading names a goal outright (目标, 今年, a year or plan not past), as opposed to
    a programme heading that only opens with a verb (「二、打好四个现代化的第一个战役」).

    Examples
    --------
    >>> names_goal("三、2016年重点工作", 2016), names_goal("二、打好四个现代化的第一个战役", 1979)
    (True, False)
    """
    return bool(_GOAL_HEADING.search(heading)) or _heading_year_kind(heading, year) == "target"


def _heading_year_kind(heading: str, year: int | None) -> str:
    # 「二、2010年主要任务」 in the 2010 report is the plan; 「一、2009年的工作」 the review.
    if year is None:
        return ""
    parsed = [numbers.parse_year(m.group(0)[:-1].strip()) for m in _HEADING_YEAR.finditer(heading)]
    years = [y for y in parsed if y is not None]
    # 「二、“七五”时期的基本任务」 in the 1986 report: a five-year plan not yet ended is the plan.
    years += [
        resolve_period(m.group(0), year=year)[2] or 0 for m in _HEADING_PLAN.finditer(heading)
    ]
    if not years:
        return ""
    return "status" if max(years) < year else "target"


_HEADING_YEAR = re.compile(rf"(?:{_YEAR})\s*年")
_HEADING_PLAN = re.compile(r"“?[一二三四五六七八九十]+五”?(?:时期|期间|计划|规划)")


def resolve_period(text: str, *, year: int | None) -> tuple[str, int | None, int | None]:
    """Period type and years (first, last) of a time phrase, with the document's ``year``.

    Period types: ``deadline`` (到2025年), ``year`` (今年, 明年), ``quarter`` (一季度),
    ``annual`` (每年, 年均), ``multi-year`` (今后五年, 三年内, 2018~2020年, 十四五).

    Examples
    --------
    >>> resolve_period("三年内", year=1992), resolve_period("“十四五”时期", year=2022)
    (('multi-year', 1992, 1995), ('multi-year', 2021, 2025))
    >>> resolve_period("第六个五年计划期间", year=1982)
    ('multi-year', 1981, 1985)
    >>> resolve_period("一九五三年全国基本建设投资", year=1954), resolve_period("二十五万人", year=1958)
    (('', None, None), ('', None, None))
    >>> resolve_period("今年一季度", year=2021), resolve_period("明年", year=2018)
    (('quarter', 2021, 2021), ('year', 2019, 2019))
    """
    m = _DEADLINE.search(text)
    if m:
        y = m.group("y1") or m.group("y2")
        if y is None:
            return "deadline", None, 2000
        return "deadline", None, numbers.parse_year(y)
    m = _PERIOD.search(text)
    if not m:
        return "", None, None
    quarter = _QUARTER.search(text)
    if quarter:
        # 今年一季度 / 去年上半年: the part of the year wins over the year.
        anchor = None if year is None else year - 1 if "去年" in text else year
        return "quarter", anchor, anchor
    if m.group("span"):
        return "multi-year", numbers.parse_year(m.group("a")), numbers.parse_year(m.group("b"))
    if m.group("fyp"):
        n = int(numbers.parse_number(m.group("fypn") or m.group("fypb") or m.group("fypo")))
        start = 1966 + 5 * (n - 3) if n >= 3 else 1953 + 5 * (n - 1)
        return "multi-year", start, start + 4
    if year is None:
        kind = next(k for k in ("next", "within", "recent", "this", "nexty", "last", "quarter",
                                "annual") if m.group(k))  # fmt: skip
        return {"next": "multi-year", "within": "multi-year", "recent": "multi-year", "this": "year", "nexty": "year",
                "last": "year", "quarter": "quarter", "annual": "annual"}[kind], None, None  # fmt: skip
    if m.group("next"):
        n = int(numbers.parse_number(m.group("n")))
        return "multi-year", year, year + n - 1
    if m.group("within"):
        n = int(numbers.parse_number(m.group("m")))
        return "multi-year", year, year + n
    if m.group("this"):
        return "year", year, year
    if m.group("nexty"):
        return "year", year + 1, year + 1
    if m.group("last"):
        return "year", year - 1, year - 1
    if m.group("recent"):
        # 近5年来 in a 2021 text: the five years before it, 2016-2020.
        n = int(numbers.parse_number(m.group("r")))
        return "multi-year", year - n, year - 1
    if m.group("quarter"):
        return "quarter", year, year
    return "annual", None, None


# What holds for the whole sentence is read once per sentence, not once per quantity in it.
@functools.lru_cache(maxsize=64)
def _deadlines(sentence: str) -> list[re.Match[str]]:
    return list(_DEADLINE.finditer(sentence))


@functools.lru_cache(maxsize=64)
def _periods(sentence: str) -> list[re.Match[str]]:
    return list(_PERIOD.finditer(sentence))


@functools.lru_cache(maxsize=64)
def _sentence_times(sentence: str) -> list[re.Match[str]]:
    # Deadlines; 今后五年, 2018~2020年 and 三年内, which set the horizon of the whole sentence
    # like a deadline; 今年一季度,…: a time phrase opening the sentence dates all of it.
    spans = [
        m for m in _periods(sentence) if m.group("next") or m.group("span") or m.group("recent")
    ]
    opening = _OPENING.match(sentence)
    return _deadlines(sentence) + spans + ([opening] if opening else [])


def period_phrase(sentence: str, start: int, end: int) -> str:
    """The time phrase that governs the quantity at ``start:end`` (nearest before, else after)."""
    # A period word (每年, 今年) governs its own clause; a deadline (到2025年) the sentence.
    lo = max((sentence.rfind(c, 0, start) for c in ",;:"), default=-1) + 1
    hi = min((i for i in (sentence.find(c, end) for c in ",;:") if i >= 0), default=len(sentence))
    if lo == 0 and hi == len(sentence):
        # One clause (a sentence without commas): the sentence's matches, read once.
        local = _periods(sentence) + _deadlines(sentence)
    else:
        local = [m for m in _PERIOD.finditer(sentence, lo, hi)] + [
            m for m in _DEADLINE.finditer(sentence, lo, hi)
        ]
    for found in (local, _sentence_times(sentence)):
        before = [m for m in found if m.end() <= start]
        if before:
            return max(before, key=lambda m: (m.end(), -m.start())).group(0).strip()
        after = [m for m in found if m.start() >= end]
        if after:
            return min(after, key=lambda m: m.start()).group(0).strip()
    return ""


def deadline(sentence: str, start: int, end: int) -> str:
    """The deadline phrase as written (到2025年, 2020年底前), nearest before the quantity."""
    found = _deadlines(sentence)
    before = [m for m in found if m.end() <= start]
    if before:
        return before[-1].group(0).strip()
    after = [m for m in found if m.start() >= end]
    return after[0].group(0).strip() if after else ""


def binding(left: str) -> str:
    """How binding the commitment is: the first cue of 确保, 力争, 争取, 基本, 努力, 接近.

    Examples
    --------
    >>> binding("基本实现法定人员"), binding("确保零就业家庭"), binding("新增就业")
    ('基本', '确保', 'plain')
    >>> binding("到2020年,城乡基本养老、城乡基本医疗和失业保险参保率")
    'plain'
    """
    m = _BINDING.search(left)
    return m.group(0).removesuffix("上") if m else "plain"


def value_type(left: str, unit: str, indicator: str) -> str:
    """``level``, ``change``, ``growth_rate``, ``share`` or ``multiple`` from the verb before.

    Examples
    --------
    >>> value_type("人均预期寿命提高", "岁", "人均预期寿命")
    'change'
    >>> value_type("国内生产总值增长", "%", "国内生产总值"), value_type("参保率达到", "%", "参保率")
    ('growth_rate', 'share')
    """
    if unit in ("番", "倍"):
        return "multiple"
    if unit.endswith("年") and not unit.endswith("亿年"):
        return "count_of_period"
    # 增加公办普惠性学位6000个: the verb may open a longer indicator phrase (one clause).
    tail = left[-6:]
    if not _CHANGE_VERB.search(tail) and _CHANGE_OPENING.match(indicator):
        tail = indicator
    if not _LEVEL_VERB.search(tail):
        found = list(_CHANGE_VERB.finditer(tail))
        if found:
            last = found[-1]
            if last.lastgroup == "growth" and unit in ("%", "个百分点"):
                return "growth_rate"
            return "change"
    if unit in ("%", "分之", "成"):
        # A percentage that is not a change or a growth rate is a proportion of something
        # (建成率, 服务面, 医养融合的养老机构), named or not.
        return "share"
    return "level"


# An indicator phrase opening with 增加/提高…: the value is the change.
_CHANGE_OPENING = re.compile(r"(?:增加|减少|提高|降低)(?!到|至)")


def baseline(sentence: str, start: int) -> str:
    """The baseline as written before the quantity (从…, 比2010年, 比上年), or ``""``."""
    found = [m for m in _BASELINE.finditer(sentence) if m.end() <= start]
    return found[-1].group(0).strip() if found else ""


# The paragraph is the same for each of its quantities: read once (a paragraph of a whole
# file on one line would otherwise be rescanned for every quantity in it).
@functools.lru_cache(maxsize=256)
def agency(paragraph: str) -> str:
    """The responsible agency named by 牵头单位 / 责任单位, or ``""``.

    Examples
    --------
    >>> agency("新增就业1万人。牵头单位:人社局,配合单位:财政局")
    '人社局'
    """
    m = _AGENCY.search(paragraph)
    return m.group("agency").strip() if m else ""
