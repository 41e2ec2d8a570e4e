"""The unit vocabulary of quantities: what a number is counted in, as written.

Kept apart from :mod:`~policystudy.targets.quantities` (which reads numbers with it) because
the list grows with every corpus: one place for units and the words they must not swallow.
"""

from __future__ import annotations

import re

from policystudy.text import numbers

_CN = numbers.CN_NUMERAL_CHARS

# 20xx, 202x, xx, ××: a number the drafters never filled in.
PLACEHOLDER = r"(?<![A-Za-z])(?:\d+[xX]+\d*|[xX]{2,}|×{2,})(?![A-Za-z])"
# Units as written after normalisation, longest first; negative look-aheads keep words such as
# 家庭, 所有, 支持, 条件 from being read as classifiers, and 五年来 / 五年内 as durations.
UNITS = [
    "个百分点", "百分点", "个千分点", "千分点", "个工作日", "工作日", "平方公里", "平方米", "立方米", "万人次", "人次",
    "个月(?![来间前后]|中(?![国华央共心]))", "分钟", "小时", "海里", "公里", "公顷", "千瓦时", "千瓦",
    "公斤", "千克", "吨公里", "人公里", "吨标准煤",
    # Units of the 1950s reports and of industry: 平方公尺/公尺 (square metre, metre), 瓩
    # (kilowatt), 标准箱 (plate glass), 电子伏 (electronvolt), 件次 (acts counted with repeats).
    "平方公尺", "公尺", "瓩", "标准箱", "电子伏", "件次",
    # 亿度, 万度 (kilowatt-hours); a bare 两度 is "twice"
    "(?<=[万亿])度",
    "%", "‰", "人(?![帮口民类员才心们士间生物性权格大小])", "名", "位(?!一体)", "户", "家(?![庭长属园])", "所(?!有)", "个", "张", "床", "岁",
    "美元", "新卢布", "卢布", "元(?!经济|结构|化|论|素|旦|首|帅)", "天(?![津然下])", "周(?![边期年])", "次(?![序要])", "项(?!目)", "套", "间",
    "座", "份(?![额子量])", "担(?![任保负心子当])", "门(?![类户槛诊口前外峡])", "哩", "处(?![理置于在])", "条(?![件例款])", "台(?![阶湾风上])", "辆", "支(?![持出付撑柱])",
    "场(?![所地馆])", "篇", "册", "倍", "米", "亩", "吨", "斤", "类", "种(?![类植子])",
    # 二十八期 (issues), 两批, 一万多件, 三艘. Not 届: 十八届中央委员会, 八届扩大的十二中全会
    # name sessions far more often than N届 counts terms.
    "期(?![间限待望盼货刊满末中])", "批(?![评判准示复])", "件", "艘", "架(?![构子])", "枚", "颗",
    "栋", "幢", "匹", "部(?![分门署队委长位级])",
    "班(?!子)", "代(?![表价替]|中央)",
    # 9年以上 is a length of at least nine years (以来, 以内, 以前 are windows and dates).
    # 五千多年中华民族 is a length (中 of 中华, not of a window 五年中); 九年制义务教育 and
    # 长江十年禁渔 name a system and a policy.
    "年(?![来间前后级代底初末度内]|以(?!上)|中(?![国华央共心])|之[中间]|当中|时(?!间)|(?:免费)?义务|计划|规划|设想|行动"
    "|制|禁[渔捕牧])",
    "年(?=内)",
]  # fmt: skip

# 上亿群众, 上万人: a magnitude reached (≥ 1 亿 people); 成千上万 is an idiom.
ROUND_MAGNITUDE = re.compile(
    rf"(?<=上)(?<!千上)(?:亿|万)(?=[^\d{_CN},;:。]*?(?:群众|人|农民|户|家))"
)
# Units of time that take 半 after them: 五天半 is 5.5 days, 一年半 1.5 years.
HALF_UNITS = ("天", "年", "小时", "周", "亩", "斤")
# Units of measure that 一 counts after 每… (每天一小时, 每人一亩): not classifiers of articles.
MEASURES = ("小时", "分钟", "天", "周", "个月", "亩", "斤", "公斤", "元")
# 分别高4.2和0.7个百分点: the words that join a bare number to the next, which carries the unit
# written once for both.
SHARED_JOIN = ("和", "、", "与", "及")
