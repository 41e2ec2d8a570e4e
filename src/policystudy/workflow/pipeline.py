"""The notebook context and the one-command, validated, atomic papermill pipeline.

``policystudy run`` validates every parameter and the corpus before any notebook runs, executes
``notebooks/00_*.ipynb`` … in order into a staging folder, and publishes the tables, figures and
report only when every notebook succeeded; a failed run leaves the last good outputs untouched
and can be resumed.

Examples
--------
>>> ctx = start("00_corpus", {"out_dir": "", "manifest": ""})
>>> ctx.manifest.name, ctx.out_dir.name
('corpus.csv', 'interactive')
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from policystudy.core import io
from policystudy.ingest.corpus import read_manifest
from policystudy.workflow import params, paths

# Folders an output root holds; only these are published from staging.
OUTPUT_FOLDERS = ("data/processed", "figures", "reports")
PROVENANCE = "reports/provenance.json"
# Under <out>/build: per-notebook keys and outputs of the last published run (for reuse), and
# which notebooks the last run executed or reused.
RUN_STATE = "run_state.json"
LAST_RUN = "last_run.json"
# Provenance keys that legitimately differ between two runs of the same code and inputs.
VOLATILE_PROVENANCE_KEYS = ("git_commit", "git_dirty")


class PipelineError(RuntimeError):
    """A failed run; the message names the notebook, the cell and the error."""


@dataclass
class Context:
    """What a notebook needs: validated parameters and resolved paths."""

    notebook: str
    params: dict[str, Any]
    manifest: Path
    out_dir: Path
    metadata: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)

    @property
    def processed(self) -> Path:
        return paths.processed(self.out_dir)

    @property
    def figures(self) -> Path:
        return paths.figures(self.out_dir)

    @property
    def reports(self) -> Path:
        return paths.reports(self.out_dir)

    def write_table(self, df: pd.DataFrame, name: str) -> Path:
        """Write ``<out>/data/processed/<name>.csv`` deterministically."""
        path = self.processed / f"{name}.csv"
        io.write_table(df, path)
        return path

    def read_table(self, name: str) -> pd.DataFrame:
        """Read a table an earlier notebook wrote (see :func:`read_table`)."""
        return read_table(self.out_dir, name)

    def save_figure(self, fig, name: str, *, function: str, caption: str) -> list[Path]:
        """Save a figure with this notebook recorded as its maker."""
        from policystudy.report import plots

        return plots.save_figure(
            fig, self.out_dir, name, notebook=self.notebook, function=function, caption=caption
        )

    def group_names(self) -> dict[str, str] | None:
        """Group label -> "中文 English" panel titles when the manifest has ``<group_by>_zh``.

        Examples
        --------
        >>> start("01_keywords", {}).group_names()["Jilin"]
        '吉林 Jilin'
        """
        group_by = self.params.get("group_by", "region")
        zh = f"{group_by}_zh"
        if zh not in self.metadata.columns:
            return None
        labels = self.metadata[group_by].astype(str)
        return dict(zip(labels, self.metadata[zh] + " " + labels, strict=True))

    def tokenize(self, texts: list[str]) -> list[str]:
        """Segment ``texts`` (space-joined tokens) with this run's tokenizer and engine."""
        from policystudy.text import tokenize_paragraphs

        p = self.params
        return tokenize_paragraphs(
            texts,
            self.tokenizer(),
            engine=p.get("engine", "local"),
            scheduler=p.get("scheduler", ""),
            n_jobs=p.get("n_jobs", 0),
        )

    def tokenizer(self):
        """The tokenizer configured by this run's parameters."""
        from policystudy.text import PolicyTokenizer

        p = self.params
        return PolicyTokenizer(
            userdict=p.get("userdict") or None,
            stopwords=p.get("stopwords") or None,
            keep_numbers=p.get("keep_numbers", False),
            backend=p.get("backend", "jieba"),
        )


def start(notebook: str, values: dict[str, Any]) -> Context:
    """Validate a notebook's parameters and resolve its paths; call it right after the
    ``parameters`` cell.

    Raises
    ------
    ParameterError
        For an unknown or invalid parameter, naming it.
    CorpusError
        For a bad manifest, listing every problem.
    """
    checked = params.validate(values, notebook=notebook)
    manifest = Path(checked.get("manifest") or paths.DEFAULT_MANIFEST).expanduser().resolve()
    out_dir = Path(checked.get("out_dir") or paths.INTERACTIVE_OUT).expanduser().resolve()
    meta = read_manifest(manifest)
    if "group_by" in checked:
        params.check_group_by(checked["group_by"], list(meta.columns))
    from policystudy.report import plots

    plots.setup()
    return Context(
        notebook=notebook, params=checked, manifest=manifest, out_dir=out_dir, metadata=meta
    )


def read_table(out_dir: Path | str, name: str) -> pd.DataFrame:
    """Read ``<out>/data/processed/<name>.csv``, naming the notebook to run first if missing.

    Examples
    --------
    >>> read_table("/nonexistent", "paragraphs")
    Traceback (most recent call last):
    ...
    FileNotFoundError: /nonexistent/data/processed/paragraphs.csv not found: run notebooks/00_corpus.ipynb (or `policystudy run`) first
    """
    path = paths.processed(out_dir) / f"{name}.csv"
    if not path.is_file():
        producer = _PRODUCERS.get(name, "the earlier notebooks")
        raise FileNotFoundError(f"{path} not found: run {producer} (or `policystudy run`) first")
    return io.read_table(path)


_PRODUCERS = {
    "paragraphs": "notebooks/00_corpus.ipynb",
    "corpus_overview": "notebooks/00_corpus.ipynb",
    "cleaning_audit": "notebooks/00_corpus.ipynb",
    "keywords": "notebooks/01_keywords.ipynb",
    "keyness": "notebooks/01_keywords.ipynb",
    "topics": "notebooks/02_topics.ipynb",
    "topic_prevalence": "notebooks/02_topics.ipynb",
    "similarity": "notebooks/02_topics.ipynb",
    "n_topics_scan": "notebooks/02_topics.ipynb",
    "priority_ranking": "notebooks/03_priorities.ipynb",
    "priority_tests": "notebooks/03_priorities.ipynb",
    "priority_caveats": "notebooks/03_priorities.ipynb",
    "domain_validation_folds": "notebooks/03_priorities.ipynb",
    "targets_evaluation": "notebooks/04_targets.ipynb",
    "priorities": "notebooks/03_priorities.ipynb",
    "paragraph_domains": "notebooks/03_priorities.ipynb",
    "targets": "notebooks/04_targets.ipynb",
}

# The notebooks whose tables each notebook reads. Independent notebooks run side by side (see
# ``jobs``); a notebook missing here (a student's new one) waits for every earlier notebook.
# tests/test_pipeline.py checks this against the tables each notebook reads.
NEEDS: dict[str, tuple[str, ...]] = {
    "00_corpus": (),
    "01_keywords": ("00_corpus",),
    "02_topics": ("00_corpus",),
    "03_priorities": ("00_corpus",),
    "04_targets": ("00_corpus", "03_priorities"),
}


def notebook_needs(notebooks: list[Path]) -> dict[str, list[str]]:
    """Direct upstream notebooks (stems) of each notebook of a run, in run order.

    Examples
    --------
    >>> nbs = [Path(f"{n}.ipynb") for n in ("00_corpus", "03_priorities", "04_targets", "05_x")]
    >>> notebook_needs(nbs)["04_targets"], notebook_needs(nbs)["05_x"]
    (['00_corpus', '03_priorities'], ['00_corpus', '03_priorities', '04_targets'])
    """
    stems = [nb.stem for nb in notebooks]
    needs = {}
    for i, stem in enumerate(stems):
        earlier = stems[:i]
        declared = NEEDS.get(stem)
        needs[stem] = earlier if declared is None else [d for d in earlier if d in declared]
    return needs


# --- the run ------------------------------------------------------------------------------------


def notebook_files(folder: Path | None = None) -> list[Path]:
    """The pipeline's notebooks, in execution order (``NN_name.ipynb``)."""
    folder = folder or paths.NOTEBOOKS
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def notebook_parameters(path: Path) -> dict[str, Any]:
    """Names and defaults of the ``parameters`` cell of a notebook."""
    import papermill

    inferred = papermill.inspect_notebook(str(path))
    return {name: info["default"] for name, info in inferred.items()}


def resolve_params(
    *,
    params_file: Path | str | None = None,
    overrides: dict[str, Any] | None = None,
    manifest: Path | str | None = None,
    out_dir: Path | str | None = None,
) -> dict[str, Any]:
    """Merge defaults, ``params.yaml``, ``--params FILE`` and ``-p`` overrides, then validate."""
    values = params.defaults()
    if paths.PARAMS_FILE.is_file():
        values.update(params.load_params_file(paths.PARAMS_FILE))
    if params_file:
        values.update(params.load_params_file(params_file))
    values.update(params.validate(overrides or {}))
    if manifest:
        values["manifest"] = str(Path(manifest).expanduser().resolve())
    values["manifest"] = str(Path(values["manifest"] or paths.DEFAULT_MANIFEST).resolve())
    values["out_dir"] = str(Path(out_dir or values.get("out_dir") or paths.ROOT).resolve())
    return params.validate(values)


def _fingerprint(*parts: Any) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(json.dumps(part, sort_keys=True, default=str).encode())
    return h.hexdigest()


def run(
    *,
    manifest: Path | str | None = None,
    out_dir: Path | str | None = None,
    overrides: dict[str, Any] | None = None,
    params_file: Path | str | None = None,
    notebooks: list[Path] | None = None,
    resume: bool = False,
    force: bool = False,
    progress: bool = True,
    jobs: int = 1,
) -> Path:
    """Run every notebook and publish the outputs atomically.

    Parameters
    ----------
    manifest, out_dir : path, optional
        Another corpus and another output root; default the repository's own.
    overrides : dict, optional
        ``-p NAME VALUE`` pairs (strings are coerced by the schema).
    params_file : path, optional
        YAML mapping of parameters (``--params FILE``).
    notebooks : list of Path, optional
        Default: every ``notebooks/NN_*.ipynb``.
    resume : bool
        Skip notebooks that already succeeded in the staging folder with identical inputs.
    force : bool
        Execute every notebook even when the published outputs of an identical notebook,
        parameters, inputs, upstream results and library code could be reused.
    jobs : int
        Notebooks executed at the same time when they do not depend on each other
        (:data:`NEEDS`); 0 = one per available core. The default, 1, runs them one after
        another in this process. On 2 cores side by side was 18-30% faster (benchmark, 10 and
        100 MB) but the run's memory peaked at 2.2-2.4 GB against 1.3-1.4 GB.

    Returns
    -------
    Path
        The output root.

    Raises
    ------
    ParameterError, CorpusError
        Before any notebook runs.
    PipelineError
        When a notebook fails; nothing is published.
    """

    values = resolve_params(
        params_file=params_file, overrides=overrides, manifest=manifest, out_dir=out_dir
    )
    meta = read_manifest(values["manifest"])
    params.check_group_by(values["group_by"], list(meta.columns))
    _check_against_corpus(values, meta)
    out = Path(values["out_dir"])
    notebooks = notebooks or notebook_files()
    if not notebooks:
        raise PipelineError(f"no notebooks found in {paths.NOTEBOOKS}")
    with _kernel_cache(out):
        return _execute(
            values, meta, out, notebooks, resume=resume, force=force, progress=progress, jobs=jobs
        )


@contextmanager
def _kernel_cache(out: Path):
    """Point the notebook kernels' cache at ``<out>/build/cache`` for this run only.

    Another corpus writes nothing into the repository, caches included. Kernels inherit the
    environment, so it is set here and restored afterwards: a second run in the same process
    (another ``--out``) must not reuse the first run's cache folder.
    """
    if out.resolve() == paths.ROOT.resolve() or "POLICYSTUDY_CACHE" in os.environ:
        yield
        return
    os.environ["POLICYSTUDY_CACHE"] = str(out / "build" / "cache")
    try:
        yield
    finally:
        os.environ.pop("POLICYSTUDY_CACHE", None)


def _execute(
    values: dict[str, Any],
    meta: pd.DataFrame,
    out: Path,
    notebooks: list[Path],
    *,
    resume: bool,
    force: bool,
    progress: bool,
    jobs: int = 1,
) -> Path:
    """Execute the notebooks into staging and publish (the second half of :func:`run`).

    Each executed notebook gets a private output folder holding links to the outputs of the
    notebooks it needs, so notebooks running side by side cannot see or overwrite each other's
    files, and what a notebook wrote is exactly what is new in its folder. Its new files then
    move into staging.
    """
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    from tqdm.auto import tqdm

    from policystudy.core.parallel import pool_context, resolve_jobs

    build = out / "build"
    staging = build / "staging"
    executed = build / "notebooks"
    state_file = staging / ".state.json"
    state = json.loads(state_file.read_text()) if resume and state_file.is_file() else {}
    # What the last published run executed, per notebook: its key and the files it wrote.
    published = {} if force else _read_json(build / RUN_STATE)
    if not resume and staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True, exist_ok=True)
    executed.mkdir(parents=True, exist_ok=True)
    inputs = input_digests(values, meta)
    # Library code, packaged data and installed versions: any change re-executes.
    code = [code_digest(), _package_versions(), platform.python_version()]
    needs = notebook_needs(notebooks)
    by_stem = {nb.stem: nb for nb in notebooks}
    nb_params = {}
    for nb in notebooks:
        declared = notebook_parameters(nb)
        unknown = sorted(set(declared) - set(params.SCHEMA))
        if not {"manifest", "out_dir"} <= set(declared):
            raise PipelineError(
                f"{nb.name}: its tagged parameters cell must declare manifest and out_dir"
            )
        if unknown:
            raise PipelineError(
                f"{nb.name}: parameters cell declares unknown parameter(s) {unknown}"
            )
        nb_params[nb.stem] = {k: values[k] for k in declared}

    keys: dict[str, str] = {}
    ran, reused = [], []
    pending = [nb.stem for nb in notebooks]
    running: dict[Any, str] = {}
    workers = resolve_jobs(jobs)
    bar = tqdm(
        total=len(notebooks),
        desc="policystudy run",
        unit="notebook",
        disable=not progress,
        file=sys.stderr,
    )
    failure: str | None = None
    # Kernels inherit this environment (the cache folder of this run), whatever the pool's
    # process inherited when it started.
    env = {k: v for k, v in os.environ.items() if k == "POLICYSTUDY_CACHE"}
    # One at a time runs papermill in this process: a worker process would only add its own
    # memory (about 130 MB) to the run's peak.
    executor = (
        ProcessPoolExecutor(max_workers=workers, mp_context=pool_context())
        if workers > 1
        else _InProcess()
    )
    with executor as pool:
        while True:
            # Start (or reuse) every notebook whose upstream is done; reusing one may make
            # others ready at once, hence the inner loop.
            progressed = True
            while progressed and not failure:
                progressed = False
                for stem in [s for s in pending if all(d in keys for d in needs[s])]:
                    pending.remove(stem)
                    nb = by_stem[stem]
                    key = _fingerprint(
                        nb.read_bytes().hex(),
                        nb_params[stem] | {"out_dir": ""},
                        inputs,
                        [keys[d] for d in needs[stem]],
                        code,
                    )
                    previous = published.get(nb.name)
                    if resume and _key_of(state.get(nb.name)) == key:
                        pass
                    elif _key_of(previous) == key and _restore(previous["outputs"], out, staging):
                        # Same notebook, parameters, inputs, upstream results and library code
                        # as the published run: its published outputs are what it would write.
                        state[nb.name] = previous
                        io.write_text(state_file, json.dumps(state, indent=1, sort_keys=True))
                    else:
                        state.pop(nb.name, None)
                        private, linked = _private_folder(
                            staging, stem, _upstream(stem, needs), state, by_stem
                        )
                        job = pool.submit(
                            _run_notebook,
                            str(nb),
                            str(executed / nb.name),
                            nb_params[stem] | {"out_dir": str(private)},
                            env,
                        )
                        running[job] = (stem, key, private, linked)
                        if job.done():  # ran in this process: collect it (and stop on a
                            break  # failure) before starting the next one
                        continue
                    keys[stem] = key
                    reused.append(nb.name)
                    bar.update()
                    progressed = True
            if not running:
                break
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for job in done:
                stem, key, private, linked = running.pop(job)
                error = job.result()
                bar.update()
                if error:
                    failure = failure or (
                        f"notebook {stem}.ipynb failed in cell {error['cell_index']} (execution "
                        f"count {error['exec_count']}): {error['ename']}: {error['evalue']}\n"
                        f"Executed notebook: {executed / (stem + '.ipynb')}. Nothing was "
                        f"published; the last good outputs in {out} are untouched. Fix it and "
                        "rerun with --resume."
                    )
                    continue
                outputs = _collect(private, staging, linked)
                state[f"{stem}.ipynb"] = {"key": key, "outputs": outputs}
                keys[stem] = key
                ran.append(f"{stem}.ipynb")
                io.write_text(state_file, json.dumps(state, indent=1, sort_keys=True))
    bar.close()
    if failure:
        raise PipelineError(failure)
    if pending:
        raise PipelineError(f"notebooks whose upstream never finished: {pending}")
    shutil.rmtree(staging / PRIVATE, ignore_errors=True)
    _write_site(staging, values, [executed / nb.name for nb in notebooks])
    write_provenance(staging, values, inputs, notebooks)
    publish(staging, out)
    order = {nb.name: i for i, nb in enumerate(notebooks)}
    io.write_text(build / RUN_STATE, json.dumps(state, indent=1, sort_keys=True))
    io.write_text(
        build / LAST_RUN,
        json.dumps(
            {"executed": sorted(ran, key=order.get), "reused": sorted(reused, key=order.get)},
            indent=1,
        )
        + "\n",
    )
    return out


class _InProcess:
    """The executor interface, running each job when it is submitted."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def submit(self, fn, *args) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except Exception as err:  # handed to the caller through the future, as a pool does
            future.set_exception(err)
        return future


# Under staging: one folder per executing notebook (removed before publishing).
PRIVATE = ".notebooks"


def _upstream(stem: str, needs: dict[str, list[str]]) -> list[str]:
    """Every notebook ``stem`` depends on, directly or not."""
    seen: list[str] = []
    todo = list(needs[stem])
    while todo:
        d = todo.pop()
        if d not in seen:
            seen.append(d)
            todo.extend(needs[d])
    return seen


def _private_folder(
    staging: Path, stem: str, upstream: list[str], state: dict, by_stem: dict[str, Path]
) -> tuple[Path, dict[str, str]]:
    """A fresh output folder for ``stem`` holding links to its upstream notebooks' outputs,
    and those outputs (relative path -> sha256)."""
    private = staging / PRIVATE / stem
    shutil.rmtree(private, ignore_errors=True)
    private.mkdir(parents=True)
    linked: dict[str, str] = {}
    for dep in upstream:
        for rel, digest in state[by_stem[dep].name]["outputs"].items():
            linked[rel] = digest
            (private / rel).parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(staging / rel, private / rel)
            except OSError:  # no hard links on this file system
                shutil.copy2(staging / rel, private / rel)
    return private, linked


def _collect(private: Path, staging: Path, inputs: dict[str, str]) -> dict[str, str]:
    """Move what a notebook wrote into staging; its outputs' sha256 by relative path.

    ``inputs`` are the upstream files placed in its folder (relative path -> sha256): one
    still linked from staging, or copied and left unchanged, is an input, not an output.
    """
    written = {}
    for rel in sorted(_snapshot(private)):
        src, dst = private / rel, staging / rel
        if rel in inputs and (
            (dst.exists() and os.path.samefile(src, dst)) or io.sha256_file(src) == inputs[rel]
        ):
            continue
        written[rel] = io.sha256_file(src)
        dst.parent.mkdir(parents=True, exist_ok=True)
        os.replace(src, dst)
    shutil.rmtree(private, ignore_errors=True)
    return written


def _run_notebook(
    notebook: str, output: str, parameters: dict[str, Any], env: dict[str, str]
) -> dict[str, Any] | None:
    """Execute one notebook with papermill in a worker process; the error, if any, as a dict
    (papermill's exception does not survive pickling)."""
    import papermill

    os.environ.pop("POLICYSTUDY_CACHE", None)
    os.environ.update(env)
    try:
        papermill.execute_notebook(
            notebook,
            output,
            parameters=parameters,
            cwd=str(paths.NOTEBOOKS),
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
        )
    except papermill.PapermillExecutionError as err:
        return {
            "cell_index": err.cell_index,
            "exec_count": err.exec_count,
            "ename": err.ename,
            "evalue": err.evalue,
        }
    return None


def _key_of(entry: Any) -> str | None:
    return entry.get("key") if isinstance(entry, dict) else None


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every output file under ``root``, to see what a notebook wrote."""
    out = {}
    for folder in OUTPUT_FOLDERS:
        for f in (root / folder).rglob("*"):
            if f.is_file():
                st = f.stat()
                out[f.relative_to(root).as_posix()] = (st.st_mtime_ns, st.st_size)
    return out


def _restore(outputs: dict[str, str], out: Path, staging: Path) -> bool:
    """Copy a notebook's published outputs into staging if every one is intact."""
    if any(
        not (out / rel).is_file() or io.sha256_file(out / rel) != digest
        for rel, digest in outputs.items()
    ):
        return False
    for rel in outputs:
        (staging / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(out / rel, staging / rel)
    return True


def code_digest() -> str:
    """Hash of the library's code and packaged data: a change re-executes every notebook."""
    h = hashlib.sha256()
    for f in sorted(paths.PACKAGE_DIR.rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts:
            h.update(f.relative_to(paths.PACKAGE_DIR).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def _check_against_corpus(values: dict[str, Any], meta: pd.DataFrame) -> None:
    """Parameter checks that need the corpus, done cheaply before any notebook runs.

    Paragraphs are at most the non-empty lines of the documents, so ``n_topics`` above that
    bound is refused here; notebook 02 checks the exact paragraph count again.
    """
    from policystudy.ingest.corpus import detect_encoding, resolve_file

    if values.get("n_topics", 0) <= 0:
        return
    lines = 0
    for file in meta["file"]:
        text = detect_encoding(resolve_file(values["manifest"], file).read_bytes()).text
        lines += sum(1 for line in text.splitlines() if line.strip())
    params.require(
        values["n_topics"] <= lines,
        "n_topics",
        f"must be <= the number of paragraphs; the corpus has at most {lines}, "
        f"got {values['n_topics']}",
    )


def input_digests(values: dict[str, Any], meta: pd.DataFrame) -> dict[str, Any]:
    """sha256 of the manifest, every document and every lexicon, with portable names.

    ``meta`` is the manifest ``run`` already validated; reading it again would decode every
    document a second time.
    """
    from policystudy.ingest.corpus import resolve_file

    manifest = Path(values["manifest"])
    docs = {
        row["file"]: io.sha256_file(resolve_file(manifest, row["file"]))
        for row in meta.to_dict(orient="records")
    }
    lexicons = {}
    for name, default in (
        ("userdict", paths.USERDICT),
        ("stopwords", paths.STOPWORDS),
        ("taxonomy", paths.TAXONOMY),
        ("indicators", paths.INDICATORS),
    ):
        path = Path(values.get(name) or default)
        if path.is_file():
            label = _portable(path)
            lexicons[name] = {"file": label, "sha256": io.sha256_file(path)}
    return {
        "manifest": {"file": _portable(manifest), "sha256": io.sha256_file(manifest)},
        "documents": dict(sorted(docs.items())),
        "lexicons": lexicons,
    }


def _portable(path: Path) -> str:
    # Paths inside the repository are recorded relative to it, so that the provenance of two
    # checkouts in different folders is identical.
    try:
        return Path(path).resolve().relative_to(paths.ROOT).as_posix()
    except ValueError:
        return Path(path).name


def _package_versions() -> dict[str, str]:
    names = [
        "policystudy", "jieba", "pandas", "numpy", "scipy", "scikit-learn", "matplotlib",
        "seaborn", "opencc", "charset-normalizer", "mplfonts", "networkx", "papermill",
        "nbval", "pyyaml", "rjieba", "dask",
    ]  # fmt: skip
    out = {}
    for name in names:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return out


def _git_state() -> tuple[str, bool | None]:
    try:
        commit = subprocess.run(
            ["git", "-C", str(paths.ROOT), "rev-parse", "HEAD"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        dirty = bool(
            subprocess.run(
                ["git", "-C", str(paths.ROOT), "status", "--porcelain", "--", "src", "notebooks"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        )
        return commit, dirty
    except (OSError, subprocess.CalledProcessError):
        return "", None


def write_provenance(
    staging: Path, values: dict[str, Any], inputs: dict[str, Any], notebooks: list[Path]
) -> Path:
    """Write ``reports/provenance.json``: inputs, parameters, versions, git, output hashes.

    No timestamps are recorded, so the file is byte-identical between runs of the same commit;
    the git fields are the only ones that change between commits and are ignored by the
    freshness check.
    """
    outputs = {}
    for folder in OUTPUT_FOLDERS:
        for f in sorted((staging / folder).rglob("*")):
            rel = f.relative_to(staging).as_posix()
            if f.is_file() and rel != PROVENANCE:
                outputs[rel] = io.sha256_file(f)
    commit, dirty = _git_state()
    shown = dict(values)
    shown["manifest"] = _portable(Path(values["manifest"]))
    shown["out_dir"] = "<out>"
    for name in ("userdict", "stopwords", "taxonomy", "indicators"):
        if shown.get(name):
            shown[name] = _portable(Path(shown[name]))
    record = {
        "inputs": inputs,
        "parameters": dict(sorted(shown.items())),
        "notebooks": {nb.name: io.sha256_file(nb) for nb in notebooks},
        "python": platform.python_version(),
        "packages": _package_versions(),
        "git_commit": commit,
        "git_dirty": dirty,
        "outputs": outputs,
    }
    path = staging / PROVENANCE
    io.write_text(path, json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    return path


def _write_site(staging: Path, values: dict[str, Any], executed: list[Path]) -> None:
    # The site is built from the staged outputs, before provenance (which then hashes it) and
    # before publishing, so it is always in step with the tables and inside the freshness check.
    from policystudy.report.site import build_site

    build_site(
        staging,
        notebooks=executed,
        group_by=values["group_by"],
        taxonomy=values.get("taxonomy") or None,
    )


def publish(staging: Path, out: Path) -> None:
    """Swap each output folder of ``out`` for the staged one (rename, so never half-written)."""
    previous = out / "build" / "previous"
    if previous.exists():
        shutil.rmtree(previous)
    for folder in OUTPUT_FOLDERS:
        src = staging / folder
        dst = out / folder
        if not src.exists():
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        if dst.exists():
            (previous / folder).parent.mkdir(parents=True, exist_ok=True)
            os.replace(dst, previous / folder)
        os.replace(src, dst)
    shutil.rmtree(staging, ignore_errors=True)


# --- freshness ----------------------------------------------------------------------------------


def compare_outputs(expected_root: Path, actual_root: Path) -> list[str]:
    """Differences between two output roots' tables, figures and reports.

    Returns a sorted list of human-readable differences (empty when identical). The volatile
    git fields of ``provenance.json`` are ignored.
    """
    diffs = []
    for folder in OUTPUT_FOLDERS:
        exp = {
            p.relative_to(expected_root).as_posix(): p
            for p in (expected_root / folder).rglob("*")
            if p.is_file()
        }
        act = {
            p.relative_to(actual_root).as_posix(): p
            for p in (actual_root / folder).rglob("*")
            if p.is_file()
        }
        for rel in sorted(set(exp) | set(act)):
            if rel not in act:
                diffs.append(f"{rel}: committed but no longer produced")
            elif rel not in exp:
                diffs.append(f"{rel}: produced but not committed")
            elif rel == PROVENANCE:
                a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (exp[rel], act[rel]))
                for k in VOLATILE_PROVENANCE_KEYS:
                    a.pop(k, None)
                    b.pop(k, None)
                if a != b:
                    keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
                    diffs.append(f"{rel}: differs in {', '.join(keys)}")
            elif exp[rel].read_bytes() != act[rel].read_bytes():
                diffs.append(f"{rel}: content differs")
    return diffs
