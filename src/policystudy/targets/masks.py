"""Spans of a sentence that are never quantities: quotations, dates, years, windows, sessions.

:func:`mask` replaces each with ``#`` of the same length, so that positions still match the
sentence; :mod:`~policystudy.targets.quantities` reads numbers only in what is left.
"""

from __future__ import annotations

import functools
import re

from policystudy.text import numbers

_CN = numbers.CN_NUMERAL_CHARS
# Spans never read as quantities: quotations, titles, dates, times, years, plan periods,
# windows of time (五年来, 今后五年, 近二十年来, 本世纪头二十年), decades (八十年代),
# anniversaries (一百周年), sessions (十一届三中全会).
_YEAR = numbers.YEAR
_MASKS = [
    # 十年“文化大革命”: a number of years naming an era (as 十年内乱), before quotes are masked.
    re.compile(rf"[\d{_CN}]+年(?=“)"),
    # 一年接着一年干, 一代接一代, 一年比一年: idioms of succession, not counts.
    re.compile(r"一(?P<u>年|代|茬|届|任|步)(?:接着|接|又|比|跟着)一(?P=u)"),
    # A quoted slogan or name (“三个代表”, “一老一小”) is masked; quoted speech, which has clause
    # punctuation inside (“我的意见二百七十四个中央委员,…”), is read like the text around it.
    re.compile(r"“[^“”,;:。!?]*”|《[^《》]*》|\"[^\",;:。!?]*\"|‘[^‘’,;:。!?]*’"),
    re.compile(r"\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}"),
    re.compile(r"\d{1,2}:\d{2}(?::\d{2})?"),
    re.compile(rf"(?:{_YEAR})\s*(?:[~\-—–至到]\s*(?:{_YEAR})\s*)?年"),
    re.compile(rf"[\d{_CN}]+\s*月(?:\s*[\d{_CN}]+\s*[日号])?"),
    re.compile(
        # 最近五年到十年, 最近一两年: a window, its upper end included (提前一年 is a length:
        # a year ahead of schedule).
        rf"(?:今后|未来|过去|最近|这|头|(?<!提)前|本世纪头|本世纪前|后)[\d{_CN}]+[多几]?(?:个)?(?:年|个月)"
        rf"(?:(?:到|至|或)[\d{_CN}]+[多几]?(?:个)?(?:年|个月))?"
        # 五年来, 十年间, 去年一年之中; not 五千多年中华民族 (中 of 中华).
        rf"|[\d{_CN}]+[多几]?(?:个)?(?:年|个月)(?:来|之?间|之中|当中|中(?![国华央共心])|以来|前|后)"
        rf"|[\d{_CN}]+年代|[\d{_CN}]+周年|[\d{_CN}]+届[\d{_CN}]*[中次]?全会|[\d{_CN}]+中全会"
        rf"|以来的[\d{_CN}]+年|的[\d{_CN}]+年(?=[,;。])"
        # 十年奋斗历程 (a review period); 走过百年奋斗历程 is the length of the party's history.
        rf"|(?<!走过)(?<!走过了)(?<![\d{_CN}])[\d{_CN}]+年的?(?:工作|实践|奋斗历程|历程)"
        rf"|第[\d{_CN}]+个[\d{_CN}]+年"
        # 在五千多年的发展中, 在改革开放三十多年…的接力探索中: a window (as 在半个多世纪中).
        rf"|在[^,;:。]{{0,6}}?[\d{_CN}]+[多余]?年[^,;:。内]{{0,12}}?中(?![国华央心共])"
        rf"|(?:建党|成立|建国|建军)[\d{_CN}]+周?年(?=时|之际|和|的(?:发展)?目标|(?:奋斗)?目标)"
        # eras and review periods named by their length: 十年内乱, 新时代十年, 十四年伟大实践.
        rf"|[\d{_CN}]+年(?:内乱|动乱|浩劫)|新时代[\d{_CN}]+年|回顾[\d{_CN}]+年|[\d{_CN}]+年的?伟大(?:实践|变革|历程)"
        # the session of a numbered congress: 五届人大四次会议, 八届全国人大一次会议.
        rf"|[\d{_CN}]+届[^,;:。]{{0,8}}?[\d{_CN}]+次(?:全体)?会议"
        # 五年累计减税, 十年接近翻一番, 在近三年的时间内: the window of another quantity.
        rf"|(?<![\d{_CN}])(?<!连续)[\d{_CN}]+[多几]?年(?=累计|总体|共计|接近|投资|增长\d|增长[{_CN}]+倍)"
        # 投资总额五年为八千九百六十亿元, 五年共培养近五百万, 五年增长百分之二十七, 中央财政五年支出
        # 551亿元, 两年新增4万亿元, 近三年淘汰…9000多万吨: a window framing the number of its
        # clause (not 连续两年, 将近五年, 经过五年, which are lengths).
        rf"|(?<![\d{_CN}将接过])(?<!连续)近?[\d{_CN}]+[多几]?年(?=(?:为|共|增长|支出|新增|淘汰|减少"
        rf"|培养|安排|完成)[^,;:。]{{0,14}}?(?:\d|百分之|[{_CN}]{{2,}}))"
        rf"|(?<![将接])近[\d{_CN}]+[多几]?年(?=[^,;:。]{{0,30}}?(?:\d|百分之|[{_CN}]{{2,}}[多余]?[万亿个]))"
        # 比上一年, 在新的一年里, 去年一年, 重要一年, 不平凡的一年: one year named, not counted.
        r"|(?:上|下|新的|去年|今年|明年|重要的?|平凡的|非凡的|过去的)一年"
        # 今明两年 (this year and next), 比上五年 / 比上一个五年 (the previous five years), and
        # 1979、1980两年 (the years just named, counted): windows bounded by dates.
        rf"|今明两年|上一个[\d{_CN}]+年|(?<=比)上[\d{_CN}]+年|(?:(?<=(?:19|20)\d\d)|(?<=[一二][〇○零一二三四五六七八九]{3}))[两二三四五六七八九十]年(?![内以])"
        # 15岁以上人口, 65岁及以上老年人: an age band naming a population (a scope).
        rf"|[\d{_CN}]+周?岁(?:及?以上|以下)的?(?=[^,;:。]{{0,4}}?(?:人口|人群|老年人|儿童|青少年|妇女))"
        rf"|近?[\d{_CN}]+[多几]?年的?时间(?:内|里)"
        # 五年内,农业…增长百分之二十三点三; 五年内新建…大型矿井二十八个; 近几年和十年内: a window
        # opening its clause or framing another number (not 争取在五年内…, 三年内基本完成, where
        # the duration is the goal's).
        rf"|(?:^|(?<=[,;:、和或]))[\d{_CN}]+[多几]?年(?:之)?内"
        rf"(?=[,;:]|[^,;:。]{{0,30}}?(?:\d|百分之|[{_CN}]{{2,}}(?:[多余])?(?:[万亿个吨亩元人座所]|公里|公顷)))"
        rf"|(?<=和)[\d{_CN}]+[多几]?年(?:之)?内"
        # 关键性五年, 关键一年: the weight of a period, not a count.
        rf"|关键性?的?[\d{_CN}]+年|下一?个[\d{_CN}]+年"
        # 启动新的三年棚改攻坚计划, 医改三年实施方案, 四十条纲要: a programme named by its span or
        # its number of articles, not a count.
        rf"|(?<![\d{_CN}])[\d{_CN}]+年[^,;:。\d{_CN}]{{0,4}}?(?:实施方案|方案|计划|规划|行动)"
        rf"|(?<![\d{_CN}])[\d{_CN}]+条(?=纲要)"
        # 1992年…,五年平均每年增长百分之七点九; 五年全社会固定资产投资完成26000亿元: a bare span
        # opening its clause, with the clause's own number after it, is the window of that number.
        rf"|(?:^|(?<=[,;:]))[\d{_CN}]+[多几]?年(?![内以之半])"
        rf"(?=[^,;:。]{{1,30}}?(?:\d|[百千]分之|[{_CN}]{{2,}}[多余]?[万亿个吨亩元人座所]))"
        # 1 9 9 8 年: a year typed with spaces between its digits.
        r"|[12]\s\d\s\d\s\d\s*年"
        # 十一届二次、三次全会: sessions listed under one congress.
        rf"|[\d{_CN}]+届[\d{_CN}]+次(?:、[\d{_CN}]+次)+(?:全体)?(?:会议|全会)"
    ),
]


@functools.lru_cache(maxsize=4096)
def mask(sentence: str) -> str:
    """The sentence with every span that is never a quantity replaced by ``#`` (same length).

    Examples
    --------
    >>> mask("到二〇二〇年实现“两个一百年”")
    '到#####实现#######'
    """
    out = sentence
    for pattern in _MASKS:
        out = pattern.sub(lambda m: "#" * len(m.group(0)), out)
    return out
