"""Build a benchmark corpus of a chosen size from the seed corpus, with a manifest.

The cleaned paragraphs of ``data/raw`` (via the pipeline's own loading and cleaning) are split
into sentences, and new paragraphs are drawn, seeded, from the sentences of one region: each new
paragraph has as many sentences as a randomly chosen seed paragraph of that region, picked
at random from the region's sentences. Documents of about ``--doc-kb`` KB each are spread over
the four regions in turn.

This is the **boilerplate-heavy** case, kept only as that. Most seed paragraphs have one or
two sentences and the pool is the five seed documents' ~1 000 sentences, so its paragraphs
repeat: 84.5% of the 20 052 paragraphs of the 10 MB corpus are distinct (the development corpus
of real reports: 95.9%), the vocabulary never grows past the seeds', and the per-paragraph cache
and de-duplication skip much of the work. The benchmark figures quoted in the README and
``docs/scale.md`` come from ``make_unique_corpus.py``, whose paragraphs are all distinct.

Examples
--------
``python benchmarks/make_corpus.py --mb 10`` writes
``benchmarks/results/corpora/boilerplate-10mb/{corpus.csv,docs/*.txt}`` (ignored by git).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "results" / "corpora"


def seed_sentences(manifest: Path | None = None) -> tuple[dict[str, list[str]], dict, dict]:
    """Sentences of the cleaned seed corpus by region, paragraph lengths (in sentences) by region,
    and the Chinese name of each region.

    Examples
    --------
    >>> sents, lengths, names = seed_sentences()
    >>> sorted(sents), names["Liaoning"]
    (['Jiangsu', 'Jilin', 'Liaoning', 'Tianjin'], '辽宁')
    """
    from policystudy.ingest import corpus, preprocess, structure
    from policystudy.workflow import paths

    docs = corpus.load_corpus(manifest or paths.DEFAULT_MANIFEST)
    paras = preprocess.prepare(docs).paragraphs
    sentences: dict[str, list[str]] = {}
    lengths: dict[str, list[int]] = {}
    for region, text in zip(paras["region"], paras["text"], strict=True):
        split = structure.split_sentences(text)
        sentences.setdefault(region, []).extend(split)
        lengths.setdefault(region, []).append(max(1, len(split)))
    meta = docs.metadata
    zh = meta["region_zh"] if "region_zh" in meta.columns else meta["region"]
    names = dict(zip(meta["region"], zh, strict=True))
    return (
        {r: sentences[r] for r in sorted(sentences)},
        {r: lengths[r] for r in sorted(lengths)},
        names,
    )


def make_corpus(
    out: Path, *, mb: float, doc_kb: float = 50.0, random_state: int = 42
) -> dict[str, object]:
    """Write ``out/corpus.csv`` and ``out/docs/*.txt`` totalling about ``mb`` MB of UTF-8 text.

    Returns a summary (documents, paragraphs, bytes, characters) also written to
    ``out/summary.json``.
    """
    rng = np.random.default_rng(random_state)
    sentences, lengths, names = seed_sentences()
    regions = sorted(sentences)
    pools = {r: np.array(sentences[r], dtype=object) for r in regions}
    target = int(mb * 1_000_000)
    doc_bytes = int(doc_kb * 1000)
    docs_dir = out / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    # Only files this script names (bench-*): never a file it did not write.
    for old in docs_dir.glob("bench-*.txt"):
        old.unlink()
    rows, total, n_paras, n_chars, i = [], 0, 0, 0, 0
    while total < target:
        region = regions[i % len(regions)]
        doc_id = f"bench-{region.lower()}-{i // len(regions) + 1:05d}"
        # A title line that reads as a heading, so the structure step sees a normal document.
        lines = [f"{names.get(region, region)}民生实事工作报告（第{i + 1}号）"]
        size = len(lines[0].encode())
        while size < doc_bytes:
            k = int(rng.choice(lengths[region]))
            para = "".join(rng.choice(pools[region], size=k, replace=True))
            lines.append(para)
            size += len(para.encode()) + 2
            n_paras += 1
            n_chars += len(para)
        text = "\n\n".join(lines) + "\n"
        (docs_dir / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        rows.append((doc_id, f"docs/{doc_id}.txt", region, names.get(region, region)))
        total += len(text.encode())
        i += 1
    manifest = "doc_id,file,region,region_zh\n" + "".join(",".join(r) + "\n" for r in rows)
    (out / "corpus.csv").write_text(manifest, encoding="utf-8")
    summary = {
        "documents": len(rows),
        "paragraphs": n_paras,
        "bytes": total,
        "chars": n_chars,
        "doc_kb": doc_kb,
        "random_state": random_state,
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, required=True, help="size in MB of UTF-8 text (10, 100)")
    ap.add_argument("--out", type=Path, default=None, help="folder; default results/corpora/<N>mb")
    ap.add_argument("--doc-kb", type=float, default=50.0, help="size of each document in KB")
    ap.add_argument("--random-state", type=int, default=42)
    args = ap.parse_args(argv)
    out = args.out or DEFAULT_OUT / f"boilerplate-{args.mb:g}mb"
    summary = make_corpus(out, mb=args.mb, doc_kb=args.doc_kb, random_state=args.random_state)
    print(json.dumps({"out": str(out), **summary}, ensure_ascii=False), file=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
