"""Livelihood-domain classification of paragraphs from the editable lexicon in ``taxonomy.yaml``.

A paragraph is scored against every domain's weighted terms; relative scores (shares of the
paragraph's total lexicon weight) decide the ranked labels: a primary label, secondary labels
whose relative score also clears ``threshold``, and ``general`` when no domain clears it. The
classifier reads only the YAML file, so users add terms or domains without touching code.

This module also holds the validation tools (leave-one-document-out evaluation, per-domain
precision / recall / F1, and a supervised TF-IDF baseline for comparison).

Examples
--------
>>> classify_lines(["完善城乡低保制度,提高特困人员供养标准。"]).loc[0, "primary"]
'social_assistance'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from scipy import sparse

from policystudy.core import resources

# --- regexes and constants --------------------------------------------------------------------
# Domain codes are snake_case so they can be used as column names and in `code:score` pairs.
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
# A term must be plain text: the `|`, `:` and whitespace separators of the output must not occur.
_BAD_TERM_CHARS = re.compile(r"[\s|:,]")

GENERAL = "general"
DEFAULT_THRESHOLD = 0.25
# Grid searched by LexiconClassifier.fit; the default sits inside it.
DEFAULT_THRESHOLD_GRID = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
SCORE_FORMAT = "{:.3f}"
DOMAIN_COLUMNS = ["line", "primary", "labels", "scores"]


class TaxonomyError(ValueError):
    """The taxonomy file does not follow the documented schema."""


@dataclass(frozen=True)
class Domain:
    """One livelihood domain: code, labels, 七有 phrases and weighted terms."""

    code: str
    zh: str
    en: str
    order: float
    qiyou: tuple[str, ...] = ()
    terms: tuple[tuple[str, float], ...] = ()

    @property
    def label(self) -> str:
        """Bilingual label for tables and figures, e.g. ``'就业 Employment'``."""
        return f"{self.zh} {self.en}"


@dataclass(frozen=True)
class Taxonomy:
    """Ordered domains (``general`` last among equals) and the term -> domain map."""

    domains: tuple[Domain, ...]
    source: str = ""
    _term_domain: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def codes(self) -> list[str]:
        """All codes in taxonomy order, ``general`` included."""
        return [d.code for d in self.domains]

    @property
    def substantive(self) -> list[str]:
        """Codes of the domains that can be priorities (all but ``general``)."""
        return [d.code for d in self.domains if d.code != GENERAL]

    @property
    def terms(self) -> list[str]:
        """Every term, weight-0 ``general`` terms included, in taxonomy order.

        The column order of :func:`term_counts`.

        Examples
        --------
        >>> t = load_taxonomy()
        >>> "低保" in t.terms and "健康发展" in t.terms
        True
        """
        return [term for d in self.domains for term, _ in d.terms]

    def weight_matrix(self, vocabulary: Sequence[str] | None = None) -> np.ndarray:
        """Terms x substantive domains matrix of weights (rows follow ``vocabulary``).

        ``term_counts(texts) @ weight_matrix()`` gives every paragraph's raw score per
        substantive domain (the values of :func:`raw_scores`). A vocabulary term that is not in
        this taxonomy (e.g. one removed by :meth:`without_terms`) gets a row of zeros.

        Examples
        --------
        >>> t = load_taxonomy()
        >>> w = t.weight_matrix(["低保", "健康发展"])
        >>> float(w[0, t.substantive.index("social_assistance")]), float(w[1].sum())
        (3.0, 0.0)
        """
        vocab = self.terms if vocabulary is None else list(vocabulary)
        column = {c: i for i, c in enumerate(self.substantive)}
        mat = np.zeros((len(vocab), len(column)))
        for row, term in enumerate(vocab):
            code, weight = self._term_domain.get(term, (GENERAL, 0.0))
            if code != GENERAL:
                mat[row, column[code]] = weight
        return mat

    def domain(self, code: str) -> Domain:
        """The :class:`Domain` with ``code``."""
        for d in self.domains:
            if d.code == code:
                return d
        raise KeyError(code)

    def labels(self, *, lang: str = "both") -> dict[str, str]:
        """Code -> display label (``zh``, ``en`` or ``both``)."""
        pick = {"zh": lambda d: d.zh, "en": lambda d: d.en, "both": lambda d: d.label}[lang]
        return {d.code: pick(d) for d in self.domains}

    def strongest_terms(self, texts: Iterable[str] | None = None) -> dict[str, str]:
        """Each substantive domain's strongest term, used by the sensitivity analysis.

        With ``texts``, the strongest term is the one that contributes most weight to the
        domain in those texts (weight x occurrences); without, the highest-weight term. Ties:
        higher weight, then longer, then code-point order.

        Examples
        --------
        >>> texts = ["提高低保标准,低保动态管理,加强临时救助"]
        >>> load_taxonomy().strongest_terms(texts)["social_assistance"]
        '低保'
        """
        counts: dict[str, int] | None = None
        if texts is not None:
            counts = {}
            matcher = _matcher(self)
            for text in texts:
                for term in matcher.findall(_normalize(str(text))):
                    counts[term] = counts.get(term, 0) + 1
        return self._strongest(counts)

    def _strongest(self, counts: dict[str, int] | None) -> dict[str, str]:
        # Shared by strongest_terms and by callers that already hold the term counts.
        out = {}
        for d in self.domains:
            if d.code == GENERAL or not d.terms:
                continue
            key = (
                (lambda tw: (-tw[1] * counts.get(tw[0], 0), -tw[1], -len(tw[0]), tw[0]))
                if counts is not None
                else (lambda tw: (-tw[1], -len(tw[0]), tw[0]))
            )
            out[d.code] = sorted(d.terms, key=key)[0][0]
        return out

    def without_terms(self, terms: Iterable[str]) -> Taxonomy:
        """A copy with ``terms`` removed from every domain.

        Examples
        --------
        >>> t = load_taxonomy().without_terms(["低保"])
        >>> "低保" in dict(t.domain("social_assistance").terms)
        False
        """
        drop = set(terms)
        domains = tuple(
            Domain(
                d.code, d.zh, d.en, d.order, d.qiyou, tuple(t for t in d.terms if t[0] not in drop)
            )
            for d in self.domains
        )
        return _build(domains, source=f"{self.source} without {sorted(drop)}")


def _build(domains: tuple[Domain, ...], *, source: str) -> Taxonomy:
    term_domain: dict[str, tuple[str, float]] = {}
    for d in domains:
        for term, weight in d.terms:
            term_domain[term] = (d.code, weight)
    return Taxonomy(domains=domains, source=source, _term_domain=term_domain)


def _parse(raw: dict, source: str) -> Taxonomy:
    problems: list[str] = []
    if not isinstance(raw, dict) or not isinstance(raw.get("domains"), dict):
        raise TaxonomyError(f"{source}: top-level key 'domains' (a mapping) is required")
    seen: dict[str, str] = {}
    domains = []
    for code, spec in raw["domains"].items():
        code = str(code)
        if not _CODE.match(code):
            problems.append(f"domain code {code!r} is not snake_case")
        spec = spec or {}
        for key in ("zh", "en", "terms"):
            if key not in spec:
                problems.append(f"domain {code!r} lacks {key!r}")
        terms = []
        for term, weight in (spec.get("terms") or {}).items():
            term = str(term)
            if _BAD_TERM_CHARS.search(term) or not term:
                problems.append(f"term {term!r} of {code!r} contains a separator or is empty")
            if not isinstance(weight, int | float) or isinstance(weight, bool) or weight < 0:
                problems.append(f"weight of {term!r} in {code!r} must be a number >= 0")
                continue
            if code != GENERAL and weight == 0:
                problems.append(f"weight-0 term {term!r} belongs under 'general'")
            if code == GENERAL and weight != 0:
                problems.append(f"'general' term {term!r} must have weight 0")
            if term in seen:
                problems.append(f"term {term!r} is in both {seen[term]!r} and {code!r}")
            seen[term] = code
            terms.append((term, float(weight)))
        domains.append(
            Domain(
                code=code,
                zh=str(spec.get("zh", code)),
                en=str(spec.get("en", code)),
                order=float(spec.get("order", 1e9)),
                qiyou=tuple(str(q) for q in (spec.get("qiyou") or [])),
                terms=tuple(sorted(terms, key=lambda tw: tw[0])),
            )
        )
    if GENERAL not in {d.code for d in domains}:
        problems.append("the 'general' domain is required")
    if problems:
        raise TaxonomyError(f"{source}: " + "; ".join(problems))
    domains.sort(key=lambda d: (d.order, d.code))
    return _build(tuple(domains), source=source)


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> Taxonomy:
    with open(path, encoding="utf-8") as fh:
        return _parse(yaml.safe_load(fh), path)


def load_taxonomy(path: Path | str | None = None) -> Taxonomy:
    """Read and validate a taxonomy YAML file (default: the packaged ``taxonomy.yaml``).

    Parameters
    ----------
    path : path-like or None
        A user taxonomy following the packaged file's schema; ``None`` or ``""`` for the
        packaged file.

    Raises
    ------
    TaxonomyError
        Listing every schema problem (bad codes, missing labels, duplicate terms ...).

    Examples
    --------
    >>> t = load_taxonomy()
    >>> t.codes[0], t.codes[-1], t.domain("elderly_care").zh
    ('employment', 'general', '养老服务')
    """
    p = Path(path) if path not in (None, "") else resources.TAXONOMY
    p = p.resolve()
    return _load_cached(str(p), p.stat().st_mtime)


def _as_taxonomy(taxonomy: Taxonomy | Path | str | None) -> Taxonomy:
    return taxonomy if isinstance(taxonomy, Taxonomy) else load_taxonomy(taxonomy)


def _normalize(text: str) -> str:
    # normalize_text folds width and converts Traditional script; the OpenCC fallback only
    # matters in an environment where the foundation module is missing.
    try:
        from policystudy.ingest.normalize import normalize_text
    except ImportError:  # pragma: no cover - foundation module present in the repo
        import opencc

        return opencc.OpenCC("t2s").convert(text).strip()
    return normalize_text(text)


@lru_cache(maxsize=32)
def _matcher(taxonomy: Taxonomy) -> re.Pattern:
    # Longest terms first so that regex alternation yields leftmost-longest matches.
    terms = sorted(taxonomy._term_domain, key=lambda t: (-len(t), t))
    return re.compile("|".join(re.escape(t) for t in terms)) if terms else re.compile(r"(?!x)x")


def term_hits(text: str, *, taxonomy: Taxonomy | Path | str | None = None) -> list[tuple[str, str]]:
    """Matched ``(term, domain)`` pairs in reading order (leftmost-longest, non-overlapping).

    Examples
    --------
    >>> term_hits("完善城乡居民养老保险制度,发展居家养老服务")
    [('养老保险', 'social_insurance'), ('居家养老', 'elderly_care')]
    """
    tax = _as_taxonomy(taxonomy)
    found = _matcher(tax).findall(_normalize(text))
    return [(t, tax._term_domain[t][0]) for t in found]


def raw_scores(text: str, *, taxonomy: Taxonomy | Path | str | None = None) -> dict[str, float]:
    """Sum of term weights per domain (domains without a hit are omitted).

    Examples
    --------
    >>> raw_scores("健全覆蓋全民的社會保障體系")
    {'social_insurance': 2.0}
    """
    tax = _as_taxonomy(taxonomy)
    out: dict[str, float] = {}
    for term in _matcher(tax).findall(_normalize(text)):
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
    """Paragraph x term matrix of hit counts (leftmost-longest, as :func:`term_hits`).

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
        The texts are already normalised (:func:`policystudy.ingest.normalize.normalize_text`).

    Returns
    -------
    scipy.sparse.csr_matrix, shape (len(texts), len(vocabulary)), int32
        Sorted indices, no explicit zeros.

    Examples
    --------
    >>> t = load_taxonomy()
    >>> m = term_counts(["提高低保标准,低保动态管理", "发展居家养老服务"], taxonomy=t)
    >>> int(m[0, t.terms.index("低保")]), int(m[1].sum())
    (2, 1)
    """
    tax = _as_taxonomy(taxonomy)
    vocab = tax.terms if vocabulary is None else list(vocabulary)
    index = {term: i for i, term in enumerate(vocab)}
    missing = set(tax._term_domain) - set(index)
    if missing:
        raise ValueError(f"vocabulary lacks taxonomy terms {sorted(missing)}")
    # One lookup for all texts: hashing the frozen taxonomy per text was a hotspot.
    matcher = _matcher(tax)
    indices: list[int] = []
    indptr = [0]
    for text in texts:
        found = matcher.findall(text if normalized else _normalize(text))
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


def _raw_matrix(counts: sparse.spmatrix, tax: Taxonomy, vocabulary=None) -> np.ndarray:
    # Paragraphs x substantive domains. Weights are exact binary numbers in practice (integers
    # in the packaged file), so the sums do not depend on the order of the hits.
    return np.asarray(counts @ tax.weight_matrix(vocabulary), dtype=float).reshape(
        counts.shape[0], len(tax.substantive)
    )


def rank_scores(
    raw: np.ndarray, codes: Sequence[str], *, threshold: float, min_score: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Rank the domains of every row of raw scores at once.

    Domains are ordered by ``(-relative score, code)``; a domain is a label when its relative
    score is above ``threshold`` and its raw score is at least ``min_score`` and positive; it
    is scored when its raw score is positive.

    Parameters
    ----------
    raw : array, shape (n, len(codes))
        Raw scores (sums of term weights) per paragraph and substantive domain.
    codes : sequence of str
        Column codes.
    threshold, min_score : float, keyword-only
        See :class:`LexiconClassifier`.

    Returns
    -------
    order : int array, shape (n, len(codes))
        Column indices in ranked order.
    relative : float array, shape (n, len(codes))
        Relative scores in ranked order (shares of the row total; raw scores when it is 0).
    labelled, scored : bool arrays, shape (n, len(codes))
        Which ranked positions are labels, and which have a positive score.

    Examples
    --------
    >>> order, rel, lab, sc = rank_scores(np.array([[2.0, 2.0, 0.0], [0.0, 0.0, 0.5]]),
    ...                                   ["housing", "health", "education"],
    ...                                   threshold=0.25, min_score=1.0)
    >>> order.tolist(), lab.tolist()  # tie broken by code; 0.5 is below min_score
    ([[1, 0, 2], [2, 1, 0]], [[True, True, False], [False, False, False]])
    """
    raw = np.asarray(raw, dtype=float).reshape(-1, len(codes))
    total = raw.sum(axis=1, keepdims=True)
    rel = np.divide(raw, total, out=raw.copy(), where=total > 0)
    code_rank = np.argsort(np.argsort(np.asarray(codes, dtype=object), kind="stable"))
    # lexsort sorts by its last key first: -relative score, then the code.
    order = np.lexsort((np.broadcast_to(code_rank, raw.shape), -rel), axis=-1)
    rel_s = np.take_along_axis(rel, order, axis=1)
    raw_s = np.take_along_axis(raw, order, axis=1)
    labelled = (rel_s > threshold) & (raw_s >= min_score) & (raw_s > 0)
    return order, rel_s, labelled, raw_s > 0


def _label_lists(order: np.ndarray, labelled: np.ndarray, codes: Sequence[str]) -> list[list[str]]:
    # Rows share few distinct label lists; build each once.
    keys = np.where(labelled, order, -1)
    uniq, inverse = np.unique(keys, axis=0, return_inverse=True)
    lists = [[codes[i] for i in row if i >= 0] or [GENERAL] for row in uniq.tolist()]
    return [list(lists[i]) for i in inverse.reshape(-1).tolist()]


def _score_strings(
    order: np.ndarray, rel: np.ndarray, scored: np.ndarray, codes: Sequence[str]
) -> list[str]:
    # format_scores for every row at once: each distinct value is formatted once.
    values, inverse = np.unique(rel[scored], return_inverse=True)
    text = [SCORE_FORMAT.format(v) for v in values.tolist()]
    names = [f"{c}:" for c in codes]
    pieces = [
        names[c] + text[v] for c, v in zip(order[scored].tolist(), inverse.tolist(), strict=True)
    ]
    ends = np.cumsum(scored.sum(axis=1)).tolist()
    starts = [0, *ends[:-1]]
    return ["|".join(pieces[a:b]) for a, b in zip(starts, ends, strict=True)]


def format_scores(scored: Iterable[tuple[str, float]]) -> str:
    """``code:score`` pairs joined by ``|`` with three decimals.

    Examples
    --------
    >>> format_scores([("health", 2 / 3), ("elderly_care", 1 / 3)])
    'health:0.667|elderly_care:0.333'
    """
    return "|".join(f"{code}:{SCORE_FORMAT.format(value)}" for code, value in scored)


class LexiconClassifier:
    """Rank livelihood domains for each paragraph from the weighted lexicon.

    Parameters
    ----------
    taxonomy : Taxonomy, path-like or None
        Taxonomy object or YAML path; ``None`` / ``""`` for the packaged file.
    threshold : float, default 0.25
        A domain is a label when its *relative* score (its share of the paragraph's total
        lexicon weight) is strictly above ``threshold``. The highest-scoring label is
        primary, the others are secondary; when no domain clears the threshold the paragraph
        is ``general``. Because relative scores sum to 1, fewer than ``1 / threshold`` labels
        are returned, and a paragraph that lists four or more domains evenly (a goal list,
        the 七有 phrases) becomes ``general`` at the default.
    min_score : float, default 1.0
        Minimum *raw* score (sum of weights) for a label, so that a single weak term does not
        label a paragraph when it is the only hit. Not tuned by :meth:`fit`.
    threshold_grid : sequence of float
        Candidate thresholds searched by :meth:`fit`.

    Attributes
    ----------
    taxonomy_ : Taxonomy
        The loaded taxonomy (set by :meth:`fit`; loaded lazily when predicting unfitted).
    threshold_ : float
        Threshold chosen by :meth:`fit` (``threshold`` when not fitted).
    cv_results_ : pandas.DataFrame
        Per candidate threshold: primary accuracy and label micro-F1 on the fitting data.

    Notes
    -----
    ``fit`` tunes only the threshold: it picks the candidate with the highest primary-label
    accuracy on the given labels, breaking ties by label micro-F1, then by closeness to the
    constructor's ``threshold``, then by the smaller value. Terms and weights are never fitted.
    The classifier works unfitted with the constructor's threshold.

    Examples
    --------
    >>> clf = LexiconClassifier()
    >>> clf.predict(["推进棚户区、老旧小区改造,加快发展居家养老服务。", "提高政治站位"])
    [['housing', 'elderly_care'], ['general']]
    """

    def __init__(
        self,
        taxonomy: Taxonomy | Path | str | None = None,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        min_score: float = 1.0,
        threshold_grid: Sequence[float] = DEFAULT_THRESHOLD_GRID,
    ):
        self.taxonomy = taxonomy
        self.threshold = threshold
        self.min_score = min_score
        self.threshold_grid = threshold_grid

    # sklearn-style parameter access, so the object can be cloned in a loop over folds.
    def get_params(self, deep: bool = True) -> dict:
        return {
            "taxonomy": self.taxonomy,
            "threshold": self.threshold,
            "min_score": self.min_score,
            "threshold_grid": self.threshold_grid,
        }

    def set_params(self, **params) -> LexiconClassifier:
        for key, value in params.items():
            if key not in self.get_params():
                raise ValueError(f"unknown parameter {key!r}")
            setattr(self, key, value)
        return self

    def _tax(self) -> Taxonomy:
        return getattr(self, "taxonomy_", None) or _as_taxonomy(self.taxonomy)

    def _threshold(self) -> float:
        return getattr(self, "threshold_", self.threshold)

    def fit(self, texts: Sequence[str], labels: Sequence[str | Sequence[str]]) -> LexiconClassifier:
        """Choose ``threshold_`` from ``threshold_grid`` on labelled paragraphs.

        Parameters
        ----------
        texts : sequence of str
        labels : sequence of ``"primary|secondary"`` strings or of label lists

        Examples
        --------
        >>> clf = LexiconClassifier().fit(["发展居家养老服务", "提高低保标准"],
        ...                               ["elderly_care", "social_assistance"])
        >>> clf.threshold_ in clf.threshold_grid
        True
        """
        tax = _as_taxonomy(self.taxonomy)
        truth = [_split(y) for y in labels]
        if len(truth) != len(texts):
            raise ValueError("texts and labels differ in length")
        raw = _raw_matrix(term_counts(list(texts), taxonomy=tax), tax)
        rows = []
        for t in sorted(set(self.threshold_grid)):
            order, _, labelled, _ = rank_scores(
                raw, tax.substantive, threshold=t, min_score=self.min_score
            )
            pred = _label_lists(order, labelled, tax.substantive)
            rows.append(
                {
                    "threshold": t,
                    "primary_accuracy": primary_accuracy(truth, pred),
                    "micro_f1": _micro_f1(truth, pred),
                }
            )
        res = pd.DataFrame(rows)
        best = sorted(
            rows,
            key=lambda r: (
                -r["primary_accuracy"],
                -r["micro_f1"],
                abs(r["threshold"] - self.threshold),
                r["threshold"],
            ),
        )[0]
        self.taxonomy_ = tax
        self.threshold_ = float(best["threshold"])
        self.cv_results_ = res
        return self

    def predict_ranked(
        self, texts: Sequence[str]
    ) -> list[tuple[list[str], list[tuple[str, float]]]]:
        """Ranked labels and relative scores (``(code, score)`` sorted by ``(-score, code)``)."""
        order, rel, labelled, scored = self._rank(self.transform(texts))
        codes = self._tax().substantive
        labels = _label_lists(order, labelled, codes)
        return [
            (lab, [(codes[i], v) for i, v, s in zip(o, r, sc, strict=True) if s])
            for lab, o, r, sc in zip(labels, order, rel, scored, strict=True)
        ]

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Term counts of ``texts`` (:func:`term_counts` with this classifier's taxonomy).

        Examples
        --------
        >>> int(LexiconClassifier().transform(["提高低保标准,低保动态管理"]).sum())
        2
        """
        return term_counts(list(texts), taxonomy=self._tax())

    def _rank(self, counts: sparse.spmatrix, vocabulary: Sequence[str] | None = None):
        tax = self._tax()
        return rank_scores(
            _raw_matrix(counts, tax, vocabulary),
            tax.substantive,
            threshold=self._threshold(),
            min_score=self.min_score,
        )

    def predict(self, texts: Sequence[str]) -> list[list[str]]:
        """Ranked labels per paragraph: primary first, then secondary labels.

        Examples
        --------
        >>> LexiconClassifier().predict(["加強食品藥品安全監管"])
        [['safety_governance']]
        """
        return [labels for labels, _ in self.predict_ranked(texts)]

    def decision_function(self, texts: Sequence[str]) -> pd.DataFrame:
        """Relative scores, one column per substantive domain (rows sum to 1 or 0).

        Examples
        --------
        >>> float(LexiconClassifier().decision_function(["医养结合"]).loc[0, "elderly_care"])
        1.0
        """
        tax = self._tax()
        mat = _raw_matrix(self.transform(texts), tax)
        totals = mat.sum(axis=1, keepdims=True)
        rel = np.divide(mat, totals, out=np.zeros_like(mat), where=totals > 0)
        return pd.DataFrame(rel, columns=tax.substantive)

    def score(self, texts: Sequence[str], labels: Sequence[str | Sequence[str]]) -> float:
        """Primary-label accuracy (the scikit-learn ``score`` convention).

        Examples
        --------
        >>> LexiconClassifier().score(["发展居家养老服务"], ["elderly_care"])
        1.0
        """
        return primary_accuracy([_split(y) for y in labels], self.predict(texts))

    def classify(self, texts: Sequence[str]) -> pd.DataFrame:
        """``primary``, ``labels`` (``a|b``) and ``scores`` (``code:score|...``) per text.

        Examples
        --------
        >>> LexiconClassifier().classify(["发展居家养老服务"]).loc[0, "scores"]
        'elderly_care:1.000'
        """
        return self.classify_counts(self.transform(texts))

    def classify_counts(
        self, counts: sparse.spmatrix, vocabulary: Sequence[str] | None = None
    ) -> pd.DataFrame:
        """:meth:`classify` from a :func:`term_counts` matrix (columns: ``vocabulary``).

        Examples
        --------
        >>> clf = LexiconClassifier()
        >>> clf.classify_counts(clf.transform(["发展居家养老服务"])).loc[0, "primary"]
        'elderly_care'
        """
        codes = self._tax().substantive
        order, rel, labelled, scored = self._rank(counts, vocabulary)
        labels = _label_lists(order, labelled, codes)
        return pd.DataFrame(
            {
                "primary": [lab[0] for lab in labels],
                "labels": ["|".join(lab) for lab in labels],
                "scores": _score_strings(order, rel, scored, codes),
            }
        )


def _split(labels: str | Sequence[str]) -> list[str]:
    if isinstance(labels, str):
        return [p for p in labels.split("|") if p]
    return list(labels)


def classify_lines(
    lines: Sequence[str],
    *,
    taxonomy: Taxonomy | Path | str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> pd.DataFrame:
    """Classify one paragraph per line; the table printed by ``policystudy domains``.

    Parameters
    ----------
    lines : sequence of str
        Paragraphs; trailing newlines are ignored; an empty line is ``general``.
    taxonomy : Taxonomy, path-like or None, keyword-only
    threshold : float, keyword-only

    Returns
    -------
    pandas.DataFrame
        Columns exactly ``line, primary, labels, scores``; ``line`` is 1-based.

    Examples
    --------
    >>> classify_lines(["提高城乡低保标准", ""]).to_dict("records")[1]
    {'line': 2, 'primary': 'general', 'labels': 'general', 'scores': ''}
    """
    texts = [str(s).rstrip("\r\n") for s in lines]
    out = LexiconClassifier(taxonomy, threshold=threshold).classify(texts)
    out.insert(0, "line", np.arange(1, len(texts) + 1, dtype=int))
    return out[DOMAIN_COLUMNS]


def domains_tsv(df: pd.DataFrame) -> str:
    """Render :func:`classify_lines` output as TSV with a header and ``\\n`` line ends.

    Examples
    --------
    >>> domains_tsv(classify_lines(["办好家长学校"])).splitlines()
    ['line\\tprimary\\tlabels\\tscores', '1\\teducation\\teducation\\teducation:1.000']
    """
    return df[DOMAIN_COLUMNS].to_csv(sep="\t", index=False, lineterminator="\n")


def paragraph_domains(
    paragraphs: pd.DataFrame,
    *,
    classifier: LexiconClassifier | None = None,
    text_column: str = "text",
) -> pd.DataFrame:
    """Classify the paragraphs table of notebook 00.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        Must hold ``paragraph_id`` and ``text``.
    classifier : LexiconClassifier, optional
        Default: unfitted, packaged taxonomy and default threshold.

    Returns
    -------
    pandas.DataFrame
        ``paragraph_id, primary, labels, scores`` sorted by ``paragraph_id``.

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"paragraph_id": ["dalian-p001"], "text": ["扩增公办幼儿园"]})
    >>> paragraph_domains(p).loc[0, "primary"]
    'education'
    """
    missing = {"paragraph_id", text_column} - set(paragraphs.columns)
    if missing:
        raise KeyError(f"paragraphs table lacks {sorted(missing)}")
    clf = classifier or LexiconClassifier()
    data = paragraphs.sort_values("paragraph_id", kind="mergesort").reset_index(drop=True)
    out = clf.classify(data[text_column].fillna("").astype(str).tolist())
    out.insert(0, "paragraph_id", data["paragraph_id"].to_numpy())
    return out


# --- validation -----------------------------------------------------------------------------


def primary_accuracy(truth: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> float:
    """Share of paragraphs whose predicted primary label equals the true primary label.

    Examples
    --------
    >>> primary_accuracy([["health", "elderly_care"], ["housing"]], [["health"], ["general"]])
    0.5
    """
    if not truth:
        return float("nan")
    return float(np.mean([t[0] == p[0] for t, p in zip(truth, pred, strict=True)]))


def _micro_f1(truth, pred) -> float:
    tp = sum(len(set(t) & set(p)) for t, p in zip(truth, pred, strict=True))
    n_pred = sum(len(p) for p in pred)
    n_true = sum(len(t) for t in truth)
    return 2 * tp / (n_pred + n_true) if n_pred + n_true else 0.0


def domain_metrics(
    truth: Sequence[Sequence[str]], pred: Sequence[Sequence[str]], *, codes: Sequence[str]
) -> pd.DataFrame:
    """Per-domain precision, recall, F1 and support over label *sets* (multi-label).

    Examples
    --------
    >>> m = domain_metrics([["health"], ["housing"]], [["health", "housing"], ["general"]],
    ...                    codes=["health", "housing", "general"])
    >>> m.set_index("domain").loc["housing", ["precision", "recall"]].tolist()
    [0.0, 0.0]
    """
    rows = []
    for code in codes:
        t = np.array([code in s for s in truth])
        p = np.array([code in s for s in pred])
        tp = int((t & p).sum())
        prec = tp / p.sum() if p.sum() else float("nan")
        rec = tp / t.sum() if t.sum() else float("nan")
        f1 = 2 * prec * rec / (prec + rec) if p.sum() and t.sum() and prec + rec else 0.0
        if not t.sum() and not p.sum():
            f1 = float("nan")
        rows.append(
            {
                "domain": code,
                "precision": prec,
                "recall": rec,
                "f1": f1,
                "support": int(t.sum()),
                "predicted": int(p.sum()),
            }
        )
    return pd.DataFrame(rows)


class TfidfDomainClassifier:
    """Supervised baseline: character 1-2-gram TF-IDF + logistic regression on primary labels.

    It predicts one label per paragraph (no secondary labels), so it is compared with the
    lexicon on primary accuracy and per-domain scores of the primary label.

    Parameters
    ----------
    C : float, default 10.0
        Inverse regularisation strength of the logistic regression.
    random_state : int, default 42

    Examples
    --------
    >>> m = TfidfDomainClassifier().fit(["提高低保标准", "建设养老机构"] * 2,
    ...                                 ["social_assistance", "elderly_care"] * 2)
    >>> m.predict(["低保标准"])
    [['social_assistance']]
    """

    def __init__(self, *, C: float = 10.0, random_state: int = 42):
        self.C = C
        self.random_state = random_state

    def fit(self, texts: Sequence[str], labels: Sequence[str | Sequence[str]]):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from threadpoolctl import threadpool_limits

        y = [_split(v)[0] for v in labels]
        self.pipeline_ = make_pipeline(
            TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True),
            LogisticRegression(C=self.C, max_iter=2000, random_state=self.random_state),
        )
        # A few hundred paragraphs: BLAS threads only add synchronisation, which costs 10-20x
        # on a busy 2-core machine, and one thread makes the fit independent of the core count.
        with threadpool_limits(limits=1, user_api="blas"):
            self.pipeline_.fit([_normalize(t) for t in texts], y)
        self.classes_ = list(self.pipeline_.classes_)
        return self

    def predict(self, texts: Sequence[str]) -> list[list[str]]:
        return [[str(p)] for p in self.pipeline_.predict([_normalize(t) for t in texts])]

    def score(self, texts, labels) -> float:
        return primary_accuracy([_split(y) for y in labels], self.predict(texts))


def load_labels(path: Path | str | None = None) -> pd.DataFrame:
    """The hand-labelled validation paragraphs (``doc_id, text, labels``).

    Default path: ``data/validation/paragraph_labels.csv`` inside the package.
    """
    p = Path(path) if path else resources.VALIDATION / "paragraph_labels.csv"
    return pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8")


def leave_one_document_out(
    labelled: pd.DataFrame,
    *,
    model: str = "lexicon",
    taxonomy: Taxonomy | Path | str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> pd.DataFrame:
    """Held-out predictions: for each document, fit on the others and predict it.

    For the lexicon only the threshold is tuned on the training documents; for the TF-IDF
    model the whole model is trained on them.

    Parameters
    ----------
    labelled : pandas.DataFrame
        ``doc_id, text, labels`` (see ``data/validation/LABELLING.md`` in the package).
    model : {"lexicon", "tfidf"}

    Returns
    -------
    pandas.DataFrame
        ``model, held_out, threshold, text, labels, predicted`` in input order.

    Examples
    --------
    >>> lab = pd.DataFrame({"doc_id": ["a", "b"], "text": ["提高低保标准", "发展养老服务"],
    ...                     "labels": ["social_assistance", "elderly_care"]})
    >>> leave_one_document_out(lab)["predicted"].tolist()
    ['social_assistance', 'elderly_care']
    """
    out = []
    for doc in sorted(labelled["doc_id"].unique()):
        train = labelled[labelled["doc_id"] != doc]
        test = labelled[labelled["doc_id"] == doc]
        if model == "lexicon":
            m = LexiconClassifier(taxonomy, threshold=threshold).fit(
                train["text"].tolist(), train["labels"].tolist()
            )
            thr = m.threshold_
        elif model == "tfidf":
            m = TfidfDomainClassifier().fit(train["text"].tolist(), train["labels"].tolist())
            thr = float("nan")
        else:
            raise ValueError(f"model must be 'lexicon' or 'tfidf', not {model!r}")
        pred = m.predict(test["text"].tolist())
        part = test[["text", "labels"]].copy()
        part.insert(0, "threshold", thr)
        part.insert(0, "held_out", doc)
        part.insert(0, "model", model)
        part["predicted"] = ["|".join(p) for p in pred]
        part["order"] = test.index
        out.append(part)
    res = pd.concat(out).sort_values("order", kind="mergesort").drop(columns="order")
    return res.reset_index(drop=True)


def validation_tables(
    predictions: pd.DataFrame, *, codes: Sequence[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Summarise held-out predictions of :func:`leave_one_document_out` (one or more models).

    Returns
    -------
    metrics : pandas.DataFrame
        ``model, domain, precision, recall, f1, support, predicted`` plus, per model, a
        ``primary_accuracy`` row (in ``f1``) and a ``micro`` row.
    folds : pandas.DataFrame
        ``model, held_out, threshold, n, primary_accuracy`` per held-out document and ``ALL``.
    """
    metric_parts, fold_rows = [], []
    for model, sub in predictions.groupby("model", sort=True):
        truth = [_split(v) for v in sub["labels"]]
        pred = [_split(v) for v in sub["predicted"]]
        m = domain_metrics(truth, pred, codes=codes)
        acc = primary_accuracy(truth, pred)
        extra = pd.DataFrame(
            [
                {
                    "domain": "micro",
                    "f1": _micro_f1(truth, pred),
                    "support": sum(len(t) for t in truth),
                    "predicted": sum(len(p) for p in pred),
                },
                {
                    "domain": "primary_accuracy",
                    "f1": acc,
                    "support": len(truth),
                    "predicted": len(pred),
                },
            ]
        )
        m = pd.concat([m, extra], ignore_index=True)
        m.insert(0, "model", model)
        metric_parts.append(m)
        for doc, fold in sub.groupby("held_out", sort=True):
            t = [_split(v) for v in fold["labels"]]
            p = [_split(v) for v in fold["predicted"]]
            fold_rows.append(
                {
                    "model": model,
                    "held_out": doc,
                    "threshold": fold["threshold"].iloc[0],
                    "n": len(fold),
                    "primary_accuracy": primary_accuracy(t, p),
                }
            )
        fold_rows.append(
            {
                "model": model,
                "held_out": "ALL",
                "threshold": float("nan"),
                "n": len(sub),
                "primary_accuracy": acc,
            }
        )
    return pd.concat(metric_parts, ignore_index=True), pd.DataFrame(fold_rows)
