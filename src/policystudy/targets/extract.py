"""Quantified targets: the numbers a policy text commits to, reports or sets as a rule.

For every quantity in a sentence the extractor records the indicator it measures, the value (and
the upper end of a range), the unit as written, a normalised value in a base unit, the
comparator, the deadline, the kind and the cue words that decided the kind:

``target``
    a commitment (到2025年…达到55%以上, 力争, 计划, 确保, 将, or a plain level in a plan);
``status``
    a reported fact (目前, 已, 今年一季度, 近5年来, 共有, 位居…);
``rule``
    a standing formula or standard (按照…的30%至40%动态调整, 挂钩, 自2020年1月1日起…);
``placeholder``
    a number left unfilled in the source (20xx张): no value, never parsed as 20 or 202.

Non-numeric commitments are recorded with a documented value: 全覆盖 is 100 (unit ``全覆盖``,
base unit ``%``) and 翻番 / 翻一番 is 2 (unit ``翻番``, base unit ``倍``), so the unit column
always shows that the number was not written in the text.

Never extracted: dates and times, years (deadlines, base years, plan periods), list numbering,
ordinals (第十八届, 第一个), version numbers (教育信息化2.0), box and plot numbers (专栏12, 4号地),
anything inside “…” or 《…》 (slogans such as “三支一扶”, “一老一小”), hospital and school
grades (三级, 四星级), session numbers (十三届三次全会), enumeration summaries that count the
items just listed (社保卡申领、激活…六项基础业务, 五个方面, 三大保险), the indefinite article
一 + classifier (一个最重要的指标) and figures of speech (健康是1): a number counts only when a
unit of measurement follows it.

Text must be normalised first (NFKC width folding and Traditional-to-Simplified conversion);
:func:`extract_targets` does it itself, so full-width digits and Traditional input work, and
the regexes below are written for the normalised form (ASCII ``, : ( ) %``).

Examples
--------
>>> rows = extract_targets("到2025年,公办园在园幼儿比例力争达到55%以上。")
>>> [(r["value"], r["unit"], r["comparator"], r["deadline"], r["kind"]) for r in rows]
[(55.0, '%', '≥', '到2025年', 'target')]
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from policystudy.core import resources

TARGET_COLUMNS = [
    "sentence_id",
    "indicator",
    "canonical_indicator",
    "value",
    "value_high",
    "unit",
    "value_normalized",
    "unit_base",
    "comparator",
    "deadline",
    "kind",
    "cue",
    "sentence",
]
PARAGRAPH_COLUMNS = ["doc_id", "group", "paragraph_id"]
KINDS = ("target", "status", "rule", "placeholder")

# --- regexes -----------------------------------------------------------------------------------
_CN_DIGIT = "零〇一二两三四五六七八九"
_CN_NUMERAL = f"{_CN_DIGIT}十百千万亿"
# 31,150 / 2.15 / 31150. A comma group needs exactly three digits after each comma, because the
# normalised text also uses "," between clauses.
_ARABIC = r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
# Must start with a digit word: 万人 (per 10,000 people) and 每千 are not quantities.
_CHINESE = rf"[一二两三四五六七八九十][{_CN_NUMERAL}]*"
# 20xx, 202x, xx, ××: a number the drafters never filled in.
_PLACEHOLDER = r"(?<![A-Za-z])(?:\d+[xX]+\d*|[xX]{2,}|×{2,})(?![A-Za-z])"
# Units as written after normalisation, longest first; negative look-aheads keep words such as
# 家庭, 所有, 支持, 条件 from being read as classifiers.
_UNITS = [
    "个百分点", "百分点", "平方公里", "平方米", "立方米", "万人次", "人次", "个月", "分钟", "小时",
    "公里", "公顷", "千瓦", "%", "‰", "人", "名", "位", "户", "家(?![庭长属园])", "所(?!有)",
    "个", "张", "床", "岁", "元", "天(?![津然])", "周(?![边期年])", "次", "项(?!目)", "套", "间",
    "座", "处(?![理置])", "条(?![件例款])", "台(?!阶)", "辆", "支(?![持出付撑柱])",
    "场(?![所地馆])", "篇", "册", "倍", "米", "亩", "吨", "类", "种(?![类植子])", "班(?!子)",
]  # fmt: skip
_UNIT = "|".join(_UNITS)
# Compiled once: re.fullmatch with a pattern string looks the pattern up in re's cache per call.
_ARABIC_RE = re.compile(_ARABIC)
_CHINESE_RE = re.compile(_CHINESE)
_PLACEHOLDER_RE = re.compile(_PLACEHOLDER)
_UNIT_NOTE = re.compile(r"\(.*")
_QUANTITY = re.compile(
    rf"(?P<pct>百分之)?(?P<num>{_PLACEHOLDER}|{_ARABIC}|{_CHINESE})"
    rf"(?P<approx1>余|多)?(?P<mult>万|亿)?(?P<approx2>余|多)?(?P<unit>{_UNIT})?"
)
_RANGE_JOIN = re.compile(r"\s*(?:至|到|~|-|—|–|－)\s*$")
# Non-numeric targets with a documented value.
# 健全覆盖… is 健全 + 覆盖, not 全覆盖.
_QUALITATIVE = re.compile(r"(?<!健)全覆盖|翻两番|翻一番|翻番")
_QUALITATIVE_VALUE = {"全覆盖": (100.0, "%"), "翻两番": (4.0, "倍"), "翻一番": (2.0, "倍")}
_QUALITATIVE_VALUE["翻番"] = _QUALITATIVE_VALUE["翻一番"]
# What every quantity (a digit, a Chinese digit word, a placeholder x or ×) or qualitative
# target contains. Most sentences have none of it and skip the masks and _QUANTITY; masking
# only writes "#", so it cannot create a candidate.
_CANDIDATE = re.compile(r"[\d一二两三四五六七八九十xX×]|全覆盖|翻")
# Spans never read as quantities: quotations, titles, dates, times, years, plan periods.
_MASKS = [
    re.compile(r"“[^“”]*”|《[^《》]*》|\"[^\"]*\""),
    re.compile(r"\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}"),
    re.compile(r"\d{1,2}:\d{2}(?::\d{2})?"),
    re.compile(r"(?:19|20)[\dxX]{2}\s*(?:[~\-—–至到]\s*(?:19|20)[\dxX]{2}\s*)?年"),
    re.compile(rf"[\d{_CN_NUMERAL}]+\s*月(?:\s*[\d{_CN_NUMERAL}]+\s*[日号])?"),
]
# Text just before a number that makes it an identifier or ordinal.
_ID_BEFORE = re.compile(r"(?:第|专栏|表|图|附件|编号|No\.?|[A-Za-z]|届|化)\s*$")
# Text just after a quantity that makes it a session number or a discourse count.
_ID_AFTER = re.compile(r"^(?:全会|会议|代表大会|方面)")
# Chinese-numeral counts summarising an enumeration just listed with 、.
_ENUM_UNITS = {"项", "个", "类", "种", "大", "条"}
_CLAUSE_BREAK = re.compile(r"[,;:。!?]")

_COMPARATOR_AFTER = [
    (re.compile(r"^(?:及|或)?以上|^多"), "≥"),
    (re.compile(r"^(?:及|或)?(?:以内|以下)"), "≤"),
    (re.compile(r"^(?:左右|上下)"), "≈"),
]
# The last cue before the number decides; negated forms are listed before their stems.
_COMPARATOR_BEFORE = re.compile(
    r"(?P<le>不超过|不高于|不多于|控制在|低于|最多|以内)"
    r"|(?P<ge>超过|不低于|不少于|至少|高于|突破|逾|多于)"
    r"|(?P<approx>接近|近乎|约(?:为)?(?=\s*$))"
)

_DEADLINE = re.compile(
    r"(?:到|至|于|截止到|力争到|争取到)\s*(?:19|20)[\dxX]{2}\s*年(?:底|末)?(?:前)?"
    r"|(?:19|20)[\dxX]{2}\s*年(?:底|末)?\s*(?:前|以前|之前)"
)
_RULE_CUES = re.compile(
    r"动态调整|挂钩|联动机制|自\s*(?:19|20)\d{2}\s*年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:起|开始)"
    r"|标准为|核定为|不得(?:超过|低于)"
)
# 按照上年度人均消费支出的30%: a share of some base quantity is a formula, not a level.
_RULE_FORMULA_LEFT = re.compile(r"按(?:照)?[^,;:]{0,40}?的\s*$")
_STATUS_CUES = re.compile(
    r"目前|当前|现有|共有|已(?!将)|截至|截止目前|[一二三四]季度|上半年|前\d+个?月|今年以来"
    r"|去年|上年(?!度)|近\d+年来|近[一二三四五六七八九十]+年来|过去\d*年|位居|排名|同比|较上年"
)
_TARGET_CUES = re.compile(
    r"力争|争取|计划|目标|确保|预计|力求|列入|(?<!已)将(?!近)"
    r"|(?:到|至|于|截止到)\s*(?:19|20)[\dxX]{2}\s*年(?:底|末)?(?:前)?"
    r"|(?:19|20)[\dxX]{2}\s*年(?:底|末)?\s*(?:前|以前|之前)"
)
_WEAK_TARGET_CUES = re.compile(
    r"达到|达|提高到|提高至|提升到|提升至|增加到|新增|建成|实现|控制在|保持在|超过|不低于|以上"
)

# Indicator clean-up: time phrases, subjects and verbs around the measured phrase.
_INDICATOR_DROP = re.compile(
    r"(?:到|至|于|截至|截止到)?\s*(?:19|20)[\dxX]{2}\s*年(?:底|末|前|以前)?"
    r"|今年(?:一季度|上半年|以来)?|[一二三四]季度|目前|当前|近\d+年来|每年"
    r"|比\s*(?:19|20)\d{2}\s*年|比上年"
)
_INDICATOR_LEAD = re.compile(
    r"^(?:全市|全区|全省|全县|我市|我区|市政府|区政府|同时|其中|并|和|及|、|\s)+"
)
_INDICATOR_VERBS = (
    "力争|争取|确保|计划|预计|累计|至少|基本|均|分别|已经|已|将|达到|达|为|是|控制在|保持在|"
    "提高到|提高至|提升到|提升至|增加到|增长到|超过|不低于|不少于|不超过|低于|高于|接近|约|突破|"
    "实现|建成|建设|建有|覆盖"
)
_INDICATOR_TRAIL = re.compile(rf"(?:{_INDICATOR_VERBS}|的|\s)+$")
_INDICATOR_HEAD = re.compile(rf"^(?:{_INDICATOR_VERBS}|的|以上|以内|以下|左右|\s)+")
# Verbs that open a clause before the measured phrase (已新开办…, 计划新建…, 实现人均预期寿命).
_INDICATOR_OPEN = re.compile(
    r"^(?:力争|争取|确保|计划|预计|至少|累计|基本|已经|已将|已|将|实现|\s)+"
)
_CLASSIFIERS = set("个家所张名位户座处条台辆套间项支场类种班床")
_ENUM_JOIN = re.compile(r"^\s*(?:、|和|及|与|或|,)\s*$")
MIN_INDICATOR = 2


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    value: float | None
    value_high: float | None
    unit: str
    multiplier: float
    unit_base: str
    comparator_hint: str
    placeholder: str


# --- numbers -----------------------------------------------------------------------------------
_CN_VALUES = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN_VALUES |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_LARGE = {"万": 10_000, "亿": 100_000_000}


def parse_chinese_number(text: str) -> float:
    """Value of a number written in Chinese numerals.

    Parameters
    ----------
    text : str
        Numerals such as ``三十``, ``两千``, ``一万二千``, ``十五``.

    Returns
    -------
    float

    Examples
    --------
    >>> parse_chinese_number("三十"), parse_chinese_number("两千"), parse_chinese_number("十五")
    (30.0, 2000.0, 15.0)
    >>> parse_chinese_number("一万二千")
    12000.0
    """
    total = 0
    section = 0
    digit = None
    for ch in text:
        if ch in _CN_VALUES:
            digit = _CN_VALUES[ch]
        elif ch in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit = None
        elif ch in _CN_LARGE:
            total += (section + (digit or 0)) * _CN_LARGE[ch]
            section, digit = 0, None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return float(total + section + (digit or 0))


def _parse_number(text: str) -> float:
    if _ARABIC_RE.fullmatch(text):
        return float(text.replace(",", ""))
    return parse_chinese_number(text)


# --- normalisation -----------------------------------------------------------------------------
def _normalize(text: str) -> str:
    # The lead's normaliser (NFKC + OpenCC t2s + whitespace); one entry point for all modules.
    from policystudy.ingest.normalize import normalize_text

    return normalize_text(text)


def _split_sentences(text: str) -> list[str]:
    from policystudy.ingest.structure import split_sentences

    return split_sentences(text)


# --- indicators YAML ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Indicators:
    """Canonical indicator names and their compiled surface patterns, in file order."""

    entries: tuple[tuple[str, tuple[re.Pattern, ...]], ...]

    def canonical(self, indicator: str) -> str:
        """Canonical name of ``indicator``; the first entry with a matching pattern wins.

        Examples
        --------
        >>> load_indicators().canonical("职工参保率")
        '参保率'
        >>> load_indicators().canonical("制度建设")
        ''
        """
        for name, patterns in self.entries:
            if any(p.search(indicator) for p in patterns):
                return name
        return ""

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.entries]


def load_indicators(path: Path | str | None = None) -> Indicators:
    """Read the canonical-indicator YAML (``canonical name -> list of regex patterns``).

    Parameters
    ----------
    path : path, optional
        YAML file; ``None`` or ``""`` reads the packaged ``data/indicators.yaml``.

    Returns
    -------
    Indicators

    Raises
    ------
    ValueError
        If the file is not a mapping of names to non-empty lists of valid regexes.

    Examples
    --------
    >>> ind = load_indicators()
    >>> ind.canonical("全市护理型床位占养老机构床位比例")
    '护理型床位占比'
    """
    path = Path(path) if path else resources.INDICATORS
    return _load_indicators_cached(str(Path(path).resolve()), Path(path).stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _load_indicators_cached(path: str, _mtime: int) -> Indicators:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    data = raw.get("indicators") if isinstance(raw, dict) else None
    if not isinstance(data, dict) or not data:
        raise ValueError(f"{path}: expected a top-level 'indicators:' mapping of name -> patterns")
    entries = []
    problems = []
    for name, patterns in data.items():
        if not isinstance(patterns, list) or not patterns:
            problems.append(f"{name!r}: needs a non-empty list of patterns")
            continue
        compiled = []
        for pat in patterns:
            try:
                compiled.append(re.compile(str(pat)))
            except re.error as exc:
                problems.append(f"{name!r}: bad pattern {pat!r} ({exc})")
        entries.append((str(name), tuple(compiled)))
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return Indicators(entries=tuple(entries))


def _as_indicators(indicators) -> Indicators:
    if isinstance(indicators, Indicators):
        return indicators
    if indicators is None or isinstance(indicators, (str, Path)):
        return load_indicators(indicators)
    if isinstance(indicators, Mapping):
        return Indicators(
            entries=tuple(
                (str(k), tuple(re.compile(str(p)) for p in v)) for k, v in indicators.items()
            )
        )
    raise TypeError("indicators must be None, a path, a mapping or an Indicators object")


# --- extraction --------------------------------------------------------------------------------
def _mask(sentence: str) -> str:
    # Same length as the sentence, so positions in the masked text index the original.
    out = sentence
    for pattern in _MASKS:
        out = pattern.sub(lambda m: "#" * len(m.group(0)), out)
    return out


def _clause_start(text: str, pos: int) -> int:
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, pos)]
    return breaks[-1] if breaks else 0


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_BREAK.search(text, pos)
    return m.start() if m else len(text)


def _find_quantities(sentence: str) -> list[_Hit]:
    if not _CANDIDATE.search(sentence):
        return []
    masked = _mask(sentence)
    raw = []
    for m in _QUANTITY.finditer(masked):
        num = m.group("num")
        chinese = bool(_CHINESE_RE.fullmatch(num))
        mult_text = m.group("mult") or ""
        # 一万户 / 三十万人: a trailing 万 of a Chinese numeral is the multiplier, as in 1万户.
        if chinese and num[-1] in _CN_LARGE and len(num) > 1 and not mult_text:
            mult_text, num = num[-1], num[:-1]
        unit = m.group("unit") or ""
        pct = m.group("pct")
        placeholder = bool(_PLACEHOLDER_RE.fullmatch(num))
        raw.append((m, num, chinese, mult_text, unit, pct, placeholder))

    hits: list[_Hit] = []
    skip_next = False
    for i, (m, num, chinese, mult_text, unit, pct, placeholder) in enumerate(raw):
        if skip_next:
            skip_next = False
            continue
        start, end = m.start(), m.end()
        before = masked[max(0, start - 6) : start]
        after = masked[end : end + 6]
        # Range "30%至40%" / "30至40%": join with the next number when only a connector separates
        # them and the units agree.
        if i + 1 < len(raw) and not placeholder:
            nm, nnum, _, nmult, nunit, _, nplace = raw[i + 1]
            gap = masked[end : nm.start()]
            if (
                gap
                and _RANGE_JOIN.fullmatch(gap)
                and nunit
                and not nplace
                and (not unit or unit == nunit)
                and (not mult_text or mult_text == nmult)
            ):
                unit, mult_text = nunit, nmult
                high = _parse_number(nnum)
                value = _parse_number(num)
                end = nm.end()
                skip_next = True
                after = masked[end : end + 6]
                hits.append(_make_hit(start, end, value, high, unit, mult_text, "", pct, after))
                continue
        if not unit:
            # A bare 667万 is a count; a bare Chinese 一万 or any unitless number is not.
            if not (mult_text and not chinese and not placeholder):
                if not pct:
                    continue
        if pct:
            unit = "%"
        if _ID_BEFORE.search(before) or _ID_AFTER.match(masked[end:]):
            continue
        if chinese and _is_enumeration_or_article(masked, start, num, unit, mult_text):
            continue
        if placeholder:
            hits.append(_make_hit(start, end, None, None, unit, mult_text, num, pct, after))
            continue
        value = _parse_number(num)
        hint = "≥" if (m.group("approx1") or m.group("approx2")) else ""
        hits.append(_make_hit(start, end, value, None, unit, mult_text, "", pct, after, hint))

    for m in _QUALITATIVE.finditer(masked):
        word = m.group(0)
        value, base = _QUALITATIVE_VALUE[word]
        unit = "翻番" if word.startswith("翻") and word != "翻两番" else word
        hits.append(_Hit(m.start(), m.end(), value, None, unit, 1.0, base, "", placeholder=""))
    return sorted(hits, key=lambda h: (h.start, h.end))


def _make_hit(start, end, value, high, unit, mult_text, placeholder, pct, after, hint=""):
    multiplier = float(_CN_LARGE.get(mult_text, 1))
    base = "%" if pct else _UNIT_NOTE.sub("", unit)
    written = f"{mult_text}{unit}" if not pct else "%"
    for pattern, symbol in _COMPARATOR_AFTER:
        if pattern.search(after):
            hint = symbol
            break
    return _Hit(start, end, value, high, written, multiplier, base, hint, placeholder)


def _is_enumeration_or_article(masked: str, start: int, num: str, unit: str, mult: str) -> bool:
    if mult:
        return False
    # 一个最重要的指标 / 一批: the numeral 一 with a classifier reads as an indefinite article.
    if num == "一" and unit != "%":
        return True
    # 申领、激活、…补换六项基础业务 / 养老、医疗、失业三大保险: a count of what was just listed.
    clause = masked[_clause_start(masked, start) : start]
    return unit in _ENUM_UNITS and "、" in clause[-30:]


def _comparator(sentence: str, hit: _Hit) -> str:
    if hit.comparator_hint:
        return hit.comparator_hint
    left = sentence[_clause_start(sentence, hit.start) : hit.start]
    found = list(_COMPARATOR_BEFORE.finditer(left))
    if not found:
        return "="
    last = found[-1]
    return {"le": "≤", "ge": "≥", "approx": "≈"}[last.lastgroup]


def _deadline(sentence: str, hit: _Hit) -> str:
    found = list(_DEADLINE.finditer(sentence))
    before = [m for m in found if m.end() <= hit.start]
    if before:
        return before[-1].group(0).strip()
    after = [m for m in found if m.start() >= hit.end]
    return after[0].group(0).strip() if after else ""


def _kind(sentence: str, hit: _Hit) -> tuple[str, str]:
    if hit.placeholder:
        return "placeholder", hit.placeholder
    rule = _RULE_CUES.search(sentence)
    if rule:
        return "rule", rule.group(0)
    left = sentence[_clause_start(sentence, hit.start) : hit.start]
    formula = _RULE_FORMULA_LEFT.search(left)
    if formula:
        return "rule", formula.group(0).strip()
    cues = [(m, "status") for m in _STATUS_CUES.finditer(sentence)]
    cues += [(m, "target") for m in _TARGET_CUES.finditer(sentence)]
    before = [c for c in cues if c[0].end() <= hit.start]
    if before:
        m, kind = max(before, key=lambda c: (c[0].end(), c[0].start()))
        return kind, m.group(0)
    after = [c for c in cues if c[0].start() >= hit.end]
    if after:
        m, kind = min(after, key=lambda c: (c[0].start(), c[0].end()))
        return kind, m.group(0)
    weak = list(_WEAK_TARGET_CUES.finditer(left))
    return "target", (weak[-1].group(0) if weak else "")


def _clean_indicator(text: str) -> str:
    text = _INDICATOR_DROP.sub("", text)
    text = _INDICATOR_LEAD.sub("", text)
    text = _INDICATOR_TRAIL.sub("", text)
    text = _INDICATOR_OPEN.sub("", text)
    return text.strip()


def _indicator(sentence: str, hit: _Hit, previous: _Hit | None, prev_indicator: str) -> str:
    clause_start = _clause_start(sentence, hit.start)
    left_from = clause_start
    if previous is not None and previous.end > clause_start:
        gap = sentence[previous.end : hit.start]
        # 建成率分别达90%、50%: a value listed after another shares its indicator.
        if _ENUM_JOIN.fullmatch(gap):
            return prev_indicator
        left_from = previous.end
    raw_left = sentence[left_from : hit.start]
    left = _clean_indicator(raw_left)
    right = sentence[hit.end : _clause_end(sentence, hit.end)]
    right = _INDICATOR_HEAD.sub("", right).strip()
    # 合作银行的53家即时服务网点: after 的 the number counts the noun that follows it.
    if (
        raw_left.rstrip().endswith("的")
        and hit.unit_base in _CLASSIFIERS
        and len(right) >= MIN_INDICATOR
    ):
        return right
    if len(left) >= MIN_INDICATOR + 1:
        return left
    return (left + right) if right else left


def extract_targets(
    sentence: str, *, sentence_id: str = "", indicators=None
) -> list[dict[str, object]]:
    """Extract every quantity of one sentence as a row with :data:`TARGET_COLUMNS` keys.

    Parameters
    ----------
    sentence : str
        One sentence; it is normalised (NFKC, Traditional to Simplified) first.
    sentence_id : str, keyword-only
        Copied to every row.
    indicators : Indicators, mapping, path or None, keyword-only
        Canonical indicators; ``None`` reads the packaged ``indicators.yaml``.

    Returns
    -------
    list of dict
        One row per quantity in order of appearance; ``value`` is ``None`` for placeholders.

    Examples
    --------
    >>> rows = extract_targets("今年一季度,全市城镇新增就业31150人,城镇登记失业率3.36%。")
    >>> [(r["canonical_indicator"], r["value"], r["unit"], r["kind"]) for r in rows]
    [('新增就业', 31150.0, '人', 'status'), ('登记失业率', 3.36, '%', 'status')]
    >>> rows = extract_targets("全区养老机构床位数达到20xx张")
    >>> [(r["value"], r["unit"], r["kind"]) for r in rows]
    [(None, '张', 'placeholder')]
    >>> extract_targets("打造具有长白山特色的教育信息化2.0。")
    []
    """
    ind = _as_indicators(indicators)
    return _extract(_normalize(sentence), sentence_id, ind.canonical)


def _extract(text: str, sentence_id: str, canonical) -> list[dict[str, object]]:
    # extract_targets on a normalised sentence; ``canonical`` maps an indicator to its name.
    rows: list[dict[str, object]] = []
    previous: _Hit | None = None
    prev_indicator = ""
    for hit in _find_quantities(text):
        indicator = _indicator(text, hit, previous, prev_indicator)
        kind, cue = _kind(text, hit)
        value_normalized = None if hit.value is None else _round(hit.value * hit.multiplier)
        rows.append(
            {
                "sentence_id": sentence_id,
                "indicator": indicator,
                "canonical_indicator": canonical(indicator),
                "value": hit.value,
                "value_high": hit.value_high,
                "unit": hit.unit,
                "value_normalized": value_normalized,
                "unit_base": hit.unit_base,
                "comparator": _comparator(text, hit),
                "deadline": _deadline(text, hit),
                "kind": kind,
                "cue": cue,
                "sentence": text,
            }
        )
        previous, prev_indicator = hit, indicator
    return rows


def _round(x: float) -> float:
    # 2.15 * 10000 is 21499.999999999996 in binary floating point.
    return float(round(x, 6))


def _frame(rows: Sequence[Mapping[str, object]], columns: Sequence[str]) -> pd.DataFrame:
    df = pd.DataFrame(list(rows), columns=list(columns))
    for col in ("value", "value_high", "value_normalized"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)
    return df


def extract_targets_from_text(text: str, *, indicators=None) -> pd.DataFrame:
    """Normalise a whole text, split it into sentences and extract every quantity.

    Sentences are numbered ``s0001``, ``s0002``, … over the whole text (including sentences
    without quantities), line by line.

    Parameters
    ----------
    text : str
        Raw text (any width, Simplified or Traditional script).
    indicators : Indicators, mapping, path or None, keyword-only
        See :func:`extract_targets`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TARGET_COLUMNS`.

    Examples
    --------
    >>> df = extract_targets_from_text("目前,持卡率達到９５％。\\n到2025年,職工參保率達到98%。")
    >>> df[["sentence_id", "value", "kind"]].values.tolist()
    [['s0001', 95.0, 'status'], ['s0002', 98.0, 'target']]
    """
    ind = _as_indicators(indicators)
    rows: list[dict[str, object]] = []
    n = 0
    for line in text.splitlines():
        norm = _normalize(line)
        if not norm:
            continue
        for sentence in _split_sentences(norm):
            n += 1
            rows += extract_targets(sentence, sentence_id=f"s{n:04d}", indicators=ind)
    return _frame(rows, TARGET_COLUMNS)


def extract_targets_from_paragraphs(
    paragraphs: pd.DataFrame, *, group_by: str = "region", indicators=None
) -> pd.DataFrame:
    """Extract targets from a ``paragraphs.csv`` frame, keeping document and group.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        Columns ``doc_id``, ``paragraph_id``, ``text`` and the ``group_by`` column.
    group_by : str, keyword-only
        Column copied to ``group`` (default ``"region"``).
    indicators : Indicators, mapping, path or None, keyword-only
        See :func:`extract_targets`.

    Returns
    -------
    pandas.DataFrame
        :data:`TARGET_COLUMNS` plus ``doc_id``, ``group``, ``paragraph_id``; sentence ids look
        like ``dalian-p007-s02``. Rows keep paragraph order, then order within the sentence.

    Examples
    --------
    >>> p = pd.DataFrame({"doc_id": ["dalian"], "region": ["Liaoning"],
    ...                   "paragraph_id": ["dalian-p007"],
    ...                   "text": ["目前,全市共有公办幼儿园457所。到2025年,新开办公办园50所。"]})
    >>> extract_targets_from_paragraphs(p)[["sentence_id", "value", "kind"]].values.tolist()
    [['dalian-p007-s01', 457.0, 'status'], ['dalian-p007-s02', 50.0, 'target']]
    """
    missing = {"doc_id", "paragraph_id", "text", group_by} - set(paragraphs.columns)
    if missing:
        raise KeyError(f"paragraphs frame lacks column(s): {', '.join(sorted(missing))}")
    ind = _as_indicators(indicators)
    # Indicator phrases repeat across a corpus; each is looked up in the YAML patterns once.
    canonical = lru_cache(maxsize=None)(ind.canonical)
    rows: list[dict[str, object]] = []
    for rec in paragraphs[["doc_id", "paragraph_id", "text", group_by]].itertuples(index=False):
        doc_id, paragraph_id, text, group = rec
        if not isinstance(text, str) or not text.strip():
            continue
        for j, sentence in enumerate(_split_sentences(_normalize(text)), start=1):
            # As extract_targets: the sentence is normalised again (not provably a no-op).
            for row in _extract(_normalize(sentence), f"{paragraph_id}-s{j:02d}", canonical):
                row.update(doc_id=doc_id, group=group, paragraph_id=paragraph_id)
                rows.append(row)
    return _frame(rows, TARGET_COLUMNS + PARAGRAPH_COLUMNS)


# --- evaluation --------------------------------------------------------------------------------
def _same_number(a, b) -> bool:
    a_missing = a is None or (isinstance(a, float) and math.isnan(a)) or a == ""
    b_missing = b is None or (isinstance(b, float) and math.isnan(b)) or b == ""
    if a_missing or b_missing:
        return a_missing and b_missing
    return abs(float(a) - float(b)) < 1e-9


def _text(x) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    return str(x)


MATCH_COLUMNS = [
    "gold_index", "pred_index", "doc_id", "fragment", "value", "unit", "kind_gold", "kind_pred",
    "comparator_gold", "comparator_pred", "canonical_gold", "canonical_pred",
]  # fmt: skip


def match_targets(gold: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """Pair gold rows with predicted rows one to one (see :func:`evaluate` for the rule).

    Returns
    -------
    pandas.DataFrame
        One row per gold row (``pred_index`` is -1 when missed) followed by one row per
        unmatched prediction (``gold_index`` -1), with the gold and predicted kind, comparator
        and canonical indicator side by side.
    """
    pred = predicted.reset_index(drop=True)
    used: set[int] = set()
    by_doc: dict[str, list[int]] = {}
    for i, doc in enumerate(pred["doc_id"].astype(str)):
        by_doc.setdefault(doc, []).append(i)
    out = []
    for gi, g in gold.reset_index(drop=True).iterrows():
        fragment = _normalize(str(g["fragment"]))
        hit = -1
        for pi in by_doc.get(str(g["doc_id"]), []):
            if pi in used:
                continue
            p = pred.loc[pi]
            if (
                fragment in str(p["sentence"])
                and _same_number(g["value"], p["value"])
                and _same_number(g.get("value_high"), p["value_high"])
                and _text(g["unit"]) == _text(p["unit"])
            ):
                hit = pi
                used.add(pi)
                break
        p = pred.loc[hit] if hit >= 0 else None
        out.append(
            {
                "gold_index": gi,
                "pred_index": hit,
                "doc_id": g["doc_id"],
                "fragment": g["fragment"],
                "value": g["value"],
                "unit": g["unit"],
                "kind_gold": g["kind"],
                "kind_pred": _text(p["kind"]) if p is not None else "",
                "comparator_gold": _text(g.get("comparator")),
                "comparator_pred": _text(p["comparator"]) if p is not None else "",
                "canonical_gold": _text(g.get("canonical_indicator")),
                "canonical_pred": _text(p["canonical_indicator"]) if p is not None else "",
            }
        )
    for pi in range(len(pred)):
        if pi in used:
            continue
        p = pred.loc[pi]
        out.append(
            {
                "gold_index": -1,
                "pred_index": pi,
                "doc_id": p["doc_id"],
                "fragment": p["sentence"],
                "value": p["value"],
                "unit": p["unit"],
                "kind_gold": "",
                "kind_pred": p["kind"],
                "comparator_gold": "",
                "comparator_pred": p["comparator"],
                "canonical_gold": "",
                "canonical_pred": _text(p["canonical_indicator"]),
            }
        )
    # Empty inputs still give the documented columns, so callers can filter the result.
    return pd.DataFrame(out, columns=MATCH_COLUMNS)


def evaluate(gold: pd.DataFrame, predicted: pd.DataFrame) -> dict[str, float | int]:
    """Precision, recall and kind accuracy of predicted targets against a hand-made gold list.

    Matching rule: a gold row and a predicted row match when they come from the same document
    (``doc_id``), the predicted ``sentence`` contains the gold ``fragment`` (so it is the same
    sentence), and ``value``, ``value_high`` and ``unit`` are equal (missing equals missing,
    which is how placeholders match). Matching is one to one, in gold order, so a value that
    occurs twice must be found twice. Kind, comparator and canonical-indicator accuracies are
    computed over the matched pairs.

    Parameters
    ----------
    gold : pandas.DataFrame
        Columns ``doc_id, fragment, value, value_high, unit, kind`` (optionally ``comparator``
        and ``canonical_indicator``).
    predicted : pandas.DataFrame
        Columns :data:`TARGET_COLUMNS` plus ``doc_id``.

    Returns
    -------
    dict
        ``precision, recall, kind_accuracy, comparator_accuracy, canonical_accuracy,
        n_gold, n_predicted, n_matched, n_kind_correct``.

    Examples
    --------
    >>> gold = pd.DataFrame({"doc_id": ["d"], "fragment": ["持卡率"], "value": [95.0],
    ...                      "value_high": [None], "unit": ["%"], "kind": ["status"]})
    >>> pred = extract_targets_from_text("目前,持卡率达到95%。").assign(doc_id="d")
    >>> evaluate(gold, pred)["recall"], evaluate(gold, pred)["kind_accuracy"]
    (1.0, 1.0)
    """
    m = match_targets(gold, predicted)
    matched = m[(m["gold_index"] >= 0) & (m["pred_index"] >= 0)]
    n_gold, n_pred, n_match = len(gold), len(predicted), len(matched)
    kind_ok = int((matched["kind_gold"] == matched["kind_pred"]).sum()) if n_match else 0

    def share(col: str) -> float:
        if not n_match or col not in gold.columns:
            return float("nan")
        a, b = matched[f"{col}_gold"], matched[f"{col}_pred"]
        return float((a == b).mean())

    return {
        "precision": n_match / n_pred if n_pred else float("nan"),
        "recall": n_match / n_gold if n_gold else float("nan"),
        "kind_accuracy": kind_ok / n_match if n_match else float("nan"),
        "comparator_accuracy": share("comparator"),
        "canonical_accuracy": float((matched["canonical_gold"] == matched["canonical_pred"]).mean())
        if n_match and "canonical_indicator" in gold.columns
        else float("nan"),
        "n_gold": n_gold,
        "n_predicted": n_pred,
        "n_matched": n_match,
        "n_kind_correct": kind_ok,
    }


def read_gold(path: Path | str) -> pd.DataFrame:
    """Read a gold list CSV (``data/validation/targets_gold.csv`` layout) with empty strings kept."""
    df = pd.read_csv(path, dtype={"unit": str, "kind": str}, keep_default_na=False)
    for col in ("value", "value_high"):
        df[col] = pd.to_numeric(df[col].replace("", float("nan")), errors="coerce").astype(float)
    return df


def to_tsv(df: pd.DataFrame) -> str:
    """TSV text of a targets frame with the :data:`TARGET_COLUMNS` header (for the CLI).

    Examples
    --------
    >>> to_tsv(extract_targets_from_text("职工参保率达到98%。")).splitlines()[1].split("\\t")[:6]
    ['s0001', '职工参保率', '参保率', '98', '', '%']
    """
    out = df[TARGET_COLUMNS].copy()
    for col in ("value", "value_high", "value_normalized"):
        out[col] = out[col].map(lambda x: "" if pd.isna(x) else f"{x:g}")
    out = out.fillna("").astype(str)
    out = out.apply(lambda s: s.str.replace("\t", " ").str.replace("\n", " "))
    lines = ["\t".join(TARGET_COLUMNS)] + ["\t".join(r) for r in out.itertuples(index=False)]
    return "\n".join(lines) + "\n"


def group_counts(targets: pd.DataFrame, *, by: Iterable[str] = ("group", "domain")) -> pd.DataFrame:
    """Number of rows per group (and domain), sorted by the grouping columns.

    Examples
    --------
    >>> df = pd.DataFrame({"group": ["Jiangsu", "Jiangsu", "Tianjin"],
    ...                    "domain": ["employment", "elderly", "employment"]})
    >>> group_counts(df).values.tolist()
    [['Jiangsu', 'elderly', 1], ['Jiangsu', 'employment', 1], ['Tianjin', 'employment', 1]]
    """
    by = list(by)
    return (
        targets.groupby(by, dropna=False)
        .size()
        .rename("n")
        .reset_index()
        .sort_values(by, kind="mergesort")
        .reset_index(drop=True)
    )
