"""gunicorn settings for `make run` and the Procfile."""

import gc
import multiprocessing
import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")

# Readers reach gunicorn with no buffering proxy in front, so a client that sends its
# request slowly must not hold a worker. A sync worker serves one connection at a time
# and waits as long as the client takes: a few dozen clients sending a byte at a time
# stop the site. gthread is no better: a thread, once a request has begun to arrive,
# waits for the rest of it. A gevent worker waits on all its connections at once and
# spends time only on requests that have arrived whole.
worker_class = "gevent"
# Waiting no longer costs a worker, so one per core is enough for the work itself;
# at least two, so that one restarting never leaves no one to answer.
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
# Open connections, slow or not, per worker; past it a worker stops accepting until one
# closes. One waiting connection costs a few kilobytes.
worker_connections = 1000
# The gevent worker also uses this as the time a request's line and headers may take
# from the moment it starts reading them (a first request or the next on a kept-alive
# connection): a client that has not sent them whole by then is disconnected. At 0 it
# would wait for a first request for ever. Not bounded: how long a client takes to read
# the answer (a page fits in the kernel's socket buffers, so that costs one idle
# connection), and request bodies, which no route accepts.
keepalive = 5
# A worker whose event loop stops (a request computing for this long) is restarted.
# It does not bound a slow client: waiting on one never stops the loop.
timeout = 30
# On a restart or stop, connections still open after this are closed.
graceful_timeout = 10

# The app renders every page at start-up: do it once, before forking, and let the
# workers share the result. The gevent worker patches the standard library after the
# fork, so the app was imported unpatched. That is safe here: the app makes no network
# calls, starts no threads and keeps no thread-locals or locks across I/O; patching only
# has to reach gunicorn's own sockets, which the worker wraps anew. Do not patch at the
# top of this file instead: it would patch the master too, whose control socket runs
# asyncio in a thread. An app that someday calls out (HTTPS, a database) needs another look.
preload_app = True


def pre_fork(server, worker):
    # The gevent worker, when it patches, looks through every object the app made (for
    # locks to fix up), and Python's collector does so now and then: touching them copies
    # into each worker the memory pages it shared with the master, about 13 MB each here.
    # Frozen objects are left alone, and stay shared.
    gc.collect()
    gc.freeze()


accesslog = "-"
# %(U)s is the path without its query string: nothing a reader typed reaches the log.
access_log_format = '"%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
