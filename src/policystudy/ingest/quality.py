"""Document quality flags: signs that a copy may not be the official document, or not whole.

A scraped copy can be a template or a ghost-written draft rather than the government's text:
placeholder years and values (「到202x年」, 「20xx张」, 「某某」), advertising or ghost-writing
footers (「若您需要全文或代笔」), unfilled template fields (「XX市」, 「此处填写」). Instructions to
applicants are not template traces: a notice that tells applicants to 「填写申请表」 or 「填写和
提交电子申请书」 is the official text. A text can also be a short excerpt (judged on the text as
received, so a document that cleaning emptied is never called short), or cite something later
than its date (「二十大」 in a text dated 2021; the datable terms are an editable YAML table,
``src/policystudy/data/datable_terms.yaml``).

The flags are reported with their evidence (:func:`flag_table`, ``document_flags.csv``); the
parameter ``exclude_flagged`` of ``policystudy run`` sets flagged documents aside from the
analyses, and the report then shows the priorities with and without them.

Examples
--------
>>> document_flags("到202x年,新增就业2.15万人。", min_chars=10)
[('placeholder', '202x')]
>>> document_flags("正文。", removed=["预览阅读已结束,若您需要全文或代笔。"], min_chars=0)
[('ad_footer', '预览阅读已结束'), ('ad_footer', '代笔')]
>>> document_flags("请申请人填写申请表并提交电子申请书。", min_chars=0)
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

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
# Template traces: unfilled names ("XX市", "某某单位") and fields left for the writer
# ("此处填写", "[填写单位名称]", "单位名称:______"). A bare 填写 is an instruction to applicants.
_TEMPLATE = re.compile(
    r"(?:[xX×＊*]{2,}|某某)(?:省|市|区|县|镇|单位|公司)|(?:此处|在此)(?:填写|填入|输入)[^。]{0,8}|"
    r"[\[【(]\s*(?:请)?填写[^\]】)]{0,10}[\]】)]|(?:名称|单位|日期|姓名)\s*:\s*_{3,}"
)

#: Below this many characters *as received* (before cleaning) a text is a short excerpt.
MIN_CHARS = 1000
FLAGS = ("placeholder", "ad_footer", "template", "very_short", "anachronism")
#: Flags that say a copy may be a template or an unofficial copy.
TEMPLATE_FLAGS = ("placeholder", "ad_footer", "template")
FLAG_COLUMNS = ["doc_id", "flag", "evidence", "where", "note"]


@dataclass(frozen=True)
class DatableTerm:
    """A term no text could use before ``since`` (see ``datable_terms.yaml``)."""

    term: str
    since: int
    note: str = ""
    #: Contexts where an earlier text may name the term (「从十九大到二十大」, 「迎接党的二十大」).
    allowed: tuple[str, ...] = ()

    def cited_in(self, text: str) -> bool:
        """Whether ``text`` names the term outside its allowed contexts.

        Examples
        --------
        >>> t = DatableTerm("二十大", 2022, allowed=("到二十大",))
        >>> t.cited_in("从十九大到二十大,是历史交汇期。"), t.cited_in("学习二十大精神。")
        (False, True)
        """
        for context in self.allowed:
            text = text.replace(context, "")
        return self.term in text


def load_datable_terms(path: Path | str | None = None) -> tuple[DatableTerm, ...]:
    """The datable terms of a YAML file (default: the packaged ``datable_terms.yaml``).

    Raises
    ------
    ValueError
        Naming the file and the entry, for an entry without a term or a four-digit year.

    Examples
    --------
    >>> terms = load_datable_terms()
    >>> next(t.since for t in terms if t.term == "新质生产力")
    2023
    """
    from policystudy.core import resources

    path = Path(path) if path else resources.DATABLE_TERMS
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = []
    for n, entry in enumerate(data.get("terms") or [], 1):
        term = str((entry or {}).get("term", "")).strip()
        since = (entry or {}).get("since")
        if not term or not isinstance(since, int) or not 1900 <= since <= 2100:
            raise ValueError(
                f"{path}: entry {n} ({entry!r}) needs a term and a four-digit year 'since'"
            )
        allowed = tuple(str(x) for x in entry.get("allowed") or ())
        out.append(DatableTerm(term, since, str(entry.get("note", "")), allowed))
    return tuple(out)


def _year(value) -> int | None:
    """A document's year from a manifest value ("2021", "2021-05-10"), or ``None``."""
    m = re.match(r"\s*(\d{4})(?!\d)", str(value or ""))
    return int(m.group(1)) if m else None


def document_flags(
    text: str,
    *,
    removed: Iterable[str] = (),
    raw_chars: int | None = None,
    year: int | str | None = None,
    terms: Iterable[DatableTerm] = (),
    min_chars: int = MIN_CHARS,
) -> list[tuple[str, str]]:
    """``(flag, evidence)`` pairs for one document, each distinct piece of evidence once.

    Parameters
    ----------
    text : str
        The document's body text after cleaning.
    removed : iterable of str, keyword-only
        Lines cleaning removed (footers are usually among them).
    raw_chars : int, optional, keyword-only
        Characters of the text as received (default ``len(text)``); below ``min_chars`` the
        document is a short excerpt. Judged before cleaning: what cleaning removed is noise,
        and a document it emptied is not short.
    year : int or str, optional, keyword-only
        The document's date (its first four digits are the year); with ``terms``, a term of a
        later year is an anachronism.
    terms : iterable of DatableTerm, keyword-only
        From :func:`load_datable_terms`.

    Examples
    --------
    >>> document_flags("XX市人民政府关于…", raw_chars=9)
    [('placeholder', 'XX'), ('template', 'XX市'), ('very_short', 'a short excerpt: 9 characters as received')]
    >>> document_flags("深入学习贯彻党的二十大精神。", year=2021, terms=load_datable_terms(), min_chars=0)
    [('anachronism', '二十大 (2022 or later) in a text dated 2021')]
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
    n = len(text) if raw_chars is None else int(raw_chars)
    if n < min_chars:
        add("very_short", f"a short excerpt: {n:,} characters as received")
    dated = _year(year)
    if dated is not None:
        for t in terms:
            if dated < t.since and t.cited_in(text):
                add("anachronism", f"{t.term} ({t.since} or later) in a text dated {dated}")
    return out


def flag_table(
    overview: pd.DataFrame,
    paragraphs: pd.DataFrame,
    audit: pd.DataFrame,
    *,
    min_chars: int = MIN_CHARS,
    terms: Iterable[DatableTerm] | None = None,
    year_column: str = "year",
) -> pd.DataFrame:
    """Every flag of every document with its evidence: ``document_flags.csv``.

    Columns ``doc_id, flag, evidence, where, note``: ``where`` says what the evidence was
    found in (``body``, ``removed lines``, ``text as received``, ``text and date``).

    Examples
    --------
    >>> ov = pd.DataFrame({"doc_id": ["a", "b"], "raw_chars": [5000, 300], "year": ["2021", "2022"]})
    >>> para = pd.DataFrame({"doc_id": ["a", "b"], "text": ["学习二十大精神。", "提高低保标准。"]})
    >>> aud = pd.DataFrame({"doc_id": ["a"], "text": ["请点击联系老师"]})
    >>> flag_table(ov, para, aud)[["doc_id", "flag", "where"]].values.tolist()
    [['a', 'ad_footer', 'removed lines'], ['a', 'anachronism', 'text and date'], ['b', 'very_short', 'text as received']]
    """
    terms = load_datable_terms() if terms is None else tuple(terms)
    notes = {t.term: t.note for t in terms}
    texts = paragraphs.groupby("doc_id")["text"].apply(lambda s: "\n".join(s.astype(str)))
    removed = audit.groupby("doc_id")["text"].apply(lambda s: s.astype(str).tolist())
    has_year = year_column in overview.columns
    rows = []
    for _, r in overview.iterrows():
        doc = r["doc_id"]
        body = texts.get(doc, "")
        raw = r["raw_chars"] if "raw_chars" in overview.columns else len(body)
        found = document_flags(
            body,
            removed=removed.get(doc, []),
            raw_chars=raw,
            year=r[year_column] if has_year else None,
            terms=terms,
            min_chars=min_chars,
        )
        for flag, evidence in found:
            if flag == "very_short":
                where, note = "text as received", ""
            elif flag == "anachronism":
                where, note = "text and date", notes.get(evidence.split(" ", 1)[0], "")
            else:
                where = "body" if evidence in body else "removed lines"
                note = ""
            rows.append({"doc_id": doc, "flag": flag, "evidence": evidence, "where": where,
                         "note": note})  # fmt: skip
    table = pd.DataFrame(rows, columns=FLAG_COLUMNS)
    order = {f: i for i, f in enumerate(FLAGS)}
    return (
        table.assign(_o=table["flag"].map(order))
        .sort_values(["doc_id", "_o"], kind="stable")
        .drop(columns="_o")
        .reset_index(drop=True)
    )


def flag_documents(
    overview: pd.DataFrame,
    paragraphs: pd.DataFrame,
    audit: pd.DataFrame,
    *,
    min_chars: int = MIN_CHARS,
    flags: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """``overview`` with ``quality_flags`` and ``quality_evidence`` columns added.

    ``quality_flags`` lists the flags (``|``-joined, in :data:`FLAGS` order, empty for a clean
    document); ``quality_evidence`` quotes up to three matches per flag. ``flags`` is
    :func:`flag_table`'s result, computed here when not given.

    Examples
    --------
    >>> ov = pd.DataFrame({"doc_id": ["a", "b"], "raw_chars": [5000, 5000]})
    >>> para = pd.DataFrame({"doc_id": ["a", "b"], "text": ["到202x年建成。", "提高低保标准。"]})
    >>> aud = pd.DataFrame({"doc_id": ["a"], "text": ["请点击联系老师"]})
    >>> flag_documents(ov, para, aud)["quality_flags"].tolist()
    ['placeholder|ad_footer', '']
    """
    if flags is None:
        flags = flag_table(overview, paragraphs, audit, min_chars=min_chars)
    names, evidence = [], []
    for doc in overview["doc_id"]:
        sub = flags[flags["doc_id"] == doc]
        found = [f for f in FLAGS if (sub["flag"] == f).any()]
        names.append("|".join(found))
        evidence.append(
            "; ".join(
                f"{f}: " + ", ".join(sub.loc[sub["flag"] == f, "evidence"].head(3)) for f in found
            )
        )
    out = overview.copy()
    out["quality_flags"] = names
    out["quality_evidence"] = evidence
    return out


def excluded_documents(flags: pd.DataFrame, exclude: str) -> list[str]:
    """Documents set aside by the parameter ``exclude_flagged`` (sorted).

    Parameters
    ----------
    flags : DataFrame
        :func:`flag_table`'s result.
    exclude : str
        ``""`` (none), ``"all"`` (any flag) or comma-separated flag names.

    Raises
    ------
    ValueError
        For a name that is not a flag.

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["a", "b"], "flag": ["very_short", "placeholder"]})
    >>> excluded_documents(t, "placeholder,anachronism"), excluded_documents(t, "all")
    (['b'], ['a', 'b'])
    """
    wanted = parse_exclude(exclude)
    return sorted(set(flags.loc[flags["flag"].isin(wanted), "doc_id"]))


def parse_exclude(exclude: str) -> tuple[str, ...]:
    """The flag names of an ``exclude_flagged`` value (``"all"`` = every flag).

    Examples
    --------
    >>> parse_exclude("all") == FLAGS, parse_exclude(""), parse_exclude("template, very_short")
    (True, (), ('template', 'very_short'))
    """
    names = tuple(x.strip() for x in str(exclude).split(",") if x.strip())
    if names == ("all",):
        return FLAGS
    bad = [n for n in names if n not in FLAGS]
    if bad:
        raise ValueError(f"unknown flag(s) {', '.join(bad)}; known: all, {', '.join(FLAGS)}")
    return names


def describe(flags: Mapping[str, str] | pd.Series) -> str:
    """What a document's flags mean, in neutral words, for the report.

    Examples
    --------
    >>> describe({"quality_flags": "very_short"})
    'It is a short excerpt: its findings describe this excerpt, not a whole document.'
    """
    names = set(str(flags["quality_flags"]).split("|"))
    out = []
    if names & set(TEMPLATE_FLAGS):
        out.append(
            "It may be a template or an unofficial copy rather than the government's text; its "
            "findings describe this copy."
        )
    if "very_short" in names:
        out.append(
            "It is a short excerpt: its findings describe this excerpt, not a whole document."
        )
    if "anachronism" in names:
        out.append("It cites something later than its date: check the date or the copy.")
    return " ".join(out)
