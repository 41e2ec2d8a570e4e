"""Document quality flags: signs that a copy may not be the official document.

A scraped copy can be a template or a ghost-written draft rather than the government's text:
placeholder years and values (「到202x年」, 「20xx张」), advertising or ghost-writing footers
(「若您需要全文或代笔」), template traces (「XX市」, 「×××」) or a text too short to stand for a
document. The flags are reported, never used to drop a document: the reader decides.

Examples
--------
>>> document_flags("到202x年,新增就业2.15万人。", min_chars=10)
[('placeholder', '202x')]
>>> document_flags("正文。", removed=["预览阅读已结束,若您需要全文或代笔。"], min_chars=0)
[('ad_footer', '预览阅读已结束'), ('ad_footer', '代笔')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

# --- regexes ----------------------------------------------------------------------------------
# Placeholder years and values: 202x, 201x, 20xx, XX (a run of two or more X or ×), 某某.
_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])(?:20\d[xX]|20[xX]{2}|[xX]{2,}(?![A-Za-z])|×{2,}|某某)(?![A-Za-z])"
)
# Advertising, download-wall and ghost-writing footers of document-sharing sites.
_AD = re.compile(
    r"预览阅读已结束|代笔|代写|联系老师|下载全文|免费下载|原创范文|文档下载|付费阅读|扫码关注|"
    r"本文由.{0,8}整理|版权归原作者"
)
# Template traces: unfilled names and fields.
_TEMPLATE = re.compile(
    r"(?:[xX×＊*]{2,}|某)(?:省|市|区|县|镇|单位|公司)|\[?(?:此处)?填写[^。]{0,8}"
)

#: Below this many characters of body text a document is flagged as very short.
MIN_CHARS = 1000
FLAGS = ("placeholder", "ad_footer", "template", "very_short")


def document_flags(
    text: str, *, removed: Iterable[str] = (), chars: int | None = None, min_chars: int = MIN_CHARS
) -> list[tuple[str, str]]:
    """``(flag, evidence)`` pairs for one document, each distinct piece of evidence once.

    Parameters
    ----------
    text : str
        The document's body text after cleaning.
    removed : iterable of str, keyword-only
        Lines cleaning removed (footers are usually among them).
    chars : int, optional, keyword-only
        Body characters (default ``len(text)``); below ``min_chars`` the document is very short.

    Examples
    --------
    >>> document_flags("XX市人民政府关于…", chars=9)
    [('placeholder', 'XX'), ('template', 'XX市'), ('very_short', '9 characters')]
    """
    out: list[tuple[str, str]] = []
    seen = set()

    def add(flag, evidence):
        if (flag, evidence) not in seen:
            seen.add((flag, evidence))
            out.append((flag, evidence))

    everything = "\n".join([text, *removed])
    for m in _PLACEHOLDER.finditer(everything):
        add("placeholder", m.group(0))
    for m in _AD.finditer(everything):
        add("ad_footer", m.group(0))
    for m in _TEMPLATE.finditer(everything):
        add("template", m.group(0))
    n = len(text) if chars is None else int(chars)
    if n < min_chars:
        add("very_short", f"{n} characters")
    return out


def flag_documents(
    overview: pd.DataFrame,
    paragraphs: pd.DataFrame,
    audit: pd.DataFrame,
    *,
    min_chars: int = MIN_CHARS,
) -> pd.DataFrame:
    """``overview`` with ``quality_flags`` and ``quality_evidence`` columns added.

    ``quality_flags`` lists the flags (``|``-joined, in :data:`FLAGS` order, empty for a clean
    document); ``quality_evidence`` quotes up to three matches per flag.

    Examples
    --------
    >>> ov = pd.DataFrame({"doc_id": ["a", "b"], "chars": [5000, 5000]})
    >>> para = pd.DataFrame({"doc_id": ["a", "b"], "text": ["到202x年建成。", "提高低保标准。"]})
    >>> aud = pd.DataFrame({"doc_id": ["a"], "text": ["请点击联系老师"]})
    >>> flag_documents(ov, para, aud)["quality_flags"].tolist()
    ['placeholder|ad_footer', '']
    """
    texts = paragraphs.groupby("doc_id")["text"].apply(lambda s: "\n".join(s.astype(str)))
    removed = audit.groupby("doc_id")["text"].apply(lambda s: s.astype(str).tolist())
    flags, evidence = [], []
    for doc, chars in zip(overview["doc_id"], overview["chars"], strict=True):
        found = document_flags(
            texts.get(doc, ""), removed=removed.get(doc, []), chars=chars, min_chars=min_chars
        )
        names = [f for f in FLAGS if any(x == f for x, _ in found)]
        flags.append("|".join(names))
        evidence.append(
            "; ".join(f"{f}: " + ", ".join([e for x, e in found if x == f][:3]) for f in names)
        )
    out = overview.copy()
    out["quality_flags"] = flags
    out["quality_evidence"] = evidence
    return out
