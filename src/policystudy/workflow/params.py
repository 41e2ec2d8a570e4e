"""Parameter schema and validation for the notebooks and ``policystudy run`` (the public face).

Papermill only warns on an unknown parameter and guesses the type of ``-p`` values
(``"000123"`` becomes ``123``); every parameter is therefore declared with its type,
default, allowed values and documentation, and validated before any notebook runs.
The schema (:data:`SCHEMA`) is the one declaration of the parameters: ``params.yaml`` (the
documented defaults at a project's root) and every notebook's tagged ``parameters`` cell are
generated from it by ``tools/sync_params.py`` (:func:`render_params_yaml`,
:func:`render_parameters_cell`), and a test fails when they disagree. A notebook hands its
namespace to :func:`policystudy.workflow.pipeline.start`, which takes the names declared there.

Split by job: the declarations in :mod:`~policystudy.workflow.params_schema` (defaults from
:mod:`policystudy.core.defaults`), the type and its coercion in
:mod:`~policystudy.workflow.params_types`, the generated files in
:mod:`~policystudy.workflow.params_render`; this module validates a set of values and a
parameter file, and keeps every name importable from here.

Examples
--------
>>> validate({"top_k": "20"})["top_k"]
20
>>> try:
...     validate({"top_k": -5})
... except ParameterError as err:
...     print(err)
parameter 'top_k': must be >= 1, got -5
"""

from __future__ import annotations

import difflib
import importlib.util
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from policystudy.workflow.params_render import (
    render_doc_defaults,
    render_parameters_cell,
    render_params_yaml,
)
from policystudy.workflow.params_schema import SCHEMA, notebook_params
from policystudy.workflow.params_types import Param, ParameterError, require

__all__ = [
    "SCHEMA",
    "Param",
    "ParameterError",
    "check_group_by",
    "check_time_by",
    "defaults",
    "did_you_mean",
    "load_params_file",
    "notebook_params",
    "render_doc_defaults",
    "render_parameters_cell",
    "render_params_yaml",
    "require",
    "validate",
]


def validate(values: Mapping[str, Any], *, notebook: str | None = None) -> dict[str, Any]:
    """Validate and coerce parameter values; unknown names are refused.

    Parameters
    ----------
    values : mapping
        Parameter names to values (strings from the command line are coerced).
    notebook : str, optional
        When given, also refuse parameters that this notebook does not take.

    Raises
    ------
    ParameterError
        Naming the first bad parameter.
    """
    out = {}
    for name, value in values.items():
        if name not in SCHEMA:
            known = ", ".join(sorted(SCHEMA))
            raise ParameterError(
                f"unknown parameter {name!r}{did_you_mean(name)}; known parameters: {known}"
            )
        spec = SCHEMA[name]
        if notebook is not None and notebook not in spec.notebooks:
            raise ParameterError(f"parameter {name!r} is not used by notebook {notebook}")
        out[name] = spec.check(value)
        _check_installed(name, out[name])
    return out


def did_you_mean(name: str) -> str:
    """``"; did you mean 'top_k'?"`` for the nearest known parameter name, else ``""``.

    Examples
    --------
    >>> did_you_mean("topk"), did_you_mean("min_document"), did_you_mean("民生")
    ("; did you mean 'top_k'?", "; did you mean 'min_documents'?", '')
    """

    # Case and separators are the usual slips (topk, Top-K, group-by): compare without them.
    def key(n: str) -> str:
        return n.lower().replace("-", "").replace("_", "")

    by_key = {key(known): known for known in sorted(SCHEMA)}
    found = difflib.get_close_matches(key(name), list(by_key), n=1, cutoff=0.6)
    return f"; did you mean {by_key[found[0]]!r}?" if found else ""


# Values that need an optional extra: (parameter, value) -> (modules, extra).
_EXTRAS = {("engine", "dask"): (("dask", "distributed"), "dask")}


def _check_installed(name: str, value: Any) -> None:
    # Refused here, before any notebook runs: without the extra, notebook 00 would run and
    # notebook 01 fail with ModuleNotFoundError.
    need = _EXTRAS.get((name, value))
    if need is None:
        return
    modules, extra = need
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        raise ParameterError(
            f"parameter {name!r}: {value!r} needs the {'/'.join(missing)} package(s), which "
            f'are not installed: pip install "policystudy[{extra}]"'
        )


def defaults(notebook: str | None = None) -> dict[str, Any]:
    """Default values, for all parameters or for those of one notebook."""
    return {
        name: spec.default
        for name, spec in SCHEMA.items()
        if notebook is None or notebook in spec.notebooks
    }


def load_params_file(path: Path | str) -> dict[str, Any]:
    """Read a YAML parameter file (a flat mapping) and validate it.

    Raises
    ------
    ParameterError
        If the file is not a mapping or holds a bad parameter; the message names the file.
    """
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except UnicodeDecodeError as err:
        raise ParameterError(
            f"params file {path}: not UTF-8 ({err.reason} at byte {err.start}); save it as UTF-8"
        ) from None
    except (OSError, yaml.YAMLError) as err:
        raise ParameterError(f"params file {path}: cannot read: {err}") from None
    if not isinstance(data, dict):
        raise ParameterError(f"params file {path}: expected a mapping of name: value")
    try:
        return validate(data)
    except ParameterError as err:
        raise ParameterError(f"params file {path}: {err}") from None


def check_group_by(group_by: str, columns: list[str]) -> None:
    """Refuse a ``group_by`` that is not a manifest column.

    Examples
    --------
    >>> check_group_by("province", ["doc_id", "file", "region"])
    Traceback (most recent call last):
    ...
    policystudy.workflow.params_types.ParameterError: parameter 'group_by': 'province' is not a manifest column; choose one of: region
    """
    usable = [c for c in columns if c not in ("doc_id", "file")]
    if group_by not in usable:
        raise ParameterError(
            f"parameter 'group_by': {group_by!r} is not a manifest column; "
            f"choose one of: {', '.join(usable)}"
        )


def check_time_by(time_by: str, columns: list[str]) -> None:
    """Refuse a ``time_by`` the user named that is not a manifest column; the default
    ``year`` on a manifest without it, or ``''``, means no time analysis.

    Examples
    --------
    >>> check_time_by("year", ["doc_id", "file", "region"])
    >>> check_time_by("date", ["doc_id", "file", "region"])
    Traceback (most recent call last):
    ...
    policystudy.workflow.params_types.ParameterError: parameter 'time_by': 'date' is not a manifest column; choose one of: region, or '' for no time analysis
    """
    if not time_by or time_by == SCHEMA["time_by"].default or time_by in columns:
        return
    usable = [c for c in columns if c not in ("doc_id", "file")]
    raise ParameterError(
        f"parameter 'time_by': {time_by!r} is not a manifest column; "
        f"choose one of: {', '.join(usable)}, or '' for no time analysis"
    )
