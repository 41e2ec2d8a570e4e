"""Priority profiles with the document as the unit: shares, uncertainty and robustness."""

from __future__ import annotations

from policystudy.priorities.composition import (
    composition_tables,
    composition_warnings,
    group_composition,
)
from policystudy.priorities.concentration import CONCENTRATION_COLUMNS, add_concentration
from policystudy.priorities.permutation import PAIRS, TEST_COLUMNS, group_order, permutation_tests
from policystudy.priorities.profiles import (
    COVERAGE_COLUMNS,
    DEFAULT_MIN_DOCUMENTS,
    DEFAULT_MIN_LIVELIHOOD_SHARE,
    DEFAULT_MIN_LIVELIHOOD_UNITS,
    POOLINGS,
    PROFILE_COLUMNS,
    WEIGHTS,
    caveats,
    counted_units,
    document_agreement,
    document_domains,
    domain_consensus,
    holm,
    is_thin,
    leave_one_document_out,
    livelihood_coverage,
    priority_profiles,
    ranked_priorities,
    robustness,
    thin_reasons,
)
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
    "leave_one_document_out",
    "livelihood_coverage",
    "over_time_tables",
    "permutation_tests",
    "priority_profiles",
    "priority_specifications",
    "ranked_priorities",
    "robustness",
    "shares_over_time",
    "specification_agreement",
    "specification_table",
    "thin_reasons",
    "trends",
]
