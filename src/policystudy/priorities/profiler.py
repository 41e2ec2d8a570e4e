"""The priority analysis as one estimator: :class:`PriorityProfiler`.

Notebook 03 used to pass the same grouping, taxonomy, parts, weighting and pooling to six
functions; the estimator holds them once (scikit-learn style: the constructor stores the
parameters, :meth:`PriorityProfiler.fit` learns the tables, fitted attributes end in ``_``,
``sklearn.base.clone`` works) and calls the functions of this package, so its tables are
theirs, number for number.

Examples
--------
>>> s = pd.DataFrame({"doc_id": ["a", "a", "a", "b", "b"], "region": ["辽宁"] * 3 + ["吉林"] * 2,
...     "part": "policy", "sentence_id": ["a-s1", "a-s2", "a-s3", "b-s1", "b-s2"],
...     "chars": [40, 30, 20, 50, 10],
...     "primary": ["social_assistance", "elderly_care", "non_livelihood", "housing", "health"],
...     "duplicate_of": ""})
>>> p = PriorityProfiler(min_livelihood_units=0).fit(s)
>>> p.ranking_[["group", "rank", "domain"]].values.tolist()
[['吉林', 1, 'housing'], ['吉林', 2, 'health'], ['辽宁', 1, 'social_assistance'], ['辽宁', 2, 'elderly_care']]
>>> from sklearn.base import clone
>>> clone(p).get_params()["min_livelihood_units"]
0
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from sklearn.base import BaseEstimator

from policystudy.core import defaults
from policystudy.domains import Taxonomy, as_taxonomy
from policystudy.priorities.agreement import document_agreement, domain_consensus
from policystudy.priorities.caveats import caveats
from policystudy.priorities.concentration import add_concentration
from policystudy.priorities.permutation import permutation_tests
from policystudy.priorities.profiles import document_domains, priority_profiles, ranked_priorities
from policystudy.priorities.robustness import leave_one_document_out, robustness
from policystudy.priorities.sensitivity import flag_sensitivity

# The table each fitted attribute is written to (notebook 03).
TABLES = {
    "documents_": "priority_documents",
    "profiles_": "priorities",
    "ranking_": "priority_ranking",
    "tests_": "priority_tests",
    "robustness_": "priority_robustness",
    "lodo_": "priority_lodo",
    "agreement_": "priority_agreement",
    "consensus_": "priority_consensus",
}


def _parts(use_parts: str | Sequence[str]) -> tuple[str, ...]:
    # The schema spells the parts as one comma-separated string; the functions take a sequence.
    if isinstance(use_parts, str):
        return tuple(p.strip() for p in use_parts.split(",") if p.strip())
    return tuple(use_parts)


class PriorityProfiler(BaseEstimator):
    """Document and group livelihood profiles with their tests, robustness and agreement.

    The parameters have the names and defaults of the schema
    (:data:`policystudy.workflow.params.SCHEMA`), so :meth:`from_params` builds the estimator
    from a run's parameters in one call.

    Parameters
    ----------
    group_by : str, keyword-only
        The group column of the coded table.
    taxonomy : Taxonomy, path or None, keyword-only
        ``None`` or ``""`` = the packaged taxonomy.
    pooling : {"documents", "chars"}, keyword-only
        Group profiles: the mean of the documents' profiles, or pooled characters.
    weight : {"chars", "sentences", "units", "paragraphs"}, keyword-only
    use_parts : str or sequence of str, keyword-only
        The parts analysed (a comma-separated string as in the schema, or a sequence).
    min_documents : int, keyword-only
        Groups with at least this many documents get bootstrap intervals and permutation tests.
    n_bootstrap, random_state : int, keyword-only
    min_livelihood_share, min_livelihood_units : keyword-only
        Thin livelihood text (:func:`~policystudy.priorities.coverage.livelihood_coverage`).
    test_pairs : {"all", "neighbours"}, keyword-only
    group_order : str or sequence, keyword-only
        Order of the groups for neighbour comparisons; ``""`` = by value.
    n_permutations : int or None, keyword-only
        Label permutations per test; ``None`` = ``max(2 * n_bootstrap, 999)``.
    top : int, keyword-only
        Domains per group in :attr:`ranking_`.

    Attributes
    ----------
    taxonomy_ : Taxonomy
    documents_ : pandas.DataFrame
        :func:`~policystudy.priorities.profiles.document_domains`.
    profiles_ : pandas.DataFrame
        :func:`~policystudy.priorities.profiles.priority_profiles` with
        :func:`~policystudy.priorities.concentration.add_concentration`'s columns.
    ranking_ : pandas.DataFrame
        :func:`~policystudy.priorities.profiles.ranked_priorities`.
    tests_ : pandas.DataFrame
        :func:`~policystudy.priorities.permutation.permutation_tests`.
    robustness_, lodo_ : pandas.DataFrame
        :func:`~policystudy.priorities.robustness.robustness` and
        :func:`~policystudy.priorities.robustness.leave_one_document_out`.
    agreement_, consensus_ : pandas.DataFrame
        :func:`~policystudy.priorities.agreement.document_agreement` and
        :func:`~policystudy.priorities.agreement.domain_consensus`.
    """

    def __init__(
        self,
        *,
        group_by: str = defaults.GROUP_BY,
        taxonomy: Taxonomy | Path | str | None = None,
        pooling: str = defaults.POOLING,
        weight: str = defaults.WEIGHT,
        use_parts: str | Sequence[str] = defaults.USE_PARTS,
        min_documents: int = defaults.MIN_DOCUMENTS,
        n_bootstrap: int = defaults.N_BOOTSTRAP,
        random_state: int = defaults.RANDOM_STATE,
        min_livelihood_share: float = defaults.MIN_LIVELIHOOD_SHARE,
        min_livelihood_units: int = defaults.MIN_LIVELIHOOD_UNITS,
        test_pairs: str = defaults.TEST_PAIRS,
        group_order: str | Sequence[str] = "",
        n_permutations: int | None = None,
        top: int = 3,
    ):
        self.group_by = group_by
        self.taxonomy = taxonomy
        self.pooling = pooling
        self.weight = weight
        self.use_parts = use_parts
        self.min_documents = min_documents
        self.n_bootstrap = n_bootstrap
        self.random_state = random_state
        self.min_livelihood_share = min_livelihood_share
        self.min_livelihood_units = min_livelihood_units
        self.test_pairs = test_pairs
        self.group_order = group_order
        self.n_permutations = n_permutations
        self.top = top

    @classmethod
    def from_params(cls, params: Mapping[str, Any], **overrides: Any) -> PriorityProfiler:
        """The estimator with every parameter ``params`` (a run's parameters) has a value for.

        Examples
        --------
        >>> p = PriorityProfiler.from_params({"group_by": "省份", "top_k": 20, "taxonomy": ""},
        ...                                  taxonomy=None)
        >>> p.group_by, p.taxonomy
        ('省份', None)
        """
        names = cls._get_param_names()
        return cls(**{**{k: v for k, v in params.items() if k in names}, **overrides})

    def _common(self) -> dict[str, Any]:
        return {
            "group_by": self.group_by,
            "taxonomy": self.taxonomy_ if hasattr(self, "taxonomy_") else self._taxonomy(),
            "use_parts": _parts(self.use_parts),
            "weight": self.weight,
        }

    def _thin(self) -> dict[str, Any]:
        return {"min_share": self.min_livelihood_share, "min_units": self.min_livelihood_units}

    def _taxonomy(self) -> Taxonomy:
        return as_taxonomy(self.taxonomy or None)

    def fit(self, X: pd.DataFrame, y: None = None) -> PriorityProfiler:
        """Learn every table from the coded sentences ``X``.

        Parameters
        ----------
        X : pandas.DataFrame
            :func:`policystudy.domains.sentence_domains` output (``doc_id``, the group column,
            ``part``, ``chars``, ``primary``, ``duplicate_of``, ``sentence_id``).
        """
        self.taxonomy_ = self._taxonomy()
        kw = self._common()
        self.documents_ = document_domains(X, **kw, **self._thin())
        profiles = priority_profiles(
            X,
            **kw,
            pooling=self.pooling,
            min_documents=self.min_documents,
            n_bootstrap=self.n_bootstrap,
            random_state=self.random_state,
            **self._thin(),
        )
        # Which documents each profile rests on (documents carrying a domain, the top one's share).
        self.profiles_ = add_concentration(profiles, X, **kw)
        self.ranking_ = ranked_priorities(self.profiles_, top=self.top)
        n_permutations = self.n_permutations
        if n_permutations is None:
            n_permutations = max(2 * self.n_bootstrap, 999)
        self.tests_ = permutation_tests(
            X,
            **kw,
            pooling=self.pooling,
            min_documents=self.min_documents,
            n_permutations=n_permutations,
            pairs=self.test_pairs,
            order=self.group_order or None,
            random_state=self.random_state,
        )
        self.robustness_ = robustness(X, **kw, pooling=self.pooling)
        self.lodo_ = leave_one_document_out(X, **kw, pooling=self.pooling)
        self.agreement_ = document_agreement(self.documents_)
        self.consensus_ = domain_consensus(self.documents_, codes=self.taxonomy_.livelihood)
        return self

    def tables(self) -> dict[str, pd.DataFrame]:
        """The fitted tables by the name they are written under (``priority_documents`` …)."""
        return {name: getattr(self, attr) for attr, name in TABLES.items()}

    def caveats(self, X: pd.DataFrame, overview: pd.DataFrame) -> pd.DataFrame:
        """:func:`~policystudy.priorities.caveats.caveats` of ``X`` with these parameters."""
        kw = self._common()
        kw.pop("weight")
        return caveats(
            X,
            overview,
            **kw,
            min_documents=self.min_documents,
            pooling=self.pooling,
            **self._thin(),
        )

    def flag_sensitivity(self, X: pd.DataFrame, flagged: Sequence[str]) -> pd.DataFrame:
        """:func:`~policystudy.priorities.sensitivity.flag_sensitivity` with these parameters."""
        return flag_sensitivity(X, flagged=flagged, **self._common(), pooling=self.pooling,
                                **self._thin())  # fmt: skip
