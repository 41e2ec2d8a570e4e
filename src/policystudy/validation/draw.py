"""Blind, stratified, seeded samples of a run's output for human coding.

Sentences (domains) and quantities (targets) are stratified by group and machine label; every
stratum gets at least ``min_per_stratum`` items (so rare labels are oversampled) and the rest
of the sample is shared in proportion to stratum size. Each item keeps its weight, the stratum
size over the stratum's sample size, so that an accuracy computed with the weights estimates the
accuracy over the whole corpus (:func:`policystudy.validation.score.weighted_accuracy`). Topics
give word-intrusion items: the top words of a topic plus one word that is top in another topic
and absent from this topic's list.

Examples
--------
>>> allocate({"a": 90, "b": 8, "c": 2}, 20, min_per_stratum=3)
{'a': 15, 'b': 3, 'c': 2}
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from policystudy.core import defaults
from policystudy.core.io import write_table, write_text
from policystudy.validation.sheets import WORD_SEP, write_sheet

#: Context columns of a sentence item, in sheet order.
SENTENCE_CONTEXT = ("heading", "previous", "text", "next")


def allocate(sizes: Mapping[str, int], n: int, *, min_per_stratum: int = 3) -> dict[str, int]:
    """Sample size of each stratum: a floor for every stratum, the rest in proportion to size.

    Largest remainders break ties, then the stratum name, so the result is deterministic. No
    stratum gets more items than it has; ``n`` larger than the population takes everything.
    With more strata than ``n // min_per_stratum`` the largest floors are trimmed first, and
    with more strata than ``n`` some strata get no item (their weight is then not represented:
    the key's ``frame_size`` minus the sum of the weights says how many units).
    """
    sizes = {k: int(v) for k, v in sorted(sizes.items()) if int(v) > 0}
    total = sum(sizes.values())
    if n >= total:
        return dict(sizes)
    take = {k: min(v, min_per_stratum) for k, v in sizes.items()}
    while sum(take.values()) > n:  # more strata than the floor allows: trim the largest floors
        k = max(take, key=lambda s: (take[s], sizes[s], s))
        take[k] -= 1
    left = n - sum(take.values())
    while left > 0:
        room = {k: sizes[k] - take[k] for k in sizes if sizes[k] > take[k]}
        share = {k: left * sizes[k] / sum(sizes[j] for j in room) for k in room}
        add = {k: min(room[k], int(np.floor(share[k]))) for k in room}
        if sum(add.values()) == 0:  # fewer items left than strata: largest remainders first
            for k in sorted(room, key=lambda s: (-(share[s] % 1), -sizes[s], s))[:left]:
                add[k] = 1
        for k, a in add.items():
            take[k] += a
        left = n - sum(take.values())
    return take


def stratified_sample(
    frame: pd.DataFrame, strata: pd.Series, n: int, *, min_per_stratum: int, random_state: int
) -> pd.DataFrame:
    """Rows of ``frame`` drawn by :func:`allocate`, with ``stratum``, sizes and ``weight``."""
    strata = strata.astype(str)
    sizes = strata.value_counts().to_dict()
    take = allocate(sizes, n, min_per_stratum=min_per_stratum)
    rng = np.random.default_rng(random_state)
    parts = []
    for stratum in sorted(take):
        if take[stratum] == 0:  # more strata than items: this one is not represented
            continue
        idx = np.flatnonzero((strata == stratum).to_numpy())
        chosen = np.sort(rng.choice(idx, size=take[stratum], replace=False))
        part = frame.iloc[chosen].copy()
        part["stratum"] = stratum
        part["stratum_size"] = sizes[stratum]
        part["sample_size"] = take[stratum]
        part["weight"] = sizes[stratum] / take[stratum]
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    # The sheet order is random, so that neighbouring rows do not reveal a stratum.
    order = np.random.default_rng(random_state + 1).permutation(len(out))
    return out.iloc[order].reset_index(drop=True)


def _neighbours(units: pd.DataFrame) -> pd.DataFrame:
    """The previous and next unit of each unit within its document, in table order."""
    by_doc = units.groupby("doc_id", sort=False)["text"]
    return pd.DataFrame(
        {
            "previous": by_doc.shift(1).fillna(""),
            "next": by_doc.shift(-1).fillna(""),
        }
    )


def draw_sentences(
    units: pd.DataFrame,
    *,
    n: int = 150,
    group_by: str = defaults.GROUP_BY,
    min_per_stratum: int = 3,
    random_state: int = defaults.RANDOM_STATE,
    coders: tuple[str, ...] = ("A",),
    show_machine: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A coding sheet and its key from ``sentence_domains.csv``.

    Units marked as duplicates of an earlier unit (``duplicate_of``) are left out of the
    sampling frame (the machine codes them as their first copy); the key records the frame size.

    Returns
    -------
    sheet, key : DataFrame
        ``sheet``: ``item_id, doc_id, group, heading, previous, text, next``, one empty
        ``code_<coder>`` column per coder and ``note`` (and ``machine`` when ``show_machine``);
        ``key``: ``item_id, task, doc_id, group, stratum, stratum_size, sample_size, weight,
        machine, machine_labels, frame_size``.

    Examples
    --------
    >>> units = pd.DataFrame({"doc_id": ["d"] * 4, "region": ["r"] * 4,
    ...     "sentence_id": ["d-s1", "d-s2", "d-s3", "d-s4"], "section": [""] * 4,
    ...     "text": ["提高低保标准。", "新建幼儿园。", "扩大就业。", "发展经济。"],
    ...     "primary": ["social_assistance", "education", "employment", "non_livelihood"],
    ...     "labels": [""] * 4, "duplicate_of": [""] * 4})
    >>> sheet, key = draw_sentences(units, n=2, min_per_stratum=0)
    >>> list(sheet.columns), len(key), "primary" in sheet.columns
    (['item_id', 'doc_id', 'group', 'heading', 'previous', 'text', 'next', 'code_A', 'note'], 2, False)
    """
    units = units.reset_index(drop=True)
    context = _neighbours(units)
    frame = pd.DataFrame(
        {
            "item_id": units["sentence_id"].astype(str),
            "doc_id": units["doc_id"].astype(str),
            "group": units[group_by].astype(str) if group_by in units else "",
            "heading": units["section"].astype(str) if "section" in units else "",
            "previous": context["previous"],
            "text": units["text"].astype(str),
            "next": context["next"],
            "machine": units["primary"].astype(str),
            "machine_labels": units["labels"].astype(str) if "labels" in units else "",
        }
    )
    if frame["item_id"].duplicated().any():
        raise ValueError("sentence_id is not unique in the units table")
    if "duplicate_of" in units:
        frame = frame[units["duplicate_of"].fillna("").astype(str) == ""]
    drawn = stratified_sample(
        frame,
        frame["group"] + "|" + frame["machine"],
        n,
        min_per_stratum=min_per_stratum,
        random_state=random_state,
    )
    sheet = drawn[["item_id", "doc_id", "group", *SENTENCE_CONTEXT]].copy()
    for c in coders:
        sheet[f"code_{c}"] = ""
    sheet["note"] = ""
    if show_machine:
        sheet.insert(len(SENTENCE_CONTEXT) + 3, "machine", drawn["machine"])
    key = drawn[["item_id", "doc_id", "group", "stratum", "stratum_size", "sample_size",
                 "weight", "machine", "machine_labels"]].copy()  # fmt: skip
    key.insert(1, "task", "domains")
    key["frame_size"] = len(frame)
    return sheet, key


def draw_targets(
    targets: pd.DataFrame,
    *,
    n: int = 100,
    group_by: str = "group",
    min_per_stratum: int = 3,
    random_state: int = defaults.RANDOM_STATE,
    coders: tuple[str, ...] = ("A",),
    show_machine: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A coding sheet of quantities from ``targets.csv``, stratified by group and machine kind.

    The coder sees the sentence and the value and unit the machine read, and writes the kind
    (``kind_<coder>``: target, status, rule, placeholder, commitment) and whether the value and
    the unit are right (``value_ok_<coder>``, ``unit_ok_<coder>``: yes or no).
    """
    targets = targets.reset_index(drop=True)
    group = targets[group_by].astype(str) if group_by in targets else pd.Series([""] * len(targets))
    frame = pd.DataFrame(
        {
            "item_id": [f"q{i + 1:05d}" for i in range(len(targets))],
            "doc_id": targets["doc_id"].astype(str),
            "group": group,
            "heading": "",
            "sentence": targets["sentence"].astype(str),
            "value": targets["value"].astype(str).replace("nan", ""),
            "unit": targets["unit"].astype(str).replace("nan", ""),
            "machine": targets["kind"].astype(str),
            "sentence_id": targets["sentence_id"].astype(str),
        }
    )
    drawn = stratified_sample(
        frame,
        frame["group"] + "|" + frame["machine"],
        n,
        min_per_stratum=min_per_stratum,
        random_state=random_state,
    )
    sheet = drawn[["item_id", "doc_id", "group", "sentence", "value", "unit"]].copy()
    for c in coders:
        sheet[f"kind_{c}"] = ""
        sheet[f"value_ok_{c}"] = ""
        sheet[f"unit_ok_{c}"] = ""
    sheet["note"] = ""
    if show_machine:
        sheet.insert(6, "machine", drawn["machine"])
    key = drawn[["item_id", "doc_id", "group", "stratum", "stratum_size", "sample_size",
                 "weight", "machine", "sentence_id", "value", "unit"]].copy()  # fmt: skip
    key.insert(1, "task", "targets")
    key["frame_size"] = len(frame)
    return sheet, key


def draw_word_intrusion(
    topics: pd.DataFrame,
    *,
    n_words: int = 5,
    per_topic: int = 2,
    intruder_rank: int = 3,
    random_state: int = defaults.RANDOM_STATE,
    coders: tuple[str, ...] = ("A",),
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Word-intrusion items from ``topics.csv``: a topic's top words plus one intruder.

    The intruder is among the ``intruder_rank`` top words of another topic and not among the
    words listed for this topic (``topics.csv`` lists each topic's top terms, so it ranks low
    here). The words are shuffled; the coder writes the word that does not belong. A coder
    guessing at random is right ``1 / (n_words + 1)`` of the time.

    Examples
    --------
    >>> t = pd.DataFrame({"topic": [1] * 3 + [2] * 3, "rank": [1, 2, 3] * 2,
    ...     "term": ["就业", "创业", "培训", "医院", "医保", "药品"]})
    >>> sheet, key = draw_word_intrusion(t, n_words=2, per_topic=1, intruder_rank=1)
    >>> key[["topic", "intruder"]].values.tolist()
    [[1, '医院'], [2, '就业']]
    """
    rng = np.random.default_rng(random_state)
    ranked = topics.sort_values(["topic", "rank"], kind="mergesort")
    words = {t: g["term"].astype(str).tolist() for t, g in ranked.groupby("topic", sort=True)}
    sheet_rows, key_rows = [], []
    for topic, listed in words.items():
        pool = sorted(
            {w for other, ws in words.items() if other != topic for w in ws[:intruder_rank]}
            - set(listed)
        )
        if len(listed) < n_words or not pool:
            continue
        intruders = rng.choice(pool, size=min(per_topic, len(pool)), replace=False)
        for j, intruder in enumerate(intruders):
            shown = [*listed[:n_words], str(intruder)]
            rng.shuffle(shown)
            item = f"t{topic}-{j + 1}"
            sheet_rows.append({"item_id": item, "words": WORD_SEP.join(shown)})
            key_rows.append({"item_id": item, "task": "topics", "topic": topic,
                             "intruder": str(intruder), "n_choices": len(shown),
                             "weight": 1.0})  # fmt: skip
    sheet = pd.DataFrame(sheet_rows, columns=["item_id", "words"])
    for c in coders:
        sheet[f"code_{c}"] = ""
    sheet["note"] = ""
    key = pd.DataFrame(
        key_rows, columns=["item_id", "task", "topic", "intruder", "n_choices", "weight"]
    )
    return sheet, key


def write_draw(sheet: pd.DataFrame, key: pd.DataFrame, folder: Path | str, *,
               codebook: str) -> list[Path]:  # fmt: skip
    """Write ``sheet.csv`` (+ ``sheet.xlsx``), ``key.csv`` and ``codebook.md`` into ``folder``.

    Returns the files written. ``key.csv`` holds the machine labels: keep it from the coders.
    """
    folder = Path(folder)
    written = write_sheet(sheet, folder / "sheet.csv")
    write_table(key, folder / "key.csv")
    write_text(folder / "codebook.md", codebook)
    return [*written, folder / "key.csv", folder / "codebook.md"]


__all__ = [
    "allocate",
    "draw_sentences",
    "draw_targets",
    "draw_word_intrusion",
    "stratified_sample",
    "write_draw",
]
