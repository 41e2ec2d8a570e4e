"""Priority profiles with the document as the unit: shares, uncertainty and robustness.

:class:`PriorityProfiler` (scikit-learn style) runs the analysis with one set of parameters;
the functions it calls are here too, one module a job: ``profiles`` (document and group
profiles), ``coverage`` (thin livelihood text), ``permutation`` (tests, Holm), ``robustness``
(fewest sentences, leave-one-document-out), ``agreement`` (Kendall's tau, consensus),
``caveats``, ``concentration``, ``sensitivity`` (flagged documents), ``specification``,
``time`` and ``composition``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policystudy.core import lazy

if TYPE_CHECKING:  # imported on first use (policystudy.core.lazy)
    from policystudy.priorities.agreement import document_agreement, domain_consensus, kendall_tau_b
    from policystudy.priorities.caveats import caveats
    from policystudy.priorities.composition import (
        composition_tables,
        composition_warnings,
        group_composition,
    )
    from policystudy.priorities.concentration import CONCENTRATION_COLUMNS, add_concentration
    from policystudy.priorities.coverage import (
        COVERAGE_COLUMNS,
        is_thin,
        livelihood_coverage,
        thin_reasons,
    )
    from policystudy.priorities.matrix import POOLINGS, WEIGHTS, counted_units
    from policystudy.priorities.permutation import (
        PAIRS,
        TEST_COLUMNS,
        group_order,
        holm,
        permutation_tests,
    )
    from policystudy.priorities.profiler import PriorityProfiler
    from policystudy.priorities.profiles import (
        DEFAULT_MIN_DOCUMENTS,
        DEFAULT_MIN_LIVELIHOOD_SHARE,
        DEFAULT_MIN_LIVELIHOOD_UNITS,
        PROFILE_COLUMNS,
        document_domains,
        priority_profiles,
        ranked_priorities,
        share_of,
    )
    from policystudy.priorities.robustness import leave_one_document_out, robustness
    from policystudy.priorities.sensitivity import flag_sensitivity
    from policystudy.priorities.specification import (
        priority_specifications,
        specification_agreement,
        specification_table,
    )
    from policystudy.priorities.time import over_time_tables, shares_over_time, trends

__all__ = [
    "CONCENTRATION_COLUMNS",
    "COVERAGE_COLUMNS",
    "DEFAULT_MIN_DOCUMENTS",
    "DEFAULT_MIN_LIVELIHOOD_SHARE",
    "DEFAULT_MIN_LIVELIHOOD_UNITS",
    "PAIRS",
    "POOLINGS",
    "PROFILE_COLUMNS",
    "TEST_COLUMNS",
    "WEIGHTS",
    "PriorityProfiler",
    "add_concentration",
    "caveats",
    "composition_tables",
    "composition_warnings",
    "counted_units",
    "document_agreement",
    "document_domains",
    "domain_consensus",
    "flag_sensitivity",
    "group_composition",
    "group_order",
    "holm",
    "is_thin",
    "kendall_tau_b",
    "leave_one_document_out",
    "livelihood_coverage",
    "over_time_tables",
    "permutation_tests",
    "priority_profiles",
    "priority_specifications",
    "ranked_priorities",
    "robustness",
    "share_of",
    "shares_over_time",
    "specification_agreement",
    "specification_table",
    "thin_reasons",
    "trends",
]

__getattr__, __dir__ = lazy.exports(globals())
