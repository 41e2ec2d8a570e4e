"""Every library default equals the schema's default for a parameter of the same name.

The schema (``policystudy.workflow.params.SCHEMA``, defaults from ``policystudy.core.defaults``)
is the one home of each default. This walks every public function, class and method of every
subpackage and compares each parameter that has a schema counterpart (same name). Two spellings
count as the same: ``None`` for the schema's ``''`` (the packaged file, or none), and a sequence
for the schema's comma-separated string (``("policy",)`` for ``"policy"``). A parameter that
shares a name with a schema parameter but means something else is listed in
:data:`OTHER_MEANING` with the reason; a known disagreement waiting for its owner is
``xfail(strict=True)`` in :data:`KNOWN`, naming the file, so that fixing it fails this test
until the entry goes.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import policystudy
from policystudy.workflow.params import SCHEMA

# (module, qualified name, parameter) -> why the name means something else there.
OTHER_MEANING = {
    (
        "policystudy.domains.classifier",
        "LexiconClassifier.__init__",
        "threshold",
    ): "None = the taxonomy file's own settings.threshold (a run passes the parameter)",
    (
        "policystudy.domains.tsv",
        "classify_lines",
        "threshold",
    ): "None = the taxonomy file's own settings.threshold",
    (
        "policystudy.domains.validation",
        "validation_predictions",
        "threshold",
    ): "None = the taxonomy file's own settings.threshold",
    (
        "policystudy.domains.validation",
        "build_classifier",
        "threshold",
    ): "None = the taxonomy file's own settings.threshold",
    (
        "policystudy.domains.tsv",
        "classify_lines",
        "unit",
    ): "the command line's unit, which adds 'lines' (one unit a line of the file)",
    (
        "policystudy.instruments.lines",
        "instrument_lines",
        "unit",
    ): "the command line's unit, which adds 'lines' (one unit a line of the file)",
    (
        "policystudy.domains.units",
        "sentence_domains",
        "group_by",
    ): "None = code without a group column (the library also codes ungrouped text)",
    (
        "policystudy.ingest.manifest",
        "manifest_audit",
        "group_by",
    ): "None = audit without a group column",
    (
        "policystudy.instruments.tables",
        "sentence_instruments",
        "group_by",
    ): "None = code without a group column",
    (
        "policystudy.targets.summary",
        "targets_summary",
        "group_by",
    ): "the group column of targets.csv, always named 'group'",
    (
        "policystudy.validation.draw",
        "draw_targets",
        "group_by",
    ): "the group column of targets.csv, always named 'group'",
    (
        "policystudy.domains.units",
        "code_units",
        "n_jobs",
    ): "a library call runs in this process unless asked (1); a run uses every core (0)",
    (
        "policystudy.domains.units",
        "sentence_domains",
        "n_jobs",
    ): "a library call runs in this process unless asked (1); a run uses every core (0)",
    (
        "policystudy.keywords.extract",
        "keyword_table",
        "n_jobs",
    ): "a library call runs in this process unless asked (1); a run uses every core (0)",
    (
        "policystudy.targets.paragraphs",
        "extract_targets_from_paragraphs",
        "n_jobs",
    ): "a library call runs in this process unless asked (1); a run uses every core (0)",
    (
        "policystudy.ingest.boilerplate",
        "shared_lines",
        "min_documents",
    ): "boilerplate_min_documents (its default is the schema's)",
    (
        "policystudy.stats.concentration",
        "keyness_concentration",
        "min_documents",
    ): "keyness_min_documents (its default is the schema's)",
    (
        "policystudy.ingest.duplicates",
        "find_duplicates",
        "threshold",
    ): "duplicate_threshold (its default is the schema's)",
    (
        "policystudy.stats.keyness",
        "keyness_table",
        "top_k",
    ): "None = every term (keyness.csv keeps all; top_k cuts the keyword table)",
    (
        "policystudy.ingest.preprocess",
        "CorpusTables.__init__",
        "duplicates",
    ): "the table of duplicate pairs, not the duplicates policy",
    (
        "policystudy.ingest.preprocess",
        "CorpusTables.__init__",
        "reuse",
    ): "the table of reused passages, not the reuse policy",
    (
        "policystudy.ingest.manifest",
        "read_manifest",
        "group_by",
    ): "None = no grouping column checked",
    (
        "policystudy.ingest.corpus",
        "load_corpus",
        "group_by",
    ): "None = no grouping column checked",
    (
        "policystudy.instruments.validation",
        "score_instruments",
        "n_bootstrap",
    ): "resamples of a validation score's F1 interval (INSTRUMENTS.md quotes 2,000), not the run's",
    (
        "policystudy.instruments.validation",
        "score_strata",
        "n_bootstrap",
    ): "resamples of a validation score's weighted interval (INSTRUMENTS.md), not the run's",
    (
        "policystudy.keywords.cli",
        "keywords_for_files",
        "n_bootstrap",
    ): "the command line's quick look at a few files (200 resamples), not a run's tables",
}

# (module, qualified name, parameter) -> the file and what to change: a known disagreement,
# marked xfail(strict) so that fixing it fails until the entry goes. Empty: none is known.
KNOWN: dict[tuple[str, str, str], str] = {}


def _callables():
    for info in pkgutil.walk_packages(policystudy.__path__, "policystudy."):
        if ".notebooks" in info.name:
            continue
        module = importlib.import_module(info.name)
        for name, obj in sorted(vars(module).items()):
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(obj):
                yield module.__name__, name, obj
            elif inspect.isclass(obj):
                yield module.__name__, f"{name}.__init__", obj.__init__
                for attr, member in sorted(vars(obj).items()):
                    if isinstance(member, classmethod | staticmethod):
                        member = member.__func__
                    if not attr.startswith("_") and inspect.isfunction(member):
                        yield module.__name__, f"{name}.{attr}", member


def _cases():
    for module, qualname, func in _callables():
        try:
            signature = inspect.signature(func)
        except (TypeError, ValueError):
            continue
        for p in signature.parameters.values():
            if p.name in SCHEMA and p.default is not inspect.Parameter.empty:
                yield module, qualname, p.name, p.default


def _same(default, spec) -> bool:
    if isinstance(default, type(dataclasses.MISSING)) or repr(default) == "<factory>":
        return False
    if default is None and spec.default == "":
        return True  # '' in the schema, None in a signature: the packaged file, or none
    if spec.path and isinstance(default, tuple | list | set | frozenset):
        return True  # the loaded content (a list of words), not the file the schema names
    if isinstance(default, tuple | list) and isinstance(spec.default, str):
        return list(default) == [p.strip() for p in spec.default.split(",") if p.strip()]
    return type(default) is type(spec.default) and default == spec.default


CASES = sorted(_cases(), key=lambda c: c[:3])


def _param(case):
    key = case[:3]
    marks = ()
    if key in KNOWN:
        marks = (pytest.mark.xfail(strict=True, reason=KNOWN[key]),)
    return pytest.param(*case, id=".".join(key), marks=marks)


@pytest.mark.parametrize(
    ("module", "qualname", "name", "default"),
    [_param(c) for c in CASES if c[:3] not in OTHER_MEANING],
)
def test_library_default_is_the_schema_default(module, qualname, name, default):
    spec = SCHEMA[name]
    assert _same(default, spec), (
        f"{module}.{qualname}({name}={default!r}): the schema's default is {spec.default!r}; "
        f"take it from policystudy.core.defaults"
    )


def test_the_walk_finds_the_shared_parameters():
    # The walk sees every layer: a default of the priorities, the topics and the report.
    modules = {c[0].split(".")[1] for c in CASES}
    assert {"priorities", "topics", "report", "domains", "keywords"} <= modules
    names = {c[2] for c in CASES}
    assert {"min_documents", "top_k", "group_by", "random_state"} <= names


def test_every_listed_exception_still_exists():
    # A renamed function must not leave a stale entry that exempts nothing.
    keys = {c[:3] for c in CASES}
    assert set(OTHER_MEANING) - keys == set()
    assert set(KNOWN) - keys == set()


def test_the_schema_takes_its_defaults_from_core_defaults():
    from policystudy.core import defaults

    shared = {n.lower(): v for n, v in vars(defaults).items() if n.isupper()}
    for name, value in shared.items():
        assert SCHEMA[name].default == value, name


# Files allowed to write a shared default as a literal (top_k: int = 20): such a literal agrees
# with the schema today but is a second home of the value. Empty: every file uses
# policystudy.core.defaults.
LITERAL_COPIES_ELSEWHERE: set[str] = set()
PACKAGE = Path(policystudy.__file__).parent


def literal_copies(path: Path) -> list[str]:
    """Defaults of schema-named parameters written as the schema's value, and module constants
    ``DEFAULT_<NAME> = <value>`` of a schema parameter: a second home of a shared default."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            a = node.args
            positional = a.posonlyargs + a.args
            pairs = list(
                zip(positional[len(positional) - len(a.defaults) :], a.defaults, strict=True)
            )
            pairs += [
                (x, d) for x, d in zip(a.kwonlyargs, a.kw_defaults, strict=True) if d is not None
            ]
            for arg, default in pairs:
                spec = SCHEMA.get(arg.arg)
                if spec is not None and spec.default != "" and isinstance(default, ast.Constant):
                    if type(default.value) is type(spec.default) and default.value == spec.default:
                        found.append(f"{node.name}({arg.arg}={default.value!r})")
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id.startswith("DEFAULT_"):
                    if target.id.removeprefix("DEFAULT_").lower() in SCHEMA:
                        found.append(f"{target.id} = {node.value.value!r}")
    return found


def _file_param(path: Path):
    rel = path.relative_to(PACKAGE).as_posix()
    marks = ()
    if rel in LITERAL_COPIES_ELSEWHERE:
        reason = f"src/policystudy/{rel}: shared defaults written as literals"
        marks = (pytest.mark.xfail(strict=True, reason=reason),)
    return pytest.param(path, id=rel, marks=marks)


@pytest.mark.parametrize(
    "path",
    [_file_param(p) for p in sorted(PACKAGE.rglob("*.py")) if p.name != "defaults.py"],
)
def test_shared_defaults_have_one_home(path):
    assert literal_copies(path) == [], "use policystudy.core.defaults"


def test_the_literal_scan_sees_a_copy(tmp_path):
    f = tmp_path / "m.py"
    f.write_text("DEFAULT_MIN_DOCUMENTS = 5\ndef f(*, top_k: int = 20, taxonomy=''): ...\n")
    assert literal_copies(f) == ["DEFAULT_MIN_DOCUMENTS = 5", "f(top_k=20)"]
