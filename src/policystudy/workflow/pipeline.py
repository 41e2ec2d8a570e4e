"""The one-command, validated, atomic papermill pipeline: the entry notebooks import.

``policystudy run`` validates every parameter and the corpus before any notebook runs, executes
``notebooks/00_*.ipynb`` … in order into a staging folder, and publishes the tables, figures and
report only when every notebook succeeded; a failed run leaves the last good outputs untouched
and can be resumed. What it never overwrites and what it refuses: ``docs/promises.md``.

The work is split by job: :mod:`~policystudy.workflow.context` (what a notebook sees),
:mod:`~policystudy.workflow.graph` (which notebook needs which, reuse keys),
:mod:`~policystudy.workflow.runner` (papermill), :mod:`~policystudy.workflow.provenance` and
:mod:`~policystudy.workflow.publish` (owned files, lock, atomic publish with rollback).

Examples
--------
>>> manifest = ""  # a notebook's parameters cell, as papermill leaves it
>>> out_dir = ""
>>> ctx = start("00_corpus", globals())
>>> ctx.manifest.name, ctx.out_dir.name, ctx.params["backend"]
('corpus.csv', 'interactive', 'jieba')
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from policystudy.ingest.corpus import manifest_audit, read_manifest
from policystudy.workflow import params, paths, publish, runner
from policystudy.workflow.context import Context, read_table  # noqa: F401  (notebooks use them)
from policystudy.workflow.errors import OutputFolderError, PipelineError  # noqa: F401
from policystudy.workflow.graph import (  # noqa: F401
    NEEDS,
    PIPELINE_NOTEBOOKS,
    PRODUCERS,
    code_digest,
    notebook_needs,
)
from policystudy.workflow.provenance import (  # noqa: F401  (the pipeline's public names)
    OUTPUT_FOLDERS,
    PROVENANCE,
    VOLATILE_PROVENANCE_KEYS,
    compare_outputs,
    input_digests,
    write_provenance,
)
from policystudy.workflow.runner import LAST_RUN, RUN_STATE, notebook_parameters  # noqa: F401


def check_group_by(manifest: Path | str, group_by: str, columns: list[str]) -> None:
    """Refuse a ``group_by`` that is not a column of ``manifest``, naming both.

    Examples
    --------
    >>> check_group_by("study/manifest.csv", "province", ["doc_id", "file", "city"])
    Traceback (most recent call last):
    ...
    policystudy.workflow.params_types.ParameterError: parameter 'group_by': 'province' is not a manifest column; choose one of: city (manifest study/manifest.csv)
    """
    try:
        params.check_group_by(group_by, columns)
    except params.ParameterError as err:
        # Any manifest column may be the grouping (region is not required): say which file
        # lacks this one.
        raise params.ParameterError(f"{err} (manifest {manifest})") from None


def start(notebook: str, values: Mapping[str, Any]) -> Context:
    """Validate a notebook's parameters and resolve its paths; call it right after the
    ``parameters`` cell, as ``ctx = pipeline.start("00_corpus", globals())``.

    Parameters
    ----------
    notebook : str
        The notebook's stem; its parameters are those :data:`policystudy.workflow.params.SCHEMA`
        declares for it (the generated ``parameters`` cell assigns exactly these names).
    values : mapping
        The notebook's namespace (``globals()``): only the schema's names for this notebook are
        taken, and one missing from it keeps its schema default. A plain ``dict`` (no
        ``__name__`` key) is validated strictly: an unknown name is refused.

    Raises
    ------
    ParameterError
        For an unknown or invalid parameter, naming it.
    CorpusError
        For a bad manifest, listing every problem.
    """
    if "__name__" in values:  # a module namespace: globals() of the notebook
        names = params.notebook_params(notebook)
        values = {**params.defaults(notebook), **{n: values[n] for n in names if n in values}}
    checked = params.validate(values, notebook=notebook)
    manifest = Path(checked.get("manifest") or paths.DEFAULT_MANIFEST).expanduser().resolve()
    out_dir = Path(checked.get("out_dir") or paths.INTERACTIVE_OUT).expanduser().resolve()
    meta = read_manifest(manifest)
    if "group_by" in checked:
        check_group_by(manifest, checked["group_by"], list(meta.columns))
    if "time_by" in checked:
        params.check_time_by(checked["time_by"], list(meta.columns))
    from policystudy.report import plots

    plots.setup()
    return Context(
        notebook=notebook, params=checked, manifest=manifest, out_dir=out_dir, metadata=meta
    )


def notebook_files(folder: Path | None = None) -> list[Path]:
    """The pipeline's notebooks, in execution order: :data:`PIPELINE_NOTEBOOKS` by name.

    Any other notebook in the folder (an ``01_keywords.nbconvert.ipynb`` left by
    ``jupyter nbconvert --execute``, a student's copy) is not run.

    Examples
    --------
    >>> [p.name for p in notebook_files()][:2]
    ['00_corpus.ipynb', '01_keywords.ipynb']
    """
    folder = folder or paths.NOTEBOOKS
    files = [folder / name for name in PIPELINE_NOTEBOOKS]
    missing = [f.name for f in files if not f.is_file()]
    if missing:
        raise PipelineError(f"notebook(s) missing from {folder}: {', '.join(missing)}")
    return files


def resolve_params(
    *,
    params_file: Path | str | None = None,
    overrides: dict[str, Any] | None = None,
    manifest: Path | str | None = None,
    out_dir: Path | str | None = None,
) -> dict[str, Any]:
    """Merge defaults, ``params.yaml``, ``--params FILE`` and ``-p`` overrides, then validate."""
    values = params.defaults()
    project = paths.find_project()
    if project is not None and (project / "params.yaml").is_file():
        values.update(params.load_params_file(project / "params.yaml"))
    if params_file:
        values.update(params.load_params_file(params_file))
    values.update(params.validate(overrides or {}))
    if manifest:
        values["manifest"] = str(Path(manifest).expanduser().resolve())
    # Outside a project folder both must be given (paths.ROOT raises, naming the fix).
    values["manifest"] = str(Path(values["manifest"] or paths.DEFAULT_MANIFEST).resolve())
    values["out_dir"] = str(Path(out_dir or values.get("out_dir") or paths.ROOT).resolve())
    return params.validate(values)


def run(
    *,
    manifest: Path | str | None = None,
    out_dir: Path | str | None = None,
    overrides: dict[str, Any] | None = None,
    params_file: Path | str | None = None,
    notebooks: list[Path] | None = None,
    resume: bool = False,
    force: bool = False,
    progress: bool = True,
    jobs: int = 1,
    allow_foreign: bool = False,
    allow_outside_corpus: bool = False,
    id_column: str = "doc_id",
    text_column: str = "text",
) -> Path:
    """Run every notebook and publish the outputs atomically.

    Parameters
    ----------
    manifest, out_dir : path, optional
        Another corpus and another output root; default the repository's own. Another
        corpus needs an ``out_dir`` outside the repository.
    overrides : dict, optional
        ``-p NAME VALUE`` pairs (strings are coerced by the schema).
    params_file : path, optional
        YAML mapping of parameters (``--params FILE``).
    notebooks : list of Path, optional
        Default: the shipped notebooks, :data:`PIPELINE_NOTEBOOKS`.
    resume : bool
        Skip notebooks that already succeeded in the staging folder with identical inputs.
    force : bool
        Execute every notebook even when the published outputs of an identical notebook,
        parameters, inputs, upstream results and library code could be reused.
    jobs : int
        Notebooks executed at the same time when they do not depend on each other
        (:data:`NEEDS`); 0 = one per available core. The default, 1, runs them one after
        another in this process. On 2 cores side by side was 18-30% faster (benchmark, 10 and
        100 MB) but the run's memory peaked at 2.2-2.4 GB against 1.3-1.4 GB.
    allow_foreign : bool
        Publish into an ``out_dir`` whose output folders hold files the pipeline did not
        write; they are left as they are.
    id_column, text_column : str
        For a manifest that is a table of texts (``.xlsx``, ``.jsonl``, or a ``.csv`` with
        ``text_column`` and no ``file`` column): the columns of each document's id and text.
        The table is written as a corpus folder into ``<out_dir>/build/corpus/``
        (:func:`policystudy.ingest.tables.import_table`) and the run uses its manifest.
    allow_outside_corpus : bool
        Accept manifest ``file`` entries that lead outside the manifest's folder.

    Returns
    -------
    Path
        The output root.

    Raises
    ------
    ParameterError, CorpusError
        Before any notebook runs.
    OutputFolderError
        Before any notebook runs: another corpus into the repository, an output folder
        holding foreign files, or one that another run is writing into.
    PipelineError
        When a notebook fails, or publishing fails (rolled back); nothing is published.
    """

    values = resolve_params(
        params_file=params_file, overrides=overrides, manifest=manifest, out_dir=out_dir
    )
    out = Path(values["out_dir"])
    publish.refuse_repository(out, Path(values["manifest"]), out_given=out_dir is not None)
    from policystudy.ingest import tables

    if tables.is_text_table(values["manifest"], text_column=text_column):
        # A table of texts becomes a corpus folder in the run's working folder: the table
        # itself is only read (docs/promises.md).
        imported = tables.import_table(
            values["manifest"], out / "build" / "corpus", id_column=id_column,
            text_column=text_column, replace=True,
        )  # fmt: skip
        values["manifest"] = str(imported)
    meta = read_manifest(values["manifest"], allow_outside=allow_outside_corpus)
    check_group_by(values["manifest"], values["group_by"], list(meta.columns))
    params.check_time_by(values["time_by"], list(meta.columns))
    audit = manifest_audit(
        values["manifest"], group_by=values["group_by"], allow_outside=allow_outside_corpus
    )
    if len(audit):
        # Said before the run, not only in the report: the groups are not what the file shows.
        warnings.warn(
            f"manifest: {len(audit)} value(s) used other than as written (invisible or "
            "bidirectional characters removed, blank groups shown as (blank)): see "
            "data/processed/manifest_audit.csv",
            UserWarning,
            stacklevel=2,
        )
    _check_against_corpus(values, meta)
    notebooks = notebooks or notebook_files()
    if not notebooks:
        raise PipelineError(f"no notebooks found in {paths.NOTEBOOKS}")
    with publish.lock(out):
        publish.recover(out)
        publish.check_output_folder(out, allow_foreign=allow_foreign)
        with runner.kernel_env(out, allow_outside_corpus=allow_outside_corpus):
            return runner.execute(
                values, meta, out, notebooks, resume=resume, force=force, progress=progress,
                jobs=jobs,
            )  # fmt: skip


def _check_against_corpus(values: dict[str, Any], meta: pd.DataFrame) -> None:
    """Parameter checks that need the corpus, done cheaply before any notebook runs.

    Paragraphs are at most the non-empty lines of the documents, so ``n_topics`` above that
    bound is refused here; notebook 02 checks the exact paragraph count again.
    """
    from policystudy.ingest.corpus import read_text, resolve_file

    if values.get("n_topics", 0) <= 0:
        return
    lines = 0
    for file in meta["file"]:
        text = read_text(resolve_file(values["manifest"], file)).text
        lines += sum(1 for line in text.splitlines() if line.strip())
    params.require(
        values["n_topics"] <= lines,
        "n_topics",
        f"must be <= the number of paragraphs; the corpus has at most {lines}, "
        f"got {values['n_topics']}",
    )
