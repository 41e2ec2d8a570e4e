"""``reports/provenance.json``: what produced the outputs (inputs, parameters, versions, git),
the hash of every output, and the comparison of two output roots (freshness check).

The provenance also records which files under ``data/processed``, ``figures`` and ``reports``
the pipeline wrote: :mod:`policystudy.workflow.publish` replaces only those.
"""

from __future__ import annotations

import json
import platform
import subprocess
from pathlib import Path
from typing import Any

import pandas as pd

from policystudy.core import io
from policystudy.core.memo import package_versions
from policystudy.workflow import paths

# Folders an output root holds; only these are published from staging.
OUTPUT_FOLDERS = ("data/processed", "figures", "reports")
PROVENANCE = "reports/provenance.json"
# Provenance keys that legitimately differ between two runs of the same code and inputs.
VOLATILE_PROVENANCE_KEYS = ("git_commit", "git_dirty")


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
            label = portable(path)
            lexicons[name] = {"file": label, "sha256": io.sha256_file(path)}
    from policystudy.workflow.validate_cli import resolve_sheets

    # The coded sheets the report quotes, and each draw's key (its machine labels and weights).
    sheets = resolve_sheets(str(values.get("validation_sheets", "")), manifest=manifest)
    coded = {portable(p): io.sha256_file(p) for p in sheets}
    coded |= {
        portable(k): io.sha256_file(k) for p in sheets if (k := p.parent / "key.csv").is_file()
    }
    return {
        "manifest": {"file": portable(manifest), "sha256": io.sha256_file(manifest)},
        "documents": dict(sorted(docs.items())),
        "lexicons": lexicons,
        "validation_sheets": dict(sorted(coded.items())),
    }


def portable(path: Path) -> str:
    # Paths inside the package or a project are recorded relative to it, so that the provenance
    # of two checkouts or installs in different folders is identical: packaged files as
    # policystudy/data/..., a project's own as data/corpus.csv whether the run started inside
    # that project or elsewhere (--manifest pointing into it).
    path = Path(path).resolve()
    if path.is_relative_to(paths.PACKAGE_DIR):
        return path.relative_to(paths.PACKAGE_DIR.parent).as_posix()
    for root in (paths.find_project(), paths.find_project(path.parent)):
        if root is not None and path.is_relative_to(root):
            return path.relative_to(root).as_posix()
    return path.name


def _git_state() -> tuple[str, bool | None]:
    # The commit of the package's source, when it runs from a checkout; an installed package
    # has none (site-packages is no repository, and the current folder may be any other).
    root = paths.PACKAGE_DIR.parent.parent
    if not (root / "pyproject.toml").is_file():
        return "", None
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        dirty = bool(
            subprocess.run(
                ["git", "-C", str(root), "status", "--porcelain", "--", "src"],
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
    shown["manifest"] = portable(Path(values["manifest"]))
    shown["out_dir"] = "<out>"
    for name in ("userdict", "stopwords", "taxonomy", "indicators"):
        if shown.get(name):
            shown[name] = portable(Path(shown[name]))
    record = {
        "inputs": inputs,
        "parameters": dict(sorted(shown.items())),
        "notebooks": {nb.name: io.sha256_file(nb) for nb in notebooks},
        "python": platform.python_version(),
        "packages": package_versions(),
        "git_commit": commit,
        "git_dirty": dirty,
        "outputs": outputs,
    }
    path = staging / PROVENANCE
    # allow_nan=False: NaN is not JSON; a non-finite value must fail here, not in a reader.
    io.write_text(path, json.dumps(record, ensure_ascii=False, indent=2, allow_nan=False) + "\n")
    return path


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
