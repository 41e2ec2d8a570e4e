"""Instrument tables: coded units, document and group shares, domain x instrument, years.

The document is the unit, as for the priorities: a document's share of each instrument type is
the share of its counted text (analysed parts, first occurrences) whose primary instrument is of
that type (``none`` included, so shares sum to one); a group's share is the mean of its
documents' shares, with a document-bootstrap interval and a leave-one-document-out check only
where the group has at least ``min_documents`` documents.

Examples
--------
>>> coded = pd.DataFrame({"doc_id": ["a", "a", "b"], "region": ["R", "R", "R"],
...     "paragraph_id": ["a-p1", "a-p1", "b-p1"], "sentence_id": ["a-s1", "a-s2", "b-s1"],
...     "part": "policy", "duplicate_of": "", "chars": [10, 30, 20],
...     "primary": ["housing", "non_livelihood", "housing"],
...     "text": ["加大保障性住房建设力度", "坚持育人为本", "提高住房补贴标准"]})
>>> s = sentence_instruments(coded, group_by="region")
>>> s[["sentence_id", "domain", "livelihood", "instrument_primary"]].values.tolist()
[['a-s1', 'housing', True, 'supply'], ['a-s2', 'non_livelihood', False, 'none'], ['b-s1', 'housing', True, 'demand']]
>>> d = instrument_documents(s, group_by="region")
>>> d.query("scope == 'all' and doc_id == 'a'")[["instrument", "share"]].values.tolist()
[['supply', 0.25], ['environment', 0.0], ['demand', 0.0], ['none', 0.75]]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from policystudy.core import defaults
from policystudy.domains import POLICY, Taxonomy, load_taxonomy
from policystudy.instruments.coder import INSTRUMENT_COLUMNS
from policystudy.instruments.model import code_units
from policystudy.instruments.taxonomy import (
    NONE,
    InstrumentError,
    InstrumentTaxonomy,
    as_instruments,
)
from policystudy.stats.resampling import group_shares

SENTENCE_INSTRUMENT_COLUMNS = [
    "doc_id",
    "paragraph_id",
    "sentence_id",
    "part",
    "duplicate_of",
    "chars",
    "domain",
    "livelihood",
    *INSTRUMENT_COLUMNS,
]
#: All policy text, and livelihood text only (units coded to a livelihood domain).
SCOPES = ("all", "livelihood")
WEIGHTS = ("chars", "units")
#: The coders of the primary type (:func:`~policystudy.instruments.model.code_units`): every
#: run codes its units under both, so that a #1 that only one of them gives is not reported as
#: a finding (``instrument_methods.csv``).
METHODS = ("model", "rules")
#: ``instrument_methods.note`` where the model cannot code the run's typology.
RULES_ONLY = "only the rules code this typology: the model is fitted on the Rothwell-Zegveld types"


def sentence_instruments(
    coded: pd.DataFrame,
    *,
    group_by: str | None = None,
    taxonomy: InstrumentTaxonomy | Path | str | None = None,
    domain_taxonomy: Taxonomy | None = None,
    method: str = defaults.INSTRUMENT_METHOD,
) -> pd.DataFrame:
    """Instrument coding of every unit of ``sentence_domains.csv``: ``sentence_instruments.csv``.

    ``method`` is that of :func:`~policystudy.instruments.model.code_units`.

    Every unit is coded, livelihood text or not, commentary and repeats included (their
    ``part`` and ``duplicate_of`` say whether they count); ``domain`` is the unit's primary
    domain and ``livelihood`` whether that is a livelihood domain.
    """
    tax = as_instruments(taxonomy)
    dtax = domain_taxonomy or load_taxonomy()
    out = coded.reset_index(drop=True).rename(columns={"primary": "domain"})
    out["livelihood"] = out["domain"].isin(dtax.livelihood)
    out = pd.concat(
        [out, code_units(out["text"].astype(str).tolist(), taxonomy=tax, method=method)], axis=1
    )
    cols = list(SENTENCE_INSTRUMENT_COLUMNS)
    if group_by:
        cols.insert(1, group_by)
    out["duplicate_of"] = out["duplicate_of"].fillna("").astype(str)
    return out[cols]


def _counted(sent: pd.DataFrame, use_parts: Sequence[str]) -> pd.DataFrame:
    keep = sent["part"].astype(str).isin(list(use_parts)) & (
        sent["duplicate_of"].fillna("").astype(str) == ""
    )
    return sent[keep]


def _labels(tax: InstrumentTaxonomy) -> list[str]:
    return [*tax.types, NONE]


def instrument_documents(
    sent: pd.DataFrame,
    *,
    group_by: str,
    taxonomy: InstrumentTaxonomy | Path | str | None = None,
    use_parts: Sequence[str] = (POLICY,),
    weight: str = defaults.WEIGHT,
) -> pd.DataFrame:
    """Each document's share of each primary instrument type, for all text and livelihood text.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, <group_by>, scope, instrument, units, share, rank``: one row per document,
        scope and type (``none`` last); ``share`` is NaN where the document has no text in
        the scope; ``rank`` ranks the instrument types (not ``none``) within the document.
    """
    if weight not in WEIGHTS:
        raise ValueError(f"weight must be one of {WEIGHTS}, not {weight!r}")
    tax = as_instruments(taxonomy)
    labels = _labels(tax)
    docs = sent[["doc_id", group_by]].drop_duplicates("doc_id").sort_values("doc_id")
    used = _counted(sent, use_parts)
    rows = []
    for scope in SCOPES:
        part = used if scope == "all" else used[used["livelihood"].astype(bool)]
        w = part["chars"].astype(float) if weight == "chars" else pd.Series(1.0, index=part.index)
        mass = w.groupby([part["doc_id"], part["instrument_primary"]]).sum()
        count = part.groupby(["doc_id", "instrument_primary"]).size()
        for doc, group in docs.itertuples(index=False):
            vals = np.array([mass.get((doc, lab), 0.0) for lab in labels])
            total = vals.sum()
            share = vals / total if total > 0 else np.full(len(labels), np.nan)
            rank = np.full(len(labels), np.nan)
            if total > 0:  # rank the instrument types, not `none`
                for r, i in enumerate(np.argsort(-share[:-1], kind="stable"), 1):
                    if share[i] > 0:
                        rank[i] = r
            for i, lab in enumerate(labels):
                rows.append(
                    (doc, group, scope, lab, int(count.get((doc, lab), 0)), share[i], rank[i])
                )
    cols = ["doc_id", group_by, "scope", "instrument", "units", "share", "rank"]
    return pd.DataFrame(rows, columns=cols)


def _doc_matrix(documents: pd.DataFrame, scope: str, labels: list[str], group_by: str):
    part = documents[documents["scope"] == scope]
    wide = part.pivot_table(
        index=["doc_id", group_by], columns="instrument", values="share", dropna=False
    )
    wide = wide.reindex(columns=labels).dropna(how="all").fillna(0.0).sort_index()
    return wide


def _top(share: np.ndarray, types: list[str]) -> str:
    s = share[: len(types)]
    return types[int(np.argmax(s))] if np.nansum(s) > 0 else ""


def instrument_groups(
    documents: pd.DataFrame,
    *,
    group_by: str,
    taxonomy: InstrumentTaxonomy | Path | str | None = None,
    min_documents: int = defaults.MIN_DOCUMENTS,
    n_bootstrap: int = defaults.N_BOOTSTRAP,
    random_state: int | None = defaults.RANDOM_STATE,
) -> pd.DataFrame:
    """Each group's instrument profile: the mean of its documents' shares.

    Intervals resample the group's documents (:func:`policystudy.stats.resampling.group_shares`)
    and exist only for groups of at least ``min_documents`` documents; for those groups
    ``lodo_top`` lists the #1 instrument type with each document left out in turn and
    ``robust_top`` says whether it never changes. Smaller groups are described, not inferred on.

    Returns
    -------
    pandas.DataFrame
        ``group, scope, instrument, n_documents, share, ci_low, ci_high, rank, top,
        robust_top, lodo_top``.
    """
    tax = as_instruments(taxonomy)
    labels = _labels(tax)
    rows = []
    for scope in SCOPES:
        wide = _doc_matrix(documents, scope, labels, group_by)
        if wide.empty:
            continue
        groups = wide.index.get_level_values(group_by).astype(str).tolist()
        doc_ids = wide.index.get_level_values("doc_id").astype(str).tolist()
        W = wide.to_numpy(dtype=float)
        names, share, low, high = group_shares(
            W, groups, units=doc_ids, min_units=min_documents,
            n_bootstrap=n_bootstrap, random_state=random_state,
        )  # fmt: skip
        for gi, g in enumerate(names):
            members = np.flatnonzero(np.asarray(groups) == g)
            top = _top(share[gi], tax.types)
            lodo: list[str] = []
            if len(members) >= min_documents:
                for leave in members:
                    rest = W[[m for m in members if m != leave]].mean(axis=0)
                    lodo.append(_top(rest, tax.types))
            order = np.argsort(-share[gi][:-1], kind="stable")
            ranks = {int(i): r for r, i in enumerate(order, 1)}
            for i, lab in enumerate(labels):
                rows.append(
                    {
                        "group": g,
                        "scope": scope,
                        "instrument": lab,
                        "n_documents": len(members),
                        "share": share[gi, i],
                        "ci_low": low[gi, i],
                        "ci_high": high[gi, i],
                        "rank": ranks.get(i, np.nan),
                        "top": top,
                        "robust_top": (all(t == top for t in lodo) if lodo else np.nan),
                        "lodo_top": ";".join(sorted(set(lodo))),
                    }
                )
    cols = ["group", "scope", "instrument", "n_documents", "share", "ci_low", "ci_high", "rank",
            "top", "robust_top", "lodo_top"]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def domain_instruments(
    sent: pd.DataFrame,
    *,
    group_by: str,
    taxonomy: InstrumentTaxonomy | Path | str | None = None,
    domain_taxonomy: Taxonomy | None = None,
    use_parts: Sequence[str] = (POLICY,),
    weight: str = defaults.WEIGHT,
) -> pd.DataFrame:
    """Domain x instrument type per group: how each domain is pursued.

    ``share`` is the share of the domain's counted text in the group whose primary instrument is
    of that type (``none`` included); ``n_documents`` how many documents the domain's text comes
    from. Rows follow the domain taxonomy's order, then the instrument types.
    """
    tax = as_instruments(taxonomy)
    dtax = domain_taxonomy or load_taxonomy()
    labels = _labels(tax)
    used = _counted(sent, use_parts)
    w = used["chars"].astype(float) if weight == "chars" else pd.Series(1.0, index=used.index)
    keys = [used[group_by].astype(str), used["domain"], used["instrument_primary"]]
    mass = w.groupby(keys).sum()
    units = used.groupby(keys).size()
    ndocs = used.groupby([used[group_by].astype(str), used["domain"]])["doc_id"].nunique()
    rows = []
    for g in sorted(used[group_by].astype(str).unique()):
        for d in [c for c in dtax.codes if (g, c) in ndocs.index]:
            total = sum(mass.get((g, d, lab), 0.0) for lab in labels)
            for lab in labels:
                m = mass.get((g, d, lab), 0.0)
                rows.append((g, d, d in dtax.livelihood, lab, int(units.get((g, d, lab), 0)),
                             m / total if total else np.nan, int(ndocs[(g, d)])))  # fmt: skip
    cols = ["group", "domain", "livelihood", "instrument", "units", "share", "n_documents"]
    return pd.DataFrame(rows, columns=cols)


def instrument_years(
    documents: pd.DataFrame,
    years: pd.Series | None,
    *,
    group_by: str,
    taxonomy: InstrumentTaxonomy | Path | str | None = None,
) -> pd.DataFrame:
    """Mean document share of each instrument type per year (documents as the unit).

    ``years`` maps ``doc_id`` to a year; documents without one are left out (and counted in
    ``n_documents_without_year``). No ``years``: an empty table with the columns.
    """
    tax = as_instruments(taxonomy)
    labels = _labels(tax)
    cols = ["year", "scope", "instrument", "n_documents", "share", "n_documents_without_year"]
    if years is None or documents.empty:
        return pd.DataFrame(columns=cols)
    year = pd.to_numeric(years, errors="coerce")
    rows = []
    for scope in SCOPES:
        wide = _doc_matrix(documents, scope, labels, group_by).droplevel(group_by)
        y = year.reindex(wide.index.astype(str))
        missing = int(y.isna().sum())
        for yr, members in wide.groupby(y.to_numpy()):
            mean = members.mean(axis=0)
            for lab in labels:
                rows.append((int(yr), scope, lab, len(members), float(mean[lab]), missing))
    return (
        pd.DataFrame(rows, columns=cols)
        .sort_values(["scope", "year"], kind="stable")
        .reset_index(drop=True)
    )


def instrument_methods(
    codings: Mapping[str, pd.DataFrame],
    *,
    group_by: str,
    taxonomy: InstrumentTaxonomy | Path | str | None = None,
    use_parts: Sequence[str] = (POLICY,),
    weight: str = defaults.WEIGHT,
    default: str = defaults.INSTRUMENT_METHOD,
) -> pd.DataFrame:
    """Each group's and document's instrument shares and first type under each coder.

    ``codings`` maps a method to :func:`sentence_instruments` of the same units coded by it.
    Shares are as in :func:`instrument_documents` and, for a group, the mean of its documents'
    shares (the ``share`` of :func:`instrument_groups`). ``same_top`` says whether every
    method puts the same type first; with one method it is empty and ``note`` says why.

    Returns
    -------
    pandas.DataFrame
        ``level, group, doc_id, scope, method, is_default, n_documents, instrument, share,
        top, same_top, note``: one row per group (``doc_id`` empty) or document, scope, method
        and type (``none`` last).

    Examples
    --------
    >>> coded = pd.DataFrame({"doc_id": "a", "region": "R", "paragraph_id": "a-p1",
    ...     "sentence_id": ["a-s1", "a-s2"], "part": "policy", "duplicate_of": "",
    ...     "chars": [12, 8], "primary": "housing",
    ...     "text": ["加大保障性住房建设力度", "完善住房保障制度"]})
    >>> codings = {m: sentence_instruments(coded, group_by="region", method=m) for m in METHODS}
    >>> t = instrument_methods(codings, group_by="region")
    >>> t.query("level == 'group' and scope == 'all'").drop_duplicates("method")[
    ...     ["method", "top", "same_top"]].values.tolist()
    [['model', 'supply', True], ['rules', 'supply', True]]
    """
    tax = as_instruments(taxonomy)
    labels = _labels(tax)
    rows = []
    for method, sent in codings.items():
        docs = instrument_documents(
            sent, group_by=group_by, taxonomy=tax, use_parts=use_parts, weight=weight
        )
        for scope in SCOPES:
            wide = _doc_matrix(docs, scope, labels, group_by)
            if wide.empty:
                continue
            by_group = wide.groupby(level=group_by, sort=True)
            means = [(("group", str(g), ""), part.mean(axis=0), len(part)) for g, part in by_group]
            each = [(("document", str(g), str(d)), r, 1) for (d, g), r in wide.iterrows()]
            for unit, share, n in [*means, *each]:
                values = share.to_numpy(dtype=float)
                top = _top(values, tax.types)
                for lab, v in zip(labels, values, strict=True):
                    rows.append((*unit, scope, method, method == default, n, lab, v, top))
    cols = ["level", "group", "doc_id", "scope", "method", "is_default", "n_documents",
            "instrument", "share", "top"]  # fmt: skip
    out = pd.DataFrame(rows, columns=cols)
    key = ["level", "group", "doc_id", "scope"]
    # one coder has nothing to agree with: the agreement is unknown, not true
    agree = out.groupby(key)["top"].transform("nunique") == 1
    out["same_top"] = agree.astype(object) if len(codings) > 1 else np.nan
    out["note"] = "" if len(codings) > 1 else RULES_ONLY
    return out


def _codings(
    coded: pd.DataFrame, sent: pd.DataFrame, *, method: str, **options: Any
) -> dict[str, pd.DataFrame]:
    """The run's coding and the same units coded by the other method, where it can be run."""
    codings = {method: sent}
    for other in (m for m in METHODS if m != method):
        try:
            codings[other] = sentence_instruments(coded, method=other, **options)
        except InstrumentError:  # the model is not fitted on this typology: the rules alone
            continue
    return dict(sorted(codings.items()))


def instrument_tables(
    coded: pd.DataFrame,
    paragraphs: pd.DataFrame,
    *,
    group_by: str,
    taxonomy: InstrumentTaxonomy | Path | str | None = None,
    domain_taxonomy: Taxonomy | None = None,
    use_parts: Sequence[str] = (POLICY,),
    weight: str = defaults.WEIGHT,
    min_documents: int = defaults.MIN_DOCUMENTS,
    n_bootstrap: int = defaults.N_BOOTSTRAP,
    random_state: int | None = defaults.RANDOM_STATE,
    method: str = defaults.INSTRUMENT_METHOD,
) -> dict[str, pd.DataFrame]:
    """Every instrument table of notebook 03, by table name.

    ``sentence_instruments``, ``instrument_documents``, ``instrument_groups``,
    ``domain_instruments``, ``instrument_years`` (empty when ``paragraphs`` has no
    ``year`` column) and ``instrument_methods`` (the units coded again by the other method).
    ``method``: ``"rules"`` or ``"model"`` (the primary type from the supervised model,
    :mod:`~policystudy.instruments.model`).
    """
    tax = as_instruments(taxonomy)
    options: dict[str, Any] = {
        "group_by": group_by,
        "taxonomy": tax,
        "domain_taxonomy": domain_taxonomy,
    }
    sent = sentence_instruments(coded, method=method, **options)
    docs = instrument_documents(
        sent, group_by=group_by, taxonomy=tax, use_parts=use_parts, weight=weight
    )
    years = None
    if "year" in paragraphs.columns:
        years = paragraphs.drop_duplicates("doc_id").set_index(
            paragraphs.drop_duplicates("doc_id")["doc_id"].astype(str)
        )["year"]
    return {
        "sentence_instruments": sent,
        "instrument_documents": docs,
        "instrument_groups": instrument_groups(
            docs,
            group_by=group_by,
            taxonomy=tax,
            min_documents=min_documents,
            n_bootstrap=n_bootstrap,
            random_state=random_state,
        ),
        "domain_instruments": domain_instruments(
            sent,
            group_by=group_by,
            taxonomy=tax,
            domain_taxonomy=domain_taxonomy,
            use_parts=use_parts,
            weight=weight,
        ),
        "instrument_years": instrument_years(docs, years, group_by=group_by, taxonomy=tax),
        "instrument_methods": instrument_methods(
            _codings(coded, sent, method=method, **options),
            group_by=group_by,
            taxonomy=tax,
            use_parts=use_parts,
            weight=weight,
            default=method,
        ),
    }
