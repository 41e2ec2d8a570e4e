"""Markdown table of the benchmark results in ``benchmarks/results/*.json``.

Usage: ``python benchmarks/report.py [FOLDER]`` (paste into docs/scale.md or the README);
``FOLDER`` defaults to ``benchmarks/results`` (``benchmarks/results/earlier`` keeps the results
measured before the scale work, for comparison).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
ORDER = (
    "load_clean", "segment", "segment_warm", "segment_rjieba", "tfidf", "keyness", "nmf",
    "classify", "targets", "figures", "kernels", "baseline", "run_cold", "run_warm", "run_seed",
)  # fmt: skip


def table(paths: list[Path]) -> str:
    """One column per result file: seconds, ratio to the baseline, peak memory per stage."""
    results = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    names: list[str] = []
    for r in results:
        names += [n for n in r["stages"] if n not in names]
    names.sort(key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))
    head = "| stage | " + " | ".join(
        f"{r['label']} ({r['corpus']['bytes'] / 1e6:.0f} MB, {r['corpus']['documents']} docs, "
        f"{r['backend']}{', --jobs ' + str(r['jobs']) if r.get('jobs') else ''}): "
        "s · × baseline · peak MB"
        for r in results
    )
    lines = [head + " |", "|---" * (len(results) + 1) + "|"]
    for n in names:
        cells = []
        for r in results:
            s = r["stages"].get(n)
            if s is None:
                cells.append("not run")
                continue
            base = r["stages"]["baseline"]["seconds"]
            cells.append(
                f"{s['seconds']:.1f} · {s['seconds'] / base:.2f}× · "
                f"{max(s['peak_tree_mb'], s['peak_process_mb']):.0f}"
            )
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    folder = Path(argv[0]) if argv else RESULTS
    paths = sorted(
        folder.glob("*.json"),
        key=lambda p: (json.loads(p.read_text())["corpus"]["bytes"], p.name),
    )
    if not paths:
        print("no results yet: run benchmarks/run.py", file=sys.stderr)
        return 1
    print(table(paths))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
