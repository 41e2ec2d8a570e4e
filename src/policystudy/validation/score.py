"""Score coded sheets: agreement between coders, the machine against their consensus.

The accuracy of the machine is weighted back to the corpus: each item counts for the
``stratum_size / sample_size`` units it stands for (Horvitz–Thompson weights of a stratified
draw; :mod:`policystudy.validation.draw`), so oversampling rare labels does not bias it.
Per-label precision, recall and F1 are computed on the sample, with Wilson intervals.

Examples
--------
>>> correct = np.array([1, 1, 0, 1])
>>> est, low, high = weighted_accuracy(correct, np.array(["a", "a", "b", "b"]),
...                                    {"a": 90, "b": 10})
>>> round(est, 3)
0.95
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import binomtest

from policystudy.core import defaults
from policystudy.core.io import read_table, write_table
from policystudy.targets.extract import KINDS
from policystudy.validation.agreement import agreement_table, cohen_kappa, kappa_interval, wilson
from policystudy.validation.sheets import (
    WORD_SEP,
    SheetError,
    check_sheet,
    read_sheet,
    yes_no,
)

SUMMARY_COLUMNS = ["task", "measure", "coders", "n", "n_documents", "estimate", "ci_low",
                   "ci_high", "interval", "chance", "p_value", "note"]  # fmt: skip
#: Documents needed before intervals resample documents instead of items.
MIN_CLUSTERS = 10


def weighted_accuracy(
    correct: np.ndarray, strata: np.ndarray, sizes: Mapping[str, int]
) -> tuple[float, float, float]:
    """Stratified estimate of the corpus accuracy and its 95 % interval.

    Each stratum's sample accuracy counts by the stratum's share of the corpus. The interval
    is a Wilson interval at the effective sample size of the stratified variance (with the
    finite-population correction); when that variance is zero (every stratum all right or all
    wrong) the plain sample size is used.

    Parameters
    ----------
    correct : array of 0/1
    strata : array of str
        The stratum of each scored item.
    sizes : mapping
        Stratum -> number of units in the corpus (the sampling frame).
    """
    correct = np.asarray(correct, dtype=float)
    strata = np.asarray(strata).astype(str)
    present = sorted(set(strata))
    total = sum(sizes[h] for h in present)
    est, var = 0.0, 0.0
    for h in present:
        c = correct[strata == h]
        share = sizes[h] / total
        p = c.mean()
        est += share * p
        if len(c) > 1:
            var += share**2 * (1 - len(c) / sizes[h]) * p * (1 - p) / (len(c) - 1)
    n = len(correct)
    n_eff = est * (1 - est) / var if var > 0 else n
    low, high = wilson(est * n_eff, n_eff)
    return float(est), low, high


def consensus(codes: pd.DataFrame) -> pd.Series:
    """The code most coders gave each item; empty on a tie or when nobody coded it."""

    def one(row) -> str:
        given = [v for v in row if isinstance(v, str) and v]
        if not given:
            return ""
        counts = pd.Series(given).value_counts()
        top = counts[counts == counts.iloc[0]]
        return str(top.index[0]) if len(top) == 1 else ""

    return codes.apply(one, axis=1).astype(str)


def label_table(
    machine: Sequence[str], truth: Sequence[str], labels: Sequence[str]
) -> pd.DataFrame:
    """Per-label precision, recall and F1 of the machine against the coders, Wilson intervals."""
    m, t = np.asarray(machine, dtype=object), np.asarray(truth, dtype=object)
    rows = []
    for lab in labels:
        tp = int(((m == lab) & (t == lab)).sum())
        n_m, n_t = int((m == lab).sum()), int((t == lab).sum())
        if n_m == 0 and n_t == 0:
            continue
        prec = tp / n_m if n_m else float("nan")
        rec = tp / n_t if n_t else float("nan")
        f1 = 2 * tp / (n_m + n_t)
        pl, ph = wilson(tp, n_m)
        rl, rh = wilson(tp, n_t)
        rows.append({"label": lab, "n_machine": n_m, "n_coders": n_t, "agree": tp,
                     "precision": prec, "precision_low": pl, "precision_high": ph,
                     "recall": rec, "recall_low": rl, "recall_high": rh, "f1": f1})  # fmt: skip
    return pd.DataFrame(rows)


def confusion_table(machine: Sequence[str], truth: Sequence[str]) -> pd.DataFrame:
    """Counts of (machine, coders) label pairs, long format, sorted."""
    df = pd.DataFrame({"machine": list(machine), "coders": list(truth)})
    out = df.value_counts().rename("n").reset_index()
    return out.sort_values(["machine", "coders"], kind="mergesort").reset_index(drop=True)


def load_coded(sheets: Sequence[Path | str], key: pd.DataFrame, *, task: str,
               allowed: Mapping[str, Sequence[str]] | None = None) -> pd.DataFrame:  # fmt: skip
    """The key with every coder's columns of every sheet joined on ``item_id``.

    A coder whose name occurs in two sheets is renamed ``<sheet stem>:<name>``.
    """
    key = key.copy()
    key["item_id"] = key["item_id"].astype(str)
    item_allowed = None
    if task == "topics":
        item_allowed = {}
    merged = key.set_index("item_id")
    taken: set[str] = set()
    for path in sheets:
        df = read_sheet(path)
        if task == "topics" and "words" in df.columns:
            item_allowed = {i: w.split(WORD_SEP) for i, w in zip(df["item_id"], df["words"],
                                                               strict=True)}  # fmt: skip
        coders = check_sheet(df, path, task=task, key_ids=key["item_id"].tolist(),
                             allowed=allowed, item_allowed=item_allowed)  # fmt: skip
        df = df.set_index("item_id")
        for coder, cols in coders.items():
            name = coder if coder not in taken else f"{Path(path).stem}:{coder}"
            taken.add(name)
            for col in cols:
                prefix = col[: len(col) - len(coder)]
                merged[f"{prefix}{name}"] = df[col].reindex(merged.index).fillna("")
        for col in ("text", "sentence", "words", "heading"):
            if col in df.columns and col not in merged.columns:
                merged[col] = df[col].reindex(merged.index).fillna("")
    merged.attrs["coders"] = sorted(taken)
    return merged.reset_index()


def _clusters(coded: pd.DataFrame) -> tuple[list[str] | None, str]:
    if "doc_id" in coded and coded["doc_id"].nunique() >= MIN_CLUSTERS:
        return coded["doc_id"].astype(str).tolist(), "document bootstrap"
    return None, "item bootstrap"


def _row(task, measure, coders, n, est, low, high, interval, *, docs=np.nan, chance=np.nan,
         p=np.nan, note=""):  # fmt: skip
    return {"task": task, "measure": measure, "coders": coders, "n": int(n), "n_documents": docs,
            "estimate": est, "ci_low": low, "ci_high": high, "interval": interval,
            "chance": chance, "p_value": p, "note": note}  # fmt: skip


def _accuracy_rows(task, measure, coded, correct, ok, docs, note) -> list[dict]:
    """Weighted (corpus) and sample accuracy of the machine on the items in ``ok``."""
    sub, c = coded[ok], correct[ok].astype(float)
    if sub.empty:
        return []
    sizes = dict(zip(sub["stratum"].astype(str), sub["stratum_size"].astype(int), strict=True))
    est, lo, hi = weighted_accuracy(c, sub["stratum"].astype(str).to_numpy(), sizes)
    k, n = c.sum(), len(c)
    return [
        _row(task, measure, "consensus", n, est, lo, hi, "stratified Wilson", docs=docs,
             note="weighted back to the corpus" + note),
        _row(task, f"{measure}_sample", "consensus", n, k / n, *wilson(k, n), "Wilson",
             docs=docs, note="unweighted, on the sample" + note),
    ]  # fmt: skip


def score_domains(
    coded: pd.DataFrame,
    *,
    labels: Sequence[str],
    n_boot: int = 1000,
    random_state: int = defaults.RANDOM_STATE,
) -> dict[str, pd.DataFrame]:
    """Agreement, accuracy, per-label scores, confusion and disagreements of a domain sheet."""
    coders = coded.attrs.get("coders") or []
    codes = coded[[f"code_{c}" for c in coders]].set_axis(coders, axis=1)
    clusters, interval = _clusters(coded)
    agree = agreement_table(codes, clusters=clusters, n_boot=n_boot, random_state=random_state)
    docs = coded["doc_id"].nunique()
    rows = [_row("domains", "items", "+".join(coders), len(coded), np.nan, np.nan, np.nan, "",
                 docs=docs, note="sampling frame of "
                 f"{int(coded['frame_size'].iloc[0]) if 'frame_size' in coded else len(coded)} "
                 "units")]  # fmt: skip
    if agree.empty:
        rows.append(_row("domains", "alpha", "+".join(coders), 0, np.nan, np.nan, np.nan, "",
                         docs=docs, note="not measured: one coder"))  # fmt: skip
    for r in agree.itertuples():
        rows.append(_row("domains", r.measure, r.coders, r.n, r.estimate, r.ci_low, r.ci_high,
                         interval, docs=docs))  # fmt: skip
    truth = consensus(codes)
    machine = coded["machine"].fillna("").astype(str)
    ok = (truth != "") & (machine != "")
    correct = (truth == machine).to_numpy()
    skipped = int((~ok).sum())
    note = f"; {skipped} item(s) without consensus or machine label left out" if skipped else ""
    rows += _accuracy_rows("domains", "accuracy", coded, correct, ok.to_numpy(), docs, note)
    for c in coders:
        # Items the run did not code (a document set aside since the draw) are not errors.
        given = (codes[c] != "") & (machine != "")
        k = int((codes[c][given] == machine[given]).sum())
        rows.append(_row("domains", "accuracy_sample", c, int(given.sum()),
                         k / max(1, int(given.sum())), *wilson(k, int(given.sum())), "Wilson",
                         docs=docs, note="machine against this coder"))  # fmt: skip

    sub_clusters = None if clusters is None else list(np.asarray(clusters)[ok.to_numpy()])
    lo, hi = kappa_interval(machine[ok], truth[ok], clusters=sub_clusters, n_boot=n_boot,
                            random_state=random_state)  # fmt: skip
    rows.append(_row("domains", "kappa_machine", "machine+consensus", int(ok.sum()),
                     cohen_kappa(machine[ok], truth[ok]), lo, hi, interval, docs=docs))  # fmt: skip
    per_label = label_table(machine[ok], truth[ok], labels)
    confusion = confusion_table(machine[ok], truth[ok])
    text = coded["text"] if "text" in coded else pd.Series([""] * len(coded))
    dis = []
    for i in range(len(coded)):
        given = {c: codes[c].iloc[i] for c in coders if codes[c].iloc[i]}
        split = len(set(given.values())) > 1
        if split or (ok.iloc[i] and not correct[i]):
            dis.append({"item_id": coded["item_id"].iloc[i], "doc_id": coded["doc_id"].iloc[i],
                        "text": text.iloc[i], "codes": "; ".join(f"{c}={v}" for c, v in
                                                                 given.items()),
                        "consensus": truth.iloc[i], "machine": machine.iloc[i],
                        "disagreement": "coders" if split else "machine"})  # fmt: skip
    disagreements = pd.DataFrame(
        dis, columns=["item_id", "doc_id", "text", "codes", "consensus", "machine", "disagreement"]
    ).sort_values(["disagreement", "doc_id", "item_id"], kind="mergesort")
    return {"validation_summary": pd.DataFrame(rows, columns=SUMMARY_COLUMNS),
            "validation_labels": per_label, "validation_confusion": confusion,
            "validation_disagreements": disagreements.reset_index(drop=True)}  # fmt: skip


def score_targets(coded: pd.DataFrame, *, n_boot: int = 1000,
                  random_state: int = defaults.RANDOM_STATE) -> dict[str, pd.DataFrame]:  # fmt: skip
    """Kind accuracy (weighted and on the sample) and value and unit correctness."""
    coders = coded.attrs.get("coders") or []
    kinds = coded[[f"kind_{c}" for c in coders]].set_axis(coders, axis=1)
    clusters, interval = _clusters(coded)
    docs = coded["doc_id"].nunique()
    rows = [_row("targets", "items", "+".join(coders), len(coded), np.nan, np.nan, np.nan, "",
                 docs=docs, note=f"{len(coders)} coder(s)")]  # fmt: skip
    for r in agreement_table(kinds, clusters=clusters, n_boot=n_boot,
                             random_state=random_state).itertuples():  # fmt: skip
        rows.append(_row("targets", f"kind_{r.measure}", r.coders, r.n, r.estimate, r.ci_low,
                         r.ci_high, interval, docs=docs))  # fmt: skip
    truth = consensus(kinds)
    machine = coded["machine"].fillna("").astype(str)
    ok = ((truth != "") & (machine != "")).to_numpy()
    rows += _accuracy_rows("targets", "kind_accuracy", coded, (truth == machine).to_numpy(), ok,
                           docs, "")  # fmt: skip
    for part in ("value", "unit"):
        votes = coded[[f"{part}_ok_{c}" for c in coders]].map(yes_no).mean(axis=1)
        decided = votes.notna() & (votes != 0.5)
        k, n = int((votes[decided] > 0.5).sum()), int(decided.sum())
        if n:
            rows.append(_row("targets", f"{part}_correct", "consensus", n, k / n, *wilson(k, n),
                             "Wilson", docs=docs, note="unweighted, on the sample"))  # fmt: skip
    return {"validation_summary": pd.DataFrame(rows, columns=SUMMARY_COLUMNS),
            "validation_target_labels": label_table(machine[ok], truth[ok],
                                                    sorted(set(machine) - {""})),
            "validation_target_confusion": confusion_table(machine[ok], truth[ok])}  # fmt: skip


def score_topics(coded: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Word-intrusion accuracy of each coder and of all answers, against chance, binomial test."""
    coders = coded.attrs.get("coders") or []
    chance = float((1 / coded["n_choices"].astype(float)).mean())
    rows = []
    answers = []
    for c in coders:
        given = coded[f"code_{c}"] != ""
        hits = (coded.loc[given, f"code_{c}"] == coded.loc[given, "intruder"]).astype(int)
        answers += hits.tolist()
        k, n = int(hits.sum()), int(given.sum())
        if n:
            p = binomtest(k, n, chance, alternative="greater").pvalue
            rows.append(_row("topics", "intrusion_accuracy", c, n, k / n, *wilson(k, n), "Wilson",
                             chance=chance, p=p, note="word intrusion"))  # fmt: skip
    if len(coders) > 1 and answers:
        k, n = sum(answers), len(answers)
        p = binomtest(k, n, chance, alternative="greater").pvalue
        rows.append(_row("topics", "intrusion_accuracy", "all", n, k / n, *wilson(k, n),
                         "Wilson", chance=chance, p=p, note="all answers pooled"))  # fmt: skip
    return {"validation_summary": pd.DataFrame(rows, columns=SUMMARY_COLUMNS)}


def _read_key(key: Path | str | pd.DataFrame) -> pd.DataFrame:
    if isinstance(key, pd.DataFrame):
        return key
    if not Path(key).is_file():
        raise SheetError(f"{key}: the draw's key is missing (it is written by validate draw)")
    return read_table(key, text_columns=("machine", "machine_labels", "intruder", "stratum",
                                         "value", "unit", "sentence_id"))  # fmt: skip


def score_sheets(
    sheets: Sequence[Path | str],
    *,
    key: Path | str | pd.DataFrame | None = None,
    machine: pd.DataFrame | None = None,
    labels: Sequence[str] = (),
    n_boot: int = 1000,
    random_state: int = defaults.RANDOM_STATE,
) -> dict[str, pd.DataFrame]:
    """Read and score coded sheets of one draw.

    Parameters
    ----------
    sheets : sequence of paths
        CSV or XLSX sheets of the same draw, one or more coders each.
    key : path or DataFrame, optional
        The draw's ``key.csv``; by default ``key.csv`` next to the first sheet.
    machine : DataFrame, optional
        The current run's ``sentence_domains.csv``: when given, the machine's labels are read
        from it by ``sentence_id`` (so a rerun with a changed taxonomy is scored against the
        same human codes) instead of from the key.
    labels : sequence of str
        The codes allowed in a domain sheet (the taxonomy's codes).
    """
    if not sheets:
        raise SheetError("no coded sheet given")
    table = _read_key(Path(sheets[0]).parent / "key.csv" if key is None else key)
    task = str(table["task"].iloc[0]) if len(table) else "domains"
    if task == "domains":
        table = table.copy()
        if machine is not None:
            found = dict(zip(machine["sentence_id"].astype(str), machine["primary"].astype(str),
                             strict=True))  # fmt: skip
            table["machine"] = table["item_id"].astype(str).map(found).fillna("")
        coded = load_coded(
            sheets, table, task=task, allowed={"code_": list(labels)} if labels else None
        )
        return score_domains(coded, labels=labels or sorted(set(coded["machine"]) - {""}),
                             n_boot=n_boot, random_state=random_state)  # fmt: skip
    if task == "targets":
        coded = load_coded(sheets, table, task=task, allowed={"kind_": KINDS})
        return score_targets(coded, n_boot=n_boot, random_state=random_state)
    coded = load_coded(sheets, table, task="topics")
    return score_topics(coded)


def score_draws(
    sheets: Sequence[Path | str],
    *,
    machine: pd.DataFrame | None = None,
    labels: Sequence[str] = (),
    n_boot: int = 1000,
    random_state: int = defaults.RANDOM_STATE,
) -> dict[str, pd.DataFrame]:
    """Score sheets of one or more draws (one folder with its ``key.csv`` per draw).

    The tables of the draws are stacked with a ``draw`` column (the folder's name). With
    ``machine`` (the run's ``sentence_domains.csv``) a domain draw none of whose items are in
    the run is refused: its sheets belong to another corpus.
    """
    by_folder: dict[Path, list[Path]] = {}
    for sheet in sheets:
        by_folder.setdefault(Path(sheet).parent, []).append(Path(sheet))
    stacked: dict[str, list[pd.DataFrame]] = {}
    for folder, files in sorted(by_folder.items()):
        if machine is not None and (folder / "key.csv").is_file():
            key = read_table(folder / "key.csv", text_columns=("machine", "stratum"))
            ids = set(machine["sentence_id"].astype(str))
            if key["task"].iloc[0] == "domains" and not set(key["item_id"].astype(str)) & ids:
                raise SheetError(f"{folder / 'key.csv'}: no item of this draw is a sentence of "
                                 "this run (sheets of another corpus?)")  # fmt: skip
        tables = score_sheets(files, key=folder / "key.csv", machine=machine, labels=labels,
                              n_boot=n_boot, random_state=random_state)  # fmt: skip
        for name, df in tables.items():
            stacked.setdefault(name, []).append(df.assign(draw=folder.name))
    return {name: pd.concat(dfs, ignore_index=True) for name, dfs in stacked.items()}


def write_scores(tables: Mapping[str, pd.DataFrame], folder: Path | str) -> list[Path]:
    """Write the score tables as ``<name>.csv`` into ``folder``; returns the files."""
    out = []
    for name, df in tables.items():
        path = Path(folder) / f"{name}.csv"
        write_table(df, path)
        out.append(path)
    return out


__all__ = [
    "SUMMARY_COLUMNS",
    "confusion_table",
    "consensus",
    "label_table",
    "load_coded",
    "score_domains",
    "score_draws",
    "score_sheets",
    "score_targets",
    "score_topics",
    "weighted_accuracy",
    "write_scores",
]
