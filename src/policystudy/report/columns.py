"""Reading the report's tables back: which columns are numbers, how a manifest value is written.

The CSV boundary loses types; these rules rebuild them the one way every report section needs.
"""

from __future__ import annotations

import pandas as pd

from policystudy.core.io import reads_back

# Columns that name things: never turned into numbers even when they look like numbers.
_ID_COLUMNS = {"doc_id", "group", "group_a", "group_b", "item_a", "item_b", "doc_a", "doc_b",
               "left_out", "term", "label", "label_zh", "label_en", "domain", "subset", "model",
               "dataset", "sentence_id", "paragraph_id", "held_out"}  # fmt: skip


def numeric_columns(df: pd.DataFrame, *, keep: set[str] = frozenset()) -> pd.DataFrame:
    """A copy whose text columns holding only numbers (and blanks) are numeric.

    :func:`policystudy.core.io.read_table` does this for ``object`` columns; with the string
    dtype of recent pandas the report does it itself, by the same rule: a column becomes
    numeric only when every cell reads back exactly as written, so ``010`` stays ``010``.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["1", "2"], "rank": ["1", ""], "code": ["010", "2"]},
    ...                   dtype=str)
    >>> numeric_columns(df)["rank"].tolist()[0], numeric_columns(df)["doc_id"].tolist()
    (1.0, ['1', '2'])
    >>> numeric_columns(df)["code"].tolist()
    ['010', '2']
    """
    out = df.copy()
    for col in out.columns:
        if col in _ID_COLUMNS or col in keep or pd.api.types.is_numeric_dtype(out[col]):
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
