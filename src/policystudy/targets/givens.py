"""Kinds a quantity carries in its own words, before any cue of its sentence is read.

A population or the country's area is a given (``status``) even inside a goal sentence
(十几亿人口, 今年高校毕业生795万人, 九百六十多万平方公里的土地); a standing norm is a ``rule``
(基本路线要管一百年, 设立5年过渡期, 应纳税所得额100万元至300万元部分). Used first by
:func:`policystudy.targets.kinds.kind`, for numeric rows only.
"""

from __future__ import annotations

import re

from policystudy.targets.context import _CN
from policystudy.targets.quantities import clause_start
from policystudy.text import numbers

# A duration as the quantity reads it: 九十多年, 八年, 一百年 (not 亿年).
DURATION = re.compile(rf"[\d{_CN}.]+[多余几]?年")

# A population counted (十几亿人口, 两千三百万台湾同胞, 五千八百万党员) is a present fact, even
# inside a goal sentence.
_POPULATION = re.compile(r"(?:的)?(?:人口|[^,;。]{0,2}同胞|党员|基层党组织|中央委员)")

# A cohort counted right before its number (今年高校毕业生795万人); enrolment (在校学生将达到38
# 万余人, 1956) is planned, graduates are given.
_COHORT_BEFORE = re.compile(
    r"(?P<who>毕业生|适龄儿童|出生人口)(?:总数|人数|规模)?"
    r"(?:预计|将)?(?:超过|达到|达|有|约|为)?\s*$"
)

# 十亿人民, 八亿农民, 十三亿多人: a count in 亿 of people is a population.
_POPULATION_LARGE = re.compile(
    rf"(?P<n>[\d.{_CN}]+)亿[多余]?(?:[{_CN}]*万)?(?:(?:中国)?人(?!次)|(?:中国)?人民|农民|青年|群众)"
)
# Five 亿 or more is the people of the country or of its largest groups (六亿五千万人民, 八亿
# 农民); 约1亿人 is the number a goal reaches (完成约1亿人居住的棚户区改造).
_POPULATION_MIN = 5

# 九百六十多万平方公里的广袤土地: the area of the country is a fixed fact, like its population.
_TERRITORY = re.compile(r"平方公里的?[^,;。]{0,6}?(?:土地|国土|领土|疆域|海域|陆地)")

# How long a standing norm holds: 基本路线要管一百年, 土地承包到期后再延长三十年, 五十年不变.
_RULE_SPAN_BEFORE = re.compile(r"(?:要|可以)?管\s*$|到期后再?延长\s*$")

_RULE_SPAN_AFTER = re.compile(r"^(?:长期)?不变")

# Standing provisions (rule): a transition period (设立5年过渡期), a sanction after a span
# (一年黄牌警告,两年予以撤换), a bracket of a tax base (应纳税所得额100万元至300万元部分).
_RULE_AFTER = re.compile(r"[^,;。]{0,2}?(?:过渡期|黄牌警告|予以撤换|予以撤销)")
_BRACKET = re.compile(r"(?:所得额|营业额|销售额|收入)[^,;。]{0,10}$")
_BRACKET_AFTER = re.compile(r"[^,;。]{0,16}?部分")


# 现行16%的税率: what is in force now, the level a change starts from.
_IN_FORCE = re.compile(r"现行\s*$")

# Progress against a plan (完成年计划27%, 只完成全年计划的11%, 只完成五年计划一半稍多): the share
# of a plan done so far is a result; with a goal cue before 完成 in its clause (要完成全年计划的…)
# it is what is to be done, left to the cues.
_PLAN_DONE = re.compile(r"完成了?[^,;。]{0,6}?(?:计划|预算)(?:规定)?的?\s*$")
_GOAL_BEFORE_DONE = re.compile(r"要|必须|应当?|争取|力争|确保|保证|将|计划|预计|能|可以|可能|才")


def own_kind(sentence: str, start: int, end: int, *, left: str) -> tuple[str, str, str] | None:
    """Kind, cue and place (always ``clause``) given by the quantity's own words, or None.

    Examples
    --------
    >>> own_kind("今年高校毕业生795万人", 7, 11, left="今年高校毕业生")
    ('status', '毕业生', 'clause')
    >>> own_kind("城镇新增就业1100万人以上", 6, 12, left="城镇新增就业") is None
    True
    """
    population = _POPULATION.match(sentence[end : end + 4])
    if population:
        return "status", population.group(0), "clause"
    cohort = _COHORT_BEFORE.search(left)
    if cohort:
        # 今年高校毕业生795万人, 预计今年高校毕业生超过1170万人: the size of a cohort is a given
        # a plan works with, not a level it sets.
        return "status", cohort.group("who"), "clause"
    large = _POPULATION_LARGE.search(sentence, max(0, start - 1), end + 5)
    if large and large.start() < end and _at_least(large["n"], _POPULATION_MIN):
        return "status", large.group(0), "clause"
    territory = _TERRITORY.match(sentence, max(start, end - 4), end + 12)
    if territory:
        return "status", territory.group(0), "clause"
    if _IN_FORCE.search(left):
        return "status", "现行", "clause"
    done = _PLAN_DONE.search(left)
    if done and not _GOAL_BEFORE_DONE.search(
        sentence, clause_start(sentence, start), start - len(left) + done.start()
    ):
        return "status", "完成…计划", "clause"
    if DURATION.fullmatch(sentence[start:end]):
        span = _RULE_SPAN_BEFORE.search(sentence[:start]) or _RULE_SPAN_AFTER.match(sentence[end:])
        if span:
            return "rule", span.group(0).strip(), "clause"
    local = _RULE_AFTER.match(sentence, end)
    if local or (_BRACKET.search(sentence, clause_start(sentence, start), start)
                 and _BRACKET_AFTER.match(sentence, end)):  # fmt: skip
        return "rule", local.group(0) if local else "部分", "clause"
    return None


def _at_least(number: str, floor: float) -> bool:
    try:
        return numbers.parse_number(number) >= floor
    except ValueError:
        return False
