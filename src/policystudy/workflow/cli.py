"""The ``policystudy`` console script.

Bad input (a refused corpus, an invalid parameter, a failed notebook) ends with one clear
message on stderr and a non-zero exit status, never a traceback.

Examples
--------
>>> from click.testing import CliRunner
>>> result = CliRunner().invoke(main, ["info"])
>>> result.exit_code, result.output.splitlines()[0]
(0, '5 documents in 4 regions (manifest data/corpus.csv)')
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import click

from policystudy.ingest.corpus import CorpusError
from policystudy.workflow import paths
from policystudy.workflow.params import ParameterError

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def _read_input(file: str) -> str:
    """Text of FILE, or of stdin for ``-``, decoded with the corpus's encoding detection."""
    from policystudy.ingest.corpus import detect_encoding

    if file == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        path = Path(file)
        if not path.is_file():
            _fail(f"{file}: file not found")
        data = path.read_bytes()
        name = file
    try:
        return detect_encoding(data).text
    except UnicodeDecodeError:
        _fail(
            f"{name}: undecodable: not UTF-8, GB18030, Big5 "
            "or any encoding charset-normalizer knows"
        )
    return ""


def _print_tsv(df) -> None:
    click.echo(df.to_csv(sep="\t", index=False, lineterminator="\n"), nl=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="policystudy")
def main() -> None:
    """Compare what Chinese local governments prioritise in livelihood (民生) policy."""


@main.command()
@click.option(
    "--manifest",
    type=click.Path(dir_okay=False),
    default=None,
    help="Manifest CSV (default data/corpus.csv).",
)
def info(manifest: str | None) -> None:
    """Print the corpus overview: one line per document."""
    import pandas as pd

    from policystudy.ingest import corpus, preprocess

    path = Path(manifest) if manifest else paths.DEFAULT_MANIFEST
    try:
        tables = preprocess.prepare(corpus.load_corpus(path))
    except CorpusError as err:
        _fail(str(err))
    ov = tables.overview
    try:
        shown = path.resolve().relative_to(paths.ROOT)
    except ValueError:
        shown = path
    click.echo(f"{len(ov)} documents in {ov['region'].nunique()} regions (manifest {shown})")
    cols = ["doc_id", "region", "place", "encoding", "chars", "paragraphs", "removed_lines",
            "converted_to_simplified"]  # fmt: skip
    table = ov.reindex(columns=cols).fillna("")
    table = table.rename(
        columns={"removed_lines": "removed", "converted_to_simplified": "converted"}
    )
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        click.echo(table.to_string(index=False))


def _parse_overrides(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return {name: value for name, value in pairs}


@main.command()
@click.option(
    "--manifest",
    type=click.Path(dir_okay=False),
    default=None,
    help="Manifest CSV of another corpus (default data/corpus.csv).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Output root (default: the repository itself).",
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
@click.option("--quiet", is_flag=True, help="No progress bar.")
def run(manifest, out_dir, pairs, params_file, resume, force, jobs, quiet) -> None:
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
        )
    except (CorpusError, ParameterError) as err:
        _fail(f"refused before any notebook ran: {err}")
    except pipeline.PipelineError as err:
        _fail(f"run failed: {err}", EXIT_FAILED)
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

    with tempfile.TemporaryDirectory(prefix="policystudy-check-") as tmp:
        scratch = Path(keep) if keep else Path(tmp)
        try:
            pipeline.run(out_dir=scratch, progress=False, force=True)
        except (CorpusError, ParameterError, pipeline.PipelineError) as err:
            _fail(f"freshness check could not run the pipeline: {err}", EXIT_FAILED)
        diffs = pipeline.compare_outputs(paths.ROOT, scratch)
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
    try:
        _print_tsv(keywords_for_files([Path(f) for f in files], top=top, method=method))
    except (ValueError, UnicodeDecodeError) as err:
        _fail(str(err))


@main.command()
@click.argument("file", type=str)
def domains(file: str) -> None:
    """Classify each line of FILE (or - for stdin) into livelihood domains, as TSV."""
    from policystudy.domains import classify_lines, domains_tsv

    click.echo(domains_tsv(classify_lines(_read_input(file).splitlines())), nl=False)


@main.command()
@click.argument("file", type=str)
def targets(file: str) -> None:
    """Extract the quantified targets of FILE (or - for stdin), as TSV."""
    from policystudy.targets import extract_targets_from_text, to_tsv

    click.echo(to_tsv(extract_targets_from_text(_read_input(file))), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
