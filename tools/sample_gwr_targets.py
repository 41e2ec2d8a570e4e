"""The paragraphs of the blind work-report target list (issue 29): ``dev/gwr_paragraphs.csv``.

Run from the repository root; the corpus folder defaults to ``../shared/corpus-dev/gwr``::

    python tools/sample_gwr_targets.py [ROUNDS] [CORPUS] [--fresh | --final | --sealed | --last |
        --reserve | --coda] > out.csv

Each report is normalised (NFKC, Traditional to Simplified, stripped), split into paragraphs (the
non-empty lines) with a heading trail, and the paragraphs holding a number are candidates. Then a
fixed, seeded draw:

A. in every report, the paragraph holding 预期目标 with a number (or the one right after a
   number-less 主要预期目标 line): the plan's targets;
B. rounds of one random candidate paragraph per report (``numpy.random.default_rng([20261207,
   i])`` for the i-th report in manifest order), whole rounds only. One round was enough for the
   hand list to hold 200 rows, 80 results and 80 targets (``TARGETS_DEV.md``).

The fresh blind part (issue 29, second session; ``--fresh``, split ``fresh``) adds, after the
first round was scored and so became tuning text:

B2. the second round of B (the next paragraph of the same permutation, never drawn before);
C. two random paragraphs per report (rounds 3 and 4) among those holding a completeness word of the commitment
   definition (``COMMITMENT_WORDS``) and not drawn by A or B
   (``numpy.random.default_rng([20261207, i, 3])``), so that the part holds enough qualitative
   commitments: a random paragraph holds one rarely.

The final blind part (issue 29, third session; ``--final``, split ``final``) draws only paragraphs
never drawn before (not A, B, B2 or C):

B3. the next paragraph of each report's permutation (round 5);
C2. two random paragraphs per report (rounds 6 and 7) among those holding a completeness word and
    not drawn before, with a new seed (``numpy.random.default_rng([20261207, i, 6])``).

These are printed in the walk order fixed before labelling: the reports in the order of
``numpy.random.default_rng([20261207, 29]).permutation``, and for each report its B3, then its
two C2 paragraphs, so that any prefix holds both kinds and spreads over the years. The labeller
walks this order and stops at the end of the paragraph where the list holds at least 200 numeric
rows and 30 commitments (``TARGETS_DEV.md``); the undrawn tail is not kept.

The sealed blind part (issue 29, fourth session; ``--sealed``, split ``sealed``) draws, after the
final part became tuning text, only paragraphs never drawn by any earlier option (not A, B, B2,
C, nor any of the 153 paragraphs ``--final`` draws, its unlabelled tail included):

B4. the next paragraph of each report's rule-B permutation not drawn before (round 8);
C3. two random paragraphs per report (rounds 9 and 10) among those holding a completeness word
    (``COMMITMENT_WORDS``) and not drawn before, with a new seed
    (``numpy.random.default_rng([20261207, i, 9])``).

They are printed in the walk order fixed before labelling: the reports in the order of
``numpy.random.default_rng([20261207, 30]).permutation`` of the manifest ids, each report's B4
then its two C3. The labeller stops at the end of the first paragraph after which the list
holds at least 200 numeric rows and 40 commitments, or at a fixed time (``TARGETS_DEV.md``).

The drawn list ran out at 21 commitments, so ``--sealed`` was extended, before anything was
scored, with a further commitment-rich draw printed after the first 148 paragraphs (which are
unchanged):

C4. two random paragraphs per report (rounds 11 and 12) among those holding a completeness word
    (``COMMITMENT_WORDS``) and never drawn before by any option (A, B, B2, C, the 153 of
    ``--final``, B4 and C3), with a new seed (``numpy.random.default_rng([20261207, i, 11])``),
    in the same report order (``default_rng([20261207, 30])``), each report's two C4.

The last blind part (issue 29, fourth session; ``--last``, split ``last``) is commitment-rich
and is drawn after the sealed part was committed:

D. every paragraph of every report holding a completeness word (``COMMITMENT_WORDS``) whose
   ``para_id`` is in no labelled part (no row of ``dev/gwr_paragraphs.csv``, whatever its split,
   except ``last`` itself, so that the draw is the same after the part is appended); the
   unwalked tails of earlier draws, never labelled, may be drawn. They are sorted by ``para_id``
   and printed in the order of ``numpy.random.default_rng([20261207, 31]).permutation``;
   ``round`` is 13. The labeller walks this order and stops at the end of the first paragraph
   after which the part holds at least 40 commitments, or when the draw runs out, or at a fixed
   time (``TARGETS_DEV.md``). Rows of the later ``reserve`` and ``coda`` parts are ignored as
   well, so that ``--last`` prints the same after those parts were appended.

The reserve blind part (issue 29, fifth session; ``--reserve``, split ``reserve``) is drawn after
the last part was committed, from two pools of paragraphs in no labelled part (no row of
``dev/gwr_paragraphs.csv``, whatever its split, except ``reserve`` itself, so that the draw is the
same after the part is appended):

E. pool N, every paragraph of every report holding a number (``NUMBER``) and no completeness word
   (``COMMITMENT_WORDS``), and pool C, every one holding a completeness word, with or without a
   number, as rule D (so pool C is exactly the unwalked tail of rule D, 242 paragraphs). Each pool is sorted by ``para_id`` and permuted, N with
   ``numpy.random.default_rng([20261207, 32])``, C with ``default_rng([20261207, 33])``. The walk
   order takes one N, then two C, repeated; when one pool runs out, the other continues.
   ``round`` is 14 for N and 15 for C. The labeller walks this order and stops at the end of the
   first paragraph after which the part holds at least 200 numeric rows and 40 commitments, or
   when the draw runs out, or at a fixed time (``TARGETS_DEV.md``). Rows of the later ``coda``
   part are ignored as well, so that ``--reserve`` prints the same after that part was appended.

The coda blind part (issue 29, fifth session; ``--coda``, split ``coda``) is drawn after the
reserve part was committed, as rule E from what is left:

F. pool N, every paragraph of every report holding a number (``NUMBER``) and no completeness word
   (``COMMITMENT_WORDS``), and pool C, every one holding a completeness word, with or without a
   number, among the paragraphs in no labelled part (no row of ``dev/gwr_paragraphs.csv``,
   whatever its split, ``reserve`` included, except ``coda`` itself, so that the draw is the same
   after the part is appended): pool C is the unwalked tail of rule E's pool C. Each pool is
   sorted by ``para_id`` and permuted, N with ``numpy.random.default_rng([20261207, 34])``, C with
   ``default_rng([20261207, 35])``. The walk order takes one N, then two C, repeated; when one
   pool runs out, the other continues. ``round`` is 16 for N and 17 for C. The labeller walks
   this order and stops at the end of the first paragraph after which pool C is exhausted and
   the part holds at least 200 numeric rows, or at a fixed time (``TARGETS_DEV.md``).

Every quantity of the drawn paragraphs was then listed by reading only, before any extractor ran
on the work reports (``dev/gwr_targets_gold.csv``).
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from pathlib import Path

import numpy as np
import opencc

T2S = opencc.OpenCC("t2s")
SPLIT_FILE = Path("src/policystudy/data/validation/dev/gwr_documents.csv")
NUMBER = re.compile(
    r"[0-9]|百分之|[〇零一二两三四五六七八九十百千][〇零一二两三四五六七八九十百千万亿点]+(?:多|余)?"
    r"(?:万|亿|元|吨|斤|公斤|公里|人|户|倍|个百分点|%|亩|所|座|项)"
)
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")
CLOSERS = ("。", "!", "?", ";", ":", "”")
COMMITMENT_WORDS = re.compile(r"全覆盖|全部|所有|消除|普及|同步|不发生|不出现|尽保|清零|扫除|确保")
FRESH_ROUND = 2  # rounds from here on (and C) were drawn after round 1 was scored
FINAL_ROUND = 5  # rounds from here on were drawn after the fresh part was scored
SEALED_ROUND = 8  # rounds from here on were drawn after the final part became tuning text
EXTENSION_ROUND = 11  # C4: the sealed part's extension, drawn after its first 148 paragraphs
LAST_ROUND = 13  # D: the last part, every completeness paragraph in no labelled part
RESERVE_ROUND = 14  # E: the reserve part, pool N (round 14) and pool C (round 15)
CODA_ROUND = 16  # F: the coda part, pool N (round 16) and pool C (round 17)
PARAGRAPH_FILE = Path("src/policystudy/data/validation/dev/gwr_paragraphs.csv")


def paragraphs(path: Path) -> list[tuple[str, str]]:
    """``(heading trail, paragraph)`` for every paragraph of one report."""
    out, trail = [], ["", ""]
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = T2S.convert(unicodedata.normalize("NFKC", raw)).replace("\u200b", "").strip()
        if not line:
            continue
        short = len(line) <= 60 and not line.endswith(CLOSERS)
        if short and (HEADING.match(line) or len(line) <= 30):
            trail = (
                [line, ""] if re.match(r"^[一二三四五六七八九十]+、", line) else [trail[0], line]
            )
            continue
        out.append((" > ".join(t for t in trail if t), line))
    return out


def _next_in_order(order: list[int], taken: set[int], rnd: int) -> list[tuple[int, int]]:
    """The next paragraph of a report's rule-B permutation not in ``taken`` (added to it)."""
    nxt = [i for i in order if i not in taken]
    taken.update(nxt[:1])
    return [(rnd, nxt[0])] if nxt else []


def _completeness_draw(
    ps: list[tuple[str, str]], taken: set[int], seed: list[int], rounds: tuple[int, ...]
) -> list[tuple[int, int]]:
    """One random paragraph per round among those holding a completeness word and not in
    ``taken`` (each drawn one is added to it), with ``numpy.random.default_rng(seed)``."""
    pool = [i for i, (_, t) in enumerate(ps) if COMMITMENT_WORDS.search(t) and i not in taken]
    rng = np.random.default_rng(seed)
    drawn = [(rnd, pool.pop(int(rng.integers(len(pool))))) for rnd in rounds if pool]
    taken.update(i for _, i in drawn)
    return drawn


def draw(
    corpus: Path, rounds: int = 1, *, fresh: bool = False, final: bool = False, sealed: bool = False
) -> list[dict]:
    split = {r["doc_id"]: r["split"] for r in csv.DictReader(SPLIT_FILE.open(encoding="utf-8"))}
    docs = [r["doc_id"] for r in csv.DictReader((corpus / "manifest.csv").open(encoding="utf-8"))]
    rows = []
    for k, doc in enumerate(docs):
        ps = paragraphs(corpus / "texts" / f"{doc}.txt")
        candidates = [i for i, (_, text) in enumerate(ps) if NUMBER.search(text)]
        chosen: list[tuple[int, int]] = []
        for i, (_, text) in enumerate(ps):
            if "预期目标" in text:
                if NUMBER.search(text):
                    chosen.append((0, i))
                    break
                if "主要预期目标" in text and i + 1 < len(ps):
                    chosen.append((0, i + 1))
                    break
        rng = np.random.default_rng([20261207, k])
        order = [candidates[j] for j in rng.permutation(len(candidates))]
        n = 0
        for i in order:
            if n >= rounds:
                break
            if any(i == c for _, c in chosen):
                continue
            n += 1
            chosen.append((n, i))
        taken = {c for _, c in chosen}
        if fresh or final or sealed:  # C: two completeness paragraphs (round 3, then round 4)
            chosen += _completeness_draw(ps, taken, [20261207, k, 3], (3, 4))
        if final or sealed:  # only what was never drawn: B3 (round 5), then C2 (rounds 6, 7)
            chosen = _next_in_order(order, taken, FINAL_ROUND)
            chosen += _completeness_draw(ps, taken, [20261207, k, 6], (6, 7))
        if sealed:  # never drawn by any earlier option: B4 (round 8), then C3 (rounds 9, 10)
            chosen = _next_in_order(order, taken, SEALED_ROUND)
            chosen += _completeness_draw(ps, taken, [20261207, k, 9], (9, 10))
            # C4 (rounds 11, 12): the extension, never drawn by any option (C3 included)
            extension = (EXTENSION_ROUND, EXTENSION_ROUND + 1)
            chosen += _completeness_draw(ps, taken, [20261207, k, 11], extension)
        for rnd, i in chosen:
            part = (
                "sealed"
                if rnd >= SEALED_ROUND
                else "final"
                if rnd >= FINAL_ROUND
                else "fresh"
                if rnd >= FRESH_ROUND
                else split[doc]
            )
            rows.append({"para_id": f"{doc}-p{i + 1:03d}", "doc_id": doc, "split": part,
                         "round": rnd, "heading_trail": ps[i][0], "text": ps[i][1]})  # fmt: skip
    if final:  # the walk order: reports permuted, each report's B3 then its two C2
        rank = {d: r for r, d in enumerate(np.random.default_rng([20261207, 29]).permutation(docs))}
        rows.sort(key=lambda r: (rank[r["doc_id"]], r["round"]))
    if sealed:  # the walk order: reports permuted (new seed), each report's B4 then its two C3;
        # then the C4 extension in the same report order (the first part's walk is unchanged)
        rank = {d: r for r, d in enumerate(np.random.default_rng([20261207, 30]).permutation(docs))}
        rows.sort(key=lambda r: (r["round"] >= EXTENSION_ROUND, rank[r["doc_id"]], r["round"]))
    return rows


#: The parts drawn from what no earlier part holds, in the order they were drawn: each draw
#: ignores its own rows and those of the parts after it, so that it prints the same bytes after
#: they are appended.
PART_ORDER = ("last", "reserve", "coda")


def _labelled_before(split: str) -> set[str]:
    """The ``para_id`` of every labelled paragraph but those of ``split`` and the parts drawn
    after it (:data:`PART_ORDER`)."""
    later = PART_ORDER[PART_ORDER.index(split) :]
    with PARAGRAPH_FILE.open(encoding="utf-8") as fh:
        return {r["para_id"] for r in csv.DictReader(fh) if r["split"] not in later}


def draw_last(corpus: Path) -> list[dict]:
    """Rule D (``--last``): completeness paragraphs in no labelled part, in a seeded order.

    The parts labelled after it (``reserve``, ``coda``) are ignored too, so the draw stays as it
    was."""
    labelled = _labelled_before("last")
    docs = [r["doc_id"] for r in csv.DictReader((corpus / "manifest.csv").open(encoding="utf-8"))]
    pool = []
    for doc in docs:
        for i, (trail, text) in enumerate(paragraphs(corpus / "texts" / f"{doc}.txt")):
            pid = f"{doc}-p{i + 1:03d}"
            if COMMITMENT_WORDS.search(text) and pid not in labelled:
                pool.append({"para_id": pid, "doc_id": doc, "split": "last",
                             "round": LAST_ROUND, "heading_trail": trail, "text": text})  # fmt: skip
    pool.sort(key=lambda r: r["para_id"])
    return [pool[j] for j in np.random.default_rng([20261207, 31]).permutation(len(pool))]


def draw_reserve(corpus: Path) -> list[dict]:
    """Rule E (``--reserve``): paragraphs in no labelled part, those with a number and no
    completeness word (pool N) and those with a completeness word (pool C, as rule D), walked one
    N then two C in seeded orders. The later ``coda`` part is ignored, so the draw stays as it
    was."""
    return _two_pools(corpus, "reserve", RESERVE_ROUND, (32, 33))


def draw_coda(corpus: Path) -> list[dict]:
    """Rule F (``--coda``): rule E again on what no part holds (``reserve`` included), with new
    seeds and rounds 16 (pool N) and 17 (pool C)."""
    return _two_pools(corpus, "coda", CODA_ROUND, (34, 35))


def _two_pools(corpus: Path, split: str, rnd: int, seeds: tuple[int, int]) -> list[dict]:
    """Paragraphs in no part labelled before ``split``: those with a number and no completeness
    word (pool N, round ``rnd``) and those with a completeness word (pool C, round ``rnd + 1``),
    each sorted by ``para_id`` and permuted with ``default_rng([20261207, seed])``; walked one N,
    then two C, the other pool continuing alone when one runs out."""
    labelled = _labelled_before(split)
    docs = [r["doc_id"] for r in csv.DictReader((corpus / "manifest.csv").open(encoding="utf-8"))]
    pools: dict[bool, list[dict]] = {False: [], True: []}
    for doc in docs:
        for i, (trail, text) in enumerate(paragraphs(corpus / "texts" / f"{doc}.txt")):
            pid = f"{doc}-p{i + 1:03d}"
            c = bool(COMMITMENT_WORDS.search(text))
            if (c or NUMBER.search(text)) and pid not in labelled:
                pools[c].append({"para_id": pid, "doc_id": doc, "split": split,
                                 "round": rnd + c, "heading_trail": trail,
                                 "text": text})  # fmt: skip
    orders = []
    for c, seed in zip((False, True), seeds, strict=True):
        pool = sorted(pools[c], key=lambda r: r["para_id"])
        perm = np.random.default_rng([20261207, seed]).permutation(len(pool))
        orders.append([pool[j] for j in perm])
    n_order, c_order = orders
    rows: list[dict] = []
    while n_order or c_order:  # one N, then two C; when a pool runs out, the other continues
        rows += n_order[:1] + c_order[:2]
        n_order, c_order = n_order[1:], c_order[2:]
    return rows


if __name__ == "__main__":
    options = ("--fresh", "--final", "--sealed", "--last", "--reserve", "--coda")
    args = [a for a in sys.argv[1:] if a not in options]
    rounds = int(args[0]) if args else 1
    corpus = Path(args[1]) if len(args) > 1 else Path("../shared/corpus-dev/gwr")
    fields = ["para_id", "doc_id", "split", "round", "heading_trail", "text"]
    writer = csv.DictWriter(sys.stdout, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    final, sealed = "--final" in sys.argv, "--sealed" in sys.argv
    if "--last" in sys.argv:
        writer.writerows(draw_last(corpus))
    elif "--reserve" in sys.argv:
        writer.writerows(draw_reserve(corpus))
    elif "--coda" in sys.argv:
        writer.writerows(draw_coda(corpus))
    else:
        writer.writerows(
            draw(
                corpus,
                2 if final or sealed else rounds,
                fresh="--fresh" in sys.argv,
                final=final,
                sealed=sealed,
            )
        )
