"""Commitments without a number as a small grammar: a completeness quantifier and an action.

A commitment (``TARGETS.md``) is a goal that can be checked true or false without a number. The
earlier rules listed the phrases of the texts they were tuned on (全部退还, 足额退还, 按时竣工
投产) and missed the same structure said with other verbs on new text (全部免征, 按期偿还, 按时
拿到). Here the structure is written once: a *quantifier class* (the whole set, in full, on time,
every unit, every person, every year no less, not because of …) combined with the *verb classes*
it can check (abolition, completion, inclusion, payment, delivery, a state reached). Whether the
clause is a goal or a review is decided afterwards, by the kind of the row
(:func:`policystudy.targets.kinds.kind`): the same words in a review are a ``status`` row.

Examples
--------
>>> bool(COMPLETENESS.search("明年将在全国全部免征农业税"))
True
>>> bool(COMPLETENESS.search("按期偿还国外借款的本息"))
True
>>> bool(COMPLETENESS.search("全面推行河长制"))  # 全面 with an inclusion verb: a direction
False
"""

from __future__ import annotations

import re

# --- verb classes: what the quantifier can make checkable -------------------------------
# Abolition: nothing of it is left (全部免征农业税, 全面免除学杂费, 提前全部还清).
# (全部淘汰…燃煤小锅炉: none of a class of plant is left)
ABOLISH = r"免征|免除|取消|停征|废除|豁免|还清|免费|淘汰"
# Completion of a bounded task (全部完成…恢复重建, 力争全面完成“营改增”).
COMPLETE = r"完成"
# Building or lifting every unit (全部建成, 全部脱贫); with 全部 only: 全面建成小康社会 names a
# composite milestone, not a checkable set.
BUILD = r"建成|脱贫|摘帽|组织起来"
# Inclusion of every unit in a scheme (全部纳入, 全部实行劳动合同制, 全部用于…转移支付).
INCLUDE = r"纳入|实行|推行|用于"
# Payment or receipt of what is owed (足额发放, 按期偿还本息, 按时拿到应有的报酬).
PAY = r"发放|支付|拨付|退税|退还|返还|到位|缴纳|兑现|偿还|拿到|领到|直达"
# Delivery of a project by its date (按时竣工投产, 按期交付).
# (按时投入生产: put into operation)
DELIVER = r"竣工|投产|完工|建成|交付|完成|投入(?:生产|使用|运行|运营)"
# A state every unit of a set reaches or a concrete act each does (所有…都要公开, 所有的食堂都要
# 养猪种菜). Conduct and attitude (都要严格执行, 都要有忧患意识) name no state: not here.
STATE = (
    r"达到|办成|建成|建立|配备|配齐|实行|参加|参与|纳入|公开|设立|完成|实现|享有|养|种|[转扭]亏为盈"
    # (有利, 有益: what benefits, not a state reached)
    r"|有(?![^,;。]{0,8}?(?:意识|观念|精神|作风|思想))(?!重点|所|利|益)"
)
# A loss a goal rules out for everyone (不因家庭经济困难而失学, 不因物价上涨而下降).
LOSS = r"失学|辍学|下降|降低|减少|中断|返贫|失业"
# Amounts that can be held to a floor every year (投入高于上年, 财政收入逐年有合理的增长).
# (增量: the year's increment of an amount, 用于农村的增量要明显高于上年)
AMOUNT = r"收入|投入|经费|工资|待遇|补助|支出|报酬|增量"
# The floor itself: never below last year's.
FLOOR = r"高于上年|逐年(?:有[^,;。]{0,5}?)?(?:增加|增长|提高)"
# A growth held against another growth or against last year (消费基金的增长应低于经济的增长,
# 中央财政赤字不能比上年扩大): checkable by comparing two figures, like 同步增长.
GROWTH = r"增长|增幅|增速"
COMPARE = r"高于|低于|快于|慢于|不低于|不高于|不超过|不快于"
# Timing adverbs between a modal and its state (所有新建…燃煤机组必须同步建成…).
TIMING = r"同步|同时|按时|按期|一律"
# A date bounding a task (争取明年上半年完成, 在一九八四年春季就能完成). The grammar reads
# masked text, where a year is ``#`` (a quoted name too: so a masked year needs 在/于/到 before it).
DATE = (
    r"(?:(?:在|于|到)?(?:今明两年|明年|今年)|(?:在|于|到)#{3,})"
    r"(?:底|末|年内|上半年|下半年|[春夏秋冬]季|以前|前)?"
)

# --- quantifier classes × verb classes, in one place ---------------------------------------
# ``[^,;。]`` keeps every production inside its clause; the object after the verb is kept short
# so that the row names what is covered.
# (not past 之后/以后: 继全部免除…学杂费之后 recalls a result, read by the kind)
_OBJECT = r"(?:(?!之后|以后)[^,;。]){0,12}"
_PRODUCTIONS = (
    # the whole set: 全部 with any verb of the classes above
    # (a short addressee between: 全部向社会免费开放)
    rf"全部(?:向[^,;。]{{1,4}}?)?(?:{ABOLISH}|{COMPLETE}|{BUILD}|{INCLUDE}|{PAY}){_OBJECT}",
    # the whole, without exception: 全面/彻底 only with abolition or completion (全面纳入,
    # 全面实行 are directions, as TARGETS.md says)
    # (nor a whole plan: 全面完成“九五”计划 is a composite like 小康, not one task; the grammar
    # reads masked text, where the quoted name is ``#``)
    # (nor every task of the year: 全面完成今年经济社会发展的各项任务)
    rf"(?:全面|彻底)(?:{ABOLISH}|{COMPLETE})(?!(?:#+|“[^”]{{1,4}}”|第[^,;。]{{1,3}}个五年)计划)"
    rf"(?![^,;。]{{0,16}}?各项任务){_OBJECT}",
    # extended to all (扩大至全部制造业领域, 覆盖所有边境县), also with the country's scope
    # before the quantifier (覆盖到全国所有农牧业县)
    r"(?:扩大|推广|延伸|覆盖)(?:到|至)?(?:全国)?(?:所有|全部|全体)[^,;。]{1,12}",
    # every unit of a set … 都 (+ modal) + a state (所有…都要公开, 各级政府预算和决算都要向社会公开)
    rf"(?:所有(?!制(?!造)|权|者|这|那)|各级|凡是)[^;。]{{1,16}}?(?:都|必须)(?:要|应当?|应该|必须|能)?"
    rf"(?:进一步|逐步|限期|向社会|{TIMING})?(?:做到)?(?:{STATE}){_OBJECT}",
    # nowhere any (任何地方都不得发生新的拖欠): every unit, an occurrence ruled out
    r"任何[^,;。]{1,8}?都不(?:得|能|准|再)?(?:发生|出现)[^,;。]{1,10}",
    # every unit without 都 (把所有政府性收入纳入预算, 允许所有制造业企业参与…)
    # (not a relative clause: 召开所有核国家参加的…会议 names a meeting)
    rf"所有(?!制(?!造)|权|者|这|那)[^,;。都]{{1,12}}?(?:实现|达到|建成|实行|纳入|参与|参加|享有)(?!的){_OBJECT}",
    # every person (人人享有基本医疗卫生服务)
    # a service every person is to have (人人享有基本医疗卫生服务); the slogans 人人有责、人人
    # 享有 and 人人享有的共同体, and 人人都有…机会, are principles
    r"人人享有(?![、的,;。])[^,;。]{1,12}",
    # in full, or on time (足额发放, 按期偿还, 按时拿到, 按时竣工投产)
    # (及时 only with paying what is owed: 保证各项社会保险金的及时支付; 及时发放 is also said of
    # loans, a direction)
    rf"(?:按时|及时|按期)?足额(?:{PAY})|(?:按时|按期|如期)(?:{PAY}|{DELIVER})(?:投产)?"
    # (及时纳入…帮扶: every eligible person brought into a scheme of support as soon as
    # eligible, as the seeds' 符合条件的残疾人及时纳入最低生活保障; not records put into a system,
    # 及时纳入监测平台)
    r"|及时(?:支付|拨付|兑现|偿还|退还|返还)"
    r"|及时纳入[^,;。]{0,8}?(?:帮扶|救助|保障|低保|保险)",
    # not because of … (不因家庭经济困难而失学, 不因物价上涨而下降)
    rf"不因[^,;。]{{1,16}}?而?(?:{LOSS})",
    # every year no less (投入高于上年, 确保国家财政收入逐年有合理的增长)
    # (只增不减 is quantifier and verb in one: 使减税降费力度只增不减)
    rf"(?:{AMOUNT})[^,;。]{{0,6}}?(?:{FLOOR})|确保[^,;。]{{0,12}}?(?:{FLOOR})|只增不减",
    # a growth held to another (消费基金的增长应低于经济的增长), or not above last year's
    # (中央财政赤字不能比上年扩大); the modal makes it a norm, not a reported comparison
    rf"(?:{GROWTH})(?:要|应当?|必须)(?:明显)?(?:{COMPARE})[^,;。]{{0,12}}?(?:{GROWTH})",
    rf"(?:{AMOUNT}|赤字)[^,;。]{{0,4}}?不(?:能|得|应)比(?:上年|去年)(?:扩大|增加|提高|增长)",
    # a task bounded by its date, the clause ending on its completion (争取明年上半年完成)
    rf"{DATE}(?:就能|就要|要|将|能|可以)?(?:全部|基本|全面)?完成(?=[,;。]|$)",
    # a bounded task by its date (确保…一批重点工程建成投产)
    r"确保[^,;。]{0,24}?(?:建成|竣工)投产",
    # a named task that opens its sentence and ends its clause (完成新一轮农村电网升级改造,
    # 基本完成因灾倒塌和严重损毁农房重建任务): one task, done or not. Not an anaphor or a
    # composite (完成这项任务, 完成各项任务, 完成全年…目标任务), nor a task described rather
    # than named (完成改革和发展的繁重任务, 完成更多的运输任务: no 的 in a name).
    r"^(?:基本)?完成(?!这|那|各|全年|今年|更多|自己|好)[^,;。的]{4,20}?(?<!目标)(?:任务|改造|重建)"
    r"(?=[,;。]|$)",
)
COMPLETENESS = re.compile("|".join(_PRODUCTIONS))

# Universal schooling named by its years (基本普及八年教育, 普及十年教育): the years name the
# schooling, they are not a quantity of their own.
SCHOOLING = re.compile(r"普及[^,;。]{0,6}?(?:教育|高中)")
