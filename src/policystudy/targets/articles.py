"""When a small Chinese count is no quantity: an article, part of a name, a list's count.

两条路线, 四项基本原则 name doctrines; 一个最重要的指标 has the article 一; 养老、医疗、失业三大
保险 counts what was just listed. Kept apart from :mod:`~policystudy.targets.quantities`, which
calls :func:`is_enumeration_or_article` on every Chinese numeral it reads.
"""

from __future__ import annotations

import re

from policystudy.targets import units
from policystudy.text import numbers

_CN = numbers.CN_NUMERAL_CHARS

# Chinese-numeral counts summarising an enumeration just listed with 、.
ENUM_UNITS = {"项", "个", "类", "种", "大", "条", "次", "座", "位"}
# ... or announcing the list that follows: 三位…伟大人物:孙中山、毛泽东、邓小平.
_LIST_AFTER = re.compile(r"[^,;。]{0,20}:[^。:]*、")
# 在那两次转变中, 这两个组织: a demonstrative refers back to what was counted before.
_DEMONSTRATIVE_BEFORE = re.compile(r"(?:那|这|该|此)$")
# 每天一小时: a measure for each day, each pupil.
_EACH = re.compile(r"每[^,;:。]{1,6}$")
# …有八种, …的有四个 closing the clause: a count stated as the predicate, not a name.
_PREDICATE_COUNT = re.compile(r"(?<![没所具享占拥])有$")
# 每月出版一次, 七次全会和一次全国代表会议: 一次 counts after 每… or next to another count.
_ONCE_COUNTED = re.compile(rf"每[^,;:。]{{1,10}}$|[\d{_CN}]+次[^,;:。]{{0,8}}?(?:和|与|及|、)$")
# The first item of a list spelled out next: 第一, 一是, 其一 (after quotes or a colon).
_ITEMS_NEXT = re.compile(r"[“\"#:\s]*(?:第一|一是|其一|一个是)")
# Words that, right before a Chinese numeral, make it an article or part of a name.
# 小区三期, 二期工程: a small count of 期 is a phase of a project.
_NAME_UNITS = {"个", "项", "条", "种", "类", "代", "大", "支", "批", "件", "点", "方面", "期"}


def is_enumeration_or_article(
    masked: str, start: int, num: str, unit: str, mult: str, *, clause_from: int
) -> bool:
    """Whether the Chinese numeral ``num`` at ``start`` is an article, a name or a list's count.

    ``masked`` is the masked sentence, ``unit`` and ``mult`` what follows the numeral, and
    ``clause_from`` where the numeral's clause begins.

    Examples
    --------
    >>> is_enumeration_or_article("坚持四项基本原则", 2, "四", "项", "", clause_from=0)
    True
    >>> is_enumeration_or_article("最严重的病疫有八种。", 7, "八", "种", "", clause_from=0)
    False
    """
    if mult:
        return False
    if num == "一" and unit == "次" and _ONCE_COUNTED.search(masked[clause_from:start]):
        return False  # 每月出版一次, 七次全会和一次全国代表会议: 一次 counts
    # 两条路线, 四项基本原则, 三个世界, 五位一体: a small Chinese count with a classifier names a
    # doctrine or a pair far more often than it measures; 两次 as well, 七次全会 is a count.
    # 在那两次转变中: the two already counted.
    if _DEMONSTRATIVE_BEFORE.search(masked[:start]) and numbers.parse_number(num) <= 10:
        return True
    # 十条经济建设方针, 十个明确: an exact 十 names a set as readily as 一 … 九 (十几个城市,
    # 罪名有十条之多 count).
    exact_ten = num == "十" and masked.startswith(unit, start + 1)
    exact_ten = exact_ten and not masked.startswith("之多", start + 1 + len(unit))
    small = num in "一二两三四五六七八九" or exact_ten
    after = start + len(num) + len(unit)
    if (
        small
        and num != "一"
        and _PREDICATE_COUNT.search(masked, 0, start)
        and masked[after : after + 1] in (",", ";", "。", "")
        and not _ITEMS_NEXT.match(masked, after + 1)
    ):
        # 最严重的病疫有八种, …完工的有四个: the count is what the clause says; 有两条,“第一条,
        # 反对;第二条,不怕” announces the items that follow (a list, not a measure).
        return False
    if small and (unit in _NAME_UNITS or (unit == "次" and num == "一")):
        return True
    # 两次历史性飞跃: an enumeration the text spells out next.
    if unit == "次" and masked[start:].split("次", 1)[-1].startswith("历史性"):
        return True
    # 一个最重要的指标 / 一批 / 一支军队: the numeral 一 with a classifier is an article.
    if num == "一" and unit in units.MEASURES and _EACH.search(masked, 0, start):
        return False  # 每天一小时: one of a measure for each unit counts
    if num == "一" and unit != "%" and unit not in ("倍", "年", "岁", "个百分点"):
        # ... except after 只有/仅有, which count (只有一所学校, 十人当中只有一人).
        return not masked[:start].endswith(("只有", "仅有"))
    # 申领、激活、…补换六项基础业务 / 养老、医疗、失业三大保险: a count of what was just listed.
    clause = masked[clause_from:start]
    try:
        small_count = numbers.parse_number(num) < 20
    except ValueError:
        small_count = False
    if not (small_count and unit in ENUM_UNITS):
        return False
    if masked[:start].endswith("、"):
        return False  # an item of the list (五次、十次、十五次), not its summary
    return "、" in clause[-30:] or bool(_LIST_AFTER.match(masked, start))
