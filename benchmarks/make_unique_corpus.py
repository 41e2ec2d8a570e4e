"""Build a benchmark corpus of unique paragraphs, recombined from sentences of real reports.

``make_corpus.py`` reshuffles the sentences of the five seed documents, one region's sentences
per document, with paragraph lengths copied from the seeds. Most seed paragraphs have one or two
sentences, so its paragraphs repeat (measured: see ``distinct_share``), the per-paragraph
segmentation cache and the once-per-distinct-paragraph work skip most of the corpus, and the
vocabulary never grows past the seeds'. It is kept as the named *boilerplate-heavy* case.

This script draws from a larger pool: the sentences of the seed corpus and of any other
corpora given with ``--source`` (a manifest; the development corpus, for instance). The pool is
cut into as many parts as there are groups (by source document, so that groups differ in
vocabulary the way real groups do); each paragraph takes 2 to 6 sentences, most from its group's
part and the rest from the whole pool, and a paragraph already written is drawn again, so every
paragraph of the corpus is distinct. Documents carry a year and a group.

The package never reads ``../shared`` at run time; this developer script reads what it is
given on the command line.

Examples
--------
``python benchmarks/make_unique_corpus.py --mb 10 --source ../shared/corpus-dev/cpc/manifest.csv``
writes ``benchmarks/results/corpora/unique-10mb/{corpus.csv,docs/*.txt,summary.json}``
(ignored by git).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "results" / "corpora"
GROUPS = ("east", "north", "northeast", "west")
# Share of a paragraph's sentences drawn from its own group's part of the pool.
OWN_SHARE = 0.7


def corpus_sentences(manifest: Path) -> list[tuple[str, str]]:
    """``(doc_id, sentence)`` of every body paragraph of a corpus, cleaned by the package."""
    from policystudy.ingest import corpus, preprocess, structure

    docs = corpus.load_corpus(manifest)
    paras = preprocess.prepare(docs).paragraphs
    out = []
    for doc_id, text in zip(paras["doc_id"].astype(str), paras["text"], strict=True):
        out += [(doc_id, s) for s in structure.split_sentences(text) if len(s) >= 8]
    return out


def distinct_share(manifest: Path) -> dict[str, float]:
    """Paragraphs (blank-line blocks of the raw files) and the share of them that are distinct.

    Computed on the files as written, so it describes any benchmark corpus the same way.
    """
    import csv

    seen: set[bytes] = set()
    total = 0
    with open(manifest, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            text = (manifest.parent / row["file"]).read_text(encoding="utf-8")
            for block in text.split("\n\n"):
                block = block.strip()
                if block:
                    total += 1
                    seen.add(hashlib.sha256(block.encode()).digest())
    return {"paragraphs": total, "distinct": len(seen), "share": len(seen) / max(total, 1)}


def make_corpus(
    out: Path,
    *,
    mb: float,
    sources: list[Path],
    doc_kb: float = 50.0,
    random_state: int = 42,
) -> dict[str, object]:
    """Write ``out/corpus.csv`` and ``out/docs/*.txt``: about ``mb`` MB of unique paragraphs."""
    rng = np.random.default_rng(random_state)
    pool: list[tuple[str, str]] = []
    for manifest in sources:
        pool += corpus_sentences(manifest)
    doc_ids = sorted({d for d, _ in pool})
    # Each source document's sentences go to one group's part, in turn.
    part_of_doc = {d: i % len(GROUPS) for i, d in enumerate(doc_ids)}
    sentences = np.array([s for _, s in pool], dtype=object)
    part = np.array([part_of_doc[d] for d, _ in pool])
    parts = [np.flatnonzero(part == g) for g in range(len(GROUPS))]
    target, doc_bytes = int(mb * 1_000_000), int(doc_kb * 1000)
    docs_dir = out / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    # Only files this script names (uniq-*): never a file it did not write.
    for old in docs_dir.glob("uniq-*.txt"):
        old.unlink()
    written: set[bytes] = set()
    rows, total, n_paras, redrawn, i = [], 0, 0, 0, 0
    while total < target:
        g = i % len(GROUPS)
        doc_id = f"uniq-{GROUPS[g]}-{i // len(GROUPS) + 1:05d}"
        year = str(2000 + int(rng.integers(0, 23)))
        lines = [f"{GROUPS[g]} 民生工作报告（第{i + 1}号）"]
        size = len(lines[0].encode())
        while size < doc_bytes:
            k = int(rng.integers(2, 7))
            own = int(rng.binomial(k, OWN_SHARE))
            idx = np.concatenate(
                [rng.choice(parts[g], size=own), rng.integers(0, len(sentences), size=k - own)]
            )
            para = "".join(sentences[rng.permutation(idx)])
            key = hashlib.sha256(para.encode()).digest()
            if key in written:
                redrawn += 1
                continue
            written.add(key)
            lines.append(para)
            size += len(para.encode()) + 2
            n_paras += 1
        text = "\n\n".join(lines) + "\n"
        (docs_dir / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        rows.append((doc_id, f"docs/{doc_id}.txt", GROUPS[g], year))
        total += len(text.encode())
        i += 1
    manifest = "doc_id,file,region,year\n" + "".join(",".join(r) + "\n" for r in rows)
    (out / "corpus.csv").write_text(manifest, encoding="utf-8")
    summary = {
        "documents": len(rows),
        "paragraphs": n_paras,
        "redrawn_duplicates": redrawn,
        "bytes": total,
        "pool_sentences": len(sentences),
        "pool_distinct_sentences": len(set(sentences.tolist())),
        "sources": [str(s) for s in sources],
        "doc_kb": doc_kb,
        "random_state": random_state,
        "distinct_paragraphs": distinct_share(out / "corpus.csv"),
    }
    (out / "summary.json").write_text(
        json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return summary


def main(argv: list[str] | None = None) -> int:
    from policystudy.workflow import paths

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, required=True, help="size in MB of UTF-8 text (10, 100)")
    ap.add_argument("--source", type=Path, action="append", default=[],
                    help="manifest of another corpus whose sentences join the pool (repeatable)")  # fmt: skip
    ap.add_argument("--out", type=Path, default=None, help="default results/corpora/unique-<N>mb")
    ap.add_argument("--doc-kb", type=float, default=50.0, help="size of each document in KB")
    ap.add_argument("--random-state", type=int, default=42)
    ap.add_argument("--share-of", type=Path, default=None,
                    help="only print the distinct-paragraph share of this manifest's corpus")  # fmt: skip
    args = ap.parse_args(argv)
    if args.share_of:
        print(json.dumps(distinct_share(args.share_of)))
        return 0
    out = args.out or DEFAULT_OUT / f"unique-{args.mb:g}mb"
    sources = [paths.DEFAULT_MANIFEST, *args.source]
    summary = make_corpus(
        out, mb=args.mb, sources=sources, doc_kb=args.doc_kb, random_state=args.random_state
    )
    print(json.dumps({"out": str(out), **summary}, ensure_ascii=False), file=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
