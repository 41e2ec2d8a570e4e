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
    a number left unfilled in the source (20xx张): no value, never parsed as 20 or 202;
``commitment``
    a complete, checkable goal with no number (全覆盖, 动态清零, 不出现规模性返贫, 全部建成):
    no value and no unit. The same words in a review section are a ``status``.

The kind comes from the sentence, then the paragraph and the trail of section headings
(:mod:`policystudy.targets.context`); numbers are read by :mod:`policystudy.targets.quantities`
with the package's number grammar (:mod:`policystudy.text.numbers`). Each row also says how
binding the commitment is (确保, 力争, 争取, 基本, 努力, plain), the value type (level,
change, growth_rate, share, multiple, count_of_period), the baseline (从…, 比2010年), the
period resolved to years with the document's year, and the agency (牵头单位).

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

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

import pandas as pd

from policystudy.targets import context as ctx
from policystudy.targets import kinds
from policystudy.targets.commitments import SCHOOLING
from policystudy.targets.comparators import comparator
from policystudy.targets.indicators import (
    MIN_INDICATOR,
    Indicators,
    as_indicators,
    indicator_phrase,
    load_indicators,
    scope,
    split_scope,
)
from policystudy.targets.quantities import (
    Hit,
    clause_end,
    clause_start,
    find_quantities,
    mask,
    normalize,
    split_sentences,
)
from policystudy.text.numbers import parse_chinese_number

__all__ = [
    "KINDS",
    "MIN_INDICATOR",
    "PARAGRAPH_COLUMNS",
    "TARGET_COLUMNS",
    "Indicators",
    "extract_targets",
    "extract_targets_from_text",
    "load_indicators",
    "parse_chinese_number",
]

TARGET_COLUMNS = [
    "sentence_id",
    "indicator",
    "canonical_indicator",
    "scope",
    "value",
    "value_high",
    "unit",
    "value_normalized",
    "unit_base",
    "comparator",
    "value_type",
    "binding",
    "baseline",
    "deadline",
    "period",
    "period_type",
    "year_from",
    "year_to",
    "agency",
    "kind",
    "cue",
    "cue_where",
    "sentence",
]
PARAGRAPH_COLUMNS = ["doc_id", "group", "paragraph_id", "part"]
KINDS = ("target", "status", "rule", "placeholder", "commitment", "unknown")
# A quantity followed by 提高到/增长到 after 从/由 is the starting level: a fact, not a goal.
_FROM_LEFT = "从由"
# The longest stretch of a sentence read as one context. Every cue of a quantity is looked for
# in its stretch, so the work per quantity is bounded and a text is read in time linear in its
# length (a 1 MB line with no full stop was quadratic: 100 KB took 85 s). The longest sentence
# of the seeds and of the 67 development reports has 532 characters: no real sentence is cut.
# In a longer one, the ``sentence`` column holds the quantity's stretch.
MAX_STRETCH = 1000
_STRETCH_BREAK = ctx.re.compile(r"[,;:。!?、]")


def extract_targets(
    sentence: str,
    *,
    sentence_id: str = "",
    indicators=None,
    year: int | None = None,
    headings: Sequence[str] = (),
    paragraph: str = "",
    horizon: str = "",
) -> list[dict[str, object]]:
    """Extract every quantity and qualitative commitment of one sentence.

    Parameters
    ----------
    sentence : str
        One sentence; it is normalised (NFKC, Traditional to Simplified) first.
    sentence_id : str, keyword-only
        Copied to every row.
    indicators : Indicators, mapping, path or None, keyword-only
        Canonical indicators; ``None`` reads the packaged ``indicators.yaml``.
    year : int, keyword-only
        The document's year, anchoring 今年, 明年, 今后五年 and telling a past deadline.
    headings : sequence of str, keyword-only
        Trail of section headings above the sentence, outermost first.
    paragraph : str, keyword-only
        The paragraph holding the sentence (cues outside the sentence).
    horizon : str, keyword-only
        The document's planning horizon (今后五年) for targets with no period of their own.

    Returns
    -------
    list of dict
        One row per quantity with :data:`TARGET_COLUMNS` keys, in order of appearance.

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
    >>> rows = extract_targets("确保到二〇二〇年实现国内生产总值比二〇一〇年翻一番", year=2012)
    >>> [(r["value"], r["unit"], r["value_type"], r["binding"], r["year_to"], r["kind"])
    ...  for r in rows]
    [(1.0, '番', 'multiple', '确保', 2020, 'target')]
    >>> rows = extract_targets("确保零就业家庭动态清零。")
    >>> [(r["value"], r["unit"], r["kind"], r["binding"]) for r in rows]
    [(None, '', 'commitment', '确保')]
    """
    ind = as_indicators(indicators)
    context = ctx.Context(
        year=year,
        headings=tuple(normalize(h) for h in headings),
        paragraph=normalize(paragraph),
        horizon=horizon,
    )
    return _extract(normalize(sentence), sentence_id, ind.canonical, context)


def stretches(sentence: str, *, limit: int = MAX_STRETCH) -> list[str]:
    """A sentence cut into stretches of at most ``limit`` characters, at clause breaks.

    A sentence no longer than ``limit`` is its own only stretch. A longer one (a whole file on
    one line without full stops) is cut after the last clause break (``,;:。!?、``) that keeps
    the stretch within ``limit``, else at ``limit`` itself, never inside a run of digits.

    Examples
    --------
    >>> stretches("新增就业1万人,城镇登记失业率3.5%。")
    ['新增就业1万人,城镇登记失业率3.5%。']
    >>> stretches("新增就业1万人,城镇登记失业率3.5%,参保率95%", limit=12)
    ['新增就业1万人,', '城镇登记失业率3.5%,', '参保率95%']
    """
    out: list[str] = []
    begin, n = 0, len(sentence)
    while n - begin > limit:
        stop = begin + limit
        cut = max((m.end() for m in _STRETCH_BREAK.finditer(sentence, begin, stop)), default=0)
        if cut <= begin:
            # No clause break: cut at the limit, moved back out of a number (12|345).
            cut = stop
            while cut > begin + 1 and sentence[cut - 1 : cut + 1].isdigit():
                cut -= 1
            if cut == begin + 1:
                cut = stop  # digits throughout: no number to keep whole
        out.append(sentence[begin:cut])
        begin = cut
    out.append(sentence[begin:])
    return out


def _extract(text: str, sentence_id: str, canonical, context: ctx.Context) -> list[dict]:
    # extract_targets on a normalised sentence, stretch by stretch (see MAX_STRETCH); every
    # real sentence is one stretch. ``canonical`` maps an indicator to its name.
    if len(text) <= MAX_STRETCH:
        return _extract_stretch(text, sentence_id, canonical, context)
    return [row for part in stretches(text)
            for row in _extract_stretch(part, sentence_id, canonical, context)]  # fmt: skip


def _extract_stretch(text: str, sentence_id: str, canonical, context: ctx.Context) -> list[dict]:
    hits = find_quantities(text)
    masked = mask(text)
    found = list(ctx.COMMITMENT.finditer(masked)) + list(ctx.COMMITMENT_QUOTED.finditer(text))
    for m in list(found):
        counts = [h for h in hits if h.start < m.end() and m.start() < h.end and h.unit != "年"]
        if counts:
            # 将全国130万“老工伤”人员全部纳入工伤保险范围: the count is the goal's population (a
            # row of its own); the completeness words after it are the commitment.
            rest = ctx.COMMITMENT.search(masked, max(h.end for h in counts), m.end())
            if rest is not None:
                found.append(rest)
    for m in found:
        if ctx.NEGATED_GOAL.search(text, clause_start(text, m.start()), m.start() + 1):
            continue  # 上述三方面的改革不可能在“七五”期间全部完成: a goal denied
        condition = ctx.CONDITION.search(text, 0, m.start() + 1)
        if ctx.ASKED.search(text) or (condition and condition.end() <= m.start() + 2):
            continue  # 是不是…就全部完成呢?, 只有…才能全部完成五年计划: asked or argued
        if SCHOOLING.search(m.group(0)):
            # 基本普及八年教育: the years name the schooling, they are no quantity of their own.
            hits = [h for h in hits if not (h.unit == "年" and m.start() <= h.start < m.end())]
        if any(
            h.unit == "年" and h.end <= m.start() and text.startswith(("内", "时间"), h.end)
            for h in hits
        ):
            # 在三年内,所有企业都要建立…, 用两年时间,全部免除…: one goal, counted once as its
            # duration.
            continue
        if not any(h.start < m.end() and m.start() < h.end for h in hits):
            hits.append(Hit(m.start(), m.end(), None, None, "", 1.0, "", "", "", qualitative=True))
    hits.sort(key=lambda h: (h.start, h.end))
    rows: list[dict[str, object]] = []
    previous: Hit | None = None
    prev_indicator = ""
    for hit in hits:
        start = clause_start(text, hit.start)
        indicator = indicator_phrase(
            text,
            hit.start,
            hit.end,
            clause_from=start,
            previous_end=previous.end if previous is not None else None,
            prev_indicator=prev_indicator,
            unit_base=hit.unit_base,
        )
        if hit.qualitative and text[hit.start : hit.end] not in indicator:
            # 基本实现法定人员全覆盖: the commitment names what is covered and how.
            indicator = indicator + text[hit.start : hit.end]
        left = text[start : hit.start]
        phrase = ctx.period_phrase(text, hit.start, hit.end) or context.horizon
        period_type, year_from, year_to = ctx.resolve_period(phrase, year=context.year)
        if hit.placeholder:
            kind, cue, where = "placeholder", hit.placeholder, "clause"
        else:
            kind, cue, where = kinds.kind(text, hit.start, hit.end, left=left, context=context,
                                 year_to=year_to, qualitative=hit.qualitative)  # fmt: skip
            after = text[hit.end : hit.end + 8]
            if left[-12:] and any(c in left[-12:] for c in _FROM_LEFT) and ctx._LEVEL_VERB.search(
                after[:4] + "到"
            ) is None and any(v + t in after for v in ("提高", "增加", "增长", "上升", "扩大",
                                                        "下降", "减少", "提升") for t in "到至"):  # fmt: skip
                kind, cue, where = "status", "从", "clause"
        value_normalized = (
            None if hit.value is None else round(hit.value * hit.multiplier * hit.factor, 6)
        )
        if hit.unit == "番" and hit.value is not None:
            value_normalized = float(2**hit.value)
        targetish = kind in ctx.KIND_TARGETS
        rows.append(
            {
                "sentence_id": sentence_id,
                "indicator": indicator,
                "canonical_indicator": canonical(indicator),
                "scope": scope(indicator),
                "value": hit.value,
                "value_high": hit.value_high,
                "unit": hit.unit,
                "value_normalized": value_normalized,
                "unit_base": hit.unit_base,
                "comparator": "=" if hit.qualitative else comparator(text, hit),
                "value_type": "other"
                if hit.qualitative
                else ctx.value_type(left, hit.unit, indicator),
                "binding": ctx.binding(left + text[hit.start : hit.end]) if targetish else "",
                "baseline": ctx.baseline(text, hit.start),
                "deadline": ctx.deadline(text, hit.start, hit.end),
                "period": phrase,
                "period_type": period_type,
                "year_from": year_from,
                "year_to": year_to,
                "agency": ctx.agency(context.paragraph or text),
                "kind": kind,
                "cue": cue,
                "cue_where": where,
                "sentence": text,
            }
        )
        previous, prev_indicator = hit, indicator
    _population_of_commitment(hits, rows, text)
    _split_scopes(rows, text)
    return rows


# A commitment to the whole of a group (全部纳入, 应享尽享): a count before it is the group's size.
# 再有1000万以上贫困人口解决温饱问题 sets how many, so the count is the goal.
_WHOLE = re.compile(r"全部|所有|全体|全覆盖|应(.)尽\1")
# Counts of people (or bare counts) that can be the population a commitment covers.
_POPULATION_UNITS = ("人", "万人", "亿人", "名", "万名", "户", "万户", "万", "亿")


def _population_of_commitment(hits: list[Hit], rows: list[dict], text: str) -> None:
    # 使符合减税政策的约8000万纳税人应享尽享, 将全国130万“老工伤”人员全部纳入工伤保险范围:
    # the count is who the commitment covers, a present fact (status); the commitment after it
    # in its clause is the goal. Rows are in the order of ``hits``.
    for hit, row in zip(hits, rows, strict=True):
        if hit.qualitative or row["kind"] != "target" or hit.unit not in _POPULATION_UNITS:
            continue
        stop = clause_end(text, hit.end)
        for other, orow in zip(hits, rows, strict=True):
            whole = _WHOLE.search(text, other.start, other.end)
            if whole and orow["kind"] == "commitment" and hit.end <= other.start < stop:
                row.update(kind="status", cue=text[other.start : other.end], cue_where="clause")
                row["binding"] = ""
                break


def _split_scopes(rows: list[dict], text: str) -> None:
    # 城乡标准化居家养老服务中心建成率分别达90%、50%: one 城乡 indicator, two values, 城市 then 农村.
    if "分别" not in text:
        return
    by_indicator: dict[str, list[dict]] = {}
    for row in rows:
        if row["value"] is not None:
            by_indicator.setdefault(str(row["indicator"]), []).append(row)
    for indicator, group in by_indicator.items():
        for row, part in zip(group, split_scope(indicator, len(group)), strict=False):
            row["scope"] = part


def _frame(rows: Sequence[Mapping[str, object]], columns: Sequence[str]) -> pd.DataFrame:
    df = pd.DataFrame(list(rows), columns=list(columns))
    for col in ("value", "value_high", "value_normalized"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)
    for col in ("year_from", "year_to"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
    return df


def extract_targets_from_text(
    text: str, *, indicators=None, year: int | None = None, lines: bool = False
) -> pd.DataFrame:
    """Normalise a whole text, split it into sentences and extract every quantity.

    Sentences are numbered ``s0001``, ``s0002``, … over the whole text (including sentences
    without quantities), line by line.

    Parameters
    ----------
    text : str
        Raw text (any width, Simplified or Traditional script).
    indicators : Indicators, mapping, path or None, keyword-only
        See :func:`extract_targets`.
    year : int, keyword-only
        The text's year (anchors 今年, 明年, 今后五年).
    lines : bool, keyword-only
        Treat every line as an independent text (no heading or paragraph context carried
        from one line to the next) and add a 1-based ``line`` column.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TARGET_COLUMNS` (plus ``line`` with ``lines=True``).

    Examples
    --------
    >>> df = extract_targets_from_text("目前,持卡率達到９５％。\\n到2025年,職工參保率達到98%。")
    >>> df[["sentence_id", "value", "kind"]].values.tolist()
    [['s0001', 95.0, 'status'], ['s0002', 98.0, 'target']]
    >>> extract_targets_from_text("今年新增就业1万人。", year=2021, lines=True)[
    ...     ["line", "year_to"]].values.tolist()
    [[1, 2021]]
    """
    ind = as_indicators(indicators)
    canonical = lru_cache(maxsize=None)(ind.canonical)
    rows: list[dict[str, object]] = []
    n = 0
    headings: list[str] = []
    horizon = ""
    for number, line in enumerate(text.splitlines(), start=1):
        norm = normalize(line)
        if not norm:
            continue
        if not lines and _is_heading(norm):
            headings = [norm]
        if not lines and not horizon:
            horizon = _horizon(norm)
        context = ctx.Context(year=year, headings=tuple(headings), paragraph=norm,
                              horizon=horizon)  # fmt: skip
        for sentence in split_sentences(norm):
            n += 1
            for row in _extract(normalize(sentence), f"s{n:04d}", canonical, context):
                if lines:
                    row["line"] = number
                rows.append(row)
    return _frame(rows, TARGET_COLUMNS + (["line"] if lines else []))


def _is_heading(line: str) -> bool:
    # A short line without sentence-final punctuation names a section.
    return len(line) <= 40 and not line.rstrip().endswith(("。", "!", "?", ";", ":"))


# 今后五年, 2018~2020年, and a five-year plan named in a heading (专栏12 “十四五”时期…): the
# chapter of a 14th five-year plan sets its targets for 2021-2025 (issue 29).
_HORIZON = ctx.re.compile(
    r"(?:今后|未来)[一二三四五六七八九十\d]+年|(?:19|20)\d{2}\s*[~\-—–至到]\s*(?:19|20)\d{2}\s*年"
    r"|“?十[一二三四五六七八九]?五”?(?:时期|期间|规划)"
)


def _horizon(text: str) -> str:
    m = _HORIZON.search(text)
    return m.group(0) if m else ""
