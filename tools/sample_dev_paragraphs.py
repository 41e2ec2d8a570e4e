"""Draw the paragraphs of the CPC development corpus that the hand-made quantity list covers.

Run (from anywhere):

    /work/main/.venv/bin/python /work/labels/targets/sample_paragraphs.py            # final
    /work/main/.venv/bin/python /work/labels/targets/sample_paragraphs.py --preview N  # labelling

What it does, deterministically:

1. reads the 15 texts listed in /work/shared/corpus-dev/cpc/manifest.csv (read only);
2. normalises each file: UTF-8, ``unicodedata.normalize('NFKC')``, OpenCC ``t2s`` (the config
   name accepted by the installed opencc 1.4.2, the same one policystudy.ingest uses);
3. drops the Wikisource apparatus: everything from the first licence line (「本作品…」 /
   「这部作品…」) or the first ``↑`` footnote line, whichever comes first (this removes the
   licence text, ``Public domain``, ``false`` and the footnotes), and the inline note markers
   ``[ CPC 1 ]`` / ``[ 4 ]`` that sit on lines of their own;
4. re-joins lines broken at wiki links inside each blank-line-separated block: a line is glued
   to the previous one (with no separator) when the previous line does not end in
   。！？：；” (full-width or NFKC-folded), or either line is ≤ 6 characters and not a heading,
   or the line opens with closing punctuation (”，、。；：）》) — a break just before a closing
   quote is always inside a sentence.  Breaks that are not joined stay as a newline inside the
   paragraph (e.g. 「大会的主题是：\\n高举…」);
5. sampling units = blank-line-separated blocks after the joins.  A block that ends inside a
   sentence (last character, ignoring a trailing citation 「(《…》…)」, not in 。！？：；”) is
   continued by the next block: the two are one paragraph (two cases in the corpus: cpc13
   「…适当控」 + blank line + 「制信贷规模…」, and the cpc11 mourning sentence split over five
   blocks).  The units keep their own slots in the sampling frame (the frame was fixed before
   this join was added) and the paragraph is drawn, under its first unit's id, when the first
   of its units is reached;
   paragraphs = those joined blocks; heading blocks (「一、…」,
   「(一)…」 alone, 「1.…」, 「①…」, and short unpunctuated titles such as 「形势和任务」) are not
   paragraphs: they feed ``heading_trail``; blocks above the first sentence-final block
   (title, byline, date, translator's note) are not paragraphs either.  Run-in headings (a
   paragraph that opens with 「(一)深化供给侧结构性改革。」) become level 2 of the trail for that paragraph and the
   following ones until the next heading of level ≤ 2;
6. candidate paragraphs contain an Arabic digit or a Chinese numeral character
   (〇○零一二两三四五六七八九十百千万亿, 百分之, or numeral+成);
7. draws a proportional random order over all candidates with
   ``numpy.random.default_rng(20261203)``: each document's candidates are shuffled, then at each
   step the document furthest below its proportional quota (k * n_d / N) supplies its next
   paragraph (ties broken by a random priority drawn once per document), so every prefix of
   the order takes each document in proportion to its number of candidate paragraphs;
8. walks that order and stops as soon as the hand list (``labels.txt``, the source of
   ``dev_targets_gold.csv``; rows per ``para_id``) reaches all three totals: >= 200 rows in
   all, >= 90 rows from cpc16–cpc20 (recent), >= 90 rows in the ``report`` split; once the overall total is met, later
   paragraphs are taken only from documents that belong to a group still short (the skipped
   ones are not drawn).  Every paragraph walked must be listed in ``reviewed_paragraphs.txt``
   (read in full by the labeller, including those with no quantity), otherwise the script stops
   with an error;
9. writes ``paragraphs.csv`` (para_id,doc_id,split,draw_order,heading_trail,text), all strings,
   UTF-8, ``\\n`` line ends — byte-identical on rerun — and ``draw_order_all.csv`` (the full
   proportional order of every candidate, without text) for audit.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from pathlib import Path

import numpy as np
import opencc

SEED = 20261203
CORPUS = Path("/work/shared/corpus-dev/cpc")
HERE = Path(__file__).resolve().parent
GOLD = HERE / "dev_targets_gold.csv"
LABELS = HERE / "labels.txt"
REVIEWED = HERE / "reviewed_paragraphs.txt"

# Split drawn per era with a seed before this work began (given in the brief); recorded here.
REPORT_DOCS = ("cpc01b", "cpc03", "cpc10", "cpc12", "cpc14", "cpc19", "cpc20")
TUNE_DOCS = ("cpc01", "cpc09", "cpc11", "cpc13", "cpc15", "cpc16", "cpc17", "cpc18")
RECENT_DOCS = ("cpc16", "cpc17", "cpc18", "cpc19", "cpc20")
MIN_TOTAL, MIN_RECENT, MIN_REPORT = 200, 90, 90

CC = opencc.OpenCC("t2s")

# Sentence-final characters (full-width and their NFKC folds).
END_PUNCT = set("。！？：；”!?:;")
OPENING_CLOSERS = set("”，、。；：）》,;:)")
FOOTER_START = re.compile(r"^(本作品|这部作品|這部作品)")
NOTE_MARKER = re.compile(r"\n\[\n(?:CPC )?\d+\n\]")
CN_DIGITS = "一二三四五六七八九十"
H1 = re.compile(rf"^[{CN_DIGITS}]+、")
H2_PAREN = re.compile(rf"^\([{CN_DIGITS}]+\)")
H2_ARABIC = re.compile(r"^\d+\.\S")
H3_CIRCLED = re.compile(r"^\d+(?=[^\d.%\s])")  # 「①工会学校」 after NFKC is 「1工会学校」
CANDIDATE = re.compile(
    r"[0-9〇○零一二两三四五六七八九十百千万亿]|百分之|[一二三四五六七八九十两]成"
)


def normalise(raw: str) -> str:
    return CC.convert(unicodedata.normalize("NFKC", raw))


def strip_apparatus(text: str) -> str:
    lines = text.split("\n")
    cut = len(lines)
    for i, line in enumerate(lines):
        s = line.strip()
        if FOOTER_START.match(s) or s == "↑":
            cut = i
            break
    text = "\n".join(lines[:cut])
    return NOTE_MARKER.sub("", text)


def is_heading_line(s: str) -> bool:
    if not s or s[-1] in END_PUNCT or s[-1] in "，,、":
        return False
    return bool(H1.match(s) or H2_ARABIC.match(s) or H3_CIRCLED.match(s)) and len(s) <= 60


def join_block(block: str) -> str:
    lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
    out: list[str] = []
    for ln in lines:
        if not out:
            out.append(ln)
            continue
        prev = out[-1]
        short = (len(prev) <= 6 and not is_heading_line(prev)) or (
            len(ln) <= 6 and not is_heading_line(ln)
        )
        if prev[-1] not in END_PUNCT or short or ln[0] in OPENING_CLOSERS:
            out[-1] = prev + ln
        else:
            out.append(ln)
    return "\n".join(out)


def heading_level(block: str, in_front_matter: bool) -> int:
    """0 = not a heading block; 1, 2, 3 = heading levels."""
    if "\n" in block or len(block) > 60:
        return 0
    if H1.match(block) and block[-1] not in END_PUNCT:
        return 1
    if H2_PAREN.match(block) and "。" not in block.rstrip("。"):
        # 「(一)实行党政分开」 or 「(二)进一步下放权力。」 standing alone
        return 2
    if H2_ARABIC.match(block) and block[-1] not in END_PUNCT:
        return 2
    if H3_CIRCLED.match(block) and block[-1] not in END_PUNCT and len(block) <= 30:
        return 3
    if (
        not in_front_matter
        and len(block) <= 30
        and block[-1] not in END_PUNCT
        and block[-1] not in "，,、)"
        and not block.startswith("同志们")
    ):
        return 1
    return 0


def sentence_open(block: str) -> bool:
    """True when the block stops inside a sentence (ignoring a trailing citation「(《…》…)」)."""
    tail = re.sub(r"\([^()]*\)$", "", block).rstrip()
    return bool(tail) and tail[-1] not in END_PUNCT


def doc_paragraphs(doc_id: str, path: Path) -> list[dict]:
    """Sampling units (blank-line blocks after the in-block joins), each with its paragraph.

    A unit whose predecessor stops inside a sentence (「…适当控」 + blank line + 「制信贷规模…」,
    the cpc11 mourning sentence split over five blocks) belongs to the predecessor's paragraph:
    ``head`` is the para_id of the paragraph, ``para_text`` its full text.  Units keep their own
    ids and count in the sampling frame (the frame was fixed before this join was added), and a
    paragraph is drawn when the first of its units is reached in the order.
    """
    text = normalise(path.read_bytes().decode("utf-8"))
    text = strip_apparatus(text)
    blocks = [b for b in re.split(r"\n[ \t\u3000]*\n", text) if b.strip()]
    blocks = [join_block(b) for b in blocks]
    blocks = [b for b in blocks if b]
    paras: list[dict] = []
    trail: list[str] = []  # index 0..2 -> levels 1..3
    front = True
    prev_unit: dict | None = None
    for idx, b in enumerate(blocks, start=1):
        lvl = heading_level(b, front)
        if lvl:
            trail = trail[: lvl - 1] + [""] * max(0, lvl - 1 - len(trail)) + [b.rstrip("。")]
            prev_unit = None
            continue
        if front and b[-1] not in END_PUNCT:
            continue  # title, byline, date or translator's note above the first sentence
        front = False
        own = list(trail)
        if H2_PAREN.match(b):  # run-in heading: 「(一)深化供给侧结构性改革。…」
            title = b.split("。")[0]
            title = title if len(title) <= 40 else title[:40] + "…"
            own = trail[:1] + [""] * (1 - len(trail[:1])) + [title]
            trail = own
        unit = {
            "para_id": f"{doc_id}-p{idx:03d}",
            "doc_id": doc_id,
            "heading_trail": " > ".join(t for t in own if t),
            "text": b,
            "candidate": bool(CANDIDATE.search(b)),
        }
        if prev_unit is not None and sentence_open(prev_unit["text"]):
            head = next(p for p in paras if p["para_id"] == prev_unit["head"])
            unit["head"] = head["para_id"]
            head["para_text"] += b
        else:
            unit["head"] = unit["para_id"]
            unit["para_text"] = b
        paras.append(unit)
        prev_unit = unit
    by_id = {p["para_id"]: p for p in paras}
    for p in paras:
        p["para_text"] = by_id[p["head"]]["para_text"]
        p["para_trail"] = by_id[p["head"]]["heading_trail"]
    return paras


def load_manifest() -> list[dict]:
    with open(CORPUS / "manifest.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def split_of(doc_id: str) -> str:
    if doc_id in REPORT_DOCS:
        return "report"
    if doc_id in TUNE_DOCS:
        return "tune"
    raise ValueError(doc_id)


def proportional_order(cands: dict[str, list[dict]], rng: np.random.Generator) -> list[dict]:
    docs = sorted(cands)
    shuffled = {}
    for d in docs:
        perm = rng.permutation(len(cands[d]))
        shuffled[d] = [cands[d][i] for i in perm]
    tiebreak = dict(zip(docs, rng.random(len(docs)), strict=True))
    n = {d: len(shuffled[d]) for d in docs}
    total = sum(n.values())
    taken = {d: 0 for d in docs}
    order = []
    for k in range(1, total + 1):
        avail = [d for d in docs if taken[d] < n[d]]
        # deficit against the quota after k draws; the largest deficit supplies the paragraph
        best = max(avail, key=lambda d: (k * n[d] / total - taken[d], tiebreak[d]))
        order.append(shuffled[best][taken[best]])
        taken[best] += 1
    return order


def gold_counts() -> dict[str, int]:
    """Rows per para_id in the hand list (labels.txt, the source of dev_targets_gold.csv).

    If dev_targets_gold.csv exists, its counts must agree (it is built from labels.txt by
    build_gold.py after this script has written paragraphs.csv).
    """
    counts: dict[str, int] = {}
    if LABELS.exists():
        for line in LABELS.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                pid = line.split(" | ")[0].strip()
                counts[pid] = counts.get(pid, 0) + 1
    if GOLD.exists():
        gold: dict[str, int] = {}
        with open(GOLD, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                gold[row["para_id"]] = gold.get(row["para_id"], 0) + 1
        if gold != counts:
            raise SystemExit("dev_targets_gold.csv is out of date: run build_gold.py")
    return counts


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--preview",
        type=int,
        default=0,
        help="print the first N paragraphs of the proportional order (labelling aid)",
    )
    ap.add_argument("--start", type=int, default=1)
    ap.add_argument("--docs", default="", help="comma-separated doc_ids to keep in --preview")
    args = ap.parse_args()

    manifest = load_manifest()
    allparas: dict[str, list[dict]] = {}
    for m in manifest:
        allparas[m["doc_id"]] = doc_paragraphs(m["doc_id"], CORPUS / m["file"])
    cands = {d: [p for p in ps if p["candidate"]] for d, ps in allparas.items()}
    rng = np.random.default_rng(SEED)
    order = proportional_order(cands, rng)

    write_csv(
        HERE / "draw_order_all.csv",
        ["rank", "unit_id", "para_id", "doc_id", "split"],
        [
            [str(i), p["para_id"], p["head"], p["doc_id"], split_of(p["doc_id"])]
            for i, p in enumerate(order, 1)
        ],
    )

    if args.preview:
        keep = set(args.docs.split(",")) if args.docs else None
        for i, p in enumerate(order[args.start - 1 : args.start - 1 + args.preview], args.start):
            if keep and p["doc_id"] not in keep:
                continue
            tag = "" if p["head"] == p["para_id"] else f" (unit of paragraph {p['head']})"
            print(
                f"### rank {i} {p['head']}{tag} [{split_of(p['doc_id'])}] trail: {p['para_trail']}"
            )
            print(p["para_text"])
            print()
        return 0

    counts = gold_counts()
    reviewed = set(REVIEWED.read_text(encoding="utf-8").split()) if REVIEWED.exists() else set()
    tot = rec = rep = 0
    drawn = []
    seen: set[str] = set()
    for p in order:
        d = p["doc_id"]
        if p["head"] in seen:
            continue  # a unit of a paragraph already drawn
        if tot >= MIN_TOTAL:
            short_groups = []
            if rec < MIN_RECENT:
                short_groups.append(RECENT_DOCS)
            if rep < MIN_REPORT:
                short_groups.append(REPORT_DOCS)
            if not any(d in g for g in short_groups):
                continue  # not drawn: its document cannot help a total still short
        pid = p["head"]
        if pid not in reviewed:
            print(
                f"stopped: {pid} (draw {len(drawn) + 1}) has not been reviewed; "
                f"totals so far all={tot} recent={rec} report={rep}",
                file=sys.stderr,
            )
            return 1
        seen.add(pid)
        c = counts.get(pid, 0)
        tot += c
        rec += c if d in RECENT_DOCS else 0
        rep += c if d in REPORT_DOCS else 0
        drawn.append(p)
        if tot >= MIN_TOTAL and rec >= MIN_RECENT and rep >= MIN_REPORT:
            break
    else:
        print("order exhausted before totals were met", file=sys.stderr)
        return 1

    stray = set(counts) - {p["head"] for p in drawn}
    if stray:
        print(f"gold rows for paragraphs not drawn: {sorted(stray)}", file=sys.stderr)
        return 1

    write_csv(
        HERE / "paragraphs.csv",
        ["para_id", "doc_id", "split", "draw_order", "heading_trail", "text"],
        [
            [p["head"], p["doc_id"], split_of(p["doc_id"]), str(i), p["para_trail"], p["para_text"]]
            for i, p in enumerate(drawn, 1)
        ],
    )
    ncand = {d: len(v) for d, v in cands.items()}
    print(f"candidates per document: {ncand} (total {sum(ncand.values())})")
    print(f"drawn {len(drawn)} paragraphs; rows all={tot} recent={rec} report={rep}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
