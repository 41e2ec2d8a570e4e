"""Term matching: which taxonomy terms occur in a text, and the raw score of every domain.

Matching is leftmost-longest and non-overlapping over all domains at once, so "养老保险"
(social insurance) hides the "养老" (elderly care) inside it.

Examples
--------
>>> term_hits("完善城乡居民养老保险制度,发展居家养老服务")
[('养老保险', 'social_insurance'), ('居家养老', 'elderly_care')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse

from policystudy.domains.taxonomy import GENERAL, Taxonomy, as_taxonomy
from policystudy.ingest.normalize import normalize_text

#: Deciding terms listed per unit (``terms`` column of the classifier's output).
TERMS_SHOWN = 3
#: ``terms`` of a unit whose livelihood domain came from its heading alone.
HEADING_DECIDED = "(heading)"


def normalize(text: str) -> str:
    """Width folding, Traditional -> Simplified and whitespace, as for the corpus.

    Examples
    --------
    >>> normalize("社會保障 ")
    '社会保障'
    """
    return normalize_text(text)


@lru_cache(maxsize=32)
def matcher(taxonomy: Taxonomy) -> re.Pattern:
    """One alternation of every term, longest first (regex alternation is leftmost-first)."""
    terms = sorted(taxonomy._term_domain, key=lambda t: (-len(t), t))
    return re.compile("|".join(re.escape(t) for t in terms)) if terms else re.compile(r"(?!x)x")


def term_hits(text: str, *, taxonomy: Taxonomy | Path | str | None = None) -> list[tuple[str, str]]:
    """Matched ``(term, domain)`` pairs in reading order (leftmost-longest, non-overlapping).

    Examples
    --------
    >>> term_hits("推动能源结构调整,扩大就业")
    [('能源', 'non_livelihood'), ('就业', 'employment')]
    """
    tax = as_taxonomy(taxonomy)
    found = matcher(tax).findall(normalize(text))
    return [(t, tax._term_domain[t][0]) for t in found]


def raw_scores(text: str, *, taxonomy: Taxonomy | Path | str | None = None) -> dict[str, float]:
    """Sum of term weights per domain (domains without a weighted hit are omitted).

    Examples
    --------
    >>> raw_scores("健全覆蓋全民的社會保障體系")
    {'social_insurance': 3.0}
    """
    tax = as_taxonomy(taxonomy)
    out: dict[str, float] = {}
    for term in matcher(tax).findall(normalize(text)):
        code, weight = tax._term_domain[term]
        if weight > 0:
            out[code] = out.get(code, 0.0) + weight
    return out


def term_counts(
    texts: Sequence[str],
    *,
    taxonomy: Taxonomy | Path | str | None = None,
    vocabulary: Sequence[str] | None = None,
    normalized: bool = False,
) -> sparse.csr_matrix:
    """Text x term matrix of hit counts (leftmost-longest, as :func:`term_hits`).

    One regex pass per text over all terms; every analysis that re-weights or drops terms
    works on this matrix instead of matching the texts again.

    Parameters
    ----------
    texts : sequence of str
    taxonomy : Taxonomy, path-like or None, keyword-only
        Its terms are matched.
    vocabulary : sequence of str, optional, keyword-only
        Column order; default ``taxonomy.terms``. Must contain every term of the taxonomy, so
        the counts of a reduced taxonomy can share the columns of the full one.
    normalized : bool, keyword-only
        The texts are already normalised (:func:`normalize`).

    Returns
    -------
    scipy.sparse.csr_matrix, shape (len(texts), len(vocabulary)), int32

    Examples
    --------
    >>> from policystudy.domains.taxonomy import load_taxonomy
    >>> t = load_taxonomy()
    >>> m = term_counts(["提高低保标准,低保动态管理", "发展居家养老服务"], taxonomy=t)
    >>> int(m[0, t.terms.index("低保")]), int(m[1].sum())
    (2, 1)
    """
    tax = as_taxonomy(taxonomy)
    vocab = tax.terms if vocabulary is None else list(vocabulary)
    index = {term: i for i, term in enumerate(vocab)}
    missing = set(tax._term_domain) - set(index)
    if missing:
        raise ValueError(f"vocabulary lacks taxonomy terms {sorted(missing)}")
    # One lookup for all texts: hashing the frozen taxonomy per text was a hotspot.
    pattern = matcher(tax)
    indices: list[int] = []
    indptr = [0]
    for text in texts:
        found = pattern.findall(text if normalized else normalize(text))
        indices.extend(map(index.__getitem__, found))
        indptr.append(len(indices))
    counts = sparse.csr_matrix(
        (
            np.ones(len(indices), dtype=np.int32),
            np.asarray(indices, dtype=np.int32),
            np.asarray(indptr, dtype=np.int64),
        ),
        shape=(len(indptr) - 1, len(vocab)),
    )
    counts.sum_duplicates()
    return counts


def score_matrix(
    texts: Sequence[str], *, taxonomy: Taxonomy | Path | str | None = None
) -> np.ndarray:
    """Texts x :attr:`Taxonomy.codes` raw scores (sums of term weights).

    Examples
    --------
    >>> from policystudy.domains.taxonomy import load_taxonomy
    >>> t = load_taxonomy()
    >>> float(score_matrix(["提高低保标准"], taxonomy=t)[0, t.codes.index("social_assistance")])
    3.0
    """
    tax = as_taxonomy(taxonomy)
    counts = term_counts(list(texts), taxonomy=tax)
    # Weights are exact binary numbers in practice (integers in the packaged file), so the
    # sums do not depend on the order of the hits.
    return np.asarray(counts @ tax.weight_matrix(), dtype=float).reshape(len(texts), len(tax.codes))


def deciding_terms(
    counts: sparse.csr_matrix,
    primaries: Sequence[str],
    *,
    taxonomy: Taxonomy | Path | str | None = None,
    shown: int = TERMS_SHOWN,
) -> list[str]:
    """The terms that decided each unit's primary domain, ``a|b|c``.

    The weighted terms of the primary domain (of all livelihood domains for a ``general`` unit),
    largest weight x count first, at most ``shown``; :data:`HEADING_DECIDED` when a livelihood
    domain came from the unit's heading alone; empty when no weighted term decided it.

    Examples
    --------
    >>> from policystudy.domains.taxonomy import load_taxonomy
    >>> t = load_taxonomy()
    >>> m = term_counts(["提高低保标准,完善临时救助", "坚持预防为主"], taxonomy=t)
    >>> deciding_terms(m, ["social_assistance", "health"], taxonomy=t)
    ['临时救助|低保', '(heading)']
    """
    tax = as_taxonomy(taxonomy)
    vocab = tax.terms
    code_of = [tax._term_domain[t][0] for t in vocab]
    weight_of = [tax._term_domain[t][1] for t in vocab]
    livelihood = set(tax.livelihood)
    out = []
    for i, primary in enumerate(primaries):
        lo, hi = counts.indptr[i], counts.indptr[i + 1]
        hits = []
        for j, n in zip(counts.indices[lo:hi], counts.data[lo:hi], strict=True):
            code = code_of[j]
            if weight_of[j] > 0 and (
                code == primary or (primary == GENERAL and code in livelihood)
            ):
                hits.append((-weight_of[j] * n, vocab[j]))
        if hits:
            out.append("|".join(t for _, t in sorted(hits)[:shown]))
        else:
            out.append(HEADING_DECIDED if primary in livelihood else "")
    return out
