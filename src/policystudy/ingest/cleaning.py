"""Removal of scraped-page noise, with an audit of every removed line.

Two passes run over a document's lines:

1. **Rules** (:data:`NOISE_RULES`): bylines, reporter and editor credits, duty-editor lines,
   ``来源`` lines, share and related-news footers, ``logo``/``END`` markers, publication
   timestamps, page chrome and advertising footers. Rules match the *normalised* line, so
   full-width and Traditional spellings (``相關文章``) are caught too.
2. **Data-driven repeats**: a line seen three or more times in one document is a repeated page
   header; a long line seen twice is a scraped duplicate. The first occurrence is kept.

Every removed line is recorded as an :class:`AuditRow`; kept lines plus removed lines give back
the original lines exactly. Romanisation garble such as ``會(huì)`` is repaired in place and
recorded with ``action="repaired"``.

Examples
--------
>>> noise_reason("总值班: 王夫成 曹银生     编辑: 张笑爽")
'editor_credit'
>>> noise_reason("发布时间:2022-05-10 15:30")
'timestamp'
>>> noise_reason("坚持发展为民、发展惠民、发展成果由人民共享。") is None
True
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from policystudy.ingest import normalize

# --- regexes ---------------------------------------------------------------------------------
_NAME = r"[\u4e00-\u9fff]{2,4}"
_DATE = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"

# Ordered: the first rule that matches names the reason.
NOISE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("logo", re.compile(r"^logo$", re.IGNORECASE)),
    ("end_marker", re.compile(r"^[-—\s]*(?:END|完)[-—\s]*$", re.IGNORECASE)),
    ("share_footer", re.compile(r"^(?:分享到|分享至|分享|转发到)\s*[::]?")),
    (
        "related_footer",
        re.compile(r"^(?:相关新闻|相关文章|相关阅读|相关链接|延伸阅读|推荐阅读)\s*[::]?\s*$"),
    ),
    ("source_line", re.compile(r"^(?:来源|稿源|信息来源|文章来源)\s*[::]")),
    (
        "editor_credit",
        re.compile(
            r"^(?:总值班|值班编辑|值班主任|责任编辑|责编|编辑|审核|审校|校对|终审|监制|主编|"
            r"策划|统筹|美编|排版)\s*[::]"
        ),
    ),
    ("reporter_credit", re.compile(r"^.{0,20}(?:记者|通讯员|撰稿|摄影|摄像)\s*[::]?\s*$")),
    ("reporter_credit", re.compile(r"^(?:本报|本台|本网)?(?:记者|通讯员)\s*[::\s]\s*" + _NAME)),
    # "□ 肖婷婷 庄婷婷 …": a marked name list, or three or more bare names.
    ("byline", re.compile(rf"^[□■●◆▲]\s*(?:{_NAME}\s*){{1,10}}$")),
    ("byline", re.compile(rf"^{_NAME}(?:\s+{_NAME}){{2,10}}$")),
    (
        "timestamp",
        re.compile(
            rf"^(?:(?:发布|更新|发表|录入)?(?:时间|日期)\s*[::]?\s*)?{_DATE}(?:\s*{_TIME})?"
            r"(?:\s+(?:来源|浏览|阅读|点击|字号|作者).*)?$"
        ),
    ),
    ("page_chrome", re.compile(r"^(?:打印本页|关闭窗口|返回顶部|【?\s*字[号体]\s*[::].*)$")),
    (
        "ad_footer",
        re.compile(r"预览阅读已结束|全文或代笔|联系老师|^请点击.*联系|扫码关注|扫一扫关注"),
    ),
)

# A line this often in one document is a page header, whatever its length.
HEADER_MIN_REPEATS = 3
# A line seen exactly twice is removed only when long enough to be a scraped duplicate rather
# than a short heading legitimately reused in two sections.
DUPLICATE_MIN_CHARS = 20


def noise_reason(line: str) -> str | None:
    """Name the noise rule a normalised line matches, or ``None`` for content.

    Parameters
    ----------
    line : str
        One line after :func:`policystudy.ingest.normalize.normalize_text`.

    Examples
    --------
    >>> noise_reason("大连新闻传媒集团记者")
    'reporter_credit'
    >>> noise_reason("请点击👉 mooonya 👈联系老师")
    'ad_footer'
    """
    line = line.strip()
    if not line:
        return None
    for reason, pattern in NOISE_RULES:
        if pattern.search(line):
            return reason
    return None


@dataclass(frozen=True)
class Line:
    """A kept line: its 1-based number, the raw text and the normalised text."""

    number: int
    raw: str
    text: str


@dataclass(frozen=True)
class AuditRow:
    """One removed (or repaired) line."""

    line: int
    text: str
    reason: str
    action: str = "removed"


@dataclass
class CleanResult:
    """Kept lines (blank ones included) and the audit of removed and repaired lines."""

    kept: list[Line] = field(default_factory=list)
    audit: list[AuditRow] = field(default_factory=list)

    @property
    def removed(self) -> list[AuditRow]:
        return [row for row in self.audit if row.action == "removed"]

    def reconstruct(self) -> list[str]:
        """The original lines, from kept plus removed lines (the audit invariant)."""
        rows = [(k.number, k.raw) for k in self.kept] + [(r.line, r.text) for r in self.removed]
        return [text for _, text in sorted(rows)]


def clean_lines(lines: list[str], *, to_simplified: bool = True) -> CleanResult:
    """Clean a document's raw lines: rules first, then the repeated-line pass.

    Parameters
    ----------
    lines : list of str
        Raw decoded lines, as from ``text.splitlines()``.
    to_simplified : bool, keyword-only
        Convert Traditional characters to Simplified while normalising.

    Returns
    -------
    CleanResult

    Examples
    --------
    >>> result = clean_lines(["logo", "", "坚持发展为民。", "编辑:唐依婷"])
    >>> [k.text for k in result.kept if k.text], [r.reason for r in result.removed]
    (['坚持发展为民。'], ['logo', 'editor_credit'])
    """
    result = CleanResult()
    normalised = [normalize.normalize_text(x, to_simplified_script=to_simplified) for x in lines]
    reasons: dict[int, str] = {}
    for i, text in enumerate(normalised):
        reason = noise_reason(text)
        if reason:
            reasons[i] = reason
    counts = Counter(t for i, t in enumerate(normalised) if t and i not in reasons)
    seen: set[str] = set()
    for i, text in enumerate(normalised):
        if i in reasons or not text:
            continue
        n = counts[text]
        if text in seen:
            if n >= HEADER_MIN_REPEATS:
                reasons[i] = "repeated_header"
            elif len(text) >= DUPLICATE_MIN_CHARS:
                reasons[i] = "duplicate_line"
        seen.add(text)
    for i, (raw, text) in enumerate(zip(lines, normalised, strict=True)):
        number = i + 1
        if i in reasons:
            result.audit.append(AuditRow(line=number, text=raw, reason=reasons[i]))
            continue
        result.kept.append(Line(number=number, raw=raw, text=text))
        glosses = normalize.count_pinyin_glosses(normalize.normalize_width(raw))
        if glosses:
            result.audit.append(
                AuditRow(
                    line=number,
                    text=raw,
                    reason=f"romanisation_gloss_removed:{glosses}",
                    action="repaired",
                )
            )
    result.audit.sort(key=lambda r: (r.line, r.action))
    return result


def clean_text(text: str, *, to_simplified: bool = True) -> CleanResult:
    """Clean a whole decoded document (see :func:`clean_lines`).

    Examples
    --------
    >>> r = clean_text("相关新闻\\n健全社会救助体系。")
    >>> [row.reason for row in r.removed]
    ['related_footer']
    """
    return clean_lines(text.splitlines(), to_simplified=to_simplified)
