"""Livelihood priorities with the document as the unit.

Input is the sentence-level coding of :func:`policystudy.domains.sentence_domains` (one row per
sentence or clause: ``doc_id``, the group column, ``part``, ``chars``, ``primary``,
``duplicate_of``). Only the analysed parts count (default: the policy text), and a unit repeated
within a document counts once.

* :func:`document_domains` - the document x domain table: each domain's share of all analysed
  text and of livelihood text (text coded to a livelihood domain, not ``general`` or
  ``non_livelihood``).
* :func:`priority_profiles` - group profiles aggregated from document profiles (each document
  counts equally by default; ``pooling="chars"`` pools characters), with cluster-bootstrap
  intervals over documents only for groups of at least ``min_documents`` documents.
* :func:`livelihood_coverage` - how much livelihood text each document and group has, and
  whether it is *thin*: below ``min_share`` of the analysed text or fewer than ``min_units``
  livelihood sentences. A thin profile rests on a few, often incidental sentences (and, where
  livelihood is a few percent of the text, partly on non-livelihood sentences the coding let
  through); its shares are not read as priorities. :func:`document_domains`,
  :func:`priority_profiles` and :func:`caveats` carry the flag.
* :func:`permutation_tests` - differences between groups tested by permuting group labels
  across documents, again only where both groups have ``min_documents``.
* :func:`robustness` and :func:`leave_one_document_out` - what the #1 of a document or a
  small group rests on: the fewest sentences whose removal changes it, and the #1 without each
  document of a pooled group.

Examples
--------
>>> s = pd.DataFrame({"doc_id": ["a"] * 3, "region": ["辽宁"] * 3, "part": "policy",
...     "sentence_id": ["a-p001-s01", "a-p001-s02", "a-p002-s01"], "chars": [40, 30, 20],
...     "primary": ["social_assistance", "elderly_care", "non_livelihood"], "duplicate_of": ""})
>>> d = document_domains(s, group_by="region")
>>> d.set_index("domain").loc["social_assistance", ["share_all", "share_livelihood", "rank"]].tolist()
[0.4444444444444444, 0.5714285714285714, 1.0]
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import kendalltau

from policystudy.domains import GENERAL, NON_LIVELIHOOD, POLICY, Taxonomy, as_taxonomy

POOLINGS = ("documents", "chars")
# chars: characters; sentences: each sentence counts 1, its clauses sharing it; units: each
# coded unit (sentence or clause) counts 1 ("paragraphs" is the older name of units).
WEIGHTS = ("chars", "sentences", "units", "paragraphs")
# A clause's id is its sentence's id with -cN appended (domains.sentence_units).
_CLAUSE_SUFFIX = r"-c\d+$"
DEFAULT_MIN_DOCUMENTS = 5
# Thin livelihood text (params ``min_livelihood_share``, ``min_livelihood_units``): the seed
# documents are 82-92% livelihood text with 15-120 livelihood sentences; the CPC congress reports
# of 2007-2022 about 11% with 82-94 sentences, those before 1978 0-19% with 0-18 sentences.
DEFAULT_MIN_LIVELIHOOD_SHARE = 0.05
DEFAULT_MIN_LIVELIHOOD_UNITS = 10
# A caveat statement names at most this many documents, groups or values, then counts the rest:
# at 500 documents a full list is a paragraph no reader reads.
_NAMED_MAX = 10
COVERAGE_COLUMNS = [
    "level",
    "group",
    "doc_id",
    "n_documents",
    "analysed_chars",
    "livelihood_chars",
    "livelihood_units",
    "livelihood_text_share",
    "thin_documents",
    "thin_livelihood",
    "thin_reason",
]
PROFILE_COLUMNS = [
    "group",
    "domain",
    "label_zh",
    "label_en",
    "share",
    "ci_low",
    "ci_high",
    "rank",
    "share_all",
    "n_documents",
    "n_units",
    "chars",
    "pooling",
    "livelihood_text_share",
    "livelihood_units",
    "thin_documents",
    "thin_livelihood",
    "thin_reason",
]


def _tax(taxonomy: Taxonomy | Path | str | None) -> Taxonomy:
    return as_taxonomy(taxonomy)


def counted_units(coded: pd.DataFrame, *, use_parts: Sequence[str] = (POLICY,)) -> pd.DataFrame:
    """The units that count: analysed parts, first occurrences only.

    Examples
    --------
    >>> s = pd.DataFrame({"part": ["policy", "policy", "commentary"],
    ...                   "duplicate_of": ["", "x-s01", ""]})
    >>> len(counted_units(s))
    1
    """
    keep = coded["part"].astype(str).isin(list(use_parts)) & (
        coded["duplicate_of"].fillna("").astype(str) == ""
    )
    return coded[keep]


class _Docs:
    """Documents x codes weight matrix of the counted units, with each document's group."""

    def __init__(self, coded, *, group_by, codes, use_parts, weight):
        if weight not in WEIGHTS:
            raise ValueError(f"weight must be one of {WEIGHTS}, not {weight!r}")
        # Every document keeps its row even when no unit counts (e.g. all commentary).
        docs = coded[["doc_id", group_by]].drop_duplicates("doc_id").sort_values("doc_id")
        self.doc_ids = docs["doc_id"].astype(str).tolist()
        self.groups = docs[group_by].astype(str).tolist()
        self.codes = list(codes)
        used = counted_units(coded, use_parts=use_parts)
        unknown = sorted(set(used["primary"]) - set(self.codes))
        if unknown:
            raise KeyError(f"labels not in the taxonomy: {unknown}")
        if weight == "chars":
            w = used["chars"].to_numpy(dtype=float)
        elif weight == "sentences" and "sentence_id" in used.columns:
            sentence = used["sentence_id"].astype(str).str.replace(_CLAUSE_SUFFIX, "", regex=True)
            w = 1.0 / sentence.map(sentence.value_counts()).to_numpy(dtype=float)
        else:
            w = np.ones(len(used))
        r = pd.Index(self.doc_ids).get_indexer(used["doc_id"].astype(str))
        c = pd.Index(self.codes).get_indexer(used["primary"])
        self.W = np.zeros((len(self.doc_ids), len(self.codes)))
        np.add.at(self.W, (r, c), w)
        self.N = np.zeros_like(self.W)
        np.add.at(self.N, (r, c), 1)
        self.units = used


def _livelihood_shares(W: np.ndarray, liv: np.ndarray) -> np.ndarray:
    L = W[..., liv]
    tot = L.sum(axis=-1, keepdims=True)
    return np.divide(L, tot, out=np.full_like(L, np.nan), where=tot > 0)


def _ranks(share: np.ndarray) -> np.ndarray:
    # Rank 1 = largest share; ties broken by taxonomy order; domains with no text get no rank.
    order = np.argsort(-np.nan_to_num(share, nan=-1.0), kind="stable")
    ranks = np.empty(len(share))
    ranks[order] = np.arange(1, len(share) + 1)
    return np.where(np.nan_to_num(share) > 0, ranks, np.nan)


def _group_share(W: np.ndarray, liv: np.ndarray, pooling: str) -> np.ndarray:
    """Group share of livelihood text per livelihood domain from its documents' rows."""
    if pooling == "chars":
        return _livelihood_shares(W.sum(axis=0), liv)
    s = _livelihood_shares(W, liv)
    ok = ~np.isnan(s[:, 0])
    return s[ok].mean(axis=0) if ok.any() else np.full(len(liv), np.nan)


def thin_reasons(
    share: float,
    units: int,
    *,
    min_share: float = DEFAULT_MIN_LIVELIHOOD_SHARE,
    min_units: int = DEFAULT_MIN_LIVELIHOOD_UNITS,
) -> list[str]:
    """Why livelihood text is thin: ``"share"`` (below ``min_share`` of the analysed text, or
    no analysed text), ``"units"`` (fewer than ``min_units``); empty when it is not.

    Examples
    --------
    >>> thin_reasons(0.023, 40), thin_reasons(0.19, 9), thin_reasons(0.11, 88)
    (['share'], ['units'], [])
    """
    out = []
    if not share >= min_share:
        out.append("share")
    if units < min_units:
        out.append("units")
    return out


def is_thin(
    share: float,
    units: int,
    *,
    min_share: float = DEFAULT_MIN_LIVELIHOOD_SHARE,
    min_units: int = DEFAULT_MIN_LIVELIHOOD_UNITS,
) -> bool:
    """Whether livelihood text is too thin to read its shares as priorities.

    ``share`` is the livelihood share of the analysed text (NaN when there is none), ``units``
    the number of livelihood sentences (or clauses, or paragraphs: the coding unit).

    Examples
    --------
    >>> is_thin(0.023, 40), is_thin(0.9, 7), is_thin(0.11, 88), is_thin(float("nan"), 0)
    (True, True, False, True)
    """
    return bool(thin_reasons(share, units, min_share=min_share, min_units=min_units))


def livelihood_coverage(
    coded: pd.DataFrame,
    *,
    group_by: str,
    taxonomy: Taxonomy | Path | str | None = None,
    use_parts: Sequence[str] = (POLICY,),
    pooling: str = "documents",
    min_share: float = DEFAULT_MIN_LIVELIHOOD_SHARE,
    min_units: int = DEFAULT_MIN_LIVELIHOOD_UNITS,
) -> pd.DataFrame:
    """How much livelihood text each document and each group has, and whether it is thin.

    A document is thin when its livelihood text (characters of counted units coded to a
    livelihood domain) is below ``min_share`` of its analysed text or has fewer than
    ``min_units`` units. A group is thin when its pooled text fails the same test, or, with
    ``pooling="documents"`` (its profile the mean of its documents' profiles), when more than
    half of its documents are thin.

    Returns
    -------
    pandas.DataFrame
        :data:`COVERAGE_COLUMNS`: one row per document (``level="document"``) and per group
        (``level="group"``, ``doc_id`` empty). Shares are of characters whatever ``weight``.
        ``thin_reason`` lists why (:func:`thin_reasons`, and ``"documents"`` for a group most of
        whose documents are thin), ``|``-joined.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a"] * 3, "region": ["R"] * 3, "part": "policy",
    ...     "chars": [40, 30, 930], "primary": ["health", "housing", "non_livelihood"],
    ...     "duplicate_of": ""})
    >>> c = livelihood_coverage(s, group_by="region")
    >>> c[["level", "livelihood_text_share", "livelihood_units", "thin_livelihood"]].values.tolist()
    [['document', 0.07, 2, True], ['group', 0.07, 2, True]]
    """
    if pooling not in POOLINGS:
        raise ValueError(f"pooling must be one of {POOLINGS}, not {pooling!r}")
    tax = _tax(taxonomy)
    docs = coded[["doc_id", group_by]].drop_duplicates("doc_id").sort_values("doc_id")
    doc_ids = docs["doc_id"].astype(str).tolist()
    groups = docs[group_by].astype(str).tolist()
    used = counted_units(coded, use_parts=use_parts)
    ids = used["doc_id"].astype(str)
    chars = used["chars"].astype(float)
    liv = used["primary"].isin(tax.livelihood)
    analysed = chars.groupby(ids).sum().reindex(doc_ids, fill_value=0.0)
    liv_chars = chars[liv].groupby(ids[liv]).sum().reindex(doc_ids, fill_value=0.0)
    liv_units = liv[liv].groupby(ids[liv]).size().reindex(doc_ids, fill_value=0)

    def share(lc: float, total: float) -> float:
        return lc / total if total > 0 else float("nan")

    rows = []
    thin_doc = {}
    for doc, g in zip(doc_ids, groups, strict=True):
        sh = share(liv_chars[doc], analysed[doc])
        why = thin_reasons(sh, int(liv_units[doc]), min_share=min_share, min_units=min_units)
        thin_doc[doc] = bool(why)
        rows.append(
            {
                "level": "document",
                "group": g,
                "doc_id": doc,
                "n_documents": 1,
                "analysed_chars": int(analysed[doc]),
                "livelihood_chars": int(liv_chars[doc]),
                "livelihood_units": int(liv_units[doc]),
                "livelihood_text_share": sh,
                "thin_documents": int(thin_doc[doc]),
                "thin_livelihood": thin_doc[doc],
                "thin_reason": "|".join(why),
            }
        )
    for g in sorted(set(groups)):
        members = [d for d, gg in zip(doc_ids, groups, strict=True) if gg == g]
        total, lc = float(analysed[members].sum()), float(liv_chars[members].sum())
        n_units = int(liv_units[members].sum())
        n_thin = sum(thin_doc[d] for d in members)
        sh = share(lc, total)
        why = thin_reasons(sh, n_units, min_share=min_share, min_units=min_units)
        if pooling == "documents" and 2 * n_thin > len(members):
            why.append("documents")
        rows.append(
            {
                "level": "group",
                "group": g,
                "doc_id": "",
                "n_documents": len(members),
                "analysed_chars": int(total),
                "livelihood_chars": int(lc),
                "livelihood_units": n_units,
                "livelihood_text_share": sh,
                "thin_documents": n_thin,
                "thin_livelihood": bool(why),
                "thin_reason": "|".join(why),
            }
        )
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS)


def document_domains(
    coded: pd.DataFrame,
    *,
    group_by: str,
    taxonomy: Taxonomy | Path | str | None = None,
    use_parts: Sequence[str] = (POLICY,),
    weight: str = "chars",
    min_share: float = DEFAULT_MIN_LIVELIHOOD_SHARE,
    min_units: int = DEFAULT_MIN_LIVELIHOOD_UNITS,
) -> pd.DataFrame:
    """The document x domain table (``priority_documents.csv``).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, group, domain, label_zh, label_en, chars, units, share_all,
        share_livelihood, rank, livelihood_text_share, livelihood_units, thin_livelihood,
        thin_reason``:
        every domain of the taxonomy for every document. ``share_all`` is the share of the
        document's analysed text, ``share_livelihood`` the share of its livelihood text
        (livelihood domains only), ``rank`` the domain's rank by it (empty for ``general``,
        ``non_livelihood`` and domains without text). The last four are the document's and
        repeat on its rows: livelihood share of its analysed text (characters), livelihood
        units, whether that is thin and why (:func:`livelihood_coverage`).
    """
    tax = _tax(taxonomy)
    d = _Docs(coded, group_by=group_by, codes=tax.codes, use_parts=use_parts, weight=weight)
    liv = np.array([tax.codes.index(c) for c in tax.livelihood], dtype=int)
    total = d.W.sum(axis=1, keepdims=True)
    share_all = np.divide(d.W, total, out=np.zeros_like(d.W), where=total > 0)
    share_liv = np.full_like(d.W, np.nan)
    share_liv[:, liv] = _livelihood_shares(d.W, liv)
    rank = np.full_like(d.W, np.nan)
    for i in range(len(d.doc_ids)):
        rank[i, liv] = _ranks(share_liv[i, liv])
    zh, en = tax.labels(lang="zh"), tax.labels(lang="en")
    n_docs, n_codes = d.W.shape
    cov = livelihood_coverage(
        coded, group_by=group_by, taxonomy=tax, use_parts=use_parts,
        min_share=min_share, min_units=min_units,
    ).query("level == 'document'").set_index("doc_id").reindex(d.doc_ids)  # fmt: skip
    return pd.DataFrame(
        {
            "doc_id": np.repeat(d.doc_ids, n_codes),
            "group": np.repeat(d.groups, n_codes),
            "domain": np.tile(tax.codes, n_docs),
            "label_zh": np.tile([zh[c] for c in tax.codes], n_docs),
            "label_en": np.tile([en[c] for c in tax.codes], n_docs),
            "chars": d.W.reshape(-1).astype(int) if weight == "chars" else d.W.reshape(-1),
            "units": d.N.reshape(-1).astype(int),
            "share_all": share_all.reshape(-1),
            "share_livelihood": share_liv.reshape(-1),
            "rank": rank.reshape(-1),
            "livelihood_text_share": np.repeat(cov["livelihood_text_share"].to_numpy(), n_codes),
            "livelihood_units": np.repeat(cov["livelihood_units"].to_numpy(int), n_codes),
            "thin_livelihood": np.repeat(cov["thin_livelihood"].to_numpy(bool), n_codes),
            "thin_reason": np.repeat(cov["thin_reason"].to_numpy(str), n_codes),
        }
    )


def priority_profiles(
    coded: pd.DataFrame,
    *,
    group_by: str,
    taxonomy: Taxonomy | Path | str | None = None,
    pooling: str = "documents",
    min_documents: int = DEFAULT_MIN_DOCUMENTS,
    n_bootstrap: int = 1000,
    random_state: int = 42,
    use_parts: Sequence[str] = (POLICY,),
    weight: str = "chars",
    min_share: float = DEFAULT_MIN_LIVELIHOOD_SHARE,
    min_units: int = DEFAULT_MIN_LIVELIHOOD_UNITS,
) -> pd.DataFrame:
    """Each group's share of livelihood text per livelihood domain (``priorities.csv``).

    Parameters
    ----------
    coded : pandas.DataFrame
        :func:`policystudy.domains.sentence_domains` output.
    group_by : str
        The group column.
    pooling : {"documents", "chars"}
        ``"documents"``: the mean of the documents' shares (each document counts equally);
        ``"chars"``: the share of the group's pooled characters.
    min_documents : int
        Groups with at least this many documents get cluster-bootstrap 95% intervals
        (documents resampled with replacement within the group); smaller groups get none.
    n_bootstrap, random_state : int
        Bootstrap replicates and seed.
    min_share, min_units
        Thin livelihood text (:func:`livelihood_coverage`): a group whose pooled livelihood
        text is below ``min_share`` of its analysed text or ``min_units`` units, or (equal
        document weights) most of whose documents are thin, is flagged ``thin_livelihood``.

    Returns
    -------
    pandas.DataFrame
        :data:`PROFILE_COLUMNS`; ``n_documents`` says what each profile rests on, and
        ``livelihood_text_share``, ``livelihood_units``, ``thin_documents``,
        ``thin_livelihood`` and ``thin_reason`` (the group's, repeated on its rows) how much
        livelihood text.
    """
    if pooling not in POOLINGS:
        raise ValueError(f"pooling must be one of {POOLINGS}, not {pooling!r}")
    tax = _tax(taxonomy)
    d = _Docs(coded, group_by=group_by, codes=tax.codes, use_parts=use_parts, weight=weight)
    liv = np.array([tax.codes.index(c) for c in tax.livelihood], dtype=int)
    groups = np.asarray(d.groups)
    rng = np.random.default_rng(random_state)
    zh, en = tax.labels(lang="zh"), tax.labels(lang="en")
    cov = livelihood_coverage(
        coded, group_by=group_by, taxonomy=tax, use_parts=use_parts, pooling=pooling,
        min_share=min_share, min_units=min_units,
    ).query("level == 'group'").set_index("group")  # fmt: skip
    rows = []
    for g in sorted(set(d.groups)):
        idx = np.flatnonzero(groups == g)
        W = d.W[idx]
        share = _group_share(W, liv, pooling)
        all_tot = W.sum()
        share_all = W.sum(axis=0)[liv] / all_tot if all_tot else np.full(len(liv), np.nan)
        lo = hi = np.full(len(liv), np.nan)
        if len(idx) >= min_documents and n_bootstrap > 0:
            draws = rng.integers(0, len(idx), size=(n_bootstrap, len(idx)))
            reps = np.vstack([_group_share(W[b], liv, pooling) for b in draws])
            lo, hi = np.nanpercentile(reps, [2.5, 97.5], axis=0)
        ranks = _ranks(share)
        for k, code in enumerate(tax.livelihood):
            rows.append(
                {
                    "group": g,
                    "domain": code,
                    "label_zh": zh[code],
                    "label_en": en[code],
                    "share": share[k],
                    "ci_low": lo[k],
                    "ci_high": hi[k],
                    "rank": ranks[k],
                    "share_all": share_all[k],
                    "n_documents": len(idx),
                    "n_units": int(d.N[idx][:, liv[k]].sum()),
                    "chars": int(d.W[idx][:, liv[k]].sum()),
                    "pooling": pooling,
                    "livelihood_text_share": cov.loc[g, "livelihood_text_share"],
                    "livelihood_units": int(cov.loc[g, "livelihood_units"]),
                    "thin_documents": int(cov.loc[g, "thin_documents"]),
                    "thin_livelihood": bool(cov.loc[g, "thin_livelihood"]),
                    "thin_reason": str(cov.loc[g, "thin_reason"]),
                }
            )
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)


def ranked_priorities(profiles: pd.DataFrame, *, top: int = 3) -> pd.DataFrame:
    """The ``top`` ranked domains of each group (``priority_ranking.csv``).

    Examples
    --------
    >>> p = pd.DataFrame({"group": ["A", "A"], "domain": ["health", "housing"],
    ...                   "rank": [2.0, 1.0], "share": [0.4, 0.6]})
    >>> ranked_priorities(p, top=1)["domain"].tolist()
    ['housing']
    """
    r = profiles[profiles["rank"].notna() & (profiles["rank"] <= top)].copy()
    r["rank"] = r["rank"].astype(int)
    return r.sort_values(["group", "rank"], kind="mergesort").reset_index(drop=True)


def holm(pvalues: Sequence[float]) -> np.ndarray:
    """Holm step-down adjusted p-values (NaN stays NaN and is not counted).

    Examples
    --------
    >>> holm([0.01, 0.04, 0.03, float("nan")]).round(2).tolist()
    [0.03, 0.06, 0.06, nan]
    """
    p = np.asarray(pvalues, dtype=float)
    out = np.full_like(p, np.nan)
    ok = np.flatnonzero(~np.isnan(p))
    m = len(ok)
    if not m:
        return out
    order = ok[np.argsort(p[ok], kind="stable")]
    adj = np.maximum.accumulate((m - np.arange(m)) * p[order])
    out[order] = np.minimum(adj, 1.0)
    return out


def _top_two(share: np.ndarray) -> tuple[int, int]:
    order = np.argsort(-np.nan_to_num(share, nan=-1.0), kind="stable")
    return int(order[0]), int(order[1]) if len(order) > 1 else -1


def _trial_leads(W, candidates, chars, liv, top, pooling) -> np.ndarray:
    """The top domain's lead over the runner-up after removing, from each candidate document
    alone, ``chars`` of its top-domain text: every trial at once.

    The sums run over the documents in the same order as :func:`_group_share` on each trial,
    with 0 for a document left without livelihood text (adding 0.0 changes no sum), so the
    leads are its numbers bit for bit. A group of 200 documents took 2 000 trials of the whole
    group per removal one at a time (32 s at 100 MB).
    """
    rows = np.arange(len(candidates))
    if pooling == "chars":
        total = np.repeat(W.sum(axis=0)[None, :], len(candidates), axis=0)
        total[rows, liv[top]] -= chars
        share = _livelihood_shares(total, liv)  # row-wise: one trial per row
    else:
        base = _livelihood_shares(W, liv)  # documents × livelihood domains
        trial = W[candidates].copy()
        trial[rows, liv[top]] -= chars
        shares = np.repeat(base[None], len(candidates), axis=0)
        shares[rows, candidates] = _livelihood_shares(trial, liv)
        ok = ~np.isnan(shares[:, :, 0])
        total = np.where(ok[:, :, None], shares, 0.0).sum(axis=1)
        n_ok = ok.sum(axis=1)
        share = np.full_like(total, np.nan)
        np.divide(total, n_ok[:, None], out=share, where=n_ok[:, None] > 0)
    share = np.nan_to_num(share)
    others = np.delete(share, top, axis=1)
    return share[:, top] - (others.max(axis=1) if others.shape[1] else 0.0)


def _fewest_removals(units_by_doc, W, liv, pooling, *, max_steps=2000):
    """Greedy: remove, one at a time, the top domain's unit that narrows its lead most.

    Exact for one document or pooled characters (the longest units go first); for an
    equal-weight group of several documents it is a greedy upper bound.
    """
    W = W.copy()
    share = _group_share(W, liv, pooling)
    if np.all(np.nan_to_num(share) == 0):
        return 0, []
    top, _ = _top_two(share)
    # Per document, the top domain's units from longest to shortest (ties by id).
    queues = {
        i: sorted(units.get(top, []), key=lambda u: (-u[1], u[0]))
        for i, units in units_by_doc.items()
    }
    removed = []
    for _ in range(max_steps):
        candidates = [i for i, q in queues.items() if q]
        if not candidates:
            return None, removed
        lead = _trial_leads(W, candidates, [queues[i][0][1] for i in candidates], liv, top,
                            pooling)  # fmt: skip
        # The first smallest lead, in the queues' order, as one trial at a time would pick.
        i = candidates[int(np.argmin(lead))]
        uid, chars = queues[i].pop(0)
        W[i, liv[top]] -= chars
        removed.append(uid)
        if _top_two(_group_share(W, liv, pooling))[0] != top:
            return len(removed), removed
    return None, removed


def robustness(
    coded: pd.DataFrame,
    *,
    group_by: str,
    taxonomy: Taxonomy | Path | str | None = None,
    pooling: str = "documents",
    use_parts: Sequence[str] = (POLICY,),
    weight: str = "chars",
) -> pd.DataFrame:
    """How firm each #1 is: for every document and every group (``priority_robustness.csv``).

    Returns
    -------
    pandas.DataFrame
        ``level`` (``document`` or ``group``), ``group``, ``doc_id`` (empty for a group),
        ``n_documents``, ``top``, ``top_share``, ``runner_up``, ``runner_up_share``,
        ``lead`` (difference of the two shares), ``fewest_units`` (the fewest sentences whose
        removal changes the #1), ``units_removed`` (their ids, ``|``-joined), ``method``.
    """
    tax = _tax(taxonomy)
    d = _Docs(coded, group_by=group_by, codes=tax.codes, use_parts=use_parts, weight=weight)
    liv = np.array([tax.codes.index(c) for c in tax.livelihood], dtype=int)
    pos = {c: k for k, c in enumerate(tax.livelihood)}
    units_by_doc: dict[int, dict[int, list]] = {}
    doc_index = {doc: i for i, doc in enumerate(d.doc_ids)}
    u = d.units[d.units["primary"].isin(tax.livelihood)]
    w = u["chars"].to_numpy(dtype=float) if weight == "chars" else np.ones(len(u))
    for doc, sid, code, wi in zip(u["doc_id"], u["sentence_id"], u["primary"], w, strict=True):
        units_by_doc.setdefault(doc_index[str(doc)], {}).setdefault(pos[code], []).append(
            (str(sid), wi)
        )
    groups = np.asarray(d.groups)
    rows = []

    def row(level, group, doc_id, idx):
        W = d.W[idx]
        share = _group_share(W, liv, pooling if level == "group" else "chars")
        ub = {k: units_by_doc.get(i, {}) for k, i in enumerate(idx)}
        if np.all(np.nan_to_num(share) == 0):
            return
        top, second = _top_two(share)
        n, removed = _fewest_removals(ub, W, liv, pooling if level == "group" else "chars")
        single = level == "document" or len(idx) == 1 or pooling == "chars"
        rows.append(
            {
                "level": level,
                "group": group,
                "doc_id": doc_id,
                "n_documents": len(idx),
                "top": tax.livelihood[top],
                "top_share": share[top],
                "runner_up": tax.livelihood[second] if second >= 0 else "",
                "runner_up_share": share[second] if second >= 0 else np.nan,
                "lead": share[top] - (share[second] if second >= 0 else 0.0),
                "fewest_units": n if n is not None else np.nan,
                "units_removed": "|".join(removed) if n is not None else "",
                "method": "exact (longest sentences first)" if single else "greedy upper bound",
            }
        )

    for i, doc in enumerate(d.doc_ids):
        row("document", d.groups[i], doc, np.array([i]))
    for g in sorted(set(d.groups)):
        row("group", g, "", np.flatnonzero(groups == g))
    return pd.DataFrame(rows)


def leave_one_document_out(
    coded: pd.DataFrame,
    *,
    group_by: str,
    taxonomy: Taxonomy | Path | str | None = None,
    pooling: str = "documents",
    use_parts: Sequence[str] = (POLICY,),
    weight: str = "chars",
) -> pd.DataFrame:
    """The profile of every pooled group without each of its documents in turn.

    Returns
    -------
    pandas.DataFrame
        ``group, left_out, n_documents, top, top_share, same_top, kendall_tau`` (tau between
        the domain shares with and without the document), for groups of two or more documents.
    """
    tax = _tax(taxonomy)
    d = _Docs(coded, group_by=group_by, codes=tax.codes, use_parts=use_parts, weight=weight)
    liv = np.array([tax.codes.index(c) for c in tax.livelihood], dtype=int)
    groups = np.asarray(d.groups)
    rows = []
    for g in sorted(set(d.groups)):
        idx = np.flatnonzero(groups == g)
        if len(idx) < 2:
            continue
        full = _group_share(d.W[idx], liv, pooling)
        top_full = _top_two(full)[0]
        for i in idx:
            rest = idx[idx != i]
            s = _group_share(d.W[rest], liv, pooling)
            top = _top_two(s)[0]
            ok = ~np.isnan(s) & ~np.isnan(full)
            tau = kendalltau(full[ok], s[ok]).statistic if ok.sum() > 1 else np.nan
            rows.append(
                {
                    "group": g,
                    "left_out": d.doc_ids[i],
                    "n_documents": len(rest),
                    "top": tax.livelihood[top],
                    "top_share": s[top],
                    "same_top": top == top_full,
                    "kendall_tau": float(tau),
                }
            )
    return pd.DataFrame(
        rows,
        columns=["group", "left_out", "n_documents", "top", "top_share", "same_top",
                 "kendall_tau"],
    )  # fmt: skip


def document_agreement(documents: pd.DataFrame) -> pd.DataFrame:
    """Kendall's tau between the livelihood profiles of the documents of each group.

    Examples
    --------
    >>> d = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "group": "G",
    ...                   "domain": ["x", "y"] * 2, "share_livelihood": [0.7, 0.3, 0.6, 0.4]})
    >>> document_agreement(d)["kendall_tau"].tolist()
    [1.0]
    """
    frames = []
    liv = documents[documents["share_livelihood"].notna()]
    for g, sub in liv.groupby("group", sort=True):
        wide = sub.pivot(index="domain", columns="doc_id", values="share_livelihood")
        wide = wide[sorted(wide.columns)]
        a, b = np.triu_indices(wide.shape[1], k=1)  # the pairs in combinations() order
        frames.append(
            pd.DataFrame(
                {
                    "group": g,
                    "doc_a": wide.columns[a],
                    "doc_b": wide.columns[b],
                    "kendall_tau": kendall_tau_b(wide.to_numpy(dtype=float))[a, b],
                }
            )
        )
    columns = ["group", "doc_a", "doc_b", "kendall_tau"]
    return (
        pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)
    )


def kendall_tau_b(x: np.ndarray) -> np.ndarray:
    """Kendall's tau-b between every two columns of ``x``, as ``scipy.stats.kendalltau``.

    All pairs at once: the signs of the differences of every two rows, one product of them,
    the same arithmetic as scipy's (so its numbers, bit for bit); a column with a NaN, or with
    all values tied, gives NaN. A group of 200 documents has 20 000 pairs: one call each took
    24 s at 100 MB.

    Examples
    --------
    >>> x = np.array([[0.7, 0.6, 0.1], [0.3, 0.4, 0.5], [0.0, 0.0, 0.4]])  # 3 domains × 3 docs
    >>> kendall_tau_b(x).round(3).tolist()
    [[1.0, 1.0, -0.333], [1.0, 1.0, -0.333], [-0.333, -0.333, 1.0]]
    >>> from scipy.stats import kendalltau
    >>> bool(kendall_tau_b(x)[0, 2] == kendalltau(x[:, 0], x[:, 2]).statistic)
    True
    """
    n_rows = x.shape[0]
    i, j = np.triu_indices(n_rows, k=1)
    signs = np.sign(np.nan_to_num(x[i] - x[j])).astype(np.int64)  # row pairs × columns
    untied = np.abs(signs).sum(axis=0)  # scipy's tot - xtie, per column
    with np.errstate(divide="ignore", invalid="ignore"):
        tau = (signs.T @ signs) / np.sqrt(untied)[:, None] / np.sqrt(untied)[None, :]
    tau = np.minimum(1.0, np.maximum(-1.0, tau))
    bad = np.isnan(x).any(axis=0) | (untied == 0)
    tau[bad, :] = np.nan
    tau[:, bad] = np.nan
    return tau


def _truthy(col: pd.Series) -> pd.Series:
    # A flag column read back from CSV may be bool or the strings "True"/"False".
    return col.astype(str).str.lower().isin(["true", "1", "1.0"])


def domain_consensus(documents: pd.DataFrame, *, codes: Sequence[str]) -> pd.DataFrame:
    """Where each livelihood domain stands across documents (``priority_consensus.csv``).

    Documents flagged ``thin_livelihood`` (when the column is there) are left out: their ranks
    rest on a few sentences and are not priorities to agree on.

    Returns
    -------
    pandas.DataFrame
        ``domain, n_documents, top1, top3, median_rank, min_share, median_share, max_share``.

    Examples
    --------
    >>> d = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "domain": ["x", "y"] * 2,
    ...                   "rank": [1, 2, 2, 1], "share_livelihood": [0.7, 0.3, 0.4, 0.6]})
    >>> r = domain_consensus(d, codes=["x", "y"]).iloc[0]
    >>> int(r["top1"]), int(r["top3"]), float(r["median_rank"])
    (1, 2, 1.5)
    """
    rows = []
    liv = documents[documents["domain"].isin(codes)]
    if "thin_livelihood" in liv.columns:
        liv = liv[~_truthy(liv["thin_livelihood"])]
    n_docs = liv.loc[liv["share_livelihood"].notna(), "doc_id"].nunique()
    for code in codes:
        sub = liv[(liv["domain"] == code) & liv["share_livelihood"].notna()]
        rank = sub["rank"].fillna(len(codes) + 1)
        rows.append(
            {
                "domain": code,
                "n_documents": n_docs,
                "top1": int((rank == 1).sum()),
                "top3": int((rank <= 3).sum()),
                "median_rank": float(rank.median()) if len(rank) else np.nan,
                "min_share": float(sub["share_livelihood"].min()) if len(sub) else np.nan,
                "median_share": float(sub["share_livelihood"].median()) if len(sub) else np.nan,
                "max_share": float(sub["share_livelihood"].max()) if len(sub) else np.nan,
            }
        )
    return pd.DataFrame(rows)


def caveats(
    coded: pd.DataFrame,
    overview: pd.DataFrame,
    *,
    group_by: str,
    min_documents: int = DEFAULT_MIN_DOCUMENTS,
    use_parts: Sequence[str] = (POLICY,),
    taxonomy: Taxonomy | Path | str | None = None,
    pooling: str = "documents",
    min_share: float = DEFAULT_MIN_LIVELIHOOD_SHARE,
    min_units: int = DEFAULT_MIN_LIVELIHOOD_UNITS,
) -> pd.DataFrame:
    """Computed caveats (``priority_caveats.csv``): ``caveat, subject, value, statement``.

    Among them ``thin_livelihood`` (documents) and ``thin_livelihood_groups``: the documents
    and groups whose livelihood text is thin (:func:`livelihood_coverage`), named with the
    share and the sentences their profiles rest on.
    """
    rows = []

    def add(caveat, subject, value, statement):
        rows.append({"caveat": caveat, "subject": subject, "value": value, "statement": statement})

    if "status" in overview.columns:  # a duplicate set aside is not one more document
        overview = overview[~overview["status"].astype(str).str.startswith("set aside")]
    per_group = overview.groupby(group_by)["doc_id"].nunique()
    small = sorted(g for g, n in per_group.items() if n < min_documents)
    if small:
        named = ", ".join(map(str, small[:_NAMED_MAX])) + (
            f" and {len(small) - _NAMED_MAX} more" if len(small) > _NAMED_MAX else ""
        )
        add(
            "few_documents",
            "|".join(map(str, small)),
            len(small),
            f"{len(small)} of {len(per_group)} groups have fewer than {min_documents} documents "
            f"({named}): their profiles describe those documents, carry no "
            "intervals or p-values, and a difference between them is also one of genre, year "
            "and author.",
        )
    for col in ("genre", "year"):
        if col in overview.columns:
            for g, sub in overview.groupby(group_by, sort=True):
                vals = sorted(set(sub[col].astype(str)))
                if len(vals) > 1:
                    named = "; ".join(vals) if len(vals) <= _NAMED_MAX else (
                        f"{len(vals)} of them, {vals[0]} to {vals[-1]}"
                    )  # fmt: skip
                    add(
                        f"mixed_{col}",
                        str(g),
                        len(vals),
                        f"{g} pools documents of different {col}s: {named}.",
                    )
    parts = coded.groupby(["doc_id", "part"])["chars"].sum().unstack(fill_value=0)
    total = parts.sum(axis=1)
    used = parts[[c for c in parts.columns if c in use_parts]].sum(axis=1)
    for doc in sorted(parts.index):
        aside = int(total[doc] - used[doc])
        if aside > 0:
            add(
                "part_set_aside",
                doc,
                aside / total[doc],
                f"{doc}: {aside:,} of {int(total[doc]):,} characters "
                f"({100 * aside / total[doc]:.1f}%) are not policy text "
                f"({', '.join(c for c in parts.columns if c not in use_parts and parts.loc[doc, c])}) "
                "and were set aside.",
            )
    cov = livelihood_coverage(
        coded, group_by=group_by, taxonomy=taxonomy, use_parts=use_parts, pooling=pooling,
        min_share=min_share, min_units=min_units,
    )  # fmt: skip
    rule = f"below {100 * min_share:g}% of the analysed text or fewer than {min_units} sentences"
    for level, caveat in (("document", "thin_livelihood"), ("group", "thin_livelihood_groups")):
        sub = cov[(cov["level"] == level) & cov["thin_livelihood"]]
        if sub.empty:
            continue
        key = "doc_id" if level == "document" else "group"
        named = "; ".join(_thin_phrase(r, key) for _, r in sub.head(_NAMED_MAX).iterrows())
        if len(sub) > _NAMED_MAX:
            named += f"; and {len(sub) - _NAMED_MAX} more (priority_documents.csv)"
        add(
            caveat,
            "|".join(sub[key].astype(str)),
            len(sub),
            f"{len(sub)} of {int((cov['level'] == level).sum())} {level}s have thin livelihood "
            f"text ({rule}{', or most of their documents thin' if level == 'group' else ''}): "
            f"{named}. Their livelihood shares rest on a handful of sentences or on scattered "
            "mentions in a text mostly about other things, where a few mis-coded sentences weigh "
            "heavily; they are not read as priorities.",
        )
    dup = coded[coded["duplicate_of"].fillna("").astype(str) != ""]
    for doc, sub in dup.groupby("doc_id", sort=True):
        add(
            "duplicates",
            doc,
            len(sub),
            f"{doc}: {len(sub)} repeated sentence(s) ({int(sub['chars'].sum()):,} characters) "
            "counted once.",
        )
    return pd.DataFrame(rows, columns=["caveat", "subject", "value", "statement"])


def _thin_phrase(r, key: str) -> str:
    share = r["livelihood_text_share"]
    what = "no analysed text" if pd.isna(share) else f"{100 * share:.1f}% livelihood"
    n = int(r["livelihood_units"])
    extra = (
        f", {int(r['thin_documents'])} of {int(r['n_documents'])} documents thin"
        if r["level"] == "group"
        else ""
    )
    return f"{r[key]} ({what}, {n} sentence{'' if n == 1 else 's'}{extra})"


def share_of(profiles: pd.DataFrame, group: str, domain: str) -> float:
    """One group's share of one domain (NaN when absent)."""
    r = profiles[(profiles["group"] == group) & (profiles["domain"] == domain)]
    return float(r["share"].iloc[0]) if len(r) else float("nan")


__all__ = [
    "COVERAGE_COLUMNS",
    "DEFAULT_MIN_DOCUMENTS",
    "DEFAULT_MIN_LIVELIHOOD_SHARE",
    "DEFAULT_MIN_LIVELIHOOD_UNITS",
    "GENERAL",
    "NON_LIVELIHOOD",
    "POOLINGS",
    "PROFILE_COLUMNS",
    "WEIGHTS",
    "caveats",
    "counted_units",
    "document_agreement",
    "document_domains",
    "domain_consensus",
    "holm",
    "is_thin",
    "leave_one_document_out",
    "livelihood_coverage",
    "priority_profiles",
    "ranked_priorities",
    "robustness",
    "share_of",
    "thin_reasons",
]
