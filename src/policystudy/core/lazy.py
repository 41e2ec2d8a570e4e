"""Packages whose public names are imported on first use (PEP 562).

A package ``__init__`` lists its names under ``if TYPE_CHECKING:`` (so type checkers, IDEs and
the import graph of :mod:`policystudy.workflow.code_key` see them) and ends with::

    __getattr__, __dir__ = lazy.exports(globals())

``from policystudy.domains import Taxonomy`` then imports ``policystudy.domains.taxonomy``
alone, not the classifiers beside it that import scikit-learn: a notebook kernel that only
reads tables starts about 2 s of CPU faster. A submodule not yet imported is an attribute too
(``domains.units``), as with an eager ``__init__``.
"""

from __future__ import annotations

import ast
import importlib
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any


def names(init_file: str | Path, package: str) -> dict[str, str]:
    """Each name imported under ``if TYPE_CHECKING:`` in ``init_file`` -> its module.

    Examples
    --------
    >>> from policystudy import domains
    >>> names(domains.__file__, "policystudy.domains")["Taxonomy"]
    'policystudy.domains.taxonomy'
    """
    tree = ast.parse(Path(init_file).read_text(encoding="utf-8"))
    found = {}
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for stmt in node.body:
                if isinstance(stmt, ast.ImportFrom):
                    module = f"{package}.{stmt.module}" if stmt.level else stmt.module
                    found.update({a.asname or a.name: str(module) for a in stmt.names})
    return found


def exports(
    namespace: dict[str, Any],
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for the package whose globals are ``namespace``."""
    package = namespace["__name__"]
    table = names(namespace["__file__"], package)

    def __getattr__(name: str) -> Any:
        module = table.get(name)
        if module is None:
            if name.startswith("__"):
                raise AttributeError(f"module {package!r} has no attribute {name!r}")
            try:  # a submodule: ``domains.units``
                return importlib.import_module(f"{package}.{name}")
            except ModuleNotFoundError as err:
                if err.name != f"{package}.{name}":
                    raise
                raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value  # later look-ups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *table})

    class LazyPackage(types.ModuleType):
        # Importing a submodule sets it as an attribute of its package; where a public name
        # is also a submodule's (priorities.robustness, the function, from the module of that
        # name) the name wins, as after an eager ``from .robustness import robustness``.
        def __setattr__(self, name: str, value: Any) -> None:
            if name in table and getattr(value, "__name__", None) == f"{package}.{name}":
                return
            super().__setattr__(name, value)

    sys.modules[package].__class__ = LazyPackage
    return __getattr__, __dir__
