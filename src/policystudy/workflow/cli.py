"""The ``policystudy`` console script.

Bad input (a refused corpus, an invalid parameter, a refused output folder, a failed notebook,
a full disk) ends with one clear message on stderr that names the file, and a non-zero exit
status, never a traceback. Warnings are shown as one line each, without the library's file
and line number. What ``run`` never overwrites and what it refuses: ``docs/promises.md``.

Examples
--------
>>> from click.testing import CliRunner
>>> result = CliRunner().invoke(main, ["info"])
>>> result.exit_code, result.output.splitlines()[0]
(0, '5 documents in 4 regions (manifest data/corpus.csv)')
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import sys
import tempfile
import warnings
from pathlib import Path
from typing import NoReturn

import click

from policystudy.ingest.corpus import CorpusError
from policystudy.workflow import paths
from policystudy.workflow.instruments_cli import instruments_command, unit_option
from policystudy.workflow.params import ParameterError
from policystudy.workflow.validate_cli import validate

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1
# As a shell reports a command ended by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def _exit_interrupted() -> NoReturn:
    """Leave with the documented status 130 once an interrupted run has said so.

    Even with SIGINT ignored, about one interrupted run in twenty still ended with -2 (killed by
    SIGINT) after its message: an interrupt left inside the run's event loop surfaced while the
    interpreter finalised it, and Python ends a process whose KeyboardInterrupt reaches the top
    by killing itself with SIGINT. The exit handlers (worker pools, kernels) run here, then the
    process leaves without that finalisation.
    """
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(EXIT_INTERRUPTED)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    # The user needs what went wrong, not where in the library it was noticed.
    click.echo(f"warning: {message}", err=True)


def read_text_input(file: str) -> tuple[str, str]:
    """Name and text of FILE, or of stdin for ``-``, decoded with the corpus's encoding
    detection; a missing, binary, undecodable or empty input ends with a message naming it."""
    from policystudy.ingest.encoding import detect_encoding, looks_binary

    if file == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        path = Path(file)
        if not path.is_file():
            _fail(f"{file}: file not found")
        data = path.read_bytes()
        name = file
    if not data.strip():
        _fail(f"{name}: empty input, nothing to read")
    if looks_binary(data):
        _fail(f"{name}: binary file (contains NUL bytes), not text")
    try:
        return name, detect_encoding(data).text
    except UnicodeDecodeError as err:
        _fail(f"{name}: {err.reason}")
    return name, ""


def _read_input(file: str) -> str:
    return read_text_input(file)[1]


def _print_tsv(df) -> None:
    click.echo(df.to_csv(sep="\t", index=False, lineterminator="\n"), nl=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="policystudy")
@click.option(
    "--project",
    type=click.Path(file_okay=False, exists=True),
    default=None,
    help="Project folder (with params.yaml or data/corpus.csv); default: found from the "
    "current directory upwards.",
)
def main(project: str | None) -> None:
    """Compare what Chinese local governments prioritise in livelihood (民生) policy."""
    warnings.showwarning = _show_warning
    if project:
        # An environment variable, so that the notebook kernels find the same project.
        os.environ[paths.PROJECT_ENV] = str(Path(project).resolve())


@main.command()
@click.option(
    "--manifest",
    type=click.Path(dir_okay=False),
    default=None,
    help="Manifest CSV (default data/corpus.csv).",
)
@click.option(
    "--allow-outside-corpus",
    is_flag=True,
    help="Accept manifest files outside the manifest's folder (only for a trusted manifest).",
)
@click.option("--id-column", default="doc_id", show_default=True,
              help="For a table of texts (.xlsx, .jsonl, or a .csv with a text column).")  # fmt: skip
@click.option("--text-column", default="text", show_default=True,
              help="For a table of texts: the column holding the text.")  # fmt: skip
@click.option("--group-by", default="region", show_default=True,
              help="The manifest column that defines the groups (as -p group_by in run).")  # fmt: skip
def info(
    manifest: str | None,
    allow_outside_corpus: bool,
    id_column: str,
    text_column: str,
    group_by: str,
) -> None:
    """Print the corpus overview: one line per document."""
    import pandas as pd

    from policystudy.ingest import corpus, preprocess
    from policystudy.ingest import tables as text_tables

    scratch = tempfile.TemporaryDirectory(prefix="policystudy-info-")
    try:
        path = Path(manifest) if manifest else paths.DEFAULT_MANIFEST
        source = path
        if text_tables.is_text_table(path, text_column=text_column):
            # A table of texts is read through a corpus folder written to a scratch folder.
            source = text_tables.import_table(
                path, Path(scratch.name) / "corpus", id_column=id_column, text_column=text_column
            )
        docs = corpus.load_corpus(source, allow_outside=allow_outside_corpus, group_by=group_by)
        tables = preprocess.prepare(docs)
    except (CorpusError, paths.ProjectNotFoundError) as err:
        _fail(str(err))
    ov = tables.overview
    project = paths.find_project()
    shown = path
    if project is not None and path.resolve().is_relative_to(project):
        shown = path.resolve().relative_to(project)
    groups = "regions" if group_by == "region" else f"groups by {group_by}"
    click.echo(f"{len(ov)} documents in {ov[group_by].nunique()} {groups} (manifest {shown})")
    cols = ["doc_id", group_by, "place", "encoding", "chars", "paragraphs", "removed_lines",
            "converted_to_simplified"]  # fmt: skip
    table = ov.reindex(columns=list(dict.fromkeys(cols))).fillna("")
    table = table.rename(
        columns={"removed_lines": "removed", "converted_to_simplified": "converted"}
    )
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        click.echo(table.to_string(index=False))


@main.command("import")
@click.argument("table", type=click.Path(dir_okay=False))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="The corpus folder to write (new or empty).")  # fmt: skip
@click.option("--id-column", default="doc_id", show_default=True, help="The id column.")
@click.option(
    "--text-column", default="text", show_default=True, help="The column holding the text."
)
def import_table(table: str, out_dir: str, id_column: str, text_column: str) -> None:
    """Write a table of texts (CSV, XLSX, JSONL) as a manifest and one .txt file a document.

    Every other column is metadata; a workbook with several sheets gets a ``sheet`` column.
    """
    from policystudy.ingest import tables

    try:
        manifest = tables.import_table(table, out_dir, id_column=id_column, text_column=text_column)
    except CorpusError as err:
        _fail(str(err))
    n = sum(1 for _ in manifest.open(encoding="utf-8")) - 1
    click.echo(f"{n} documents written; manifest {manifest}")


def _parse_overrides(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return {name: value for name, value in pairs}


@main.command()
@click.option(
    "--manifest",
    type=click.Path(dir_okay=False),
    default=None,
    help="Manifest CSV of another corpus (default data/corpus.csv); needs --out.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Output root (default: the repository itself, only for the project's own corpus).",
)
@click.option(
    "-p",
    "--param",
    "pairs",
    type=(str, str),
    multiple=True,
    metavar="NAME VALUE",
    help="Override one parameter (repeatable); validated before any notebook runs.",
)
@click.option(
    "--params",
    "params_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="YAML file of parameters, applied after params.yaml.",
)
@click.option("--resume", is_flag=True, help="Skip notebooks that already succeeded in staging.")
@click.option(
    "--force",
    is_flag=True,
    help="Execute every notebook, even those whose published outputs are up to date.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Notebooks run at once when independent of each other; 0 = one per core. More than "
    "1 is faster with spare cores but needs the memory of several notebooks at once.",
)
@click.option(
    "--allow-foreign",
    is_flag=True,
    help="Publish into an --out whose data/processed, figures or reports hold files "
    "policystudy did not write; they are never moved, overwritten or deleted.",
)
@click.option(
    "--allow-outside-corpus",
    is_flag=True,
    help="Accept manifest files outside the manifest's folder (only for a trusted manifest).",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option(
    "--id-column", default="doc_id", show_default=True,
    help="For a table of texts (.xlsx, .jsonl, or a .csv with a text column): the id column.",
)  # fmt: skip
@click.option(
    "--text-column", default="text", show_default=True,
    help="For a table of texts: the column holding each document's text.",
)  # fmt: skip
def run(
    manifest, out_dir, pairs, params_file, resume, force, jobs, allow_foreign,
    allow_outside_corpus, quiet, id_column, text_column,
) -> None:  # fmt: skip
    """Execute the notebooks with papermill and publish the outputs atomically."""
    from policystudy.workflow import pipeline

    try:
        out = pipeline.run(
            manifest=manifest,
            out_dir=out_dir,
            overrides=_parse_overrides(pairs),
            params_file=params_file,
            resume=resume,
            force=force,
            progress=not quiet,
            jobs=jobs,
            allow_foreign=allow_foreign,
            allow_outside_corpus=allow_outside_corpus,
            id_column=id_column,
            text_column=text_column,
        )
    except (
        CorpusError,
        ParameterError,
        pipeline.OutputFolderError,
        paths.ProjectNotFoundError,
    ) as err:
        _fail(f"refused before any notebook ran: {err}")
    except pipeline.PipelineError as err:
        _fail(f"run failed: {err}", EXIT_FAILED)
    except KeyboardInterrupt:
        # Reporting and cleaning up (kernels shut down at exit) must not be cut short by a
        # second SIGINT: one arriving while the interpreter finalises killed the process
        # (exit -2) after the message, instead of the documented 130 (seen once in CI).
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        where = out_dir or paths.find_project() or Path.cwd()
        click.echo(
            f"interrupted: nothing was published, the last good outputs in {where} are "
            "untouched; rerun with --resume to go on where the run stopped",
            err=True,
        )
        _exit_interrupted()
    except OSError as err:
        where = err.filename or out_dir or paths.find_project() or Path.cwd()
        _fail(f"run failed: cannot write {where}: {err.strerror or err}", EXIT_FAILED)
    last = json.loads((out / "build" / pipeline.LAST_RUN).read_text(encoding="utf-8"))
    reused = f", reused {len(last['reused'])} up-to-date" if last["reused"] else ""
    click.echo(
        f"outputs published to {out} (executed {len(last['executed'])} notebook(s){reused})",
        err=True,
    )


@main.command()
@click.option(
    "--keep",
    type=click.Path(file_okay=False),
    default=None,
    help="Keep the fresh run in this folder instead of a temporary one.",
)
def check(keep: str | None) -> None:
    """Re-run the pipeline in a scratch folder and compare with the committed outputs."""
    from policystudy.workflow import pipeline

    try:
        root = paths.project_root()
    except paths.ProjectNotFoundError as err:
        _fail(str(err))
    with tempfile.TemporaryDirectory(prefix="policystudy-check-") as tmp:
        scratch = Path(keep) if keep else Path(tmp)
        try:
            pipeline.run(out_dir=scratch, progress=False, force=True)
        except (CorpusError, ParameterError, pipeline.PipelineError) as err:
            _fail(f"freshness check could not run the pipeline: {err}", EXIT_FAILED)
        diffs = pipeline.compare_outputs(root, scratch)
    if diffs:
        lines = "\n".join(f"  - {d}" for d in diffs)
        _fail(f"outputs are stale, run `policystudy run` and commit:\n{lines}", EXIT_FAILED)
    click.echo("outputs are fresh: committed tables, figures and report match the current code")


@main.command("open")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Output root whose site to open (default: the repository itself).",
)
@click.option("--print", "print_only", is_flag=True, help="Only print the site's path.")
def open_site(out_dir: str | None, print_only: bool) -> None:
    """Open the findings site (reports/site/index.html) in a browser, or print its path."""
    import os
    import webbrowser

    from policystudy.report.site import site_index

    index = site_index(Path(out_dir) if out_dir else paths.ROOT).resolve()
    if not index.is_file():
        _fail(f"{index}: no site there yet; run `policystudy run` first", EXIT_FAILED)
    # Without a display (a server, CI, a container) webbrowser would start a text browser or
    # fail; the path is what a user there can use.
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if print_only or headless or not webbrowser.open(index.as_uri()):
        click.echo(index)
    else:
        click.echo(f"opened {index}", err=True)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True)
@click.option(
    "--method",
    type=click.Choice(["tfidf", "textrank", "keyness"]),
    default="tfidf",
    show_default=True,
)
def keywords(files, top, method) -> None:
    """Keywords of each text FILE (each file is its own group), as TSV."""
    from policystudy.keywords import keywords_for_files

    missing = [f for f in files if not Path(f).is_file()]
    if missing:
        _fail("\n".join(f"{f}: file not found" for f in missing))
    for f in files:  # a binary, empty or undecodable file: a message, not keywords of noise
        read_text_input(f)
    try:
        _print_tsv(keywords_for_files([Path(f) for f in files], top=top, method=method))
    except (ValueError, UnicodeDecodeError) as err:
        _fail(str(err))


@main.command()
@click.argument("file", type=str)
@unit_option
@click.option("--taxonomy", type=str, default="", help="Taxonomy YAML; default: the packaged one.")
def domains(file: str, unit: str, taxonomy: str) -> None:
    """Classify each line of FILE (or - for stdin) into livelihood domains, as TSV.

    The classifier is the one the pipeline codes sentences with; text outside livelihood
    policy is non_livelihood.
    """
    from policystudy.domains import TaxonomyError, classify_lines, domains_tsv

    try:
        table = classify_lines(_read_input(file).splitlines(), taxonomy=taxonomy or None, unit=unit)
    except (TaxonomyError, FileNotFoundError) as err:
        _fail(str(err))
    click.echo(domains_tsv(table), nl=False)


@main.command()
@click.argument("files", nargs=-1, required=True, type=str)
@click.option(
    "--lines",
    is_flag=True,
    help="Read each line as an independent text and add a 1-based `line` column.",
)
@click.option(
    "--year",
    type=click.IntRange(min=1800, max=2200),
    default=None,
    help="Year of the text(s): anchors 今年, 明年, 今后五年 and tells a past deadline.",
)
def targets(files: tuple[str, ...], lines: bool, year: int | None) -> None:
    """Extract the quantified targets of FILES (or - for stdin), as TSV.

    With several files a `doc_id` column names the file each row comes from.
    """
    from policystudy.targets import drop_duplicates, extract_targets_from_text, to_tsv

    frames = []
    for file in files:
        found = extract_targets_from_text(_read_input(file), year=year, lines=lines)
        if not lines:
            # Whole files: a commitment repeated in the text is listed once.
            found = drop_duplicates(found.assign(doc_id=file))
            found = found.drop(columns=["mentions", "also_in"])
        else:
            found = found.assign(doc_id=file)
        frames.append(found)
    import pandas as pd

    table = pd.concat(frames, ignore_index=True)
    if len(files) == 1:
        table = table.drop(columns="doc_id")
    click.echo(to_tsv(table), nl=False)


# Registered here, written in its own module (validate_cli): draw and score coding samples.
main.add_command(validate)
main.add_command(instruments_command(_read_input, _fail))


if __name__ == "__main__":  # pragma: no cover
    main()
