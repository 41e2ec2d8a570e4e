#!/usr/bin/env python3
"""Draw the blind sentence sample of the government work reports (issue 28).

Usage (from the repository root):

    .venv/bin/python tools/sample_gwr_sentences.py /work/shared/corpus-dev/gwr --out sample.csv

Cleaning, line re-joining, heading detection and sentence splitting are those of
``sample_dev_sentences.py`` (imported, not copied). The draw, with
``numpy.random.default_rng(SEED)``, is stratified by era (the era of ``gwr_documents.csv``):

* stratum ``random``: ``N_RANDOM`` units per era, uniformly from all units of the era;
* stratum ``livelihood_words``: ``N_LIVELIHOOD`` further units per era, uniformly from the units
  of the era that contain one of ``LIVELIHOOD_LOOK`` (livelihood-looking words, deliberately
  including the ambiguous 民政/收入/人民生活, so that the false containers are drawn too), minus
  units already drawn.

Each row keeps its stratum and its sampling weight (units in the stratum pool / units drawn),
so that era estimates can be re-weighted. The output is deterministic.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sample_dev_sentences import make_converter, units_of

SEED = 20261228
N_RANDOM = 32
N_LIVELIHOOD = 20
LIVELIHOOD_LOOK = re.compile(
    r"就业|失业|工资|收入|社会保障|社会保险|养老|医疗|卫生|医院|疾病|教育|学校|学生|教师|住房|"
    r"安居|棚户|救济|救助|民政|福利|残疾|优抚|扶贫|贫困|文化|体育|治安|安全生产|人民生活"
)
COLUMNS = [
    "item_id",
    "doc_id",
    "split",
    "stratum",
    "era",
    "weight",
    "section",
    "is_heading",
    "text",
]


def read_split(path: str) -> dict[str, tuple[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return {r["doc_id"]: (r["era"], r["split"]) for r in csv.DictReader(fh)}


def build(gwr_dir: str, split_csv: str) -> list[dict]:
    cc = make_converter()
    split = read_split(split_csv)
    with open(os.path.join(gwr_dir, "manifest.csv"), encoding="utf-8", newline="") as fh:
        docs = sorted((r["doc_id"], r["file"]) for r in csv.DictReader(fh))
    units: list[dict] = []
    for doc_id, rel in docs:
        with open(os.path.join(gwr_dir, rel), "rb") as fh:
            raw = fh.read().decode("utf-8")
        for pos, u in enumerate(units_of(doc_id, raw, cc)):
            u["pos"] = pos
            u["era"], u["split"] = split[doc_id]
            units.append(u)
    rng = np.random.default_rng(SEED)
    chosen: dict[int, tuple[str, float]] = {}
    for era in sorted({u["era"] for u in units}):
        idx = [i for i, u in enumerate(units) if u["era"] == era]
        for j in rng.choice(len(idx), size=N_RANDOM, replace=False):
            chosen[idx[int(j)]] = ("random", len(idx) / N_RANDOM)
        pool = [i for i in idx if i not in chosen and LIVELIHOOD_LOOK.search(units[i]["text"])]
        for j in rng.choice(len(pool), size=N_LIVELIHOOD, replace=False):
            chosen[pool[int(j)]] = ("livelihood_words", len(pool) / N_LIVELIHOOD)
    rows = []
    order = sorted(chosen, key=lambda i: (units[i]["doc_id"], units[i]["pos"]))
    for k, i in enumerate(order, start=1):
        u = units[i]
        stratum, weight = chosen[i]
        rows.append(
            dict(
                item_id=f"gwr-s{k:04d}",
                doc_id=u["doc_id"],
                split=u["split"],
                stratum=stratum,
                era=u["era"],
                weight=f"{weight:.2f}",
                section=u["section"],
                is_heading=u["is_heading"],
                text=u["text"],
            )
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gwr_dir")
    ap.add_argument("--split", default="src/policystudy/data/validation/dev/gwr_documents.csv")
    ap.add_argument("--out", default="sample.csv")
    args = ap.parse_args(argv)
    rows = build(args.gwr_dir, args.split)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        fh.write(buf.getvalue())
    print(f"wrote {len(rows)} rows to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
