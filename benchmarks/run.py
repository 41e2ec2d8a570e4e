"""Time every pipeline stage, the whole ``policystudy run`` and a plain-jieba baseline.

Each stage runs in its own Python process so that its peak memory can be read cleanly:
``ru_maxrss`` of the stage process (and of its pool workers, ``RUSAGE_CHILDREN``), plus the
peak of the summed RSS of the whole process tree, sampled every 0.1 s with psutil (what the
machine actually had to hold). ``seconds`` is the stage's own work, after imports and after
reading its inputs; ``wall`` is the whole subprocess.

Stages, each reading what the previous ones wrote to a work folder:

- ``load_clean``: load the corpus, normalise, clean, split paragraphs (notebook 00's tables);
- ``segment`` (cold cache) and ``segment_warm`` (same call again, cache full), with the chosen
  backend and the process pool; ``segment_rjieba``: cold, with the rjieba backend;
- ``tfidf``: TF-IDF space of notebook 02; ``keyness``: counts and log-odds keyness (01);
- ``nmf``: NMF topics at the fixed ``--n-topics``;
- ``classify``: lexicon domains of every paragraph (03); ``targets``: target extraction (04);
- ``figures``: keyness bars and targets per domain, saved as PNG and SVG;
- ``baseline``: plain single-process ``jieba.lcut`` over every document's text;
- ``run_cold`` / ``run_warm``: the whole ``policystudy run --manifest … --out …`` with an
  empty, then a full segmentation cache;
- ``kernels``: each notebook reduced to its own imports, executed as the run executes it: the
  start-up every notebook pays whatever the corpus;
- ``run_seed``: the whole run, cold, on the five seed documents: what any corpus pays at
  least (kernels, imports, figures, the resampling designs on a tiny corpus);
  ``run_seed_ordinary``: the same with ``POLICYSTUDY_FORK_KERNELS=0`` (every kernel its own
  process instead of a fork of the run's kernel server), for the ratio of the two.

Usage::

    python benchmarks/make_unique_corpus.py --mb 10 --doc-kb 128 \
        --source ../shared/corpus-dev/cpc/manifest.csv
    python benchmarks/run.py --manifest benchmarks/results/corpora/unique-10mb/corpus.csv \
        --label unique-10mb --backend rjieba

prints a table and writes ``benchmarks/results/<label>-<backend>.json``.

A real corpus is a case too: the development corpus (15 CPC congress reports, 1 MB of
Wikisource copies with their licence footers and broken lines) is read from where it lies and
never copied into the repository::

    python benchmarks/run.py --manifest ../shared/corpus-dev/cpc/manifest.csv --label dev-cpc

(the package never reads that folder at run time; only this developer script, given its path).
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED_MANIFEST = HERE.parent / "data" / "corpus.csv"
RESULTS = HERE / "results"
STAGES = (
    "load_clean", "segment", "segment_warm", "segment_rjieba", "tfidf", "keywords", "keyness", "topics_scan",
    "nmf", "classify", "priorities", "targets", "figures", "kernels",
)  # fmt: skip


# --- stages (run in a child process) ----------------------------------------------------------


def _tokenizer(args):
    from policystudy.text import PolicyTokenizer

    return PolicyTokenizer(backend=args.backend)


def _read_paragraphs(work: Path):
    from policystudy.core import io

    return io.read_table(work / "paragraphs.csv")


def _read_tokens(work: Path) -> list[str]:
    return (work / "tokens.txt").read_text(encoding="utf-8").split("\n")[:-1]


def stage(name: str, args) -> float:
    """Run one stage; return the seconds of its own work (inputs already read)."""
    work = Path(args.work)
    if name == "load_clean":
        from policystudy.core import io
        from policystudy.ingest import corpus, preprocess

        t0 = time.perf_counter()
        tables = preprocess.prepare(corpus.load_corpus(args.manifest))
        io.write_table(tables.paragraphs, work / "paragraphs.csv")
        return time.perf_counter() - t0
    if name in ("segment", "segment_warm", "segment_rjieba"):
        from policystudy.text import PolicyTokenizer, tokenize_paragraphs

        texts = _read_paragraphs(work)["text"].tolist()
        tok = PolicyTokenizer(backend="rjieba") if name == "segment_rjieba" else _tokenizer(args)
        cache = work / ("cache-rjieba" if name == "segment_rjieba" else "cache")
        t0 = time.perf_counter()
        tokens = tokenize_paragraphs(texts, tok, cache_dir=cache, n_jobs=args.n_jobs)
        seconds = time.perf_counter() - t0
        if name == "segment":
            (work / "tokens.txt").write_text("".join(t + "\n" for t in tokens), encoding="utf-8")
        return seconds
    if name == "tfidf":
        from scipy import sparse

        from policystudy import topics

        tokens, stop = _read_tokens(work), _tokenizer(args).stopword_set
        t0 = time.perf_counter()
        space = topics.TfidfSpace(stopwords=stop).fit(tokens)
        x = space.transform(tokens)
        seconds = time.perf_counter() - t0
        sparse.save_npz(work / "tfidf.npz", x)
        return seconds
    if name == "keyness":
        from policystudy import keywords
        from policystudy.core import io
        from policystudy.stats import keyness
        from policystudy.text import dask_engine

        tokens, stop = _read_tokens(work), _tokenizer(args).stopword_set
        groups = _read_paragraphs(work)["region"].astype(str).tolist()
        t0 = time.perf_counter()
        counts, terms = dask_engine.count_matrix(tokens, analyzer=keywords.MeaningfulAnalyzer(stop))
        labels, ind = keywords.group_matrix(groups)
        key = keyness.keyness_table(ind @ counts, labels, terms)
        seconds = time.perf_counter() - t0
        io.write_table(key[key["count_in_group"] > 0], work / "keyness.csv")
        return seconds
    if name == "nmf":
        from scipy import sparse

        from policystudy import topics

        x = sparse.load_npz(work / "tfidf.npz")
        t0 = time.perf_counter()
        topics.fit_topics(x, args.n_topics, random_state=42)
        return time.perf_counter() - t0
    if name == "keywords":
        from policystudy import keywords

        tokens, stop = _read_tokens(work), _tokenizer(args).stopword_set
        paragraphs = _read_paragraphs(work)
        groups = paragraphs["region"].astype(str).tolist()
        kwargs = {}
        # The same script times the commit before the document bootstrap (no documents=).
        if "documents" in inspect.signature(keywords.keyword_table).parameters:
            kwargs["documents"] = paragraphs["doc_id"].astype(str).tolist()
        t0 = time.perf_counter()
        kw = keywords.keyword_table(
            tokens, groups, top_k=20, stopwords=stop, n_bootstrap=1000, random_state=42,
            n_jobs=args.n_jobs, **kwargs,
        )  # fmt: skip
        seconds = time.perf_counter() - t0
        kw.to_csv(work / "keywords.csv", index=False)
        return seconds
    if name == "topics_scan":
        from scipy import sparse

        from policystudy import topics

        x = sparse.load_npz(work / "tfidf.npz")
        t0 = time.perf_counter()
        topics.choose_n_topics(x, random_state=42, n_jobs=args.n_jobs)
        return time.perf_counter() - t0
    if name == "classify":
        from policystudy import domains
        from policystudy.core import io

        paragraphs = _read_paragraphs(work)
        tax = domains.load_taxonomy(None)
        clf = domains.build_classifier("lexicon", taxonomy=tax, threshold=None, random_state=42)
        t0 = time.perf_counter()
        coded = domains.sentence_domains(paragraphs, classifier=clf, group_by="region")
        seconds = time.perf_counter() - t0
        coded.to_pickle(work / "sentence_domains.pkl")
        return seconds
    if name == "priorities":
        import pandas as pd

        from policystudy import domains, priorities

        coded = pd.read_pickle(work / "sentence_domains.pkl")
        tax = domains.load_taxonomy(None)
        common = {"group_by": "region", "taxonomy": tax}
        t0 = time.perf_counter()
        priorities.document_domains(coded, **common)
        priorities.priority_profiles(coded, n_bootstrap=1000, random_state=42, **common)
        priorities.permutation_tests(coded, n_permutations=1999, random_state=42, **common)
        priorities.robustness(coded, **common)
        priorities.leave_one_document_out(coded, **common)
        return time.perf_counter() - t0
    if name == "targets":
        from policystudy import targets
        from policystudy.core import io

        paragraphs = _read_paragraphs(work)
        t0 = time.perf_counter()
        found = targets.extract_targets_from_paragraphs(paragraphs, group_by="region")
        seconds = time.perf_counter() - t0
        io.write_table(found, work / "targets.csv")
        return seconds
    if name == "figures":
        import matplotlib

        matplotlib.use("Agg")
        from policystudy.core import io
        from policystudy.report import plots
        from policystudy.report.plots import keywords as keyword_plots
        from policystudy.report.plots import targets as target_plots

        key = io.read_table(work / "keyness.csv")
        found = io.read_table(work / "targets.csv").assign(domain="")
        t0 = time.perf_counter()
        plots.setup()
        fig = keyword_plots.keyness_bars(key, top=12)
        plots.save_figure(fig, work, "keyness_bars", notebook="bench", function="keyness_bars",
                          caption="benchmark")  # fmt: skip
        fig = target_plots.targets_by_domain(found)
        plots.save_figure(fig, work, "targets_by_domain", notebook="bench",
                          function="targets_by_domain", caption="benchmark")  # fmt: skip
        return time.perf_counter() - t0
    if name == "kernels":
        return kernel_seconds(work)
    if name == "baseline":
        import jieba

        from policystudy.ingest import corpus

        jieba.setLogLevel(60)
        jieba.initialize()
        files = corpus.read_manifest(args.manifest)["file"].tolist()
        root = Path(args.manifest).parent
        seconds = 0.0
        for f in files:  # one document in memory at a time; only lcut is timed
            text = (root / f).read_text(encoding="utf-8")
            t0 = time.perf_counter()
            jieba.lcut(text)
            seconds += time.perf_counter() - t0
        return seconds
    raise ValueError(f"unknown stage {name!r}")


def kernel_seconds(work: Path) -> float:
    """Seconds that the pipeline's notebooks spend before any work, whatever the corpus.

    Each notebook of the pipeline is replaced by one cell holding its own ``import`` lines and
    executed with papermill as ``policystudy run`` executes it (a new kernel each), so what is
    timed is kernel start-up, imports and shutdown.
    """
    import nbformat
    import papermill

    from policystudy.workflow import pipeline

    seconds = 0.0
    for source in pipeline.notebook_files():
        stem = source.stem
        nb = nbformat.read(source, as_version=4)
        imports = [
            line
            for cell in nb.cells
            if cell.cell_type == "code"
            for line in cell.source.splitlines()
            if line.startswith(("import ", "from "))
        ]
        probe = nbformat.v4.new_notebook(metadata=nb.metadata)
        probe.cells = [nbformat.v4.new_code_cell("\n".join(imports))]
        path = work / f"kernels-{stem}.ipynb"
        nbformat.write(probe, path)
        t0 = time.perf_counter()
        papermill.execute_notebook(
            path, work / f"kernels-{stem}-out.ipynb", kernel_name="python3", progress_bar=False
        )
        seconds += time.perf_counter() - t0
    return seconds


def _maxrss_mb(who: int) -> float:
    # Linux reports kilobytes, macOS bytes.
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(who).ru_maxrss * scale / 1e6


def child_main(args) -> int:
    seconds = stage(args.child, args)
    report = {
        "seconds": seconds,
        "maxrss_mb": _maxrss_mb(resource.RUSAGE_SELF),
        "maxrss_children_mb": _maxrss_mb(resource.RUSAGE_CHILDREN),
    }
    print("BENCH " + json.dumps(report))
    return 0


def wrap_main(cmd: list[str]) -> int:
    """Run ``cmd`` and report the largest RSS of any of its (waited-for) processes."""
    t0 = time.perf_counter()
    rc = subprocess.run(cmd, stdout=subprocess.DEVNULL).returncode
    seconds = time.perf_counter() - t0
    report = {"seconds": seconds, "maxrss_mb": 0.0,
              "maxrss_children_mb": _maxrss_mb(resource.RUSAGE_CHILDREN)}  # fmt: skip
    print("BENCH " + json.dumps(report))
    return rc


# --- the driver -------------------------------------------------------------------------------


def measure(cmd: list[str], *, env: dict | None = None) -> dict:
    """Run ``cmd`` (which prints a ``BENCH {json}`` line), sampling its process tree's RSS."""
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
    root = psutil.Process(proc.pid)
    peak_tree = peak_pss = 0
    while proc.poll() is None:
        try:
            procs = [root, *root.children(recursive=True)]
            rss = pss = 0
            for p in procs:
                try:
                    rss += p.memory_info().rss
                    # a page shared by forked kernels counts once in the PSS sum, in every
                    # process in the RSS sum
                    pss += getattr(p.memory_full_info(), "pss", 0)
                except psutil.Error:
                    pass
            peak_tree = max(peak_tree, rss)
            peak_pss = max(peak_pss, pss)
        except psutil.Error:
            pass
        time.sleep(0.1)
    out = proc.stdout.read()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
    line = [x for x in out.splitlines() if x.startswith("BENCH ")][-1]
    report = json.loads(line[len("BENCH ") :])
    report["wall"] = wall
    report["peak_tree_mb"] = peak_tree / 1e6
    report["peak_tree_pss_mb"] = peak_pss / 1e6
    report["peak_process_mb"] = max(report["maxrss_mb"], report["maxrss_children_mb"])
    return report


def notebook_durations(folder: Path, top: int = 3, executed: list[str] | None = None) -> dict:
    """Seconds of each executed notebook and of its slowest cells (papermill's metadata).

    ``executed`` (from ``build/last_run.json``) limits it to the notebooks this run executed:
    a reused notebook's file is the one an earlier run left.
    """
    out = {}
    for path in sorted(folder.glob("*.ipynb")):
        if executed is not None and path.name not in executed:
            continue
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = [
            (c["metadata"].get("papermill", {}).get("duration") or 0.0, i,
             "".join(c["source"]).strip().splitlines()[0][:80])
            for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code" and c["source"]
        ]  # fmt: skip
        cells.sort(key=lambda c: (-c[0], c[1]))
        out[path.stem] = {
            "seconds": nb["metadata"].get("papermill", {}).get("duration"),
            "slowest_cells": [
                {"cell": i, "seconds": d, "starts": src} for d, i, src in cells[:top]
            ],
        }
    return out


def corpus_size(manifest: Path) -> dict:
    from policystudy.ingest import corpus

    meta = corpus.read_manifest(manifest)
    files = [manifest.parent / f for f in meta["file"]]
    return {"documents": len(files), "bytes": sum(f.stat().st_size for f in files)}


def print_table(result: dict) -> None:
    base = result["stages"]["baseline"]["seconds"]
    print(f"\n{result['label']}: {result['corpus']['bytes'] / 1e6:.1f} MB, "
          f"{result['corpus']['documents']} documents, backend {result['backend']}, "
          f"{result['machine']['cpus']} CPUs")  # fmt: skip
    print(f"{'stage':<18}{'seconds':>10}{'× baseline':>12}{'wall':>9}{'peak proc MB':>14}"
          f"{'peak tree MB':>14}{'tree PSS MB':>13}")  # fmt: skip
    for name, r in result["stages"].items():
        print(f"{name:<18}{r['seconds']:>10.2f}{r['seconds'] / base:>12.3f}{r['wall']:>9.1f}"
              f"{r['peak_process_mb']:>14.0f}{r['peak_tree_mb']:>14.0f}"
              f"{r.get('peak_tree_pss_mb', 0):>13.0f}")  # fmt: skip
    for k, v in result["ratios"].items():
        print(f"{k}: {v:.3f}")
    for run in ("run_cold", "run_warm"):
        for nb, r in result["stages"].get(run, {}).get("notebooks", {}).items():
            slow = "; ".join(f"{c['seconds']:.1f}s {c['starts']}" for c in r["slowest_cells"][:2])
            print(f"{run} {nb}: {r['seconds']:.1f}s ({slow})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="policystudy benchmark")
    ap.add_argument("--manifest", type=Path)
    ap.add_argument("--label", default="")
    ap.add_argument("--backend", default="jieba", choices=("jieba", "rjieba"))
    ap.add_argument("--n-jobs", type=int, default=0)
    ap.add_argument("--n-topics", type=int, default=10)
    ap.add_argument("--stages", default=",".join(STAGES), help="comma-separated subset")
    ap.add_argument("--no-run", action="store_true", help="skip the whole `policystudy run`")
    ap.add_argument("--runs", default="run_cold,run_warm", help="whole runs to time")
    ap.add_argument("--run-params", nargs="*", default=[], metavar="NAME=VALUE",
                    help="extra -p parameters of the whole run, e.g. n_bootstrap=200")  # fmt: skip
    ap.add_argument("--jobs", type=int, default=1,
                    help="`policystudy run --jobs` of the whole runs (its default, 1)")  # fmt: skip
    ap.add_argument("--no-seed-run", dest="seed_run", action="store_false",
                    help="skip the cold `policystudy run` on the seed corpus")  # fmt: skip
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--wrap", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.wrap:
        return wrap_main(args.wrap)
    if args.child:
        return child_main(args)

    manifest = args.manifest.resolve()
    label = args.label or manifest.parent.name
    work = (args.work or HERE.parent / "build" / "bench" / f"{label}-{args.backend}").resolve()
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    me = [sys.executable, str(Path(__file__).resolve())]
    common = ["--manifest", str(manifest), "--work", str(work), "--backend", args.backend,
              "--n-jobs", str(args.n_jobs), "--n-topics", str(args.n_topics)]  # fmt: skip
    stages: dict[str, dict] = {}
    partial = work / "partial.json"
    for name in [*filter(None, args.stages.split(",")), "baseline"]:
        print(f"[bench] {name} …", file=sys.stderr, flush=True)
        stages[name] = measure([*me, "--child", name, *common])
        # Written after every stage, so a long run that is stopped keeps what it measured.
        partial.write_text(json.dumps(stages, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if not args.no_run:
        out = work / "run"
        env = dict(os.environ, POLICYSTUDY_CACHE=str(work / "run-cache"))
        cmd = [str(Path(sys.executable).parent / "policystudy"), "run", "--manifest",
               str(manifest), "--out", str(out), "-p", "backend", args.backend,
               "--jobs", str(args.jobs)]  # fmt: skip
        for pair in args.run_params:
            name, value = pair.split("=", 1)
            cmd += ["-p", name, value]
        for name in filter(None, args.runs.split(",")):
            print(f"[bench] {name} …", file=sys.stderr, flush=True)
            stages[name] = measure([*me, "--wrap", *cmd], env=env)
            last = json.loads((out / "build" / "last_run.json").read_text(encoding="utf-8"))
            stages[name]["notebooks"] = notebook_durations(
                out / "build" / "notebooks", executed=last["executed"]
            )
            partial.write_text(json.dumps(stages, indent=1, sort_keys=True) + "\n", "utf-8")
        if args.seed_run:
            # The same run on the five seed documents, cold: what any corpus pays at least
            # (kernels, imports, figures, the resampling designs on a tiny corpus).
            # Then the same with every kernel its own process, not a fork of the run's kernel
            # server (policystudy.workflow.kernels): what the server saves.
            seed_cmd = [c if c != str(manifest) else str(SEED_MANIFEST) for c in cmd]
            at = seed_cmd.index(str(out))
            for name, folder, extra in (("run_seed", "seed", {}),
                                        ("run_seed_ordinary", "seed-ordinary",
                                         {"POLICYSTUDY_FORK_KERNELS": "0"})):  # fmt: skip
                print(f"[bench] {name} …", file=sys.stderr, flush=True)
                seed_cmd[at] = str(work / f"{folder}-run")
                seed_env = dict(
                    os.environ, POLICYSTUDY_CACHE=str(work / f"{folder}-cache"), **extra
                )
                stages[name] = measure([*me, "--wrap", *seed_cmd], env=seed_env)
                partial.write_text(json.dumps(stages, indent=1, sort_keys=True) + "\n", "utf-8")
    base = stages["baseline"]["seconds"]
    ratios = {f"{k}/baseline": v["seconds"] / base for k, v in stages.items() if k != "baseline"}
    if "run_cold" in stages and "run_warm" in stages:
        ratios["run_warm/run_cold"] = stages["run_warm"]["seconds"] / stages["run_cold"]["seconds"]
    if "run_seed" in stages and "run_seed_ordinary" in stages:
        ratios["run_seed/run_seed_ordinary"] = (
            stages["run_seed"]["seconds"] / stages["run_seed_ordinary"]["seconds"]
        )
    if "segment" in stages and "segment_warm" in stages:
        ratios["segment_warm/segment"] = (
            stages["segment_warm"]["seconds"] / stages["segment"]["seconds"]
        )
    import policystudy

    result = {
        "label": label,
        "backend": args.backend,
        "corpus": corpus_size(manifest),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "version": getattr(policystudy, "__version__", ""),
        "run_params": args.run_params,
        "jobs": args.jobs,
        "stages": stages,
        "ratios": ratios,
        "peak_memory_mb": max(v["peak_tree_mb"] for v in stages.values()),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{label}-{args.backend}.json"
    path.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print_table(result)
    print(f"\nwritten {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
