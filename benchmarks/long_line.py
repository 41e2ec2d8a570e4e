"""Time target extraction and the other text stages on one huge line (issue 25, item 3).

A whole file saved without line breaks is one line, and without full stops one sentence. The
extractor was quadratic in sentence length (100 KB took 85 s, 4.3 MB did not finish in 300 s).
This script builds such lines from the seed documents (their text joined, whitespace removed,
repeated to the size asked; ``--no-stops`` turns 。!? into commas so that the line is one
sentence), and times, each in its own process with a timeout:

- ``targets``: ``policystudy targets FILE`` as a user runs it (decoding, normalising, splitting,
  extracting, deduplicating, TSV), the whole process;
- ``domains``: ``policystudy domains FILE``, the whole process (sentence splitting, cleaning,
  domain coding on the same line);
- ``baseline``: plain single-process ``jieba.lcut`` over the same text, after imports, like
  ``benchmarks/run.py``.

Timings are reported as ratios to the baseline of the same run (the machine's speed drifts
between invocations; compare ratios, not seconds across runs). Usage::

    python benchmarks/long_line.py --kb 25 100 1000 --label after
    PYTHONPATH=/path/to/old/src python benchmarks/long_line.py --kb 25 100 --label before

writes ``benchmarks/results/long-line-<label>.json`` and prints a table. A case that does not
finish within ``--timeout`` seconds is recorded as ``null`` with ``timed_out``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RAW = HERE.parent / "data" / "raw"
RESULTS = HERE / "results"

_BASELINE = """
import sys, time, jieba
jieba.initialize()
text = open(sys.argv[1], encoding="utf-8").read()
t = time.perf_counter()
jieba.lcut(text)
print(time.perf_counter() - t)
"""


def make_line(n_bytes: int, *, stops: bool) -> str:
    """The seed documents as one line of ``n_bytes`` UTF-8 bytes (one sentence if not stops)."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt")))
    text = re.sub(r"\s+", "", text)
    if not stops:
        text = re.sub(r"[。!?!?]", ",", text)
    line = text * (n_bytes // len(text.encode("utf-8")) + 1)
    return line.encode("utf-8")[:n_bytes].decode("utf-8", "ignore") + "\n"


def timed(cmd: list[str], timeout: float) -> dict[str, object]:
    """Wall seconds of a command, or ``None`` when it runs past ``timeout``."""
    start = time.perf_counter()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "timed_out": timeout}
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-500:]}")
    return {"seconds": seconds, "stdout_lines": done.stdout.count("\n"), "stdout": done.stdout}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", type=int, nargs="+", default=[25, 100, 1000])
    ap.add_argument("--label", default="after")
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--no-stops", action="store_true", help="one sentence: 。!? become commas")
    ap.add_argument("--stages", default="targets,domains")
    args = ap.parse_args()
    cli = [sys.executable, "-m", "policystudy.workflow.cli"]
    cases = []
    with tempfile.TemporaryDirectory() as tmp:
        for kb in args.kb:
            path = Path(tmp) / f"line-{kb}kb.txt"
            path.write_text(make_line(kb * 1000, stops=not args.no_stops), encoding="utf-8")
            base = timed([sys.executable, "-c", _BASELINE, str(path)], args.timeout)
            base_s = float(str(base["stdout"]).strip()) if base["seconds"] is not None else None
            case: dict[str, object] = {"kb": kb, "baseline": base_s}
            for stage in filter(None, args.stages.split(",")):
                r = timed([*cli, stage, str(path)], args.timeout)
                r.pop("stdout", None)
                s = r["seconds"]
                r["ratio"] = None if s is None or not base_s else float(s) / base_s  # type: ignore[arg-type]
                case[stage] = r
            cases.append(case)
            print(json.dumps(case), flush=True)
    result = {
        "label": args.label,
        "no_stops": args.no_stops,
        "timeout": args.timeout,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "pythonpath": os.environ.get("PYTHONPATH", ""),
        "cases": cases,
    }
    RESULTS.mkdir(exist_ok=True)
    suffix = "-one-sentence" if args.no_stops else ""
    out = RESULTS / f"long-line-{args.label}{suffix}.json"
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"\n{'line':>8} {'baseline s':>11} " + " ".join(f"{s + ' s (×)':>18}" for s in
                                                         args.stages.split(",")))  # fmt: skip
    for c in cases:
        cells = []
        for stage in args.stages.split(","):
            r = c[stage]
            assert isinstance(r, dict)
            if r["seconds"] is None:
                cell = f"> {args.timeout:.0f} (timed out)"
            else:
                cell = f"{r['seconds']:.1f} ({r['ratio'] or 0:.0f}×)"
            cells.append(f"{cell:>18}")
        print(f"{c['kb']:>6}KB {c['baseline'] or float('nan'):>11.2f} " + " ".join(cells))
    print(f"written {out}")


if __name__ == "__main__":
    main()
