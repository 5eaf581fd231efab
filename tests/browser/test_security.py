"""Hardening checked against the real server and browser."""

from __future__ import annotations

import socket
import time
from urllib.parse import urlsplit

from tests.browser.conftest import PHONE, start_gunicorn, stop
from tests.guide_pages import page_paths

#: Records what the page's CSP refused, from the first moment of every page.
CSP_WATCH = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def test_no_page_requests_another_host_or_breaks_the_csp(browser, server):
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(CSP_WATCH)
    hosts = set()
    context.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page = context.new_page()
    violations = {}
    for path in page_paths():
        page.goto(server + path)
        found = page.evaluate("() => window.cspViolations")
        if found:
            violations[path] = found
    # And while using what scripts drive: a checklist, sharing, saving for offline.
    page.goto(server + "/ar/checklists/questions")
    page.locator("li[data-item] input[type=checkbox]").first.check()
    page.locator("li[data-item] .note-toggle").first.click()
    page.keyboard.type("note")
    page.locator("[data-action=share]").click()
    page.goto(server + "/es/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.locator("[data-save]").click()
    page.wait_for_selector("[data-unsave]:not([hidden])", timeout=60_000)
    found = page.evaluate("() => window.cspViolations")
    if found:
        violations["interactions"] = found
    context.close()
    assert violations == {}
    assert hosts == {urlsplit(server).netloc}


def raw_request(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        try:
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)
        except OSError:  # the server answered (400, 431) and closed before the request ended
            pass
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except (TimeoutError, ConnectionResetError):
            pass
    return b"".join(chunks)


MALFORMED = [
    b"GARBAGE\r\n\r\n",
    b"GET\r\n\r\n",
    b"GET / HTTP/9.9\r\nHost: x\r\n\r\n",
    b"GET /en/ HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
    b"GET /en/ HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    b"GET /en/\x00outlook HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /en/%ff%fe HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /../../pyproject.toml HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /static/../../pyproject.toml HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nAccept-Language: " + b"a;q=" * 4000 + b"\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"x" * 20000 + b"\r\n\r\n",
    b"GET / HTTP/1.1\r\n" + b"".join(b"X-H%d: y\r\n" % i for i in range(200)) + b"\r\n",
    b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nHX-Request: \xff\xfe\r\nAccept-Language: \xc3\x28\r\n\r\n",
    b"GET //evil.example/ HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /?next=//evil.example HTTP/1.1\r\nHost: x\r\n\r\n",
]


def test_malformed_raw_requests_get_a_clear_answer_and_the_server_stays_up(tmp_path):
    process, base = start_gunicorn()
    port = int(base.rsplit(":", 1)[1])
    try:
        for data in MALFORMED:
            answer = raw_request(port, data)
            status = answer.split(b"\r\n", 1)[0]
            assert status.startswith(b"HTTP/1."), (data[:60], answer[:100])
            code = int(status.split()[1])
            assert code < 500, (data[:60], status)
            location = [line for line in answer.split(b"\r\n") if line.lower().startswith(b"location:")]
            for line in location:
                target = line.split(b":", 1)[1].strip()
                assert target.startswith(b"/") and not target.startswith(b"//") or target.startswith(b"http://x/"), line
            if b"passwd" in data or b"pyproject" in data:
                assert code == 404 or code == 400, status
        assert raw_request(port, b"GET /en/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").startswith(
            b"HTTP/1.1 200"
        )
    finally:
        stop(process)


def test_the_access_log_holds_no_query_strings(tmp_path):
    log_path = tmp_path / "access.log"
    with log_path.open("w") as log:
        process, base = start_gunicorn(log=log)
        try:
            port = int(base.rsplit(":", 1)[1])
            raw_request(port, b"GET /en/outlook?note=my-private-words HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            raw_request(
                port, b"GET /en/nothing-here?next=/es/private-path HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            )
            time.sleep(0.5)
        finally:
            stop(process)
    text = log_path.read_text()
    assert "/en/outlook" in text and "/en/nothing-here" in text
    assert "my-private-words" not in text and "private-path" not in text and "?" not in text
