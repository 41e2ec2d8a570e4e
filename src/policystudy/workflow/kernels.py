"""Notebook kernels forked from a server that has already imported the libraries.

Every notebook of a run starts a kernel, and each kernel used to spend 3-5 s of CPU importing
pandas, scikit-learn, SciPy, matplotlib and the package before its first cell did any work:
half of the CPU of a run on a small corpus. A run now starts one *kernel server*
(:func:`kernel_server`) that imports, once, what the run's notebooks import
(:func:`~policystudy.workflow.code_key.notebook_modules`); each kernel is then a fork of it.
The kernel manager (:class:`ForkingKernelManager`) starts
:mod:`~policystudy.workflow.kernel_launcher` in place of ``python -m ipykernel_launcher``;
the launcher asks the server for a kernel, which the server forks and hands the launcher's
standard streams, environment and working folder. Everything else is the ordinary kernel's:
the same interpreter, ``ipykernel`` app, arguments and connection file.

A forked kernel is the kernel a fresh process would be, for what a notebook can see: it runs
in a session of its own, in the environment and folder the kernel manager chose, with the
signal dispositions of a new process; modules are imported with the environment of the run
(the server starts inside it, and the package reads no environment variable at import).
The server lives as long as the run: it exits when the run closes its standard input (or
dies), and a kernel is killed when its launcher's connection closes, which is how a kernel
manager's SIGKILL of the launcher reaches it. Where the server cannot start or be reached, the
launcher starts the ordinary kernel; ``POLICYSTUDY_FORK_KERNELS=0`` turns the server off, and
it is used on Linux only (forking a process that has loaded macOS frameworks is unsafe).

Examples
--------
>>> cmd = ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "/tmp/k.json"]
>>> forked_command(cmd, "/tmp/s", python="/usr/bin/python3")[4:]
['/tmp/s', '-f', '/tmp/k.json']
>>> forked_command(cmd, "/tmp/s", python="/opt/other/python") == cmd
True
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager

from policystudy.workflow.code_key import PACKAGE, module_files, notebook_modules

#: The environment variable that tells a kernel manager where this run's server listens.
SOCKET_ENV = "POLICYSTUDY_KERNEL_SERVER"
#: Set to ``0`` to start every kernel as its own process.
SWITCH_ENV = "POLICYSTUDY_FORK_KERNELS"
LAUNCHER = Path(__file__).with_name("kernel_launcher.py")
#: What an ordinary kernel imports before its first cell, whatever the notebook imports.
KERNEL_MODULES = ("ipykernel.kernelapp", "matplotlib_inline.backend_inline")
#: Not imported by the server: libraries a run uses only when asked (the dask cluster, Word,
#: PDF and HTML input), left to the kernels that do (a dask cluster's import starts its
#: machinery), and the run's own tooling (papermill, nbformat and the site's HTML), which the
#: process running the notebooks uses and no kernel does (importing papermill costs about 3 s
#: of CPU, for jsonschema's format grammars).
NOT_PRELOADED = ("dask", "distributed", "docx", "pypdf", "trafilatura",
                 "papermill", "nbformat", "nbconvert", "mistune")  # fmt: skip


def enabled() -> bool:
    """Whether runs fork their kernels (Linux, unless ``POLICYSTUDY_FORK_KERNELS=0``)."""
    return sys.platform == "linux" and os.environ.get(SWITCH_ENV, "1") != "0"


def notebook_imports(notebooks: Iterable[Path | str]) -> list[str]:
    """What a server imports: the package modules the notebooks run, followed through the
    package (:func:`~policystudy.workflow.code_key.notebook_modules`), then every other
    library those modules name in an import statement, inside functions too (the package
    imports scikit-learn, SciPy and matplotlib where they are used, and each kernel would
    import them again), except :data:`NOT_PRELOADED`.

    Examples
    --------
    >>> from policystudy.workflow.paths import NOTEBOOKS
    >>> names = notebook_imports([NOTEBOOKS / "02_topics.ipynb"])
    >>> "policystudy.topics.nmf" in names, "sklearn.decomposition" in names
    (True, True)
    """
    files = module_files()
    ours = {m for nb in notebooks for m in notebook_modules(nb)}
    others: set[str] = set()
    for name in ours:
        stat = files[name].stat()
        others |= _imported(str(files[name]), stat.st_mtime_ns, stat.st_size)
    others = {
        m for m in others
        if m.split(".")[0] not in {PACKAGE, *sys.stdlib_module_names}
        and not m.startswith(NOT_PRELOADED)
    }  # fmt: skip
    return sorted(ours) + sorted(others)


@cache
def _imported(path: str, mtime_ns: int, size: int) -> frozenset[str]:
    """Every absolute import a module's source names (keyed by path, mtime and size: an edited
    module is read again in a long session)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(Path(path).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return frozenset(found)


def forked_command(cmd: list[str], path: str, *, python: str = sys.executable) -> list[str]:
    """The launcher's command for an ordinary kernel command, or the command unchanged when
    it is not ``python -m ipykernel_launcher`` run by this interpreter (the server's)."""
    if cmd[1:3] != ["-m", "ipykernel_launcher"]:
        return cmd
    # the path itself, not where its links lead: a venv's python links to the base interpreter,
    # and a kernel spec naming the base one must not get the venv's server
    if os.path.abspath(cmd[0]) != os.path.abspath(python):
        return cmd
    return [cmd[0], "-I", "-S", str(LAUNCHER), path, *cmd[3:]]


class ForkingKernelManager(AsyncKernelManager):
    """nbclient's kernel manager, starting kernels through the run's kernel server when the
    environment names one (:data:`SOCKET_ENV`)."""

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        cmd: list[str] = super().format_kernel_cmd(extra_arguments)
        path = os.environ.get(SOCKET_ENV)
        return forked_command(cmd, path) if path else cmd


@contextlib.contextmanager
def kernel_server(modules: Iterable[str]) -> Iterator[None]:
    """Run a kernel server importing ``modules`` for the duration of the block.

    The server binds its socket before importing, so kernels asked for meanwhile wait in its
    queue instead of failing; the block does not wait for the imports. The server inherits
    this process's environment (set the kernels' environment first).
    """
    if not enabled() or os.environ.get(SOCKET_ENV):
        yield
        return
    folder = Path(tempfile.mkdtemp(prefix="policystudy-kernels-"))
    path = str(folder / "socket")
    names = [*KERNEL_MODULES, *modules]
    server = subprocess.Popen(
        [sys.executable, "-m", __name__, path, *names],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # a Ctrl-C of the run reaches it through the run, not the tty
    )
    assert server.stdout is not None and server.stdin is not None
    try:
        if server.stdout.readline().strip() != b"listening":
            yield  # it could not bind: every kernel starts on its own
            return
        os.environ[SOCKET_ENV] = path
        try:
            yield
        finally:
            os.environ.pop(SOCKET_ENV, None)
    finally:
        server.stdin.close()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server.stdout.close()
        shutil.rmtree(folder, ignore_errors=True)


def serve(path: str, modules: list[str]) -> None:
    """The server: bind, import ``modules``, then fork a watcher for each request until
    standard input closes."""
    # as ipykernel_launcher: the folder the server was started in is not on the path
    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    print("listening", flush=True)
    # nobody reads the pipe after that line: an import that prints must not fill it and block
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # the kernel meets the same error and reports it
            pass
    watchers: set[int] = set()
    while True:
        ready, _, _ = select.select([listener, sys.stdin], [], [], 0.5)
        # reaped here, not ignored, so that the kernels' CPU time counts in the run's
        for pid in list(watchers):
            if os.waitpid(pid, os.WNOHANG)[0]:
                watchers.discard(pid)
        if sys.stdin in ready and not os.read(sys.stdin.fileno(), 1):
            break
        if listener in ready:
            conn, _ = listener.accept()
            pid = os.fork()
            if pid == 0:
                listener.close()
                os._exit(_watch(conn))
            watchers.add(pid)
            conn.close()
    listener.close()
    # kernels the run is still shutting down: a moment for them, then leave them to finish
    deadline = time.monotonic() + 5
    while watchers and time.monotonic() < deadline:
        watchers = {pid for pid in watchers if not os.waitpid(pid, os.WNOHANG)[0]}
        time.sleep(0.05)


def _receive(conn: socket.socket) -> tuple[dict[str, Any], list[int]]:
    head, fds, _, _ = socket.recv_fds(conn, 8, 3)
    size, body = int.from_bytes(head, "big"), b""
    while len(body) < size:
        chunk = conn.recv(size - len(body))
        if not chunk:
            raise ConnectionError("the launcher closed its connection")
        body += chunk
    return json.loads(body), fds


def _watch(conn: socket.socket) -> int:
    """Fork the kernel a launcher asked for, pass on its signals, report its exit."""
    try:
        request, fds = _receive(conn)
    except (OSError, ValueError):
        return 1
    pid = os.fork()
    if pid == 0:
        conn.close()
        _kernel(request, fds)
    for fd in fds:
        os.close(fd)
    conn.sendall(f"pid {pid}\n".encode())
    pending = b""
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            conn.sendall(f"exit {os.waitstatus_to_exitcode(status)}\n".encode())
            return 0
        ready, _, _ = select.select([conn], [], [], 0.05)
        if not ready:
            continue
        data = conn.recv(256)
        if not data:  # the launcher is gone (killed): so goes its kernel
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return 0
        pending += data
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            word, _, value = line.decode().partition(" ")
            if word == "sig":
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, int(value))


def _kernel(request: dict[str, Any], fds: list[int]) -> None:
    """Become the kernel: a new session, the launcher's streams, environment, folder and
    arguments, default signal dispositions; never returns."""
    code = 1
    try:
        os.setsid()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            if fd > 2:
                os.close(fd)
        # as at the start of any Python process
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for sig in (signal.SIGTERM, signal.SIGCHLD):
            signal.signal(sig, signal.SIG_DFL)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        args = list(request["args"])
        parent = request["env"].get("JPY_PARENT_PID", "")
        if parent.isdigit():
            # ipykernel reads it when it is imported, which was in the server, before it was set
            args.append(f"--IPKernelApp.parent_handle={parent}")
        sys.argv = [str(Path(importlib.import_module("ipykernel_launcher").__file__ or "")), *args]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # reported on the kernel's stderr, as Python would
        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2:])
