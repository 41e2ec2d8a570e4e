#!/usr/bin/env python3
"""Draw the sentence sample for hand-labelling livelihood domains on the CPC dev corpus.

Usage (from /work/labels/domains):

    /work/main/.venv/bin/python sample_sentences.py [CPC_DIR] [--out sample.csv]

CPC_DIR defaults to ../shared/corpus-dev/cpc (relative to the current directory; the script
also tries the same path relative to /work if that does not exist). It must hold manifest.csv
and the texts it lists. The output is deterministic: a rerun gives byte-identical sample.csv.

Steps
1. decode UTF-8, NFKC, OpenCC t2s;
2. cut the Wikisource licence / footnote block at the end of each file (first line that starts
   with 本作品 / 这部作品, or is "↑", "Public domain" or "false"), remove reference markers
   like "[ CPC 1 ]" or "[ 4 ]";
3. re-join lines broken at wiki links (inside a blank-line block: join unless the previous line
   ends a sentence and the next is a real line; across blank lines: join when the previous block
   is not a heading and does not end in 。!?:; or the next block starts with punctuation);
4. detect headings (short unpunctuated lines such as 「八、…」「关于九大路线」, lead sentences of
   「(一)…。」 paragraphs, one-sentence 「第一,…。」 paragraphs) and carry the most recent heading
   as `section`;
5. split paragraphs into sentences at 。!?！？ (closing quotes/brackets stay with the sentence);
6. sample with numpy.random.default_rng(20261202): 330 units uniformly from all units
   (stratum `random`), then 90 further units from the livelihood / social-policy sections of
   cpc16-cpc20 (stratum `livelihood_section`, see LIVELIHOOD_SECTIONS);
7. write sample.csv (item_id,doc_id,split,stratum,section,is_heading,text), sorted by document
   and position.

``--targeted SPLIT`` draws instead the targeted culture / education sample added after the
review of issue 16 (see LABELLING_DEV.md): ``--n`` units (default 80) drawn uniformly with
numpy.random.default_rng(TARGETED_SEED) from the units of the documents of SPLIT (``tune`` or
``report``) whose text contains 文化, 教育, 思想 or 精神, minus units whose text is already in
``--exclude`` (the existing label file). Item ids are ``dev-c0001`` ... (``tune``) or
``dev-h0001`` ... (``report``, the held-out set), stratum ``culture_education``.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import sys
import unicodedata

import numpy as np
import opencc

SEED = 20261202
N_RANDOM = 330
N_LIVELIHOOD = 90

# Split by document, drawn beforehand with one seed per era (see LABELLING_DEV.md).
SPLIT = {
    **{d: "report" for d in ["cpc01b", "cpc03", "cpc10", "cpc12", "cpc14", "cpc19", "cpc20"]},
    **{d: "tune" for d in ["cpc01", "cpc09", "cpc11", "cpc13", "cpc15", "cpc16", "cpc17", "cpc18"]},
}

# Sections whose heading announces a livelihood / social-policy ("社会建设") field, cpc16-cpc20.
# Keys: doc_id -> list of (top-level heading, sub-heading prefix or None for the whole chapter).
# The fields are those of the 17th congress's chapter 八 (education, employment, income
# distribution, social security, health, social management); where a report puts one of them
# outside its livelihood chapter (cpc16 has no such chapter; cpc20 moved education and public
# safety / social governance out of it) the sub-section is included. Culture (a chapter of its
# own in every report) is not included.
LIVELIHOOD_SECTIONS = {
    "cpc16": [
        ("四、经济建设和经济体制改革", "(六)深化分配制度改革,健全社会保障体系"),
        ("四、经济建设和经济体制改革", "(八)千方百计扩大就业,不断改善人民生活"),
        ("五、政治建设和政治体制改革", "(九)维护社会稳定"),
        ("六、文化建设和文化体制改革", "(四)大力发展教育和科学事业"),
    ],
    "cpc17": [("八、加快推进以改善民生为重点的社会建设", None)],
    "cpc18": [("七、在改善民生和创新管理中加强社会建设", None)],
    "cpc19": [("八、提高保障和改善民生水平,加强和创新社会治理", None)],
    "cpc20": [
        ("九、增进民生福祉,提高人民生活品质", None),
        ("五、实施科教兴国战略,强化现代化建设人才支撑", "(一)办好人民满意的教育"),
        (
            "十一、推进国家安全体系和能力现代化,坚决维护国家安全和社会稳定",
            "(三)提高公共安全治理水平",
        ),
        ("十一、推进国家安全体系和能力现代化,坚决维护国家安全和社会稳定", "(四)完善社会治理体系"),
    ],
}

#: Generator seed and keyword filter of the targeted culture / education sample (issue 16).
TARGETED_SEED = 20260516
TARGETED_KEYWORDS = re.compile(r"文化|教育|思想|精神")
TARGETED_STRATUM = "culture_education"

CN_NUM = "一二三四五六七八九十"
CLOSERS = "”’」』)）》〉】]\"'"
SENT_END = "。!?！？"
PUNCT_START = ",，、。.;；:：!！?？”’」』)）》〉】"

RE_REF = re.compile(r"[ \t]*\n?[ \t]*\[\s*(?:CPC\s*)?\d+\s*\][ \t]*\n?")
RE_SENT = re.compile(r"[^。!?！？]*(?:[。!?！？]+[" + re.escape(CLOSERS) + r"]*|$)")
RE_SUBLEAD = re.compile(r"^\([" + CN_NUM + r"]+\)")
RE_ORDINAL = re.compile(r"^(?:第[" + CN_NUM + r"]+[,、]|首先,)")


def make_converter() -> opencc.OpenCC:
    for name in ("t2s", "t2s.json"):
        try:
            return opencc.OpenCC(name)
        except Exception:  # pragma: no cover - depends on the opencc build
            continue
    raise RuntimeError("no OpenCC t2s config found")


def ends_sentence(s: str, marks: str) -> bool:
    s = s.rstrip(CLOSERS)
    return bool(s) and s[-1] in marks


def cut_boilerplate(lines: list[str]) -> list[str]:
    for i, line in enumerate(lines):
        s = line.strip()
        if s.startswith(("本作品", "这部作品")) or s in ("↑", "Public domain", "false"):
            return lines[:i]
    return lines


def is_block_heading(text: str) -> bool:
    """A paragraph that is a heading: short and without sentence / clause punctuation at its end."""
    if len(text) > 40 or not text:
        return False
    return text[-1] not in SENT_END + ",，、:：;；" and not ends_sentence(text, SENT_END)


def paragraphs(raw: str, cc: opencc.OpenCC) -> list[str]:
    text = cc.convert(unicodedata.normalize("NFKC", raw))
    lines = cut_boilerplate(text.split("\n"))
    text = RE_REF.sub("", "\n".join(lines))
    # blocks separated by blank lines; inside a block, lines were broken at links
    blocks: list[list[str]] = []
    cur: list[str] = []
    for line in text.split("\n"):
        s = line.strip()
        if s:
            cur.append(s)
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    paras: list[str] = []
    for block in blocks:
        joined: list[str] = [block[0]]
        for s in block[1:]:
            prev = joined[-1]
            if (
                ends_sentence(prev, SENT_END)
                and s[0] not in PUNCT_START
                and len(s) > 6
                and len(prev) > 6
            ):
                joined.append(s)  # a real line break between two complete lines
            else:
                joined[-1] = prev + s
        for p in joined:
            if paras:
                prev = paras[-1]
                if (
                    not is_block_heading(prev)
                    and not is_block_heading(p)
                    and (not ends_sentence(prev, SENT_END + ":：;；") or p[0] in PUNCT_START)
                ):
                    paras[-1] = prev + p
                    continue
            paras.append(p)
    return paras


def split_sentences(p: str) -> list[str]:
    return [s.strip() for s in RE_SENT.findall(p) if s.strip()]


def units_of(doc_id: str, raw: str, cc: opencc.OpenCC) -> list[dict]:
    units: list[dict] = []
    top = ""
    section = ""
    for p in paragraphs(raw, cc):
        sents = split_sentences(p)
        if is_block_heading(p):
            if RE_SUBLEAD.match(p) and top:
                section = f"{top} > {p}"
            else:
                top = section = p
            units.append(
                dict(doc_id=doc_id, top=top, section=section, sub=None, is_heading="1", text=p)
            )
            continue
        start = 0
        if sents and len(sents[0]) <= 60 and RE_SUBLEAD.match(sents[0]):
            section = f"{top} > {sents[0]}" if top else sents[0]
            units.append(
                dict(
                    doc_id=doc_id,
                    top=top,
                    section=section,
                    sub=sents[0],
                    is_heading="1",
                    text=sents[0],
                )
            )
            start = 1
        elif (
            len(sents) == 1
            and len(sents[0]) <= 50
            and RE_ORDINAL.match(sents[0])
            and ends_sentence(sents[0], SENT_END)
        ):
            section = f"{top} > {sents[0]}" if top else sents[0]
            units.append(
                dict(
                    doc_id=doc_id,
                    top=top,
                    section=section,
                    sub=sents[0],
                    is_heading="1",
                    text=sents[0],
                )
            )
            continue
        for s in sents[start:]:
            units.append(
                dict(doc_id=doc_id, top=top, section=section, sub=None, is_heading="0", text=s)
            )
    return units


def in_livelihood_section(u: dict) -> bool:
    for top, sub in LIVELIHOOD_SECTIONS.get(u["doc_id"], []):
        if u["top"] != top:
            continue
        if sub is None:
            return True
        if u["section"].startswith(f"{top} > {sub}"):
            return True
    return False


def read_manifest(cpc_dir: str) -> list[tuple[str, str]]:
    with open(os.path.join(cpc_dir, "manifest.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return sorted((r["doc_id"], r["file"]) for r in rows)


def build(cpc_dir: str) -> tuple[list[dict], list[dict]]:
    cc = make_converter()
    units: list[dict] = []
    for doc_id, rel in read_manifest(cpc_dir):
        with open(os.path.join(cpc_dir, rel), "rb") as fh:
            raw = fh.read().decode("utf-8")
        doc_units = units_of(doc_id, raw, cc)
        for pos, u in enumerate(doc_units):
            u["pos"] = pos
        units.extend(doc_units)
    rng = np.random.default_rng(SEED)
    drawn = rng.choice(len(units), size=N_RANDOM, replace=False)
    chosen = {int(i): "random" for i in drawn}
    pool = [i for i, u in enumerate(units) if in_livelihood_section(u) and i not in chosen]
    extra = rng.choice(len(pool), size=N_LIVELIHOOD, replace=False)
    for j in extra:
        chosen[pool[int(j)]] = "livelihood_section"
    rows = []
    for k, i in enumerate(
        sorted(chosen, key=lambda i: (units[i]["doc_id"], units[i]["pos"])), start=1
    ):
        u = units[i]
        rows.append(
            dict(
                item_id=f"dev-s{k:04d}",
                doc_id=u["doc_id"],
                split=SPLIT[u["doc_id"]],
                stratum=chosen[i],
                section=u["section"],
                is_heading=u["is_heading"],
                text=u["text"],
            )
        )
    return units, rows


def targeted(units: list[dict], split: str, n: int, exclude: set[str]) -> list[dict]:
    """The targeted culture / education sample of one split (see ``--targeted``)."""
    pool = [
        i
        for i, u in enumerate(units)
        if SPLIT[u["doc_id"]] == split
        and TARGETED_KEYWORDS.search(u["text"])
        and u["text"] not in exclude
    ]
    rng = np.random.default_rng(TARGETED_SEED)
    drawn = sorted(
        (pool[int(j)] for j in rng.choice(len(pool), size=min(n, len(pool)), replace=False)),
        key=lambda i: (units[i]["doc_id"], units[i]["pos"]),
    )
    prefix = "dev-c" if split == "tune" else "dev-h"
    return [
        dict(
            item_id=f"{prefix}{k:04d}",
            doc_id=units[i]["doc_id"],
            split=split,
            stratum=TARGETED_STRATUM,
            section=units[i]["section"],
            is_heading=units[i]["is_heading"],
            text=units[i]["text"],
        )
        for k, i in enumerate(drawn, start=1)
    ]


COLUMNS = ["item_id", "doc_id", "split", "stratum", "section", "is_heading", "text"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cpc_dir", nargs="?", default="../shared/corpus-dev/cpc")
    ap.add_argument("--out", default="sample.csv")
    ap.add_argument("--dump-units", default=None, help="optional CSV of all units (for inspection)")
    ap.add_argument(
        "--targeted",
        choices=["tune", "report"],
        default=None,
        help="draw the targeted culture / education sample of this split instead (issue 16)",
    )
    ap.add_argument("--n", type=int, default=80, help="size of the targeted sample")
    ap.add_argument(
        "--exclude",
        default=None,
        help="label CSV whose texts the targeted sample leaves out (dev_sentence_labels.csv)",
    )
    args = ap.parse_args(argv)
    cpc_dir = args.cpc_dir
    if not os.path.exists(os.path.join(cpc_dir, "manifest.csv")):
        alt = (
            os.path.join("/work", "shared/corpus-dev/cpc")
            if cpc_dir == "../shared/corpus-dev/cpc"
            else None
        )
        if alt and os.path.exists(os.path.join(alt, "manifest.csv")):
            cpc_dir = alt
        else:
            print(f"no manifest.csv in {cpc_dir}", file=sys.stderr)
            return 2
    units, rows = build(cpc_dir)
    if args.targeted:
        exclude: set[str] = set()
        if args.exclude:
            with open(args.exclude, encoding="utf-8", newline="") as fh:
                exclude = {r["text"] for r in csv.DictReader(fh)}
        rows = targeted(units, args.targeted, args.n, exclude)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        fh.write(buf.getvalue())
    if args.dump_units:
        with open(args.dump_units, "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(
                fh,
                fieldnames=["doc_id", "pos", "top", "section", "is_heading", "livelihood", "text"],
                lineterminator="\n",
                extrasaction="ignore",
            )
            w.writeheader()
            for u in units:
                w.writerow({**u, "livelihood": "1" if in_livelihood_section(u) else "0"})
    n_liv = sum(1 for u in units if in_livelihood_section(u))
    print(
        f"{len(units)} units, {n_liv} in livelihood sections; wrote {len(rows)} rows to {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
