"""Kernels forked from a run's kernel server (``policystudy.workflow.kernels``): the kernel a
notebook gets is the one a new process would be, signals reach it, it dies with its launcher,
and a run without a server still gets a kernel."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from jupyter_client import BlockingKernelClient

from policystudy.workflow import kernels, paths

PY = sys.executable
LAUNCHER = str(kernels.LAUNCHER)
# A module no kernel imports by itself: in the kernel's modules only if the server gave it.
MARK = "colorsys"

COMMANDS = [
    # (the kernel manager's command, the interpreter of the server, the command run)
    ([PY, "-m", "ipykernel_launcher", "-f", "/r/k.json"], PY,
     [PY, "-I", "-S", LAUNCHER, "/s", "-f", "/r/k.json"]),
    ([PY, "-m", "ipykernel_launcher", "-f", "/r/k.json", "--IPKernelApp.log_level=CRITICAL"], PY,
     [PY, "-I", "-S", LAUNCHER, "/s", "-f", "/r/k.json", "--IPKernelApp.log_level=CRITICAL"]),
    # another interpreter (a kernel spec of another environment) starts as it is
    ([PY, "-m", "ipykernel_launcher", "-f", "/r/k.json"], "/opt/other/bin/python",
     [PY, "-m", "ipykernel_launcher", "-f", "/r/k.json"]),
    # another kernel (R, a kernel spec with its own launcher) starts as it is
    (["R", "--slave", "-e", "IRkernel::main()", "--args", "/r/k.json"], PY,
     ["R", "--slave", "-e", "IRkernel::main()", "--args", "/r/k.json"]),
    ([PY, "-m", "other_kernel", "-f", "/r/k.json"], PY, [PY, "-m", "other_kernel", "-f", "/r/k.json"]),
]  # fmt: skip


@pytest.mark.parametrize(("cmd", "python", "expected"), COMMANDS)
def test_only_this_interpreters_ipykernel_is_forked(cmd, python, expected):
    assert kernels.forked_command(cmd, "/s", python=python) == expected


def test_the_base_interpreter_of_a_venv_is_another_interpreter():
    # A venv's python is a link to the base interpreter, which has none of the venv's
    # packages: a kernel spec naming the base one must start as it is, not from this server.
    base = os.path.realpath(PY)
    if base == os.path.abspath(PY):
        pytest.skip("not run from a venv")
    cmd = [base, "-m", "ipykernel_launcher", "-f", "/r/k.json"]
    assert kernels.forked_command(cmd, "/s", python=PY) == cmd


@pytest.mark.parametrize(("value", "expected"), [("0", False), ("1", True), (None, True)])
def test_the_switch_turns_the_server_off(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv(kernels.SWITCH_ENV, raising=False)
    else:
        monkeypatch.setenv(kernels.SWITCH_ENV, value)
    assert kernels.enabled() is (expected and sys.platform == "linux")


def test_the_server_imports_what_the_notebooks_import_and_the_libraries_they_use():
    names = kernels.notebook_imports(sorted(paths.NOTEBOOKS.glob("*.ipynb")))
    assert "policystudy.priorities.profiler" in names and "policystudy.report.findings" in names
    # imported inside functions of the package, so each kernel would import them again
    assert {"sklearn.decomposition", "matplotlib.pyplot", "jieba"} <= set(names)
    assert not [n for n in names if n.startswith(kernels.NOT_PRELOADED)]
    assert not [n for n in names if n.split(".")[0] in sys.stdlib_module_names]


@pytest.fixture(scope="module")
def server():
    if not kernels.enabled():
        pytest.skip("kernels are forked on Linux only")
    with kernels.kernel_server([MARK]):
        yield os.environ[kernels.SOCKET_ENV]


def _start(tmp_path: Path, socket_path: str, env: dict[str, str] | None = None):
    """A launcher started as a kernel manager starts it, and a client of its kernel."""
    conn = tmp_path / "kernel.json"
    launcher = subprocess.Popen(
        [PY, "-I", "-S", LAUNCHER, socket_path, "-f", str(conn),
         "--IPKernelApp.log_level=CRITICAL"],
        cwd=tmp_path, env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not (conn.is_file() and conn.stat().st_size) and time.monotonic() < deadline:
        time.sleep(0.05)
    client = BlockingKernelClient(connection_file=str(conn))
    client.load_connection_file()
    client.start_channels()
    client.wait_for_ready(timeout=60)
    return launcher, client


def _run(client: BlockingKernelClient, code: str, timeout: float = 30) -> dict:
    out: list[str] = []
    reply = client.execute_interactive(
        code, timeout=timeout,
        output_hook=lambda m: out.append(m["content"].get("text", "")),
    )  # fmt: skip
    return {"status": reply["content"]["status"], "ename": reply["content"].get("ename"),
            "out": "".join(out)}  # fmt: skip


def _gone(pid: int, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


PROBE = (
    "import json, os, sys; print(json.dumps({'pid': os.getpid(), 'ppid': os.getppid(), "
    "'sid': os.getsid(0), 'cwd': os.getcwd(), 'mark': os.environ.get('PS_MARK'), "
    f"'preloaded': {MARK!r} in sys.modules}}))"
)


# Starts kernels (a second or two each), as the notebook tests do.
@pytest.mark.slow
def test_a_forked_kernel_has_the_launchers_folder_environment_and_session(server, tmp_path):
    env = dict(os.environ, PS_MARK="set after the server started")
    launcher, client = _start(tmp_path, server, env)
    try:
        seen = json.loads(_run(client, PROBE)["out"])
        assert seen["preloaded"] is True  # forked from the server
        assert seen["ppid"] not in (os.getpid(), launcher.pid)
        assert seen["sid"] == seen["pid"]  # a session of its own, as a kernel manager starts it
        assert Path(seen["cwd"]) == tmp_path
        assert seen["mark"] == "set after the server started"
        # shut down as a kernel manager does: the launcher exits with the kernel's status
        client.shutdown()
        assert launcher.wait(timeout=30) == 0
        assert _gone(seen["pid"])
    finally:
        client.stop_channels()
        launcher.kill()


@pytest.mark.slow
def test_sigint_to_the_launcher_interrupts_the_cell(server, tmp_path):
    launcher, client = _start(tmp_path, server)
    try:
        msg = client.execute("import time; time.sleep(60)")
        time.sleep(1)
        launcher.send_signal(signal.SIGINT)
        reply = client.get_shell_msg(timeout=30)
        assert reply["parent_header"]["msg_id"] == msg
        assert reply["content"]["ename"] == "KeyboardInterrupt"
        assert _run(client, "print(6 * 7)")["out"].strip() == "42"  # and it lives on
    finally:
        client.stop_channels()
        launcher.kill()
        launcher.wait()


@pytest.mark.slow
def test_a_kernel_dies_with_its_launcher(server, tmp_path):
    # a kernel manager's kill is SIGKILL to the launcher: the kernel must not outlive it
    launcher, client = _start(tmp_path, server)
    try:
        pid = json.loads(_run(client, PROBE)["out"])["pid"]
        launcher.kill()
        launcher.wait()
        assert _gone(pid)
    finally:
        client.stop_channels()


@pytest.mark.slow
def test_without_a_server_the_launcher_starts_an_ordinary_kernel(tmp_path):
    launcher, client = _start(tmp_path, str(tmp_path / "no-server"))
    try:
        seen = json.loads(_run(client, PROBE)["out"])
        assert seen["preloaded"] is False
        assert seen["pid"] == launcher.pid  # the launcher became the kernel (exec)
        client.shutdown()
        assert launcher.wait(timeout=30) == 0
    finally:
        client.stop_channels()
        launcher.kill()
