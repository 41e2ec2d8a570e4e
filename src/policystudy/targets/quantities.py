"""Reading quantities in a sentence: number, magnitude, unit, range, approximation.

Numbers follow the package's one grammar (:mod:`policystudy.text.numbers`); this module adds
what makes a number a *quantity*: a unit of measurement after it (or a magnitude such as 万),
and what makes it not one (years, dates, windows such as 五年来, ordinals, slogans in quotes,
enumeration summaries, the article 一). Values keep the number as written before the final
万/亿 of the unit: 五十四万亿元 is 54 / ``万亿元``, 十亿四千万人 is 104000 / ``万人``,
1.3万亿斤 is 1.3 / ``万亿斤``; ``value_normalized`` multiplies it out.

Examples
--------
>>> [(h.value, h.unit, h.comparator_hint) for h in find_quantities("拥有七千多万党员")]
[(7000.0, '万', '≥')]
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, replace

from policystudy.targets import articles, units
from policystudy.targets.masks import mask
from policystudy.targets.typeset import repair_typesetting
from policystudy.text import numbers

# --- regexes -----------------------------------------------------------------------------------
_CN = numbers.CN_NUMERAL_CHARS
_PLACEHOLDER = units.PLACEHOLDER
_UNITS = units.UNITS
_UNIT = "|".join(_UNITS)
_QUANTITY = re.compile(
    # 百分之五 is 5 %, 千分之五 5 ‰ (the lists write both as the value after 之).
    rf"(?P<pct>[百千]分之)?(?P<num>{_PLACEHOLDER}|{numbers.QUANTITY_NUMBER})"
    rf"(?P<approx1>余|多|几)?(?P<mult>{numbers.MAGNITUDE})?(?P<approx2>余|多)?"
    # 3万多亿元: 万 and 亿 around 多 are one magnitude, 万亿.
    rf"(?:(?<=万多)(?P<mult2>亿))?(?P<unit>{_UNIT})?"
)
_PLACEHOLDER_RE = re.compile(_PLACEHOLDER)
_CHINESE_RE = re.compile(numbers.CHINESE)
_RANGE_JOIN = re.compile(r"\s*(?:内外|左右)?\s*(?:至|到|~|-|—|–|－)\s*$")
# 在七年或者十二年内: two horizons of one goal, one range (only for years).
_HORIZON_JOIN = re.compile(r"或者?")
# 五分之一, 一半: fractions, kept as decimals (unit 分之).
_FRACTION = re.compile(
    rf"(?<!百)(?P<den>[一二三四五六七八九十][{_CN}]*)分之(?P<num>[{_CN}]+)|(?<![一二三四五六七八九十])一半"
)
# 一年、两年、三年 / 一、两年 / 三年、四年、五年: enumerated horizons, read as one range.
_SMALL = "[一二两三四五六七八九十]"
_ENUM_RANGE = re.compile(
    rf"(?<![{_CN}第])(?P<a>{_SMALL})(?:年|个月)?(?:、{_SMALL}(?:年|个月)?)*、(?P<b>{_SMALL})"
    r"(?P<unit>年|个月)(?![来间中前后代度底初末])"
)
# 两三次, 五、六个人, 三五年, 七八十岁, 十五六岁, 七八万人: two adjacent numerals (or the
# conventional 三五) are an approximation, one range, not a positional number (两三 is not 23).
_PAIR = re.compile(
    rf"(?<![{_CN}第几数])(?P<pre>[一二三四五六七八九]?十)?(?P<a>[一二两三四五六七八九])、?"
    rf"(?P<b>[二两三四五六七八九])(?P<place>[十百千](?![{_CN}]))?(?P<mult>{numbers.MAGNITUDE})?"
    rf"(?P<approx>多|余)?(?P<unit>{_UNIT})?"
)
# 一年零九个月: a compound duration, read in months.
_YEAR_MONTHS = re.compile(rf"(?P<y>{_SMALL}+)年零?(?P<m>{_SMALL}+)个月")
# Round numbers without a leading digit: 上百年 (≥ 100), 裁军百万 (a bare million at a boundary).
# 走过百年奋斗历程: the party's age (百年 elsewhere names an epoch: 百年大计, 百年未有之大变局);
# 近百个国家 (≈ 100), 逾百 (≥ 100).
_ROUND = re.compile(
    rf"(?<![{_CN}数几])(?:(?:(?<=上)|(?<=近)|(?<=逾)|(?<=走过))百(?P<mag>亿|万)?(?P<unit>{_UNIT})"
    r"|百万(?=的|[,;:。]|$))"
)
# 一百万千瓦, 四十万千瓦左右: the 千 of 千瓦/千克/千米 belongs to the unit, which the numeral
# grammar would swallow (一百万千 read as one number).
_KILO = re.compile(
    rf"(?<![{_CN}\d])(?P<num>[{_CN}]+?)(?P<mult>[万亿])?(?P<unit>千瓦时|千瓦|千克|千米)"
)
# Multiples written as doublings: 翻一番 (×2), 翻两番 (×4); 翻番 alone is 翻一番.
_DOUBLING = re.compile(r"翻了?(?P<n>[一二两三四])?番")
# Tenths: 两成 = 20 %. 一成不变 is an idiom.
_TENTHS = re.compile(
    r"(?<![一二三四五六七八九十])(?P<n>[二两三四五六七八九])成(?![为果立绩员本功熟就效长])"
)
# What every quantity contains; most sentences have none of it and skip the rest.
_CANDIDATE = re.compile(rf"[\d{_CN}xX×]|翻|成|半")
# Text just before a number that makes it an identifier or ordinal (表3, not 代表百分之九十).
_ID_BEFORE = re.compile(
    r"(?:第|专栏|(?<![代发列])表|图|附件|编号|No\.?|[A-Za-z]|届|化|卷|页|之|以上)\s*$"
)
# 几十年, 数十万, 若干: a vague amount, never a value (only before Chinese numerals).
# (数 of a noun is no vague 数: 尾数一千七百万, 人数三百, 总数八百)
_VAGUE_BEFORE = re.compile(r"(?:几|(?<![尾人总次件户个岁位基倍指系分])数|若干)$")
# Text just after a quantity that makes it a session number, a slogan or a discourse count.
_ID_AFTER = re.compile(
    r"^(?:代表大会|方面|国集团|中全会"
    r"|代表|全面|明确|坚持|自信|意识|维护|有利于|务必|基本点|凡是|统筹|一百年|必须)"
)
_CLAUSE_BREAK = re.compile(r"[,;:。!?]")
# 一万五千, 三千二百, 一千零五十: a numeral of two places or more (never an idiom or a name).
_COMPOUND = re.compile(r"[一二两三四五六七八九][千万](?:零?[一二两三四五六七八九][千百十]?)+")
# 七个校务委员, 三个人: 个 before a person counts people (三个世界, 两个凡是 do not); 九个委员
# 当中,七个是无政府主义者: 个 before a verb counts the things just named.
_PEOPLE_AFTER = re.compile(
    r"[^,;:。的]{0,3}?(?:委员|同志|工人|党员|学生|孩子|子女|人(?![民类才心口性士]))|(?:都|也)?是"
)
# 两个工人组织,一个是…,另一个是…: a count the text spells out next.
_SPELLED_NEXT = re.compile(r"[^。]{0,20}?[,:]\s*(?:一|其一|其中一)(?:个|次|项|条|种|是)")

_COMPARATOR_AFTER = [
    (re.compile(r"^(?:及|或)?以上|^多|^之多"), "≥"),
    (re.compile(r"^(?:及|或)?(?:以内|以下|之内)"), "≤"),
    (re.compile(r"^(?:左右|上下|内外)"), "≈"),
]
# Units of people: 两名代表 counts delegates (三个代表 names a doctrine).
_PERSON_UNITS = ("名", "位", "人")


@dataclass(frozen=True)
class Hit:
    """One quantity found in a sentence (positions index the normalised sentence)."""

    start: int
    end: int
    value: float | None
    value_high: float | None
    unit: str
    multiplier: float
    unit_base: str
    comparator_hint: str
    placeholder: str
    qualitative: bool = False
    factor: float = 1.0


# Pure str -> str functions called several times on one text (a paragraph for each of its
# sentences, a sentence by the quantity and the commitment passes): cached, not recomputed.
@functools.lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """The package's normaliser (NFKC, Traditional to Simplified, whitespace), then typesetting
    repairs of numbers (:func:`~policystudy.targets.typeset.repair_typesetting`)."""
    from policystudy.ingest.normalize import normalize_text

    return repair_typesetting(normalize_text(text))


def split_sentences(text: str) -> list[str]:
    """The package's sentence splitter (``;`` does not split)."""
    from policystudy.ingest.structure import split_sentences as _split

    return _split(text)


def clause_start(text: str, pos: int) -> int:
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, pos)]
    return breaks[-1] if breaks else 0


def clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_BREAK.search(text, pos)
    return m.start() if m else len(text)


def _value(num: str, mult: str) -> tuple[float, str]:
    # The value as written before the final 万/亿 of the unit: 十亿四千万 -> 104000 (万).
    chinese = bool(_CHINESE_RE.fullmatch(num)) and not num.isdigit()
    if chinese and "点" in num:
        # 四十七点三万亿: the decimal number is the value before the magnitude.
        return numbers.parse_number(num), mult
    if chinese:
        if not mult:
            num, mult = numbers.split_magnitude(num)
            if mult:
                return numbers.parse_number(num + mult) / numbers.MAGNITUDES[mult], mult
            return numbers.parse_number(num), ""
        return numbers.parse_number(num + mult) / numbers.MAGNITUDES[mult], mult
    return numbers.parse_number(num), mult


def find_quantities(sentence: str) -> list[Hit]:
    """Every quantity of a normalised sentence, in order.

    Examples
    --------
    >>> [(h.value, h.unit) for h in find_quantities("从五十四万亿元增长到一百一十四万亿元")]
    [(54.0, '万亿元'), (114.0, '万亿元')]
    >>> [(h.value, h.value_high, h.unit) for h in find_quantities("增长6%-6.5%")]
    [(6.0, 6.5, '%')]
    """
    if not _CANDIDATE.search(sentence):
        return []
    masked = mask(sentence)
    pairs, paired = _pairs(masked)
    raw = []
    for m in _QUANTITY.finditer(masked):
        if any(a < m.end() and m.start() < b for a, b in paired):
            continue  # read as an approximate pair (两三次 is 2 to 3, not 23)
        num = m.group("num")
        placeholder = bool(_PLACEHOLDER_RE.fullmatch(num))
        chinese = not placeholder and not re.match(r"\d", num)
        mult = (m.group("mult") or "") + (m.group("mult2") or "")
        if chinese and m.group("approx1") == "几" and num != "十":
            continue
        if placeholder:
            value = None
        else:
            try:
                value, mult = _value(num, mult)
            except ValueError:
                continue
        raw.append(
            (m, num, chinese, mult, m.group("unit") or "", m.group("pct"), placeholder, value)
        )

    hits: list[Hit] = []
    skip_next = False
    for i, (m, num, chinese, mult, unit, pct, placeholder, value) in enumerate(raw):
        if skip_next:
            skip_next = False
            continue
        start, end = m.start(), m.end()
        before = masked[max(0, start - 6) : start]
        # Range 30%至40% / 四十至五十名 / 五万到六万人: joined when only a connector separates
        # the two numbers and the units agree.
        if i + 1 < len(raw) and not placeholder:
            nm, _, _, nmult, nunit, npct, nplace, nvalue = raw[i + 1]
            gap = masked[end : nm.start()]
            # 百分之八到九, 四十至五十名 ... and 八到九% : the unit written once serves both.
            shared = (
                not (nunit or npct or nmult)
                and bool(unit or pct)
                and value is not None
                and nvalue is not None
                and nvalue > value
            )
            if (
                gap
                and (
                    _RANGE_JOIN.fullmatch(gap)
                    or (_HORIZON_JOIN.fullmatch(gap) and unit == nunit == "年")
                )
                and ((nunit or npct or nmult) or shared)
                and not nplace
                and (shared or not unit or unit == nunit)
                and (shared or not mult or mult == nmult)
            ):
                end = nm.end()
                skip_next = True
                hits.append(
                    _make_hit(
                        start,
                        end,
                        value,
                        nvalue,
                        unit if shared else nunit,
                        mult if shared else nmult,
                        "",
                        pct or npct,
                        masked[end : end + 6],
                    )
                )
                continue
        if not unit and not pct and mult and not chinese:
            # 分别净减少10.6万、3.8万、3.3万平方公里: the unit written after the last of a chain.
            unit = _chained_unit(raw, i, masked, mult)
        if not unit and not pct:
            # A bare 667万 / 七千多万(党员) is a count; a number with no unit is not, except a
            # large Chinese count with 多 / 以上 before 的 (二百多的中央委员, 一千以上的干部).
            tail = masked[end : end + 3]
            loose = (chinese and value is not None and value >= 100 and not mult
                     and (tail.startswith("以上的") or (m.group("approx1") and tail.startswith("的"))))  # fmt: skip
            # 约有一万五千, 一千六百用在…: a compound numeral (two places or more) is a count
            # even with no unit after it.
            loose = loose or bool(chinese and not mult and _COMPOUND.fullmatch(num))
            if not loose and (not mult or (chinese and num in ("万", "亿"))):
                shared_unit = _shared_unit(raw, i, masked) if not chinese and not mult else None
                if shared_unit is None:
                    continue
                unit, mult = shared_unit
        passage = unit == "年" and before.endswith(("经过", "历时"))  # 经过25年坚持不懈的努力
        if _ID_BEFORE.search(before) or (_id_after(masked[end:], unit) and not passage):
            continue
        if chinese and _VAGUE_BEFORE.search(before):
            continue
        if chinese and unit in articles.ENUM_UNITS and value is not None and value < 20:
            if _SPELLED_NEXT.match(masked, end):
                continue  # 两个工人组织,一个是…,另一个是…: the count of what is spelled out
        people = unit == "个" and num != "一" and bool(_PEOPLE_AFTER.match(masked, end))
        # 百分之一 is one per cent, never an article.
        if (
            chinese
            and not people
            and not pct
            and articles.is_enumeration_or_article(
                masked, start, num, unit, mult, clause_from=clause_start(masked, start)
            )
        ):
            continue
        if placeholder:
            hits.append(
                _make_hit(start, end, None, None, unit, mult, num, pct, masked[end : end + 6])
            )
            continue
        hint = "≥" if (m.group("approx1") or m.group("approx2")) else ""
        if unit in units.HALF_UNITS and masked.startswith("半", end) and value is not None:
            value, end = value + 0.5, end + 1  # 五天半, 一年半: and a half
        hits.append(
            _make_hit(start, end, value, None, unit, mult, "", pct, masked[end : end + 6], hint)
        )

    for m in _FRACTION.finditer(masked):
        if m.group(0) == "一半":
            value = 0.5
        else:
            try:
                value = numbers.parse_number(m.group("num")) / numbers.parse_number(m.group("den"))
            except (ValueError, ZeroDivisionError):
                continue
        hits.append(Hit(m.start(), m.end(), round(value, 6), None, "分之", 100.0, "%", "", ""))
    for m in _ENUM_RANGE.finditer(masked):
        items = re.findall(_SMALL, m.group(0))
        values = [numbers.parse_number(x) for x in items]
        if any(b - a != 1 for a, b in itertools.pairwise(values)):
            continue  # not a run of consecutive horizons
        unit = m.group("unit")
        hits.append(_make_hit(m.start(), m.end(), values[0], values[-1], unit, "", "", None,
                              masked[m.end() : m.end() + 6]))  # fmt: skip
    for m in _YEAR_MONTHS.finditer(masked):
        try:
            months = numbers.parse_number(m.group("y")) * 12 + numbers.parse_number(m.group("m"))
        except ValueError:
            continue
        hits.append(_make_hit(m.start(), m.end(), months, None, "个月", "", "", None,
                              masked[m.end() : m.end() + 6]))  # fmt: skip
    for m in _ROUND.finditer(masked):
        # 近百亿元: a hundred 亿 (≈); 百万 alone is a million.
        unit, mult = m.group("unit") or "", m.group("mag") or ("" if m.group("unit") else "万")
        hint = {"上": "≥", "逾": "≥", "近": "≈"}.get(masked[m.start() - 1 : m.start()], "")
        hits.append(_make_hit(m.start(), m.end(), 100.0, None, unit, mult, "", None,
                              masked[m.end() : m.end() + 6], hint))  # fmt: skip
    for m in units.ROUND_MAGNITUDE.finditer(masked):
        hits.append(_make_hit(m.start(), m.end(), 1.0, None, "", m.group(0), "", None,
                              masked[m.end() : m.end() + 6], "≥"))  # fmt: skip
    for m in _KILO.finditer(masked):
        try:
            value, mult = _value(m.group("num"), m.group("mult") or "")
        except ValueError:
            continue
        hits.append(_make_hit(m.start(), m.end(), value, None, m.group("unit"), mult, "", None,
                              masked[m.end() : m.end() + 6]))  # fmt: skip
    for m in _DOUBLING.finditer(masked):
        n = numbers.parse_number(m.group("n")) if m.group("n") else 1.0
        hits.append(Hit(m.start(), m.end(), n, None, "番", 1.0, "倍", "", "", factor=2.0))
    for m in _TENTHS.finditer(masked):
        n = numbers.parse_number(m.group("n"))
        hits.append(Hit(m.start(), m.end(), n, None, "成", 10.0, "%", "", ""))
    hits += pairs
    hits = [h for h in hits if not any(o is not h and o.start <= h.start and h.end <= o.end
                                        and (o.end - o.start) > (h.end - h.start) for o in hits)]  # fmt: skip
    # 一、两年 is read both as enumerated horizons and as a pair: one hit per span.
    hits = list({(h.start, h.end): h for h in reversed(hits)}.values())
    return _progressions(masked, sorted(hits, key=lambda h: (h.start, h.end)))


def _shared_unit(raw: list, i: int, masked: str) -> tuple[str, str] | None:
    # 分别高4.2和0.7个百分点: a bare number joined by 和/、/与 to the next, which carries the unit
    # written once for both. Not a year (2015和2016年 are masked as years already).
    if i + 1 >= len(raw):
        return None
    m, nm = raw[i][0], raw[i + 1][0]
    nunit, npct, nmult = raw[i + 1][4], raw[i + 1][5], raw[i + 1][3]
    if masked[m.end() : nm.start()] not in units.SHARED_JOIN or not (nunit or nmult) or npct:
        return None
    return nunit, nmult


def _chained_unit(raw: list, i: int, masked: str, mult: str) -> str:
    # Numbers of the same magnitude joined by 、/和 (10.6万、3.8万、3.3万平方公里) share the unit
    # written after the last of them; "" when the chain ends without one.
    j = i
    while j + 1 < len(raw):
        m, nm = raw[j][0], raw[j + 1][0]
        if masked[m.end() : nm.start()] not in units.SHARED_JOIN or raw[j + 1][3] != mult:
            return ""
        if raw[j + 1][5]:
            return ""
        if raw[j + 1][4]:
            return raw[j + 1][4]
        j += 1
    return ""


def _pairs(masked: str) -> tuple[list[Hit], list[tuple[int, int]]]:
    """两三次, 五、六个人, 三五年, 七八十岁, 七八万人: approximate pairs, each read as a range.

    Returns the hits and the spans of every pair with a unit (一两件事情, "a thing or two", is
    vague: its span is returned, so that it is not read as 12, but no hit).
    """
    out, spans = [], []
    for m in _PAIR.finditer(masked):
        a, b = numbers.parse_number(m.group("a")), numbers.parse_number(m.group("b"))
        if not (b == a + 1 or (a, b) == (3.0, 5.0)):
            continue
        unit, mult, place = m.group("unit") or "", m.group("mult") or "", m.group("place") or ""
        if not unit and not mult:
            continue  # 三五成群, 四五运动, 七八十: no unit, no count
        spans.append((m.start(), m.end()))
        if a == 1 and "、" not in m.group(0):
            continue  # 一两件事情: a vague amount
        if m.group("pre") and place:
            continue
        if _ID_BEFORE.search(masked[max(0, m.start() - 6) : m.start()]):
            continue
        scale = numbers.parse_number("一" + place) if place else 1.0
        base = numbers.parse_number(m.group("pre")) if m.group("pre") else 0.0
        low, high = base + a * scale, base + b * scale
        hint = "≥" if m.group("approx") else ""
        out.append(_make_hit(m.start(), m.end(), low, high, unit, mult, "", None,
                             masked[m.end() : m.end() + 6], hint))  # fmt: skip
    return out, spans


def _id_after(after: str, unit: str) -> bool:
    # 十九次全国代表大会, 三个代表: a session or a slogan; 两名代表 counts delegates.
    m = _ID_AFTER.match(after)
    if not m:
        return False
    return not (unit in _PERSON_UNITS and m.group(0) == "代表" and not after.startswith("代表大会"))


def _progressions(masked: str, hits: list[Hit]) -> list[Hit]:
    """十次、二十次、三十次: three or more values in equal steps joined by 、 are one range."""
    out: list[Hit] = []
    i = 0
    while i < len(hits):
        j = i
        while (
            j + 1 < len(hits)
            and masked[hits[j].end : hits[j + 1].start] == "、"
            and hits[j + 1].unit == hits[i].unit
            and hits[j + 1].value_high is None
            and hits[j + 1].value is not None
        ):
            j += 1
        run = hits[i : j + 1]
        values = [h.value for h in run]
        steps = {
            round(b - a, 9)
            for a, b in itertools.pairwise(values)
            if a is not None and b is not None
        }
        if len(run) >= 3 and len(steps) == 1 and min(steps) > 0 and run[0].value_high is None:
            first, last = run[0], run[-1]
            out.append(replace(first, end=last.end, value_high=last.value,
                               comparator_hint=last.comparator_hint or first.comparator_hint))  # fmt: skip
            i = j + 1
            continue
        out.append(hits[i])
        i += 1
    return out


def _make_hit(start, end, value, high, unit, mult, placeholder, pct, after, hint=""):
    multiplier = float(numbers.MAGNITUDES.get(mult, 1))
    # A bare 667万 counts things the text does not name: its base unit is the count 个.
    sign = "‰" if pct == "千分之" else "%"
    base = sign if pct else unit or ("个" if mult else "")
    written = f"{mult}{unit}" if not pct else sign
    for pattern, symbol in _COMPARATOR_AFTER:
        if pattern.search(after):
            hint = symbol
            break
    return Hit(start, end, value, high, written, multiplier, base, hint, placeholder)
