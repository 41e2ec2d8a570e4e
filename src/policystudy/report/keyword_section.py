"""The "Distinctive keywords and topics" section: keyness per group and the topic model."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from policystudy.core import defaults
from policystudy.core.markdown import md_text
from policystudy.core.sizes import FEW_TOPIC_PARAGRAPHS
from policystudy.report.fmt import capped as _capped
from policystudy.report.fmt import ci as _ci
from policystudy.report.fmt import n_of, pct
from policystudy.report.links import cite
from policystudy.report.templates import macros
from policystudy.stats.keyness import Z_CRITICAL

# A keyness term that looks like a place name: a short name ending in an administrative suffix,
# unless it is one of the common nouns built the same way (社区, 开发区 ...).
_PLACE = re.compile(r"^.{1,4}(?:省|市|县|区|州|镇)$")
_NOT_PLACE = re.compile(
    r"(?:社|小|园|城|景|校|辖|片|街|山|灾|矿|老|牧|林|市|县|新|试验|开发|示范|功能|保护|先行|"
    r"集聚|自贸|保税|核心|重点|贫困)区$|^(?:城|乡|集|村|小|县|市|本|全)(?:镇|市|县)$"
)

_T = "keywords.md.j2"


#: The manifest columns that name a document's place. A title is not one: a term found in a
#: title (社会主义 in a party congress report's) is not thereby a place name.
PLACE_COLUMNS = ("place_zh", "region_zh", "place")


def corpus_places(overview: pd.DataFrame) -> set[str]:
    """The place names of the corpus: every value of its :data:`PLACE_COLUMNS`.

    Examples
    --------
    >>> ov = pd.DataFrame({"place_zh": ["大连市"], "title_zh": ["高举中国特色社会主义伟大旗帜"]})
    >>> sorted(corpus_places(ov)), is_place("社会主义", corpus_places(ov))
    (['大连市'], False)
    """
    return {str(v) for c in PLACE_COLUMNS if c in overview.columns for v in overview[c] if str(v)}


def is_place(term: str, places: set[str]) -> bool:
    """A term that names a place of the corpus or looks like a place name.

    Examples
    --------
    >>> is_place("大连", {"大连市"}), is_place("长白山", set()), is_place("教育", {"大连市"})
    (True, False, False)
    >>> is_place("社区", set()), is_place("池北区", set()), is_place("保税区", set())
    (False, True, False)
    """
    if any(term in p for p in places):
        return True
    return bool(_PLACE.match(term)) and not _NOT_PLACE.search(term)


def keyness_lines(
    keyness: pd.DataFrame,
    *,
    n: int = 8,
    synonyms: Mapping[str, str] | None = None,
    places: set[str] | None = None,
) -> str:
    """Per group, its distinctive terms with |z| >= 1.96, synonyms merged, place names flagged.

    Examples
    --------
    >>> k = pd.DataFrame({"group": ["A"] * 3, "term": ["社保卡", "社会保障卡", "教育"],
    ...                   "z": [2.5, 2.1, 1.2]})
    >>> keyness_lines(k, synonyms={"社会保障卡": "社保卡"})
    '- **A**: 社保卡 (z=[2.50](../data/processed/keyness.csv#group=A&term=%E7%A4%BE%E4%BF%9D%E5%8D%A1); incl. 社会保障卡)'
    """
    say = macros(_T)
    synonyms = dict(synonyms or {})
    places = set(places or set())
    out = []
    kind = keyness["kind"].astype(str) if "kind" in keyness.columns else None
    if "one_document" in keyness.columns:
        keyness = keyness[keyness["one_document"].astype(str).str.lower() != "true"]
    for group, sub in keyness.groupby("group", sort=True):
        sub = sub[sub["z"].abs() >= Z_CRITICAL].copy()
        sub["canonical"] = sub["term"].map(lambda t: synonyms.get(t, t))
        items = []
        grp_terms = {}
        for canon, grp in sub.groupby("canonical", sort=False):
            best = grp.sort_values(["z", "term"], ascending=[False, True]).iloc[0]
            grp_terms[canon] = best["term"]
            merged = sorted(set(grp["term"]) - {canon})
            place = is_place(canon, places) or (
                kind is not None and (kind.loc[grp.index] == "place").any()
            )
            items.append((-best["z"], canon, best["z"], merged, place))
        items.sort()
        if not items:
            out.append(say.no_term(md_text(group), Z_CRITICAL))
            continue
        terms = []
        for _, canon, z, merged, place in items[:n]:
            zc = cite(f"{z:.2f}", "keyness", group=group, term=grp_terms[canon])
            terms.append(say.term(md_text(canon), place, zc, [md_text(m) for m in merged]))
        out.append(say.group_terms(md_text(group), terms))
    return "\n".join(_capped(out, noun="group", table="keyness"))


def topic_caveat(scan: pd.DataFrame | None) -> str:
    """A caveat when the topic model rests on few paragraphs (``n_topics_scan.csv``).

    Examples
    --------
    >>> topic_caveat(pd.DataFrame({"paragraphs": [12, 12]}))  # doctest: +ELLIPSIS
    '- The topics rest on only [12 paragraphs](...): they describe these paragraphs...'
    >>> topic_caveat(pd.DataFrame({"paragraphs": [400]}))
    ''
    """
    if scan is None or scan.empty or "paragraphs" not in scan.columns:
        return ""
    n = int(pd.to_numeric(scan["paragraphs"], errors="coerce").max())
    if n >= FEW_TOPIC_PARAGRAPHS:
        return ""
    return macros(_T).few_paragraphs(
        cite(n_of(n, "paragraph"), "n_topics_scan"), FEW_TOPIC_PARAGRAPHS
    )


def topic_lines(prevalence: pd.DataFrame, *, min_documents: int = defaults.MIN_DOCUMENTS) -> str:
    """The topic paragraph: what the intervals rest on, then a bullet per group with the topic
    of highest prevalence and its CI where the group has one; the background topic (column
    ``background``), common to every document, is reported apart.

    A group whose row has no interval (``resampled`` empty: fewer than ``min_documents``
    documents) is quoted without one, with the documents it rests on.

    Examples
    --------
    >>> p = pd.DataFrame({"group": ["A", "A", "B", "B"], "topic": [1, 2, 1, 2],
    ...     "label": ["x", "y"] * 2, "prevalence": [0.7, 0.3, 0.4, 0.6],
    ...     "ci_low": [0.6, 0.2, None, None], "ci_high": [0.8, 0.4, None, None],
    ...     "n_documents": [6, 6, 1, 1], "resampled": ["documents"] * 2 + [""] * 2})
    >>> print(topic_lines(p, min_documents=5))
    Most prevalent NMF topic per group (share of paragraph weight; 95% CI from a bootstrap that resamples documents, for groups with at least 5 documents; none for the others):
    <BLANKLINE>
    - **A**: topic 1 “x” carries [70.0%](../data/processed/topic_prevalence.csv#group=A&topic=1) [60.0–80.0] of its paragraph weight
    - **B**: topic 2 “y” carries [60.0%](../data/processed/topic_prevalence.csv#group=B&topic=2) of its paragraph weight (1 document, no interval)
    """
    kind = (
        prevalence["resampled"].fillna("").astype(str)
        if "resampled" in prevalence.columns
        else pd.Series("paragraphs", index=prevalence.index)
    )
    has_ci = prevalence["ci_low"].notna() & prevalence["ci_high"].notna() & (kind != "")
    say = macros(_T)
    at_least = f"at least {min_documents}" if min_documents else "enough"
    if (has_ci & (kind == "documents")).any():
        resampled = "documents"
    elif has_ci.any():
        resampled = "paragraphs"
    else:
        resampled = ""
    # A blank line after the lead-in: the bullets are a list of their own in every renderer.
    out = [say.topic_lead(resampled, at_least, bool((~has_ci).any()))]
    prevalence = prevalence.assign(_has_ci=has_ci)
    if "background" in prevalence.columns and prevalence["background"].astype(bool).any():
        bg = prevalence[prevalence["background"].astype(bool)]
        shares = ", ".join(
            f"{md_text(g)} {pct(v)}" for g, v in zip(bg["group"], bg["prevalence"], strict=True)
        )
        out.append(say.background(int(bg["topic"].iloc[0]), md_text(bg["label"].iloc[0]), shares))
        prevalence = prevalence[~prevalence["background"].astype(bool)]
    head = len(out)
    for group, sub in prevalence.groupby("group", sort=True):
        r = sub.sort_values(["prevalence", "topic"], ascending=[False, True]).iloc[0]
        if pd.isna(r["prevalence"]):
            # Its paragraphs hold no term of the topic vocabulary (a numbers-only document):
            # no weight to share out, so no topic.
            out.append(say.no_topic(md_text(group)))
            continue
        prev = cite(pct(r["prevalence"]), "topic_prevalence", group=group, topic=int(r["topic"]))
        interval = ""
        documents: str | None = ""  # None: an interval, so no "no interval" note
        if r["_has_ci"]:
            interval, documents = _ci(r["ci_low"], r["ci_high"]), None
        elif "n_documents" in r.index and pd.notna(r["n_documents"]):
            documents = n_of(r["n_documents"], "document")
        out.append(
            say.top_topic(md_text(group), int(r["topic"]), md_text(r["label"]), prev, interval,
                          documents)
        )  # fmt: skip
    return "\n".join(out[:head] + _capped(out[head:], noun="group", table="topic_prevalence"))
