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
    """A copy of table ``name`` with its declared numeric columns numeric (a blank is NaN,
    also in a column with no value at all) and its declared text columns left as text;
    columns the declaration does not name (the manifest's metadata) follow
    :func:`numeric_columns`, ``keep`` (the grouping column) staying text.

    ``bool`` columns are left as read: the sections test them as text or as bools alike.
    """
    spec = tables.table(name)
    out = df.copy()
    for col in spec.columns:
        if col.name not in out.columns or col.dtype not in ("int", "float"):
            continue
        if not pd.api.types.is_numeric_dtype(out[col.name]):
            out[col.name] = pd.to_numeric(out[col.name].replace("", None), errors="coerce")
    declared = set(spec.column_names)
    return numeric_columns(out, keep=declared | set(keep))


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
    return str(value).strip().lower() in ("true", "1", "1.0")
