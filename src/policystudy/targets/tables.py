"""Tables of targets: TSV for the command line, counts, duplicates, comparable values."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from policystudy.core import tables as registry
from policystudy.targets.extract import TARGET_COLUMNS


def to_tsv(df: pd.DataFrame) -> str:
    """TSV text of a targets frame with the :data:`TARGET_COLUMNS` header (for the CLI).

    Examples
    --------
    >>> from policystudy.targets import extract_targets_from_text
    >>> to_tsv(extract_targets_from_text("职工参保率达到98%。")).splitlines()[1].split("\\t")[:7]
    ['s0001', '职工参保率', '参保率', '职工', '98', '', '%']
    """
    columns = TARGET_COLUMNS + [c for c in ("line", "doc_id") if c in df.columns]
    out = df[columns].copy()
    for col in ("value", "value_high", "value_normalized"):
        out[col] = out[col].map(lambda x: "" if pd.isna(x) else f"{x:g}")
    for col in ("year_from", "year_to", "line"):
        if col in out.columns:
            out[col] = out[col].map(lambda x: "" if pd.isna(x) else str(int(x))).astype(object)
    out = out.astype(object).fillna("").astype(str)
    out = out.apply(lambda s: s.str.replace("\t", " ").str.replace("\n", " "))
    lines = ["\t".join(columns)] + ["\t".join(r) for r in out.itertuples(index=False)]
    return "\n".join(lines) + "\n"


def group_counts(targets: pd.DataFrame, *, by: Iterable[str] = ("group", "domain")) -> pd.DataFrame:
    """Number of rows per group (and domain), sorted by the grouping columns.

    Examples
    --------
    >>> df = pd.DataFrame({"group": ["Jiangsu", "Jiangsu", "Tianjin"],
    ...                    "domain": ["employment", "elderly", "employment"]})
    >>> group_counts(df).values.tolist()
    [['Jiangsu', 'elderly', 1], ['Jiangsu', 'employment', 1], ['Tianjin', 'employment', 1]]
    """
    by = list(by)
    return (
        targets.groupby(by, dropna=False)
        .size()
        .rename("n")
        .reset_index()
        .sort_values(by, kind="mergesort")
        .reset_index(drop=True)
    )


# --- duplicates ----------------------------------------------------------------------------------
def drop_duplicates(targets: pd.DataFrame) -> pd.DataFrame:
    """One row per commitment of a document: repeats (an overview and its detail section, a box
    that repeats a sentence) are dropped, the first kept, and counted.

    Two rows of one document are the same when their indicator (canonical name, else the phrase),
    value, upper value, unit, kind and last year agree. The kept row gets ``mentions`` (how many
    times the document states it) and ``also_in`` (the other sentence ids, ``;``-joined).

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["d", "d"], "sentence_id": ["s1", "s9"],
    ...     "canonical_indicator": ["参保率", "参保率"], "indicator": ["职工参保率", "三大保险覆盖率"],
    ...     "value": [98.0, 98.0], "value_high": [None, None], "unit": ["%", "%"],
    ...     "kind": ["target", "target"], "year_to": [2020, 2020]})
    >>> drop_duplicates(t)[["sentence_id", "mentions", "also_in"]].values.tolist()
    [['s1', 2, 's9']]
    """
    if targets.empty:
        return targets.assign(mentions=pd.Series(dtype="int64"), also_in=pd.Series(dtype=str))
    df = targets.reset_index(drop=True)
    name = df["canonical_indicator"].fillna("").astype(str)
    name = name.where(name != "", df["indicator"].fillna("").astype(str))

    def text(col: str) -> pd.Series:
        return df[col].map(lambda x: "" if pd.isna(x) else f"{x}") if col in df else ""

    key = pd.DataFrame(
        {
            "doc": text("doc_id"),
            "name": name,
            "value": text("value"),
            "high": text("value_high"),
            "unit": text("unit"),
            "kind": text("kind"),
            "year": text("year_to"),
        }
    ).apply(lambda r: "\x1f".join(r), axis=1)
    first = ~key.duplicated(keep="first")
    ids = df["sentence_id"].astype(str)
    others = {k: [] for k in key[first]}
    for k, sid, is_first in zip(key, ids, first, strict=True):
        if not is_first:
            others[k].append(sid)
    out = df[first].copy()
    out["mentions"] = [1 + len(others[k]) for k in key[first]]
    out["also_in"] = [";".join(others[k]) for k in key[first]]
    return out.reset_index(drop=True)


# --- comparable values across groups ----------------------------------------------------------
PERIOD_CLASS = {
    "quarter": "quarter",
    "year": "one year",
    "annual": "one year",
    "multi-year": "several years",
    "deadline": "level by a date",
    "": "level by a date",
}
# targets_shared.csv as the table registry declares it (policystudy.core.table_specs).
SHARED_COLUMNS = list(registry.table("targets_shared").column_names)


def shared_indicators(
    targets: pd.DataFrame, *, by: str = "group", kinds: Iterable[str] = ("target",)
) -> pd.DataFrame:
    """Values of the canonical indicators that two or more different groups commit to, with
    whether each is compared and why not.

    Only commitments (``kinds``) are lined up; within an indicator, values are compared only
    with the same kind, scope (职工 vs 城乡居民), period (quarter, one year, several years, a
    level by a date) and last year of that period (by 2020 is not by 2025), value type (level,
    change, growth rate…) and base unit. The comparable set is the largest such class holding
    two or more groups; every other row says what differs. A row whose period is a
    placeholder (到202x年) or that has no period at all is never compared.

    Returns
    -------
    pandas.DataFrame
        :data:`SHARED_COLUMNS`, sorted by indicator, ``compared`` first, then group.

    Examples
    --------
    >>> t = pd.DataFrame({"group": ["天津", "江苏", "江苏"], "doc_id": ["a", "b", "b"],
    ...     "sentence_id": ["a1", "b1", "b2"], "canonical_indicator": ["参保率"] * 3,
    ...     "scope": ["职工", "职工", "城乡居民"], "value": [98.0, 98.0, 95.0],
    ...     "value_high": [None] * 3, "unit": ["%"] * 3, "value_normalized": [98.0, 98.0, 95.0],
    ...     "unit_base": ["%"] * 3, "comparator": ["=", "≥", "="], "value_type": ["share"] * 3,
    ...     "period_type": ["deadline"] * 3, "year_to": [2020] * 3, "binding": ["plain"] * 3,
    ...     "kind": ["target"] * 3})
    >>> shared_indicators(t)[["group", "scope", "compared", "reason"]].values.tolist()
    [['天津', '职工', True, ''], ['江苏', '职工', True, ''], ['江苏', '城乡居民', False, 'scope 城乡居民, not 职工']]
    """
    df = targets[targets["kind"].isin(list(kinds))].copy()
    df = df[df["canonical_indicator"].fillna("").astype(str) != ""]
    if df.empty:
        return pd.DataFrame(columns=SHARED_COLUMNS)
    df["group"] = df[by].astype(str)
    df["deadline"] = df["deadline"].fillna("").astype(str) if "deadline" in df else ""
    df["scope"] = df["scope"].fillna("").astype(str)
    df["period_class"] = df["period_type"].fillna("").astype(str).map(PERIOD_CLASS).fillna("")
    df["unit_base"] = df["unit_base"].fillna("").astype(str)
    df["value_type"] = df["value_type"].fillna("").astype(str)
    df["period_end"] = [
        "" if pd.isna(y) else str(int(y))
        for y in pd.to_numeric(df.get("year_to", pd.Series(index=df.index, dtype=float)),
                               errors="coerce")
    ]  # fmt: skip
    placeholder = df["deadline"].str.contains(r"[xX]", regex=True)
    if "period" in df:
        placeholder |= df["period"].fillna("").astype(str).str.contains(r"\d[xX]", regex=True)
    df["period_end"] = df["period_end"].where(~placeholder, "placeholder")
    # A value with no date at all cannot be lined up with another one's period.
    df["period_end"] = df["period_end"].where(df["period_end"] != "", "none")
    never = df["period_end"].isin(["placeholder", "none"])
    parts = []
    facets = ["kind", "scope", "period_class", "period_end", "value_type", "unit_base"]
    for _name, sub in df.groupby("canonical_indicator", sort=True):
        if sub["group"].nunique() < 2:
            continue
        usable = sub[~never[sub.index]]
        classes = (usable if len(usable) else sub).groupby(facets, sort=True)["group"].nunique()
        best = sorted(classes.index, key=lambda k: (-classes[k], k))[0]
        sub = sub.copy()
        same = pd.Series(True, index=sub.index)
        for facet, want in zip(facets, best, strict=True):
            same &= sub[facet] == want
        compared = same & (classes[best] >= 2) & ~never[sub.index]
        sub["compared"] = compared
        sub["reason"] = [
            ""
            if ok
            else f"placeholder period {r.deadline or '(none)'}: never compared"
            if r.period_end == "placeholder"
            else "no period (no date or horizon): never compared"
            if r.period_end == "none"
            else "; ".join(
                f"{facet.replace('_', ' ')} {getattr(r, facet) or '(none)'}, not {want or '(none)'}"
                for facet, want in zip(facets, best, strict=True)
                if getattr(r, facet) != want
            )
            or "no other group has a value of this scope, period and type"
            for ok, r in zip(compared, sub.itertuples(index=False), strict=True)
        ]
        parts.append(sub)
    if not parts:
        return pd.DataFrame(columns=SHARED_COLUMNS)
    out = pd.concat(parts)
    out = out.sort_values(
        ["canonical_indicator", "compared", "group", "doc_id", "sentence_id"],
        ascending=[True, False, True, True, True],
        kind="mergesort",
    )
    return out[SHARED_COLUMNS].reset_index(drop=True)


def order_targets(found: pd.DataFrame, doc_order: Iterable[str]) -> pd.DataFrame:
    """Rows in group order, then the manifest's document order, then sentence order.

    Examples
    --------
    >>> t = pd.DataFrame({"group": ["B", "A", "A"], "doc_id": ["b", "a2", "a1"],
    ...                   "sentence_id": ["b-s1", "a2-s1", "a1-s1"]})
    >>> order_targets(t, ["a1", "a2", "b"])["doc_id"].tolist()
    ['a1', 'a2', 'b']
    """
    rank = {d: i for i, d in enumerate(doc_order)}
    return (
        found.assign(_doc=found["doc_id"].map(rank))
        .sort_values(["group", "_doc", "sentence_id"], kind="mergesort")
        .drop(columns="_doc")
        .reset_index(drop=True)
    )


def flag_conflicts(targets: pd.DataFrame) -> pd.DataFrame:
    """Mark values of one indicator in one document that contradict each other.

    Two targets of a document conflict when they have the same canonical indicator, scope,
    value type, base unit and last year but different normalised values (新增教师 1000余 in
    one section, 300 in another, both by 2020). Every such row gets ``conflict``: the other
    rows' sentence ids and values (``;``-joined); the others get ``""``. Nothing is dropped:
    which figure holds is for a reader to decide.

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["d"] * 3, "sentence_id": ["s1", "s2", "s3"],
    ...     "canonical_indicator": ["新增教师", "新增教师", "参保率"], "scope": [""] * 3,
    ...     "value_type": ["level"] * 3, "unit_base": ["人", "人", "%"],
    ...     "value_normalized": [1000.0, 300.0, 98.0], "year_to": [2020] * 3,
    ...     "kind": ["target"] * 3})
    >>> flag_conflicts(t)["conflict"].tolist()
    ['s2: 300', 's1: 1000', '']
    """
    out = targets.copy()
    out["conflict"] = ""
    if out.empty:
        return out
    name = out["canonical_indicator"].fillna("").astype(str)
    keep = (out["kind"].astype(str) == "target") & (name != "") & out["value_normalized"].notna()
    facets = ["doc_id", "canonical_indicator", "scope", "value_type", "unit_base", "year_to"]
    sub = out[keep].copy()
    for col in facets:
        sub[col] = sub[col].map(lambda x: "" if pd.isna(x) else str(x))
    for _key, group in sub.groupby(facets, sort=False):
        if group["value_normalized"].nunique() < 2:
            continue
        for i, row in group.iterrows():
            others = group[group["value_normalized"] != row["value_normalized"]]
            out.at[i, "conflict"] = "; ".join(
                f"{sid}: {v:g}"
                for sid, v in zip(others["sentence_id"], others["value_normalized"], strict=True)
            )
    return out
