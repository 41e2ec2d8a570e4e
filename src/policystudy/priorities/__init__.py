"""Priority profiles with the document as the unit: shares, uncertainty and robustness."""

from __future__ import annotations

from policystudy.priorities.profiles import (
    DEFAULT_MIN_DOCUMENTS,
    POOLINGS,
    PROFILE_COLUMNS,
    WEIGHTS,
    caveats,
    counted_units,
    document_agreement,
    document_domains,
    domain_consensus,
    holm,
    leave_one_document_out,
    permutation_tests,
    priority_profiles,
    ranked_priorities,
    robustness,
)

__all__ = [
    "DEFAULT_MIN_DOCUMENTS",
    "POOLINGS",
    "PROFILE_COLUMNS",
    "WEIGHTS",
    "caveats",
    "counted_units",
    "document_agreement",
    "document_domains",
    "domain_consensus",
    "holm",
    "leave_one_document_out",
    "permutation_tests",
    "priority_profiles",
    "ranked_priorities",
    "robustness",
]
