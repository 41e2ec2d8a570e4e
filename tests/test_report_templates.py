"""The report's prose templates: shipped with the package, strict about missing values, and
never escaping what Python already escaped."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from importlib import resources
from pathlib import Path

import jinja2
import pytest

from policystudy.core.markdown import md_text
from policystudy.report import templates

ROOT = Path(__file__).resolve().parents[1]
FOLDER = resources.files("policystudy.report") / templates.FOLDER


def _template_names() -> list[str]:
    return sorted(p.name for p in FOLDER.iterdir() if p.name.endswith(".j2"))


def test_every_template_is_package_data_and_compiles():
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["package-data"]["policystudy"]
    names = _template_names()
    assert names, "no templates found"
    for name in names:
        assert any(fnmatch(f"report/templates/{name}", g) for g in globs), name
        templates.environment().get_template(name)  # a syntax error fails here


def test_a_missing_value_fails_instead_of_printing_nothing():
    with pytest.raises(jinja2.UndefinedError):
        templates.render("findings.md.j2")
    with pytest.raises(jinja2.UndefinedError):
        templates.macros("difference.md.j2").tested("3")  # `survive` not given


def test_values_are_put_in_as_given_escaped_by_python_only():
    say = templates.macros("difference.md.j2")
    escaped = md_text("<b>A*</b>")
    line = say.similarity_two(escaped, "B & C", "[0.50](x.csv)")
    # Jinja2 adds no HTML escaping of its own: "&" stays "&", the link stays a link.
    assert (
        line
        == f"- Vocabulary (TF-IDF cosine) of the two groups, {escaped} and B & C: [0.50](x.csv)."
    )


def test_a_macro_is_one_line_and_a_macro_file_renders_nothing():
    for name in _template_names():
        if name == "findings.md.j2":
            continue
        assert templates.render(name) == "", name
    assert "\n" not in templates.macros("priorities.md.j2").no_flags()
