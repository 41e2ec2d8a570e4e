"""The kind of a quantity and the evidence for it: target, status, rule or unknown.

A kind needs positive evidence (issue 29). A quantity is a ``target`` with a goal or future cue
in its sentence (before it, or after it in its own clause) or in an enclosing goal section or
heading; a ``status`` with a past or present marker (过去一年, 五年来, 上年, 已, 累计, a year
before the document's) or inside a review section; a ``rule`` with a standing formula. With no
evidence either way it is ``unknown``, never a target by default. A cue inside a quoted or
programme name (“两个确保”, 高校毕业生就业促进计划) or in another sentence does not count. Every
row says which cue decided it and where it was (:data:`CUE_PLACES`).

Examples
--------
>>> from policystudy.targets.context import Context
>>> s = "2018年,城镇新增就业92万人"
>>> kind(s, 12, 16, left="城镇新增就业", context=Context(year=2019))
('status', '2018年', 'document year')
>>> s = "城镇新增就业144.2万人,应届高校毕业生就业率87%"
>>> kind(s, 6, 14, left="城镇新增就业", context=Context(year=2019))
('unknown', '', 'none')
"""

from __future__ import annotations

import re

from policystudy.targets.context import _CN, _YEAR, Context, names_goal, resolve_period
from policystudy.targets.cues import (
    LINKED,
    RULE_CUES,
    RULE_FORMULA_LEFT,
    STATUS_CUES,
    WEAK_STATUS,
    cue_matches,
)
from policystudy.targets.dating import (
    SPAN_YEARS,
    base_year,
    compared_base,
    goal_half,
    opening_date,
    plan_paragraph,
    running_plan,
    this_year_before,
)
from policystudy.targets.dating import dated as date_kind
from policystudy.targets.givens import DURATION as _DURATION
from policystudy.targets.givens import own_kind
from policystudy.targets.quantities import clause_end, clause_start
from policystudy.text import numbers

# The modal of a commitment said inside its own words (都要, 都应, 必须: 凡是有经营性亏损的企业
# 必须限期做到扭亏为盈), and the formula 应保尽保 (应 is "ought": every eligible case is to be covered).
_INNER_MODAL = re.compile(r"(?<=都)(?:要|应当?)|必须|应(.)尽\1")
_INNER_DONE = re.compile(r"已(?!将)|了(?!解)")

# A list of goals announced by the sentence: 总体目标是:, 主要目标是:.
_GOAL_LIST = re.compile(r"目标(?:是|为)?:")

# Programme adverbs (大力普及, 加快发展) and a window opening a clause (五年内,全国造林面积…): a
# goal, unless a review heading says what was done.
_WEAK_TARGET = re.compile(rf"大力|加快|(?<!已)将(?!近)|在?[{_CN}\d]+年(?:之)?内")

# 在…的基础上: what the sentence builds on is already there.
_BASIS = re.compile(r"在[^,;:。]{0,30}的基础上")

# The base of a change: 由/从 before the number (由去年的, 从现在的), a verb of change with 到/至/为
# after it in its clause.
_FROM_BEFORE = re.compile(r"(?:由|从)[^,;:。由从]{0,8}$")
_TO_AFTER = re.compile(
    r"[^,;:。]{0,6}?(?:提高|增加|增长|上升|下降|降低|减少|扩大|缩小|压缩|减|降|增|升)(?:到|至|为)"
)

# Forecasts and assessments are status: 还会出现十次、二十次、三十次, 经过工作还可能争取百分之八
# (a modal of what will or may happen, in the number's clause before it); 我们认为,经过二、三个
# 月以后,这个学校定会取得很大的成绩 (a sentence that says what the speaker expects).
_FORECAST_CLAUSE = re.compile(r"还会|将会|定会|必将|一定会|势必|(?<!尽)可能")

_FORECAST_SENTENCE = re.compile(
    r"(?:认为|相信|预料|断定|估计)[^。]*?(?:定会|必将|一定会|必然会|势必)"
)

# A plan's own level recounted (抗旱能力已经达到纲要规定的三十天,五十天和七十天的标准): what
# the programme set is a target even in a sentence reporting that it was reached.
# A result measured against the plan (比计划规定的单位数多二百二十七个) is none of these.
_PLAN_SET = re.compile(
    r"(?<![比较])(?<!超过)(?<!完成)(?:纲要|计划|规划|方案)(?:修正)?(?:草案)?(?:所)?(?:规定|提出|确定)的"
    r"[^;。:的]{0,16}$"
)

# The object of a striving: 为…奋斗 around the number, or …,作为奋斗目标 right after it.
_STRIVE_BEFORE = re.compile(r"为[^,;。为]{0,8}$")
_STRIVE_AFTER = re.compile(
    r"[^,;。]{0,4}?(?:而)?(?:奋斗|努力)(?=[,;。]|$)|,?作为(?P<goal>(?:奋斗)?目标)"
)

# 力争经过二十年的努力: a goal cue before 经过 makes the duration a goal's; 再连续三年…提高 is
# a stretch still to come.
# (从今年起用两年时间: a stretch that starts now is still to come)
_GOAL_BEFORE_PASSAGE = re.compile(r"(?:力争|争取|要|再|计划|预计|起)\s*(?:经过|用)\s*$|再连续\s*$")


def kind(sentence: str, start: int, end: int, *, left: str, context: Context,
         year_to: int | None = None, qualitative: bool = False) -> tuple[str, str, str]:  # fmt: skip
    """Kind, the cue that decided it and where the cue was, for the quantity at ``start:end``.

    A kind needs positive evidence. Order: what the quantity itself says (a population, a rule
    span, 了); rule cues; the nearest cue in the sentence (before the number, else after it in
    its own clause); a date in the sentence against the document's year (2018年 in a 2019
    report: a result); the heading trail (a review or a goal section). With none of these the
    kind is ``unknown``: never ``target`` by default, and a cue in another sentence of the
    paragraph does not count.

    Returns
    -------
    kind, cue, where : str
        ``where`` is one of :data:`CUE_PLACES`: ``clause`` (the number's own clause),
        ``sentence``, ``heading`` (the innermost heading), ``section`` (an enclosing heading),
        ``document year`` (a date read against the report's year), ``paragraph`` (a year
        opening the paragraph, read the same way, when nothing else decides) or ``none``.
    """

    def out(k: str, cue: str, where: str) -> tuple[str, str, str]:
        return ("commitment" if qualitative and k == "target" else k), cue, where

    given = own_kind(sentence, start, end, left=left) if not qualitative else None
    if given:
        return given
    if not qualitative:
        plan_set = _PLAN_SET.search(sentence, 0, start)
        if plan_set:
            return "target", plan_set.group(0)[:4], _place(sentence, start, end, plan_set.start())
        strive = _STRIVE_AFTER.match(sentence, end)
        if strive and (strive.group("goal") or _STRIVE_BEFORE.search(sentence, 0, start)):
            # 正在为日产一千五百吨奋斗, 再超额生产煤炭十五万吨,作为奋斗目标 (1958): what is
            # striven for is a goal, whatever was done before it in the sentence.
            return "target", strive.group(0).lstrip(",")[-4:], "clause"
    rule = RULE_CUES.search(sentence)
    if rule and LINKED.fullmatch(rule.group(0)):
        # 挂钩, 联动机制, 动态调整 govern what follows them in their part of the sentence
        # (与物价上涨挂钩,每月增发不低于30元), not the results listed before them (gwr2012:
        # …全年人均增加1680元;…;建立…与物价上涨挂钩的联动机制).
        hi = clause_end(sentence, end)
        rule = next((m for m in RULE_CUES.finditer(sentence, 0, hi)
                     if ";" not in sentence[m.start() : start]), None)  # fmt: skip
    if rule and not qualitative:
        return "rule", rule.group(0), _place(sentence, start, end, rule.start())
    formula = RULE_FORMULA_LEFT.search(left)
    if formula and not qualitative:
        return "rule", formula.group(0).strip(), "clause"
    if "了" in sentence[start:end]:
        # 翻了一番: the completed aspect inside the quantity itself.
        return "status", "了", "clause"
    basis = next(
        (m for m in _BASIS.finditer(sentence) if m.start() < start and end <= m.end()), None
    )
    if basis and not qualitative:
        # 在八十年代裁减军队员额一百万的基础上,…将…: the base a goal starts from.
        return "status", "基础上", "clause"
    if (not qualitative and _FROM_BEFORE.search(sentence, clause_start(sentence, start), start)
            and _TO_AFTER.match(sentence, end) and context.heading_kind() != "status"):  # fmt: skip
        # 由每人每年380元提高到420元, 非常设机构由85个减为26个: the base of a change is what
        # there is; the value to reach is read on its own. (In a review the section says so.)
        return "status", "由", "clause"
    compared = None if qualitative else compared_base(sentence[:start], context.year)
    if compared:
        # 将比一九五八年的二千零五十亿元增长百分之四十 (1959): the base is the year before's.
        return "status", compared, "clause"
    supposed = None if qualitative else _IF.search(sentence, 0, start)
    if supposed and _THEN.search(sentence, supposed.end(), start):
        # 如果每个人每年增加一元钱的购买力,…国家也就必须相应地增加六亿元消费资料的供应 (1957): in
        # the consequent of a supposition a modal says what would be needed, not what is planned
        # (只要…就要 is how a plan exhorts: 只要抓紧工作,今年就要新增就业一千万人; not here).
        return "status", supposed.group(0), _place(sentence, start, end, supposed.start())
    found = _cue(sentence, start, end, clause_end=clause_end(sentence, end))
    before = _cue(sentence[:start], start, start)
    if not qualitative:
        clause = sentence[clause_start(sentence, start) : start]
        forecast = _FORECAST_CLAUSE.search(clause) or _FORECAST_SENTENCE.search(sentence)
        if forecast:
            return (
                "status",
                forecast.group(0),
                "clause" if forecast.re is _FORECAST_CLAUSE else "sentence",
            )
    if not qualitative and _DURATION.fullmatch(sentence[start:end]):
        goal = _GOAL_BEFORE_PASSAGE.search(sentence[:start])
        if goal or re.match(r"的?奋斗目标", sentence[end:]):
            # 力争经过二十年的努力, 实现二十年的奋斗目标: the time a goal takes.
            return "target", goal.group(0).strip() if goal else "奋斗目标", "clause"
    if (
        not qualitative
        and _DURATION.fullmatch(sentence[start:end])
        and not sentence.startswith(("内", "之内"), end)
        and (before is None or before[0] == "status")
        and not _LEVEL_TO.search(sentence, 0, start)
    ):
        # 党和人民九十多年奋斗, 拖延八年之久的谈判: a length of history with no goal cue before it
        # is a fact; a goal's duration has its cue first (再奋斗十五年, 力争经过二十年) or 内 after.
        # Years that a change raises a level to (平均受教育年限提高到11.3年) are a level.
        return "status", "duration", "clause"
    heading, heading_text, heading_where = context.heading_evidence()
    if heading == "status" and goal_half(heading_text, context.paragraph):
        heading = "target"
    if qualitative and _AFTER_DONE.search(sentence, clause_start(sentence, start), start):
        if sentence.startswith(("之后", "以后"), end) or "之后" in sentence[end : end + 20]:
            # 这是继全部免除农村义务教育阶段学杂费之后,…又一件大事: a result recalled.
            return "status", "继…之后", "clause"
    if qualitative and not found:
        # 所有的食堂都要养猪种菜, 所有批发企业都应办成…: the modal sits inside the commitment;
        # 农村义务教育已全面纳入财政保障范围: so does the mark of what is done.
        done = _INNER_DONE.search(sentence, start, end)
        modal = _INNER_MODAL.search(sentence, start, end)
        if done:
            found = ("status", done.group(0), done.start())
        elif modal and not (modal.group(0).startswith("应") and heading == "status"):
            # 应保尽保 is a goal's formula, and also what a review reports as reached
            # (城市低保对象基本实现应保尽保, under a review heading): the section decides.
            found = ("target", modal.group(0), modal.start())
    if (qualitative and found and found[0] == "status" and WEAK_STATUS.fullmatch(found[1])
            and found[2] < clause_start(sentence, start)):  # fmt: skip
        # 保证军政费用必不可少的需要,按期偿还国外借款的本息; …取得…,确保国家财政收入逐年有合理
        # 的增长: a weak status word of another clause dates no commitment; the goal cue that
        # governs the sentence (its last before the commitment's end) does.
        goals = [m for m in cue_matches(sentence)[1] if m.start() < end]
        if goals:
            found = ("target", goals[-1].group(0), goals[-1].start())
    if found:
        k, cue, at = found
        where = _place(sentence, start, end, at)
        own = clause_start(sentence, start)
        own_date = date_kind(sentence[own:start], start - own, context.year)
        if where == "sentence" and at < own and own_date and own_date[0] != k:
            # 由于采取了…优先保证轻工业生产的措施,1979年轻工业总产值比上年增长9.6% (1980): the
            # number's own clause is dated, and its date outranks a cue of an earlier clause.
            return out(own_date[0], own_date[1], "document year")
        span = next((m for m in SPAN_YEARS.finditer(sentence) if m.start() < at < m.end()), None)
        if span:
            # 从1951年到1957年: the 到 closes a span, it sets no deadline; the span's start dates
            # the sentence.
            dated_span = date_kind(sentence, span.end(), context.year)
            if dated_span:
                return out(dated_span[0], dated_span[1], "document year")
        if k == "target" and context.year is not None:
            # 到一九九六年 in a 1997 report: a deadline already past reports a result.
            _, _, cue_year = resolve_period(cue, year=context.year)
            if cue_year is not None and cue_year < context.year:
                return out("status", cue, "document year")
        dated = date_kind(sentence, start, context.year)
        if k == "target" and cue == "预计" and dated and dated[0] == "status":
            # 一九七四年农业总产值预计比一九六四年增长百分之五十一 (1975): the estimate of a
            # year already past reports a result.
            return out("status", dated[1], "document year")
        estimate = sentence.rfind("预计", clause_start(sentence, start), start)
        to_reach = _LEVEL_TO.search(sentence, clause_start(sentence, start), start)
        if (k == "target" and estimate >= 0 and estimate >= at - 2 and not to_reach
                and this_year_before(sentence[:estimate], context.year)):  # fmt: skip
            # 社会商品零售额今年预计将比去年增长9% (a report at the end of 1981): the estimate of
            # the year being reviewed; 预计今年/预计全年… (a plan's forecast) is not this form,
            # nor the level a plan raises it to (由今年预计的3%提高到4%: the 4 % is the plan's).
            return out("status", "今年预计", "clause")
        if (k == "status" and heading == "target" and WEAK_STATUS.fullmatch(cue)
                and names_goal(heading_text, context.year)
                and not (dated and dated[0] == "status")):  # fmt: skip
            # 有, 只有 under a goal heading are said of plans too, unless a strong status cue
            # (目前, 已, 一共才有) earlier in the sentence dates them: 目前,只有一所学校…. A
            # semicolon ends what such a cue dates (…五年计划前已有的公私合营工业…;私营工业…在五年
            # 内将有一半要转变为公私合营, 1955).
            part = sentence.rfind(";", 0, start) + 1
            strong = [m for m in STATUS_CUES.finditer(sentence, part, start)
                      if not WEAK_STATUS.fullmatch(m.group(0))]  # fmt: skip
            if not strong:
                return out("target", heading_text, heading_where)
        if (k == "status" and (WEAK_STATUS.fullmatch(cue) or cue == "duration") and not qualitative
                and heading != "status" and not (dated and dated[0] == "status")):  # fmt: skip
            running = running_plan(sentence, context.year)
            strong = [m for m in STATUS_CUES.finditer(sentence)
                      if not WEAK_STATUS.fullmatch(m.group(0))]  # fmt: skip
            if running and not strong:
                # 我国在第一个五年计划期间…重大工业建设项目约有六百个 (1954): a plan still running
                # in the report's year names what it is to build; 有 says so of plans too.
                return out("target", running, "document year")
        if (k == "status" and WEAK_STATUS.fullmatch(cue) and heading != "status"
                and not (dated and dated[0] == "status")):  # fmt: skip
            frame = plan_paragraph(context.paragraph)
            strong = [m for m in STATUS_CUES.finditer(sentence)
                      if not WEAK_STATUS.fullmatch(m.group(0))]  # fmt: skip
            if frame and not strong:
                # 化学工业部有二十三个建设项目,…共计四十二个。…在今年内可以建设完工的有四个 (1958):
                # a list of what is to be built, in a paragraph that speaks of this year's work
                # and reports nothing done (no 了, 已, 过去), says 有 of the plan.
                return out("target", frame, "paragraph")
        if k == "status" and cue == "累计":
            # 到2025年,至少累计新开办公办园50所: a goal cue earlier in the sentence governs
            # 累计 (a running total to reach).
            goals = [m for m in cue_matches(sentence)[1] if m.end() <= at]
            if goals:
                last = goals[-1]
                return out("target", last.group(0), _place(sentence, start, end, last.start()))
        if k == "status" and cue == "有" and heading != "status":
            # 计划在一九八五年底前建成投产八千万吨,…继续建设的有一亿四千万吨 (gwr1982): a plan
            # stated earlier in the sentence governs the bare 有 right before the number, unless
            # a strong status cue does; a plan in 有's own clause governs it wherever it stands
            # (这五年计划安排平均每年有财政赤字三十亿元左右).
            cues = [m for m in STATUS_CUES.finditer(sentence, 0, at)
                    if not WEAK_STATUS.fullmatch(m.group(0))]  # fmt: skip
            plans = [m for m in cue_matches(sentence)[1] if m.end() <= at]
            plan = plans[-1] if plans else None
            near = at + 1 == start or (plan and plan.start() >= clause_start(sentence, at))
            if near and plan and not cues and not _past_deadline(plan.group(0), context.year):
                return out("target", plan.group(0), _place(sentence, start, end, plan.start()))
        if k == "status" and WEAK_STATUS.fullmatch(cue) and _GOAL_LIST.search(sentence, 0, start):
            # 到二〇三五年,我国发展的总体目标是:…取得更为明显的实质性进展;…碳排放达峰: a
            # list of goals announced earlier in the sentence governs its weak status cues.
            k = "target"
        if (k == "target" and heading == "status" and _WEAK_TARGET.fullmatch(cue)
                and not _own_year_or_later(sentence[clause_start(sentence, start) : start],
                                           context.year)):  # fmt: skip
            # 大力, 加快, 将 (also 把: 将税率从17%降至13%) in a review say what was done; not when
            # the clause names the report's year or a later one (1980年将达到29% in 1980).
            return out("status", heading_text, heading_where)
        return out(k, cue, where)
    dated = date_kind(sentence, start, context.year)
    if dated:
        return out(dated[0], dated[1], "document year")
    if heading:
        return out(heading, heading_text, heading_where)
    running = "" if qualitative else running_plan(sentence, context.year)
    if running:
        # 六五计划基本建设投资的重点是…,这方面的投资占总投资的百分之三十八点五 (1982): a plan
        # still running in the report's year, named in the sentence, frames its figures.
        return "target", running, "document year"
    based = base_year(sentence, start, context.year)
    if based:
        # 财政赤字从1979年的一百七十亿元 (1981): the start of a change, in a year already past.
        return out("status", based, "document year")
    opening = opening_date(context.paragraph, context.year)
    if opening:
        # 「1984年,我国重点建设取得了新的进展…」 (1985): a date opening the paragraph frames
        # all of it, as a heading would; a cue in another sentence still does not count.
        return out(opening[0], opening[1], "paragraph")
    task = _NAMED_TASK.search(sentence, end) if qualitative else None
    if task:
        # 普及小学教育和初中教育,扫除青壮年中的文盲,这是全国教育战线的一项…任务 (1982): the
        # sentence names what comes before as a task to do.
        return out("target", task.group(0)[-2:], "sentence")
    supposed = None if qualitative else _SUPPOSE.search(sentence, 0, start)
    if supposed:
        # 生产成本只要降低1%,一年就可以增加收入二十亿元: a hypothetical says what would follow,
        # not what is planned or was done (the lists read it as status with a future period).
        return "status", supposed.group(0), _place(sentence, start, end, supposed.start())
    share = (
        None if qualitative else _SHARE_OF.search(sentence, clause_start(sentence, start), start)
    )
    if share:
        # 我国对资本主义国家的进出口额只占资本主义世界进出口总额的千分之五, 文盲大约占人口的70%以上:
        # with no cue, date or heading, what a share 占 describes is the present state.
        return "status", "占", "clause"
    later = None if qualitative else _later_fact(sentence, end)
    if later:
        # 全国被淹的农田约占全国农田十分之一,…成灾面积已经缩小一半; 据十二个省的不完全统计,有
        # 七千六百九十个: with nothing else to go on, a mark of a fact later in the same sentence
        # (已, 了, 有, 据…统计) reports. A goal cue there does not: it may be another number's.
        return "status", later.group(0), "sentence"
    return "unknown", "", "none"


def _later_fact(sentence: str, end: int) -> re.Match[str] | None:
    # The first status cue after ``end`` in the sentence (unless a goal cue comes first), or
    # 据…统计 anywhere in it.
    status, target = cue_matches(sentence)
    later = [m for m in status if m.start() >= end and not _DATE_WORD.fullmatch(m.group(0))]
    goals = [m for m in target if m.start() >= end]
    if later and not (goals and goals[0].start() < later[0].start()):
        return later[0]
    return _SURVEY.search(sentence)


# What the sentence names as a task or goal after the commitment's words: 这是…的任务.
_NAMED_TASK = re.compile(r"(?:这|此)(?:是|为)[^。]{0,30}?(?:任务|目标)")
# A share described with 占 right before its number (只占…总额的千分之五).
# (相当于工资总额的百分之十七, 相当于前九年总和的1.6倍: a magnitude compared, also a fact)
_SHARE_OF = re.compile(r"(?:占|相当于)[^,;。占]{0,14}$")
# A condition supposed (只要, 如果, 即使): what follows it is hypothetical.
# The 就 of a consequent, in a later clause than the supposition (not 就业, 就医, 就近 …).
_IF = re.compile(r"如果|假如|倘若|假若|要是")
_THEN = re.compile(r",[^;。]*?就(?![业医读学近地餐诊])")
_SUPPOSE = re.compile(r"只要|如果|假如|倘若|假若|即使|即便|要是")
# 继…之后: what the sentence builds on was done before.
_AFTER_DONE = re.compile(r"继\s*$")
# 去年, 上年, 过去 date their own clause, not a number before them;
# 经过 and 需要 open what is still to be done as often as what was (经过工作还可能争取百分之八).
_DATE_WORD = re.compile(r"去年|上年|过去|经过|需要")
# 据国家统计局的材料, 据十二个省的不完全统计: a figure given on the authority of a count.
_SURVEY = re.compile(r"据[^,;。]{0,14}?(?:统计|调查|材料|普查)")


# The value to reach after the base of a change: …提高到 / 降低到 right before the number.
_LEVEL_TO = re.compile(r"(?:提高|增加|增长|提升|上升|下降|降低|减少|降)(?:到|至)\s*$")


_CLAUSE_YEAR = re.compile(rf"(?P<y>{_YEAR})\s*年")


def _own_year_or_later(clause: str, year: int | None) -> bool:
    # Whether the clause names the document's year or a later one.
    if year is None:
        return False
    for m in _CLAUSE_YEAR.finditer(clause):
        y = numbers.parse_year(m.group("y"))
        if y is not None and y >= year:
            return True
    return False


def _past_deadline(cue: str, year: int | None) -> bool:
    # 到一九五三年底 in a 1954 report is a date already passed, not a plan.
    if year is None:
        return False
    _, _, cue_year = resolve_period(cue, year=year)
    return cue_year is not None and cue_year < year


# Where the deciding cue of a row was (the ``cue_where`` column).
CUE_PLACES = ("clause", "sentence", "heading", "section", "document year", "paragraph", "none")


def _place(sentence: str, start: int, end: int, at: int) -> str:
    # ``clause`` when the cue at ``at`` is in the quantity's own clause, else ``sentence``.
    lo = clause_start(sentence, start)
    hi = clause_end(sentence, end)
    return "clause" if lo <= at < hi else "sentence"


def _cue(
    text: str, start: int, end: int, *, clause_end: int | None = None
) -> tuple[str, str, int] | None:
    # Every cue before the number counts in the whole sentence; a cue after it only in the
    # number's own clause (``clause_end``): in 十次路线斗争中…,我们每一个同志应当向毛主席好好学习
    # the 应当 is the exhortation drawn from a fact, and in 「增长11.3%,低于13%左右的预期目标」
    # the 目标 is the 13 %'s. Returns kind, cue and the cue's position.
    status, target = cue_matches(text)
    cues = [(m, "status") for m in status] + [(m, "target") for m in target]
    before = [c for c in cues if c[0].end() <= start]
    if before:
        m, k = max(before, key=lambda c: (c[0].end(), -c[0].start()))
        return k, m.group(0), m.start()
    after = [
        c for c in cues if c[0].start() >= end and (clause_end is None or c[0].start() < clause_end)
    ]
    if after:
        m, k = min(after, key=lambda c: (c[0].start(), c[0].end()))
        return k, m.group(0), m.start()
    return None
