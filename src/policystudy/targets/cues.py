"""The cue words of a quantity's kind: goal and future cues, past and present markers, rules.

:func:`policystudy.targets.kinds.kind` reads them around each number (the nearest before it,
else after it in its own clause) and weighs them against dates and headings. Kept apart from
the reasoning of :mod:`~policystudy.targets.kinds` because the vocabulary grows with every
corpus read: one place for the words, their exceptions and the names they must not match.
"""

from __future__ import annotations

import functools
import re

from policystudy.targets.context import _CN, _YEAR

# Status cues too weak to overrule a goal heading (取得, 有, 了: also said of what is planned).
WEAK_STATUS = re.compile(
    r"取得|有|了|[增减加降高升长了成达超]了|经过|历时|拥有|有了|只有|计有|还有|需要"
)

RULE_CUES = re.compile(
    r"动态调整|挂钩|联动机制|自\s*(?:19|20)\d{2}\s*年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:起|开始)"
    r"|标准为|核定为|不得(?:超过|低于)|抽出|缴纳|交纳|按月|每月从"
    # A threshold that sorts units into classes (各类工业基本建设单位的投资限额…为一千万元): a
    # standing norm, like a standard.
    r"|(?:限额|起征点|门槛)(?:规定)?为"
)

LINKED = re.compile(r"动态调整|挂钩|联动机制")

RULE_FORMULA_LEFT = re.compile(r"按(?:照)?[^,;:]{0,40}?的\s*$")

# Reported facts: time words of the past, completed verbs (…了), 已, rankings.
STATUS_CUES = re.compile(
    # 超过预期目标 (gwr2005: 城镇新增就业980万人,超过预期目标;城镇居民人均可支配收入9422元):
    # a target overshot is a result, and the 目标 in it no goal cue for what follows. 经过努力,
    # …比例超过4% (gwr2015): the effort is spent. First, so that 经过 alone does not win.
    r"(?:超过|超出|高于|超额完成)了?(?:全年|年度|预期|计划|既定|规定)*的?目标"
    r"|经过[^,;。]{0,4}?努力"
    # 比去年增长11.3%, 由去年的百分之十点七提高到, 增幅明显高于去年: last year as the base of a
    # comparison dates nothing (a plan compares with last year too); 去年 alone dates a result.
    # (现有 right after a verb or preposition qualifies a noun: 用于现有企业设备更新的资金为…)
    # 原来日产量总是停留在六百吨 (formerly); not a plan recalled (原来的计划, 原来规定).
    r"|原来(?!的?(?:计划|规定|预定|确定|目标|设想|打算|安排))"
    r"|目前|当前|(?<![于对把在为])现有|已(?!将)|截至|截止目前|[一二三四]季度|上半年|前\d+个?月|今年以来"
    # (上年结余, 去年超收收入: last year's carry-over, money this year's budget draws on)
    # 比去年同期增长68% (1956, a budget report given in June; 1980, 1982, 1984): a comparison
    # with the same months of last year measures the current year so far, which a plan never
    # does (a plan compares whole years); it dates the number even under a goal heading.
    r"|(?:比|较|与|同)(?:去年|上年)同期"
    r"|(?<![比较由与同和于])(?:去年|上年(?!度|均))(?!(?:结余|超收|结转)(?:的|收入|资金))|近\d+年来|过去|[来年]来|实际(?=达到|完成|执行|为|建成|投产|竣工|支出|收入)|(?<![今后来])这[两二三四五六七八九十\d]+年(?:中|里|间|来)|(?<!未)以来(?=,)|位居|排名|同比|曾|先后|累计"
    r"|[增减加降高升长了成达超]了|取得|实现了|完成了|达到了|经过|历时|拥有|有了"
    # The first months of the year (一二两月份, 今年一月至九月): past when any report is given.
    rf"|(?:一|1)\s*月(?:份)?(?:至|到)\s*[{_CN}\d]{{1,2}}\s*月|一、?二两个?月"
    r"|需要|(?:一共|总共|其中)才?有|(?:我国|全国|中国)现?有|才有|(?<![没所具享占建拥该要应国留])有(?![关效力利益机序助利于待望所]|条件)|只有(?!这样|如此)|计有|还有|(?<![为除])了(?!解|不起)"
)

TARGET_CUES = re.compile(
    # (计划生育 is family planning, a name, as 计划经济)
    r"力争|争取|(?<![\u4e00-\u9fff])计划(?!经济|生育)|计划(?=[在到用于将要使把拟为]|达到|增加|增长|提高|降低|减少|新增|建设|建成|完成|投资|安排|平均|每年|今年|明年|\d|[一二三四五六七八九十两])"
    # 一九五八年计划粮食产量…: the year's plan; 纲要要求…, 要求每年递增…: what a plan demands
    # (not 按照…的要求, a norm named).
    # 五年内全国新建铁路铺轨二千公里 (a window opening its clause looks ahead), 估算为 (a plan's
    # estimate, as 预计), 国家准备重点扶持500个… (what the government intends).
    rf"|(?:^|(?<=[,;:]))在?[{_CN}\d]+年(?:之)?内|估算|准备(?!工作|金|阶段|了|条件)"
    r"|(?<=年)(?<!五年)(?<!全年)(?<!当年)(?<!每年)计划(?!生育|经济|单列|期)|(?<![的照合符])要求(?![的是])"
    r"|拟(?=安排|新增|建|投|用|于|按|\d)|原定|定为|应该|目标|确保|预计|力求|列入|(?<![重主需只不必纲摘想])要(?![求素点是])|(?<!已)将(?!近)"
    r"|努力|必须|应当|保证(?![金人书了])|(?<![由所出])决定(?![性了的因作])|才能|大力|加快"
    r"|今后|未来|再(?:用|奋斗|延长|经过|增加|扩大|裁减|减少|提高|解决|取消|下放|新建|完成|安排|建设|压减|降低)|建议(?!书)"
    rf"|(?:到|至|于|截止到)\s*(?:{_YEAR})\s*年(?:底|末)?(?:前)?"
    rf"|(?:{_YEAR})\s*年(?:底|末)?\s*(?:前|以前|之前)|本世纪末"
)


@functools.lru_cache(maxsize=64)
def cue_matches(text: str) -> tuple[list[re.Match[str]], list[re.Match[str]]]:
    # A cue inside a quoted name (“两个确保”, “十二五”规划) is part of the name: blanked out,
    # keeping positions.
    text = QUOTED.sub(lambda m: "□" * len(m.group(0)), text)
    # 现有“三个1亿人”问题: a status word qualifying a quoted name is part of the name's phrase.
    text = BEFORE_QUOTE.sub(lambda m: "□" * len(m.group(0)), text)
    return list(STATUS_CUES.finditer(text)), list(TARGET_CUES.finditer(text))


QUOTED = re.compile(r"“[^“”,;:。!?]{1,20}”|《[^《》]{1,40}》")
BEFORE_QUOTE = re.compile(r"现有(?=□)")
