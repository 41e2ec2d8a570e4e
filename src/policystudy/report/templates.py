"""The report's prose: Jinja2 templates shipped with the package (``report/templates/*.md.j2``).

Python computes every number and formats it (:mod:`policystudy.report.fmt`), escapes every user
value (:mod:`policystudy.core.markdown`) and links it to its rows
(:func:`policystudy.report.links.cite`); a template only puts the sentences around them. The
environment therefore escapes nothing itself (the output is Markdown, not HTML: HTML escaping
would garble it), and a variable a template names but is not given fails at once
(``StrictUndefined``) instead of printing an empty string.

A section's sentences are macros, called from Python like functions, so the loops and caps
stay testable on small frames:

Examples
--------
>>> macros("difference.md.j2").one_group()
'- There is only one group: nothing to compare.'
>>> render("difference.md.j2")
''
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2

FOLDER = "templates"


@functools.cache
def environment() -> jinja2.Environment:
    """The one environment: templates from the package, no escaping, undefined is an error.

    ``trim_blocks`` and ``lstrip_blocks`` let a template put each tag on a line of its own
    without that line reaching the report; ``keep_trailing_newline`` keeps a file's last newline.
    """
    return jinja2.Environment(
        loader=jinja2.PackageLoader("policystudy.report", FOLDER),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )


def render(name: str, **values: Any) -> str:
    """The template ``name`` rendered with ``values`` (numbers formatted, user text escaped)."""
    return environment().get_template(name).render(**values)


def macros(name: str) -> Any:
    """The macros of template ``name``, as attributes: ``macros(name).line(...)`` -> str."""
    return environment().get_template(name).module
