"""Checks of the lexicon against a corpus: missing terms and false containers.

Two diagnostics for a user's own corpus (docs/methods.md, "Checking the lexicon on your
corpus"):

* :func:`coverage_gaps` lists the frequent words of units coded ``non_livelihood`` or
  ``general`` that sit under a livelihood heading. A word the lexicon lacks shows up here: on the
  national work reports 保障性安居工程 (the housing programme of 2008-2013) was coded
  non-livelihood under 「保障和改善民生」 headings until it was added.
* :func:`false_containers` lists the words of the segmentation that hold a livelihood term
  inside them without being about it: 人民政府 holds 民政 (civil affairs), 国民收入 and 财政收入
  hold 收入 (income). Matching is leftmost-longest, so a listed container put into the
  taxonomy (under ``general`` with weight 0, or under the domain it is about) hides the term.

Both take a ``tokenize`` callable (``str -> list[str]``), for example
:class:`policystudy.text.tokenizer.PolicyTokenizer`, so the check follows the corpus's own
segmentation.

Examples
--------
>>> toks = {"完善水库移民政策": ["完善", "水库", "移民政策"]}
>>> false_containers(list(toks), tokenize=toks.get)[["token", "term", "domain"]].values.tolist()
[['移民政策', '民政', 'social_assistance']]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from policystudy.domains.classifier import LexiconClassifier
from policystudy.domains.matcher import matcher, normalize
from policystudy.domains.taxonomy import GENERAL, NON_LIVELIHOOD, Taxonomy, as_taxonomy

GAP_COLUMNS = ["token", "count", "units", "documents", "lift", "heading_domain", "example"]
CONTAINER_COLUMNS = ["token", "term", "domain", "count", "example"]


def _tok(tokenize: Callable[[str], list[str]] | None):
    if tokenize is not None:
        return tokenize
    from policystudy.text.tokenizer import PolicyTokenizer

    return PolicyTokenizer().segment


def coverage_gaps(
    coded: pd.DataFrame,
    *,
    taxonomy: Taxonomy | Path | str | None = None,
    tokenize: Callable[[str], list[str]] | None = None,
    min_count: int = 3,
    min_chars: int = 2,
    top: int = 50,
) -> pd.DataFrame:
    """Frequent words of non-livelihood or general units under livelihood headings.

    Parameters
    ----------
    coded : pandas.DataFrame
        ``sentence_domains.csv`` (``doc_id, sentence_id, section, text, primary``).
    tokenize : callable, optional
        ``str -> list[str]``; default the policy tokenizer's segmentation.
    min_count, min_chars, top : int
        A word is listed when it occurs ``min_count`` times or more, has ``min_chars``
        characters or more and is not a taxonomy term; the ``top`` are kept.

    Notes
    -----
    Words are ranked by ``lift``: their rate in these units over their rate in all units of
    ``coded`` (add-one smoothed), so the ordinary words of policy text (建设, 加强, 我们), as
    frequent everywhere, sink and the words particular to the uncoded livelihood sections rise;
    ties by count.

    Returns
    -------
    pandas.DataFrame
        :data:`GAP_COLUMNS`: the word, its occurrences, units and documents, the livelihood
        domain the headings name, and one example unit id. Read them: the list holds the
        lexicon's gaps and also the ordinary words of such sections.

    Examples
    --------
    >>> coded = pd.DataFrame({"doc_id": ["d"] * 4, "sentence_id": ["s1", "s2", "s3", "s4"],
    ...     "section": ["(六)保障和改善民生 > 加快住房建设"] * 3 + [""],
    ...     "primary": "non_livelihood", "text": ["推进租售并举。"] * 3 + ["推进改革。"]})
    >>> toks = {"推进租售并举。": ["推进", "租售并举"], "推进改革。": ["推进", "改革"]}
    >>> coverage_gaps(coded, tokenize=toks.get)[
    ...     ["token", "count", "heading_domain"]].values.tolist()
    [['租售并举', 3, 'housing'], ['推进', 3, 'housing']]
    """
    tax = as_taxonomy(taxonomy)
    tokenize = _tok(tokenize)
    outside = coded[coded["primary"].isin([NON_LIVELIHOOD, GENERAL])]
    sections = sorted(set(outside["section"].fillna("").astype(str)) - {""})
    if not sections:
        return pd.DataFrame(columns=GAP_COLUMNS)
    # What the headings alone say: a section is a livelihood section when its heading path is
    # coded into a livelihood domain.
    clf = LexiconClassifier(tax, min_evidence=1).fit()
    heads = clf.classify([s.replace(" > ", ";") for s in sections])["primary"]
    head_domain = {s: d for s, d in zip(sections, heads, strict=True) if d in set(tax.livelihood)}
    units = outside[outside["section"].astype(str).isin(list(head_domain))]
    known = set(tax.terms)
    count: Counter = Counter()
    unit_n: Counter = Counter()
    docs: dict[str, set[str]] = {}
    example: dict[str, str] = {}
    domain_of: dict[str, Counter] = {}
    for doc, sid, sec, text in zip(
        units["doc_id"].astype(str),
        units["sentence_id"].astype(str),
        units["section"].astype(str),
        units["text"].astype(str),
        strict=True,
    ):
        seen = set()
        for tok in tokenize(normalize(text)):
            tok = tok.strip()
            if (
                len(tok) < min_chars
                or tok in known
                or not any("\u4e00" <= c <= "\u9fff" for c in tok)
            ):
                continue
            count[tok] += 1
            if tok not in seen:
                seen.add(tok)
                unit_n[tok] += 1
                docs.setdefault(tok, set()).add(doc)
                example.setdefault(tok, sid)
                domain_of.setdefault(tok, Counter())[head_domain[sec]] += 1
    background: Counter = Counter()
    for text in coded["text"].astype(str):
        background.update(t.strip() for t in tokenize(normalize(text)) if t.strip() in count)
    n_gap = max(sum(count.values()), 1)
    n_all = max(sum(background.values()), 1)
    rows = [
        {
            "token": tok,
            "count": n,
            "units": unit_n[tok],
            "documents": len(docs[tok]),
            "lift": (n / n_gap) / ((background[tok] + 1) / (n_all + 1)),
            "heading_domain": sorted(domain_of[tok].items(), key=lambda kv: (-kv[1], kv[0]))[0][0],
            "example": example[tok],
        }
        for tok, n in count.items()
        if n >= min_count
    ]
    out = pd.DataFrame(rows, columns=GAP_COLUMNS)
    out = out.sort_values(["lift", "count", "token"], ascending=[False, False, True], kind="stable")
    return out.head(top).reset_index(drop=True)


def false_containers(
    texts: Sequence[str],
    *,
    taxonomy: Taxonomy | Path | str | None = None,
    tokenize: Callable[[str], list[str]] | None = None,
    min_count: int = 1,
) -> pd.DataFrame:
    """Words of the segmentation that hold a livelihood term but are not a taxonomy term.

    A match of the term inside such a word crosses a word boundary of the segmentation: the
    word is a candidate for the taxonomy's false containers (read the list: 城乡低保 also holds
    低保 and is about it).

    Returns
    -------
    pandas.DataFrame
        :data:`CONTAINER_COLUMNS`, the most frequent first.
    """
    tax = as_taxonomy(taxonomy)
    tokenize = _tok(tokenize)
    pattern = matcher(tax)
    livelihood = set(tax.livelihood)
    known = set(tax.terms)
    count: Counter = Counter()
    example: dict[tuple[str, str], str] = {}
    for text in texts:
        text = normalize(str(text))
        for tok in tokenize(text):
            if tok in known or len(tok) < 3:
                continue
            for term in pattern.findall(tok):
                code = tax._term_domain[term][0]
                if code in livelihood and term != tok:
                    count[tok, term] += 1
                    example.setdefault((tok, term), text[:80])
    rows = [
        {
            "token": tok,
            "term": term,
            "domain": tax._term_domain[term][0],
            "count": n,
            "example": example[tok, term],
        }
        for (tok, term), n in count.items()
        if n >= min_count
    ]
    out = pd.DataFrame(rows, columns=CONTAINER_COLUMNS)
    return out.sort_values(["count", "token"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )
