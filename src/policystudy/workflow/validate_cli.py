"""``policystudy validate draw|score``: blind coding samples of a run and their scores.

``draw`` reads a finished run's tables (``<run>/data/processed``) and writes a folder with the
coding sheet (CSV with BOM, and XLSX when openpyxl is installed), the codebook and ``key.csv``
(the machine's labels and the sampling weights: keep it from the coders). ``score`` reads one or
more coded sheets of a draw and writes the agreement and accuracy tables (and the confusion
figure). A bad sheet ends with one message naming file, row and column, and exit status 2.

Examples
--------
>>> from click.testing import CliRunner
>>> result = CliRunner().invoke(validate, ["draw", "--help"])
>>> result.exit_code, "--task" in result.output
(0, True)
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from policystudy.core import defaults
from policystudy.workflow import paths

EXIT_BAD_INPUT = 2


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(EXIT_BAD_INPUT)


def _processed_table(run: str, name: str):
    from policystudy.core.io import read_table

    path = Path(run) / "data" / "processed" / f"{name}.csv"
    if not path.is_file():
        _fail(f"{path}: not found (run `policystudy run --out {run}` first)")
    return read_table(path, text_columns=("primary", "labels", "kind", "unit", "value", "label"))


@click.group()
def validate() -> None:
    """Validate the coding on your own corpus: draw a blind sample, code it, score it."""


@validate.command()
@click.option(
    "--run",
    "run",
    required=True,
    type=click.Path(file_okay=False, exists=True),
    help="A finished run's output folder (the --out of policystudy run).",
)
@click.option(
    "--to",
    "to",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for sheet.csv, sheet.xlsx, key.csv and codebook.md.",
)
@click.option(
    "--task",
    type=click.Choice(["domains", "targets", "topics"]),
    default="domains",
    show_default=True,
    help="Sentences, quantities or word-intrusion items.",
)
@click.option(
    "-n",
    "--n",
    "n",
    type=click.IntRange(min=1),
    default=150,
    show_default=True,
    help="Sample size (domains, targets).",
)
@click.option(
    "--seed", type=int, default=defaults.RANDOM_STATE, show_default=True, help="Random seed."
)
@click.option(
    "--min-per-stratum",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    help="Floor of every stratum (group × machine label): rare labels oversampled.",
)
@click.option(
    "--group-by", default="", help="Group column; default region (domains), group (targets)."
)
@click.option(
    "--coder",
    "coders",
    multiple=True,
    default=("A",),
    show_default=True,
    help="A coder's name; repeat for several coders (one code column each).",
)
@click.option("--show-machine", is_flag=True, help="Show the machine's labels (not blind).")
@click.option("--taxonomy", default="", help="Taxonomy YAML of the codebook; default packaged.")
def draw(run: str, to: str, task: str, n: int, seed: int, min_per_stratum: int, group_by: str,
         coders: tuple[str, ...], show_machine: bool, taxonomy: str) -> None:  # fmt: skip
    """Draw a blind, stratified, seeded coding sample from a finished run."""
    from policystudy.validation import codebook_markdown
    from policystudy.validation import draw as d

    if Path(to).exists() and any(Path(to).iterdir()):
        _fail(f"{to}: folder exists and is not empty (a draw is never overwritten)")
    if task == "domains":
        units = _processed_table(run, "sentence_domains")
        sheet, key = d.draw_sentences(units, n=n, group_by=group_by or "region",
                                      min_per_stratum=min_per_stratum, random_state=seed,
                                      coders=coders, show_machine=show_machine)  # fmt: skip
    elif task == "targets":
        found = _processed_table(run, "targets")
        if found.empty:
            _fail(f"{run}: the run found no quantities to draw")
        sheet, key = d.draw_targets(found, n=n, group_by=group_by or "group",
                                    min_per_stratum=min_per_stratum, random_state=seed,
                                    coders=coders, show_machine=show_machine)  # fmt: skip
    else:
        topics = _processed_table(run, "topics")
        sheet, key = d.draw_word_intrusion(topics, random_state=seed, coders=coders)
        if sheet.empty:
            _fail(f"{run}: the topics table gives no word-intrusion item")
    written = d.write_draw(sheet, key, to, codebook=codebook_markdown(taxonomy or None))
    click.echo(f"{len(sheet)} items drawn ({task}, seed {seed}); wrote "
               + ", ".join(p.name for p in written) + f" in {to}")  # fmt: skip
    click.echo("key.csv holds the machine's labels: do not give it to the coders.")


@validate.command()
@click.argument("sheets", nargs=-1, required=True, type=str)
@click.option("--key", default="", help="The draw's key.csv; default: next to the first sheet.")
@click.option(
    "--run",
    "run",
    default="",
    help="Score against this run's sentence_domains.csv instead of the labels in the key.",
)
@click.option("--to", "to", default="", help="Folder for the score tables and the figure.")
@click.option("--taxonomy", default="", help="Taxonomy YAML (the codes allowed); default packaged.")
@click.option(
    "--n-boot",
    type=click.IntRange(min=100),
    default=1000,
    show_default=True,
    help="Bootstrap replicates of the agreement intervals.",
)
@click.option(
    "--seed", type=int, default=defaults.RANDOM_STATE, show_default=True, help="Bootstrap seed."
)
def score(sheets: tuple[str, ...], key: str, run: str, to: str, taxonomy: str, n_boot: int,
          seed: int) -> None:  # fmt: skip
    """Score coded SHEETS: agreement between coders, the machine against them."""
    from policystudy.domains import TaxonomyError, as_taxonomy
    from policystudy.validation import SheetError, score_sheets, write_scores

    try:
        labels = as_taxonomy(taxonomy or None).codes
        machine = _processed_table(run, "sentence_domains") if run else None
        tables = score_sheets(list(sheets), key=key or None, machine=machine, labels=labels,
                              n_boot=n_boot, random_state=seed)  # fmt: skip
    except (SheetError, TaxonomyError) as err:
        _fail(f"refused: {err}")
    summary = tables["validation_summary"]
    click.echo(summary.to_csv(sep="\t", index=False, lineterminator="\n", float_format="%.4g"),
               nl=False)  # fmt: skip
    if to:
        written = write_scores(tables, to)
        if "validation_confusion" in tables and not tables["validation_confusion"].empty:
            from policystudy.report.corpus_validation import save_confusion

            written += save_confusion(tables["validation_confusion"], to, notebook="")
        click.echo(f"wrote {len(written)} files in {to}", err=True)


def resolve_sheets(value: str, *, manifest: Path | str) -> list[Path]:
    """The coded sheets the ``validation_sheets`` parameter names.

    ``''`` or ``none``: no sheet. ``auto`` (the default): the coded sheets of the project that
    holds the manifest, ``data/validation/<draw>/coded_*.csv`` or ``.xlsx``, when the manifest
    is that project's own ``data/corpus.csv`` (another corpus run from the project folder
    never picks up the project's sheets). Otherwise a comma-separated list of paths, relative ones read from the
    project folder when they are not found from the current directory.

    Examples
    --------
    >>> [p.name for p in resolve_sheets("auto", manifest=paths.DEFAULT_MANIFEST)]
    ['coded_A.csv']
    >>> resolve_sheets("auto", manifest="/elsewhere/corpus.csv"), resolve_sheets("", manifest="")
    ([], [])
    """
    text = value.strip()
    project = paths.find_project()
    if text.lower() in ("", "none"):
        return []
    if text.lower() == "auto":
        # The project that holds the manifest, found from the manifest (a run started outside
        # the project folder with --manifest pointing into it finds the same sheets).
        own = Path(manifest).resolve()
        home = paths.find_project(own.parent) if str(manifest) else None
        if home is None or own != (home / "data" / "corpus.csv").resolve():
            return []
        folder = home / "data" / "validation"
        return sorted([*folder.glob("*/coded_*.csv"), *folder.glob("*/coded_*.xlsx")])
    found = []
    for part in (x.strip() for x in text.split(",")):
        if not part:
            continue
        path = Path(part).expanduser()
        if not path.is_file() and not path.is_absolute() and project is not None:
            path = project / path
        if not path.is_file():
            raise FileNotFoundError(f"validation_sheets: {part}: file not found")
        found.append(path)
    return found


def report_tables(ctx, sheets: list[Path]) -> dict:
    """Score the run's coded sheets for notebook 05: tables written, figure drawn.

    Returns the tables for :func:`policystudy.report.findings.build_report` (empty when there
    is no sheet, and the report then says nothing was validated on this corpus).
    """
    if not sheets:
        return {}
    from policystudy.domains import as_taxonomy
    from policystudy.report.corpus_validation import save_confusion
    from policystudy.validation.score import score_draws

    labels = as_taxonomy(ctx.params.get("taxonomy") or None).codes
    tables = score_draws(sheets, machine=ctx.read_table("sentence_domains"), labels=labels,
                         random_state=0)  # fmt: skip
    for name, df in tables.items():
        ctx.write_table(df, name)
    confusion = tables.get("validation_confusion")
    if confusion is not None and not confusion.empty:
        save_confusion(confusion, ctx.out_dir, notebook=ctx.notebook)
    return tables


__all__ = ["report_tables", "resolve_sheets", "validate"]
