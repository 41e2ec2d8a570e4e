"""One registry of the tables a run writes to ``data/processed/``.

Each table is declared once (:mod:`.table_specs`): its name, the notebook that writes it,
its columns in order with their types. Producers check a frame against the declaration
before it is written (:func:`write`), readers get the declared types back (:func:`read`),
and the pipeline graph, the report and the site take table and column names from here, so
renaming a column is one edit in the declaration plus the code that uses its meaning.

Types are few: ``str`` (ids, labels, text: never turned into numbers, ``010`` stays
``010``), ``int``, ``float`` and ``bool`` (written ``True``/``False``). An empty cell of a
numeric column is NaN, and an ``int`` column with an empty cell reads as ``float`` (as
pandas holds integers with gaps).

Examples
--------
>>> table("keywords").column_names[:4]
('group', 'method', 'rank', 'term')
>>> table("keywords").column("rank").dtype, table("keywords").notebook
('int', '01_keywords')
>>> import pandas as pd, tempfile
>>> d = tempfile.mkdtemp()
>>> _ = write(pd.DataFrame({"term": ["0100"], "kind": ["数字"], "count": [3]}), d, "term_kinds")
>>> read(d, "term_kinds").to_dict("list")
{'term': ['0100'], 'kind': ['数字'], 'count': [3]}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from policystudy.core import io
from policystudy.core.table_specs import COMMON_NOTES, SPECS

DTYPES = ("str", "int", "float", "bool")


@dataclass(frozen=True)
class Column:
    """One declared column: its name, type (one of :data:`DTYPES`) and meaning."""

    name: str
    dtype: str  # "str" | "int" | "float" | "bool"
    description: str = ""
    nullable: bool = True

    def __post_init__(self) -> None:
        if self.dtype not in DTYPES:
            raise ValueError(f"column {self.name}: dtype {self.dtype!r} is not one of {DTYPES}")


@dataclass(frozen=True)
class Table:
    """One declared table: name, the notebook (stem) that writes it, its columns in order.

    ``extra_columns`` marks tables whose further columns are named by the user's data (the
    manifest's metadata after ``doc_id``, the ``group_by`` column): the declared columns must
    be there, in their order, with others between them.
    """

    name: str
    notebook: str  # stem, e.g. "03_priorities"
    columns: tuple[Column, ...]
    description: str = ""
    extra_columns: bool = False

    @property
    def column_names(self) -> tuple[str, ...]:
        """The declared column names, in order."""
        return tuple(c.name for c in self.columns)

    @property
    def id_columns(self) -> tuple[str, ...]:
        """The text columns: ids, groups, labels (never read as numbers).

        Examples
        --------
        >>> table("similarity").id_columns
        ('level', 'item_a', 'item_b')
        """
        return tuple(c.name for c in self.columns if c.dtype == "str")

    def column(self, name: str) -> Column:
        """The declared column ``name``.

        Examples
        --------
        >>> table("topics").column("weight")
        Column(name='weight', dtype='float', description='', nullable=True)
        >>> table("topics").column("score")
        Traceback (most recent call last):
        ...
        KeyError: "topics has no column 'score'; it has topic, label, background, rank, term, weight"
        """
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.name} has no column {name!r}; it has {', '.join(self.column_names)}")


def _build(spec: dict) -> Table:
    cols = []
    notes = spec["notes"]
    for item in spec["columns"].split():
        name, _, dtype = item.partition(":")
        cols.append(Column(name, dtype or "str", notes.get(name, COMMON_NOTES.get(name, ""))))
    names = [c.name for c in cols]
    if len(set(names)) != len(names) or set(notes) - set(names):
        raise ValueError(f"{spec['name']}: repeated columns or notes on undeclared ones")
    return Table(spec["name"], spec["notebook"], tuple(cols), spec["description"],
                 spec["extra_columns"])  # fmt: skip


#: Every table a run writes to ``data/processed/``, by name, in the order the notebooks write them.
TABLES: Mapping[str, Table] = MappingProxyType({s["name"]: _build(s) for s in SPECS})


def table(name: str) -> Table:
    """The declaration of table ``name``.

    Examples
    --------
    >>> table("priority_lodo").notebook
    '03_priorities'
    >>> table("prioritys")
    Traceback (most recent call last):
    ...
    KeyError: "no table 'prioritys' is declared in policystudy.core.table_specs; known: cleaning_audit, ..."
    """
    try:
        return TABLES[name]
    except KeyError:
        known = ", ".join(sorted(TABLES))
        raise KeyError(
            f"no table {name!r} is declared in policystudy.core.table_specs; known: {known}"
        ) from None


def tables_of(notebook: str) -> tuple[str, ...]:
    """The tables notebook ``notebook`` (a stem) writes, in declaration order.

    Examples
    --------
    >>> tables_of("02_topics")
    ('topics', 'topic_prevalence', 'similarity', 'n_topics_scan')
    """
    return tuple(name for name, t in TABLES.items() if t.notebook == notebook)


def check(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """``df`` unchanged if it has the declared columns of ``name`` in order, else an error.

    Examples
    --------
    >>> df = pd.DataFrame({"level": ["group"], "item_a": ["辽宁"], "item_b": ["吉林"], "cosine": [0.5]})
    >>> check(df, "similarity") is df
    True
    >>> check(df[["item_a", "level", "item_b", "cosine"]], "similarity")
    Traceback (most recent call last):
    ...
    ValueError: similarity: columns item_a, level, item_b, cosine, declared level, item_a, item_b, cosine (policystudy.core.table_specs)
    >>> check(df.drop(columns="cosine"), "similarity")
    Traceback (most recent call last):
    ...
    ValueError: similarity: declared column cosine missing (has level, item_a, item_b)
    """
    spec = table(name)
    have = [str(c) for c in df.columns]
    missing = [c for c in spec.column_names if c not in have]
    if missing:
        raise ValueError(
            f"{name}: declared column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"missing (has {', '.join(have)})"
        )
    order = [c for c in have if c in spec.column_names] if spec.extra_columns else have
    if order != list(spec.column_names):
        raise ValueError(
            f"{name}: columns {', '.join(have)}, declared {', '.join(spec.column_names)} "
            "(policystudy.core.table_specs)"
        )
    return df


def write(df: pd.DataFrame, directory: Path | str, name: str) -> Path:
    """Check ``df`` against the declaration and write ``<directory>/<name>.csv``."""
    path = Path(directory) / f"{name}.csv"
    io.write_table(check(df, name), path)
    return path


def read(directory: Path | str, name: str, *, text_columns: Iterable[str] = ()) -> pd.DataFrame:
    """Read ``<directory>/<name>.csv`` with the declared columns cast to their types.

    Undeclared columns (``extra_columns`` tables) are read as :func:`.io.read_table` reads
    them; ``text_columns`` keeps some of them text (the grouping column).

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "priority_agreement.csv").write_text("group,doc_a,doc_b,kendall_tau\\n010,a,b,\\n")
    >>> read(d, "priority_agreement").to_dict("list")
    {'group': ['010'], 'doc_a': ['a'], 'doc_b': ['b'], 'kendall_tau': [nan]}
    >>> _ = (d / "similarity.csv").write_text("level,item_a,cosine\\ngroup,a,1\\n")
    >>> read(d, "similarity")
    Traceback (most recent call last):
    ...
    ValueError: .../similarity.csv: declared column item_b missing (see policystudy.core.table_specs)
    """
    spec = table(name)
    path = Path(directory) / f"{name}.csv"
    df = io.read_table(path, text_columns=[*spec.id_columns, *text_columns])
    for col in spec.columns:
        if col.name not in df.columns:
            raise ValueError(
                f"{path}: declared column {col.name} missing (see policystudy.core.table_specs)"
            )
        df[col.name] = _cast(df[col.name], col, path)
    return df


def _cast(cells: pd.Series, col: Column, path: Path) -> pd.Series:
    if col.dtype == "str":
        return cells
    if col.dtype == "bool":
        if pd.api.types.is_bool_dtype(cells):
            return cells
        values = cells.map({"True": True, "False": False, "": None, True: True, False: False})
        if values.isna().sum() != (cells == "").sum():
            bad = cells[~cells.isin(["True", "False", ""])].iloc[0]
            raise ValueError(f"{path}: column {col.name} is declared bool but holds {bad!r}")
        return values.astype(bool) if values.notna().all() else values.astype("boolean")
    if not pd.api.types.is_numeric_dtype(cells) or pd.api.types.is_bool_dtype(cells):
        numbers = pd.to_numeric(cells.replace("", None), errors="coerce")
        bad = cells[numbers.isna() & (cells != "")]
        if len(bad):
            raise ValueError(
                f"{path}: column {col.name} is declared {col.dtype} but holds {bad.iloc[0]!r}"
            )
        cells = numbers
    if col.dtype == "float":
        return cells.astype(float)
    whole = cells.dropna()
    if not (whole == whole.round()).all():
        raise ValueError(f"{path}: column {col.name} is declared int but holds fractions")
    return cells.astype("int64") if cells.notna().all() else cells.astype(float)


__all__ = ["DTYPES", "TABLES", "Column", "Table", "check", "read", "table", "tables_of", "write"]
