#!/usr/bin/env python3
"""Cross-validate the supervised kind model against the kind rules (developer tool, issue 29).

Usage (from the repository root)::

    .venv/bin/python tools/score_kinds.py cv        # GroupKFold over documents (5 folds)
    .venv/bin/python tools/score_kinds.py parts     # leave one part out (the eight gwr parts)
    .venv/bin/python tools/score_kinds.py history   # each blind part with the rules of its day
    .venv/bin/python tools/score_kinds.py unseen    # ... trained on the other blind parts only
    .venv/bin/python tools/score_kinds.py cv C=2 rule_evidence=0   # other settings

The rows are the matched numeric rows of the eight parts of ``gwr_targets_gold.csv`` (all spent;
``policystudy.targets.kindmodel.training_rows``). ``cv`` and ``parts`` compare the model's
out-of-fold kinds with the current rules' kinds on the same rows: the rules were tuned on all
parts but ``coda``, so their figure there is a fit. ``history`` replays each blind part as it
was scored: the extractor of the commit at which the lead scored it (:data:`SCORED_AT`, read
with ``git archive`` into a temporary folder) runs on that part and on the parts drawn before it;
the model is fitted on those earlier parts and predicts the blind one. That is the setting a
model wired in at the time would have met. ``unseen`` uses the same replay but trains only on
the blind rows of the other four parts (each with the rules of its day), rows the rules had not
been tuned on when they were scored. ``key=value`` arguments go to ``KindModel``
(numbers; 0/1 for ``rule_evidence``; ``class_weight=balanced``).

Prints, per part and pooled, both accuracies with 95 % Wilson intervals and the discordant rows
(``model_only``: the model right and the rules wrong; ``rules_only``: the reverse).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

from policystudy.targets.evaluation import read_gwr
from policystudy.targets.kindmodel import (
    PART_ORDER,
    KindModel,
    cv_kinds,
    kind_table,
    matched_rows,
    training_rows,
)

#: The commit at which each blind part was scored once (dev/TARGETS_DEV.md, "Score of ...").
SCORED_AT = {
    "final": "7035527",
    "sealed": "fa1d7e1",
    "last": "8571dc0",
    "reserve": "0827243",
    "coda": "ef90417",
}

# Run by the old commit's package: its extractor on the current paragraphs of some parts.
_OLD_RUN = """
import sys, pandas as pd
from policystudy.targets.paragraphs import extract_targets_from_paragraphs
p = pd.read_pickle(sys.argv[1])
out = []
for s in sys.argv[3:]:
    q = p[p["split"] == s].reset_index(drop=True)
    out.append(extract_targets_from_paragraphs(q.assign(group=q["doc_id"]), group_by="group")
               .assign(split=s))
pd.concat(out, ignore_index=True).to_pickle(sys.argv[2])
"""


def _params(args: list[str]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, text in (a.split("=", 1) for a in args):
        value: object = text
        if key == "rule_evidence":
            value = bool(int(text))
        elif key != "class_weight":
            value = float(text)
        out[key] = value
    return out


def _print(table: pd.DataFrame) -> None:
    cols = ["split", "n", "model_k", "model", "model_lo", "model_hi",
            "rules_k", "rules", "rules_lo", "rules_hi", "model_only", "rules_only"]  # fmt: skip
    print(table[cols].round(3).to_string(index=False))


def replay() -> dict[str, pd.DataFrame]:
    """The matched rows of each blind part and of the parts drawn before it, with the kinds of
    the extractor of the commit at which the part was scored (:data:`SCORED_AT`)."""
    paragraphs, gold = read_gwr(None)
    repo = Path(__file__).resolve().parents[1]
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        frame = Path(tmp) / "paragraphs.pkl"
        paragraphs.to_pickle(frame)
        for part, commit in SCORED_AT.items():
            src = Path(tmp) / commit
            src.mkdir()
            archive = subprocess.run(["git", "-C", str(repo), "archive", commit, "src"],
                                     check=True, capture_output=True).stdout  # fmt: skip
            subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
            pickle = Path(tmp) / f"{commit}.pkl"
            drawn = PART_ORDER[: PART_ORDER.index(part) + 1]
            subprocess.run([sys.executable, "-c", _OLD_RUN, str(frame), str(pickle), *drawn],
                           check=True, cwd=tmp, env={"PYTHONPATH": str(src / "src"),
                                                     "PATH": "/usr/bin:/bin"})  # fmt: skip
            pred = pd.read_pickle(pickle)
            out[part] = pd.concat(
                [matched_rows(paragraphs[paragraphs["split"] == s], gold[gold["split"] == s],
                              pred[pred["split"] == s]).assign(split=s, commit=commit)
                 for s in drawn],
                ignore_index=True,
            )  # fmt: skip
    return out


def history(rows: dict[str, pd.DataFrame], params: dict[str, object]) -> pd.DataFrame:
    """Each blind part predicted by the model fitted on the parts drawn before it, all with
    the rules of the part's day."""
    tests = []
    for part, drawn in rows.items():
        train, test = drawn[drawn["split"] != part], drawn[drawn["split"] == part]
        model = KindModel(**params).fit(train, train["kind_gold"])  # type: ignore[arg-type]
        tests.append(test.assign(model=model.predict(test)))
    return pd.concat(tests, ignore_index=True)


def unseen(rows: dict[str, pd.DataFrame], params: dict[str, object]) -> pd.DataFrame:
    """Leave one blind part out over the blind parts alone, each with the rules of its day:
    the model learns only from rows the rules were not tuned on (as the instrument model's
    combiner does), so it sees how far they can be trusted on new text."""
    blind = pd.concat([drawn[drawn["split"] == part] for part, drawn in rows.items()])
    return cv_kinds(blind, by="split", **params)  # type: ignore[arg-type]


def main(argv: list[str]) -> int:
    mode = argv[0] if argv else "cv"
    params = _params(argv[1:])
    print(f"settings: {params or 'KindModel defaults'}")
    if mode in ("history", "unseen"):
        replayed = replay()
        pred = (history if mode == "history" else unseen)(replayed, params)
    else:
        rows = training_rows()
        pred = cv_kinds(rows, by="split" if mode == "parts" else "doc_id", **params)
    _print(kind_table(pred))
    unknown = pred["kind"] == "unknown"
    as_status = pred["kind"].where(~unknown, "status") == pred["kind_gold"]
    print(f"\nrules with unknown read as status: {int(as_status.sum())}/{len(pred)}; "
          f"rules' unknown rows: {int(unknown.sum())}")  # fmt: skip
    print("\nconfusion of the model (rows: gold, columns: model):")
    print(pd.crosstab(pred["kind_gold"], pred["model"]).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
