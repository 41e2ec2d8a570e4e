"""A supervised coder of the primary instrument type, fitted on the development labels.

The cue rules (:mod:`~policystudy.instruments.coder`) name the means a sentence mentions, but
do not tell a means used from a word named (about 0.72 on text they were not tuned on). The
text alone (character n-grams) does a little better (about 0.78) and errs elsewhere.
:class:`InstrumentModel` stacks the two: a linear model of the sentence's character 1-3-grams
(TF-IDF) and, at half weight, its jieba words (:mod:`~policystudy.instruments.features`) gives
a score per primary type and, from binary models of the same features, a score per type the
sentence carries at all (``type_scores``); a small logistic regression (the *combiner*) weighs
those scores against the rule coder's primary type and types. The combiner is fitted only on
sentences the rules were never tuned on (the holdout, fourth to eighth samples and the bulk
sheets, :data:`UNSEEN_SPLITS`), with text scores predicted out of fold, so that it learns how far
the rules can be trusted on new text rather than on the text they were written from.
It is fitted at run time from the packaged label files (:func:`fitted_model`; no fitted model
ships in the package), on eight labelled samples and five bulk sheets, 4,115 sentences
(:func:`training_labels`); the fit is kept in the cache folder for the next run, keyed on every
file of the package (:mod:`policystudy.core.memo`).

With ``method="model"`` (:func:`model_code_texts`) the primary type comes from the model while
the evidence (cues, sub-instruments) still comes from the rules; when the model gives a type
that no rule cue carries, that type is added to the row's types and its evidence says
``model:<type>``; when the model says ``none``, the rules' types and cues stay as the record of
what the sentence names.

Examples
--------
>>> m = fitted_model()
>>> m.predict(["继续提高退休人员基本养老金标准。", "教育是国家发展的基石。"]).tolist()
['demand', 'none']
>>> model_code_texts(["加大保障性住房建设和棚户区改造力度。"])["instrument_primary"].tolist()
['supply']
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.svm import LinearSVC
from threadpoolctl import threadpool_limits

from policystudy.core import defaults, memo
from policystudy.domains.matcher import normalize
from policystudy.instruments.coder import INSTRUMENT_COLUMNS, code_text, code_texts
from policystudy.instruments.features import clause_heads, word_tokens
from policystudy.instruments.labels import load_instrument_labels
from policystudy.instruments.taxonomy import (
    NONE,
    InstrumentError,
    InstrumentTaxonomy,
    as_instruments,
)

#: The bulk sheets of training text (2,000 sentences labelled by reading in the sixth session).
BULK_SPLITS = ("bulk1", "bulk2", "bulk3", "bulk4", "bulk5")
#: The label splits the model is fitted on: the first eight samples (the fifth to eighth were
#: each scored once, blind, before they joined them) and the bulk sheets.
TRAINING_SPLITS = (
    None, "fresh", "holdout", "final", "fifth", "sixth", "seventh", "eighth", *BULK_SPLITS
)  # fmt: skip
#: The splits whose sentences the rules were never tuned on (no rule was written from them):
#: the combiner learns from these alone how far the rule coder can be trusted (the first and
#: fresh samples were tuned on, and there the rules are right 0.91-0.92 of the time against
#: about 0.73-0.81 on new text). No rule has been changed since the sixth sample was drawn.
UNSEEN_SPLITS = ("holdout", "final", "fifth", "sixth", "seventh", "eighth", *BULK_SPLITS)
#: Hyperparameters chosen by the document-grouped cross-validation over the 1,615 sentences
#: (:func:`~policystudy.instruments.crossval.cross_validate`), on the 970 sentences of the
#: then :data:`UNSEEN_SPLITS` (see INSTRUMENTS.md, "Tuning after the fifth sample" and "Tuning
#: after the sixth sample"), and left as they were on the 3,865 (C 0.1-0.5, words at weight 1
#: and a combiner C of 1 all within 0.01 of them: "Bulk training sheets") and on the 4,115
#: (NB-scaled n-grams, 1-4-grams, clause-bound n-grams, cue roles, a combiner bias: none within
#: 0.01 above them, "Tuning after the eighth sample"): a linear SVM (``C`` 0.2, balanced
#: classes) on character n-grams and, at half weight, jieba word 1-2-grams, with one more score
#: per type, stacked with the rules by a combiner of ``C`` 0.3.
DEFAULT_PARAMS: dict[str, Any] = {
    "base": "svm",
    "C": 0.2,
    "class_weight": "balanced",
    "rule_weight": 0.0,
    "stack": True,
    "stack_C": 0.3,
    "type_scores": True,
    "word_weight": 0.5,
}
#: The base models of the text scores.
BASES = ("svm", "logreg")


def _rule_tokens(coded: dict[str, str]) -> str:
    tokens = [f"P={coded['primary']}"]
    tokens += [f"T={t}" for t in coded["types"].split(";")]
    tokens += [f"I={i}" for i in coded["instruments"].split(";")]
    return " ".join(tokens)


def _token_vectorizer(ngram_range: tuple[int, int]) -> TfidfVectorizer:
    # the documents are space-joined tokens of features.py (no token holds a space)
    return TfidfVectorizer(
        tokenizer=str.split, lowercase=False, token_pattern=None, ngram_range=ngram_range,
        min_df=2, sublinear_tf=True,
    )  # fmt: skip


class InstrumentModel(ClassifierMixin, BaseEstimator):
    """The primary instrument type from character n-grams, stacked with the rule coder.

    Parameters
    ----------
    taxonomy : InstrumentTaxonomy, name, path-like or None
        The typology whose rules give the rule features (default ``rothwell``).
    ngram_range : tuple of int
        Character n-gram sizes of the TF-IDF features.
    min_df : int
        Least number of training sentences an n-gram must occur in.
    base : {"svm", "logreg"}
        The text model: a linear SVM (scores: its decision values) or a logistic regression
        (scores: log probabilities; with ``stack=False`` and ``C=10`` the model of the last
        session).
    C : float
        Inverse regularisation strength of the text model.
    class_weight : "balanced" or None
        Class weights of the text model (demand is rare).
    rule_weight : float
        Scale of a block of rule indicators (primary type, types, sub-instruments) added to the
        text model's features (0, the default, leaves them out: with them the text model copies
        the tuned rules).
    stack : bool
        Combine the text scores with the rule coder's primary type and types by a logistic
        regression fitted on the ``unseen`` rows (see :meth:`fit`); ``False`` predicts from the
        text model alone.
    stack_C : float
        Inverse regularisation strength of that combiner.
    word_weight : float
        Scale of a block of TF-IDF jieba word 1-2-grams
        (:func:`~policystudy.instruments.features.word_tokens`) added to the character
        n-grams (0 leaves it out).
    head_weight : float
        Scale of a block of clause heads: each clause's verb, last word and the pair
        (:func:`~policystudy.instruments.features.clause_heads`; 0 leaves it out).
    none_bias : float
        Added to the combiner's ``none`` log probability before the argmax (a negative value
        reads more sentences as instruments: the largest error is an instrument read as
        ``none``); without the combiner it is not used.
    type_scores : bool
        Also give the combiner one text score per type of the typology: a binary model of the
        same kind and features for "the sentence carries this type at all" (the labels'
        ``types``, passed to :meth:`fit`), a signal the primary type alone does not teach
        (a sentence whose first means is environment may also fund or build). Used only with
        ``stack``.
    n_inner : int
        Folds (grouped by ``groups``) of the out-of-fold text scores the combiner is fitted on.
    random_state : int

    Examples
    --------
    >>> texts = ["加大投入", "开展试点工作", "完善制度", "教育是基石"] * 3
    >>> m = InstrumentModel(stack=False).fit(texts, ["supply", "demand", "environment", "none"] * 3)
    >>> m.predict(["开展医改试点"]).tolist()
    ['demand']
    """

    def __init__(
        self,
        *,
        taxonomy: InstrumentTaxonomy | Path | str | None = None,
        ngram_range: tuple[int, int] = (1, 3),
        min_df: int = 2,
        base: str = "svm",
        C: float = 0.2,
        class_weight: str | None = "balanced",
        rule_weight: float = 0.0,
        stack: bool = True,
        stack_C: float = 1.0,
        type_scores: bool = False,
        word_weight: float = 0.0,
        head_weight: float = 0.0,
        none_bias: float = 0.0,
        n_inner: int = 5,
        random_state: int = defaults.RANDOM_STATE,
    ) -> None:
        self.taxonomy = taxonomy
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.base = base
        self.C = C
        self.class_weight = class_weight
        self.rule_weight = rule_weight
        self.stack = stack
        self.stack_C = stack_C
        self.type_scores = type_scores
        self.word_weight = word_weight
        self.head_weight = head_weight
        self.none_bias = none_bias
        self.n_inner = n_inner
        self.random_state = random_state

    # --- the text model ---------------------------------------------------------------------
    def _classifier(self) -> Any:
        if self.base == "svm":
            return LinearSVC(
                C=self.C, class_weight=self.class_weight, random_state=self.random_state
            )
        if self.base == "logreg":
            return LogisticRegression(
                C=self.C, class_weight=self.class_weight, solver="lbfgs", max_iter=2000,
                random_state=self.random_state,
            )  # fmt: skip
        raise ValueError(f"base must be one of {BASES}, not {self.base!r}")

    def _text_fit(
        self,
        norm: list[str],
        coded: list[dict[str, str]],
        y: np.ndarray,
        has_type: np.ndarray | None = None,
    ) -> dict:
        # unfitted vectorizers: _text_features fits each on this part (fit_transform, one pass)
        chars = TfidfVectorizer(
            analyzer="char", ngram_range=self.ngram_range, min_df=self.min_df, sublinear_tf=True
        )
        rules = None
        if self.rule_weight:
            rules = TfidfVectorizer(
                tokenizer=str.split, lowercase=False, use_idf=False, norm=None, token_pattern=None
            )
        part = {
            "chars": chars,
            "rules": rules,
            "words": _token_vectorizer((1, 2)) if self.word_weight else None,
            "heads": _token_vectorizer((1, 1)) if self.head_weight else None,
        }
        features = self._text_features(part, norm, coded, fit=True)
        part["clf"] = self._classifier().fit(features, y)
        # one binary model per type (None where the part's rows are all or none of that type)
        part["types"] = [
            self._classifier().fit(features, column)
            if has_type is not None and 0 < column.sum() < len(column)
            else None
            for column in (has_type.T if has_type is not None else [])
        ]
        return part

    def _text_features(
        self, part: dict, norm: list[str], coded: list[dict[str, str]], *, fit: bool = False
    ) -> Any:
        """The text model's features: character n-grams, then each weighted block in use
        (``fit``: fit the part's vectorizers on these texts first)."""
        docs = {
            "chars": lambda: norm,
            "rules": lambda: [_rule_tokens(c) for c in coded],
            "words": lambda: [" ".join(word_tokens(t)) for t in norm],
            "heads": lambda: [" ".join(clause_heads(t)) for t in norm],
        }
        weights = {"chars": 1.0, "rules": self.rule_weight, "words": self.word_weight,
                   "heads": self.head_weight}  # fmt: skip
        blocks = []
        for key, texts in docs.items():
            vectorizer = part[key]
            if vectorizer is None:
                continue
            block = vectorizer.fit_transform(texts()) if fit else vectorizer.transform(texts())
            blocks.append(block * float(weights[key]))
        return sp.hstack(blocks, format="csr") if len(blocks) > 1 else blocks[0].tocsr()

    def _text_scores(self, part: dict, norm: list[str], coded: list[dict[str, str]]) -> np.ndarray:
        """One score per class of ``classes_`` (a class the part never saw scores very low),
        then, with ``type_scores``, one per type of the typology."""
        features = self._text_features(part, norm, coded)
        clf = part["clf"]
        raw = (
            clf.decision_function(features)
            if self.base == "svm"
            else clf.predict_log_proba(features)
        )
        raw = np.asarray(raw, dtype=float).reshape(len(norm), -1)
        if raw.shape[1] == 1:  # two classes: one decision value for the second
            raw = np.hstack([-raw, raw])
        floor = -10.0 if self.base == "svm" else -30.0
        scores = np.full((len(norm), len(self.classes_)), floor)
        where = np.searchsorted(self.classes_, clf.classes_)
        scores[:, where] = np.maximum(raw, floor)
        if not part["types"]:
            return scores
        # a type the part never saw (or always saw) teaches nothing: a constant column
        per_type = [
            np.full(len(norm), floor)
            if m is None
            else np.maximum(np.asarray(m.decision_function(features), dtype=float), floor)
            for m in part["types"]
        ]
        return np.hstack([scores, np.column_stack(per_type)])

    # --- the combiner -----------------------------------------------------------------------
    def _rule_features(self, coded: list[dict[str, str]]) -> np.ndarray:
        cols = [(c, "primary") for c in self.classes_] + [(t, "types") for t in self.tax_.types]
        return np.array(
            [[float(c in row[key].split(";")) for c, key in cols] for row in coded], dtype=float
        ).reshape(len(coded), len(cols))

    def _prepare(
        self, X: Sequence[str], coded: Sequence[dict[str, str]] | None = None
    ) -> tuple[list[str], list[dict[str, str]]]:
        norm = [normalize(str(t)) for t in X]
        if coded is not None:
            return norm, list(coded)
        need_rules = self.stack or bool(self.rule_weight)
        return norm, [code_text(t, taxonomy=self.tax_) if need_rules else {} for t in norm]

    def fit(
        self,
        X: Sequence[str],
        y: Sequence[str],
        *,
        groups: Sequence[Any] | None = None,
        unseen: Sequence[bool] | None = None,
        rule_codes: Sequence[dict[str, str]] | None = None,
        types: Sequence[str] | None = None,
    ) -> InstrumentModel:
        """Fit on texts ``X`` and their primary types ``y``.

        ``groups`` (e.g. document ids) keep a group's sentences in one inner fold of the
        out-of-fold text scores (default: each sentence its own group); ``unseen`` marks the
        sentences the rules were never tuned on, the only ones the combiner is fitted on
        (default: all); ``rule_codes`` as for :meth:`decision_function`; ``types`` every type
        each sentence carries, ``;``-joined as in the labels (for ``type_scores``; default:
        the primary type alone).
        """
        self.tax_ = as_instruments(self.taxonomy)
        y_arr = np.asarray(y, dtype=str)
        self.classes_ = np.unique(y_arr)
        norm, coded = self._prepare(list(X), rule_codes)
        has_type = None
        if self.stack and self.type_scores:
            carried = [str(v).split(";") for v in (y_arr if types is None else types)]
            has_type = np.array(
                [[t in row for t in self.tax_.types] for row in carried], dtype=bool
            ).reshape(len(norm), len(self.tax_.types))
        # One BLAS thread: many threads on a shared machine make the fit 10x slower.
        with threadpool_limits(limits=1):
            self.text_ = self._text_fit(norm, coded, y_arr, has_type)
            self.combiner_ = None
            if self.stack:
                group = np.arange(len(norm)) if groups is None else np.asarray(groups)
                mask = np.ones(len(norm), bool) if unseen is None else np.asarray(unseen, bool)
                width = len(self.classes_) + len(self.text_["types"])
                oof = np.zeros((len(norm), width))
                n_inner = min(self.n_inner, len(np.unique(group)))
                for train, test in GroupKFold(n_splits=n_inner).split(norm, groups=group):
                    part = self._text_fit(
                        [norm[i] for i in train],
                        [coded[i] for i in train],
                        y_arr[train],
                        None if has_type is None else has_type[train],
                    )
                    oof[test] = self._text_scores(
                        part, [norm[i] for i in test], [coded[i] for i in test]
                    )
                stacked = np.hstack([oof, self._rule_features(coded)])
                self.combiner_ = LogisticRegression(
                    C=self.stack_C, solver="lbfgs", max_iter=2000, random_state=self.random_state
                ).fit(stacked[mask], y_arr[mask])
        return self

    def decision_function(
        self, X: Sequence[str], *, rule_codes: Sequence[dict[str, str]] | None = None
    ) -> np.ndarray:
        """Scores per class of ``classes_``: the combiner's log probabilities, or the text
        model's scores. ``rule_codes``: the rule coder's rows of ``X``
        (:func:`~policystudy.instruments.coder.code_text` with the model's typology), when the
        caller has them already (they are computed otherwise)."""
        norm, coded = self._prepare(list(X), rule_codes)
        with threadpool_limits(limits=1):
            scores = self._text_scores(self.text_, norm, coded)
            if self.combiner_ is None:
                return scores[:, : len(self.classes_)]
            raw = self.combiner_.predict_log_proba(np.hstack([scores, self._rule_features(coded)]))
        out = np.full((len(norm), len(self.classes_)), -30.0)
        out[:, np.searchsorted(self.classes_, self.combiner_.classes_)] = raw
        if self.none_bias and NONE in self.classes_:
            out[:, int(np.searchsorted(self.classes_, NONE))] += float(self.none_bias)
        return out

    def predict_proba(
        self, X: Sequence[str], *, rule_codes: Sequence[dict[str, str]] | None = None
    ) -> np.ndarray:
        """Class probabilities, columns in ``classes_`` order (a softmax of the scores; for
        the SVM text model without the combiner they are not calibrated)."""
        scores = self.decision_function(X, rule_codes=rule_codes)
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        return scores / scores.sum(axis=1, keepdims=True)

    def predict(
        self, X: Sequence[str], *, rule_codes: Sequence[dict[str, str]] | None = None
    ) -> np.ndarray:
        """The primary type of each text (``rule_codes`` as for :meth:`decision_function`)."""
        scores = self.decision_function(X, rule_codes=rule_codes)
        return np.asarray(self.classes_[scores.argmax(axis=1)], dtype=str)


def training_labels() -> pd.DataFrame:
    """The 4,115 labelled sentences of :data:`TRAINING_SPLITS` (all tuning text), in file
    order."""
    frames = [load_instrument_labels(split=s) for s in TRAINING_SPLITS]
    cols = ["item_id", "doc_id", "split", "text", "types", "primary"]
    return pd.concat([f[cols] for f in frames], ignore_index=True)


def _check_typology(tax: InstrumentTaxonomy) -> None:
    labels = set(training_labels()["primary"]) - {NONE}
    if not labels <= set(tax.types):
        raise InstrumentError(
            f"method='model' is fitted on labels of the types {sorted(labels)}; the typology "
            f"{tax.name!r} has {tax.types}: use method='rules' (--method rules; parameter "
            "instrument_method: rules)"
        )


@lru_cache(maxsize=4)
def _fitted(tax: InstrumentTaxonomy) -> InstrumentModel:
    _check_typology(tax)

    def fit() -> InstrumentModel:
        labels = training_labels()
        return InstrumentModel(taxonomy=tax, **DEFAULT_PARAMS).fit(
            labels["text"],
            labels["primary"],
            groups=labels["doc_id"],
            unseen=labels["split"].isin(UNSEEN_SPLITS),
            types=labels["types"],
        )

    # The same fit for every corpus (packaged labels, DEFAULT_PARAMS): a run loads it from
    # the cache folder instead of fitting for 10-13 s (core.memo keys it on the package's files).
    return memo.cached("instrument_model", fit, tax)


def fitted_model(taxonomy: InstrumentTaxonomy | Path | str | None = None) -> InstrumentModel:
    """:class:`InstrumentModel` with :data:`DEFAULT_PARAMS`, fitted on :func:`training_labels`
    (cached per typology)."""
    return _fitted(as_instruments(taxonomy))


def model_code_texts(
    texts: Sequence[str], *, taxonomy: InstrumentTaxonomy | Path | str | None = None
) -> pd.DataFrame:
    """The :data:`~policystudy.instruments.coder.INSTRUMENT_COLUMNS` of every text, the primary
    type from the model and the evidence from the rules (see the module docstring)."""
    tax = as_instruments(taxonomy)
    rows = [code_text(t, taxonomy=tax) for t in texts]
    # the rows are the rule codes the model's combiner reads: the rules run once per text
    model = fitted_model(tax)
    primary = [str(p) for p in model.predict(list(texts), rule_codes=rows)] if rows else []
    for text, row, p in zip(texts, rows, primary, strict=True):
        if not normalize(str(text)).strip():
            continue  # an empty unit stays none
        row["primary"] = str(p)
        types = [t for t in row["types"].split(";") if t != NONE]
        if p != NONE and p not in types:
            types = [t for t in tax.types if t in {*types, p}]
            row["types"] = ";".join(types)
            row["evidence"] = "|".join(e for e in (row["evidence"], f"model:{p}") if e)
    frame = pd.DataFrame(rows, columns=["primary", "types", "instruments", "evidence"])
    frame.columns = INSTRUMENT_COLUMNS
    return frame


def code_units(
    texts: Sequence[str],
    *,
    taxonomy: InstrumentTaxonomy | Path | str | None = None,
    method: str = defaults.INSTRUMENT_METHOD,
) -> pd.DataFrame:
    """Code every text by ``method``: ``"rules"`` (:func:`~policystudy.instruments.coder.
    code_texts`) or ``"model"`` (:func:`model_code_texts`).

    Examples
    --------
    >>> code_units(["开展试点", "坚持育人为本"], method="rules")["instrument_primary"].tolist()
    ['demand', 'none']
    """
    if method == "rules":
        return code_texts(texts, taxonomy=taxonomy)
    if method == "model":
        return model_code_texts(texts, taxonomy=taxonomy)
    raise ValueError(f"method must be 'rules' or 'model', not {method!r}")
