"""Each #1 under every reasonable specification (``priority_specifications.csv``).

A document's or group's #1 livelihood domain rests on choices the analysis makes: how text is
weighted (characters, sentences, coded units), whether flagged documents count, whether
set-aside parts (officials' commentary) count, the classifier's threshold and the classifier
itself (lexicon or TF-IDF). :func:`specification_table` recomputes every document's and
group's #1 under each combination of those choices (a *multiverse*), reusing
:func:`~policystudy.priorities.document_domains` and
:func:`~policystudy.priorities.priority_profiles`; :func:`specification_agreement` says in how
many specifications each default #1 holds. The coding is the expensive part, so it is done
once per (classifier, threshold) and the cheap choices are varied on top of it.

Examples
--------
>>> coded = pd.DataFrame({
...     "doc_id": ["a", "a", "a", "b"], "region": ["X", "X", "X", "X"],
...     "sentence_id": ["a-p1-s1", "a-p1-s2", "a-p2-s1", "b-p1-s1"],
...     "part": ["policy", "policy", "commentary", "policy"],
...     "primary": ["education", "health", "health", "health"], "chars": [50, 20, 40, 30],
...     "duplicate_of": [""] * 4})
>>> t = specification_table({("lexicon", 0.25): coded}, flagged=["b"], group_by="region",
...     default=("lexicon", 0.25), min_units=0)
>>> a = specification_agreement(t)
>>> a.loc[a["doc_id"] == "a", ["default_top", "agree", "n_specifications"]].values.tolist()
[['education', 6, 12]]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from policystudy.core import defaults
from policystudy.domains import POLICY, as_taxonomy, sentence_domains
from policystudy.priorities.profiles import document_domains, priority_profiles

#: The weightings every specification table varies.
SPEC_WEIGHTS = ("chars", "sentences", "units")
#: Lexicon thresholds tried around the default 0.25 (the fitted grid's middle).
SPEC_THRESHOLDS = (0.15, 0.25, 0.35)
#: Parts that are set aside by default and tried in (officials' commentary).
SET_ASIDE = ("commentary",)
COLUMNS = [
    "level",
    "group",
    "doc_id",
    "specification",
    "classifier",
    "threshold",
    "weight",
    "flagged",
    "set_aside",
    "is_default",
    "top",
    "top_share",
    "second",
    "second_share",
    "n_documents",
    "thin_livelihood",
]
_ORDER = ["level", "group", "doc_id", "classifier", "threshold", "weight", "flagged", "set_aside"]
AGREEMENT_COLUMNS = [
    "level",
    "group",
    "doc_id",
    "n_specifications",
    "default_top",
    "default_share",
    "agree",
    "modal_top",
    "modal_count",
    "tops",
]


def _label(kind: str, threshold: float | None, weight: str, flagged: str, aside: str) -> str:
    clf = f"{kind} {threshold:g}" if threshold is not None and kind == "lexicon" else kind
    return f"{clf} · {weight} · flagged {flagged} · set-aside parts {aside}"


def _firsts(table: pd.DataFrame, share: str, keys: list[str]) -> pd.DataFrame:
    """Rank 1 and rank 2 (domain, share) per key."""
    ranked = table[table["rank"].isin([1.0, 2.0])]
    out = []
    for key, rows in ranked.groupby(keys, sort=True):
        by_rank = rows.set_index("rank")
        first = by_rank.loc[1.0] if 1.0 in by_rank.index else None
        second = by_rank.loc[2.0] if 2.0 in by_rank.index else None
        out.append(
            {
                **dict(zip(keys, key if isinstance(key, tuple) else (key,), strict=True)),
                "top": "" if first is None else str(first["domain"]),
                "top_share": np.nan if first is None else float(first[share]),
                "second": "" if second is None else str(second["domain"]),
                "second_share": np.nan if second is None else float(second[share]),
            }
        )
    return pd.DataFrame(out, columns=[*keys, "top", "top_share", "second", "second_share"])


def specification_table(
    codings: Mapping[tuple[str, float | None], pd.DataFrame],
    *,
    flagged: Iterable[str],
    group_by: str,
    default: tuple[str, float | None],
    default_weight: str = defaults.WEIGHT,
    default_flagged: str = "out",
    taxonomy=None,
    use_parts: Sequence[str] = (POLICY,),
    set_aside: Sequence[str] = SET_ASIDE,
    weights: Sequence[str] = SPEC_WEIGHTS,
    pooling: str = defaults.POOLING,
    min_share: float = defaults.MIN_LIVELIHOOD_SHARE,
    min_units: int = defaults.MIN_LIVELIHOOD_UNITS,
) -> pd.DataFrame:
    """Every document's and group's #1 under each specification.

    Parameters
    ----------
    codings : mapping (classifier, threshold) -> DataFrame
        :func:`policystudy.domains.sentence_domains` output of *all* documents (flagged ones
        included) under each classifier and threshold (``None`` for a classifier without one).
    flagged : iterable of str
        Documents carrying a quality flag: each specification takes them ``in`` or ``out``.
    default : (classifier, threshold)
        The run's own coding; with ``default_weight``, ``default_flagged`` (``"in"`` or
        ``"out"``) and the set-aside parts out, it marks the default specification.
    use_parts, set_aside
        The analysed parts, and the parts tried in as well (officials' commentary). Documents
        with no set-aside text give the same #1 either way; the row is kept so every
        specification has every document. Where no document is flagged, or no text is in
        ``set_aside``, that choice is not varied (it would only repeat rows).
    weights, pooling, min_share, min_units, taxonomy
        As for :func:`~policystudy.priorities.priority_profiles`.

    Returns
    -------
    pandas.DataFrame
        :data:`COLUMNS`, one row per (specification, document) (``level`` ``document``) and
        per (specification, group) (``level`` ``group``): the #1 and #2 with their shares of
        livelihood text. A flagged document appears only in the ``flagged in``
        specifications.
    """
    tax = as_taxonomy(taxonomy)
    flagged = set(map(str, flagged))
    rows = []
    for (kind, threshold), coded in sorted(
        codings.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)
    ):
        # A choice that changes nothing is not a specification: without flagged documents or
        # set-aside text, the table does not double its rows with identical copies.
        docs_here = set(coded["doc_id"].astype(str))
        flags = ("out", "in") if flagged & docs_here else (default_flagged,)
        aside_here = coded["part"].astype(str).isin(list(set_aside)).any()
        asides = ("out", "in") if aside_here else ("out",)
        for flag in flags:
            sub = coded if flag == "in" else coded[~coded["doc_id"].astype(str).isin(flagged)]
            if sub.empty:
                continue
            for aside in asides:
                parts = tuple(use_parts) + (tuple(set_aside) if aside == "in" else ())
                for weight in weights:
                    spec = {
                        "specification": _label(kind, threshold, weight, flag, aside),
                        "classifier": kind,
                        "threshold": np.nan if threshold is None else float(threshold),
                        "weight": weight,
                        "flagged": flag,
                        "set_aside": aside,
                        "is_default": (kind, threshold) == tuple(default)
                        and weight == default_weight
                        and flag == default_flagged
                        and aside == "out",
                    }
                    docs = document_domains(
                        sub, group_by=group_by, taxonomy=tax, use_parts=parts, weight=weight,
                        min_share=min_share, min_units=min_units,
                    )  # fmt: skip
                    first = _firsts(docs, "share_livelihood", ["doc_id", "group"])
                    thin_doc = docs.drop_duplicates("doc_id").set_index("doc_id")["thin_livelihood"]
                    for r in first.itertuples(index=False):
                        rows.append(
                            {
                                "level": "document",
                                **r._asdict(),
                                **spec,
                                "n_documents": 1,
                                "thin_livelihood": bool(thin_doc.get(r.doc_id, False)),
                            }
                        )
                    prof = priority_profiles(
                        sub, group_by=group_by, taxonomy=tax, use_parts=parts, weight=weight,
                        pooling=pooling, n_bootstrap=0, min_documents=10**9,
                        min_share=min_share, min_units=min_units,
                    )  # fmt: skip
                    first = _firsts(prof, "share", ["group"])
                    meta = prof.drop_duplicates("group").set_index("group")
                    for r in first.itertuples(index=False):
                        rows.append(
                            {
                                "level": "group",
                                "doc_id": "",
                                **r._asdict(),
                                **spec,
                                "n_documents": int(meta.loc[r.group, "n_documents"]),
                                "thin_livelihood": bool(meta.loc[r.group, "thin_livelihood"]),
                            }
                        )
    out = pd.DataFrame(rows, columns=COLUMNS)
    return out.sort_values(_ORDER, kind="stable").reset_index(drop=True)


def priority_specifications(
    paragraphs: pd.DataFrame,
    *,
    coded: pd.DataFrame,
    kind: str,
    threshold: float,
    flagged: Iterable[str],
    group_by: str,
    taxonomy=None,
    unit: str = defaults.UNIT,
    parts: str = defaults.PARTS,
    recode: bool = True,
    thresholds: Sequence[float] = SPEC_THRESHOLDS,
    classifiers: Sequence[str] = ("lexicon", "tfidf"),
    random_state: int = defaults.RANDOM_STATE,
    **kwargs,
) -> pd.DataFrame:
    """The specification table of a run (notebook 03): code once per classifier and threshold.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        Every document's paragraphs, flagged documents included (those ``exclude_flagged``
        set aside too).
    coded : pandas.DataFrame
        The run's own coding of ``paragraphs`` (``kind`` at ``threshold``): reused, not redone.
    kind, threshold
        The run's classifier and lexicon threshold (the default specification).
    recode : bool
        Code again with each of ``classifiers`` (the lexicon at each of ``thresholds``); with
        ``False`` only the cheap choices (weighting, flagged documents, set-aside parts) vary.
    unit, parts, random_state, taxonomy
        As for the run's coding (:func:`policystudy.domains.sentence_domains`,
        :func:`policystudy.domains.build_classifier`).
    **kwargs
        Passed to :func:`specification_table` (``default_weight``, ``default_flagged``,
        ``use_parts``, ``pooling``, ``min_share``, ``min_units`` …).
    """
    tax = as_taxonomy(taxonomy)
    default = (kind, float(threshold) if kind == "lexicon" else None)
    keys = [default]
    for c in classifiers if recode else ():
        for thr in thresholds if c == "lexicon" else (None,):
            key = (c, None if thr is None else float(thr))
            if key not in keys:
                keys.append(key)
    tables = []
    # One coding at a time: on a large corpus each coding is a table of every sentence.
    for key in keys:
        if key == default:
            this = coded
        else:
            # Imported here: it imports scikit-learn, which the report (notebook 05, reading
            # specification_agreement) need not load.
            from policystudy.domains.validation import build_classifier

            clf = build_classifier(
                key[0], taxonomy=tax, threshold=key[1], random_state=random_state
            )
            this = sentence_domains(
                paragraphs, classifier=clf, group_by=group_by, unit=unit, parts=parts
            )
        tables.append(
            specification_table(
                {key: this},
                flagged=flagged,
                group_by=group_by,
                default=default,
                taxonomy=tax,
                **kwargs,
            )
        )
    out = pd.concat(tables, ignore_index=True)
    return out.sort_values(_ORDER, kind="stable").reset_index(drop=True)


def specification_agreement(table: pd.DataFrame) -> pd.DataFrame:
    """Per document and group: in how many specifications its default #1 is the #1.

    Returns
    -------
    pandas.DataFrame
        :data:`AGREEMENT_COLUMNS`: ``default_top`` and ``default_share`` (empty and NaN for a
        document the default leaves out, a flagged one), ``agree`` the specifications with the
        same #1, ``modal_top`` the #1 of most specifications and ``tops`` every #1 with its
        count (``education:7|health:5``), most frequent first.
    """
    rows = []
    for (level, group, doc), sub in table.groupby(["level", "group", "doc_id"], sort=True):
        counts = sub["top"].value_counts()
        # Ties: most specifications, then the domain name, for a stable order.
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        d = sub[sub["is_default"].astype(bool)]
        default_top = str(d["top"].iloc[0]) if len(d) else ""
        rows.append(
            {
                "level": level,
                "group": group,
                "doc_id": doc,
                "n_specifications": len(sub),
                "default_top": default_top,
                "default_share": float(d["top_share"].iloc[0]) if len(d) else np.nan,
                "agree": int((sub["top"] == default_top).sum()) if default_top else 0,
                "modal_top": ordered[0][0] if ordered else "",
                "modal_count": int(ordered[0][1]) if ordered else 0,
                "tops": "|".join(f"{k}:{v}" for k, v in ordered),
            }
        )
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


__all__ = [
    "AGREEMENT_COLUMNS",
    "COLUMNS",
    "SET_ASIDE",
    "SPEC_THRESHOLDS",
    "SPEC_WEIGHTS",
    "priority_specifications",
    "specification_agreement",
    "specification_table",
]
