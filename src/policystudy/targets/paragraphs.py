"""Targets of a paragraph table: documents, groups, section trails, years, parts.

:func:`extract_targets_from_paragraphs` reads the ``paragraphs.csv`` table of notebook 00 with
:func:`~policystudy.targets.extract.extract_targets` sentence by sentence, giving each sentence
its document's year, the trail of headings above it, its paragraph, the document's planning
horizon and the part of the document it is in (policy text or officials' commentary).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import pandas as pd

from policystudy.core import defaults
from policystudy.core.parallel import map_slices, resolve_jobs
from policystudy.domains.units import DEFAULT_PARTS, POLICY, assign_parts, parse_parts
from policystudy.targets import context as ctx
from policystudy.targets.extract import (
    PARAGRAPH_COLUMNS,
    TARGET_COLUMNS,
    _extract,
    _frame,
    _horizon,
)
from policystudy.targets.indicators import as_indicators
from policystudy.targets.quantities import normalize, split_sentences

__all__ = ["PARALLEL_MIN_PARAGRAPHS", "extract_targets_from_paragraphs"]


def _document_horizons(docs, texts, trails) -> dict[str, str]:
    # A plan's horizon stated in its title or headings (…行动计划(2018~2020年)) holds for all
    # its targets. One stated in the body (今后五年,…) holds only for a document that dates
    # none of its goals itself (a congress report of a city): a national report that writes
    # 到二〇二〇年 for its goals does not put its history under its 今后五年.
    from_heading: dict[str, str] = {}
    from_body: dict[str, str] = {}
    dated: set[str] = set()
    for doc, text, trail in zip(docs, texts, trails, strict=True):
        text = normalize(text) if isinstance(text, str) else ""
        if doc not in from_heading or not from_heading[doc]:
            from_heading[doc] = _horizon(normalize(trail))
        if doc not in from_body or not from_body[doc]:
            from_body[doc] = _horizon(text)
        if _DATED_GOAL.search(text):
            dated.add(doc)
    return {
        doc: from_heading[doc] or ("" if doc in dated else from_body.get(doc, ""))
        for doc in from_heading
    }


_DATED_GOAL = ctx.re.compile(
    rf"(?:到|至)\s*(?:{ctx.numbers.YEAR})\s*年|(?:{ctx.numbers.YEAR})\s*年(?:底|末)?\s*(?:前|以前|之前)"
)


def extract_targets_from_paragraphs(
    paragraphs: pd.DataFrame,
    *,
    group_by: str = defaults.GROUP_BY,
    indicators=None,
    years: Mapping[str, int] | None = None,
    n_jobs: int = 1,
    parts: str = DEFAULT_PARTS,
) -> pd.DataFrame:
    """Extract targets from a ``paragraphs.csv`` frame, keeping document and group.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        Columns ``doc_id``, ``paragraph_id``, ``text`` and the ``group_by`` column; optional
        ``section_path`` (headings joined by `` > ``) and ``year``.
    group_by : str, keyword-only
        Column copied to ``group`` (default ``"region"``).
    indicators : Indicators, mapping, path or None, keyword-only
        See :func:`extract_targets`.
    years : mapping doc_id -> year, keyword-only
        Document years; by default the ``year`` column when there is one.
    n_jobs : int, keyword-only
        Worker processes for a large frame (0: one per available core). A frame of fewer
        than :data:`PARALLEL_MIN_PARAGRAPHS` paragraphs is read in this process. The table
        does not depend on it: workers read consecutive slices of the paragraphs, with the
        documents' years and horizons worked out here first.
    parts : str, keyword-only
        Part markers, ``"marker:part,…"`` (the ``parts`` parameter; default: 【报告内容】 is
        policy text, 【权威解读】 officials' commentary). Every row says which part of its
        document it comes from (``part``); rows of a part other than ``policy`` are set
        aside text (commentary), kept and marked, and a planning horizon stated only there
        (an official's 今后五年) is not the document's.

    Returns
    -------
    pandas.DataFrame
        :data:`TARGET_COLUMNS` plus ``doc_id``, ``group``, ``paragraph_id``, ``part``; sentence ids look
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
    ind = as_indicators(indicators)
    if years is None and "year" in paragraphs.columns:
        years = {}
        for doc, y in zip(paragraphs["doc_id"].astype(str), paragraphs["year"], strict=True):
            try:
                years.setdefault(doc, int(str(y)[:4]))
            except ValueError:
                continue
    years = dict(years or {})
    trails = (
        paragraphs["section_path"].fillna("").astype(str)
        if "section_path" in paragraphs.columns
        else pd.Series("", index=paragraphs.index)
    )
    labelled = _paragraph_parts(paragraphs, parts)
    part = pd.Series([name for name, _ in labelled], index=paragraphs.index)
    # A horizon holds within the text of one speaker: the policy text of a document, or one
    # official's commentary (each marker opens a new one).
    speaker = pd.Series(
        [doc if name == POLICY else f"{doc}\x1f{k}"
         for doc, (name, k) in zip(paragraphs["doc_id"].astype(str), labelled, strict=True)],
        index=paragraphs.index,
    )  # fmt: skip
    horizons = _document_horizons(speaker, paragraphs["text"], trails)
    workers = min(resolve_jobs(n_jobs), len(paragraphs) // PARALLEL_MIN_PARAGRAPHS)
    if workers > 1:
        # dict.fromkeys: group_by may be doc_id itself (a column selected twice would be a frame).
        columns = list(dict.fromkeys(["doc_id", "paragraph_id", "text", group_by]))
        frame = paragraphs[columns].assign(section_path=trails, part=part, speaker=speaker)
        chunks = map_slices(_extract_rows, frame, workers, group_by, ind, years, horizons)
        rows = [row for chunk in chunks for row in chunk]
        return _frame(rows, TARGET_COLUMNS + PARAGRAPH_COLUMNS)
    rows = _extract_rows(paragraphs.assign(part=part, speaker=speaker), group_by, ind, years, horizons,
                         trails=trails)  # fmt: skip
    return _frame(rows, TARGET_COLUMNS + PARAGRAPH_COLUMNS)


# Below this many paragraphs per worker, starting workers costs more than it saves.
PARALLEL_MIN_PARAGRAPHS = 10_000


def _extract_rows(paragraphs, group_by, indicators, years, horizons, *, trails=None):
    # The rows of consecutive paragraphs, the documents' years and horizons given: the work
    # of one process (the whole frame, or a worker's slice).
    ind = as_indicators(indicators)
    # Indicator phrases repeat across a corpus; each is looked up in the YAML patterns once.
    canonical = lru_cache(maxsize=None)(ind.canonical)
    if trails is None:
        trails = paragraphs["section_path"].fillna("").astype(str)
    rows: list[dict[str, object]] = []
    records = zip(paragraphs["doc_id"].astype(str), paragraphs["paragraph_id"].astype(str),
                  paragraphs["text"], paragraphs[group_by], trails, paragraphs["part"],
                  paragraphs["speaker"], strict=True)  # fmt: skip
    for doc_id, paragraph_id, text, group, trail, part, speaker in records:
        if not isinstance(text, str) or not text.strip():
            continue
        norm = normalize(text)
        context = ctx.Context(
            year=years.get(doc_id),
            headings=tuple(normalize(h) for h in trail.split(" > ") if h),
            paragraph=norm,
            horizon=horizons.get(speaker, ""),
        )
        for j, sentence in enumerate(split_sentences(norm), start=1):
            for row in _extract(
                normalize(sentence), f"{paragraph_id}-s{j:02d}", canonical, context
            ):
                row.update(doc_id=doc_id, group=group, paragraph_id=paragraph_id, part=part)
                rows.append(row)
    return rows


def _paragraph_parts(paragraphs: pd.DataFrame, parts: str) -> list[tuple[str, int]]:
    # The part of each paragraph (policy text, commentary…) and how many markers came before it
    # in its document, in reading order: a marker opens a part that lasts until the next one.
    markers = parse_parts(parts)
    out: list[tuple[str, int]] = [(POLICY, 0)] * len(paragraphs)
    by_doc: dict[str, list[int]] = {}
    for i, doc in enumerate(paragraphs["doc_id"].astype(str)):
        by_doc.setdefault(doc, []).append(i)
    texts = paragraphs["text"].fillna("").astype(str).tolist()
    for rows in by_doc.values():
        names = assign_parts([texts[i] for i in rows], markers=markers)
        k = 0
        for i, name in zip(rows, names, strict=True):
            if any(texts[i].lstrip().startswith(m) for m, _ in markers):
                k += 1
            out[i] = (name, k)
    return out
