"""Which analyses a corpus can support, checked up front by notebook 00.

A small or uneven corpus (a pilot of three short texts, one group only, a document that is all
page noise) cannot support every analysis: keyness compares a group with the others, a topic
model needs enough paragraphs to find more than one topic, a document comparison needs two
documents. :func:`check_corpus` says which analyses cannot run and why, before any of them
starts; notebook 00 writes the answer to ``skipped_analyses.csv``, the later notebooks skip what
it lists (with the same message) and run the rest, and the findings report names what was
skipped.

Examples
--------
>>> import pandas as pd
>>> overview = pd.DataFrame({"doc_id": ["a", "b"], "region": ["苏", "苏"], "paragraphs": [4, 0],
...                          "removed_lines": [0, 3]})
>>> paras = pd.DataFrame({"doc_id": ["a"] * 4, "region": ["苏"] * 4})
>>> check_corpus(overview, paras, group_by="region")["analysis"].tolist()[:4]
['document b', 'keyness', 'group similarity', 'group differences']
"""

from __future__ import annotations

import pandas as pd

from policystudy.core.sizes import MIN_TOPIC_PARAGRAPHS

COLUMNS = ["notebook", "analysis", "status", "reason"]
# A group with fewer paragraphs has no bootstrap stability worth the name.
MIN_GROUP_PARAGRAPHS = 2


def check_corpus(
    overview: pd.DataFrame, paragraphs: pd.DataFrame, *, group_by: str
) -> pd.DataFrame:
    """The analyses this corpus cannot support, and the documents or groups left out.

    Parameters
    ----------
    overview : pandas.DataFrame
        ``corpus_overview`` (``doc_id``, ``group_by``, ``paragraphs``, ``removed_lines``).
    paragraphs : pandas.DataFrame
        ``paragraphs`` (``doc_id``, ``group_by``).
    group_by : str, keyword-only

    Returns
    -------
    pandas.DataFrame
        ``notebook, analysis, status, reason``; ``status`` is ``left out`` (a document or
        group with no body text), ``set aside`` (a duplicate of a document that is analysed),
        ``skipped`` (the analysis does not run) or ``limited`` (it runs, with the stated
        limit). Empty when everything can run.
    """
    rows: list[tuple[str, str, str, str]] = []
    status = overview["status"] if "status" in overview.columns else [""] * len(overview)
    for doc_id, n, removed, state in zip(
        overview["doc_id"], overview["paragraphs"], overview["removed_lines"], status, strict=True
    ):
        if str(state).startswith("set aside"):
            # Its text is counted once, in the copy that is kept.
            rows.append(
                ("00_corpus", f"document {doc_id}", "set aside",
                 f"{str(state).removeprefix('set aside: ')} (document_duplicates.csv)")
            )  # fmt: skip
        elif int(n) == 0 and str(state).startswith("analysed without"):
            rows.append(
                ("00_corpus", f"document {doc_id}", "left out",
                 "all its paragraphs are text of earlier documents, counted there "
                 "(text_reuse.csv; reuse=count_once)")
            )  # fmt: skip
        elif int(n) == 0:
            rows.append(
                (
                    "00_corpus",
                    f"document {doc_id}",
                    "left out",
                    f"no body text after cleaning ({int(removed)} lines removed as noise, "
                    "see cleaning_audit.csv)",
                )
            )
    groups_all = sorted(overview[group_by].astype(str).unique())
    sizes = paragraphs[group_by].astype(str).value_counts() if len(paragraphs) else pd.Series()
    for g in groups_all:
        if int(sizes.get(g, 0)) == 0:
            rows.append(
                ("00_corpus", f"{group_by} {g}", "left out", "none of its documents has body text")
            )
    groups = sorted(sizes.index)
    n_docs = paragraphs["doc_id"].nunique() if len(paragraphs) else 0
    if len(groups) < 2:
        only = f"one {group_by} only ({', '.join(groups) or 'none'})"
        rows.append(
            ("01_keywords", "keyness", "skipped",
             f"{only}: keyness compares each {group_by} with the others")
        )  # fmt: skip
        rows.append(
            ("02_topics", "group similarity", "skipped",
             f"{only}: nothing to compare it with")
        )  # fmt: skip
        rows.append(
            ("03_priorities", "group differences", "skipped",
             f"{only}: the permutation tests compare one {group_by} with another")
        )  # fmt: skip
    thin = [g for g in groups if sizes[g] < MIN_GROUP_PARAGRAPHS]
    if thin:
        rows.append(
            ("01_keywords", "keyword stability", "limited",
             f"{', '.join(thin)}: fewer than {MIN_GROUP_PARAGRAPHS} paragraphs, so resampling "
             "them cannot show whether a keyword is stable")
        )  # fmt: skip
    if n_docs < 2:
        rows.append(
            ("02_topics", "document similarity", "skipped",
             f"{n_docs} document with body text: nothing to compare it with")
        )  # fmt: skip
    if len(paragraphs) < MIN_TOPIC_PARAGRAPHS:
        rows.append(
            ("02_topics", "topics", "skipped",
             f"{len(paragraphs)} paragraphs: a topic model needs at least "
             f"{MIN_TOPIC_PARAGRAPHS} (two topics of five paragraphs)")
        )  # fmt: skip
    return pd.DataFrame(rows, columns=COLUMNS)


def skipped(table: pd.DataFrame, analysis: str) -> str | None:
    """The reason ``analysis`` is skipped, or ``None`` when it runs.

    Examples
    --------
    >>> t = pd.DataFrame([("02_topics", "topics", "skipped", "8 paragraphs")], columns=COLUMNS)
    >>> skipped(t, "topics"), skipped(t, "keyness")
    ('8 paragraphs', None)
    """
    hit = table[(table["analysis"] == analysis) & (table["status"] == "skipped")]
    return None if hit.empty else str(hit["reason"].iloc[0])


def messages(table: pd.DataFrame) -> list[str]:
    """One line per row, as the notebooks print them.

    Examples
    --------
    >>> t = pd.DataFrame([("02_topics", "topics", "skipped", "8 paragraphs")], columns=COLUMNS)
    >>> messages(t)
    ['SKIPPED topics (02_topics): 8 paragraphs']
    """
    return [
        f"{status.upper()} {analysis} ({notebook}): {reason}"
        for notebook, analysis, status, reason in table[COLUMNS].itertuples(index=False)
    ]
