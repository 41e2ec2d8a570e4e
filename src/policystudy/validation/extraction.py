"""Target extraction scored against the packaged gold lists (notebook 04), and the rows it shows
as checks.

:func:`target_evaluation` scores a run's targets on the seed gold list (the documents of the
list that are in the corpus), the CPC development list (four splits) and the work-report list
(two halves) and returns the three tables notebook 04 writes; :func:`extraction_errors` keeps
the missed, spurious and wrong-kind rows of a matching; :func:`examples` picks the rows named in
``data/validation/targets_examples.yaml`` (which documents to show is data, not code).

Examples
--------
>>> m = pd.DataFrame({"gold_index": [0, -1, 2], "pred_index": [0, 1, 2],
...                   "kind_gold": ["target", "", "status"], "kind_pred": ["target", "status",
...                   "target"]})
>>> extraction_errors(m).index.tolist()
[1, 2]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from policystudy.core import memo, resources
from policystudy.targets import evaluate, evaluate_dev, evaluate_gwr, match_targets, read_gold

#: The packaged seed gold list and the rows notebook 04 shows.
SEED_GOLD = resources.VALIDATION / "targets_gold.csv"
EXAMPLES = resources.VALIDATION / "targets_examples.yaml"
#: The development list's splits and the work-report list's halves, in the order scored.
DEV_SPLITS = ("tune", "report", "report2", "report3")
GWR_SPLITS = ("tune", "report", "fresh", "final", "sealed", "last", "reserve", "coda")


def extraction_errors(matches: pd.DataFrame) -> pd.DataFrame:
    """The rows of a matching (:func:`policystudy.targets.match_targets`) that are errors:
    a gold row missed, a predicted row with no gold row, or a pair of different kinds."""
    return matches[
        (matches["gold_index"] < 0)
        | (matches["pred_index"] < 0)
        | (matches["kind_gold"] != matches["kind_pred"])
    ]


def target_evaluation(
    table: pd.DataFrame, *, indicators=None, gold: Path | str = SEED_GOLD
) -> dict[str, pd.DataFrame]:
    """Score a run's targets (``targets.csv``) on the gold lists.

    Only the seed-gold rows of documents present in ``table`` are scored (``n_gold = 0`` when
    none is); the development and work-report lists are packaged with their paragraphs, so
    their scores do not depend on the corpus.

    Returns
    -------
    dict of pandas.DataFrame
        ``targets_evaluation`` (``metric, value``: the seed list's, then
        ``dev_<split>_<metric>`` and ``gwr_<split>_<metric>``), ``targets_errors`` (the seed
        list's errors) and ``targets_dev_errors`` (the errors of the development list's
        ``tune`` split only: ``report3``, the held-out part, is for scoring only).
    """
    seed = read_gold(gold)
    seed = seed[seed["doc_id"].isin(table["doc_id"])]
    in_corpus = table[table["doc_id"].isin(seed["doc_id"])]
    scores = evaluate(seed, in_corpus) if len(seed) else {"n_gold": 0}
    rows = [{"metric": k, "value": v} for k, v in scores.items()]
    # The packaged lists' scores are the same for every corpus: a run loads them from the
    # cache folder (core.memo keys them on the package's files and the indicator list).
    packaged, dev_errors = memo.cached(
        "target_lists", lambda: _packaged_lists(indicators), indicators
    )
    return {
        "targets_evaluation": pd.DataFrame(rows + packaged),
        "targets_errors": extraction_errors(match_targets(seed, in_corpus)),
        "targets_dev_errors": dev_errors,
    }


def _packaged_lists(indicators) -> tuple[list[dict[str, Any]], pd.DataFrame]:
    """The metric rows of the development and work-report lists, and the errors of the
    development list's ``tune`` split."""
    rows: list[dict[str, Any]] = []
    dev_matches = {}
    for split in DEV_SPLITS:
        dev_scores, dev_matches[split] = evaluate_dev(split, indicators=indicators)
        rows += [{"metric": f"dev_{split}_{k}", "value": v} for k, v in dev_scores.items()]
    # The national work reports: numeric rows and commitments apart, with Wilson intervals;
    # `report`, `fresh`, `final`, `sealed`, `last` and `reserve` were each scored once and tuned
    # on after; `coda`, labelled blind while the rules were tuned on `reserve`, is the part the
    # report quotes (TARGETS_DEV.md).
    for split in GWR_SPLITS:
        gwr_scores, _ = evaluate_gwr(split, indicators=indicators)
        rows += [{"metric": f"gwr_{split}_{k}", "value": v} for k, v in gwr_scores.items()]
    return rows, extraction_errors(dev_matches["tune"])


def examples(
    table: pd.DataFrame, entries: Path | str | Sequence[Mapping[str, Any]] = EXAMPLES
) -> list[tuple[str, pd.DataFrame]]:
    """The rows of ``table`` each entry names, with its title.

    ``entries`` is the examples file (by default the packaged one) or its entries. An entry
    with ``kind`` keeps that kind's rows; one with ``never`` (a regular expression) keeps the
    rows whose sentence matches it, which should be none, and says how many. An entry whose
    document has no rows (not in the corpus, or set aside) says so.

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["a", "a"], "indicator": ["城镇新增就业", "床位"],
    ...     "kind": ["target", "placeholder"], "sentence": ["到2025年新增就业8万人", "20xx张"]})
    >>> entries = [{"doc_id": "a", "title": "占位", "kind": "placeholder",
    ...             "columns": ["indicator", "kind"]},
    ...            {"doc_id": "a", "title": "日期", "never": "2022-05-10", "columns": ["sentence"]},
    ...            {"doc_id": "b", "title": "不在语料中", "columns": ["kind"]}]
    >>> [(title, len(rows)) for title, rows in examples(t, entries)]
    [('占位', 1), ('日期: 0 rows from such sentences', 0), ('不在语料中: b has no rows in this table', 0)]
    """
    if isinstance(entries, str | Path):
        entries = yaml.safe_load(Path(entries).read_text(encoding="utf-8")) or []
    out = []
    for entry in entries:
        rows = table[table["doc_id"] == entry["doc_id"]]
        title = entry["title"]
        if rows.empty:  # said, not dropped: a document set aside has no rows either
            out.append((f"{title}: {entry['doc_id']} has no rows in this table", rows[[]]))
            continue
        if "kind" in entry:
            rows = rows[rows["kind"] == entry["kind"]]
        if "never" in entry:
            rows = rows[rows["sentence"].str.contains(entry["never"], regex=True)]
            title = f"{title}: {len(rows)} rows from such sentences"
        out.append((title, rows[list(entry["columns"])]))
    return out
