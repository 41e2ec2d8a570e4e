"""From a loaded corpus to the tables of notebook 00: overview, paragraphs, cleaning audit.

Examples
--------
>>> from policystudy.ingest import corpus
>>> from policystudy.workflow import paths
>>> tables = prepare(corpus.load_corpus(paths.DEFAULT_MANIFEST))
>>> tables.overview["region"].nunique(), len(tables.overview)
(4, 5)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from policystudy.core import defaults
from policystudy.ingest import cleaning, structure
from policystudy.ingest import duplicates as dup
from policystudy.ingest.corpus import Corpus

AUDIT_COLUMNS = ["doc_id", "line", "text", "reason", "action", "detail"]
DUPLICATE_COLUMNS = ["doc_id", "duplicate_id", "kind", "similarity", "kept", "set_aside", "reason"]
REUSE_COLUMNS = [
    "doc_id", "source_id", "shared_chars", "doc_chars", "share", "passages", "passage_text"
]  # fmt: skip


@dataclass
class CorpusTables:
    """The tables notebook 00 writes.

    ``paragraphs`` holds the text the analyses count (each text once); ``all_paragraphs`` also
    the paragraphs of documents set aside as duplicates and those left out as reused text.
    """

    overview: pd.DataFrame
    paragraphs: pd.DataFrame
    audit: pd.DataFrame
    headings: pd.DataFrame
    duplicates: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=DUPLICATE_COLUMNS)
    )
    reuse: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REUSE_COLUMNS))
    all_paragraphs: pd.DataFrame | None = None


def prepare(
    corpus: Corpus,
    *,
    to_simplified: bool = defaults.TO_SIMPLIFIED,
    duplicates: str = defaults.DUPLICATES,
    duplicate_threshold: float = dup.DUPLICATE_THRESHOLD,
    reuse: str = defaults.REUSE,
    reuse_min_chars: int = dup.REUSE_MIN_CHARS,
    boilerplate_min_documents: int = cleaning.BOILERPLATE_MIN_DOCUMENTS,
    boilerplate_min_share: float = cleaning.BOILERPLATE_MIN_SHARE,
    boilerplate_max_share: float = cleaning.BOILERPLATE_MAX_SHARE,
) -> CorpusTables:
    """Clean, structure and describe every document of ``corpus``, each text counted once.

    Parameters
    ----------
    corpus : Corpus
        From :func:`policystudy.ingest.corpus.load_corpus`.
    to_simplified : bool, keyword-only
        Convert Traditional script to Simplified while normalising.
    duplicates : {"keep_first", "keep_all", "fail"}, keyword-only
        What to do with documents that are the same text (:mod:`policystudy.ingest.duplicates`):
        keep the first in the manifest and set the others aside, keep all, or stop.
    duplicate_threshold : float, keyword-only
        Near-duplicates: Jaccard similarity of 5-character shingles at least this.
    reuse : {"count_once", "count_all"}, keyword-only
        ``count_once`` leaves out of the analyses a paragraph of a document that is mostly
        (``REUSE_PARAGRAPH_SHARE``) text of an earlier document; ``count_all`` keeps it.
    reuse_min_chars : int, keyword-only
        Shortest reused passage reported.
    boilerplate_min_documents, boilerplate_min_share, boilerplate_max_share : keyword-only
        Cross-document boilerplate (:func:`policystudy.ingest.cleaning.shared_lines`,
        :func:`policystudy.ingest.cleaning.clean_lines`).

    Returns
    -------
    CorpusTables
        ``paragraphs`` has the columns ``doc_id``, every manifest metadata column,
        ``paragraph_id``, ``section``, ``section_path``, ``line``, ``text`` and ``chars``.

    Examples
    --------
    >>> from policystudy.ingest import corpus
    >>> from policystudy.workflow import paths
    >>> tables = prepare(corpus.load_corpus(paths.DEFAULT_MANIFEST))
    >>> tables.paragraphs.loc[0, ["paragraph_id", "region"]].tolist()
    ['lianyungang-p001', 'Jiangsu']
    >>> tables.overview["status"].unique().tolist(), len(tables.duplicates), len(tables.reuse)
    (['analysed'], 0, 0)
    """
    if reuse not in ("count_once", "count_all"):
        raise ValueError(f"reuse must be 'count_once' or 'count_all', got {reuse!r}")
    # Serial on purpose: a process pool was measured 3× slower on 100 MB (20 s against 7 s),
    # sending documents and paragraph rows between processes costs more than cleaning them.
    meta_cols = corpus.metadata_columns
    ids = [doc.doc_id for doc in corpus.documents]
    # Normalised once: cross-document boilerplate needs every document's lines before any is
    # cleaned.
    lines = {
        doc.doc_id: cleaning.normalised_lines(doc.text, to_simplified=to_simplified)
        for doc in corpus.documents
    }
    # Duplicates first: two copies of one notice share every line, and boilerplate is what
    # *distinct* documents share.
    metadata = {doc.doc_id: doc.metadata for doc in corpus.documents}
    pairs = dup.find_duplicates(
        {d: "\n".join(cleaning.content_lines(lines[d])) for d in ids},
        threshold=duplicate_threshold,
        dates=dup.document_dates(ids, metadata),
    )
    set_aside = dup.resolve_duplicates(pairs, ids, policy=duplicates)
    shared = cleaning.shared_lines(
        {d: lines[d] for d in ids if d not in set_aside},
        min_documents=boilerplate_min_documents,
        min_share=boilerplate_min_share,
    )
    parts = [
        _prepare_document(
            (doc, meta_cols, to_simplified, shared, lines[doc.doc_id]),
            boilerplate_max_share=boilerplate_max_share,
        )
        for doc in corpus.documents
    ]
    overview_rows = [p[0] for p in parts]
    paragraph_rows = [row for p in parts for row in p[1]]
    audit_rows = [row for p in parts for row in p[2]]
    heading_rows = [row for p in parts for row in p[3]]
    audit = pd.DataFrame(audit_rows, columns=AUDIT_COLUMNS)
    all_paragraphs = pd.DataFrame(paragraph_rows)

    # Reuse between the documents analysed, on their body text.
    kept_ids = [d for d in ids if d not in set_aside]
    by_doc: dict[str, list[tuple[str, str]]] = {d: [] for d in ids}
    for pid, doc_id, text in zip(
        all_paragraphs.get("paragraph_id", []),
        all_paragraphs.get("doc_id", []),
        all_paragraphs.get("text", []),
        strict=True,
    ):
        by_doc[doc_id].append((pid, text))
    bodies = {d: "\n".join(t for _, t in by_doc[d]) for d in kept_ids}
    order = dup.document_order(kept_ids, metadata)
    reuses = dup.text_reuse(bodies, order, min_chars=reuse_min_chars)
    reused_pids: set[str] = set()
    reused_chars: dict[str, int] = {}
    # With duplicates="keep_all" two copies are both analysed in full, as asked.
    copies = {frozenset((p.first, p.second)) for p in pairs}
    for d in kept_ids:
        mine = [r for r in reuses if r.doc_id == d and frozenset((d, r.source_id)) not in copies]
        if not mine:
            continue
        mask = dup.reused_mask(len(bodies[d]), mine)
        # Characters of text, not the newlines that join its paragraphs.
        reused_chars[d] = int(mask.sum()) - sum(
            1 for i, ch in enumerate(bodies[d]) if ch == "\n" and mask[i]
        )
        start = 0
        for pid, text in by_doc[d]:
            share = mask[start : start + len(text)].mean() if text else 0.0
            if reuse == "count_once" and share >= dup.REUSE_PARAGRAPH_SHARE:
                reused_pids.add(pid)
            start += len(text) + 1  # the newline between paragraphs
    reuse_rows = [
        {
            "doc_id": r.doc_id,
            "source_id": r.source_id,
            "shared_chars": sum(
                len(bodies[r.doc_id][a:b].replace("\n", "")) for a, b in r.passages
            ),
            "doc_chars": len(bodies[r.doc_id]) - bodies[r.doc_id].count("\n"),
            "share": sum(len(bodies[r.doc_id][a:b].replace("\n", "")) for a, b in r.passages)
            / max(1, len(bodies[r.doc_id]) - bodies[r.doc_id].count("\n")),
            "passages": len(r.passages),
            "passage_text": " ‖ ".join(
                bodies[r.doc_id][a:b].replace("\n", " ") for a, b in r.passages
            ),
        }
        for r in reuses
    ]

    # What the analyses count: the kept copies, without the paragraphs counted in their source.
    if len(all_paragraphs):
        analysed = ~all_paragraphs["doc_id"].isin(set(set_aside)) & ~all_paragraphs[
            "paragraph_id"
        ].isin(reused_pids)
        paragraphs = all_paragraphs[analysed].reset_index(drop=True)
    else:
        paragraphs = all_paragraphs
    overview = pd.DataFrame(overview_rows)
    counted = (
        paragraphs.groupby("doc_id")["chars"].agg(["sum", "size"]) if len(paragraphs) else None
    )
    left_out = pd.Series(sorted(reused_pids)).str.rsplit("-p", n=1).str[0].value_counts()
    overview["body_chars"] = overview["chars"]
    overview["duplicate_of"] = [set_aside.get(d, "") for d in overview["doc_id"]]
    overview["reused_chars"] = overview["doc_id"].map(reused_chars).fillna(0).astype(int)
    overview["reused_share"] = (
        overview["reused_chars"] / overview["body_chars"].where(overview["body_chars"] > 0)
    ).fillna(0.0)
    overview["reused_paragraphs"] = overview["doc_id"].map(left_out).fillna(0).astype(int)
    overview["status"] = [
        f"set aside: duplicate of {set_aside[d]}"
        if d in set_aside
        else ("analysed" if n == 0 else "analysed without reused paragraphs")
        for d, n in zip(overview["doc_id"], overview["reused_paragraphs"], strict=True)
    ]
    sums = counted["sum"] if counted is not None else pd.Series(dtype=int)
    sizes = counted["size"] if counted is not None else pd.Series(dtype=int)
    overview["chars"] = overview["doc_id"].map(sums).fillna(0).astype(int)
    overview["paragraphs"] = overview["doc_id"].map(sizes).fillna(0).astype(int)
    sent = (
        paragraphs["text"]
        .map(lambda t: len(structure.split_sentences(t)))
        .groupby(paragraphs["doc_id"])
        .sum()
        if len(paragraphs)
        else pd.Series(dtype=int)
    )
    overview["sentences"] = overview["doc_id"].map(sent).fillna(0).astype(int)
    return CorpusTables(
        overview=overview,
        paragraphs=paragraphs,
        audit=audit.sort_values(["doc_id", "line", "action"], kind="stable").reset_index(drop=True),
        headings=pd.DataFrame(heading_rows, columns=["doc_id", "line", "level", "heading"]),
        duplicates=pd.DataFrame(
            dup.duplicate_rows(pairs, set_aside, policy=duplicates), columns=DUPLICATE_COLUMNS
        ),
        reuse=pd.DataFrame(reuse_rows, columns=REUSE_COLUMNS),
        all_paragraphs=all_paragraphs,
    )


def reuse_by_group(reuse: pd.DataFrame, overview: pd.DataFrame, *, group_by: str) -> pd.DataFrame:
    """How much of each group's text is text of another (or the same) group's documents.

    Returns
    -------
    pandas.DataFrame
        ``group, source_group, reused_chars, group_chars, share`` (``share`` of the group's
        body characters), sorted by group and source group; only pairs with reuse.

    Examples
    --------
    >>> ov = pd.DataFrame({"doc_id": ["c", "p"], "region": ["central", "province"],
    ...                    "body_chars": [100, 150], "status": ["analysed"] * 2})
    >>> r = pd.DataFrame({"doc_id": ["p"], "source_id": ["c"], "shared_chars": [100]})
    >>> reuse_by_group(r, ov, group_by="region").to_dict("records")
    [{'group': 'province', 'source_group': 'central', 'reused_chars': 100, 'group_chars': 150, 'share': 0.6666666666666666}]
    """
    columns = ["group", "source_group", "reused_chars", "group_chars", "share"]
    kept = overview[~overview["status"].astype(str).str.startswith("set aside")]
    group_of = dict(zip(kept["doc_id"].astype(str), kept[group_by].astype(str), strict=True))
    totals = kept.groupby(kept[group_by].astype(str))["body_chars"].sum()
    if reuse.empty:
        return pd.DataFrame(columns=columns)
    df = pd.DataFrame(
        {
            "group": reuse["doc_id"].astype(str).map(group_of),
            "source_group": reuse["source_id"].astype(str).map(group_of),
            "reused_chars": reuse["shared_chars"].astype(int),
        }
    )
    out = df.groupby(["group", "source_group"], sort=True)["reused_chars"].sum().reset_index()
    out["group_chars"] = out["group"].map(totals).astype(int)
    out["share"] = out["reused_chars"] / out["group_chars"]
    return out.sort_values(["group", "source_group"], kind="stable").reset_index(drop=True)


def _prepare_document(
    job, *, boilerplate_max_share: float = cleaning.BOILERPLATE_MAX_SHARE
) -> tuple[dict, list[dict], list[dict], list[dict]]:
    """Overview row, paragraph rows, audit rows and heading rows of one document."""
    doc, meta_cols, to_simplified, shared, normalised = job
    result = cleaning.clean_text(
        doc.text,
        to_simplified=to_simplified,
        shared=shared,
        doc_id=doc.doc_id,
        normalised=normalised,
        boilerplate_max_share=boilerplate_max_share,
    )
    paras, heads = structure.split_paragraphs(result.paragraph_lines())
    audit_rows = [{"doc_id": doc.doc_id, **row.__dict__} for row in result.audit]
    heading_rows = [
        {"doc_id": doc.doc_id, "line": h.line, "level": h.level, "heading": h.text} for h in heads
    ]
    paragraph_rows = [
        {
            "doc_id": doc.doc_id,
            **doc.metadata,
            "paragraph_id": f"{doc.doc_id}-p{p.number:03d}",
            "section": p.section,
            "section_path": " > ".join(p.section_path),
            "line": p.line,
            "text": p.text,
            "chars": len(p.text),
        }
        for p in paras
    ]
    overview = {
        "doc_id": doc.doc_id,
        **{c: doc.metadata.get(c, "") for c in meta_cols},
        "file": doc.path.name,
        "encoding": doc.encoding,
        "encoding_method": doc.encoding_method,
        "converted_to_simplified": doc.converted and to_simplified,
        "chars_converted": doc.changed_chars if to_simplified else 0,
        "lines": len(doc.text.splitlines()),
        "raw_chars": len(doc.text),
        "chars": sum(len(p.text) for p in paras),
        "paragraphs": len(paras),
        "headings": len(heads),
        "removed_lines": len(result.removed),
        "joined_lines": sum(1 for r in result.audit if r.action == "joined"),
        "repaired_lines": sum(1 for r in result.audit if r.action == "repaired"),
        "sentences": sum(len(structure.split_sentences(p.text)) for p in paras),
        "sha256": doc.sha256,
    }
    return overview, paragraph_rows, audit_rows, heading_rows


def sentences(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: ``paragraph_id``, ``sentence_id`` (``…-s01``) and ``sentence``.

    Examples
    --------
    >>> df = pd.DataFrame({"paragraph_id": ["dalian-p002"], "text": ["新增就业31150人。持卡率95%。"]})
    >>> sentences(df)["sentence_id"].tolist()
    ['dalian-p002-s01', 'dalian-p002-s02']
    """
    # Columns, not one dict per sentence: a 100 MB corpus has 600 000 sentences.
    pids, sids, sents = [], [], []
    for pid, text in zip(paragraphs["paragraph_id"], paragraphs["text"], strict=True):
        for i, sent in enumerate(structure.split_sentences(text), 1):
            pids.append(pid)
            sids.append(f"{pid}-s{i:02d}")
            sents.append(sent)
    return pd.DataFrame({"paragraph_id": pids, "sentence_id": sids, "sentence": sents})
