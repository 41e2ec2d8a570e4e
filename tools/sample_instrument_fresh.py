#!/usr/bin/env python3
"""Draw the fresh (second) sentence sample for validating the instrument coder on unseen text.

Usage (from the repository root)::

    .venv/bin/python tools/sample_instrument_fresh.py [CORPUS_DEV_DIR] --out fresh.csv
    .venv/bin/python tools/sample_instrument_fresh.py --holdout --out holdout.csv
    .venv/bin/python tools/sample_instrument_fresh.py --final --out final.csv
    .venv/bin/python tools/sample_instrument_fresh.py --fifth --out fifth.csv
    .venv/bin/python tools/sample_instrument_fresh.py --sixth --out sixth.csv
    .venv/bin/python tools/sample_instrument_fresh.py --seventh --out seventh.csv
    .venv/bin/python tools/sample_instrument_fresh.py --eighth --out eighth.csv
    .venv/bin/python tools/sample_instrument_fresh.py --bulk --out bulk   # bulk1.csv ... bulk5.csv

``--holdout`` draws the third sample, made after the fresh sample had been scored once and the
rules tuned on it: seed ``HOLDOUT_SEED``, the same strata and sizes, leaving out the units of
both earlier samples; item ids ``inh0001`` ..., split ``holdout``. ``--final`` draws the fourth
sample, made before any supervised model was fitted on the first three: seed ``FINAL_SEED``, the
same strata in the same proportions (``N_FINAL``, 200 units), leaving out the units of all three
earlier samples; item ids ``inz0001`` ..., split ``final``. ``--fifth`` draws the fifth sample,
made while the rules and the model were still being tuned, for one score after the merge: seed
``FIFTH_SEED``, the same strata in the same proportions (``N_FIFTH``, 250 units), leaving out the
units of all four earlier samples; item ids ``inv0001`` ..., split ``fifth``. ``--sixth`` draws the
sixth sample, made after the fifth had been scored once (and become training text) while the
model was being improved again, for one score after that merge: seed ``SIXTH_SEED``, the fifth's
strata and sizes (``N_SIXTH``, 250 units), leaving out the units of all five earlier samples; item
ids ``inw0001`` ..., split ``sixth``. ``--seventh`` draws the seventh sample, made after the sixth
had been scored once while the model was being improved again, for one score after that merge:
seed ``SEVENTH_SEED``, the fifth's strata and sizes (``N_SEVENTH``, 250 units), leaving out the
units of all six earlier samples; item ids ``inx0001`` ..., split ``seventh``. ``--eighth`` draws the
eighth sample, made after the seventh had been scored once, for one score of a model fitted on more
labels: seed ``EIGHTH_SEED``, the fifth's strata and sizes, leaving out all seven earlier samples;
ids ``iny0001`` ..., split ``eighth``. ``--bulk`` draws training text only, never scored: 2,000
units (``N_BULK``, the fifth's proportions eight times over) from the tune **and** report
documents, leaving out all eight samples, ids ``inb0001`` ...; each unit is put on one of
``BULK_SHEETS`` sheets by a seeded permutation (``BULK_SEED + 1``), so that no reader labels one
era alone, written as ``<out>1.csv`` ... with splits ``bulk1`` .... ``--ninth`` draws the ninth
sample, made after the eighth had been scored once, for one score of a changed model: seed
``NINTH_SEED``, the fifth's strata and sizes, leaving out all eight samples and the five bulk
sheets; ids ``inn0001`` ..., split ``ninth``. Without a flag the script
gives the fresh sample exactly as it was drawn.

The first sample (``tools/sample_instrument_sentences.py``, 375 units) was read in full while the
coder's cue lists were written, so neither of its halves can be reported any more. This draw is
new text for one score: units of the **report** documents only (``split`` ``report`` in
``gwr_documents.csv`` / ``dev_documents.csv``), minus every unit whose text is in
``instrument_labels.csv``. Cleaning and sentence splitting are those of
``tools/sample_dev_sentences.py``; only body sentences of 12-200 characters are drawn.

Strata (no word of the coder's cue lists is used to define them):

- ``gwr_live_recent``: work reports of 2003 and later whose unit holds one of the livelihood
  domain words of ``LIVELIHOOD_WORDS``. Demand-side measures (subsidies to users, purchased
  services, pilots) are rare; they are over-sampled by era, because the recent reports are where
  social policy is written out as measures;
- ``gwr_live_early``: work reports before 2003 with such a word;
- ``gwr_other``: work-report units without such a word;
- ``cpc_live`` / ``cpc_other``: the same split for the congress reports.

``numpy.random.default_rng(SEED)`` draws ``N[stratum]`` units per stratum without replacement,
in the order of ``N``. Each row carries its stratum's pool size, so that figures can be weighted
back to the population of report-split units (weight = pool / drawn).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path
from typing import NamedTuple

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_dev_sentences import make_converter, units_of

SEED = 20261208
HOLDOUT_SEED = 20261209
FINAL_SEED = 20261210
FIFTH_SEED = 20261212
SIXTH_SEED = 20261213
SEVENTH_SEED = 20261214
EIGHTH_SEED = 20261215
BULK_SEED = 20261216
NINTH_SEED = 20261217
#: livelihood fields by name (a sampling device: fields, not instruments)
LIVELIHOOD_WORDS = re.compile(
    r"民生|就业|失业|教育|学校|学生|医疗|医院|卫生|健康|养老|社会保障|社保|住房|棚户区|"
    r"收入|工资|扶贫|贫困|残疾|托育|幼儿|文化|体育|食品安全|农民工|老年|儿童|妇女"
)
#: units drawn per stratum, in drawing order
N = {
    "gwr_live_recent": 120,
    "gwr_live_early": 60,
    "gwr_other": 40,
    "cpc_live": 25,
    "cpc_other": 25,
}
#: the fourth sample: the same strata, scaled to 200 units
N_FINAL = {
    "gwr_live_recent": 89,
    "gwr_live_early": 44,
    "gwr_other": 30,
    "cpc_live": 18,
    "cpc_other": 19,
}
#: the fifth sample: the same strata, scaled to 250 units (120:60:40:25:25 x 250/270, rounded)
N_FIFTH = {
    "gwr_live_recent": 111,
    "gwr_live_early": 56,
    "gwr_other": 37,
    "cpc_live": 23,
    "cpc_other": 23,
}
#: the sixth sample: the fifth's allocation
N_SIXTH = dict(N_FIFTH)
#: the seventh sample: the fifth's allocation
N_SEVENTH = dict(N_FIFTH)
#: the eighth sample: the fifth's allocation
N_EIGHTH = dict(N_FIFTH)
#: the bulk training draw: the fifth's proportions, eight times over (2,000 units)
N_BULK = {key: 8 * n for key, n in N_FIFTH.items()}
N_NINTH = dict(N_FIFTH)
#: the bulk draw is labelled as this many sheets of 400, one file each
BULK_SHEETS = 5
EARLIER = [
    "instrument_labels.csv",
    "instrument_labels_fresh.csv",
    "instrument_labels_holdout.csv",
    "instrument_labels_final.csv",
    "instrument_labels_fifth.csv",
    "instrument_labels_sixth.csv",
    "instrument_labels_seventh.csv",
    "instrument_labels_eighth.csv",
    *(f"instrument_labels_bulk{k}.csv" for k in range(1, BULK_SHEETS + 1)),
]
#: label columns of the earlier sample files
LABEL_COLUMNS = ["livelihood", "types", "primary", "sub_instruments", "note"]


class Draw(NamedTuple):
    """One draw: how many files of ``EARLIER`` it leaves out, its stratum sizes, seed and id
    prefix, whether it writes empty label columns, and its option's help."""

    n_earlier: int
    sizes: dict[str, int]
    seed: int
    prefix: str
    label_columns: bool
    help: str


#: Every draw, in the order drawn, by option name (``--<name>``; ``fresh`` is the default) and
#: split; each leaves out the samples drawn before it.
DRAWS = {
    "fresh": Draw(1, N, SEED, "inf", False, "draw the fresh sample (the default)"),
    "holdout": Draw(2, N, HOLDOUT_SEED, "inh", False, "draw the third sample"),
    "final": Draw(3, N_FINAL, FINAL_SEED, "inz", False, "draw the fourth sample"),
    "fifth": Draw(4, N_FIFTH, FIFTH_SEED, "inv", True, "draw the fifth sample"),
    "sixth": Draw(5, N_SIXTH, SIXTH_SEED, "inw", True, "draw the sixth sample"),
    "seventh": Draw(6, N_SEVENTH, SEVENTH_SEED, "inx", True, "draw the seventh sample"),
    "eighth": Draw(7, N_EIGHTH, EIGHTH_SEED, "iny", True, "draw the eighth sample"),
    "bulk": Draw(
        8, N_BULK, BULK_SEED, "inb", True,
        "draw the bulk training units; --out is a prefix, one file a sheet",
    ),
    "ninth": Draw(13, N_NINTH, NINTH_SEED, "inn", True, "draw the ninth sample"),
}  # fmt: skip
DEV = Path(__file__).resolve().parents[1] / "src/policystudy/data/validation/dev"


def report_docs(*, splits: tuple[str, ...] = ("report",)) -> dict[str, int]:
    """Documents of the given splits (``report`` by default) and their years."""
    out: dict[str, int] = {}
    for name in ("gwr_documents.csv", "dev_documents.csv"):
        with open(DEV / name, encoding="utf-8") as fh:
            out.update(
                {r["doc_id"]: int(r["year"]) for r in csv.DictReader(fh) if r["split"] in splits}
            )
    return out


def stratum_of(corpus: str, year: int, text: str) -> str:
    live = bool(LIVELIHOOD_WORDS.search(text))
    if corpus == "cpc":
        return "cpc_live" if live else "cpc_other"
    if not live:
        return "gwr_other"
    return "gwr_live_recent" if year >= 2003 else "gwr_live_early"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("root", nargs="?", default="/work/shared/corpus-dev")
    ap.add_argument("--out", default="fresh.csv")
    which = ap.add_mutually_exclusive_group()
    for name, draw in DRAWS.items():
        if name != "fresh":
            which.add_argument(
                f"--{name}", dest="draw", action="store_const", const=name, help=draw.help
            )
    args = ap.parse_args(argv)
    name = args.draw or "fresh"
    draw = DRAWS[name]
    earlier, sizes, seed, prefix, split = (
        EARLIER[: draw.n_earlier], draw.sizes, draw.seed, draw.prefix, name
    )  # fmt: skip
    bulk = name == "bulk"
    cc = make_converter()
    # training units may come from every document; a sample to score on only from report ones
    docs = report_docs(splits=("tune", "report") if bulk else ("report",))
    seen: set[str] = set()
    for name in earlier:
        with open(DEV / name, encoding="utf-8") as fh:
            seen |= {r["text"] for r in csv.DictReader(fh)}
    pools: dict[str, list[dict]] = {k: [] for k in N}
    for corpus in ("gwr", "cpc"):
        base = Path(args.root) / corpus
        with open(base / "manifest.csv", encoding="utf-8") as fh:
            rows = sorted((r["doc_id"], r["file"]) for r in csv.DictReader(fh))
        for doc_id, file in rows:
            if doc_id not in docs:
                continue
            raw = (base / file).read_text(encoding="utf-8")
            for pos, u in enumerate(units_of(doc_id, raw, cc)):
                if u["is_heading"] == "1" or not 12 <= len(u["text"]) <= 200:
                    continue
                if u["text"] in seen:
                    continue
                s = stratum_of(corpus, docs[doc_id], u["text"])
                pools[s].append(dict(u, pos=pos, stratum=s))
    rng = np.random.default_rng(seed)
    drawn: list[dict] = []
    for key, n in sizes.items():
        idx = rng.choice(len(pools[key]), size=n, replace=False)
        drawn.extend(dict(pools[key][i], pool=len(pools[key])) for i in sorted(idx))
    drawn.sort(key=lambda u: (u["doc_id"], u["pos"]))
    # the fifth and later samples are written with the label columns of the earlier files, left
    # empty, so that the committed unlabelled file is the script's output byte for byte
    empty = [""] * len(LABEL_COLUMNS) if draw.label_columns else []
    rows = [
        [f"{prefix}{i:04d}", u["doc_id"], split, u["stratum"], u["pool"], u["text"], *empty]
        for i, u in enumerate(drawn, 1)
    ]
    if not bulk:
        _write(args.out, rows, len(empty))
        return 0
    # each unit goes to a sheet at random, so that no reader labels one era or corpus alone
    sheet_of = np.random.default_rng(seed + 1).permutation(len(rows)) % BULK_SHEETS
    for k in range(BULK_SHEETS):
        part = [
            [*r[:2], f"{split}{k + 1}", *r[3:]]
            for r, s in zip(rows, sheet_of, strict=True)
            if s == k
        ]
        _write(f"{args.out}{k + 1}.csv", part, len(empty))
    return 0


def _write(path: str, rows: list[list], n_labels: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(
            ["item_id", "doc_id", "split", "stratum", "pool", "text", *LABEL_COLUMNS[:n_labels]]
        )
        w.writerows(rows)


if __name__ == "__main__":
    raise SystemExit(main())
