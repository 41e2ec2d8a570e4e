"""Worker counts and the process-pool context shared by segmentation and the pipeline.

Workers start with ``forkserver`` (``spawn`` where it is missing), never ``fork``: a notebook
kernel, a Dask client or papermill holds threads, and forking them can deadlock.

Loading and cleaning stay serial: a pool was measured slower there (sending documents and
paragraph rows between processes costs more than the work).

Examples
--------
>>> resolve_jobs(0) == available_cpus()
True
"""

from __future__ import annotations

import multiprocessing as mp
import os
from typing import Any

__all__ = ["available_cpus", "pool_context", "resolve_jobs"]


def available_cpus() -> int:
    """CPU cores this process may use (the affinity mask, not the machine's total).

    Examples
    --------
    >>> available_cpus() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def resolve_jobs(n_jobs: int) -> int:
    """Worker count: ``0`` means one per available core.

    Examples
    --------
    >>> resolve_jobs(3)
    3
    """
    if n_jobs < 0:
        raise ValueError(f"n_jobs must be >= 0, got {n_jobs}")
    return n_jobs or available_cpus()


def pool_context() -> Any:
    """The multiprocessing context of every pool: forkserver, else spawn."""
    methods = mp.get_all_start_methods()
    return mp.get_context("forkserver" if "forkserver" in methods else "spawn")
