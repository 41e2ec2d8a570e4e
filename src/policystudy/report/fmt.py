"""Small formatters every report section shares: percentages, intervals, counts, capped lists.

A list in the report names at most :data:`LIST_MAX` items; the rest are counted and linked to
their table, so the report reads the same at 5 or 500 documents.

Examples
--------
>>> pct(0.18545), ci(0.1, 0.25), n_of(1, "document"), n_of(3, "document")
('18.5%', '[10.0–25.0]', '1 document', '3 documents')
>>> p_text(0.0312), p_text(0.0001, bound=True, n_permutations=9999)
('p = 0.031', 'p < 0.0001')
"""

from __future__ import annotations

import pandas as pd

from policystudy.core.markdown import md_code
from policystudy.report.links import cite

LIST_MAX = 10


def missing(x) -> bool:
    """NaN, None or an empty cell (a CSV column with no value at all reads back as text)."""
    return x is None or (isinstance(x, str) and not x.strip()) or bool(pd.isna(x))


def pct(x: float, digits: int = 1) -> str:
    """Format a share as a percentage.

    A missing share (NaN: nothing to divide by) is ``–``, never ``nan%``.

    Examples
    --------
    >>> pct(0.18545), pct(float("nan"))
    ('18.5%', '–')
    """
    if missing(x):
        return "–"
    return f"{100 * float(x):.{digits}f}%"


def ci(low: float, high: float) -> str:
    """An interval in percentage points; empty when either end is missing (never ``[?–?]``).

    Examples
    --------
    >>> ci(0.1, float("nan"))
    ''
    """
    if missing(low) or missing(high):
        return ""
    return f"[{100 * float(low):.1f}–{100 * float(high):.1f}]"


def p_text(
    p: float,
    bound: bool = False,
    *,
    holm: bool = False,
    n_permutations: int | None = None,
    written: object = "",
    named: bool = True,
) -> str:
    """A permutation p-value as the report prints it: the one formatter for every section.

    A p-value no permutation reached is a bound, never a value: a raw one is below
    ``1/(n_permutations + 1)``, printed ``p < …``; after Holm's multiplication it is an upper
    bound, printed ``Holm p ≤ …``.

    Parameters
    ----------
    p : float
        The p-value (``p_value``, ``p_holm``); missing gives ``no p``.
    bound : bool
        Whether ``p`` sits on the permutation floor.
    holm : bool
        Whether ``p`` is Holm-corrected (named ``Holm p``).
    n_permutations : int, optional
        The permutations a raw bound rests on.
    written : str, optional
        The table's own text for the value (``priority_tests.p_holm_text``, ``< 4e-05``),
        printed as it is.
    named : bool
        ``False`` for the value alone (``0.031``), for a sentence that names the p-value
        itself and links only the number.

    Examples
    --------
    >>> p_text(0.0312, holm=True), p_text(0.0004, True, holm=True), p_text(float("nan"))
    ('Holm p = 0.031', 'Holm p ≤ 0.0004', 'no p')
    >>> p_text(0.0312, named=False), p_text(4e-05, written="< 4e-05", named=False)
    ('0.031', '< 4e-05')
    """
    name = "Holm p" if holm else "p"
    if isinstance(written, str) and written:
        value = f"= {written}"
    elif missing(p):
        return f"no {name}" if named else "–"
    elif bound:
        value = f"≤ {float(p):.4f}" if holm else f"< {1 / ((n_permutations or 0) + 1):.4f}"
    else:
        value = f"= {float(p):.3f}"
    return f"{name} {value}" if named else value.removeprefix("= ")


def n_of(n: int, noun: str) -> str:
    return f"{int(n)} {noun}" + ("" if int(n) == 1 else "s")


def capped(items: list[str], *, noun: str, table: str) -> list[str]:
    """At most ``LIST_MAX`` items, then one line that counts the rest and links their table.

    Examples
    --------
    >>> capped([f"- {i}" for i in range(12)], noun="pair", table="document_duplicates")[-1]
    '- … and [2 more pairs](../data/processed/document_duplicates.csv).'
    >>> len(capped(["- a", "- b"], noun="pair", table="document_duplicates"))
    2
    """
    if len(items) <= LIST_MAX:
        return items
    rest = len(items) - LIST_MAX
    more = cite(f"{rest} more {noun}{'' if rest == 1 else 's'}", table)
    return [*items[:LIST_MAX], f"- … and {more}."]


def id_list(ids: list[str], *, table: str, noun: str = "document", **where: object) -> str:
    """Ids in code spans, at most ``LIST_MAX`` of them, then how many more (linked).

    Examples
    --------
    >>> id_list(["a", "b"], table="corpus_overview")
    '`a`, `b`'
    >>> id_list([f"d{i}" for i in range(12)], table="corpus_overview").endswith(
    ...     "and [2 more documents](../data/processed/corpus_overview.csv)")
    True
    """
    shown = ", ".join(md_code(i) for i in ids[:LIST_MAX])
    if len(ids) <= LIST_MAX:
        return shown
    rest = len(ids) - LIST_MAX
    return f"{shown} and " + cite(n_of(rest, f"more {noun}"), table, **where)
