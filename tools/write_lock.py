"""Regenerate requirements.lock and environment.yml from the current environment (developer tool).

requirements.lock pins every installed distribution exactly (used as pip constraints by the
Quickstart and CI); environment.yml pins the direct dependencies of pyproject.toml to the same
versions. The test suite checks that the three files agree.

Usage: ``.venv/bin/python tools/write_lock.py`` after installing ``-e ".[test,fast,dask,formats]"``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(req: str) -> str:
    return canonical(re.split(r"[\s<>=!~;\[]", req, maxsplit=1)[0])


def direct_requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        reqs += extra
    return sorted({requirement_name(r) for r in reqs})


def main() -> None:
    frozen = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--exclude-editable"],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    pins = sorted(
        (line for line in frozen if "==" in line and not line.startswith("policystudy")),
        key=lambda s: canonical(s.split("==")[0]),
    )
    header = (
        "# Exact versions of every package, used as pip constraints by the Quickstart and CI:\n"
        '#   pip install -c requirements.lock -e ".[test,fast,dask,formats]"\n'
        f"# Regenerate with tools/write_lock.py (Python {sys.version.split()[0]}).\n"
    )
    (ROOT / "requirements.lock").write_text(header + "\n".join(pins) + "\n")
    versions = {canonical(p.split("==")[0]): p.split("==")[1] for p in pins}
    lines = [
        "# Conda environment with the same dependencies as pyproject.toml, pinned to",
        "# requirements.lock (tests/test_packaging.py checks that the three agree).",
        "name: policystudy",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        f"  - python={sys.version_info.major}.{sys.version_info.minor}",
        "  - pip",
        "  - pip:",
    ]
    for name in direct_requirements():
        lines.append(f"      - {name}=={versions[name]}")
    lines.append("      - -e .")
    (ROOT / "environment.yml").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
