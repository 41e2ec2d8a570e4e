"""Markdown table of the benchmark results in ``benchmarks/results/*.json``.

Usage: ``python benchmarks/report.py [FOLDER | FILE.json ...]`` (paste into docs/scale.md or
the README); the default is every result in ``benchmarks/results`` (``benchmarks/results/earlier``
keeps older results). Given files, their columns come in the order given (before, after). A
second table gives each whole cold run's notebooks, seconds and × baseline.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
ORDER = (
    "load_clean", "segment", "segment_warm", "segment_rjieba", "tfidf", "keywords", "keyness",
    "topics_scan", "nmf", "classify", "priorities", "targets", "figures", "kernels", "baseline",
    "run_cold", "run_warm", "run_seed",
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


def notebook_table(paths: list[Path]) -> str:
    """Seconds and × baseline of each notebook of each result's cold whole run."""
    results = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    names: list[str] = []
    for r in results:
        names += [n for n in r["stages"].get("run_cold", {}).get("notebooks", {}) if n not in names]
    head = "| notebook (cold run) | " + " | ".join(
        f"{r['label']}: s · × baseline · slowest cell" for r in results
    )
    lines = [head + " |", "|---" * (len(results) + 1) + "|"]
    for n in sorted(names):
        cells = []
        for r in results:
            nb = r["stages"].get("run_cold", {}).get("notebooks", {}).get(n)
            if not nb or nb.get("seconds") is None:
                cells.append("not run")
                continue
            base = r["stages"]["baseline"]["seconds"]
            slow = nb["slowest_cells"][0] if nb["slowest_cells"] else None
            note = f" · {slow['seconds']:.0f} s `{slow['starts'][:40]}`" if slow else ""
            cells.append(f"{nb['seconds']:.1f} · {nb['seconds'] / base:.2f}×{note}")
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and all(a.endswith(".json") for a in argv):
        paths = [Path(a) for a in argv]
    else:
        folder = Path(argv[0]) if argv else RESULTS
        paths = sorted(
            folder.glob("*.json"),
            key=lambda p: (json.loads(p.read_text())["corpus"]["bytes"], p.name),
        )
    if not paths:
        print("no results yet: run benchmarks/run.py", file=sys.stderr)
        return 1
    print(table(paths))
    print()
    print(notebook_table(paths))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
