"""The public API: cheap to import, every name resolves, estimators clone. That it works from an
installed copy of the package outside the checkout is tests/test_installed_run.py."""

import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sklearn.base import BaseEstimator, clone

import policystudy

HEAVY = ("pandas", "numpy", "sklearn", "jieba", "matplotlib", "scipy")


def test_import_is_cheap():
    # Every notebook kernel imports the package; the analyses load only when used.
    code = f"import sys, policystudy; print([m for m in {HEAVY!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("name", sorted(set(policystudy.__all__) - {"__version__"}))
def test_every_public_name_resolves_and_is_documented(name):
    obj = getattr(policystudy, name)
    assert name in dir(policystudy)
    assert inspect.getdoc(obj), f"policystudy.{name} has no docstring"


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="has no attribute 'keyness'"):
        policystudy.keyness  # noqa: B018


def _estimators():
    names = sorted(n for n in policystudy.__all__ if n != "__version__")
    objs = [getattr(policystudy, n) for n in names]
    return [o for o in objs if inspect.isclass(o) and hasattr(o, "fit")]


@pytest.mark.parametrize("cls", _estimators(), ids=lambda c: c.__name__)
def test_every_public_estimator_clones(cls):
    assert issubclass(cls, BaseEstimator)
    est = cls()
    copy = clone(est)
    assert type(copy) is cls and copy is not est
    assert copy.get_params() == est.get_params()
    assert not [k for k in vars(copy) if k.endswith("_") and not k.startswith("_")]


def test_at_least_the_known_estimators_are_public():
    assert {"TfidfSpace", "LexiconClassifier", "TfidfDomainClassifier"} <= {
        c.__name__ for c in _estimators()
    }


def test_tfidf_space_clone_keeps_params_and_drops_the_fit():
    space = policystudy.TfidfSpace(stopwords=("推进",), min_chars=1).fit(["推进 公办园 建设"])
    copy = clone(space)
    assert copy.get_params() == {"stopwords": ("推进",), "min_chars": 1}
    assert hasattr(space, "terms_") and not hasattr(copy, "terms_")
    assert copy.fit(["推进 公办园 建设"]).terms_.tolist() == space.terms_.tolist()


def _api_table() -> set[str]:
    """The names in the "Public API" table of docs/architecture.md."""
    text = (Path(__file__).resolve().parents[1] / "docs" / "architecture.md").read_text("utf-8")
    section = text.split("## Public API", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[2] for line in section.splitlines() if line.startswith("| ")]
    return {name for row in rows for name in re.findall(r"`([A-Za-z_]\w*)`", row)}


def test_the_architecture_docs_list_exactly_the_public_api():
    documented, public = _api_table(), set(policystudy.__all__) - {"__version__"}
    assert not documented - public, (
        f"docs/architecture.md lists names not in __all__: {sorted(documented - public)}"
    )
    assert not public - documented, (
        f"__all__ names missing from docs/architecture.md: {sorted(public - documented)}"
    )


def test_the_package_docstring_names_only_public_names():
    named = set(re.findall(r":(?:func|class):`(\w+)`", policystudy.__doc__ or ""))
    assert named and not named - set(policystudy.__all__), sorted(named - set(policystudy.__all__))


def test_all_lists_exactly_the_lazy_exports():
    assert sorted(policystudy.__all__) == sorted(["__version__", *policystudy._EXPORTS])
