"""The livelihood domain of each target: the one place where targets meet ``domains``.

A target takes the domain of the text that states it: the clause holding it (a long goal
sentence chains clauses of several domains with ;) or its one-clause sentence, else its
paragraph's domain when the caller has one. Clauses and sentences are coded exactly as the
priorities code them (:func:`policystudy.domains.code_sentences`: clauses of a list sentence,
the evidence rule, ``non_livelihood`` for text outside livelihood policy).

Examples
--------
>>> import pandas as pd
>>> t = pd.DataFrame({"sentence": ["每年新增就业2.15万人以上;九年义务教育巩固率达99%以上。"] * 2,
...                   "indicator": ["新增就业", "九年义务教育巩固率"], "paragraph_id": ["p1", "p1"]})
>>> assign_domains(t)["domain"].tolist()
['employment', 'education']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from policystudy.domains import GENERAL, LexiconClassifier, code_sentences


def code_texts(texts: Sequence[str], *, taxonomy=None) -> dict[str, str]:
    """Primary domain of each distinct text (``general`` when no domain stands out)."""
    unique = sorted(set(texts))
    if not unique:
        return {}
    primary = code_sentences(unique, classifier=LexiconClassifier(taxonomy).fit())
    return dict(zip(unique, primary, strict=True))


def _clause(sentence: str, indicator: str) -> str:
    parts = [p for p in sentence.split(";") if p.strip()]
    for part in parts:
        if indicator and indicator in part:
            return part
    return sentence


def assign_domains(
    targets: pd.DataFrame,
    *,
    taxonomy=None,
    paragraph_domains: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """``targets`` with a ``domain`` column (clause, then sentence, then paragraph).

    Parameters
    ----------
    targets : pandas.DataFrame
        Columns ``sentence`` and ``indicator`` (``paragraph_id`` for the fallback).
    taxonomy : Taxonomy or path, keyword-only
        ``None`` reads the packaged taxonomy.
    paragraph_domains : mapping paragraph_id -> domain, keyword-only
        Used when neither clause nor sentence has a domain of its own.
    """
    out = targets.copy()
    if out.empty:
        out["domain"] = pd.Series(dtype=str)
        return out
    sentences = out["sentence"].fillna("").astype(str).tolist()
    clauses = [
        _clause(s, str(i)) for s, i in zip(sentences, out["indicator"].fillna(""), strict=True)
    ]
    coded = code_texts(clauses + sentences, taxonomy=taxonomy)
    fallback = dict(paragraph_domains or {})
    paragraph_ids = (
        out["paragraph_id"].astype(str).tolist() if "paragraph_id" in out else [""] * len(out)
    )
    domains = []
    for clause, sentence, pid in zip(clauses, sentences, paragraph_ids, strict=True):
        domain = coded[clause]
        # A clause of a longer sentence keeps its own (even general) reading: the sentence's
        # primary domain would be its neighbours' domain.
        if domain == GENERAL and clause == sentence:
            domain = coded[sentence]
        if domain == GENERAL and fallback.get(pid):
            domain = fallback[pid]
        domains.append(domain)
    out["domain"] = domains
    return out
