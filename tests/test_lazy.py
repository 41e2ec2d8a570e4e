"""Subpackages that import their public names on first use (policystudy.core.lazy), and the
notebook kernels that therefore start without scikit-learn."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from policystudy.core import lazy
from policystudy.workflow import paths

LAZY = ("policystudy.domains", "policystudy.priorities", "policystudy.targets")


@pytest.mark.parametrize("package", LAZY)
def test_every_public_name_resolves_to_its_modules_object(package):
    import importlib

    module = importlib.import_module(package)
    table = lazy.names(module.__file__, package)
    assert set(table) == set(module.__all__)
    for name, source in table.items():
        assert getattr(module, name) is getattr(importlib.import_module(source), name), name
    assert set(module.__all__) <= set(dir(module))
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        module.no_such_name  # noqa: B018


def test_a_name_shared_with_its_submodule_stays_the_function(monkeypatch):
    # priorities.robustness is the function of the module priorities.robustness, as after an
    # eager ``from .robustness import robustness``, even when the submodule is imported after
    # the name was read: the import system then sets the module on its package, as here.
    import policystudy.priorities.robustness
    from policystudy import priorities as pr

    module = sys.modules["policystudy.priorities.robustness"]
    function = module.robustness
    monkeypatch.delitem(vars(pr), "robustness", raising=False)
    setattr(pr, "robustness", module)  # noqa: B010
    assert pr.robustness is function
    assert policystudy.priorities.robustness is function
    with pytest.raises(AttributeError, match="no attribute 'units'"):
        pr.units  # noqa: B018


def _imports(notebook: str) -> list[str]:
    nb = json.loads((paths.NOTEBOOKS / notebook).read_text(encoding="utf-8"))
    source = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    return [ln for ln in source.splitlines() if re.match(r"(import |from \S+ import )", ln)]


def test_kernels_that_need_no_model_start_without_scikit_learn():
    """Notebooks 00, 01 and 05 import neither scikit-learn nor scipy.stats: about 2 s of CPU
    less in each of their kernels, in every run."""
    lines = [
        ln for nb in ("00_corpus", "01_keywords", "05_findings") for ln in _imports(f"{nb}.ipynb")
    ]
    assert any("policystudy.report import findings" in ln for ln in lines)
    code = "\n".join(
        [*lines, "import sys", "print([m for m in ('sklearn', 'scipy.stats') if m in sys.modules])"]
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
