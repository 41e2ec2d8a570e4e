"""``policystudy instruments FILE|-``: code lines into policy instruments, as TSV.

Registered by :mod:`policystudy.workflow.cli`, which hands over its input reader and its
error exit so that both commands read and fail alike, and uses :data:`unit_option` for
``domains`` too.
"""

from __future__ import annotations

from collections.abc import Callable

import click

from policystudy.core import defaults

# The coding unit of the line coders (``domains`` and ``instruments``): one option, so that
# both commands offer the same choices, default and help.
unit_option = click.option(
    "--unit",
    type=click.Choice(["lines", "sentences"]),
    default="lines",
    show_default=True,
    help="Code each line as one unit, or each sentence (long list sentences as clauses).",
)


def instruments_command(
    read_input: Callable[[str], str], fail: Callable[[str], None]
) -> click.Command:
    """The ``instruments`` command, reading FILE with ``read_input`` and failing with ``fail``."""

    @click.command("instruments")
    @click.argument("file", type=str)
    @unit_option
    @click.option(
        "--taxonomy",
        type=str,
        default="",
        help="Instrument typology: 'rothwell' (default), 'regulatory', or a YAML file.",
    )
    @click.option(
        "--method",
        type=click.Choice(["rules", "model"]),
        default=defaults.INSTRUMENT_METHOD,
        show_default=True,
        help="Primary type from the cue rules, or from the model fitted on the development labels.",
    )
    def instruments(file: str, unit: str, taxonomy: str, method: str) -> None:
        """Code each line of FILE (or - for stdin) into policy instruments, as TSV.

        Columns: the primary instrument type (none when no instrument is named), all types,
        the instruments and the cue words that decided them.
        """
        from policystudy.instruments import InstrumentError, instrument_lines, instruments_tsv

        try:
            table = instrument_lines(
                read_input(file).splitlines(), taxonomy=taxonomy or None, unit=unit, method=method
            )
        except (InstrumentError, FileNotFoundError) as err:
            fail(str(err))
            return
        click.echo(instruments_tsv(table), nl=False)

    return instruments
