"""Sentence-level coding: the units a document is coded in, their part, duplicates and labels.

A paragraph is split into sentences (:func:`policystudy.ingest.structure.split_sentences`), a
long list sentence further into clauses at ``;``; each unit keeps its heading path, which the
classifier reads as context. Parts of a document (report text versus officials' commentary)
are marked by configurable markers; a unit repeated within a document counts once.

Examples
--------
>>> split_clauses("提高低保标准;完善临时救助制度;发展居家养老服务;推进公办幼儿园建设。", min_chars=20)
['提高低保标准;', '完善临时救助制度;', '发展居家养老服务;', '推进公办幼儿园建设。']
>>> assign_parts(["导语", "【报告内容】稳就业", "接上", "【权威解读】局长说"],
...              markers=parse_parts("【报告内容】:policy,【权威解读】:commentary"))
['policy', 'policy', 'policy', 'commentary']
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from policystudy.core import defaults
from policystudy.core.parallel import map_slices, resolve_jobs
from policystudy.domains.taxonomy import GENERAL, NON_LIVELIHOOD, load_taxonomy
from policystudy.ingest.structure import split_sentences

if TYPE_CHECKING:
    from policystudy.domains.classifier import LexiconClassifier

# --- regexes and constants --------------------------------------------------------------------
# Clause boundary of list sentences: the semicolon stays with its clause.
_CLAUSE = re.compile(r"[^;；]+[;；]?")
# What a duplicate check ignores: part markers, punctuation, whitespace, list numbering.
_DEDUPE_DROP = re.compile(r"【[^】]*】|[\s\W_]|^[一二三四五六七八九十\d]+[、.是]")
#: Default part markers: the report text versus officials' commentary of news copies.
DEFAULT_PARTS = defaults.PARTS
#: The part of text before any marker, and the part analysed by default.
POLICY = "policy"
#: A repeated unit shorter than this is not a duplicate (「一是」, 「同志们!」 recur by design).
MIN_DUPLICATE_CHARS = 12

SENTENCE_COLUMNS = [
    "doc_id",
    "paragraph_id",
    "sentence_id",
    "section",
    "part",
    "text",
    "chars",
    "primary",
    "labels",
    "scores",
    "terms",
    "duplicate_of",
]


def parse_parts(spec: str) -> list[tuple[str, str]]:
    """``"marker:part,marker:part"`` -> ``[(marker, part), ...]`` (empty spec: no parts).

    Pairs are separated by ``,`` or ``;``; ``=`` may stand for ``:``.

    Examples
    --------
    >>> parse_parts("【报告内容】:policy, 【权威解读】:commentary")
    [('【报告内容】', 'policy'), ('【权威解读】', 'commentary')]
    """
    out = []
    for item in re.split(r"[,;]", str(spec or "")):
        if not item.strip():
            continue
        marker, sep, part = item.replace("=", ":").rpartition(":")
        if not sep or not marker.strip() or not part.strip():
            raise ValueError(f"part marker {item!r} is not of the form marker:part")
        out.append((marker.strip(), part.strip()))
    return out


def assign_parts(texts: Sequence[str], *, markers: Sequence[tuple[str, str]]) -> list[str]:
    """The part of each text of one document, in reading order.

    A text that starts with a marker opens that part, which lasts until the next marker; text
    before the first marker is policy text.
    """
    part = POLICY
    out = []
    for text in texts:
        head = str(text).lstrip()
        for marker, name in markers:
            if head.startswith(marker):
                part = name
                break
        out.append(part)
    return out


def split_clauses(sentence: str, *, min_chars: int = 80) -> list[str]:
    """A sentence of at least ``min_chars`` characters split into clauses at ``;``.

    Examples
    --------
    >>> split_clauses("提高低保标准。", min_chars=80)
    ['提高低保标准。']
    """
    if len(sentence) < min_chars:
        return [sentence]
    clauses = [c.strip() for c in _CLAUSE.findall(sentence) if c.strip()]
    return clauses or [sentence]


def dedupe_key(text: str) -> str:
    """What two units must share to be duplicates: the text without markers and punctuation.

    Examples
    --------
    >>> dedupe_key("【报告内容】提高低保标准, 完善救助。") == dedupe_key("提高低保标准完善救助")
    True
    """
    return _DEDUPE_DROP.sub("", text)


def sentence_units(
    paragraphs: pd.DataFrame,
    *,
    unit: str = defaults.UNIT,
    parts: str = DEFAULT_PARTS,
    clause_min_chars: int = 80,
) -> pd.DataFrame:
    """One row per unit: the sentences (or paragraphs) of every document, with part and duplicates.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        ``doc_id, paragraph_id, text`` and ``section_path`` or ``section``, in any order
        (sorted here by ``paragraph_id`` within ``doc_id``).
    unit : {"sentences", "paragraphs"}, keyword-only
        Sentences (long list sentences split into clauses) or whole paragraphs.
    parts : str, keyword-only
        Part markers (:func:`parse_parts`); ``""`` puts all text in the policy part.
    clause_min_chars : int, keyword-only
        A sentence this long is split into clauses.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, paragraph_id, sentence_id, section, part, text, chars, duplicate_of``.
        ``sentence_id`` is ``<paragraph_id>-sNN`` (as ``sentences.csv``), ``-cN`` appended for
        a clause, ``<paragraph_id>-p`` for a paragraph unit; ``duplicate_of`` names the first
        occurrence of a unit repeated within its document (empty otherwise).

    Examples
    --------
    >>> p = pd.DataFrame({"doc_id": ["d", "d"], "paragraph_id": ["d-p001", "d-p002"],
    ...                   "section": ["", ""],
    ...                   "text": ["提高低保标准,完善临时救助。发展居家养老。",
    ...                            "提高低保标准,完善临时救助。"]})
    >>> sentence_units(p)[["sentence_id", "duplicate_of"]].values.tolist()
    [['d-p001-s01', ''], ['d-p001-s02', ''], ['d-p002-s01', 'd-p001-s01']]
    """
    if unit not in ("sentences", "paragraphs"):
        raise ValueError(f"unit must be 'sentences' or 'paragraphs', not {unit!r}")
    markers = parse_parts(parts)
    section_col = "section_path" if "section_path" in paragraphs.columns else "section"
    data = paragraphs.sort_values(["doc_id", "paragraph_id"], kind="mergesort")
    rows: dict[str, list] = {k: [] for k in SENTENCE_COLUMNS[:7]}
    for doc_id, doc in data.groupby("doc_id", sort=True):
        doc_units = []
        for pid, section, text in zip(
            doc["paragraph_id"].astype(str),
            doc[section_col].fillna("").astype(str) if section_col in doc else [""] * len(doc),
            doc["text"].fillna("").astype(str),
            strict=True,
        ):
            if unit == "paragraphs":
                doc_units.append((pid, f"{pid}-p", section, text))
                continue
            for i, sent in enumerate(split_sentences(text), 1):
                sid = f"{pid}-s{i:02d}"
                clauses = split_clauses(sent, min_chars=clause_min_chars)
                if len(clauses) == 1:
                    doc_units.append((pid, sid, section, sent))
                else:
                    doc_units.extend(
                        (pid, f"{sid}-c{j}", section, c) for j, c in enumerate(clauses, 1)
                    )
        doc_parts = assign_parts([u[3] for u in doc_units], markers=markers)
        for (pid, sid, section, text), part in zip(doc_units, doc_parts, strict=True):
            # The marker names the part; it is not text of the document.
            for marker, _ in markers:
                if text.startswith(marker):
                    text = text[len(marker) :].lstrip()
            rows["doc_id"].append(str(doc_id))
            rows["paragraph_id"].append(pid)
            rows["sentence_id"].append(sid)
            rows["section"].append(section)
            rows["part"].append(part)
            rows["text"].append(text)
            rows["chars"].append(len(text))
    out = pd.DataFrame(rows)
    out["chars"] = out["chars"].astype(int)
    keys = out["text"].map(dedupe_key)
    first = (
        out.assign(_key=keys)
        .loc[keys.str.len() >= MIN_DUPLICATE_CHARS]
        .groupby(["doc_id", "_key"], sort=False)["sentence_id"]
        .transform("first")
    )
    dup = pd.Series("", index=out.index, dtype=object)
    repeated = first[first != out.loc[first.index, "sentence_id"]]
    dup.loc[repeated.index] = repeated
    out["duplicate_of"] = dup.to_numpy()
    return out


# Units per worker below which coding stays in this process: starting a worker and sending it
# the classifier costs about a second, coding 50 000 sentences about ten.
PARALLEL_MIN_UNITS = 50_000


def _classify_slice(frame: pd.DataFrame, clf) -> pd.DataFrame:
    return clf.classify(frame.reset_index(drop=True))


def code_units(
    units: pd.DataFrame, *, classifier: LexiconClassifier | None = None, n_jobs: int = 1
) -> pd.DataFrame:
    """Add ``primary, labels, scores, terms`` to a :func:`sentence_units` table (headings as context).

    Each unit is coded on its own text and section, so a large table is coded in consecutive
    slices by ``n_jobs`` worker processes (0: one per available core) when each would get at
    least :data:`PARALLEL_MIN_UNITS` units; the table does not depend on it. On the 2-core
    benchmark machine it gained nothing at 100 MB (35 s with two workers against 33.5 s in one
    process: sending 760 000 units to the workers costs what the second core saves), so the
    pipeline codes in one process; the option is for machines with more cores.
    """
    clf = classifier if classifier is not None else _default_classifier()
    frame = units[["text", "section"]].reset_index(drop=True)
    workers = min(resolve_jobs(n_jobs), len(frame) // PARALLEL_MIN_UNITS)
    if workers > 1:
        coded = pd.concat(map_slices(_classify_slice, frame, workers, clf), ignore_index=True)
    else:
        coded = clf.classify(frame)
    out = units.reset_index(drop=True).copy()
    for col in ("primary", "labels", "scores", "terms"):
        out[col] = coded[col].to_numpy()
    return out


def sentence_domains(
    paragraphs: pd.DataFrame,
    *,
    classifier: LexiconClassifier | None = None,
    group_by: str | None = None,
    unit: str = defaults.UNIT,
    parts: str = DEFAULT_PARTS,
    clause_min_chars: int | None = None,
    n_jobs: int = 1,
) -> pd.DataFrame:
    """The coded units of a corpus: ``sentence_domains.csv``.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        The paragraphs table of notebook 00.
    classifier : LexiconClassifier, optional
        Fitted; default: the packaged taxonomy with its settings.
    group_by : str, optional
        A paragraphs column copied next to ``doc_id``.
    unit, parts : see :func:`sentence_units`
    clause_min_chars : int, optional
        Default: the taxonomy's ``settings.clause_min_chars``.
    n_jobs : int
        Worker processes for a large corpus (see :func:`code_units`); results do not depend
        on it.

    Examples
    --------
    >>> p = pd.DataFrame({"doc_id": ["d"], "paragraph_id": ["d-p001"], "section": [""],
    ...                   "region": ["R"],
    ...                   "text": ["完善城乡低保制度,提高特困人员供养标准。发展居家养老服务,建设养老机构。"]})
    >>> sentence_domains(p, group_by="region")[["region", "primary"]].values.tolist()
    [['R', 'social_assistance'], ['R', 'elderly_care']]
    """
    clf = classifier if classifier is not None else _default_classifier()
    if clause_min_chars is None:
        tax = getattr(clf, "taxonomy_", None) or load_taxonomy()
        clause_min_chars = int(tax.settings["clause_min_chars"])
    units = sentence_units(paragraphs, unit=unit, parts=parts, clause_min_chars=clause_min_chars)
    out = code_units(units, classifier=clf, n_jobs=n_jobs)
    cols = list(SENTENCE_COLUMNS)
    if group_by:
        groups = paragraphs[["doc_id", group_by]].drop_duplicates("doc_id").astype({group_by: str})
        out = out.merge(groups, on="doc_id", how="left", validate="many_to_one")
        cols.insert(1, group_by)
    return out[cols]


def code_sentences(
    sentences: Sequence[str],
    sections: Sequence[str] | None = None,
    *,
    classifier: LexiconClassifier | None = None,
) -> list[str]:
    """Primary domain of each sentence, coded as the pipeline codes them.

    A long list sentence is split into clauses, each coded with the sentence's heading as
    context; the sentence's primary domain is the one that covers most of its characters.

    Parameters
    ----------
    sentences : sequence of str
    sections : sequence of str, optional
        Heading path of each sentence (levels joined by `` > ``).
    classifier : LexiconClassifier, optional
        Fitted; default: the packaged taxonomy with its settings.

    Examples
    --------
    >>> code_sentences(["到2025年,职工参保率达到98%。", "坚持预防为主。"],
    ...                ["", "(三)提高医疗卫生服务能力"])
    ['social_insurance', 'health']
    """
    clf = classifier if classifier is not None else _default_classifier()
    secs = [""] * len(sentences) if sections is None else [str(s or "") for s in sections]
    if len(secs) != len(sentences):
        raise ValueError("sentences and sections differ in length")
    tax = getattr(clf, "taxonomy_", None) or load_taxonomy()
    min_chars = int(tax.settings["clause_min_chars"])
    owner, texts, sec = [], [], []
    for i, (s, h) in enumerate(zip(sentences, secs, strict=True)):
        for c in split_clauses(str(s), min_chars=min_chars):
            owner.append(i)
            texts.append(c)
            sec.append(h)
    coded = clf.classify(pd.DataFrame({"text": texts, "section": sec}))
    weight: dict[int, dict[str, int]] = {}
    for i, text, primary in zip(owner, texts, coded["primary"], strict=True):
        weight.setdefault(i, {})
        weight[i][primary] = weight[i].get(primary, 0) + len(text)
    order = {c: k for k, c in enumerate(tax.codes)}
    out = []
    for i in range(len(sentences)):
        w = weight.get(i) or {NON_LIVELIHOOD if tax.has_non_livelihood else GENERAL: 0}
        out.append(sorted(w, key=lambda c: (-w[c], order.get(c, len(order))))[0])
    return out


def paragraph_summary(coded: pd.DataFrame, *, codes: Sequence[str]) -> pd.DataFrame:
    """One row per paragraph from its coded sentences: ``paragraph_domains.csv``.

    Duplicates do not count. ``primary`` is the domain with most characters; ``labels`` lists
    the domains with at least a quarter of them; ``scores`` their character shares.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d"] * 3, "paragraph_id": ["d-p007"] * 3, "part": "policy",
    ...     "chars": [60, 50, 10], "primary": ["social_assistance", "elderly_care", "general"],
    ...     "duplicate_of": ""})
    >>> paragraph_summary(s, codes=["social_assistance", "elderly_care", "general"]).loc[
    ...     0, ["primary", "labels", "scores"]].tolist()
    ['social_assistance', 'social_assistance|elderly_care', 'social_assistance:0.500|elderly_care:0.417|general:0.083']
    """
    order = {c: k for k, c in enumerate(codes)}
    key = ["doc_id", "paragraph_id"]
    counted = coded["duplicate_of"].astype(str) == ""
    # One grouped pass, not a DataFrame per paragraph: a 100 MB corpus has ~200 000 of them.
    base = (
        coded.assign(_dup=~counted)
        .groupby(key, sort=True)
        .agg(part=("part", "first"), units=("chars", "size"), duplicates=("_dup", "sum"))
    )
    w = coded[counted].groupby([*key, "primary"], sort=False)["chars"].sum().reset_index()
    w["_order"] = w["primary"].map(order).fillna(len(order))
    w = w.sort_values([*key, "chars", "_order"], ascending=[True, True, False, True], kind="stable")
    summary: dict[tuple, tuple[int, str, str, str]] = {}
    for (doc_id, pid), members in itertools.groupby(
        zip(w["doc_id"], w["paragraph_id"], w["primary"], w["chars"], strict=True),
        key=lambda r: (r[0], r[1]),
    ):
        ranked = [(c, int(n)) for _, _, c, n in members]
        total = sum(n for _, n in ranked)
        shares = [(c, n / total) for c, n in ranked] if total else []
        labels = [c for c, share in shares if share >= 0.25]
        # A paragraph that no domain dominates (a goal list over many fields) is general, as
        # the classifier codes a unit whose evidence is spread.
        primary = labels[0] if labels else (GENERAL if total else "")
        summary[doc_id, pid] = (
            total,
            primary,
            "|".join(labels) or primary,
            "|".join(f"{c}:{share:.3f}" for c, share in shares),
        )
    empty = (0, "", "", "")
    rows = [summary.get(k, empty) for k in base.index]
    out = base.reset_index()
    out["units"] = out["units"].astype(int)
    out["duplicates"] = out["duplicates"].astype(int)
    for i, col in enumerate(["chars", "primary", "labels", "scores"]):
        out[col] = [r[i] for r in rows]
    return out[
        [
            "doc_id",
            "paragraph_id",
            "part",
            "units",
            "duplicates",
            "chars",
            "primary",
            "labels",
            "scores",
        ]
    ]


def duplicate_audit(coded: pd.DataFrame) -> pd.DataFrame:
    """The repeated units: ``doc_id, sentence_id, duplicate_of, chars, primary, text``."""
    dup = coded[coded["duplicate_of"].astype(str) != ""]
    return dup[["doc_id", "sentence_id", "duplicate_of", "chars", "primary", "text"]].reset_index(
        drop=True
    )


def part_summary(coded: pd.DataFrame, *, use_parts: Sequence[str] = (POLICY,)) -> pd.DataFrame:
    """Characters per document and part, and whether the analyses used that part.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d", "d"], "part": ["policy", "commentary"],
    ...                   "chars": [30, 70], "duplicate_of": ""})
    >>> part_summary(s)[["part", "chars", "share", "used"]].values.tolist()
    [['commentary', 70, 0.7, False], ['policy', 30, 0.3, True]]
    """
    g = coded.groupby(["doc_id", "part"], sort=True)["chars"].sum().rename("chars").reset_index()
    g["share"] = g["chars"] / g.groupby("doc_id")["chars"].transform("sum")
    g["used"] = g["part"].isin(list(use_parts))
    g["chars"] = g["chars"].astype(int)
    return g


def _default_classifier() -> LexiconClassifier:
    # Imported here: the classifier imports scikit-learn, which a kernel that only reads
    # POLICY or the coded tables (notebook 05) need not load.
    from policystudy.domains.classifier import LexiconClassifier

    return LexiconClassifier().fit()
