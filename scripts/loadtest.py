"""make loadtest: drive gunicorn on loopback for a bounded time and record the result.

Starts the app with gunicorn.conf.py on a free 127.0.0.1 port and, with wrk (Debian's
package) and a few Python clients:

- memory: the memory of gunicorn's processes at start-up and after a wrk run whose
  requests vary Host, Accept-Language, Accept-Encoding and the htmx headers;
- pages: a topic, a checklist and a home page in turn;
- slow clients: ordinary requests timed while clients send theirs a byte at a time.

It writes the results to BENCHMARKS.md, and exits non-zero on any error or on an
ordinary request that took over 2 s among the slow clients. Traffic goes to this
machine only.
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
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import free_port, start_gunicorn, stop  # noqa: E402

PATHS = ("/en/outlook", "/ar/checklists/questions", "/es/")
DURATION = os.environ.get("LOADTEST_DURATION", "10s")
CONNECTIONS = int(os.environ.get("LOADTEST_CONNECTIONS", "32"))
SECTION = "## Load test (make loadtest)"
SLOW_CLIENTS = 48
SLOW_PHASE_SECONDS = float(os.environ.get("LOADTEST_SLOW_SECONDS", "10"))
SLOW_PHASE_PATHS = ("/en/", "/en/treatment", "/ar/checklists/questions")
ANSWER_WITHIN = 2.0  # seconds: what a reader waits for at most while slow clients hang
HOSTS = 5000  # distinct Host headers in the memory run
VARIED_PATHS = (
    "/",
    "/en/",
    "/en/treatment",
    "/en/outlook",
    "/ar/checklists/questions",
    "/es/",
    "/zh-Hans/",
    "/vi/checklists/questions",
    "/fr/outlook",
)

# wrk's Lua: each request picks its Host (h0.example ... in turn), language, encoding,
# htmx headers and page. "" leaves the header out.
VARIED_HEADERS_LUA = """
local hosts = %(hosts)d
local paths = {%(paths)s}
local languages = {"en-US,en;q=0.9", "zh-TW,zh;q=0.9,en;q=0.5", "ar", "ar-EG,ar;q=0.9",
                   "es-MX,es;q=0.8", "vi", "fr-CA,fr;q=0.7", "tl", "*", "",
                   "xx-Garbage;;q=abc,,@@", "en;q=2, de;q=-1"}
local encodings = {"br", "gzip", "identity", "gzip, deflate, br", "br;q=0, gzip;q=0.5", ""}
local threads = 0
local n = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  math.randomseed(id + 1)
  n = id * 1009
end

function request()
  n = n + 1
  local headers = {Host = "h" .. (n %% hosts) .. ".example"}
  local language = languages[math.random(#languages)]
  if language ~= "" then headers["Accept-Language"] = language end
  local encoding = encodings[math.random(#encodings)]
  if encoding ~= "" then headers["Accept-Encoding"] = encoding end
  if math.random(3) == 1 then
    headers["HX-Request"] = "true"
    if math.random(2) == 1 then headers["HX-Boosted"] = "true" end
  end
  return wrk.format("GET", paths[math.random(#paths)], headers)
end
"""


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


class SlowClients:
    """``count`` clients that send a request a byte at a time and never finish it.

    A connection the server closes is opened again, as an attacker would, so the
    pressure lasts for the whole ``with`` block, which starts once all are connected.
    """

    # Then "a" for ever: the headers never end.
    HEAD = b"GET /en/ HTTP/1.1\r\nHost: x\r\nX-Slow: "

    def __init__(self, port: int, count: int = SLOW_CLIENTS, interval: float = 0.5):
        self.port, self.count, self.interval = port, count, interval
        self.opened = 0
        self.closed_by_server = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="slow-clients", daemon=True)

    def __enter__(self) -> SlowClients:
        self._thread.start()
        deadline = time.monotonic() + 10
        while self.opened < self.count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        sockets: list[socket.socket | None] = [None] * self.count
        sent = [0] * self.count
        try:
            while not self._stop.is_set():
                for i in range(self.count):
                    if sockets[i] is None:
                        try:
                            sockets[i] = socket.create_connection(("127.0.0.1", self.port), timeout=1)
                        except OSError:
                            continue
                        sent[i] = 0
                        self.opened += 1
                    try:
                        sockets[i].send(self.HEAD[sent[i] : sent[i] + 1] or b"a")
                        sent[i] += 1
                    except OSError:
                        sockets[i].close()
                        sockets[i] = None
                        self.closed_by_server += 1
                self._stop.wait(self.interval)
        finally:
            for sock in sockets:
                if sock is not None:
                    sock.close()


def time_readers(base: str, seconds: float, paths=SLOW_PHASE_PATHS, timeout: float = 5.0) -> dict:
    """Ordinary requests one after another for ``seconds``; their latency and errors."""
    latencies: list[float] = []
    errors = 0
    deadline = time.monotonic() + seconds
    for i in range(100_000):
        if time.monotonic() > deadline:
            break
        start = time.monotonic()
        try:
            with urllib.request.urlopen(base + paths[i % len(paths)], timeout=timeout) as response:
                response.read()
        except OSError:  # timeouts and HTTP errors alike
            errors += 1
        latencies.append(time.monotonic() - start)
    latencies.sort()

    def at(share: float) -> float:
        return 1000 * latencies[min(len(latencies) - 1, int(share * len(latencies)))]

    return {
        "requests": len(latencies),
        "p50": at(0.50),
        "p99": at(0.99),
        "max": 1000 * latencies[-1],
        "over": sum(latency > ANSWER_WITHIN for latency in latencies),
        "errors": errors,
    }


def memory_mb(master: int) -> dict:
    """PSS (shared pages split between the processes sharing them) and RSS, in MB,
    summed over the gunicorn master and its workers. Forked workers share most of
    their pages, so RSS summed counts those once per worker; PSS does not."""
    pids = [master]
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == master:
                pids.append(int(entry.name))
        except OSError:
            continue  # a process that has just exited
    total = {"Pss": 0, "Rss": 0}
    for pid in pids:
        try:
            lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
        except OSError:
            continue
        for line in lines:
            name, _, value = line.partition(":")
            if name in total:
                total[name] += int(value.split()[0])  # kB
    return {"pss": total["Pss"] / 1024, "rss": total["Rss"] / 1024, "processes": len(pids)}


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = [
            line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if line.startswith("model name")
        ]
        cpu = models[0] if models else cpu
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}"


def write_results(rows: list[tuple[str, dict]], slow: dict, memory: dict, load: float) -> str:
    date = datetime.date.today().isoformat()
    table = ["| page | requests | requests/s | p50 | p99 | errors |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for path, r in rows:
        table.append(
            f"| `{path}` | {r['requests']} | {r['rps']:.0f} | {r['p50']:.1f} ms | {r['p99']:.1f} ms | {r['errors']} |"
        )
    before, after, varied = memory["before"], memory["after"], memory["wrk"]
    section = "\n".join(
        [
            SECTION,
            "",
            f"{date}, {machine()}, load average {load:.1f} at the start. gunicorn with `gunicorn.conf.py` "
            f"on 127.0.0.1; `wrk -t2 -c{CONNECTIONS} -d{DURATION} --latency` against each page in turn, "
            "on the same machine.",
            "",
            *table,
            "",
            f"While {SLOW_CLIENTS} clients sent `GET /en/` a byte every 0.5 s without ever ending the headers, "
            f"one client fetched {', '.join(f'`{p}`' for p in SLOW_PHASE_PATHS)} in turn for "
            f"{SLOW_PHASE_SECONDS:.0f} s, a request at a time (over {ANSWER_WITHIN:.0f} s fails the run). "
            f"The server closed {slow['closed_by_server']} slow connections whose headers were not whole in time; "
            "they were opened again.",
            "",
            "| ordinary requests | p50 | p99 | max | over 2 s | errors |",
            "| ---: | ---: | ---: | ---: | ---: | ---: |",
            f"| {slow['requests']} | {slow['p50']:.1f} ms | {slow['p99']:.1f} ms | {slow['max']:.1f} ms "
            f"| {slow['over']} | {slow['errors']} |",
            "",
            f"Memory of the master and its {before['processes'] - 1} workers, at start-up and after "
            f"`wrk -t2 -c{CONNECTIONS} -d{DURATION}` whose requests took Host from h0.example to "
            f"h{HOSTS - 1}.example in turn, and Accept-Language (zh-TW, ar, garbage, none, ...), "
            f"Accept-Encoding (br, gzip, identity, none), HX-Request and HX-Boosted at random, across "
            f"{len(VARIED_PATHS)} paths: {varied['requests']} requests, p50 {varied['p50']:.1f} ms, "
            f"p99 {varied['p99']:.1f} ms, {varied['errors']} errors (wrk counts an answer after 2 s as one). "
            "PSS counts a page shared by forked processes once; RSS summed counts it in each.",
            "",
            "| | PSS | RSS summed |",
            "| --- | ---: | ---: |",
            f"| after start-up | {before['pss']:.0f} MB | {before['rss']:.0f} MB |",
            f"| after varied headers | {after['pss']:.0f} MB | {after['rss']:.0f} MB |",
            f"| growth | {after['pss'] - before['pss']:+.0f} MB | {after['rss'] - before['rss']:+.0f} MB |",
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
    """gunicorn with gunicorn.conf.py as deployed (its number of workers), on a free
    loopback port, with its own address as MBC_PUBLIC_BASE_URL unless ``env`` says otherwise."""
    port = free_port()
    env = {"MBC_PUBLIC_BASE_URL": f"http://127.0.0.1:{port}", **(env or {})}
    return start_gunicorn(app, env=env, port=port, workers=None, errors=subprocess.DEVNULL)


def varied_headers(wrk: str, server: subprocess.Popen, base: str) -> dict:
    """Memory before and after a wrk run with many Hosts, languages, encodings and htmx headers."""
    before = memory_mb(server.pid)
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "varied.lua"
        paths = ", ".join(f'"{path}"' for path in VARIED_PATHS)
        script.write_text(VARIED_HEADERS_LUA % {"hosts": HOSTS, "paths": paths})
        result = run_wrk(wrk, base + "/", ["-s", str(script)])
    return {"before": before, "after": memory_mb(server.pid), "wrk": result}


def main() -> int:
    wrk = shutil.which("wrk")
    if wrk is None:
        print("wrk is missing: make loadtest installs Debian's wrk where apt-get is allowed", file=sys.stderr)
        return 1
    load = os.getloadavg()[0]  # other work on the machine shows in every number below
    server, base = serve("webapp:create_app()")
    try:
        memory = varied_headers(wrk, server, base)
        rows = [(path, run_wrk(wrk, base + path)) for path in PATHS]
        with SlowClients(int(base.rsplit(":", 1)[1])) as clients:
            slow = time_readers(base, SLOW_PHASE_SECONDS)
        slow["closed_by_server"] = clients.closed_by_server
    finally:
        stop(server)
    print(write_results(rows, slow, memory, load))
    errors = sum(r["errors"] for _, r in rows) + memory["wrk"]["errors"] + slow["errors"]
    return 1 if errors or slow["over"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
