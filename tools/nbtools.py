"""Helpers for writing the pipeline's notebooks from plain cell lists (developer tool).

Notebooks are stored without outputs; this keeps their JSON stable and diffs readable.

Usage: ``python tools/nbtools.py clear notebooks/*.ipynb`` strips outputs and execution counts.
"""

from __future__ import annotations

import sys

import nbformat


def build(
    cells: list[tuple[str, str]], *, parameters_index: int, stem: str = "cell"
) -> nbformat.NotebookNode:
    """Make a notebook from ``(kind, source)`` pairs; the cell at ``parameters_index`` is tagged."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    for i, (kind, source) in enumerate(cells):
        cell = (nbformat.v4.new_markdown_cell if kind == "md" else nbformat.v4.new_code_cell)(
            source.strip("\n")
        )
        cell["id"] = f"{stem}-{i:02d}"
        if i == parameters_index:
            cell.metadata["tags"] = ["parameters"]
        nb.cells.append(cell)
    return nb


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
