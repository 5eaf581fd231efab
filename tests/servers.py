"""Starting and stopping the servers tests run against (gunicorn, nginx), on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from webapp import ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(
    app: str = "webapp:create_app()",
    env: dict | None = None,
    port: int | None = None,
    workers: int | None = 2,
    log=None,
    errors=subprocess.PIPE,
) -> tuple[subprocess.Popen, str]:
    """Serve ``app`` with gunicorn.conf.py on loopback, once it answers. ``env`` may point
    MBC_CONTENT_DIR elsewhere, ``port`` reuse an origin, ``workers`` (None: the
    configuration's number) size it, ``log`` (an open file) receive the access log,
    ``errors`` its error log (a pipe, read if it dies; DEVNULL under a long load)."""
    port = port or free_port()
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", app]
    if workers:
        command[-1:-1] = ["--workers", str(workers)]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=log or subprocess.DEVNULL,
        stderr=errors,
    )
    base = f"http://127.0.0.1:{port}"
    wait_until_answers(process, base, "gunicorn", path="/" if app != "webapp:create_app()" else "/en/")
    return process, base


def wait_until_answers(process: subprocess.Popen, base: str, name: str, seconds: float = 30, path="/en/") -> None:
    """Until ``base + path`` answers 200; raises with the server's last words if it died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            last_words = process.stderr.read().decode()[-2000:] if process.stderr else ""
            raise RuntimeError(f"{name} exited with {process.returncode}: {last_words}")
        try:
            with urllib.request.urlopen(base + path, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    stop(process)
    raise RuntimeError(f"{name} did not answer within {seconds:.0f} s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stderr:
        process.stderr.close()


def require(reason: str | None) -> None:
    """Skip a test for a missing tool, with the reason; in CI, fail instead."""
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
