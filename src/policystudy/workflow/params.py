"""Parameter schema and validation for the notebooks and ``policystudy run``.

Papermill only warns on an unknown parameter and guesses the type of ``-p`` values
(``"000123"`` becomes ``123``); every parameter is therefore declared here with its type,
default, allowed values and documentation, and validated before any notebook runs.
``params.yaml`` at the repository root holds the defaults used by ``policystudy run``; a test
checks that it, this schema and every notebook's ``parameters`` cell agree.

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

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


class ParameterError(ValueError):
    """An invalid parameter; the message names the parameter."""


@dataclass(frozen=True)
class Param:
    """One parameter: type, default, constraints and documentation."""

    name: str
    type: type
    default: Any
    doc: str
    choices: tuple | None = None
    minimum: float | None = None
    maximum: float | None = None
    path: bool = False
    notebooks: tuple[str, ...] = field(default_factory=tuple)

    def coerce(self, value: Any) -> Any:
        """Convert ``value`` (possibly a command-line string) to this parameter's type."""
        if self.type is bool:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("true", "1", "yes", "on"):
                return True
            if text in ("false", "0", "no", "off"):
                return False
            raise ParameterError(f"parameter {self.name!r}: expected true/false, got {value!r}")
        if self.type is int:
            if isinstance(value, bool):
                raise ParameterError(f"parameter {self.name!r}: expected an integer, got {value!r}")
            if isinstance(value, float) and value.is_integer():
                return int(value)
            try:
                return int(str(value).strip())
            except ValueError:
                raise ParameterError(
                    f"parameter {self.name!r}: expected an integer, got {value!r}"
                ) from None
        if self.type is float:
            if isinstance(value, bool):
                raise ParameterError(f"parameter {self.name!r}: expected a number, got {value!r}")
            try:
                return float(str(value).strip())
            except ValueError:
                raise ParameterError(
                    f"parameter {self.name!r}: expected a number, got {value!r}"
                ) from None
        if value is None:
            return ""
        # Strings keep their exact spelling: "000123" stays "000123".
        return str(value)

    def check(self, value: Any) -> Any:
        value = self.coerce(value)
        if self.choices is not None and value not in self.choices:
            allowed = ", ".join(repr(c) for c in self.choices)
            raise ParameterError(
                f"parameter {self.name!r}: must be one of {allowed}, got {value!r}"
            )
        if self.minimum is not None and value < self.minimum:
            raise ParameterError(
                f"parameter {self.name!r}: must be >= {self.minimum:g}, got {value!r}"
            )
        if self.maximum is not None and value > self.maximum:
            raise ParameterError(
                f"parameter {self.name!r}: must be <= {self.maximum:g}, got {value!r}"
            )
        if self.path and value and not Path(value).expanduser().exists():
            raise ParameterError(f"parameter {self.name!r}: file not found: {value}")
        return value


_ALL = ("00_corpus", "01_keywords", "02_topics", "03_priorities", "04_targets", "05_findings")
_ANALYSES = _ALL[1:]

SCHEMA: dict[str, Param] = {
    p.name: p
    for p in [
        Param("manifest", str, "", "Manifest CSV (doc_id,file,region,...); '' = data/corpus.csv.",
              path=True, notebooks=_ALL),
        Param("out_dir", str, "", "Output root for data/processed, figures, reports; '' = "
              "build/interactive when a notebook is run by hand.", notebooks=_ALL),
        Param("group_by", str, "region", "Manifest column that defines the groups compared.",
              notebooks=_ALL),
        Param("random_state", int, 42, "Seed for every random step (bootstrap, NMF, permutation).",
              minimum=0, maximum=2**32 - 1, notebooks=_ALL),
        Param("userdict", str, "", "jieba user dictionary; '' = the packaged policy dictionary.",
              path=True, notebooks=_ALL),
        Param("stopwords", str, "", "Stopword list; '' = the packaged list.", path=True,
              notebooks=_ALL),
        Param("keep_numbers", bool, False, "Keep numbers with units as tokens (2.15万人) or drop them.",
              notebooks=_ALL),
        Param("backend", str, "jieba", "Segmentation backend.", choices=("jieba", "rjieba"),
              notebooks=_ALL),
        Param("engine", str, "local", "Where segmentation and counting run: this machine (a "
              "process pool) or a Dask cluster.", choices=("local", "dask"),
              notebooks=_ALL[:3]),
        Param("scheduler", str, "", "Dask scheduler address (tcp://host:8786); empty = start a "
              "local cluster. Used only with engine=dask.", notebooks=_ALL[:3]),
        Param("n_jobs", int, 0, "Worker processes for segmentation, and threads for the keyword "
              "bootstrap and the topic-number scan; 0 = one per CPU core. Results do not "
              "depend on it.", minimum=0, maximum=512, notebooks=_ALL[:3]),
        Param("to_simplified", bool, True, "Convert Traditional script to Simplified (OpenCC t2s).",
              notebooks=("00_corpus",)),
        Param("top_k", int, 20, "Keywords reported per group and method.", minimum=1, maximum=1000,
              notebooks=("01_keywords",)),
        Param("n_bootstrap", int, 1000, "Bootstrap resamples for stability and confidence intervals.",
              minimum=20, maximum=100000, notebooks=_ANALYSES[:-1]),
        Param("n_topics", int, 0, "NMF topics; 0 = choose by the data-driven rule in 02_topics.",
              minimum=0, maximum=200, notebooks=("02_topics",)),
        Param("weight", str, "chars", "Priority shares weighted by characters or paragraph counts.",
              choices=("chars", "paragraphs"), notebooks=("03_priorities",)),
        Param("threshold", float, 0.25, "Lexicon classifier: a domain is a label when its share "
              "of the unit's livelihood evidence is above this.", minimum=0.0, maximum=1.0,
              notebooks=("03_priorities",)),
        Param("unit", str, "sentences", "Unit the domain classifier codes: sentences (long list "
              "sentences split into clauses at semicolons, headings as context) or paragraphs.",
              choices=("sentences", "paragraphs"), notebooks=("03_priorities",)),
        Param("pooling", str, "documents", "Group profiles: each document counts equally "
              "(documents) or the group's characters are pooled (chars).",
              choices=("documents", "chars"), notebooks=("03_priorities",)),
        Param("min_documents", int, 5, "Groups with at least this many documents get document-"
              "bootstrap intervals and permutation tests; smaller groups get descriptive "
              "document profiles and robustness figures instead.", minimum=2, maximum=100000,
              notebooks=("03_priorities", "05_findings")),
        Param("parts", str, "【报告内容】:policy,【权威解读】:commentary", "Document parts: "
              "marker:part pairs separated by commas. A paragraph or sentence that starts with a "
              "marker opens that part; text before any marker is policy text.",
              notebooks=("03_priorities",)),
        Param("use_parts", str, "policy", "Parts the priority analyses use (comma-separated).",
              notebooks=("03_priorities",)),
        Param("taxonomy", str, "", "Livelihood taxonomy YAML; '' = the packaged taxonomy.",
              path=True, notebooks=("03_priorities", "04_targets")),
        Param("indicators", str, "", "Canonical indicators YAML; '' = the packaged file.",
              path=True, notebooks=("04_targets",)),
    ]
}  # fmt: skip


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
            raise ParameterError(f"unknown parameter {name!r}; known parameters: {known}")
        spec = SCHEMA[name]
        if notebook is not None and notebook not in spec.notebooks:
            raise ParameterError(f"parameter {name!r} is not used by notebook {notebook}")
        out[name] = spec.check(value)
    return out


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
    policystudy.workflow.params.ParameterError: parameter 'group_by': 'province' is not a manifest column; choose one of: region
    """
    usable = [c for c in columns if c not in ("doc_id", "file")]
    if group_by not in usable:
        raise ParameterError(
            f"parameter 'group_by': {group_by!r} is not a manifest column; "
            f"choose one of: {', '.join(usable)}"
        )


def require(condition: bool, name: str, message: str) -> None:
    """Raise :class:`ParameterError` naming ``name`` unless ``condition`` holds.

    Examples
    --------
    >>> require(5 <= 3, "n_topics", "must be <= the number of paragraphs (3)")
    Traceback (most recent call last):
    ...
    policystudy.workflow.params.ParameterError: parameter 'n_topics': must be <= the number of paragraphs (3)
    """
    if not condition:
        raise ParameterError(f"parameter {name!r}: {message}")
