"""Parameter schema and validation for the notebooks and ``policystudy run``.

Papermill only warns on an unknown parameter and guesses the type of ``-p`` values
(``"000123"`` becomes ``123``); every parameter is therefore declared here with its type,
default, allowed values and documentation, and validated before any notebook runs.
This schema is the one declaration of the parameters: ``params.yaml`` (the documented defaults
at a project's root) and every notebook's tagged ``parameters`` cell are generated from it by
``tools/sync_params.py`` (:func:`render_params_yaml`, :func:`render_parameters_cell`), and a test
fails when they disagree. A notebook hands its namespace to
:func:`policystudy.workflow.pipeline.start`, which takes the names declared here.

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
import json
import math
from collections.abc import Callable, Mapping
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
    # A further check of the coerced value; raises ValueError with the reason.
    validator: Callable[[Any], Any] | None = None

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
                number = float(str(value).strip())
            except ValueError:
                raise ParameterError(
                    f"parameter {self.name!r}: expected a number, got {value!r}"
                ) from None
            # NaN passes every comparison with a bound and is not JSON (provenance).
            if not math.isfinite(number):
                raise ParameterError(
                    f"parameter {self.name!r}: expected a finite number, got {value!r}"
                )
            return number
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
        if self.validator is not None:
            try:
                self.validator(value)
            except ValueError as err:
                raise ParameterError(f"parameter {self.name!r}: {err}") from None
        return value


def _exclude_flags(value: str) -> None:
    from policystudy.ingest import quality

    quality.parse_exclude(value)


def _validation_sheets(value: str) -> None:
    # A named sheet that is missing stops the run before any notebook, not in notebook 05.
    if value.strip().lower() not in ("", "none", "auto"):
        from policystudy.workflow.validate_cli import resolve_sheets

        try:
            resolve_sheets(value, manifest="")
        except FileNotFoundError as err:
            raise ValueError(str(err).removeprefix("validation_sheets: ")) from None


def _time_bins(value: str) -> None:
    from policystudy.priorities.time import parse_bins

    parse_bins(value)


_ALL = ("00_corpus", "01_keywords", "02_topics", "03_priorities", "04_targets", "05_findings")
# The notebooks that segment text (and so take the tokenizer's and the engine's options).
_SEGMENTING = _ALL[:3]
_RESAMPLING = ("01_keywords", "02_topics", "03_priorities")

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
              minimum=0, maximum=2**32 - 1, notebooks=_RESAMPLING),
        Param("userdict", str, "", "jieba user dictionary; '' = the packaged policy dictionary.",
              path=True, notebooks=_SEGMENTING),
        Param("stopwords", str, "", "Stopword list; '' = the packaged list.", path=True,
              notebooks=_SEGMENTING),
        Param("keep_numbers", bool, False, "Keep numbers with units as tokens (2.15万人) or drop them.",
              notebooks=_SEGMENTING),
        Param("backend", str, "jieba", "Segmentation backend.", choices=("jieba", "rjieba"),
              notebooks=_SEGMENTING),
        Param("engine", str, "local", "Where segmentation and counting run: this machine (a "
              "process pool) or a Dask cluster.", choices=("local", "dask"),
              notebooks=_SEGMENTING),
        Param("scheduler", str, "", "Dask scheduler address (tcp://host:8786); empty = start a "
              "local cluster. Used only with engine=dask.", notebooks=_SEGMENTING),
        Param("n_jobs", int, 0, "Worker processes for segmentation and target extraction, "
              "and threads for the keyword bootstrap and the topic-number scan; "
              "0 = one per CPU core. Results do not depend on it.", minimum=0, maximum=512,
              notebooks=(*_SEGMENTING, "04_targets")),
        Param("to_simplified", bool, True, "Convert Traditional script to Simplified (OpenCC t2s).",
              notebooks=("00_corpus",)),
        Param("exclude_flagged", str, "placeholder", "Documents set aside from every analysis "
              "by their quality flags (document_flags.csv): '' = none, 'all' = any flag, or flag "
              "names separated by commas (placeholder, ad_footer, template, very_short, "
              "anachronism). Default placeholder, for every corpus: a text with 202x/20xx "
              "left in is a template or a ghost-written draft, not a government's issued "
              "policy, and nothing it says is that government's priority (the seed Tianjin "
              "copy). The other flags only warn. The report shows each group's #1 with and "
              "without flagged documents either way, and priority_specifications.csv every #1 "
              "with them in and out.", validator=_exclude_flags, notebooks=("00_corpus",)),
        Param("duplicates", str, "keep_first", "Documents that are the same text (exactly once "
              "normalised, whatever the encoding, or nearly: see duplicate_threshold): keep the "
              "first in the manifest and set the others aside (keep_first), analyse all "
              "(keep_all), or stop with the list of pairs (fail). Every pair is in "
              "document_duplicates.csv.", choices=("keep_first", "keep_all", "fail"),
              notebooks=("00_corpus",)),
        Param("duplicate_threshold", float, 0.9, "Near-duplicate documents: Jaccard similarity "
              "of their 5-character shingles at least this.", minimum=0.5, maximum=1.0,
              notebooks=("00_corpus",)),
        Param("reuse", str, "count_once", "Text reused from an earlier document (text_reuse.csv): "
              "count_once leaves a paragraph that is mostly an earlier document's text out of "
              "the later document's analyses; count_all analyses it in both.",
              choices=("count_once", "count_all"), notebooks=("00_corpus",)),
        Param("reuse_min_chars", int, 50, "Shortest passage reported as reused from another "
              "document (characters).", minimum=16, maximum=100000, notebooks=("00_corpus",)),
        Param("boilerplate_min_documents", int, 3, "Cross-document boilerplate: a short or "
              "structural head or tail line must recur in at least this many distinct documents "
              "(duplicates set aside) ...", minimum=2, maximum=100000, notebooks=("00_corpus",)),
        Param("boilerplate_min_share", float, 0.1, "... and in at least this share of them.",
              minimum=0.0, maximum=1.0, notebooks=("00_corpus",)),
        Param("boilerplate_max_share", float, 0.5, "Boilerplate never empties a document: where "
              "it would remove more than this share of a document's characters, its lines stay "
              "(cleaning_audit.csv, action kept).", minimum=0.0, maximum=1.0,
              notebooks=("00_corpus",)),
        Param("top_k", int, 20, "Keywords reported per group and method.", minimum=1, maximum=1000,
              notebooks=("01_keywords",)),
        Param("n_bootstrap", int, 1000, "Bootstrap resamples for stability and confidence intervals.",
              minimum=20, maximum=100000, notebooks=_RESAMPLING),
        Param("n_topics", int, 0, "NMF topics; 0 = choose by the data-driven rule in 02_topics.",
              minimum=0, maximum=200, notebooks=("02_topics",)),
        Param("weight", str, "chars", "Priority shares weighted by characters, sentences (each "
              "counts 1, its clauses share it) or coded units (sentences and clauses; "
              "'paragraphs' is the older name of units). priority_specifications.csv shows "
              "each #1 under all three.", choices=("chars", "sentences", "units", "paragraphs"),
              notebooks=("03_priorities",)),
        Param("specification_recode", bool, True, "Specification table (priority_"
              "specifications.csv): code the corpus again with the lexicon at thresholds 0.15, "
              "0.25, 0.35 and with the TF-IDF model (one coding each); false varies only the "
              "weighting, flagged documents and set-aside parts on the run's own coding (for "
              "large corpora).", notebooks=("03_priorities",)),
        Param("threshold", float, 0.25, "Lexicon classifier: a domain is a label when its share "
              "of the unit's livelihood evidence is above this.", minimum=0.0, maximum=1.0,
              notebooks=("03_priorities",)),
        Param("unit", str, "sentences", "Unit the domain classifier codes: sentences (long list "
              "sentences split into clauses at semicolons, headings as context) or paragraphs.",
              choices=("sentences", "paragraphs"), notebooks=("03_priorities",)),
        Param("pooling", str, "documents", "Group profiles: each document counts equally "
              "(documents) or the group's characters are pooled (chars).",
              choices=("documents", "chars"), notebooks=("03_priorities",)),
        Param("test_pairs", str, "all", "Group differences (permutation tests): every pair of "
              "groups (all) or only neighbours in group_order (neighbours: eras, years, where a "
              "shift shows, with a smaller family for Holm's correction).",
              choices=("all", "neighbours"), notebooks=("03_priorities",)),
        Param("group_order", str, "", "Order of the groups for neighbour comparisons: group "
              "values separated by commas; empty = by value (groups that start with a number, "
              "such as years or eras 1954-1977, by that number).", notebooks=("03_priorities",)),
        Param("keyness_formula_context", int, 1, "Keyness counts a formula repeated within one "
              "document once: an occurrence of a term whose this many preceding content tokens "
              "equal those of an earlier occurrence in the same document (…上实现新突破 seven "
              "times in one feature) is not counted again; 0 counts every occurrence.", minimum=0, maximum=20,
              notebooks=("01_keywords",)),
        Param("keyness_min_documents", int, 2, "Distinctive terms (keyness) carried by fewer "
              "documents of their group than this are marked one_document in keyness.csv and "
              "left out of the report's list of distinctive terms.", minimum=1, maximum=100000,
              notebooks=("01_keywords",)),
        Param("min_documents", int, 5, "Groups with at least this many documents get document-"
              "bootstrap intervals (priorities, topic prevalence) and permutation tests, and "
              "keyword stability from resampled documents; smaller groups get descriptive "
              "document profiles and robustness figures instead, no topic prevalence intervals, "
              "and keyword stability from resampled paragraphs.", minimum=2,
              maximum=100000, notebooks=("01_keywords", "02_topics", "03_priorities",
                                         "05_findings")),
        Param("min_livelihood_share", float, 0.05, "Thin livelihood text: a document (or a "
              "group's pooled text) whose livelihood text is below this share of its analysed "
              "characters is flagged thin_livelihood, and its livelihood shares are not read as "
              "priorities (tables, caveats, report). Seeds: 82-92%; CPC reports 2007-2022: ~11%.",
              minimum=0.0, maximum=1.0, notebooks=("03_priorities",)),
        Param("min_livelihood_units", int, 10, "Thin livelihood text: flagged also when the "
              "livelihood text has fewer than this many units (sentences or clauses with "
              "unit=sentences). Seeds: 15-120.", minimum=0, maximum=100000,
              notebooks=("03_priorities",)),
        Param("parts", str, "【报告内容】:policy,【权威解读】:commentary", "Document parts: "
              "marker:part pairs separated by commas. A paragraph or sentence that starts with a "
              "marker opens that part; text before any marker is policy text. Targets of a part "
              "other than policy are kept and marked (column part).",
              notebooks=("03_priorities", "04_targets")),
        Param("use_parts", str, "policy", "Parts the priority analyses use (comma-separated).",
              notebooks=("03_priorities",)),
        Param("time_by", str, "year", "Manifest column that places documents in time (a year, "
              "or a date that starts with one): priorities over time, trends and the common "
              "period of the groups. '' = no time analysis; the default 'year' is skipped with a "
              "note when the manifest has no such column.", notebooks=("03_priorities",
                                                                       "05_findings")),
        Param("time_bins", str, "", "Periods of the time analysis: break years separated by "
              "commas (1978,2003,2013 gives ...-1977, 1978-2002, 2003-2012, 2013-...); '' = one "
              "period per year.", validator=_time_bins, notebooks=("03_priorities",)),
        Param("time_break", int, 0, "A year to test for a break: each domain's share before and "
              "after it (documents as the unit, permutation test); 0 = none.", minimum=0,
              maximum=9999, notebooks=("03_priorities", "05_findings")),
        Param("taxonomy", str, "", "Livelihood taxonomy YAML; '' = the packaged taxonomy.",
              path=True, notebooks=("03_priorities", "04_targets", "05_findings")),
        Param("validation_sheets", str, "auto", "Coded validation sheets (docs/validation.md): "
              "comma-separated CSV/XLSX paths, each draw's key.csv beside its sheets; 'auto' = "
              "the project's data/validation/*/coded_*.csv when the run reads the project's own "
              "manifest; '' = none (the report then says nothing was validated on this corpus).",
              notebooks=("05_findings",), validator=_validation_sheets),
        Param("instrument_taxonomy", str, "", "Policy instrument typology: '' (or "
              "'rothwell') = the packaged Rothwell-Zegveld supply / environment / demand file, "
              "'regulatory' = the packaged regulatory / economic / informational file, or a YAML "
              "file of the same schema.", notebooks=("03_priorities",)),
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


def notebook_params(notebook: str) -> list[str]:
    """Names of one notebook's parameters, in schema order (the order of its cell).

    Examples
    --------
    >>> notebook_params("05_findings")
    ['manifest', 'out_dir', 'group_by', 'min_documents', 'time_by', 'time_break', 'taxonomy', 'validation_sheets']
    """
    return [name for name, spec in SCHEMA.items() if notebook in spec.notebooks]


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
    policystudy.workflow.params.ParameterError: parameter 'group_by': 'province' is not a manifest column; choose one of: region
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
    policystudy.workflow.params.ParameterError: parameter 'time_by': 'date' is not a manifest column; choose one of: region, or '' for no time analysis
    """
    if not time_by or time_by == SCHEMA["time_by"].default or time_by in columns:
        return
    usable = [c for c in columns if c not in ("doc_id", "file")]
    raise ParameterError(
        f"parameter 'time_by': {time_by!r} is not a manifest column; "
        f"choose one of: {', '.join(usable)}, or '' for no time analysis"
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
