"""Publishing a run's outputs into an output root without ever losing a file of the user's.

The rules (see ``docs/promises.md``):

* The pipeline owns exactly the files its last published run wrote: those listed in
  ``reports/provenance.json`` (``outputs``), and that file itself. Only owned files are ever
  replaced or removed; an owned file that this run no longer produces is removed, and the
  replaced or removed versions are kept in ``<out>/build/previous/`` until the next publish.
* An output root whose ``data/processed``, ``figures`` or ``reports`` holds files the pipeline
  does not own is refused before any notebook runs, unless ``allow_foreign``; even then a
  foreign file at the path of a new output is never overwritten (the publish is refused).
* Publishing is a journal of renames (``<out>/build/publish.json``): old owned files move to
  ``previous``, then the new files move in, provenance last. Any failure rolls back; a run
  killed in the middle is rolled back by the next run on that folder (:func:`recover`).
* One run at a time per output root (:func:`lock`); a second run is refused with the pid of
  the first.
* Another corpus never writes into the repository (:func:`refuse_repository`).

Examples
--------
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> _ = (out / "reports").mkdir(), (out / "reports" / "chapter3_notes.md").write_text("笔记")
>>> foreign_files(out)
['reports/chapter3_notes.md']
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

from policystudy.core import io
from policystudy.workflow import paths
from policystudy.workflow.errors import OutputFolderError, PipelineError
from policystudy.workflow.provenance import OUTPUT_FOLDERS, PROVENANCE

JOURNAL = "build/publish.json"
PREVIOUS = "build/previous"
LOCK = "build/.lock"
# A folder the pipeline made (staging, previous) carries this file; without it, the folder
# is someone else's and is never deleted.
MARKER = ".policystudy-owned"
# At most this many foreign files are named in a message.
SHOWN = 10


def owned_files(out: Path) -> set[str]:
    """Relative paths of the files the last published run wrote into ``out``.

    Examples
    --------
    >>> sorted(owned_files(paths.ROOT))[:2]
    ['data/processed/cleaning_audit.csv', 'data/processed/corpus_overview.csv']
    """
    try:
        record = json.loads((out / PROVENANCE).read_text(encoding="utf-8"))
        listed = record["outputs"]
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    if not isinstance(listed, dict):
        return set()
    return {rel for rel in listed if isinstance(rel, str) and _is_output(rel)} | {PROVENANCE}


def _is_output(rel: str) -> bool:
    parts = Path(rel).parts
    return ".." not in parts and any(rel.startswith(f + "/") for f in OUTPUT_FOLDERS)


def foreign_files(out: Path) -> list[str]:
    """Files (and links) under ``out``'s output folders that the pipeline did not write."""
    owned = owned_files(out)
    found = []
    for folder in OUTPUT_FOLDERS:
        root = out / folder
        if not root.is_dir():
            continue
        for f in root.rglob("*"):
            if f.is_file() or f.is_symlink():
                rel = f.relative_to(out).as_posix()
                if rel not in owned:
                    found.append(rel)
    return sorted(found)


def _listing(files: list[str]) -> str:
    shown = ", ".join(files[:SHOWN])
    return shown + (f" and {len(files) - SHOWN} more" if len(files) > SHOWN else "")


def check_output_folder(out: Path, *, allow_foreign: bool = False) -> None:
    """Refuse ``out`` if its output folders hold files the pipeline did not write.

    Raises
    ------
    OutputFolderError
        Naming the foreign files and the two ways out.
    """
    if allow_foreign:
        return
    foreign = foreign_files(out)
    if foreign:
        raise OutputFolderError(
            f"{out} holds {len(foreign)} file(s) that policystudy did not write: "
            f"{_listing(foreign)}. Nothing was run or changed. Choose a new or empty --out, "
            "or pass --allow-foreign to publish beside them (they are never moved, "
            "overwritten or deleted)."
        )


def refuse_repository(out: Path, manifest: Path, *, out_given: bool) -> None:
    """Refuse a run on another corpus whose outputs would land in the repository.

    Raises
    ------
    OutputFolderError
        When ``manifest`` is not the project's own and ``out`` is the repository root.
    """
    project = paths.find_project()
    if project is None or Path(out).resolve() != project:
        return
    if Path(manifest).resolve() == paths.DEFAULT_MANIFEST.resolve():
        return
    how = "--out points at the repository" if out_given else "no --out was given"
    raise OutputFolderError(
        f"manifest {manifest} is not the project's own ({paths.DEFAULT_MANIFEST}) and {how}: "
        "the run would overwrite the repository's committed results. Nothing was run. Give "
        "an output folder outside the repository, e.g. --out ~/policystudy-out."
    )


@contextmanager
def lock(out: Path):
    """Hold ``<out>/build/.lock`` for the whole run; refuse if another run holds it.

    The lock is an ``flock`` on an open file: the system releases it when its process ends,
    even when killed, so it can never go stale.
    """
    import fcntl

    path = out / LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "unknown"
            raise OutputFolderError(
                f"another policystudy run (pid {holder}) is writing into {out}: wait until it "
                f"ends, or use another --out. The lock ({path}) is released when that run's "
                "process ends."
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)


def make_staging(staging: Path, *, keep: bool) -> None:
    """Create (or, unless ``keep``, empty) the staging folder, marked as the pipeline's."""
    if staging.exists() and not keep:
        remove_owned_folder(staging)
    staging.mkdir(parents=True, exist_ok=True)
    (staging / MARKER).touch()


def remove_owned_folder(folder: Path) -> None:
    """Delete a folder the pipeline made; refuse one without its marker (not ours)."""
    if not folder.exists():
        return
    if not (folder / MARKER).is_file():
        raise OutputFolderError(
            f"{folder} exists but was not made by policystudy (no {MARKER} in it): it is "
            "left alone. Move it away and rerun."
        )
    shutil.rmtree(folder)


def publish(staging: Path, out: Path) -> None:
    """Move the staged outputs into ``out``: owned files only, atomically, with rollback.

    Raises
    ------
    OutputFolderError
        When a file the pipeline does not own sits where a new output would go.
    PipelineError
        When publishing failed; everything was rolled back to the previous outputs.
    """
    new = sorted(
        f.relative_to(staging).as_posix()
        for folder in OUTPUT_FOLDERS
        for f in (staging / folder).rglob("*")
        if f.is_file()
    )
    # Provenance last: until it is in place, the new files are not yet the published run.
    new.sort(key=lambda rel: rel == PROVENANCE)
    owned = owned_files(out)
    clash = [rel for rel in new if rel not in owned and (out / rel).exists()]
    if clash:
        raise OutputFolderError(
            f"{out}: {len(clash)} file(s) that policystudy did not write sit where its "
            f"outputs go: {_listing(clash)}. Nothing was published (the run is kept in "
            f"{staging}). Move them away and rerun with --resume."
        )
    backup = sorted(rel for rel in owned if (out / rel).is_file() or (out / rel).is_symlink())
    previous = _fresh_previous(out)
    journal = {"phase": "backup", "new": new, "backup": backup, "staging": str(staging)}
    io.write_text(out / JOURNAL, json.dumps(journal, ensure_ascii=False, indent=1))
    try:
        for rel in backup:
            _move(out / rel, previous / rel)
        journal["phase"] = "place"
        io.write_text(out / JOURNAL, json.dumps(journal, ensure_ascii=False, indent=1))
        for rel in new:
            _move(staging / rel, out / rel)
    except BaseException as err:
        _rollback(out, journal)
        if isinstance(err, OSError):
            raise PipelineError(
                f"publishing into {out} failed at {err.filename or '?'}: {err.strerror or err}."
                f" Everything was rolled back: the previous outputs are in place, the new "
                f"ones are kept in {staging} (rerun with --resume)."
                + (" The disk is full." if err.errno in (errno.ENOSPC, errno.EDQUOT) else "")
            ) from None
        raise
    (out / JOURNAL).unlink()
    remove_owned_folder(staging)


def _move(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    os.replace(src, dst)


def _fresh_previous(out: Path) -> Path:
    """An empty ``build/previous``; a previous folder the pipeline did not mark (left by
    versions before 0.2, which could move a user's files there) is kept as
    ``build/recovered-N``, never deleted."""
    previous = out / PREVIOUS
    if previous.exists() and not (previous / MARKER).is_file():
        n = 1
        while (out / "build" / f"recovered-{n}").exists():
            n += 1
        os.replace(previous, out / "build" / f"recovered-{n}")
    if previous.exists():
        shutil.rmtree(previous)
    previous.mkdir(parents=True)
    (previous / MARKER).touch()
    return previous


def _rollback(out: Path, journal: dict) -> None:
    staging = Path(journal["staging"])
    previous = out / PREVIOUS
    if journal["phase"] == "place":
        # Old owned files were all moved away before the first new one came in, so every
        # new path present in ``out`` holds a new file: back to staging for --resume.
        for rel in journal["new"]:
            if (out / rel).is_file():
                _move(out / rel, staging / rel)
    for rel in journal["backup"]:
        if (previous / rel).is_file() or (previous / rel).is_symlink():
            _move(previous / rel, out / rel)
    (out / JOURNAL).unlink(missing_ok=True)


def recover(out: Path) -> bool:
    """Roll back a publish that a killed run left unfinished; True if there was one."""
    path = out / JOURNAL
    if not path.is_file():
        return False
    _rollback(out, json.loads(path.read_text(encoding="utf-8")))
    return True
