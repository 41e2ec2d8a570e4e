"""Priority profiles: each group's share of text per livelihood domain, and their uncertainty."""

from __future__ import annotations

from policystudy.priorities.profiles import (
    PROFILE_COLUMNS,
    WEIGHTS,
    caveats,
    contribution_matrix,
    holm,
    permutation_test,
    priority_profiles,
    ranked_priorities,
    sensitivity_table,
    standalone_profiles,
    surviving_differences,
)

__all__ = [
    "PROFILE_COLUMNS",
    "WEIGHTS",
    "caveats",
    "contribution_matrix",
    "holm",
    "permutation_test",
    "priority_profiles",
    "ranked_priorities",
    "sensitivity_table",
    "standalone_profiles",
    "surviving_differences",
]
