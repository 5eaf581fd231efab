"""make loadtest: drive gunicorn on loopback for a bounded time and record the result.

Starts the app with gunicorn.conf.py on a free 127.0.0.1 port, runs wrk (Debian's
package) against a topic, a checklist and the home page in turn, and writes the
errors and latency to BENCHMARKS.md. Traffic goes to this machine only.
"""

from __future__ import annotations

import datetime
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = ("/en/outlook", "/ar/checklists/questions", "/es/")
DURATION = os.environ.get("LOADTEST_DURATION", "10s")
CONNECTIONS = int(os.environ.get("LOADTEST_CONNECTIONS", "32"))
SECTION = "## Load test (make loadtest)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer at {url}")


def to_ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(wrk: str, url: str, extra: list[str] | None = None) -> dict:
    out = subprocess.run(
        [wrk, "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency", *(extra or []), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    errors += int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1)),
        "p99": to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1)),
        "errors": errors,
    }


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = [
            line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if line.startswith("model name")
        ]
        cpu = models[0] if models else cpu
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}"


def write_results(rows: list[tuple[str, dict]]) -> str:
    date = datetime.date.today().isoformat()
    table = ["| page | requests | requests/s | p50 | p99 | errors |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for path, r in rows:
        table.append(
            f"| `{path}` | {r['requests']} | {r['rps']:.0f} | {r['p50']:.1f} ms | {r['p99']:.1f} ms | {r['errors']} |"
        )
    section = "\n".join(
        [
            SECTION,
            "",
            f"{date}, {machine()}. gunicorn with `gunicorn.conf.py` on 127.0.0.1; "
            f"`wrk -t2 -c{CONNECTIONS} -d{DURATION} --latency` against each page in turn, on the same machine.",
            "",
            *table,
            "",
        ]
    )
    replace_section(SECTION, section)
    return section


def replace_section(heading: str, block: str, bench: Path = ROOT / "BENCHMARKS.md") -> None:
    """Put ``block`` in BENCHMARKS.md in place of the section under ``heading``."""
    text = (
        bench.read_text()
        if bench.exists()
        else "# Benchmarks\n\nMeasured, not asserted: tests check bytes and behaviour; timings live here.\n\n"
    )
    block = block.strip("\n") + "\n"
    if heading in text:
        start = text.index(heading)
        end = text.find("\n## ", start + 1)
        before = text[:start].rstrip("\n") + "\n\n"
        text = before + block + ("\n" + text[end + 1 :] if end != -1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + block
    bench.write_text(text)


def serve(app: str, env=None) -> tuple[subprocess.Popen, str]:
    """gunicorn with gunicorn.conf.py on a free loopback port, once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            app,
        ],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/", 60)
    return process, base


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)


def main() -> int:
    wrk = shutil.which("wrk")
    if wrk is None:
        print("wrk is missing: make loadtest installs Debian's wrk where apt-get is allowed", file=sys.stderr)
        return 1
    server, base = serve("webapp:create_app()")
    try:
        rows = [(path, run_wrk(wrk, base + path)) for path in PATHS]
    finally:
        stop(server)
    print(write_results(rows))
    return 1 if any(r["errors"] for _, r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
