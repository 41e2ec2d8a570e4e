"""pyproject.toml, environment.yml, requirements.lock, README and CI agree."""

import re
import tomllib
from importlib import metadata

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

from policystudy.workflow import paths

EXTRAS = ("test", "fast", "dask", "formats")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.fixture(scope="module")
def project():
    return tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


@pytest.fixture(scope="module")
def lock():
    pins = {}
    for line in (paths.ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonical(name)] = version
    return pins


def _direct(project):
    reqs = [Requirement(r) for r in project["dependencies"]]
    for extra in EXTRAS:
        reqs += [Requirement(r) for r in project["optional-dependencies"][extra]]
    return reqs


def test_environment_yml_has_the_same_dependencies_as_pyproject(project, lock):
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(d for d in env["dependencies"] if isinstance(d, dict))["pip"]
    pinned = dict(p.split("==") for p in pip_section if "==" in p)
    assert {canonical(n) for n in pinned} == {canonical(r.name) for r in _direct(project)}
    for name, version in pinned.items():
        assert lock[canonical(name)] == version, name
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python="))
    assert python.startswith("python=3.")
    assert SpecifierSet(project["requires-python"]).contains(python.removeprefix("python="))


def test_pyproject_ranges_admit_the_locked_versions(project, lock):
    for req in _direct(project):
        assert req.specifier.contains(lock[canonical(req.name)], prereleases=True), req


def test_lock_covers_every_dependency(lock):
    """Walk the installed requirement tree of policystudy; every node must be pinned."""
    seen, todo = set(), [("policystudy", set(EXTRAS))]
    while todo:
        name, extras = todo.pop()
        for raw in metadata.requires(name) or []:
            req = Requirement(raw)
            envs = [{"extra": e} for e in extras] or [{"extra": ""}]
            if req.marker and not any(req.marker.evaluate(env) for env in envs):
                continue
            key = canonical(req.name)
            assert key in lock, f"{req.name} (needed by {name}) is not in requirements.lock"
            if (key, frozenset(req.extras)) not in seen:
                seen.add((key, frozenset(req.extras)))
                todo.append((req.name, set(req.extras)))
    assert len(seen) > 50


def _quickstart_commands():
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quickstart", 1)[1]
    block = section.split("```", 2)[1]
    lines = [x.strip() for x in block.splitlines()[1:] if x.strip() and not x.startswith("#")]
    return lines


def test_quickstart_has_exactly_two_commands_install_run_and_test():
    install_and_run, tests = _quickstart_commands()
    assert "requirements.lock" in install_and_run and install_and_run.endswith("policystudy run")
    assert "pytest" in tests


def test_ci_calls_the_readme_test_command():
    _, tests = _quickstart_commands()
    ci = (paths.ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()


def test_license_and_citation_exist():
    assert (paths.ROOT / "LICENSE").is_file()
    cff = yaml.safe_load((paths.ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] and cff["title"]


def test_requires_python_admits_no_version_the_lock_cannot_install(project, lock):
    # The lock's pandas needs the Python that requires-python names as its floor: a floor
    # below it would promise an install that fails.
    floor = SpecifierSet(project["requires-python"])
    pandas_python = SpecifierSet(metadata.metadata("pandas")["Requires-Python"])
    assert metadata.version("pandas") == lock["pandas"]
    for minor in range(8, 20):
        version = f"3.{minor}"
        if version in floor:
            assert version in pandas_python, version


def test_import_layers_hold():
    # The same contracts as CI's lint-imports ([tool.importlinter] in pyproject.toml).
    import subprocess
    import sys
    from pathlib import Path

    linter = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(linter)], capture_output=True, text=True, cwd=paths.ROOT)
    assert out.returncode == 0, out.stdout[-3000:]
    assert "0 broken" in out.stdout


def test_package_data_ships_the_notebooks_and_lexicons(project):
    config = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = config["tool"]["setuptools"]["package-data"]["policystudy"]
    assert "notebooks/*.ipynb" in shipped
    assert not (paths.ROOT / "notebooks").exists()  # one copy: the package's
