"""The files generated from the schema: ``params.yaml`` and the notebooks' parameter cells.

``tools/sync_params.py`` writes them; ``tests/test_params.py`` fails when they disagree with
:data:`~policystudy.workflow.params_schema.SCHEMA`.
"""

from __future__ import annotations

import json
from typing import Any

from policystudy.workflow.params_schema import SCHEMA, notebook_params
from policystudy.workflow.params_types import ParameterError


def _literal(value: Any) -> str:
    # Python literals for the notebook cell; json for strings keeps Chinese as written.
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def render_parameters_cell(notebook: str) -> str:
    """Source of a notebook's tagged ``parameters`` cell, generated from :data:`SCHEMA`.

    Examples
    --------
    >>> print(render_parameters_cell("05_findings"))
    # Parameters: generated from policystudy.workflow.params.SCHEMA by tools/sync_params.py
    # (change defaults there). papermill overrides this cell; params.yaml documents each one.
    manifest = ""
    out_dir = ""
    group_by = "region"
    min_documents = 5
    time_by = "year"
    time_break = 0
    taxonomy = ""
    validation_sheets = "auto"
    """
    names = notebook_params(notebook)
    if not names:
        raise ParameterError(f"notebook {notebook!r} has no parameters in the schema")
    lines = [
        "# Parameters: generated from policystudy.workflow.params.SCHEMA by tools/sync_params.py",
        "# (change defaults there). papermill overrides this cell; params.yaml documents each one.",
    ]
    lines += [f"{name} = {_literal(SCHEMA[name].default)}" for name in names]
    return "\n".join(lines)


def render_params_yaml() -> str:
    """Text of ``params.yaml``: every parameter with its documentation, rule and default.

    Examples
    --------
    >>> text = render_params_yaml()
    >>> "top_k: 20" in text and "# Keywords reported per group and method." in text
    True
    """
    lines = [
        "# Parameters of `policystudy run`. Every parameter is documented here; values below are",
        "# the defaults. Override with `--params FILE` (same format) or `-p NAME VALUE`.",
        "# Generated from policystudy.workflow.params.SCHEMA by tools/sync_params.py; types and",
        "# allowed values are enforced before any notebook runs.",
        "",
    ]
    for spec in SCHEMA.values():
        rule = [f"type {spec.type.__name__}"]
        if spec.choices:
            rule.append("one of " + ", ".join(map(str, spec.choices)))
        if spec.minimum is not None:
            rule.append(f">= {spec.minimum:g}")
        if spec.maximum is not None:
            rule.append(f"<= {spec.maximum:g}")
        lines.append(f"# {spec.doc}")
        lines.append(f"# ({'; '.join(rule)}; used by {', '.join(spec.notebooks)})")
        lines.append(f"{spec.name}: {json.dumps(spec.default, ensure_ascii=False)}")
        lines.append("")
    return "\n".join(lines)


# A documentation table of parameters: its header starts "| parameter | default |" and each
# row's first cell is the parameter's name in backticks.
_DOC_HEADER = "| parameter | default |"


def _doc_value(value: Any) -> str:
    if value == "" and isinstance(value, str):
        return "`''`"
    if isinstance(value, bool):
        return f"`{json.dumps(value)}`"
    return f"`{value}`"


def render_doc_defaults(text: str) -> str:
    """``text`` (Markdown) with the default column of its parameter tables taken from the schema.

    Examples
    --------
    >>> doc = "| parameter | default | what it does |\\n|---|---|---|\\n| `time_by` | `x` | ... |"
    >>> print(render_doc_defaults(doc).splitlines()[-1])
    | `time_by` | `year` | ... |
    """
    out = []
    in_table = False
    for line in text.split("\n"):
        if line.startswith(_DOC_HEADER):
            in_table = True
        elif not line.startswith("|"):
            in_table = False
        elif in_table:
            cells = line.split("|")
            name = cells[1].strip().strip("`") if len(cells) > 3 else ""
            if name in SCHEMA:
                cells[2] = f" {_doc_value(SCHEMA[name].default)} "
                line = "|".join(cells)
        out.append(line)
    return "\n".join(out)
