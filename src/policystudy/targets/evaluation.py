"""Evaluation against hand-made gold lists: matching, precision, recall, kind accuracy."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd

from policystudy.core import resources
from policystudy.stats.intervals import wilson as wilson_interval
from policystudy.targets.quantities import normalize


def _same_number(a, b) -> bool:
    """Equal values; a computed fraction is equal to its rounding to 3 or more decimals.

    A list writes 三分之一 as 0.3333 and the extractor computes 0.333333: the longer figure
    (6 decimals or more, which no printed figure has) is a computed fraction, so it is rounded
    to the decimals of the shorter one, when that one has at least 3. Figures printed in the
    text (4.2, 0.465) are equal only when equal.

    Examples
    --------
    >>> _same_number(0.3333, 0.333333), _same_number(0.333, 1 / 3)
    (True, True)
    >>> _same_number(4.2, 4.25), _same_number(0.465, 0.4651), _same_number(0.3, 1 / 3)
    (False, False, False)
    """
    a_missing = a is None or (isinstance(a, float) and math.isnan(a)) or a == ""
    b_missing = b is None or (isinstance(b, float) and math.isnan(b)) or b == ""
    if a_missing or b_missing:
        return a_missing and b_missing
    x, y = float(a), float(b)
    if abs(x - y) < 1e-9:
        return True
    places = sorted((_decimals(x), _decimals(y)))
    return (
        places[0] >= 3 and places[1] >= 6 and abs(round(x, places[0]) - round(y, places[0])) < 1e-9
    )


def _decimals(x: float) -> int:
    # Decimals of the shortest repr: 0.3333 -> 4, 4.2 -> 1, 3.0 -> 0.
    text = repr(x)
    return 0 if "e" in text or "." not in text else len(text.split(".")[1].rstrip("0"))


def _in_sentence(fragment: str, sentence: str) -> bool:
    # A fragment may run over a sentence end: the part holding the number must be there.
    if fragment in sentence:
        return True
    parts = [p for p in re.split(r"(?<=[。!?])", fragment) if p]
    return len(parts) > 1 and any(p in sentence for p in parts if len(p) >= 4)


def _text(x) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    return str(x)


MATCH_COLUMNS = [
    "gold_index", "pred_index", "doc_id", "fragment", "value", "unit", "kind_gold", "kind_pred",
    "comparator_gold", "comparator_pred", "canonical_gold", "canonical_pred",
]  # fmt: skip


def match_targets(gold: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """Pair gold rows with predicted rows one to one (see :func:`evaluate` for the rule).

    Returns
    -------
    pandas.DataFrame
        One row per gold row (``pred_index`` is -1 when missed) followed by one row per
        unmatched prediction (``gold_index`` -1), with the gold and predicted kind, comparator
        and canonical indicator side by side.
    """
    pred = predicted.reset_index(drop=True)
    used: set[int] = set()
    by_doc: dict[str, list[int]] = {}
    # With a paragraph column on both sides (the dev list), a match must be in the same
    # paragraph; otherwise in the same document.
    key = (
        "paragraph_id" if "para_id" in gold.columns and "paragraph_id" in pred.columns else "doc_id"
    )
    for i, doc in enumerate(pred[key].astype(str)):
        by_doc.setdefault(doc, []).append(i)
    # Rows as dicts: a pandas row (``.loc``, ``iterrows``) is built anew at each access, and
    # that was most of the time of every run's target evaluation (notebook 04).
    rows = pred.to_dict("records")
    out = []
    for gi, g in enumerate(gold.to_dict("records")):
        fragment = normalize(str(g["fragment"]))
        hit = -1
        where = str(g["para_id"] if key == "paragraph_id" else g["doc_id"])
        for pi in by_doc.get(where, []):
            if pi in used:
                continue
            p = rows[pi]
            if (
                _in_sentence(fragment, str(p["sentence"]))
                and _same_number(g["value"], p["value"])
                and _same_number(g.get("value_high"), p["value_high"])
                and _text(g["unit"]) == _text(p["unit"])
            ):
                hit = pi
                used.add(pi)
                break
        p = rows[hit] if hit >= 0 else None
        out.append(
            {
                "gold_index": gi,
                "pred_index": hit,
                "doc_id": g["doc_id"],
                "fragment": g["fragment"],
                "value": g["value"],
                "unit": g["unit"],
                "kind_gold": g["kind"],
                "kind_pred": _text(p["kind"]) if p is not None else "",
                "comparator_gold": _text(g.get("comparator")),
                "comparator_pred": _text(p["comparator"]) if p is not None else "",
                "canonical_gold": _text(g.get("canonical_indicator")),
                "canonical_pred": _text(p["canonical_indicator"]) if p is not None else "",
            }
        )
    for pi in range(len(pred)):
        if pi in used:
            continue
        p = rows[pi]
        out.append(
            {
                "gold_index": -1,
                "pred_index": pi,
                "doc_id": p["doc_id"],
                "fragment": p["sentence"],
                "value": p["value"],
                "unit": p["unit"],
                "kind_gold": "",
                "kind_pred": p["kind"],
                "comparator_gold": "",
                "comparator_pred": p["comparator"],
                "canonical_gold": "",
                "canonical_pred": _text(p["canonical_indicator"]),
            }
        )
    # Empty inputs still give the documented columns, so callers can filter the result.
    return pd.DataFrame(out, columns=MATCH_COLUMNS)


def evaluate(gold: pd.DataFrame, predicted: pd.DataFrame) -> dict[str, float | int]:
    """Precision, recall and kind accuracy of predicted targets against a hand-made gold list.

    Matching rule: a gold row and a predicted row match when they come from the same document
    (``doc_id``), the predicted ``sentence`` contains the gold ``fragment`` (so it is the same
    sentence), and ``value``, ``value_high`` and ``unit`` are equal (missing equals missing,
    which is how placeholders match). Matching is one to one, in gold order, so a value that
    occurs twice must be found twice. Kind, comparator and canonical-indicator accuracies are
    computed over the matched pairs.

    Parameters
    ----------
    gold : pandas.DataFrame
        Columns ``doc_id, fragment, value, value_high, unit, kind`` (optionally ``comparator``
        and ``canonical_indicator``).
    predicted : pandas.DataFrame
        Columns :data:`TARGET_COLUMNS` plus ``doc_id``.

    Returns
    -------
    dict
        ``precision, recall, kind_accuracy, comparator_accuracy, canonical_accuracy,
        n_gold, n_predicted, n_matched, n_kind_correct``.

    Examples
    --------
    >>> gold = pd.DataFrame({"doc_id": ["d"], "fragment": ["持卡率"], "value": [95.0],
    ...                      "value_high": [None], "unit": ["%"], "kind": ["status"]})
    >>> from policystudy.targets import extract_targets_from_text
    >>> pred = extract_targets_from_text("目前,持卡率达到95%。").assign(doc_id="d")
    >>> evaluate(gold, pred)["recall"], evaluate(gold, pred)["kind_accuracy"]
    (1.0, 1.0)
    """
    m = match_targets(gold, predicted)
    matched = m[(m["gold_index"] >= 0) & (m["pred_index"] >= 0)]
    n_gold, n_pred, n_match = len(gold), len(predicted), len(matched)
    kind_ok = int((matched["kind_gold"] == matched["kind_pred"]).sum()) if n_match else 0

    def share(col: str) -> float:
        if not n_match or col not in gold.columns:
            return float("nan")
        a, b = matched[f"{col}_gold"], matched[f"{col}_pred"]
        return float((a == b).mean())

    return {
        "precision": n_match / n_pred if n_pred else float("nan"),
        "recall": n_match / n_gold if n_gold else float("nan"),
        "kind_accuracy": kind_ok / n_match if n_match else float("nan"),
        "comparator_accuracy": share("comparator"),
        "canonical_accuracy": float((matched["canonical_gold"] == matched["canonical_pred"]).mean())
        if n_match and "canonical_indicator" in gold.columns
        else float("nan"),
        "n_gold": n_gold,
        "n_predicted": n_pred,
        "n_matched": n_match,
        "n_kind_correct": kind_ok,
    }


def read_gold(path: Path | str) -> pd.DataFrame:
    """Read a gold list CSV (``data/validation/targets_gold.csv`` layout) with empty strings kept."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    for col in ("value", "value_high"):
        df[col] = pd.to_numeric(df[col].replace("", float("nan")), errors="coerce").astype(float)
    return df


DEV = resources.VALIDATION / "dev"


def _read_list(
    paragraphs_file: str, documents_file: str, gold_file: str, split: str | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A hand list's paragraphs (with their report's year) and gold rows, all or one split."""
    paragraphs = pd.read_csv(DEV / paragraphs_file, dtype=str, keep_default_na=False)
    docs = pd.read_csv(DEV / documents_file, dtype=str, keep_default_na=False)
    paragraphs = paragraphs.merge(docs[["doc_id", "year"]], on="doc_id", how="left").rename(
        columns={"para_id": "paragraph_id", "heading_trail": "section_path"}
    )
    gold = read_gold(DEV / gold_file)
    if split is not None:
        paragraphs = paragraphs[paragraphs["split"] == split].reset_index(drop=True)
        gold = gold[gold["split"] == split].reset_index(drop=True)
    return paragraphs, gold


def read_dev(split: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The development list (CPC congress reports): paragraphs and gold rows of one split.

    Parameters
    ----------
    split : {"tune", "report", "report2", "report3", None}
        One part of the list (``None``: all). ``report2`` is a later draw of paragraphs from
        the report documents; ``tune``, ``report`` and ``report2`` have all been tuned on
        (round 4). ``report3`` holds the last unread paragraphs of all 15 documents, labelled
        blind by reading only and scored once: the held-out part (``dev/TARGETS_DEV.md``).

    Returns
    -------
    paragraphs, gold : pandas.DataFrame
        ``paragraphs`` with ``doc_id, paragraph_id, section_path, text, year, split`` (read as
        strings), ready for :func:`~policystudy.targets.extract_targets_from_paragraphs`;
        ``gold`` as in ``dev_targets_gold.csv``.
    """
    return _read_list("paragraphs.csv", "dev_documents.csv", "dev_targets_gold.csv", split)


def evaluate_dev(split: str, *, indicators=None) -> tuple[dict[str, float | int], pd.DataFrame]:
    """Scores of the extractor on one part of the development list, and the match table.

    The extractor runs on the list's paragraphs with their heading trails and the report's
    year; a gold row and a prediction match when they are in the same paragraph, the
    prediction's sentence holds the gold fragment and value, upper value and unit agree.
    """
    from policystudy.targets.paragraphs import extract_targets_from_paragraphs

    paragraphs, gold = read_dev(split)
    predicted = extract_targets_from_paragraphs(
        paragraphs.assign(group=paragraphs["doc_id"]), group_by="group", indicators=indicators
    )
    return evaluate(gold, predicted), match_targets(gold, predicted)


def read_gwr(split: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The work-report list (national government work reports): paragraphs and gold rows.

    Parameters
    ----------
    split : {"tune", "report", "fresh", None}
        ``tune`` and ``report``: the halves of the fixed document split
        ``dev/gwr_documents.csv`` over the first draw (both tuning text since ``report`` was
        scored); ``fresh``: the blind part drawn and labelled later from paragraphs never drawn
        before, in all 52 reports (``dev/TARGETS_DEV.md``); ``None``: everything.

    Returns
    -------
    paragraphs, gold : pandas.DataFrame
        As :func:`read_dev`: ``paragraphs`` ready for
        :func:`~policystudy.targets.extract_targets_from_paragraphs` (with the report's year),
        ``gold`` as in ``gwr_targets_gold.csv``.
    """
    return _read_list("gwr_paragraphs.csv", "gwr_documents.csv", "gwr_targets_gold.csv", split)


def evaluate_split_parts(gold: pd.DataFrame, predicted: pd.DataFrame) -> dict[str, float | int]:
    """Scores of numeric rows and of qualitative commitments, separately, with intervals.

    Numeric rows are those with a value (gold) and a value or a placeholder (predicted);
    qualitative rows have neither. ``commitment_recall`` counts the gold commitments found
    *as commitments*. Each proportion comes with its 95 % Wilson interval (``*_lo``, ``*_hi``).
    """
    num_gold = gold[gold["value"].notna()]
    num_pred = predicted[predicted["value"].notna() | (predicted["kind"] == "placeholder")]
    m = match_targets(num_gold, num_pred)
    matched = m[(m["gold_index"] >= 0) & (m["pred_index"] >= 0)]
    kind_ok = int((matched["kind_gold"] == matched["kind_pred"]).sum())
    commit_gold = gold[gold["value"].isna() & (gold["kind"] == "commitment")]
    qual_pred = predicted[predicted["value"].isna() & (predicted["kind"] != "placeholder")]
    cm = match_targets(commit_gold, qual_pred)
    cm = cm[cm["gold_index"] >= 0]
    found = int((cm["kind_pred"] == "commitment").sum())
    out: dict[str, float | int] = {}
    for name, k, n in (
        ("recall", len(matched), len(num_gold)),
        ("precision", len(matched), len(num_pred)),
        ("kind_accuracy", kind_ok, len(matched)),
        ("commitment_recall", found, len(commit_gold)),
    ):
        lo, hi = wilson_interval(k, n)
        out.update({name: k / n if n else float("nan"), f"{name}_k": k, f"{name}_n": n,
                    f"{name}_lo": lo, f"{name}_hi": hi})  # fmt: skip
    return out


def evaluate_gwr(split: str, *, indicators=None) -> tuple[dict[str, float | int], pd.DataFrame]:
    """Scores of the extractor on one half of the work-report list, and the match table.

    The extractor runs on the drawn paragraphs with their heading trails and the report's
    year; scores as :func:`evaluate_split_parts` (numeric rows and commitments apart).
    """
    from policystudy.targets.paragraphs import extract_targets_from_paragraphs

    paragraphs, gold = read_gwr(split)
    predicted = extract_targets_from_paragraphs(
        paragraphs.assign(group=paragraphs["doc_id"]), group_by="group", indicators=indicators
    )
    return evaluate_split_parts(gold, predicted), match_targets(gold, predicted)


def describe_split_parts(scores: dict[str, float | int]) -> str:
    """The four figures of :func:`evaluate_split_parts` as lines: value, k/n, 95 % interval.

    Examples
    --------
    >>> print(describe_split_parts({"recall": 0.5, "recall_k": 1, "recall_n": 2,
    ...                             "recall_lo": 0.09, "recall_hi": 0.91}))
    numeric recall: 0.500 (1/2, 95% CI 0.09-0.91)
    """
    names = {
        "recall": "numeric recall",
        "precision": "numeric precision",
        "kind_accuracy": "kind accuracy (matched numeric rows)",
        "commitment_recall": "commitment recall",
    }
    return "\n".join(
        f"{label}: {scores[key]:.3f} ({scores[key + '_k']}/{scores[key + '_n']}, "
        f"95% CI {scores[key + '_lo']:.2f}-{scores[key + '_hi']:.2f})"
        for key, label in names.items()
        if key in scores
    )
