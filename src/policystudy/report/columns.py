"""The report's tables with their types: declared columns as :mod:`policystudy.core.tables`
declares them, the manifest's own columns by what they hold; how a manifest value is written.

Examples
--------
>>> df = pd.DataFrame({"level": ["group"], "item_a": ["010"], "item_b": ["2"], "cosine": [""]},
...                   dtype=str)
>>> typed(df, "similarity").dtypes.astype(str).tolist()
['str', 'str', 'str', 'float64']
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

import pandas as pd

from policystudy.core import tables
from policystudy.core.io import reads_back


def typed(df: pd.DataFrame, name: str, *, keep: AbstractSet[str] = frozenset()) -> pd.DataFrame:
    """A copy of table ``name`` with its declared columns typed (:func:`declared_numbers`);
    columns the declaration does not name (the manifest's metadata) follow
    :func:`numeric_columns`, ``keep`` (the grouping column) staying text.

    ``bool`` columns are left as read: the reader gives bools, and :func:`flag` takes a
    hand-made frame's ``"True"`` alike.
    """
    declared = set(tables.table(name).column_names)
    return numeric_columns(declared_numbers(df, name), keep=declared | set(keep))


def declared_numbers(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """A copy of table ``name`` with the columns declared ``int`` or ``float`` numeric (a blank
    is NaN, also in a column with no value at all, which reads back as text); every other
    column as it is.

    Examples
    --------
    >>> df = pd.DataFrame({"group": ["2021"], "n_documents": ["3"], "share": [""]}, dtype=str)
    >>> declared_numbers(df, "priorities_common_period").dtypes.astype(str).tolist()
    ['str', 'int64', 'float64']
    """
    out = df.copy()
    for col in tables.table(name).columns:
        if col.name not in out.columns or col.dtype not in ("int", "float"):
            continue
        if not pd.api.types.is_numeric_dtype(out[col.name]):
            out[col.name] = pd.to_numeric(out[col.name].replace("", None), errors="coerce")
    return out


def numeric_columns(df: pd.DataFrame, *, keep: AbstractSet[str] = frozenset()) -> pd.DataFrame:
    """A copy whose text columns holding only numbers (and blanks) are numeric, but ``keep``.

    :func:`policystudy.core.io.read_table` does this for ``object`` columns; with the string
    dtype of recent pandas the report does it itself, by the same rule: a column becomes
    numeric only when every cell reads back exactly as written, so ``010`` stays ``010``.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["1", "2"], "rank": ["1", ""], "code": ["010", "2"]},
    ...                   dtype=str)
    >>> numeric_columns(df, keep={"doc_id"})["rank"].tolist()[0]
    1.0
    >>> numeric_columns(df, keep={"doc_id"})["doc_id"].tolist()
    ['1', '2']
    >>> numeric_columns(df)["code"].tolist()
    ['010', '2']
    """
    out = df.copy()
    for col in out.columns:
        if col in keep or pd.api.types.is_numeric_dtype(out[col]):
            continue
        if pd.api.types.is_bool_dtype(out[col]):
            continue
        values = out[col].astype(object)
        filled = values[values.astype(str) != ""]
        if len(filled) and filled.astype(str).map(reads_back).all():
            out[col] = pd.to_numeric(values.replace("", None), errors="coerce")
    return out


def meta_text(value) -> str:
    """A manifest value as written: blank for a missing one, ``2021`` (not ``2021.0``) for a
    year read as a number in a column with blanks.

    Examples
    --------
    >>> meta_text("010"), meta_text(2021.0), meta_text(float("nan")), meta_text(0.5)
    ('010', '2021', '', '0.5')
    """
    if isinstance(value, float):
        if pd.isna(value):
            return ""
        if value.is_integer():
            return str(int(value))
    return str(value)


def flag(value) -> bool:
    """A cell of a declared ``bool`` column as a bool: the reader gives ``True``/``False``; a
    frame made by hand (a test, a notebook) may hold the text ``"True"`` or ``1``.

    Examples
    --------
    >>> flag(True), flag("True"), flag("1"), flag(False), flag(""), flag(float("nan"))
    (True, True, True, False, False, False)
    """
    return str(value).strip().lower() in ("true", "1", "1.0")
