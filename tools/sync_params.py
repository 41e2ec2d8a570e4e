"""Write params.yaml and every notebook's parameters cell from the schema (developer tool).

``policystudy.workflow.params.SCHEMA`` is the one declaration of the parameters; this writes the
two copies generated from it: ``params.yaml`` at the repository root and the tagged
``parameters`` cell of each ``src/policystudy/notebooks/NN_*.ipynb`` (nothing else in a
notebook is touched), and the default column of every parameter table in ``docs/*.md`` and
``README.md`` (a table whose header starts ``| parameter | default |``). ``tests/test_params.py`` fails when they disagree with the schema.

Usage: ``.venv/bin/python tools/sync_params.py`` after adding or changing a parameter;
``--check`` only reports what would change (exit 1).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from policystudy.workflow import params, pipeline

ROOT = Path(__file__).resolve().parent.parent


def parameters_cell(book: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    cells = [c for c in book.cells if "parameters" in c.metadata.get("tags", [])]
    if len(cells) != 1:
        raise SystemExit(f"{name}: expected one cell tagged 'parameters', found {len(cells)}")
    return cells[0]


def main(check: bool = False) -> int:
    stale = []
    yaml_path = ROOT / "params.yaml"
    text = params.render_params_yaml()
    if yaml_path.read_text(encoding="utf-8") != text:
        stale.append(yaml_path)
        if not check:
            yaml_path.write_text(text, encoding="utf-8")
    for path in pipeline.notebook_files(ROOT / "src" / "policystudy" / "notebooks"):
        book = nbformat.read(path, as_version=4)
        cell = parameters_cell(book, path.name)
        source = params.render_parameters_cell(path.stem)
        if cell.source != source:
            stale.append(path)
            if not check:
                cell.source = source
                nbformat.write(book, path)
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        doc = path.read_text(encoding="utf-8")
        synced = params.render_doc_defaults(doc)
        if synced != doc:
            stale.append(path)
            if not check:
                path.write_text(synced, encoding="utf-8")
    for path in stale:
        print(f"{'stale' if check else 'wrote'}: {path.relative_to(ROOT)}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(check="--check" in sys.argv[1:]))
