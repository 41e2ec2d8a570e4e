"""The command a notebook kernel is started with when a run has a kernel server.

Run as a script (``python -I -S kernel_launcher.py SOCKET -f CONNECTION_FILE ...``), with the
standard library only, so that it starts in milliseconds. It asks the run's kernel server
(:mod:`policystudy.workflow.kernels`) to fork a kernel that has already imported the libraries,
hands it this process's standard streams, environment and working folder, forwards the
signals it receives (an interrupt is SIGINT to the process the kernel manager started: this one)
and exits with the kernel's status. When the server cannot be reached, it becomes the ordinary
kernel (``python -m ipykernel_launcher ...``) instead, so a run never depends on the server.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import sys

#: Signals passed on to the kernel (SIGKILL cannot be caught: the server kills the kernel when
#: this process's connection closes).
FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1,
             signal.SIGUSR2)  # fmt: skip


def _ordinary_kernel(args: list[str]) -> None:
    os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *args])


def main(argv: list[str]) -> int:
    path, args = argv[0], argv[1:]
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(path)
    except OSError:
        conn.close()
        _ordinary_kernel(args)
    request = json.dumps({"args": args, "env": dict(os.environ), "cwd": os.getcwd()}).encode()
    socket.send_fds(conn, [len(request).to_bytes(8, "big")], [0, 1, 2])
    conn.sendall(request)

    def forward(signum: int, frame: object) -> None:
        conn.sendall(f"sig {signum}\n".encode())

    for sig in FORWARDED:
        signal.signal(sig, forward)
    # An ordinary kernel exits when the process that started it dies (ipykernel's parent
    # poller); a forked one's parent is the server, so this process watches for it.
    parent = os.getppid()
    started, pending = False, b""
    while True:
        ready, _, _ = select.select([conn], [], [], 1.0)
        if os.getppid() != parent:
            return 1  # closing the connection makes the server kill the kernel
        if not ready:
            continue
        data = conn.recv(256)
        if not data:
            break
        pending += data
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            word, _, value = line.decode().partition(" ")
            if word == "pid":
                started = True
            elif word == "exit":
                code = int(value)
                if code < 0:  # killed by a signal: die of the same one, as the kernel did
                    signal.signal(-code, signal.SIG_DFL)
                    os.kill(os.getpid(), -code)
                return code
    if not started:  # the server went away before forking (it was stopping): start alone
        conn.close()
        _ordinary_kernel(args)
    return 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
