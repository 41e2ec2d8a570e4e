"""The library code a notebook runs: the part of a notebook's reuse key that is code.

A notebook's key hashes the package modules it imports, followed through the package's
import graph (read with :mod:`ast`, never by importing), and the packaged data files. So an
edit to ``topics`` re-executes 02_topics but reuses 04_targets.

The graph is conservative: every import statement counts wherever it stands (inside a
function too), importing ``a.b.c`` runs the ``__init__`` of ``a`` and ``a.b``, a string
naming a package module counts as an import (``importlib.import_module``), and a notebook
that uses the lazy top-level API (``import policystudy``) depends on every module of it.
Only imports under ``if TYPE_CHECKING:`` are skipped: they never run, except in a subpackage's
``__init__``, where they name what it imports on first use (:mod:`policystudy.core.lazy`).

Examples
--------
>>> mods = notebook_modules(PACKAGE_DIR / "notebooks" / "02_topics.ipynb")
>>> "policystudy.topics.nmf" in mods, "policystudy.targets.coding" in mods
(True, False)
"""

from __future__ import annotations

import ast
import hashlib
import json
from functools import cache
from pathlib import Path

from policystudy.workflow import paths

PACKAGE = "policystudy"
PACKAGE_DIR = paths.PACKAGE_DIR


def module_files() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its ``__init__.py``)."""
    files = {}
    for f in sorted(PACKAGE_DIR.rglob("*.py")):
        if "__pycache__" in f.parts:
            continue
        parts = f.relative_to(PACKAGE_DIR).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        files[".".join((PACKAGE, *parts))] = f
    return files


def _imports(tree: ast.AST, module: str, is_package: bool, known: dict[str, Path]) -> set[str]:
    """The package modules one module's source names, before following them."""
    found: set[str] = set()
    base = module if is_package else module.rpartition(".")[0]

    def visit(node: ast.AST) -> None:
        if (
            isinstance(node, ast.If)
            and "TYPE_CHECKING" in ast.unparse(node.test)
            and not (is_package and module != PACKAGE)
        ):
            for branch in node.orelse:
                visit(branch)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                head = base.rsplit(".", node.level - 1)[0] if node.level > 1 else base
                source = f"{head}.{node.module}" if node.module else head
            else:
                source = node.module or ""
            found.add(source)
            # ``from policystudy import topics`` imports the module policystudy.topics
            found.update(f"{source}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value in known and module != PACKAGE:
                found.add(node.value)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {m for m in found if m in known}


def _graph() -> dict[str, frozenset[str]]:
    known = module_files()
    return _parse(tuple((n, p, p.stat().st_mtime_ns, p.stat().st_size) for n, p in known.items()))


@cache
def _parse(stamp: tuple) -> dict[str, frozenset[str]]:
    # keyed by path, mtime and size: an edited module is parsed again in a long session
    known = {name: path for name, path, _, _ in stamp}
    graph = {}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[name] = frozenset(_imports(tree, name, path.name == "__init__.py", known))
    return graph


def _with_parents(names: set[str]) -> set[str]:
    out: set[str] = set()
    for name in names:
        parts = name.split(".")
        out.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return out


def _lazy_api() -> set[str]:
    """The modules behind ``policystudy.<name>`` (the lazy ``_EXPORTS`` of the package)."""
    tree = ast.parse((PACKAGE_DIR / "__init__.py").read_text(encoding="utf-8"))
    return {
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value in module_files()
    }


def notebook_modules(notebook: Path | str) -> list[str]:
    """The package modules a notebook runs, directly or through others, sorted."""
    known = module_files()
    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    source = "\n".join(
        "".join(c["source"]) for c in nb.get("cells", []) if c.get("cell_type") == "code"
    )
    # IPython lines (%magic, !shell) are not Python: blank them, keep the imports around them.
    lines = ["" if ln.lstrip().startswith(("%", "!")) else ln for ln in source.splitlines()]
    tree = ast.parse("\n".join(lines))
    todo = _with_parents(_imports(tree, "__notebook__", False, known))
    if any(isinstance(n, ast.Import) and PACKAGE in {a.name for a in n.names}
           for n in ast.walk(tree)):  # fmt: skip
        todo |= _with_parents(_lazy_api())
    graph = _graph()
    seen: set[str] = set()
    stack = sorted(todo)
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        stack.extend(_with_parents(set(graph[name])) - seen)
    return sorted(seen)


def code_digest(notebook: Path | str | None = None) -> str:
    """Hash of the code a notebook runs and of the packaged data files.

    Without ``notebook``, of every file of the package (the site, which renders every
    table). The packaged data (taxonomies, lexicons, templates: every file that is not
    Python or a notebook) counts whole: modules read it by path, which the import graph
    cannot see.

    Examples
    --------
    >>> nb = PACKAGE_DIR / "notebooks" / "01_keywords.ipynb"
    >>> code_digest(nb) == code_digest(nb) != code_digest()
    True
    """
    files = [f for f in PACKAGE_DIR.rglob("*") if f.is_file() and "__pycache__" not in f.parts]
    if notebook is not None:
        modules = module_files()
        chosen = {modules[m] for m in notebook_modules(notebook)}
        files = [f for f in files if f in chosen or f.suffix not in (".py", ".ipynb")]
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(f.relative_to(PACKAGE_DIR).as_posix().encode())
        h.update(f.read_bytes())
    return h.hexdigest()
