"""Dates and frames that decide a kind when the cues of a sentence do not.

A year in the sentence read against the document's year (「2018年,城镇新增就业92万人」 in a
2019 report reports a result), a span begun before it (从1951年到1957年), a year opening the
paragraph, this year's estimate, and a paragraph about this year's work that reports nothing
done. Used by :func:`policystudy.targets.kinds.kind`.
"""

from __future__ import annotations

import re

from policystudy.targets.context import _YEAR, resolve_period
from policystudy.text import numbers

_OPENING_DATE = re.compile(rf"^(?:在|从)?\s*(?:{_YEAR})\s*年(?:里|中|内|以来)?[,:]")


def opening_date(paragraph: str, year: int | None) -> tuple[str, str] | None:
    """The kind given by a year opening the paragraph (before the document's: a review).

    Examples
    --------
    >>> opening_date("1984年,我国重点建设取得了新的进展。全年施工的项目七万四千个。", 1985)
    ('status', '1984年,')
    >>> opening_date("城镇新增就业92万人。我们将继续扩大就业。", 2019) is None
    True
    """
    m = _OPENING_DATE.match(paragraph)
    if not m:
        return None
    found = dated(m.group(0), m.end(), year)
    return (found[0], m.group(0)) if found else None


# A paragraph about this year's work (今年内, 今年, 明年) that reports nothing as done.
_PLAN_FRAME = re.compile(r"今年内|今年|明年|本年度")
_DONE_MARK = re.compile(r"了|已|过去|去年|上年|以来|[来间]来|曾|实际|完成|超过|达到")


# In the goals half of a review-and-goals heading, 达到 is a goal's verb (森林覆盖率达到24.1%,
# the 十四五 goals of 2021); a result there says 达到了 or carries another mark.
_HALF_DONE_MARK = re.compile(r"了|已|过去|去年|上年|以来|[来间]来|曾|实际|完成|超过")


def plan_paragraph(paragraph: str) -> str:
    # The plan word framing a paragraph with no mark of a result anywhere in it, else "".
    frame = _PLAN_FRAME.search(paragraph)
    if frame is None or _DONE_MARK.search(paragraph):
        return ""
    return frame.group(0)


# A five-year plan named in the sentence (第一个五年计划期间, 六五计划, “十四五”时期).
_PLAN_PERIOD = re.compile(
    r"第[一二三四五六七八九十]+个五年(?:计划|规划)|“?[一二三四五六七八九十]+五”?(?:计划|规划|时期|期间)"
)


def running_plan(sentence: str, year: int | None) -> str:
    """The five-year plan named in ``sentence`` whose years include ``year``, else "".

    A report given while a plan runs speaks of the plan's projects and sums (第一个五年计划期间…
    重大工业建设项目约有六百个, in 1954): the years of the plan against the report's year say
    that they are the plan's, not results.

    Examples
    --------
    >>> running_plan("我国在第一个五年计划期间新建和改建的重大工业建设项目约有六百个", 1954)
    '第一个五年计划'
    >>> running_plan("比第五个五年计划期间少得多", 1982)
    ''
    """
    if year is None:
        return ""
    for m in _PLAN_PERIOD.finditer(sentence):
        _, first, last = resolve_period(m.group(0), year=year)
        if first is not None and last is not None and first <= year <= last:
            return m.group(0)
    return ""


# A heading of two sections in one, the review first and the goals after it
# (「二、“十三五”时期发展成就和“十四五”时期主要目标任务」).
_TWO_PART_HEADING = re.compile(
    r"(?:成就|回顾|情况)[^,;。]{0,3}(?:和|与|及)[^,;。]{0,16}?(?:目标|任务|计划)"
)


def goal_half(heading: str, paragraph: str) -> bool:
    """Whether a paragraph under a review-and-goals heading belongs to the goals half.

    The heading names both; a paragraph that marks nothing as done (no 了, 已, 过去, 以来 …)
    is read as the goals' (「——全面推进乡村振兴…,严守18亿亩耕地红线」 under the 2021 heading).

    Examples
    --------
    >>> h = "二、“十三五”时期发展成就和“十四五”时期主要目标任务"
    >>> goal_half(h, "——全面推进乡村振兴。严守18亿亩耕地红线。"), goal_half(h, "脱贫攻坚取得了全面胜利。")
    (True, False)
    >>> goal_half(h, "——森林覆盖率达到24.1%。"), goal_half(h, "森林覆盖率达到了23%。")
    (True, False)
    >>> goal_half("一、“六五”计划执行情况的回顾", "严守18亿亩耕地红线。")
    False
    """
    return bool(_TWO_PART_HEADING.search(heading)) and not _HALF_DONE_MARK.search(paragraph)


def this_year_before(left: str, year: int | None) -> bool:
    # 今年预计, 本年预计, 一九八二年预计 (in the 1982 report): the year estimated is the current one.
    m = re.search(rf"(?:今年|本年|(?P<y>{_YEAR})\s*年)\s*$", left)
    if not m:
        return False
    return m.group("y") is None or numbers.parse_year(m.group("y")) == year


# A year that dates the sentence (2018年,城镇新增就业92万人), not a base (比2010年, 按2010年价格).
_DATE_YEAR = re.compile(
    rf"(?<![比较按从由至到])(?P<y>{_YEAR})\s*年(?![底末]?前|以前|之前|价格|不变价)"
)
# 从1979年的一百七十亿元, 由2003年的77%: after 从/由, a year followed by 的 names the year of the
# value that starts a change; 从2010年起 starts a span.
_BASE_YEAR = re.compile(rf"(?<=[从由])(?P<y>{_YEAR})\s*年(?=的)")


# 比一九五八年的二百一十四亿元, 比去年的…: the figure right after a comparison with a year and
# 的 is that year's (the base the change is measured from), not the plan's.
_COMPARED_BASE = re.compile(rf"(?:比|较|同)\s*(?:(?P<y>{_YEAR})\s*年|去年|上年)(?:同期)?的\s*$")


def compared_base(left: str, year: int | None) -> str:
    """The comparison before a number that makes it the figure of an earlier year, else "".

    The figure right after 比<year>的 is that year's; it is a result when the year is before
    the document's (比一九五八年的 in the 1959 report, 比去年的), whatever the sentence plans.

    Examples
    --------
    >>> compared_base("一九五九年的工农业总产值将比一九五八年的", 1959)
    '比一九五八年的'
    >>> compared_base("比2025年的", 2021), compared_base("比一九五八年", 1959)
    ('', '')
    """
    m = _COMPARED_BASE.search(left)
    if m is None or year is None:
        return ""
    y = numbers.parse_year(m.group("y")) if m.group("y") else year - 1
    return m.group(0).strip() if y is not None and y < year else ""


def base_year(sentence: str, start: int, year: int | None) -> str:
    """The base year written before the number (从1979年的…) when it is before ``year``, else "".

    Examples
    --------
    >>> base_year("财政赤字从1979年的一百七十亿元", 12, 1981)
    '1979年'
    >>> base_year("从2020年起,每年新增学位5000个", 13, 2021)
    ''
    """
    found = list(_BASE_YEAR.finditer(sentence, 0, start))
    if year is None or not found:
        return ""
    y = numbers.parse_year(found[-1].group("y"))
    return found[-1].group(0) if y is not None and y < year else ""


SPAN_YEARS = re.compile(
    rf"(?:从|自)\s*(?P<a>{_YEAR})\s*年?\s*(?:到|至|—|-|~)\s*(?P<b>{_YEAR})\s*年"
)


def dated(sentence: str, start: int, year: int | None) -> tuple[str, str] | None:
    """``status`` for a sentence dated before the document's year, ``target`` after it.

    News articles and excerpts have no headings: 「2018年,城镇新增就业92万人」 in a 2019 report
    is a result. A date in the document's own year says nothing either way.

    Examples
    --------
    >>> dated("2018年,城镇新增就业92万人", 12, 2019)
    ('status', '2018年')
    >>> dated("2018年,城镇新增就业92万人", 12, 2018) is None
    True
    """
    if year is None:
        return None
    spans = []
    for m in SPAN_YEARS.finditer(sentence, 0, start):
        # 从一九六六年到一九七六年的十一年中, 从1951年到1957年: a span begun before the
        # document's year reports; one begun in it or later (从1986年到1990年 in 1986) plans.
        first = numbers.parse_year(m.group("a"))
        if first is not None:
            spans.append(("status" if first < year else "target", m.group(0)))
    if spans:
        return spans[-1]
    found = []
    for m in _DATE_YEAR.finditer(sentence, 0, start):
        if "x" in m.group("y").lower():
            continue
        y = numbers.parse_year(m.group("y"))
        if y is not None:
            found.append((y, m.group(0)))
    if not found:
        return None
    y, text = found[-1]
    if y < year:
        return "status", text.strip()
    if y > year:
        return "target", text.strip()
    return None
