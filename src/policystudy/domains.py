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

from policystudy import paths

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
        counts: dict[str, int] = {}
        if texts is not None:
            matcher = _matcher(self)
            for text in texts:
                for term in matcher.findall(_normalize(str(text))):
                    counts[term] = counts.get(term, 0) + 1
        out = {}
        for d in self.domains:
            if d.code == GENERAL or not d.terms:
                continue
            key = (
                (lambda tw: (-tw[1] * counts.get(tw[0], 0), -tw[1], -len(tw[0]), tw[0]))
                if texts is not None
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
    p = Path(path) if path not in (None, "") else paths.PACKAGE_DATA / "taxonomy.yaml"
    p = p.resolve()
    return _load_cached(str(p), p.stat().st_mtime)


def _as_taxonomy(taxonomy: Taxonomy | Path | str | None) -> Taxonomy:
    return taxonomy if isinstance(taxonomy, Taxonomy) else load_taxonomy(taxonomy)


def _normalize(text: str) -> str:
    # normalize_text folds width and converts Traditional script; the OpenCC fallback only
    # matters in an environment where the foundation module is missing.
    try:
        from policystudy.normalize import normalize_text
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


def _score_matrix(texts: Sequence[str], tax: Taxonomy) -> np.ndarray:
    codes = tax.substantive
    index = {c: i for i, c in enumerate(codes)}
    mat = np.zeros((len(texts), len(codes)))
    for row, text in enumerate(texts):
        for code, value in raw_scores(text, taxonomy=tax).items():
            mat[row, index[code]] = value
    return mat


def _rank(raw: np.ndarray, codes: list[str], threshold: float, min_score: float):
    """Relative scores and ranked labels for one row of raw scores."""
    total = raw.sum()
    rel = raw / total if total > 0 else raw
    order = sorted(range(len(codes)), key=lambda i: (-rel[i], codes[i]))
    labels = [codes[i] for i in order if rel[i] > threshold and raw[i] >= min_score and raw[i] > 0]
    scored = [(codes[i], rel[i]) for i in order if raw[i] > 0]
    return labels or [GENERAL], scored


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
        mat = _score_matrix(list(texts), tax)
        rows = []
        for t in sorted(set(self.threshold_grid)):
            pred = [_rank(r, tax.substantive, t, self.min_score)[0] for r in mat]
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
        tax = self._tax()
        mat = _score_matrix(list(texts), tax)
        return [_rank(r, tax.substantive, self._threshold(), self.min_score) for r in mat]

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
        mat = _score_matrix(list(texts), tax)
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
        ranked = self.predict_ranked(texts)
        return pd.DataFrame(
            {
                "primary": [labels[0] for labels, _ in ranked],
                "labels": ["|".join(labels) for labels, _ in ranked],
                "scores": [format_scores(scored) for _, scored in ranked],
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

        y = [_split(v)[0] for v in labels]
        self.pipeline_ = make_pipeline(
            TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True),
            LogisticRegression(C=self.C, max_iter=2000, random_state=self.random_state),
        )
        self.pipeline_.fit([_normalize(t) for t in texts], y)
        self.classes_ = list(self.pipeline_.classes_)
        return self

    def predict(self, texts: Sequence[str]) -> list[list[str]]:
        return [[str(p)] for p in self.pipeline_.predict([_normalize(t) for t in texts])]

    def score(self, texts, labels) -> float:
        return primary_accuracy([_split(y) for y in labels], self.predict(texts))


def load_labels(path: Path | str | None = None) -> pd.DataFrame:
    """The hand-labelled validation paragraphs (``doc_id, text, labels``).

    Default path: ``tests/data/paragraph_labels.csv`` in the repository.
    """
    p = Path(path) if path else paths.ROOT / "tests" / "data" / "paragraph_labels.csv"
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
        ``doc_id, text, labels`` (see ``tests/data/LABELLING.md``).
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
