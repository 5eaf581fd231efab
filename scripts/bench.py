"""make bench: timings, measured and written down (tests check bytes, not seconds).

1. Serving cost: wrk against a page and against a Flask hello-world, both under
   gunicorn.conf.py, and against the export served by Debian's nginx with
   deploy/nginx.conf and nginx serving one plain file (the machine's limit), in the
   same run; the ratio of their throughput.
2. Start-up time and memory per worker as the pages × languages grow; the export's
   time and bytes per language.
3. Bytes transferred and load time per page in Chromium under a slow-3G profile.
   With a year of diary entries, saving a rating and drawing the 30-day view, the
   CPU throttled 4× (issue 16's bar: each under 50 ms).
4. The search index and the glossary's definitions of each language, in bytes as sent.
5. Lighthouse mobile scores (lighthouse@12.8.2 from npm, Debian's Chromium) on every
   kind of page, in English and Arabic: the median of several runs per page, since
   one run's Total Blocking Time swings with whatever else the machine is doing.

Results go to BENCHMARKS.md with the machine and the date. Traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from loadtest import machine, replace_section, run_wrk, serve, stop  # noqa: E402

LIGHTHOUSE = "lighthouse@12.8.2"  # 13 needs Node 22.19+; the machines have Node 20
#: One page of every kind: home, topics (symptoms: the longest first screen), checklist,
#: offline page, search, printable handout, and what a patient keeps (visits, medicines, my data).
KINDS = [
    "/",
    "/outlook",
    "/symptoms",
    "/checklists/questions",
    "/offline",
    "/search",
    "/outlook/handout",
    "/visits",
    "/medicines",
    "/diary",
    "/my-data",
]
PAGES = [f"/{lang}{path}" for lang in ("en", "ar") for path in KINDS]
#: Lighthouse's docs: the median of 5 runs is about twice as stable as one run.
LIGHTHOUSE_RUNS = int(os.environ.get("BENCH_LIGHTHOUSE_RUNS", "5"))
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SECTION = "## Benchmarks (make bench)"


BROTLI = ["-H", "Accept-Encoding: br"]


def serving_cost(wrk: str, export_dir: Path) -> list[str]:
    """Requests per second of each way of serving a page, in one run, on this machine."""
    from tests.nginx import free_port, start_nginx
    from tests.nginx import stop as stop_nginx

    results = []
    hello, hello_base = serve("scripts.hello_app:create_app()")
    try:
        results.append(("Flask hello-world, gunicorn", run_wrk(wrk, hello_base + "/")))
    finally:
        stop(hello)
    app, base = serve("webapp:create_app()")
    try:
        results += [(f"`{path}` (brotli), gunicorn", run_wrk(wrk, base + path, BROTLI)) for path in PAGES[:3]]
    finally:
        stop(app)
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "plain"
        (plain / "en").mkdir(parents=True)
        # The same page's brotli bytes as one plain file: nothing to choose, nothing to negotiate.
        (plain / "en" / "index.html").write_bytes((export_dir / "en" / "outlook.html.br").read_bytes())
        nginx, nginx_base = start_nginx(export_dir, free_port())
        try:
            results += [
                (f"`{path}` (brotli), export on nginx", run_wrk(wrk, nginx_base + path, BROTLI)) for path in PAGES[:3]
            ]
        finally:
            stop_nginx(nginx)
        nginx, nginx_base = start_nginx(plain, free_port())
        try:
            results.append(
                (
                    "one plain file of the same size, nginx (the machine's limit)",
                    run_wrk(wrk, nginx_base + "/en/"),
                )
            )
        finally:
            stop_nginx(nginx)
    hello_rps = results[0][1]["rps"]
    rows = [
        "| served | requests/s | p50 | p99 | errors | cost vs hello-world |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in results:
        ratio = hello_rps / r["rps"] if r["rps"] else float("inf")
        rows.append(
            f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} ms | {r['p99']:.1f} ms | {r['errors']} | {ratio:.2f}× |"
        )
    return rows


def export_cost(dest: Path, base_url: str) -> list[str]:
    """How long `make export` takes, and what each language weighs on disk and on the wire."""
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "webapp", "site", "export", str(dest)],
        cwd=ROOT,
        env={**os.environ, "MBC_PUBLIC_BASE_URL": base_url},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    seconds = time.perf_counter() - start
    rows = [
        f"`make export`: {seconds:.1f} s (start-up included).",
        "",
        "| language | files | bytes | brotli |",
        "| --- | ---: | ---: | ---: |",
    ]
    for folder in sorted(p for p in dest.iterdir() if p.is_dir() and p.name not in ("static", ".well-known")):
        files = [f for f in folder.rglob("*") if f.is_file() and f.suffix not in (".br", ".gz")]
        size = sum(f.stat().st_size for f in files)
        brotli_size = sum(
            (f.with_name(f.name + ".br")).stat().st_size for f in files if f.with_name(f.name + ".br").exists()
        )
        rows.append(f"| {folder.name} | {len(files)} | {size / 1000:.0f} kB | {brotli_size / 1000:.0f} kB |")
    assert "Wrote" in out
    return rows


GROWTH_PROBE = """
import json, resource, sys, time
t = time.perf_counter()
from webapp import create_app
app = create_app({"CONTENT_DIR": sys.argv[1], "PUBLIC_BASE_URL": "http://127.0.0.1"})
seconds = time.perf_counter() - t
pages = app.extensions["sites"].size()
print(json.dumps({"seconds": seconds, "pages": pages, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def growth() -> list[str]:
    """Copies of the topics under new ids and slugs: same languages, more pages."""
    rows = [
        "| topics | resources held (all languages, pages and fragments) | start-up | peak memory (one process) |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for factor in (1, 3, 6):
        with tempfile.TemporaryDirectory() as tmp:
            content = Path(tmp) / "content"
            shutil.copytree(ROOT / "content", content)
            topics = sorted((content / "topics").glob("*.md"))
            for copy in range(1, factor):
                for topic in topics:
                    text = topic.read_text()
                    text = re.sub(r"^id: (.+)$", rf"id: \1-copy{copy}", text, count=1, flags=re.MULTILINE)
                    (content / "topics" / f"{topic.stem}-copy{copy}.md").write_text(text)
            out = subprocess.run(
                [sys.executable, "-c", GROWTH_PROBE, str(content)], cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout
            data = json.loads(out.strip().splitlines()[-1])
        rows.append(f"| {len(topics) * factor} | {data['pages']} | {data['seconds']:.2f} s | {data['rss_mb']:.0f} MB |")
    return rows


SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400 * 1024 / 8, "uploadThroughput": 400 * 1024 / 8}


def search_sizes() -> list[str]:
    """Each language's search index and glossary definitions as sent (the bar: index ≤ 10 KB
    brotli), against the text of the guide they are made from."""
    from webapp import create_app

    app = create_app({"TESTING": True})
    files = app.extensions["static_assets"].files
    guide = app.extensions["guide"]
    rows = [
        "| language | index: words, pages | index, brotli | definitions, brotli | the guide's text, brotli |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    import brotli

    from webapp.guide import markdown
    from webapp.guide.rendering import parts

    for lang in sorted(guide.coverage):
        index = files[f"search/{lang}.json"]
        data = json.loads(index.body)
        text = "\n".join(
            (guide.catalogs.lookup(lang, "content", a.context, s.text) if lang != "en" else None) or s.text
            for a in guide.library.articles
            for part in parts(a)
            for s in markdown.segments(part)
        )
        rows.append(
            f"| {lang} | {len(data['terms'].split())}, {len(data['pages'])} | {len(index.encoded('br')):,} B "
            f"| {len(files[f'glossary/{lang}.json'].encoded('br')):,} B | {len(brotli.compress(text.encode(), quality=11)):,} B |"
        )
    return rows


def slow_3g(base: str) -> list[str]:
    from playwright.sync_api import sync_playwright

    rows = ["| page | transferred | requests | load event |", "| --- | ---: | ---: | ---: |"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-background-networking"]
        )
        for path in PAGES:
            context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW_3G)
            sizes = {}
            cdp.on(
                "Network.loadingFinished",
                lambda e, sizes=sizes: sizes.__setitem__(e["requestId"], e["encodedDataLength"]),
            )
            start = time.perf_counter()
            page.goto(base + path, wait_until="load")
            seconds = time.perf_counter() - start
            page.wait_for_timeout(500)
            rows.append(f"| `{path}` | {sum(sizes.values()) / 1024:.1f} KB | {len(sizes)} | {seconds:.2f} s |")
            context.close()
        browser.close()
    return rows


#: A year of daily diary entries, written straight into the store: 16 ratings, a note and a
#: temperature a day (as tests/browser/test_diary.py's year).
DIARY_YEAR = """(ids) => {
  const pad = (n) => String(n).padStart(2, '0');
  for (let i = 0; i < 365; i++) {
    const d = new Date(); d.setDate(d.getDate() - i);
    const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    const f = {note: [`Day ${i}: ` + 'words '.repeat(20), 1000], temp: [36.5 + (i % 20) / 10, 1000]};
    ids.forEach((id, n) => { f[`s.${id}`] = [(i + n) % 5, 1000]; });
    localStorage.setItem('mbc-companion:record:diary:' + day, JSON.stringify({v: 2, f}));
  }
}"""


def diary_timing(base: str) -> list[str]:
    """Issue 16's bar: with a year of entries, saving a rating and drawing the 30-day view
    each under 50 ms in Chromium with the CPU throttled 4×. The page measures both
    (performance.measure "diary-save", "diary-draw"); the median and worst of 5 loads."""
    from playwright.sync_api import sync_playwright

    from webapp.keeping.symptoms import SYMPTOMS

    saves, draws = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-background-networking"]
        )
        context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
        page = context.new_page()
        page.goto(base + "/en/about")
        page.evaluate(DIARY_YEAR, [symptom.id for symptom in SYMPTOMS])
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        for _ in range(5):
            page.goto(base + "/en/diary")
            page.wait_for_selector("article.diary.is-interactive")
            page.locator("[data-span='30']").click()
            page.locator("fieldset[data-symptom=tiredness] .rating-input:not(:checked) + label").first.click()
            measured = page.evaluate(
                "() => ['diary-save', 'diary-draw'].map((n) => performance.getEntriesByName(n).at(-1).duration)"
            )
            saves.append(measured[0])
            draws.append(measured[1])
        browser.close()
    rows = ["| a year of entries, CPU 4× slower | median | worst of 5 | bar |", "| --- | ---: | ---: | ---: |"]
    for name, values in (("saving one rating (and redrawing)", saves), ("drawing the 30-day view", draws)):
        rows.append(f"| {name} | {statistics.median(values):.1f} ms | {max(values):.1f} ms | 50 ms |")
    return rows


def lighthouse_run(npx: str, url: str) -> dict:
    """One Lighthouse mobile run: the four category scores, TBT and CLS, or the error."""
    env = {**os.environ, "CHROME_PATH": shutil.which("chromium") or ""}
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        result = subprocess.run(
            [
                npx,
                "--yes",
                LIGHTHOUSE,
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                "--form-factor=mobile",
                "--only-categories=" + ",".join(CATEGORIES),
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking",
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        if result.returncode != 0 or not report.exists():
            lines = result.stderr.strip().splitlines()
            return {"error": textwrap.shorten(lines[-1], 200) if lines else "no report"}
        data = json.loads(report.read_text())
    if data.get("runtimeError") or any(data["categories"][c]["score"] is None for c in CATEGORIES):
        return {"error": (data.get("runtimeError") or {}).get("code", "a category has no score")}
    scores = {c: round(100 * data["categories"][c]["score"]) for c in CATEGORIES}
    audits = data["audits"]
    return {
        **scores,
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        # Lighthouse's own measure of this machine's speed: its 4× CPU slowdown is
        # applied to what it observes here, so a slower machine scores lower.
        "benchmark": data["environment"]["benchmarkIndex"],
    }


def lighthouse(base: str) -> list[str]:
    npx = shutil.which("npx")
    if npx is None:
        return ["Lighthouse not run: npx is missing."]
    rows = [
        f"Median of {LIGHTHOUSE_RUNS} runs per page; the range of the performance score in brackets.",
        "",
        "| page | performance | accessibility | best practices | SEO | TBT | CLS |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    failures, all_runs = [], []
    for path in PAGES:
        runs = [lighthouse_run(npx, base + path) for _ in range(LIGHTHOUSE_RUNS)]
        all_runs.append(runs)
        good = [run for run in runs if "error" not in run]
        if not good:
            rows.append(f"| `{path}` | failed: {runs[0]['error']} | | | | | |")
            continue

        def median(key, good=good):
            return statistics.median(run[key] for run in good)

        performance = [run["performance"] for run in good]
        cells = [f"{median('performance'):.0f} ({min(performance)}–{max(performance)})"]
        cells += [f"{median(c):.0f}" for c in CATEGORIES[1:]]
        cells += [f"{median('tbt'):.0f} ms", f"{median('cls'):.3f}"]
        rows.append(f"| `{path}` | " + " | ".join(cells) + " |")
        failures += [f"`{path}`: {run['error']}" for run in runs if "error" in run]
    indexes = [run["benchmark"] for runs in all_runs for run in runs if "error" not in run]
    if indexes:
        rows += ["", f"Lighthouse's benchmarkIndex of this machine: {statistics.median(indexes):.0f} (median)."]
    if failures:
        rows += ["", "Runs that failed (left out of the medians): " + "; ".join(failures) + "."]
    return rows


def write(sections: list[tuple[str, list[str]]]) -> str:
    date = datetime.date.today().isoformat()
    body = [SECTION, "", f"{date}, {machine()}. Run `make bench` to measure again.", ""]
    for title, rows in sections:
        body += [f"### {title}", "", *rows, ""]
    text_block = "\n".join(body)
    replace_section(SECTION, text_block)
    return text_block


def main() -> int:
    wrk = shutil.which("wrk")
    if wrk is None:
        print("wrk is missing: make bench installs Debian's wrk where apt-get is allowed", file=sys.stderr)
        return 1
    from tests.nginx import free_port, start_nginx
    from tests.nginx import stop as stop_nginx

    with tempfile.TemporaryDirectory() as tmp:
        export_dir = Path(tmp) / "export"
        port = free_port()
        sections = [("The export (make export)", export_cost(export_dir, f"http://127.0.0.1:{port}"))]
        sections += [
            ("Serving cost: each way of serving a page against a Flask hello-world", serving_cost(wrk, export_dir)),
            ("Start-up and memory as pages × languages grow", growth()),
            ("Search: each language's index and glossary definitions, as sent", search_sizes()),
        ]
        app, base = serve("webapp:create_app()")
        try:
            sections.append(("Bytes and load time in Chromium, slow 3G (400 kbit/s, 400 ms RTT), cold", slow_3g(base)))
            sections.append(("The diary with a year of entries, in Chromium", diary_timing(base)))
            if os.environ.get("BENCH_LIGHTHOUSE", "1") != "0":
                sections.append((f"Lighthouse mobile ({LIGHTHOUSE}), gunicorn", lighthouse(base)))
        finally:
            stop(app)
        if os.environ.get("BENCH_LIGHTHOUSE", "1") != "0":
            nginx, nginx_base = start_nginx(export_dir, port)
            try:
                sections.append((f"Lighthouse mobile ({LIGHTHOUSE}), the export on nginx", lighthouse(nginx_base)))
            finally:
                stop_nginx(nginx)
    print(write(sections))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
