"""Classifiers that code text units into the domains of the taxonomy.

:class:`LexiconClassifier` applies the evidence rule documented in ``taxonomy.yaml``: section
headings add context, a unit is livelihood text only with enough absolute livelihood evidence
(more than its non-livelihood evidence), and only then do relative scores pick the domain.
:class:`TfidfDomainClassifier` is the supervised baseline it is validated against.

The label helpers are in :mod:`~policystudy.domains.labels`, the units coded ``general`` as
framing in :mod:`~policystudy.domains.framing`, the baseline in :mod:`~policystudy.domains.tfidf`.
Both classifiers follow the scikit-learn estimator conventions (parameters stored by the constructor,
``fit`` learns, fitted attributes end in ``_``, ``clone`` works, predicting unfitted raises).
``X`` is a sequence of texts or a DataFrame with ``text`` and optionally ``section`` (the
heading path, levels joined by `` > ``).

Examples
--------
>>> clf = LexiconClassifier().fit()
>>> clf.predict(["完善城乡低保制度,提高特困人员供养标准。",
...              "推动能源结构优化,发展清洁能源产业,带动就业。"])
[['social_assistance'], ['non_livelihood']]
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from policystudy.domains.framing import framing_units
from policystudy.domains.labels import (
    _needs_collapse,
    _texts_sections,
    collapse_non_livelihood,
    micro_f1,
    primary_accuracy,
    split_labels,
)
from policystudy.domains.matcher import (
    deciding_terms,
    normalize,
    score_matrix,
    term_counts,
)
from policystudy.domains.taxonomy import GENERAL, NON_LIVELIHOOD, Taxonomy, as_taxonomy

# Kept importable from here: the baseline and the helpers lived in this module.
from policystudy.domains.tfidf import TfidfDomainClassifier

SCORE_FORMAT = "{:.3f}"
#: Candidate values searched by :meth:`LexiconClassifier.fit`.
DEFAULT_THRESHOLD_GRID = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
DEFAULT_EVIDENCE_GRID = (2.0, 3.0, 4.0)
_HEADING_SEP = " > "
# Units coded at once by LexiconClassifier.classify (a memory bound; see there).
CLASSIFY_BLOCK = 50_000


class LexiconClassifier(ClassifierMixin, BaseEstimator):
    """Code text units with the weighted lexicon and evidence rule of ``taxonomy.yaml``.

    Parameters
    ----------
    taxonomy : Taxonomy, path-like or None
        Taxonomy object or YAML path; ``None`` / ``""`` for the packaged file.
    threshold : float or None, keyword-only
        Share of a unit's livelihood evidence a domain needs to be a label; ``None`` takes
        ``settings.threshold`` of the taxonomy. Fewer than ``1 / threshold`` labels are
        returned, so livelihood text that lists four or more domains evenly is ``general``.
    min_evidence : float or None, keyword-only
        Livelihood evidence (sum of the livelihood domains' term weights, headings included) a
        unit needs to be livelihood text; ``None`` takes ``settings.min_evidence``.
    heading_weight : float or None, keyword-only
        Weight of the deepest heading's scores (``settings.heading_weight`` when ``None``);
        0 ignores headings.
    threshold_grid, evidence_grid : sequence of float, keyword-only
        Candidates searched by :meth:`fit` when labels are given.

    Attributes
    ----------
    taxonomy_ : Taxonomy
    threshold_, min_evidence_, heading_weight_ : float
        The values in use (tuned by :meth:`fit` when it gets labels).
    cv_results_ : pandas.DataFrame or None
        Per candidate pair: primary accuracy and micro-F1 on the fitting labels.

    Notes
    -----
    ``fit`` without labels only resolves the settings. With labels it picks the
    ``(threshold, min_evidence)`` pair with the highest primary accuracy, then micro-F1, then
    the one closest to the file's settings. Terms and weights are never fitted. When the labels
    have no ``non_livelihood`` (the seed labels), predictions are scored with
    ``non_livelihood`` read as ``general`` (:func:`collapse_non_livelihood`).

    Examples
    --------
    >>> clf = LexiconClassifier().fit()
    >>> clf.predict(["推进棚户区、老旧小区改造,加快发展居家养老服务。", "同志们!"])
    [['housing', 'elderly_care'], ['non_livelihood']]
    >>> clf.predict(pd.DataFrame({"text": ["坚持预防为主。"],
    ...                           "section": ["(三)提高医疗卫生服务能力"]}))
    [['health']]
    """

    def __init__(
        self,
        taxonomy: Taxonomy | Path | str | None = None,
        *,
        threshold: float | None = None,
        min_evidence: float | None = None,
        heading_weight: float | None = None,
        threshold_grid: Sequence[float] = DEFAULT_THRESHOLD_GRID,
        evidence_grid: Sequence[float] = DEFAULT_EVIDENCE_GRID,
    ):
        self.taxonomy = taxonomy
        self.threshold = threshold
        self.min_evidence = min_evidence
        self.heading_weight = heading_weight
        self.threshold_grid = threshold_grid
        self.evidence_grid = evidence_grid

    # --- fitting ------------------------------------------------------------------------------

    def fit(self, X=None, y=None) -> LexiconClassifier:
        """Resolve the settings; with labelled ``X, y``, tune threshold and min_evidence.

        Examples
        --------
        >>> clf = LexiconClassifier().fit(["发展居家养老服务", "提高低保标准"],
        ...                               ["elderly_care", "social_assistance"])
        >>> clf.threshold_ in clf.threshold_grid, clf.min_evidence_ in clf.evidence_grid
        (True, True)
        """
        tax = as_taxonomy(self.taxonomy)
        s = tax.settings
        self.taxonomy_ = tax
        self.threshold_ = float(s["threshold"] if self.threshold is None else self.threshold)
        self.min_evidence_ = float(
            s["min_evidence"] if self.min_evidence is None else self.min_evidence
        )
        self.heading_weight_ = float(
            s["heading_weight"] if self.heading_weight is None else self.heading_weight
        )
        self.cv_results_ = None
        if X is None or y is None:
            return self
        truth = [split_labels(v) for v in y]
        texts, sections = _texts_sections(X)
        if len(truth) != len(texts):
            raise ValueError("X and y differ in length")
        collapse = _needs_collapse(truth)
        own, context = self._scores(texts, sections)
        chars = [len(t) for t in texts]
        framing = framing_units(texts)
        rows = []
        for thr in sorted(set(self.threshold_grid)):
            for ev in sorted(set(self.evidence_grid)):
                pred = self._decide(
                    own, context, chars, threshold=thr, min_evidence=ev, framing=framing
                )[0]
                if collapse:
                    pred = collapse_non_livelihood(pred)
                rows.append(
                    {
                        "threshold": float(thr),
                        "min_evidence": float(ev),
                        "primary_accuracy": primary_accuracy(truth, pred),
                        "micro_f1": micro_f1(truth, pred),
                    }
                )
        best = sorted(
            rows,
            key=lambda r: (
                -r["primary_accuracy"],
                -r["micro_f1"],
                abs(r["min_evidence"] - s["min_evidence"]),
                abs(r["threshold"] - self.threshold_),
                r["min_evidence"],
                r["threshold"],
            ),
        )[0]
        self.threshold_ = best["threshold"]
        self.min_evidence_ = best["min_evidence"]
        self.cv_results_ = pd.DataFrame(rows)
        return self

    # --- scoring ------------------------------------------------------------------------------

    def _scores(self, texts: list[str], sections: list[str]) -> tuple[np.ndarray, np.ndarray]:
        own, context, _ = self._scores_counts(texts, sections)
        return own, context

    def _scores_counts(self, texts: list[str], sections: list[str]):
        tax = self.taxonomy_
        counts = term_counts([normalize(t) for t in texts], taxonomy=tax, normalized=True)
        own = np.asarray(counts @ tax.weight_matrix(), dtype=float).reshape(
            len(texts), len(tax.codes)
        )
        context = np.zeros_like(own)
        if self.heading_weight_ > 0 and any(sections):
            parent = tax.settings["parent_heading_factor"]
            uniq = sorted(set(sections))
            levels = {sec: [h for h in sec.split(_HEADING_SEP) if h.strip()] for sec in uniq}
            flat = sorted({h for hs in levels.values() for h in hs})
            h_scores = (
                dict(zip(flat, score_matrix(flat, taxonomy=tax), strict=True)) if flat else {}
            )
            by_section = {}
            for sec, hs in levels.items():
                vec = np.zeros(len(tax.codes))
                for depth, h in enumerate(hs):
                    factor = 1.0 if depth == len(hs) - 1 else parent
                    vec = vec + factor * h_scores[h]
                by_section[sec] = self.heading_weight_ * vec
            context = np.vstack([by_section[s] for s in sections]) if sections else context
        return own, context, counts

    def _decide(self, own, context, chars, *, threshold, min_evidence, framing=None):
        tax = self.taxonomy_
        codes = tax.codes
        s = tax.settings
        liv = np.array([codes.index(c) for c in tax.livelihood], dtype=int)
        nl_col = codes.index(NON_LIVELIHOOD) if tax.has_non_livelihood else None
        g_col = codes.index(GENERAL)
        n = own.shape[0]
        # A short unit (a heading, a slogan) is about what it names: less evidence is enough.
        short = np.asarray(chars) <= s["short_unit_chars"]
        required = np.where(short, min(s["short_min_evidence"], min_evidence), min_evidence)
        own_T = own[:, liv].sum(axis=1)
        own_N = own[:, nl_col] if nl_col is not None else np.zeros(n)
        own_G = own[:, g_col]
        # Headings only lean weak units; a unit with strong evidence of its own, livelihood or
        # not, keeps it.
        strong_other = (own_T == 0) & (np.maximum(own_N, own_G) >= required)
        use_context = (own_T < required) & ~strong_other
        # A heading describes, it does not decide: a unit that names livelihood fields of its
        # own takes from its heading only the fields it names itself (「积极培养医护人员」 under
        # a culture heading stays health); a unit without such evidence takes the heading's.
        own_liv = own[:, liv] > 0
        mask = np.ones_like(own, dtype=bool)
        mask[:, liv] = np.where(own_liv.any(axis=1)[:, None], own_liv, True)
        total = own + context * (use_context[:, None] & mask)
        L = total[:, liv]
        T = L.sum(axis=1)
        N = total[:, nl_col] if nl_col is not None else np.zeros(n)
        G = total[:, g_col]
        is_liv = (T >= required) & (T > N * s["non_livelihood_margin"])
        share = np.divide(L, T[:, None], out=np.zeros_like(L), where=T[:, None] > 0)
        # Ties are broken by taxonomy order (stable sort on -share).
        order = np.argsort(-share, axis=1, kind="stable")
        share_s = np.take_along_axis(share, order, axis=1)
        score_s = np.take_along_axis(L, order, axis=1)
        own_s = np.take_along_axis(own[:, liv], order, axis=1)
        labelled = (share_s > threshold) & (score_s >= s["min_label_score"])
        # A secondary label needs evidence of its own in the unit, not only in its heading.
        labelled[:, 1:] &= own_s[:, 1:] > 0
        fallback = NON_LIVELIHOOD if nl_col is not None else GENERAL
        # Not livelihood text: framing cues that outweigh the non-livelihood evidence make it
        # general; otherwise, and with no evidence at all, it is not livelihood policy.
        other = np.where(G > N, GENERAL, fallback)
        names = tax.livelihood
        agency, period = framing if framing is not None else (np.zeros(n, bool),) * 2
        out = []
        for i in range(n):
            if agency[i]:
                out.append([GENERAL])
            elif is_liv[i]:
                lab = [names[j] for j, ok in zip(order[i], labelled[i], strict=True) if ok]
                # Three or more labels, none with half the evidence: a list, not a field.
                if (len(lab) >= 3 and share_s[i, 0] < 0.5) or period[i]:
                    lab = []
                out.append(lab or [GENERAL])
            else:
                out.append([str(other[i])])
        return out, (order, share_s, T, N)

    def _check(self):
        check_is_fitted(self, "taxonomy_")

    # --- prediction ---------------------------------------------------------------------------

    def predict(self, X) -> list[list[str]]:
        """Ranked labels per unit: primary first, then secondary labels.

        Examples
        --------
        >>> LexiconClassifier().fit().predict(["加強食品藥品安全監管"])
        [['safety_governance']]
        """
        return self.classify(X)["labels"].str.split("|").tolist()

    def classify(self, X) -> pd.DataFrame:
        """``primary``, ``labels`` (``a|b``), ``scores`` and the deciding ``terms`` per unit.

        ``scores`` lists ``code:share`` for the livelihood domains with evidence (shares of the
        unit's livelihood evidence, headings included) and ``non_livelihood:share`` (its share
        of all evidence) when there is any. ``terms`` lists up to :data:`TERMS_SHOWN` matched
        terms that decided the primary domain, largest weight first, or ``(heading)`` when the
        unit's heading alone named it.

        Examples
        --------
        >>> LexiconClassifier().fit().classify(["发展居家养老服务"]).loc[0, "scores"]
        'elderly_care:1.000'
        """
        self._check()
        texts, sections = _texts_sections(X)
        if len(texts) <= CLASSIFY_BLOCK:
            return self._classify(texts, sections)
        # Units are coded one by one, so blocks give the same table; whole, the score arrays
        # (about ten of units × domains float64) held 0.9 GB at once on a 100 MB corpus.
        return pd.concat(
            [
                self._classify(texts[i : i + CLASSIFY_BLOCK], sections[i : i + CLASSIFY_BLOCK])
                for i in range(0, len(texts), CLASSIFY_BLOCK)
            ],
            ignore_index=True,
        )

    def _classify(self, texts: list[str], sections: list[str]) -> pd.DataFrame:
        own, context, counts = self._scores_counts(texts, sections)
        labels, (order, share_s, T, N) = self._decide(
            own,
            context,
            [len(t) for t in texts],
            threshold=self.threshold_,
            min_evidence=self.min_evidence_,
            framing=framing_units(texts),
        )
        names = self.taxonomy_.livelihood
        fmt: dict[float, str] = {}
        scores = []
        for i in range(len(texts)):
            parts = [
                f"{names[j]}:{fmt.setdefault(v, SCORE_FORMAT.format(v))}"
                for j, v in zip(order[i], share_s[i], strict=True)
                if v > 0
            ]
            if N[i] > 0:
                nl = N[i] / (N[i] + T[i])
                parts.append(f"{NON_LIVELIHOOD}:{SCORE_FORMAT.format(nl)}")
            scores.append("|".join(parts))
        return pd.DataFrame(
            {
                "primary": [lab[0] for lab in labels],
                "labels": ["|".join(lab) for lab in labels],
                "scores": scores,
                "terms": deciding_terms(
                    counts, [lab[0] for lab in labels], taxonomy=self.taxonomy_
                ),
            }
        )

    def score(self, X, y) -> float:
        """Primary-label accuracy (collapsing ``non_livelihood`` for labels without it).

        Examples
        --------
        >>> LexiconClassifier().fit().score(["发展居家养老服务"], ["elderly_care"])
        1.0
        """
        truth = [split_labels(v) for v in y]
        pred = self.predict(X)
        if _needs_collapse(truth):
            pred = collapse_non_livelihood(pred)
        return primary_accuracy(truth, pred)


__all__ = [
    "CLASSIFY_BLOCK",
    "DEFAULT_EVIDENCE_GRID",
    "DEFAULT_THRESHOLD_GRID",
    "SCORE_FORMAT",
    "LexiconClassifier",
    "TfidfDomainClassifier",
    "collapse_non_livelihood",
    "framing_units",
    "micro_f1",
    "primary_accuracy",
    "split_labels",
]
