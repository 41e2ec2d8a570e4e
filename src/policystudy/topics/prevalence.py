"""What the topics are and where they are: labelled term tables, prevalence by group, and
the background topic common to every document.

Examples
--------
>>> w = np.array([[0.9, 0.1], [0.1, 0.9]])
>>> topic_prevalence(w, ["苏", "津"], n_bootstrap=0)["prevalence"].tolist()
[0.1, 0.9, 0.9, 0.1]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF

from policystudy.core import defaults
from policystudy.stats.resampling import group_matrix, group_shares
from policystudy.topics.nmf import top_term_indices

LABEL_TERMS = 3
LABEL_SEPARATOR = "·"
# Groups with at least this many documents get document-bootstrap prevalence intervals (the
# priorities' and keywords' min_documents); smaller groups get none.
DEFAULT_MIN_DOCUMENTS = defaults.MIN_DOCUMENTS
# Weight of a term's probability in the topic against its lift over the corpus when labelling
# (Sievert & Shirley 2014 found 0.6 best for readers); 1 labels by weight alone.
LABEL_LAMBDA = 0.6


def _relevance(components: np.ndarray, lam: float) -> np.ndarray:
    """λ·log p(term|topic) + (1-λ)·log lift, lift = p(term|topic) / p(term) (Sievert & Shirley
    2014); terms a topic does not use get -inf."""
    comp = np.asarray(components, dtype=float)
    p_topic = comp / np.maximum(comp.sum(axis=1, keepdims=True), 1e-300)
    p_term = comp.sum(axis=0) / max(comp.sum(), 1e-300)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = lam * np.log(p_topic) + (1 - lam) * np.log(p_topic / p_term)
    return np.where(comp > 0, rel, -np.inf)


def topic_table(
    model: NMF, terms: Sequence[str], *, top_n: int = 10, label_lambda: float = LABEL_LAMBDA
) -> pd.DataFrame:
    """Top terms of each topic, labelled by its three most distinctive terms.

    Terms are ranked by weight; the label takes the three terms of highest *relevance*
    (λ·log p(term|topic) + (1−λ)·log lift, ``label_lambda`` = λ), so a word that every topic
    uses (经济, 社会主义) does not name a topic that it does not set apart.

    Returns
    -------
    pandas.DataFrame
        ``topic`` (1-based), ``label``, ``rank``, ``term``, ``weight``.

    Examples
    --------
    >>> toks = ["养老 护理 养老", "养老 机构 床位", "网格 治理 网格", "网格 社区 平安"]
    >>> from policystudy.topics import TfidfSpace, fit_topics
    >>> space = TfidfSpace().fit(toks)
    >>> t = topic_table(fit_topics(space.transform(toks), 2), space.terms_, top_n=3)
    >>> sorted(t.loc[t["rank"] == 1, "term"])
    ['养老', '网格']
    """
    names = np.asarray(terms, dtype=object)
    comp = model.components_
    top = top_term_indices(comp, top_n)
    label_idx = top_term_indices(_relevance(comp, label_lambda), LABEL_TERMS)
    frames = []
    for t, idx in enumerate(top):
        idx = idx[comp[t, idx] > 0]
        lab = label_idx[t][comp[t, label_idx[t]] > 0]
        frames.append(
            pd.DataFrame(
                {
                    "topic": t + 1,
                    "label": LABEL_SEPARATOR.join(names[lab]),
                    "rank": np.arange(1, len(idx) + 1),
                    "term": names[idx],
                    "weight": comp[t, idx],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def topic_prevalence(
    doc_topic: np.ndarray,
    groups: Sequence[str],
    *,
    labels: Sequence[str] | None = None,
    documents: Sequence[str] | None = None,
    min_documents: int = DEFAULT_MIN_DOCUMENTS,
    n_bootstrap: int = defaults.N_BOOTSTRAP,
    random_state: int | None = defaults.RANDOM_STATE,
    ci: float = 0.95,
) -> pd.DataFrame:
    """Share of each group's paragraph topic weight per topic, with bootstrap CIs where the
    group has enough documents to resample.

    prevalence(g, t) = Σ_{p∈g} W[p, t] / Σ_{p∈g} Σ_t W[p, t], where ``W`` is the NMF
    paragraph × topic matrix; each group's shares sum to 1. The unit that varies is the
    document: with ``documents`` (the document of each paragraph), a group of at least
    ``min_documents`` documents gets a percentile interval from resampling its documents with
    replacement, each drawn document bringing all its paragraphs' weight (a cluster
    bootstrap, seeded, through :func:`policystudy.stats.resampling.group_shares`); a group
    with fewer gets no interval (NaN): a single text is not a sample. Without ``documents``
    (the old library behaviour) every group's interval resamples its paragraphs.

    Returns
    -------
    pandas.DataFrame
        ``group, topic, label, prevalence, ci_low, ci_high, n_paragraphs, n_documents,
        resampled``: ``resampled`` names the unit the interval drew (``documents``,
        ``paragraphs``, or empty for no interval); ``n_documents`` is empty without
        ``documents``.

    Examples
    --------
    >>> w = np.array([[0.9, 0.1], [0.8, 0.0], [0.1, 0.7], [0.0, 0.6]])
    >>> p = topic_prevalence(w, ["苏", "苏", "津", "津"], n_bootstrap=100)
    >>> p.loc[p.group == "苏", "prevalence"].round(3).tolist()
    [0.944, 0.056]
    >>> p = topic_prevalence(w, ["苏", "苏", "津", "津"], documents=["a", "b", "c", "c"],
    ...                      min_documents=2, n_bootstrap=100)
    >>> p[["group", "n_documents", "resampled"]].drop_duplicates().values.tolist()
    [['津', 1, ''], ['苏', 2, 'documents']]
    >>> bool(p.loc[p.group == "津", "ci_low"].isna().all())
    True
    """
    n_topics = np.asarray(doc_topic).shape[1]
    labels = list(labels) if labels is not None else [str(t + 1) for t in range(n_topics)]
    names, shares, lows, highs = group_shares(
        doc_topic,
        groups,
        n_bootstrap=n_bootstrap,
        random_state=random_state,
        ci=ci,
        units=documents,
        min_units=min_documents,
    )
    _, ind = group_matrix(groups)
    if documents is None:
        n_docs = pd.array([pd.NA] * len(names), dtype="Int64")
        kinds = ["paragraphs"] * len(names)
    else:
        n_docs = pd.array(
            pd.Series([str(d) for d in documents])
            .groupby(np.asarray([str(g) for g in groups], dtype=object))
            .nunique()
            .reindex(names)
            .to_numpy(),
            dtype="Int64",
        )
        kinds = ["documents" if n >= min_documents else "" for n in n_docs]
    frames = []
    for gi, name in enumerate(names):
        frames.append(
            pd.DataFrame(
                {
                    "group": name,
                    "topic": np.arange(1, n_topics + 1),
                    "label": labels,
                    "prevalence": shares[gi],
                    "ci_low": lows[gi],
                    "ci_high": highs[gi],
                    "n_paragraphs": ind[gi].nnz,
                    "n_documents": pd.array([n_docs[gi]] * n_topics, dtype="Int64"),
                    "resampled": kinds[gi] if n_bootstrap else "",
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def describe_intervals(
    prevalence: pd.DataFrame, *, min_documents: int = DEFAULT_MIN_DOCUMENTS, noun: str = "group"
) -> str:
    """What the intervals of a :func:`topic_prevalence` table rest on, in one clause.

    Read from its ``resampled`` and ``n_documents`` columns (a table without ``resampled``
    is the old paragraph bootstrap).

    Examples
    --------
    >>> p = pd.DataFrame({"group": ["苏", "津", "沪"], "n_documents": [6, 2, 1],
    ...                   "resampled": ["documents", "", ""]})
    >>> describe_intervals(p, min_documents=5, noun="region")
    '95% intervals from a bootstrap that resamples documents for the region with at least 5 documents (苏); none for 沪 (1 document) and 津 (2 documents), too few to resample'
    >>> describe_intervals(p.iloc[1:], min_documents=5)
    'no intervals: no group has at least 5 documents to resample (沪 1, 津 2), and the paragraphs of one text are not a sample'
    """
    per_group = prevalence.drop_duplicates("group").sort_values("group", kind="stable")
    if "resampled" not in per_group.columns:
        return "bootstrap 95% intervals over paragraphs"
    kind = per_group["resampled"].fillna("").astype(str)
    docs = per_group["n_documents"] if "n_documents" in per_group.columns else None

    def n_docs(g: str) -> int:
        return int(docs[per_group["group"] == g].iloc[0]) if docs is not None else 0

    with_ci = per_group.loc[kind == "documents", "group"].astype(str).tolist()
    by_para = per_group.loc[kind == "paragraphs", "group"].astype(str).tolist()
    without = per_group.loc[kind == "", "group"].astype(str).tolist()
    parts = []
    if with_ci:
        plural = noun if len(with_ci) == 1 else f"{noun}s"
        parts.append(
            "95% intervals from a bootstrap that resamples documents for the "
            f"{'' if len(with_ci) == 1 else f'{len(with_ci)} '}{plural} with at least "
            f"{min_documents} documents ({', '.join(with_ci)})"
        )
    if by_para:
        parts.append(f"intervals over paragraphs for {', '.join(by_para)}")
    if without and (with_ci or by_para):

        def doc_phrase(g: str) -> str:
            n = n_docs(g)
            return f"{g} ({n} document{'' if n == 1 else 's'})"

        named = [doc_phrase(g) for g in without]
        listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
        parts.append(f"none for {listed}, too few to resample")
    elif without and any(n_docs(g) >= min_documents for g in without):
        return "no intervals (no bootstrap resamples drawn)"
    elif without:
        counts = ", ".join(f"{g} {n_docs(g)}" for g in without)
        return (
            f"no intervals: no {noun} has at least {min_documents} documents to resample "
            f"({counts}), and the paragraphs of one text are not a sample"
        )
    return "; ".join(parts)


def background_topic(
    doc_topic: np.ndarray, documents: Sequence[str]
) -> tuple[int | None, pd.DataFrame]:
    """The topic common to every document, if there is one, to report apart from the rest.

    A topic is background when every document gives it at least an even share of its topic
    weight (1 / number of topics); among those, the one with the largest smallest share. With
    fewer than three topics or two documents there is none: "common everywhere" needs a
    contrast.

    Parameters
    ----------
    doc_topic : array, paragraphs × topics
        Paragraph topic weights (``model.transform(x)``).
    documents : sequence of str
        The document of each paragraph.

    Returns
    -------
    (int or None, pandas.DataFrame)
        The background topic (1-based) or ``None``, and per topic ``topic, min_share,
        mean_share, max_share, background`` over the documents.

    Examples
    --------
    >>> w = np.array([[0.5, 0.5, 0.0], [0.4, 0.0, 0.6], [0.6, 0.4, 0.0], [0.5, 0.0, 0.5]])
    >>> best, table = background_topic(w, ["a", "a", "b", "b"])
    >>> best, table["min_share"].round(2).tolist()
    (1, [0.45, 0.2, 0.25])
    """
    w = np.asarray(doc_topic, dtype=float)
    n_topics = w.shape[1]
    _, ind = group_matrix(list(documents))
    pooled = np.asarray(ind @ w)
    totals = pooled.sum(axis=1, keepdims=True)
    shares = np.divide(pooled, totals, out=np.zeros_like(pooled), where=totals > 0)
    shares = shares[totals[:, 0] > 0]
    table = pd.DataFrame(
        {
            "topic": np.arange(1, n_topics + 1),
            "min_share": shares.min(axis=0) if len(shares) else np.nan,
            "mean_share": shares.mean(axis=0) if len(shares) else np.nan,
            "max_share": shares.max(axis=0) if len(shares) else np.nan,
        }
    )
    best = None
    if n_topics >= 3 and len(shares) >= 2:
        even = table["min_share"].round(10) >= round(1 / n_topics, 10)
        if even.any():
            best = int(table.loc[table.loc[even, "min_share"].idxmax(), "topic"])
    table["background"] = table["topic"] == best
    return best, table
