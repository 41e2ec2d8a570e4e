"""Cosine similarity of groups and documents in the TF-IDF space, and nearest documents.

Examples
--------
>>> toks = ["养老 服务 机构 养老", "网格 治理 社区", "养老 机构 护理", "网格 社区 治理 网格"]
>>> space = TfidfSpace().fit(toks)
>>> sim = cosine_similarity_matrix(space.transform(toks))
>>> bool(sim[0, 2] > sim[0, 1])  # the two elderly-care paragraphs are the most alike
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from policystudy.stats.ranking import top_order
from policystudy.topics.space import TfidfSpace

# Above this many documents the document level of the similarity table lists each document's
# NEIGHBOURS nearest documents instead of the full square.
MAX_SQUARE_DOCUMENTS = 200
NEIGHBOURS = 10


def cosine_similarity_matrix(rows) -> np.ndarray:
    """Cosine similarity of the rows: symmetric, unit diagonal, values in [0, 1].

    Rows without any term get similarity 0 to others and 1 to themselves, so the table keeps
    its unit diagonal (a documented convention, not a measurement).

    Examples
    --------
    >>> cosine_similarity_matrix(np.array([[1.0, 0.0], [1.0, 1.0]])).round(4).tolist()
    [[1.0, 0.7071], [0.7071, 1.0]]
    """
    x = rows.toarray() if sparse.issparse(rows) else np.asarray(rows, dtype=float)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    unit = np.divide(x, norms, out=np.zeros_like(x), where=norms > 0)
    sim = unit @ unit.T
    # Rounding may break the exact symmetry and unit diagonal that readers (and tests) expect.
    sim = np.clip((sim + sim.T) / 2, 0.0, 1.0)
    np.fill_diagonal(sim, 1.0)
    return sim


def similarity_table(
    tokens: Sequence[str],
    *,
    groups: Sequence[str],
    documents: Sequence[str],
    stopwords: Iterable[str] = (),
    space: TfidfSpace | None = None,
    counts: sparse.csr_matrix | None = None,
    max_documents: int = MAX_SQUARE_DOCUMENTS,
    neighbours: int = NEIGHBOURS,
) -> pd.DataFrame:
    """Group × group and document × document cosine similarity in one long table.

    Up to ``max_documents`` documents, the document level is the full square. Beyond, a
    square of n² pairs (4 million rows for 2 000 documents) is neither readable nor cheap to
    write, so the table gives each document's ``neighbours`` most similar other documents
    instead, with ``level == "neighbour"``.

    Parameters
    ----------
    tokens : sequence of str
        Space-joined tokens, one string per paragraph.
    groups, documents : sequence of str
        Group label and document id of each paragraph.
    stopwords : iterable of str
    space : TfidfSpace, optional
        A space already fitted on these paragraphs.
    counts : sparse matrix, optional
        The paragraphs' counts in ``space`` (``space.fit_counts(tokens)``), so the tokens
        are not counted again.
    max_documents : int
        Most documents shown as a full square.
    neighbours : int
        Nearest documents listed per document beyond ``max_documents``.

    Returns
    -------
    pandas.DataFrame
        Columns ``level``, ``item_a``, ``item_b``, ``cosine``. For ``group`` and ``document``:
        every ordered pair (the square matrix in long form), sorted by item_a, item_b. For
        ``neighbour``: item_a's nearest documents item_b, most similar first (ties by name).

    Examples
    --------
    >>> t = similarity_table(["养老 服务", "养老 机构", "网格 治理"], groups=["苏", "苏", "津"],
    ...                      documents=["a", "b", "c"])
    >>> t[t.level == "group"].cosine.tolist()
    [1.0, 0.0, 0.0, 1.0]
    """
    tokens = list(tokens)
    if not len(tokens) == len(groups) == len(documents):
        raise ValueError("tokens, groups and documents must have one entry per paragraph")
    if space is None:
        space = TfidfSpace(stopwords=stopwords)
        counts = space.fit_counts(tokens)
    elif counts is None:
        counts = space.count(tokens)
    if counts.shape[0] != len(tokens):
        raise ValueError(f"counts has {counts.shape[0]} rows for {len(tokens)} paragraphs")
    frames = []
    for level, labels in (("group", groups), ("document", documents)):
        names, rows = space.transform_groups(None, labels, counts=counts)
        if level == "document" and len(names) > max_documents:
            frames.append(nearest_documents(rows, names, neighbours))
            continue
        sim = cosine_similarity_matrix(rows)
        a, b = np.meshgrid(np.arange(len(names)), np.arange(len(names)), indexing="ij")
        frames.append(
            pd.DataFrame(
                {
                    "level": level,
                    "item_a": names[a.ravel()],
                    "item_b": names[b.ravel()],
                    "cosine": sim.ravel(),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def nearest_documents(rows, names: np.ndarray, k: int, *, block: int = 1000) -> pd.DataFrame:
    """Each row's ``k`` most cosine-similar other rows, as ``level="neighbour"`` table rows.

    Computed a block of rows at a time, so memory stays ``block × n`` however many documents
    there are. Order: most similar first, ties by name.

    Examples
    --------
    >>> rows = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]])
    >>> t = nearest_documents(rows, np.array(["苏-1", "苏-2", "津-1"]), 1)
    >>> t[["item_a", "item_b"]].values.tolist()
    [['苏-1', '苏-2'], ['苏-2', '苏-1'], ['津-1', '苏-2']]
    """
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    x = sparse.csr_matrix(rows, dtype=float)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    unit = sparse.diags(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)) @ x
    n = unit.shape[0]
    k = min(k, n - 1)
    a_idx, b_idx, cos = [np.zeros(0, dtype=np.intp)], [np.zeros(0, dtype=np.intp)], [np.zeros(0)]
    for start in range(0, n, block):
        sim = np.clip(np.asarray((unit[start : start + block] @ unit.T).todense()), 0.0, 1.0)
        own = np.arange(sim.shape[0])
        sim[own, start + own] = -1.0  # never one's own neighbour
        # The keywords' top-k: (-cosine, column) order, and names are sorted, so ties by name.
        top = top_order(sim, k, positive=False)
        a_idx.append(np.repeat(start + own, k))
        b_idx.append(top.ravel())
        cos.append(np.take_along_axis(sim, top, axis=1).ravel())
    a, b = np.concatenate(a_idx), np.concatenate(b_idx)
    return pd.DataFrame(
        {
            "level": "neighbour",
            "item_a": names[a],
            "item_b": names[b],
            "cosine": np.concatenate(cos),
        }
    )


def nearest_neighbours(similarity: pd.DataFrame, doc_groups: dict[str, str]) -> pd.DataFrame:
    """Each document's nearest other document (``neighbour`` rows) and whether it is in the
    same group (column ``same_group``).

    Examples
    --------
    >>> t = pd.DataFrame({"level": "neighbour", "item_a": ["a", "b", "c"],
    ...                   "item_b": ["b", "c", "b"], "cosine": [0.8, 0.5, 0.5]})
    >>> nearest_neighbours(t, {"a": "辽宁", "b": "辽宁", "c": "吉林"})["same_group"].tolist()
    [True, False, False]
    """
    # Rows are ordered most similar first within each document.
    first = similarity[similarity["level"] == "neighbour"].groupby("item_a", sort=True).head(1)
    return first.assign(
        same_group=first["item_a"].map(doc_groups) == first["item_b"].map(doc_groups)
    )


def nearest_in_same_group(similarity: pd.DataFrame, doc_groups: dict[str, str]) -> float:
    """Share of documents whose nearest other document is in their own group.

    Examples
    --------
    >>> t = pd.DataFrame({"level": "neighbour", "item_a": ["a", "b", "c"],
    ...                   "item_b": ["b", "c", "b"], "cosine": [0.8, 0.5, 0.5]})
    >>> nearest_in_same_group(t, {"a": "辽宁", "b": "辽宁", "c": "吉林"})
    0.3333333333333333
    """
    first = nearest_neighbours(similarity, doc_groups)
    return float(first["same_group"].mean()) if len(first) else float("nan")
