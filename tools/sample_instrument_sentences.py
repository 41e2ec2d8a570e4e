#!/usr/bin/env python3
"""Draw the sentence sample for hand-labelling policy instruments on the development corpora.

Usage (from the repository root)::

    .venv/bin/python tools/sample_instrument_sentences.py [CORPUS_DEV_DIR] --out sample.csv

CORPUS_DEV_DIR defaults to ``/work/shared/corpus-dev``; it must hold ``gwr/`` and ``cpc/`` with
their manifests. Cleaning and sentence splitting are those of ``tools/sample_dev_sentences.py``
(NFKC, OpenCC t2s, Wikisource footer cut, lines re-joined, headings set aside). Only body
sentences of 12-200 characters are drawn. A unit is in stratum ``livelihood_cue`` when it holds
one of the fixed words of ``LIVELIHOOD_CUES`` (a sampling device written for this draw, not the
package's taxonomy), else ``other``. ``numpy.random.default_rng(SEED)`` draws, in this order,
``N`` units per (corpus, stratum) without replacement, then the ``N_MORE``
further gwr livelihood-cue units. The split of each unit is that of its
document in ``gwr_documents.csv`` / ``dev_documents.csv``. No rule of the package is run.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_dev_sentences import make_converter, units_of

SEED = 20261207
LIVELIHOOD_CUES = re.compile(
    r"民生|就业|失业|教育|学校|学生|医疗|医院|卫生|健康|养老|社会保障|社保|住房|保障房|棚户区|"
    r"收入|工资|扶贫|贫困|低保|救助|残疾|托育|幼儿|文化|体育|食品安全|农民工|老年"
)
#: units drawn per (corpus, stratum), in drawing order
N = {
    ("gwr", "livelihood_cue"): 150,
    ("gwr", "other"): 40,
    ("cpc", "livelihood_cue"): 50,
    ("cpc", "other"): 30,
}
#: further draws (same generator, after the first) from the gwr livelihood-cue units not yet
#: drawn, added because only 125 of the first 270 units (then 156 of 315) were livelihood text
#: when read; each numbered after the draws before it so that earlier item ids stay as they were
N_MORE = (45, 60)
DEV = Path(__file__).resolve().parents[1] / "src/policystudy/data/validation/dev"


def splits() -> dict[str, str]:
    out: dict[str, str] = {}
    for name in ("gwr_documents.csv", "dev_documents.csv"):
        with open(DEV / name, encoding="utf-8") as fh:
            out.update({r["doc_id"]: r["split"] for r in csv.DictReader(fh)})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("root", nargs="?", default="/work/shared/corpus-dev")
    ap.add_argument("--out", default="sample.csv")
    args = ap.parse_args(argv)
    cc = make_converter()
    split = splits()
    pools: dict[tuple[str, str], list[dict]] = {k: [] for k in N}
    for corpus in ("gwr", "cpc"):
        base = Path(args.root) / corpus
        with open(base / "manifest.csv", encoding="utf-8") as fh:
            rows = sorted((r["doc_id"], r["file"]) for r in csv.DictReader(fh))
        for doc_id, file in rows:
            raw = (base / file).read_text(encoding="utf-8")
            for pos, u in enumerate(units_of(doc_id, raw, cc)):
                if u["is_heading"] == "1" or not 12 <= len(u["text"]) <= 200:
                    continue
                stratum = "livelihood_cue" if LIVELIHOOD_CUES.search(u["text"]) else "other"
                pools[(corpus, stratum)].append(dict(u, pos=pos, stratum=stratum))
    rng = np.random.default_rng(SEED)
    drawn: list[dict] = []
    taken: set[int] = set()
    for key, n in N.items():
        idx = rng.choice(len(pools[key]), size=n, replace=False)
        drawn.extend(pools[key][i] for i in sorted(idx))
        if key == ("gwr", "livelihood_cue"):
            taken = {int(i) for i in idx}
    drawn.sort(key=lambda u: (u["doc_id"], u["pos"]))
    pool = pools[("gwr", "livelihood_cue")]
    for n in N_MORE:
        rest = [i for i in range(len(pool)) if i not in taken]
        idx = rng.choice(len(rest), size=n, replace=False)
        taken |= {rest[i] for i in idx}
        more = sorted((pool[rest[i]] for i in idx), key=lambda u: (u["doc_id"], u["pos"]))
        drawn.extend(more)
    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["item_id", "doc_id", "split", "stratum", "section", "text"])
        for i, u in enumerate(drawn, 1):
            w.writerow(
                [
                    f"ins{i:04d}",
                    u["doc_id"],
                    split[u["doc_id"]],
                    u["stratum"],
                    u["section"],
                    u["text"],
                ]
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
