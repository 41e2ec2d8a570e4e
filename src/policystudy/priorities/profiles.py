"""Livelihood priority profiles: each group's share of text per domain, with uncertainty.

Inputs are the paragraphs table of notebook 00 (``paragraph_id, doc_id, region, ..., text,
chars``) and the domain table of :func:`policystudy.domains.paragraph_domains`
(``paragraph_id, primary, labels, scores``).

A paragraph's weight (its characters, or 1 when weighting by paragraphs) goes to its primary
domain; with ``secondary=True`` it is split equally over all its labels. Shares within a group
sum to 1 over all domains including ``general``; ranks are given to the substantive domains
only (``general`` is framing text, not a priority).

Examples
--------
>>> import pandas as pd
>>> p = pd.DataFrame({"paragraph_id": ["a-p001", "a-p002"], "region": ["辽宁", "辽宁"],
...                   "doc_id": ["a", "a"], "text": ["提高低保标准", "建设养老机构和老年人助餐点"]})
>>> d = pd.DataFrame({"paragraph_id": ["a-p001", "a-p002"],
...                   "primary": ["social_assistance", "elderly_care"],
...                   "labels": ["social_assistance", "elderly_care"]})
>>> priority_profiles(p, d, n_bootstrap=0).query("rank == 1")["domain"].item()
'elderly_care'
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import kendalltau
from threadpoolctl import threadpool_limits

from policystudy.domains import (
    GENERAL,
    LexiconClassifier,
    Taxonomy,
    load_taxonomy,
    rank_scores,
    term_counts,
)
from policystudy.ingest.normalize import normalize_text
from policystudy.stats.resampling import BLOCK_CELLS, group_shares

PROFILE_COLUMNS = ["group", "domain", "share", "ci_low", "ci_high", "rank", "n_paragraphs"]
WEIGHTS = ("chars", "paragraphs")


def _tax(taxonomy: Taxonomy | Path | str | None) -> Taxonomy:
    return taxonomy if isinstance(taxonomy, Taxonomy) else load_taxonomy(taxonomy)


def _merged(paragraphs: pd.DataFrame, domains: pd.DataFrame, group_by: str) -> pd.DataFrame:
    if group_by not in paragraphs.columns:
        raise KeyError(f"group_by={group_by!r} is not a column of the paragraphs table")
    cols = ["paragraph_id", "primary", "labels"]
    # A paragraphs table may carry its own (e.g. hand-made) labels; the domains table wins.
    drop = [c for c in [*cols[1:], "scores"] if c in paragraphs]
    if "chars" in paragraphs:
        # The text is only needed for its length; not copying it keeps one corpus in memory.
        drop.append("text")
    paragraphs = paragraphs.drop(columns=[c for c in drop if c in paragraphs])
    data = paragraphs.merge(domains[cols], on="paragraph_id", how="inner", validate="1:1")
    if len(data) != len(paragraphs):
        raise ValueError("domains table does not cover every paragraph (join on paragraph_id)")
    return data.sort_values([group_by, "paragraph_id"], kind="mergesort").reset_index(drop=True)


def _weights(data: pd.DataFrame, weight: str) -> np.ndarray:
    if weight not in WEIGHTS:
        raise ValueError(f"weight must be one of {WEIGHTS}, not {weight!r}")
    if weight == "paragraphs":
        return np.ones(len(data))
    if "chars" in data.columns:
        return data["chars"].astype(float).to_numpy()
    return data["text"].astype(str).str.len().astype(float).to_numpy()


def _label_index(
    values: pd.Series, codes: Sequence[str], *, secondary: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Row and code index of every (paragraph, label) pair, rows in order."""
    index = {c: i for i, c in enumerate(codes)}
    # Few distinct label strings: parse each once, in order of first appearance so that the
    # error names the same labels as a row-by-row scan would.
    keys, uniques = pd.factorize(values.astype(str).to_numpy(dtype=object), use_na_sentinel=False)
    parsed = []
    for value in uniques:
        labels = [x for x in value.split("|") if x] if secondary else [value]
        unknown = [x for x in labels if x not in index]
        if unknown:
            raise ValueError(f"labels {unknown} are not in the taxonomy")
        parsed.append([index[x] for x in labels])
    lengths = np.array([len(p) for p in parsed], dtype=np.int64)
    rows = np.repeat(np.arange(len(keys)), lengths[keys])
    cols = np.array([i for k in keys.tolist() for i in parsed[k]], dtype=np.int64)
    return rows, cols


def _contributions(rows: np.ndarray, cols: np.ndarray, w: np.ndarray, n_codes: int) -> np.ndarray:
    # A paragraph's weight split equally over its labels; added in label order, as += would.
    n_labels = np.bincount(rows, minlength=len(w))
    mat = np.zeros((len(w), n_codes))
    np.add.at(mat, (rows, cols), w[rows] / n_labels[rows])
    return mat


def contribution_matrix(
    data: pd.DataFrame, codes: Sequence[str], *, weight: str = "chars", secondary: bool = False
) -> np.ndarray:
    """Paragraph x domain matrix of weight contributions (row sums = paragraph weights).

    Examples
    --------
    >>> d = pd.DataFrame({"text": ["ab", "abcd"], "primary": ["health", "housing"],
    ...                   "labels": ["health", "housing|health"]})
    >>> contribution_matrix(d, ["health", "housing"], secondary=True).tolist()
    [[2.0, 0.0], [2.0, 2.0]]
    """
    w = _weights(data, weight)
    col = "labels" if secondary else "primary"
    rows, cols = _label_index(data[col], codes, secondary=secondary)
    return _contributions(rows, cols, w, len(codes))


def _share_rows(contrib: np.ndarray) -> np.ndarray:
    total = contrib.sum(axis=-1, keepdims=True)
    return np.divide(contrib, total, out=np.zeros_like(contrib), where=total > 0)


def _ranks(share: np.ndarray, codes: Sequence[str]) -> list:
    # Rank substantive domains by (-share, code); `general` gets no rank.
    subst = [i for i, c in enumerate(codes) if c != GENERAL]
    order = sorted(subst, key=lambda i: (-share[i], codes[i]))
    ranks: list = [pd.NA] * len(codes)
    for r, i in enumerate(order, start=1):
        ranks[i] = r
    return ranks


def priority_profiles(
    paragraphs: pd.DataFrame,
    domains: pd.DataFrame,
    *,
    group_by: str = "region",
    weight: str = "chars",
    secondary: bool = False,
    n_bootstrap: int = 1000,
    random_state: int = 42,
    taxonomy: Taxonomy | Path | str | None = None,
) -> pd.DataFrame:
    """Share of text per domain and group, with percentile bootstrap 95 % CIs and ranks.

    Parameters
    ----------
    paragraphs : pandas.DataFrame
        ``paragraph_id``, ``group_by`` column, ``text`` and (for ``weight="chars"``) ``chars``.
    domains : pandas.DataFrame
        ``paragraph_id, primary, labels`` (see :func:`policystudy.domains.paragraph_domains`).
    group_by : str, keyword-only
        Column defining the groups (default ``"region"``).
    weight : {"chars", "paragraphs"}, keyword-only
        Weight each paragraph by its characters (default) or count paragraphs.
    secondary : bool, keyword-only
        Split a paragraph's weight over all its labels instead of giving it to the primary.
    n_bootstrap : int, keyword-only
        Bootstrap resamples of the group's paragraphs (0 disables the CIs).
    random_state : int, keyword-only
        Seed of ``numpy.random.default_rng``; groups are resampled in sorted order.

    Returns
    -------
    pandas.DataFrame
        ``group, domain, share, ci_low, ci_high, rank, n_paragraphs`` sorted by group and
        taxonomy order. ``n_paragraphs`` counts the group's paragraphs that carry the domain
        (as primary, or among their labels when ``secondary``); ``rank`` is empty for
        ``general``.

    Examples
    --------
    >>> from policystudy.domains import paragraph_domains
    >>> p = pd.DataFrame({"paragraph_id": ["x-p001", "x-p002", "x-p003"],
    ...                   "region": ["吉林"] * 3,
    ...                   "text": ["发展养老服务", "扩增公办幼儿园资源", "提高低保"]})
    >>> d = paragraph_domains(p)
    >>> prof = priority_profiles(p, d, n_bootstrap=200)
    >>> top = prof.loc[prof["rank"] == 1]
    >>> top["domain"].item(), round(top["share"].item(), 3)  # 9 of 6 + 9 + 4 characters
    ('education', 0.474)
    """
    tax = _tax(taxonomy)
    codes = tax.codes
    data = _merged(paragraphs, domains, group_by)
    col = "labels" if secondary else "primary"
    label_rows, label_cols = _label_index(data[col], codes, secondary=secondary)
    contrib = _contributions(label_rows, label_cols, _weights(data, weight), len(codes))
    carries = np.zeros((len(data), len(codes)), dtype=bool)
    carries[label_rows, label_cols] = True
    group_labels = data[group_by].astype(str).to_numpy(dtype=object)
    names, shares, lows, highs = group_shares(
        contrib, group_labels, n_bootstrap=n_bootstrap, random_state=random_state
    )
    rows = []
    for gi, group in enumerate(names):
        mask = group_labels == group
        share, low, high = shares[gi], lows[gi], highs[gi]
        ranks = _ranks(share, codes)
        for i, code in enumerate(codes):
            rows.append(
                {
                    "group": group,
                    "domain": code,
                    "share": share[i],
                    "ci_low": low[i],
                    "ci_high": high[i],
                    "rank": ranks[i],
                    "n_paragraphs": int(carries[mask, i].sum()),
                }
            )
    out = pd.DataFrame(rows, columns=PROFILE_COLUMNS)
    out["rank"] = out["rank"].astype("Int64")
    return out


def ranked_priorities(
    profiles: pd.DataFrame, *, top: int = 3, taxonomy: Taxonomy | Path | str | None = None
) -> pd.DataFrame:
    """Each group's ``top`` domains with bilingual labels, from :func:`priority_profiles`.

    Examples
    --------
    >>> prof = pd.DataFrame({"group": ["江苏"] * 2, "domain": ["health", "housing"],
    ...     "share": [0.6, 0.4], "ci_low": [0.5, 0.3], "ci_high": [0.7, 0.5], "rank": [1, 2],
    ...     "n_paragraphs": [3, 2]})
    >>> ranked_priorities(prof, top=1)[["group", "rank", "label_zh"]].values.tolist()
    [['江苏', 1, '医疗卫生']]
    """
    tax = _tax(taxonomy)
    sub = profiles.dropna(subset=["rank"])
    sub = sub[sub["rank"] <= top].sort_values(["group", "rank"], kind="mergesort").copy()
    sub["label_zh"] = sub["domain"].map(tax.labels(lang="zh"))
    sub["label_en"] = sub["domain"].map(tax.labels(lang="en"))
    cols = [
        "group",
        "rank",
        "domain",
        "label_zh",
        "label_en",
        "share",
        "ci_low",
        "ci_high",
        "n_paragraphs",
    ]
    return sub[cols].reset_index(drop=True)


def holm(pvalues: Sequence[float]) -> np.ndarray:
    """Holm-Bonferroni step-down adjusted p-values (family-wise error control).

    Examples
    --------
    >>> holm([0.01, 0.04, 0.03]).round(3).tolist()
    [0.03, 0.06, 0.06]
    """
    p = np.asarray(pvalues, dtype=float)
    m = len(p)
    order = np.argsort(p, kind="mergesort")
    adj = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * p[order]))
    out = np.empty(m)
    out[order] = adj
    return out


def permutation_test(
    paragraphs: pd.DataFrame,
    domains: pd.DataFrame,
    *,
    pairs: Sequence[tuple[str, str]] | None = None,
    group_by: str = "region",
    weight: str = "chars",
    secondary: bool = False,
    n_permutations: int = 2000,
    alpha: float = 0.05,
    random_state: int = 42,
    taxonomy: Taxonomy | Path | str | None = None,
) -> pd.DataFrame:
    """Permutation test of the share difference of every domain between two groups.

    The group labels of the two groups' paragraphs are shuffled ``n_permutations`` times; the
    two-sided p-value is ``(1 + #{|d*| >= |d|}) / (1 + n_permutations)``. P-values are adjusted
    with Holm's step-down method over the whole family (every pair x every substantive domain),
    which controls the family-wise error rate at ``alpha``.

    Paragraphs are the resampling unit, so the test assumes paragraphs are exchangeable; with
    one or two documents per group it compares documents as much as regions (see
    :func:`caveats`).

    Returns
    -------
    pandas.DataFrame
        ``group_a, group_b, domain, share_a, share_b, diff, p_value, p_holm, significant``.
        :func:`surviving_differences` keeps the significant rows.

    Examples
    --------
    >>> p = pd.DataFrame({"paragraph_id": [f"d-p{i:03d}" for i in range(40)],
    ...                   "region": ["甲"] * 20 + ["乙"] * 20, "text": ["x"] * 40})
    >>> d = pd.DataFrame({"paragraph_id": p["paragraph_id"],
    ...                   "primary": ["health"] * 20 + ["housing"] * 20})
    >>> d["labels"] = d["primary"]
    >>> t = permutation_test(p, d, n_permutations=500)
    >>> surviving_differences(t)["domain"].tolist()
    ['health', 'housing']
    """
    tax = _tax(taxonomy)
    codes = tax.codes
    subst = [i for i, c in enumerate(codes) if c != GENERAL]
    data = _merged(paragraphs, domains, group_by)
    contrib = contribution_matrix(data, codes, weight=weight, secondary=secondary)
    groups = data[group_by].astype(str).to_numpy()
    integral = bool(np.all(contrib == np.round(contrib)) and contrib.sum() < 2**53)
    if pairs is None:
        pairs = list(combinations(sorted(set(groups)), 2))
    rng = np.random.default_rng(random_state)
    rows = []
    for a, b in pairs:
        mask = (groups == a) | (groups == b)
        c = contrib[mask]
        is_a = groups[mask] == a
        if is_a.all() or not is_a.any():
            raise ValueError(f"groups {a!r} and {b!r} must both have paragraphs")
        observed = _share_rows(c[is_a].sum(0)) - _share_rows(c[~is_a].sum(0))
        extreme = np.zeros(len(codes), dtype=np.int64)
        # Whole numbers (characters, paragraph counts) add up exactly in any order, so group b
        # is the total minus group a; fractions (secondary labels) keep their own product.
        total = c.sum(0) if integral else None
        # Permutations in row blocks: Generator.permuted shuffles row after row, so the
        # blocks draw exactly what one permutations x paragraphs matrix would, without it.
        rows_per_block = max(1, BLOCK_CELLS // len(c))
        # Products with a dozen columns are memory-bound: a second BLAS thread only competes
        # for the two cores with the shuffling.
        with threadpool_limits(limits=1, user_api="blas"):
            for start in range(0, n_permutations, rows_per_block):
                n_rows = min(rows_per_block, n_permutations - start)
                perms = rng.permuted(np.tile(is_a, (n_rows, 1)), axis=1).astype(float)
                in_a = perms @ c
                in_b = total - in_a if integral else (1.0 - perms) @ c
                diff = _share_rows(in_a) - _share_rows(in_b)
                # A small tolerance keeps ties that differ only by floating-point noise.
                extreme += (np.abs(diff) >= np.abs(observed) - 1e-12).sum(axis=0)
        pval = (1 + extreme) / (1 + n_permutations)
        share_a = _share_rows(c[is_a].sum(0))
        share_b = _share_rows(c[~is_a].sum(0))
        for i in subst:
            rows.append(
                {
                    "group_a": a,
                    "group_b": b,
                    "domain": codes[i],
                    "share_a": share_a[i],
                    "share_b": share_b[i],
                    "diff": observed[i],
                    "p_value": pval[i],
                }
            )
    out = pd.DataFrame(rows)
    out["p_holm"] = holm(out["p_value"].to_numpy()) if len(out) else []
    out["significant"] = out["p_holm"] < alpha
    return out


def surviving_differences(tests: pd.DataFrame) -> pd.DataFrame:
    """The significant rows of :func:`permutation_test`, largest absolute difference first."""
    sub = tests[tests["significant"]].copy()
    sub["_abs"] = -sub["diff"].abs()
    sub = sub.sort_values(["_abs", "group_a", "group_b", "domain"], kind="mergesort")
    return sub.drop(columns="_abs").reset_index(drop=True)


def _top(share: np.ndarray, codes: Sequence[str], k: int = 3) -> list[str]:
    subst = [i for i, c in enumerate(codes) if c != GENERAL]
    return [codes[i] for i in sorted(subst, key=lambda i: (-share[i], codes[i]))[:k]]


def sensitivity_table(
    paragraphs: pd.DataFrame,
    *,
    classifier: LexiconClassifier | None = None,
    group_by: str = "region",
    weight: str = "chars",
) -> pd.DataFrame:
    """How each group's top-3 moves under alternative analysis choices.

    Variants (each against the baseline: ``weight``, primary labels only, full lexicon):

    - ``weight=<other>``: characters vs paragraph counts;
    - ``secondary counted``: weight split over all labels;
    - ``drop strongest term: <domain> (<term>)``: the paragraphs are re-classified without the
      term that contributes most weight to that domain in these paragraphs (one variant per
      domain), and ``... : all`` without every domain's strongest term at once.

    Kendall's tau-b (``scipy.stats.kendalltau``) compares the variant's shares of the
    substantive domains with the baseline's; ``top3_same`` says whether the ordered top three
    are unchanged.

    The paragraphs are matched against the lexicon once (:func:`policystudy.domains.term_counts`);
    a variant re-weights those counts and matches again only the paragraphs where a dropped
    term was found, which classifies every paragraph exactly as matching it from scratch.

    Returns
    -------
    pandas.DataFrame
        ``group, variant, top1, top2, top3, top3_same, kendall_tau``.

    Examples
    --------
    >>> p = pd.DataFrame({"paragraph_id": ["a-p001", "a-p002"], "region": ["天津"] * 2,
    ...                   "text": ["提高低保标准,扩大临时救助", "建设养老机构"]})
    >>> t = sensitivity_table(p)
    >>> t.loc[t["variant"] == "baseline", "top1"].item()
    'social_assistance'
    """
    clf = classifier or LexiconClassifier()
    tax = clf._tax()
    codes = tax.codes
    subst = [i for i, c in enumerate(codes) if c != GENERAL]
    other = "paragraphs" if weight == "chars" else "chars"

    # Rows in the order of _merged, as the profiles use them; no labels are read from the stub.
    stub = pd.DataFrame({"paragraph_id": paragraphs["paragraph_id"]}).assign(
        primary=GENERAL, labels=GENERAL
    )
    data = _merged(paragraphs.assign(_row=np.arange(len(paragraphs))), stub, group_by)
    text = paragraphs["text"]
    # Normalised once and kept (the only copy of the text held here): the variants match
    # some of these paragraphs again.
    texts = np.empty(len(data), dtype=object)
    texts[:] = [normalize_text(t) for t in text.fillna("").astype(str).iloc[data["_row"]]]
    groups = data[group_by].astype(str).to_numpy()
    weights = {w: _weights(data, w) for w in WEIGHTS}

    # Match the texts once; every variant is a re-weighting of these counts (see below).
    vocab = tax.terms
    counts = term_counts(texts, taxonomy=tax, vocabulary=vocab, normalized=True)
    raw = counts @ tax.weight_matrix(vocab)
    substantive_code = np.array([codes.index(c) for c in tax.substantive], dtype=np.int64)

    def shares(raw_scores: np.ndarray, *, w: str, secondary: bool) -> dict[str, np.ndarray]:
        order, _, labelled, _ = rank_scores(
            raw_scores, tax.substantive, threshold=clf._threshold(), min_score=clf.min_score
        )
        if secondary:
            rows, pos = np.nonzero(labelled)
        else:
            rows = np.flatnonzero(labelled.any(axis=1))
            pos = labelled[rows].argmax(axis=1)
        cols = substantive_code[order[rows, pos]]
        general = np.flatnonzero(~labelled.any(axis=1))
        rows = np.concatenate([rows, general])
        cols = np.concatenate([cols, np.full(len(general), codes.index(GENERAL))])
        contrib = _contributions(rows, cols, weights[w], len(codes))
        return {g: _share_rows(contrib[groups == g].sum(0)) for g in sorted(set(groups))}

    def without(terms: Sequence[str]) -> np.ndarray:
        # Dropping a term changes the matches only where the full lexicon matched it (the
        # regex alternation picks the same alternative everywhere else), so only those
        # paragraphs are matched again.
        variant = tax.without_terms(terms)
        weights_v = variant.weight_matrix(vocab)
        hit = np.flatnonzero(np.asarray(counts[:, [vocab.index(t) for t in terms]].sum(axis=1)))
        out = counts @ weights_v
        again = term_counts(texts[hit], taxonomy=variant, vocabulary=vocab, normalized=True)
        out[hit] = again @ weights_v
        return out

    variants = {
        "baseline": shares(raw, w=weight, secondary=False),
        f"weight={other}": shares(raw, w=other, secondary=False),
        "secondary counted": shares(raw, w=weight, secondary=True),
    }
    # strongest_terms on the texts, from the counts; a missing text counts as str(value) there.
    total = np.asarray(counts.sum(axis=0)).ravel()
    found = {vocab[j]: int(total[j]) for j in np.flatnonzero(total)}
    missing = text.isna().to_numpy()
    if missing.any():
        extra = term_counts(text.astype(str)[missing].map(str).tolist(), taxonomy=tax)
        for j, n in enumerate(np.asarray(extra.sum(axis=0)).ravel().tolist()):
            if n:
                found[vocab[j]] = found.get(vocab[j], 0) + n
    strongest = tax._strongest(found)
    for code in tax.substantive:
        term = strongest[code]
        variants[f"drop strongest term: {code} ({term})"] = shares(
            without([term]), w=weight, secondary=False
        )
    variants["drop strongest term: all"] = shares(
        without(sorted(set(strongest.values()))), w=weight, secondary=False
    )
    base = variants["baseline"]
    rows = []
    for group in sorted(base):
        base_top = _top(base[group], codes)
        for name, res in variants.items():
            top = _top(res[group], codes)
            tau = kendalltau(base[group][subst], res[group][subst]).statistic
            rows.append(
                {
                    "group": group,
                    "variant": name,
                    "top1": top[0],
                    "top2": top[1],
                    "top3": top[2],
                    "top3_same": top == base_top,
                    "kendall_tau": float(tau),
                }
            )
    return pd.DataFrame(rows)


def standalone_profiles(
    paragraphs: pd.DataFrame,
    domains: pd.DataFrame,
    *,
    group_by: str = "region",
    weight: str = "chars",
    taxonomy: Taxonomy | Path | str | None = None,
) -> pd.DataFrame:
    """For every group with several documents, its profile with each document standing alone.

    Returns
    -------
    pandas.DataFrame
        ``group, doc_id, top1, top2, top3, top3_same, kendall_tau, n_paragraphs, chars`` where
        ``doc_id == "ALL"`` is the pooled group and tau compares a document with the pool.

    Examples
    --------
    >>> from policystudy.domains import paragraph_domains
    >>> p = pd.DataFrame({"paragraph_id": ["a-p001", "b-p001"], "doc_id": ["a", "b"],
    ...                   "region": ["江苏"] * 2, "text": ["发展养老服务", "扩大就业"]})
    >>> standalone_profiles(p, paragraph_domains(p))["doc_id"].tolist()
    ['ALL', 'a', 'b']
    """
    tax = _tax(taxonomy)
    codes = tax.codes
    subst = [i for i, c in enumerate(codes) if c != GENERAL]
    data = _merged(paragraphs, domains, group_by)
    contrib = contribution_matrix(data, codes, weight=weight)
    lengths = _weights(data, "chars")
    rows = []
    for group, sub in data.groupby(data[group_by].astype(str), sort=True):
        docs = sorted(sub["doc_id"].astype(str).unique())
        if len(docs) < 2:
            continue
        idx = sub.index.to_numpy()
        # Each document's sums in one pass over the group (an archive has thousands of
        # documents). Weights are whole numbers, so the sums are exact in any order.
        code = np.searchsorted(docs, sub["doc_id"].astype(str).to_numpy())
        per_doc = np.column_stack(
            [
                np.bincount(code, weights=contrib[idx, j], minlength=len(docs))
                for j in range(len(codes))
            ]
        )
        doc_paragraphs = np.bincount(code, minlength=len(docs))
        doc_chars = np.bincount(code, weights=lengths[idx], minlength=len(docs))
        pooled = _share_rows(contrib[idx].sum(0))
        for i, doc in enumerate(["ALL", *docs]):
            if doc == "ALL":
                share, n, chars = pooled, len(idx), lengths[idx].sum()
            else:
                share = _share_rows(per_doc[i - 1])
                n, chars = doc_paragraphs[i - 1], doc_chars[i - 1]
            top = _top(share, codes)
            rows.append(
                {
                    "group": group,
                    "doc_id": doc,
                    "top1": top[0],
                    "top2": top[1],
                    "top3": top[2],
                    "top3_same": top == _top(pooled, codes),
                    "kendall_tau": float(kendalltau(pooled[subst], share[subst]).statistic),
                    "n_paragraphs": int(n),
                    "chars": int(chars),
                }
            )
    # A corpus with one document per group has nothing to show alone; keep the columns so
    # that callers and the written table stay well-formed.
    columns = ["group", "doc_id", "top1", "top2", "top3", "top3_same", "kendall_tau",
               "n_paragraphs", "chars"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def caveats(
    paragraphs: pd.DataFrame,
    domains: pd.DataFrame,
    *,
    group_by: str = "region",
    weight: str = "chars",
    taxonomy: Taxonomy | Path | str | None = None,
) -> pd.DataFrame:
    """Caveats computed from the manifest columns of the paragraphs table and the text.

    Covers: differing genres, years and lengths of the documents; each document's share of
    ``general`` (framing) text; groups that pool several documents and how their top-3 changes
    when each document stands alone.

    Returns
    -------
    pandas.DataFrame
        ``caveat, subject, value, statement`` (``value`` is the number behind the statement).

    Examples
    --------
    >>> from policystudy.domains import paragraph_domains
    >>> p = pd.DataFrame({"paragraph_id": ["a-p001", "b-p001"], "doc_id": ["a", "b"],
    ...                   "region": ["江苏"] * 2, "genre": ["plan", "news"], "year": [2018, 2021],
    ...                   "text": ["发展养老服务", "扩大就业,加强职业技能培训"]})
    >>> caveats(p, paragraph_domains(p)).query("caveat == 'genre'")["value"].item()
    2.0
    """
    tax = _tax(taxonomy)
    data = _merged(paragraphs, domains, group_by)
    data["_chars"] = _weights(data, "chars")
    docs = data.groupby("doc_id", sort=True).agg(
        group=(group_by, "first"),
        n_paragraphs=("paragraph_id", "size"),
        chars=("_chars", "sum"),
    )
    gen = data.assign(_g=data["_chars"] * (data["primary"] == GENERAL)).groupby("doc_id")["_g"]
    docs["general_share"] = gen.sum() / docs["chars"]
    rows = []

    def add(caveat, subject, value, statement):
        rows.append(
            {"caveat": caveat, "subject": subject, "value": float(value), "statement": statement}
        )

    for col in ("genre", "year"):
        if col in data.columns:
            per_doc = data.groupby("doc_id", sort=True)[col].first()
            listing = "; ".join(f"{d}: {v}" for d, v in per_doc.items())
            add(
                col,
                "all documents",
                per_doc.nunique(),
                f"{per_doc.nunique()} distinct {col} values across {len(per_doc)} documents "
                f"({listing})",
            )
    ratio = docs["chars"].max() / docs["chars"].min()
    add(
        "length",
        "all documents",
        ratio,
        "longest / shortest document = "
        f"{ratio:.2f} ({docs['chars'].idxmax()} {int(docs['chars'].max())} chars, "
        f"{docs['chars'].idxmin()} {int(docs['chars'].min())} chars); "
        "character weighting gives longer documents more say within their group",
    )
    for doc, r in docs.iterrows():
        add(
            "length",
            doc,
            r["chars"],
            f"{doc} ({r['group']}): {int(r['n_paragraphs'])} paragraphs, {int(r['chars'])} chars",
        )
        add(
            "general_share",
            doc,
            r["general_share"],
            f"{doc}: {r['general_share']:.1%} of its characters are framing text (general)",
        )
    n_docs = docs.groupby("group")["n_paragraphs"].size()
    for group, n in n_docs.items():
        if n > 1:
            add(
                "documents_per_group",
                group,
                n,
                f"{group} pools {n} documents while "
                f"{int((n_docs == 1).sum())} other groups have one each",
            )
    alone = standalone_profiles(paragraphs, domains, group_by=group_by, weight=weight, taxonomy=tax)
    zh = tax.labels(lang="zh")
    for _, r in alone[alone["doc_id"] != "ALL"].iterrows():
        top = " > ".join(zh[r[k]] for k in ("top1", "top2", "top3"))
        same = "same as" if r["top3_same"] else "differs from"
        add(
            "standalone",
            f"{r['group']} / {r['doc_id']}",
            r["kendall_tau"],
            f"{r['group']} with only {r['doc_id']}: top-3 {top} ({same} the pooled top-3; "
            f"Kendall tau vs pooled = {r['kendall_tau']:.2f})",
        )
    if "year" in data.columns:
        years = data.groupby(data[group_by].astype(str))["year"].agg(["min", "max"])
        for group, r in years.iterrows():
            if r["min"] != r["max"]:
                add(
                    "year",
                    group,
                    r["max"] - r["min"],
                    f"{group} pools documents from {r['min']} and {r['max']}",
                )
    return pd.DataFrame(rows)
