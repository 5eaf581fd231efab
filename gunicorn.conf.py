"""gunicorn settings for `make run` and the Procfile."""

import multiprocessing
import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# The app renders every page at start-up: do it once, before forking, and let the
# workers share the result.
preload_app = True
keepalive = 5
accesslog = "-"
# %(U)s is the path without its query string: nothing a reader typed reaches the log.
access_log_format = '"%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
