"""Indicators: the phrase a quantity measures, and its canonical name from ``indicators.yaml``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from policystudy.core import resources

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
    "实现|建成|建设|建有|覆盖|稳定在"
)
_INDICATOR_TRAIL = re.compile(rf"(?:{_INDICATOR_VERBS}|的|\s)+$")
_INDICATOR_HEAD = re.compile(rf"^(?:{_INDICATOR_VERBS}|的|以上|以内|以下|左右|\s)+")
# Verbs that open a clause before the measured phrase (已新开办…, 计划新建…, 实现人均预期寿命).
_INDICATOR_OPEN = re.compile(
    r"^(?:力争|争取|确保|计划|预计|至少|累计|基本|已经|已将|已|将|实现|\s)+"
)
_PREVIOUS_LEAD = re.compile(r"^(?:巩固|加强|推进|加快|完善|提高|实施|开展|深化|推动|抓好|做好)+")
_PREVIOUS_TAIL = re.compile(r"(?:改造成果|成果|工作|建设|水平|力度)+$")
_CLASSIFIERS = set("个家所张名位户座处条台辆套间项支场类种班床")
_ENUM_JOIN = re.compile(r"^\s*(?:、|和|及|与|或|,)\s*$")
MIN_INDICATOR = 2
# Populations that make two values of one indicator incomparable (职工 vs 城乡居民).
_SCOPE = re.compile(r"职工|城乡居民|城镇居民|农村居民|农村|党员|老年人|儿童|残疾人|城市|城镇")


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


def as_indicators(indicators) -> Indicators:
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


def clean_indicator(text: str) -> str:
    """The measured phrase without time phrases, subjects and verbs around it.

    Examples
    --------
    >>> clean_indicator("到2025年,全市护理型床位占比达到")
    ',全市护理型床位占比'
    """
    text = _INDICATOR_DROP.sub("", text)
    text = _INDICATOR_LEAD.sub("", text)
    text = _INDICATOR_TRAIL.sub("", text)
    text = _INDICATOR_OPEN.sub("", text)
    return text.strip()


def indicator_phrase(sentence: str, start: int, end: int, *, clause_from: int, previous_end: int | None,
                     prev_indicator: str, unit_base: str) -> str:  # fmt: skip
    """The phrase the quantity at ``start:end`` measures (left of it, else right of it)."""
    left_from = clause_from
    if previous_end is not None and previous_end > clause_from:
        gap = sentence[previous_end:start]
        # 建成率分别达90%、50%: a value listed after another shares its indicator.
        if _ENUM_JOIN.fullmatch(gap):
            return prev_indicator
        left_from = previous_end
    raw_left = sentence[left_from:start]
    left = clean_indicator(raw_left)
    stop = len(sentence)
    for ch in ",;:。!?":
        pos = sentence.find(ch, end)
        if pos >= 0:
            stop = min(stop, pos)
    right = _INDICATOR_HEAD.sub("", sentence[end:stop]).strip()
    # 合作银行的53家即时服务网点 / 建成儿科等10个医疗中心: the number counts the noun after it.
    if (
        (raw_left.rstrip().endswith("的") or raw_left.rstrip().endswith("等"))
        and unit_base in _CLASSIFIERS
        and len(right) >= MIN_INDICATOR
    ):
        return right
    if unit_base == "%" and raw_left.rstrip().endswith("覆盖") and len(right) >= MIN_INDICATOR:
        # 智能防控体系建设覆盖50%以上城乡社区: the share is of what is covered, after it.
        whole = _INDICATOR_LEAD.sub("", _INDICATOR_DROP.sub("", raw_left)).strip()
        return whole + right
    if len(left) >= MIN_INDICATOR + 1:
        return _complete(left, sentence[:clause_from])
    return _complete((left + right) if right else left, sentence[:clause_from])


def _complete(indicator: str, before: str) -> str:
    # 巩固农村无害化卫生户厕改造成果,确保普及率达100%: a bare 普及率 / 覆盖率 is the rate of
    # what the previous clause names.
    if len(indicator) > 3 or not indicator.endswith("率") or not before:
        return indicator
    previous = re.split(r"[,;:。]", before.rstrip(",;: "))[-1]
    if not _PREVIOUS_LEAD.match(previous) or re.search(r"\d", previous):
        return indicator
    previous = _PREVIOUS_LEAD.sub("", previous)
    previous = _PREVIOUS_TAIL.sub("", previous)
    return previous + indicator if len(previous) >= MIN_INDICATOR else indicator


def scope(indicator: str, sentence: str = "") -> str:
    """The population the indicator covers (职工, 城乡居民, 城镇, 农村 …), or ``""``.

    Examples
    --------
    >>> scope("职工参保率"), scope("城乡居民基本养老保险参保率"), scope("新增就业")
    ('职工', '城乡居民', '')
    >>> scope("城市社区和有条件的农村社区建立适合老年人的康复活动场所")
    '城乡'
    """
    return _scope(indicator)


def split_scope(indicator: str, n: int) -> list[str]:
    """Scopes of ``n`` values given 分别 for one 城乡 indicator: 城市 then 农村 (城镇居民, 农村居民).

    Examples
    --------
    >>> split_scope("城乡标准化居家养老服务中心建成率", 2), split_scope("城乡居民收入", 2)
    (['城市', '农村'], ['城镇居民', '农村居民'])
    >>> split_scope("参保率", 2)
    []
    """
    if n != 2 or "城乡" not in indicator:
        return []
    return ["城镇居民", "农村居民"] if "城乡居民" in indicator else ["城市", "农村"]


def _scope(indicator: str) -> str:
    """The scope of one indicator phrase (see :func:`scope`)."""
    found = _SCOPE.findall(indicator)
    if not found:
        return ""
    if "农村" in found and ({"城市", "城镇"} & set(found)):
        # 城市社区和有条件的农村社区…: both halves, not the last one named.
        return "城乡"
    return found[0]
