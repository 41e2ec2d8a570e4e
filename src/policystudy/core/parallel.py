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

import itertools
import multiprocessing as mp
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

__all__ = ["available_cpus", "map_slices", "pool_context", "resolve_jobs"]


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


def map_slices(fn: Callable[..., Any], frame: Any, workers: int, *args: Any) -> list[Any]:
    """``fn(slice, *args)`` for consecutive row slices of ``frame``, in ``workers`` processes.

    Four slices per worker, so one slow slice does not leave the others idle; the results
    come back in the slices' order, so row-wise work concatenates to the serial result.
    ``fn`` must be a module-level function (workers import it).
    """
    n = len(frame)
    bounds = [n * i // (4 * workers) for i in range(4 * workers + 1)]
    slices = [frame.iloc[a:b] for a, b in itertools.pairwise(bounds) if b > a]
    with ProcessPoolExecutor(workers, mp_context=pool_context()) as pool:
        return list(pool.map(fn, slices, *(itertools.repeat(a) for a in args)))
