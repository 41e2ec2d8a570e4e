"""Executing the notebooks with papermill into staging, side by side when independent, and
reusing the published outputs of notebooks whose inputs have not changed.

Each executed notebook gets a private output folder holding links to the outputs of the
notebooks it needs, so notebooks running side by side cannot see or overwrite each other's
files, and what a notebook wrote is exactly what is new in its folder. Its new files then move
into staging; :mod:`policystudy.workflow.publish` moves staging into the output root.
"""

from __future__ import annotations

import errno
import json
import os
import platform
import shutil
import sys
from concurrent.futures import Future
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from policystudy.core import io
from policystudy.workflow import params, paths, publish
from policystudy.workflow.errors import PipelineError
from policystudy.workflow.graph import code_digest, fingerprint, notebook_needs, upstream
from policystudy.workflow.kernels import (
    SOCKET_ENV,
    ForkingKernelManager,
    kernel_server,
    notebook_imports,
)
from policystudy.workflow.provenance import (
    OUTPUT_FOLDERS,
    input_digests,
    package_versions,
    write_provenance,
)

# Under <out>/build: per-notebook keys and outputs of the last published run (for reuse), and
# which notebooks the last run executed or reused.
RUN_STATE = "run_state.json"
# The run state's entry for the findings site (the others are notebooks, ``NN_name.ipynb``).
SITE_STATE = "site"
LAST_RUN = "last_run.json"
# Under staging: one folder per executing notebook (removed before publishing).
PRIVATE = ".notebooks"
# The kernels' own log (its "running over TCP without encryption" warning, "KeyboardInterrupt
# caught in kernel" when papermill shuts it down) concerns no user: errors still reach the
# run through papermill, with the failing cell.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
# What a run sets for its kernels (see kernel_env).
KERNEL_ENV = ("POLICYSTUDY_CACHE", "POLICYSTUDY_ALLOW_OUTSIDE_CORPUS", SOCKET_ENV)


def notebook_parameters(path: Path) -> dict[str, Any]:
    """Names and defaults of the ``parameters`` cell of a notebook."""
    import papermill

    inferred = papermill.inspect_notebook(str(path))
    return {name: info["default"] for name, info in inferred.items()}


@contextmanager
def kernel_env(out: Path, *, allow_outside_corpus: bool = False):
    """Set the notebook kernels' environment for this run only: the cache in
    ``<out>/build/cache`` and the permission to read outside the corpus folder.

    Another corpus writes nothing into the repository, caches included. Kernels inherit the
    environment, so it is set here and restored afterwards: a second run in the same process
    (another ``--out``) must not reuse the first run's cache folder or permission.
    """
    from policystudy.ingest.corpus import ALLOW_OUTSIDE_ENV

    saved = {k: os.environ.get(k) for k in ("POLICYSTUDY_CACHE", ALLOW_OUTSIDE_ENV)}
    project = paths.find_project()
    if (project is None or out.resolve() != project) and "POLICYSTUDY_CACHE" not in os.environ:
        os.environ["POLICYSTUDY_CACHE"] = str(out / "build" / "cache")
    if allow_outside_corpus:
        os.environ[ALLOW_OUTSIDE_ENV] = "1"
    else:
        os.environ.pop(ALLOW_OUTSIDE_ENV, None)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def execute(
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
    """Execute the notebooks into staging and publish; on a full disk, remove this run's
    staging and executed notebooks so that no truncated file is left behind."""
    build = out / "build"
    try:
        return _execute(
            values, meta, out, notebooks, resume=resume, force=force, progress=progress,
            jobs=jobs,
        )  # fmt: skip
    except OSError as err:
        if err.errno not in DISK_FULL:
            raise
        _clean_after_disk_full(build, notebooks)
        written = err.filename or _file_being_written(err)
        raise PipelineError(
            f"no space left on the device while writing {written or 'into ' + str(out)}:"
            f" nothing was published, the last good outputs in {out} are untouched, and this "
            "run's staging and executed notebooks were removed. Free some space and rerun."
        ) from None
    except PipelineError as err:
        if "[Errno 28]" in str(err) or "No space left on device" in str(err):
            _clean_after_disk_full(build, notebooks)
            raise PipelineError(
                f"{err}\nThe disk is full: this run's staging and executed notebooks were "
                "removed. Free some space and rerun."
            ) from None
        raise


def _clean_after_disk_full(build: Path, notebooks: list[Path]) -> None:
    try:
        publish.remove_owned_folder(build / "staging")
    except PipelineError:
        pass  # not ours: left alone
    for nb in notebooks:
        (build / "notebooks" / nb.name).unlink(missing_ok=True)
    # jieba writes its dictionary cache to a temporary file (tmpXXXXXXXX, about 2-4 MB) and
    # leaves it behind when the write fails: the disk would stay full after the run.
    for tmp in (build / "cache" / "jieba").glob("tmp*"):
        tmp.unlink(missing_ok=True)


def _file_being_written(err: OSError) -> str | None:
    # An OSError raised by a write() on an open file names no file: the innermost frame of
    # its traceback that holds a path (``path``, ``output_path``, ``filename``) names it.
    tb, found = err.__traceback__, None
    while tb is not None:
        for name in ("output_path", "path", "filename", "file"):
            value = tb.tb_frame.f_locals.get(name)
            if isinstance(value, (str, Path)) and str(value):
                found = str(value)
                break
        tb = tb.tb_next
    return found


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
    publish.make_staging(staging, keep=resume)
    executed.mkdir(parents=True, exist_ok=True)
    inputs = input_digests(values, meta)
    # Library code, packaged data and installed versions (a notebook's key has only the code
    # it imports, see graph.code_digest; the site's all of it).
    code = [code_digest(), package_versions(), platform.python_version()]
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
    env = {k: v for k, v in os.environ.items() if k in KERNEL_ENV}
    # Kernels are forked from one server that imports once what the notebooks import
    # (workflow.kernels); it starts with the first notebook that runs, so a run that reuses
    # every notebook starts none.
    servers, servers_started = ExitStack(), False
    # One at a time runs papermill in this process: a worker process would only add its own
    # memory (about 130 MB) to the run's peak.
    executor = (
        ProcessPoolExecutor(max_workers=workers, mp_context=pool_context())
        if workers > 1
        else _InProcess()
    )
    with servers, executor as pool:
        while True:
            # Start (or reuse) every notebook whose upstream is done; reusing one may make
            # others ready at once, hence the inner loop.
            progressed = True
            while progressed and not failure:
                progressed = False
                for stem in [s for s in pending if all(d in keys for d in needs[s])]:
                    pending.remove(stem)
                    nb = by_stem[stem]
                    key = fingerprint(
                        nb.read_bytes().hex(),
                        nb_params[stem] | {"out_dir": ""},
                        inputs,
                        [keys[d] for d in needs[stem]],
                        [code_digest(nb), *code[1:]],  # only the modules this notebook runs
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
                            staging, stem, upstream(stem, needs), state, by_stem
                        )
                        if not servers_started:
                            servers_started = True
                            servers.enter_context(kernel_server(notebook_imports(notebooks)))
                            env = {k: v for k, v in os.environ.items() if k in KERNEL_ENV}
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
    # The site is a function of the notebooks' results, the run's parameters and the library:
    # when none of them changed, the published site is what a rebuild would write (a rebuild
    # was most of a warm run: 25 s of 28 s on 10 MB of unique paragraphs).
    site_key = fingerprint(SITE_STATE, values, inputs, [keys[nb.stem] for nb in notebooks], code)
    previous_site = published.get(SITE_STATE)
    if _key_of(previous_site) == site_key and _restore(previous_site["outputs"], out, staging):
        state[SITE_STATE] = previous_site  # restored files were just checked against it
    else:
        _write_site(staging, values, [executed / nb.name for nb in notebooks])
        state[SITE_STATE] = {"key": site_key, "outputs": _site_outputs(staging)}
    write_provenance(staging, values, inputs, notebooks)
    publish.publish(staging, out)
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

    for k in KERNEL_ENV:
        os.environ.pop(k, None)
    os.environ.update(env)
    try:
        papermill.execute_notebook(
            notebook,
            output,
            parameters=parameters,
            cwd=str(paths.NOTEBOOKS),
            kernel_name="python3",
            kernel_manager_class=ForkingKernelManager,
            progress_bar=False,
            log_output=False,
            extra_arguments=KERNEL_ARGUMENTS,
        )
    except OSError as err:
        if err.filename is None and err.errno in DISK_FULL:
            # papermill saving the executed notebook: f.write() names no file.
            raise OSError(err.errno, err.strerror, output) from err
        raise
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


def _site_outputs(staging: Path) -> dict[str, str]:
    site = staging / "reports" / "site"
    return {
        f.relative_to(staging).as_posix(): io.sha256_file(f)
        for f in sorted(site.rglob("*"))
        if f.is_file()
    }


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
