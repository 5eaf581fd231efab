"""Clients that send their requests a byte at a time do not stop the site (slowloris).

gunicorn is started as `make run` starts it (gunicorn.conf.py, its worker class and
count); only the port differs.
"""

from __future__ import annotations

import sys
import time
import urllib.request

from webapp import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

from loadtest import SlowClients, serve, stop  # noqa: E402

PAGES = ("/en/", "/en/treatment", "/ar/checklists/questions", "/es/outlook", "/en/checklists/questions")


def fetch(url: str) -> tuple[int | str, float]:
    start = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            response.read()
            status = response.status
    except OSError as error:  # a timeout, a refused or reset connection, an HTTP error
        status = repr(error)
    return status, time.monotonic() - start


def test_readers_are_answered_while_forty_clients_send_a_byte_at_a_time():
    process, base = serve("webapp:create_app()")
    port = int(base.rsplit(":", 1)[1])
    try:
        with SlowClients(port, count=40, interval=0.3) as clients:
            assert clients.opened >= 40
            time.sleep(1)  # each has sent a few bytes: a sync worker would be waiting on one now
            answers = {path: fetch(base + path) for path in PAGES}
            # And the server lets go of them: headers not whole in keepalive (5 s) are cut.
            deadline = time.monotonic() + 15
            while clients.closed_by_server < 40 and time.monotonic() < deadline:
                time.sleep(0.2)
            closed = clients.closed_by_server
    finally:
        stop(process)
    late = {
        path: (status, f"{seconds:.2f} s")
        for path, (status, seconds) in answers.items()
        if status != 200 or seconds >= 2
    }
    assert late == {}
    assert closed >= 40
