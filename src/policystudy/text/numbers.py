"""One number grammar for the whole package: how numbers are written in Chinese policy text.

The tokenizer keeps a number and its unit as one token (:data:`NUMBER_WITH_UNIT`), the keyword
filter drops number tokens (:func:`is_number_token`) and the target extractor reads quantities
(:func:`parse_number`, :data:`QUANTITY_NUMBER`, :data:`MAGNITUDE`): all three are built from the
pieces below, so a number form added here is known to all of them.

Forms read (after NFKC normalisation, so full-width digits are ASCII):

* Arabic digits with comma groups and decimals: ``31,150``, ``2.15``;
* Chinese numerals: ``三十``, ``两千``, ``一千一百万``, ``四十七点三`` and the digit-by-digit
  spelling of years, ``二〇二五`` / ``二0一一`` (a zero written as 〇, ○, 零 or the digit 0);
* magnitudes after a number: ``万亿`` (10^12), ``亿``, ``万``, ``千``: 1.3万亿斤 is 1.3 × 10^12 斤;
* percentages: ``5.5%``, ``百分之五点五``, and tenths ``两成`` (20 %).

Examples
--------
>>> parse_number("一千一百万"), parse_number("四十七点三"), parse_number("31,150")
(11000000.0, 47.3, 31150.0)
>>> split_magnitude("五十四万亿")
('五十四', '万亿')
>>> parse_year("二〇二五"), parse_year("二0一一"), parse_year("2020")
(2025, 2011, 2020)
"""

from __future__ import annotations

import re

__all__ = [
    "ARABIC",
    "CHINESE",
    "CN_DIGITS",
    "CN_NUMERAL_CHARS",
    "MAGNITUDE",
    "MAGNITUDES",
    "NUMBER_WITH_UNIT",
    "QUANTITY_NUMBER",
    "TOKEN_UNITS",
    "YEAR",
    "is_arabic_number",
    "is_number_token",
    "parse_chinese_number",
    "parse_number",
    "parse_year",
    "split_magnitude",
]

# --- the grammar: every regex of the module, together ------------------------------------------
CN_DIGITS = "零〇○一二两三四五六七八九"
CN_NUMERAL_CHARS = f"{CN_DIGITS}十百千万亿"
# 31,150 / 2.15 / 31150. A comma group needs exactly three digits after each comma, because
# normalised text also uses "," between clauses (就业2,新增…).
ARABIC = r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
# Starts with a digit word or 十: 万人 (per 10,000 people), 每千 and 百姓 are not numbers.
# 点 + digits is the decimal part (四十七点三); the year spelling 二0一一 mixes in ASCII 0.
CHINESE = rf"[一二两三四五六七八九十][{CN_NUMERAL_CHARS}0]*(?:点[{CN_DIGITS}]+)?"
# A number as the quantity reader sees it: Arabic first, so 2.15 is never read as 2.
QUANTITY_NUMBER = rf"{ARABIC}|{CHINESE}"
# Longest first. 千 is a magnitude only where it cannot start a unit (千米, 千瓦, 千克).
MAGNITUDE = r"万亿|亿|万|千(?![米瓦克])"
MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}
# A year written in full: 2025, 1978, 二〇二五, 一九七八, 二0一一, 20xx (a placeholder year).
YEAR = r"(?:1[89]|20)[\dxX]{2}|(?:一[八九]|二[〇○零0])[〇○零0一二三四五六七八九]{2}"

# Units the tokenizer keeps glued to an Arabic number (2.15万人 is one token).
TOKEN_UNITS = (
    "万人次|万人|万元|亿元|万户|万平方米|平方米|公里|千米|个百分点|百分点|人次|"
    "%|‰|万|亿|人|所|张|个|名|户|元|岁|家|项|次|套|间|座|处|条|支|床|天|年"
)
NUMBER_WITH_UNIT = re.compile(rf"(?:{ARABIC})(?:{TOKEN_UNITS})?")
# A whole token that is only a number: digits with separators (half or full width), a sign, a
# percent and a magnitude (3.36%, 5000万), or Chinese numerals only (二十).
_NUMBER_TOKEN = re.compile(rf"[+\-]?\d+(?:[.,．，]\d+)*[%％‰]?[十百千万亿]?|[{CN_NUMERAL_CHARS}]+")
_NUMERIC = re.compile(r"^[\d.,%‰]+$")

_ARABIC_RE = re.compile(ARABIC)
_CN_VALUES = {"零": 0, "〇": 0, "○": 0, "0": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN_VALUES |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_LARGE = {"万": 10_000, "亿": 100_000_000}
_TRAILING_MAGNITUDE = re.compile(r"(万亿|亿|万)$")


def is_arabic_number(token: str) -> bool:
    """True for an Arabic number token, bare or with its unit (what the tokenizer drops).

    Examples
    --------
    >>> [is_arabic_number(t) for t in ["2.15万人", "3.36%", "31,150", "二十", "养老保险"]]
    [True, True, True, False, False]
    """
    return bool(NUMBER_WITH_UNIT.fullmatch(token) or _NUMERIC.match(token))


def is_number_token(token: str) -> bool:
    """True for a token that is only a number: never a keyword.

    Arabic digits (half or full width) with separators, sign, percent and magnitude, or
    Chinese numerals only.

    Examples
    --------
    >>> [is_number_token(t) for t in ["3.36%", "5000万", "二十", "３１", "养老保险", "一卡通"]]
    [True, True, True, True, False, False]
    """
    return bool(_NUMBER_TOKEN.fullmatch(token.strip()))


def parse_chinese_number(text: str) -> float:
    """Value of a number written in Chinese numerals.

    Parameters
    ----------
    text : str
        Numerals such as ``三十``, ``两千``, ``一万二千``, ``十五``, ``四十七点三``, or a
        digit-by-digit spelling such as ``二〇二五`` (no 十/百/千/万/亿 in it).

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If a character is not a Chinese numeral.

    Examples
    --------
    >>> parse_chinese_number("三十"), parse_chinese_number("两千"), parse_chinese_number("十五")
    (30.0, 2000.0, 15.0)
    >>> parse_chinese_number("一万二千"), parse_chinese_number("百分之"[:0] + "五点五")
    (12000.0, 5.5)
    >>> parse_chinese_number("一百一十四万亿"), parse_chinese_number("二千零十七")
    (114000000000000.0, 2017.0)
    """
    whole, _, decimals = text.partition("点")
    if decimals:
        if any(ch not in _CN_VALUES for ch in decimals):
            raise ValueError(f"not a Chinese numeral: {text!r}")
        frac = float("0." + "".join(str(_CN_VALUES[ch]) for ch in decimals))
        return parse_chinese_number(whole) + frac
    if len(text) > 1 and all(ch in _CN_VALUES for ch in text):
        # 二〇二五, 二0一一: positional digits, as years are written.
        return float("".join(str(_CN_VALUES[ch]) for ch in text))
    total = 0
    section = 0
    digit = None
    # 万亿 multiplies everything before it by 10^12, so a 亿 right after 万 scales the section.
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in _CN_VALUES:
            digit = _CN_VALUES[ch]
        elif ch in _CN_SMALL:
            # 二千零十七: 零 holds a place, and the 十 after it is one ten (not zero tens).
            section += (digit or 1) * _CN_SMALL[ch]
            digit = None
        elif ch == "万" and text[i + 1 : i + 2] == "亿":
            total = (total + section + (digit or 0)) * 10**12
            section, digit = 0, None
            i += 1
        elif ch in _CN_LARGE:
            if ch == "亿":
                total = (total + section + (digit or 0)) * _CN_LARGE[ch]
            else:
                total += (section + (digit or 0)) * _CN_LARGE[ch]
            section, digit = 0, None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
        i += 1
    return float(total + section + (digit or 0))


def split_magnitude(number: str) -> tuple[str, str]:
    """Split a trailing magnitude (万亿, 亿, 万) off a Chinese numeral, as in 1万户 / 1.3万亿.

    Examples
    --------
    >>> split_magnitude("一千一百万"), split_magnitude("十三亿"), split_magnitude("三十")
    (('一千一百', '万'), ('十三', '亿'), ('三十', ''))
    """
    m = _TRAILING_MAGNITUDE.search(number)
    if not m or m.start() == 0 or "点" in number[m.start() :]:
        return number, ""
    return number[: m.start()], m.group(1)


def parse_number(text: str) -> float:
    """Value of a number in Arabic digits or Chinese numerals (no magnitude split).

    Examples
    --------
    >>> parse_number("2.15"), parse_number("31,150"), parse_number("两千三百")
    (2.15, 31150.0, 2300.0)
    """
    if _ARABIC_RE.fullmatch(text):
        return float(text.replace(",", ""))
    return parse_chinese_number(text)


def parse_year(text: str) -> int | None:
    """Year written as ``2025``, ``二〇二五`` or ``二0一一``; ``None`` for a placeholder (20xx).

    Examples
    --------
    >>> parse_year("一九七八"), parse_year("20xx")
    (1978, None)
    """
    if re.search("[xX]", text):
        return None
    return int(parse_chinese_number(text)) if not text.isdigit() else int(text)
