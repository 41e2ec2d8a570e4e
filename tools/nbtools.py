"""Strip outputs from notebooks before committing them (developer tool).

Notebooks are stored without outputs; this keeps their JSON stable and diffs readable. The
parameters cells are written by ``tools/sync_params.py``; every other cell is edited in the
notebook itself.

Usage: ``python tools/nbtools.py clear src/policystudy/notebooks/*.ipynb docs/tutorial.ipynb``
strips outputs and execution counts.
"""

from __future__ import annotations

import sys

import nbformat


def clear(path: str) -> None:
    """Strip outputs and execution counts in place."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
    nb.metadata.pop("papermill", None)
    nbformat.write(nb, path)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "clear":
        for p in sys.argv[2:]:
            clear(p)
    else:
        sys.exit("usage: python tools/nbtools.py clear NOTEBOOK...")
