"""Public pages under load: gunicorn as `make serve` runs it, measured with wrk.

Loads the demo content into a database of its own (dropped and made again on
PostgreSQL, emptied on others, so its name must contain "bench"), and with
--multiply copies it up to 300 projects, 40 agendas, 400 demands and 200 milestones,
each copy published with new slugs in every language. Then it starts gunicorn with
gunicorn.conf.py, 2 workers on 127.0.0.1 (a free port in 8711–8719), debug off and
NGO_BENCHMARK=1, which adds /bench/baseline/: the same middleware as every page,
a body of an average page's size, no template and no query.

Each page is loaded for --seconds with `wrk -t2 -c8 --latency` (or, without wrk,
threads in this process), right after the baseline for as long, and reported with
requests per second, p50 and p99, its share of the baseline's rate, and the SQL
queries of one request (Django's test client in this process). Then valid
sponsorship forms are fetched and posted by --clients threads for --submit-seconds:
the stored sponsorships per second. --mode off (the default) turns the page cache
off; --mode warm turns it on with Redis (REDIS_URL, else database 15 of the local
Redis, emptied first), and each page is loaded a few times before it is measured.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ngo_serve_bench \\
        .venv/bin/python bench/pages.py --multiply --seconds 5 --output /tmp/pages.md

The Markdown table goes to standard output (and --output), ready for
docs/performance.md. Everything the script starts is stopped when it ends, also on
Ctrl-C. The load generator shares the machine with the server: on 2 cores, wrk's
own CPU is part of what is measured.
"""

import argparse
import http.client
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode
from uuid import uuid4

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.database import database_version, fresh_database  # noqa: E402

HOST = "127.0.0.1"
PORTS = range(8711, 8720)
WORKERS = 2
PAGE_TARGET = 0.10  # of the baseline's requests per second, cache off
WARM_TARGET = 0.60  # the same with a warm page cache
SUBMIT_TARGET = 100  # stored sponsorships per second, PostgreSQL, 2 workers
MULTIPLIED = {"projects": 300, "agendas": 40, "demands": 400, "milestones": 200}

# Production-like settings for this process and the server: debug off, its own keys,
# a benchmark database, and nothing that would refuse or redirect loopback traffic.
BENCH_ENVIRONMENT = {
    "DJANGO_DEBUG": "false",
    "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    # Mail is queued (a row per sponsorship, as in production); no worker sends it.
    "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "DJANGO_EMAIL_ALLOW_LOG_BACKEND": "true",
    # Every client comes from 127.0.0.1: the per-address limits would stop the test.
    "DONATION_SUBMISSION_RATE": "1000000/s",
    "DONATION_STORED_RATE": "1000000/s",
    "SEPA_CREDITOR_ID": "DE98ZZZ09999999999",
    "DONATION_ACCOUNT_EUR": "DE89 3704 0044 0532 0130 00",
    "DONATION_BIC_EUR": "COBADEFFXXX",
    "AVTALEGIRO_ORGANISATION_NUMBER": "987654325",
    "AVTALEGIRO_ACCOUNT": "86011117947",
    "AVTALEGIRO_DATA_TRANSMITTER": "00012345",
    "AVTALEGIRO_AGREEMENT_ID": "000012345",
    "DONATION_ACCOUNT_NOK": "86011117947",
    "BETALINGSSERVICE_PBS_NUMBER": "87654321",
    "BETALINGSSERVICE_DEBTOR_GROUP": "00002",
    "DONATION_ACCOUNT_DKK": "DK50 0040 0440 1162 43",
}

# A valid sponsorship, as tests/builders.py posts it.
SPONSORSHIP_POST = {
    "currency": "EUR",
    "amounts_currency": "EUR",
    "amount": "35",
    "other_amount": "",
    "place": "need",
    "first_name": "Ann",
    "last_name": "Peeters",
    "email": "ann@example.org",
    "phone": "",
    "street": "Kerkstraat 1",
    "postal_code": "3000",
    "city": "Leuven",
    "country": "BE",
    "language": "nl",
    "account_holder": "Ann Peeters",
    "account": "BE71 0961 2345 6769",
    "collection_day": "15",
    "mandate": "on",
    "privacy": "on",
}
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# --- pure pieces (tests/test_bench_pages.py) ------------------------------------------

WRK_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def wrk_milliseconds(text):
    """wrk's '9.52ms', '812.00us', '1.20s' in milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip()).groups()
    return float(number) * WRK_UNITS[unit]


def parse_wrk(output):
    """{rps, p50, p99 (ms), requests, errors} from `wrk --latency` output."""

    def line(pattern):
        match = re.search(pattern, output, re.MULTILINE)
        return match.group(1) if match else None

    errors = int(line(r"Non-2xx or 3xx responses:\s+(\d+)") or 0)
    socket_errors = line(r"Socket errors:(.*)$")
    if socket_errors:
        errors += sum(int(count) for count in re.findall(r"\d+", socket_errors))
    return {
        "rps": float(line(r"^Requests/sec:\s+([\d.]+)")),
        "p50": wrk_milliseconds(line(r"^\s+50%\s+(\S+)")),
        "p99": wrk_milliseconds(line(r"^\s+99%\s+(\S+)")),
        "requests": int(line(r"^\s+(\d+) requests in")),
        "errors": errors,
    }


def summarise(latencies, seconds, errors):
    """The fallback's figures in wrk's shape: latencies in ms."""
    if len(latencies) < 2:
        return {"rps": len(latencies) / seconds, "p50": None, "p99": None, "errors": errors}
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "rps": len(latencies) / seconds,
        "p50": statistics.median(latencies),
        "p99": cuts[98],
        "requests": len(latencies),
        "errors": errors,
    }


def verdict(ratio, target=PAGE_TARGET):
    return "yes" if ratio >= target else "**no**"


# --- Django in this process -----------------------------------------------------------


def set_up_django(static_root, mode):
    for name, value in BENCH_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    # gunicorn inherits these: the cache as the mode says, shared by both workers.
    os.environ["PAGE_CACHE_ENABLED"] = "true" if mode == "warm" else "false"
    if mode == "warm":
        os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
    os.environ["NGO_BENCHMARK"] = "1"
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ["DJANGO_STATIC_ROOT"] = str(static_root)
    if not os.environ.get("DJANGO_SECRET_KEY"):
        os.environ["DJANGO_SECRET_KEY"] = f"bench-{uuid4().hex}{uuid4().hex}"
    if not os.environ.get("DONOR_DATA_KEYS"):
        from cryptography.fernet import Fernet

        os.environ["DONOR_DATA_KEYS"] = Fernet.generate_key().decode()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ngo.settings")
    import django

    django.setup()


def fresh_database_with_demo():
    from django.core.management import call_command

    fresh_database()
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def copy_row(row, number, **changes):
    """A published copy of a demo row, its slugs made unique in every language, with
    the same many-to-many links (children such as a project's goals are not copied)."""
    from django.conf import settings

    links = {field.name: list(getattr(row, field.name).all()) for field in row._meta.many_to_many}
    row.pk = row.id = None
    row._state.adding = True
    for code in settings.LANGUAGE_CODES:
        slug = getattr(row, f"slug_{code}", None)
        if slug:
            setattr(row, f"slug_{code}", f"{slug}-{number}"[:200])
    for name, value in {"published": True, "publish_from": None, "publish_until": None}.items():
        if hasattr(row, name):
            setattr(row, name, value)
    for name, value in changes.items():
        setattr(row, name, value)
    row.save()
    for name, values in links.items():
        getattr(row, name).set(values)
    return row


def copies(model, total, **changes):
    """Copies of the model's demo rows, in turn, until there are `total` rows; each
    change is a function of the copy's number."""
    originals = list(model.objects.order_by("pk"))
    for number in range(total - len(originals)):
        values = {name: change(number) for name, change in changes.items()}
        copy_row(originals[number % len(originals)], number + 1, **values)


def multiply():
    from django.db import connection, transaction

    from advocacy.models import Agenda, Demand, Milestone
    from programmes.models import Project

    with transaction.atomic():
        copies(Project, MULTIPLIED["projects"])
        copies(Agenda, MULTIPLIED["agendas"])
        agendas = list(Agenda.objects.order_by("pk"))
        copies(
            Demand,
            MULTIPLIED["demands"],
            agenda=lambda number: agendas[number % len(agendas)],
        )
        copies(Milestone, MULTIPLIED["milestones"])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def collect_static():
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def content_counts():
    from advocacy.models import Agenda, Demand, Milestone
    from programmes.models import Programme, Project

    return {
        "programmes": Programme.objects.published().count(),
        "projects": Project.objects.published().count(),
        "agendas": Agenda.objects.published().count(),
        "demands": Demand.objects.published().count(),
        "milestones": Milestone.objects.published().count(),
    }


def page_paths():
    """The public pages, by their real addresses."""
    from django.urls import reverse
    from django.utils import translation

    from advocacy.models import Agenda, Demand
    from programmes.models import Programme, Project

    with translation.override("en"):
        programme = Programme.objects.published().order_by("order", "pk").first()
        project = Project.objects.published().order_by("pk").first()
        agenda = Agenda.objects.published().order_by("order", "pk").first()
        demand = Demand.objects.published().filter(agenda=agenda).order_by("order", "pk").first()
        paths = [
            "/en/",
            "/nb/",
            reverse("programmes:programme-list"),
            programme.get_absolute_url(),
            reverse("programmes:project-list"),
        ]
    with translation.override("nl"):
        paths.append(reverse("programmes:project-list") + "?country=BE")
    with translation.override("en"):
        paths += [
            project.get_absolute_url(),
            reverse("advocacy:agenda-list"),
            agenda.get_absolute_url(),
            demand.get_absolute_url(),
            reverse("advocacy:milestone-list"),
            reverse("advocacy:publication-list"),
        ]
    with translation.override("nl"):
        paths.append(reverse("donations:give"))
    with translation.override("en"):
        paths.append(reverse("donations:sponsor"))
    return paths


def in_process(paths):
    """{path: (queries, bytes)} of one request each, after one to warm up."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    found = {}
    for path in paths:
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            sys.exit(f"bench: {path} answered {response.status_code}")
        found[path] = (len(queries), len(response.content))
    return found


def profile(path, requests=30):
    """pyinstrument's text profile of `requests` in-process requests of the page."""
    from django.test import Client
    from pyinstrument import Profiler

    client = Client(HTTP_HOST="localhost")
    client.get(path)
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(requests):
            client.get(path)
    return profiler.output_text(unicode=True, color=False, show_all=False)


# --- the server -----------------------------------------------------------------------


def free_port():
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return port
    sys.exit(f"bench: no free port in {PORTS.start}–{PORTS.stop - 1}")


def start_server(port, log):
    """gunicorn as `make serve` starts it, in a process group of its own; its log
    goes to a file (a pipe nobody reads would stop it once full)."""
    environment = {
        **os.environ,
        "HOST": HOST,
        "PORT": str(port),
        "WEB_CONCURRENCY": str(WORKERS),
        # Production replaces a worker after about 1,000 requests; the baseline makes
        # that many in two seconds, and a new worker's first requests (templates,
        # translations, a connection) would then be counted against the next page.
        "GUNICORN_MAX_REQUESTS": "0",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    return subprocess.Popen(  # noqa: S603
        [str(gunicorn), "--config", str(ROOT / "gunicorn.conf.py"), "ngo.wsgi"],
        cwd=ROOT,
        env=environment,
        start_new_session=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_until_ready(server, port, log, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"bench: gunicorn stopped:\n{Path(log.name).read_text()[-2000:]}")
        try:
            if request(port, "GET", "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("bench: gunicorn did not answer /healthz in time")


def stop(server):
    """SIGTERM to the whole group (master and workers), SIGKILL if it lingers."""
    if server is None or server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


# --- the load -------------------------------------------------------------------------


def load(port, path, seconds, use_wrk):
    url = f"http://{HOST}:{port}{path}"
    if use_wrk:
        command = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", url]
        output = subprocess.run(  # noqa: S603
            command, capture_output=True, text=True, timeout=seconds + 30, check=True
        ).stdout
        return parse_wrk(output)
    return python_load(port, path, seconds)


def python_load(port, path, seconds, clients=8):
    """Without wrk: `clients` threads for `seconds`, a new connection per request."""
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds

    def client():
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                status = request(port, "GET", path)[0]
            except OSError:
                status = None
            with lock:
                if status == 200:
                    latencies.append((time.perf_counter() - start) * 1000)
                else:
                    errors[0] += 1

    run_threads(client, clients)
    return summarise(latencies, seconds, errors[0])


def run_threads(target, count):
    threads = [threading.Thread(target=target, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def warm_up(port, path, requests=4 * WORKERS):
    """Each worker's first requests load templates and translations: not counted."""
    for _ in range(requests):
        request(port, "GET", path)


def measure_pages(port, paths, sizes, seconds, use_wrk):
    """Each page right after the baseline of its own size, both for `seconds`."""
    rows = []
    for path in paths:
        baseline = load(port, f"/bench/baseline/?bytes={sizes[path]}", seconds, use_wrk)
        warm_up(port, path)
        page = load(port, path, seconds, use_wrk)
        rows.append((path, baseline, page))
        print(
            f"  {path}: {page['rps']:.0f} req/s, baseline {baseline['rps']:.0f}",
            file=sys.stderr,
            flush=True,
        )
    return rows


def sponsor_once(port, path):
    """GET the form, POST it valid: True when the sponsorship was stored."""
    status, headers, body = request(port, "GET", path)
    token = CSRF_INPUT.search(body.decode())
    cookie = next(
        (
            value.split(";")[0]
            for name, value in headers
            if name.lower() == "set-cookie" and value.startswith("csrftoken=")
        ),
        None,
    )
    if status != 200 or not token or not cookie:
        return False
    form = {**SPONSORSHIP_POST, "token": str(uuid4()), "csrfmiddlewaretoken": token.group(1)}
    status, headers, _body = request(
        port,
        "POST",
        path,
        body=urlencode(form),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
    )
    location = {name.lower(): value for name, value in headers}.get("location", "")
    return status == 302 and "/thank-you/" in location


def measure_submissions(port, path, seconds, clients):
    """Stored sponsorships per second with `clients` threads posting valid forms."""
    from donations.models import Sponsorship

    before = Sponsorship.objects.count()
    done, failed, lock = [0], [0], threading.Lock()
    deadline = time.monotonic() + seconds
    start = time.monotonic()

    def client():
        while time.monotonic() < deadline:
            try:
                stored = sponsor_once(port, path)
            except OSError:
                stored = False
            with lock:
                (done if stored else failed)[0] += 1

    run_threads(client, clients)
    elapsed = time.monotonic() - start
    stored = Sponsorship.objects.count() - before
    return {"per_second": done[0] / elapsed, "stored": stored, "failed": failed[0]}


# --- the report -----------------------------------------------------------------------


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}"


def git_commit():
    def git(*args):
        return subprocess.run(  # noqa: S603
            ["git", *args],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,  # noqa: S607
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (
        " (with changes)" if git("status", "--porcelain", "--untracked-files=no") else ""
    )


def milliseconds(value):
    return "–" if value is None else f"{value:.1f}"


def report(rows, counted, submissions, context):
    target = WARM_TARGET if context["mode"] == "warm" else PAGE_TARGET
    lines = [
        f"{context['date']}, commit {context['commit']}; {context['machine']}; "
        f"{context['database']}, Python {platform.python_version()}; gunicorn {WORKERS} sync "
        f"workers, cache {context['mode']}; {context['tool']}, {context['seconds']} s per page "
        "and as long for the baseline just before it.",
        "",
        "Content: " + ", ".join(f"{count} {name}" for name, count in context["content"].items()),
        "",
        "| page | queries | KiB | req/s | p50 ms | p99 ms | baseline req/s | share of baseline "
        f"| ≥ {target:.0%} |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for path, baseline, page in rows:
        queries, size = counted[path]
        ratio = page["rps"] / baseline["rps"]
        errors = f" ({page['errors']} errors)" if page.get("errors") else ""
        lines.append(
            f"| `{path}` | {queries} | {size / 1024:.0f} | {page['rps']:.0f}{errors} "
            f"| {milliseconds(page['p50'])} | {milliseconds(page['p99'])} "
            f"| {baseline['rps']:.0f} | {ratio:.1%} | {verdict(ratio, target)} |"
        )
    if submissions:
        met = "yes" if submissions["per_second"] >= SUBMIT_TARGET else "**no**"
        lines += [
            "",
            f"Valid sponsorship submissions (GET the form, POST it; {context['clients']} clients, "
            f"{context['submit_seconds']} s): **{submissions['per_second']:.1f} per second** "
            f"({submissions['stored']} stored, {submissions['failed']} not stored); "
            f"target ≥ {SUBMIT_TARGET}/s: {met}.",
        ]
    return "\n".join(lines)


# --- main -----------------------------------------------------------------------------


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--multiply", action="store_true", help="copy the demo content up")
    parser.add_argument("--seconds", type=int, default=10, help="per page and per baseline")
    parser.add_argument("--submit-seconds", type=int, default=10)
    parser.add_argument("--clients", type=int, default=8, help="threads posting forms")
    parser.add_argument("--pages", help="comma-separated paths instead of the usual pages")
    parser.add_argument("--no-wrk", action="store_true", help="use the Python load instead")
    parser.add_argument("--no-submissions", action="store_true")
    parser.add_argument(
        "--profile", action="store_true", help="pyinstrument profiles of pages under target"
    )
    parser.add_argument(
        "--mode",
        choices=["off", "warm"],
        default="off",
        help="off: no page cache; warm: the page cache on, each page loaded first",
    )
    parser.add_argument("--output", type=Path, help="also write the table here")
    return parser.parse_args()


def main():
    options = arguments()
    use_wrk = not options.no_wrk and bool(shutil.which("wrk"))
    static_root = Path(tempfile.mkdtemp(prefix="bench-static-"))
    set_up_django(static_root, options.mode)
    print("Making the database…", file=sys.stderr, flush=True)
    fresh_database_with_demo()
    if options.multiply:
        print("Multiplying the demo content…", file=sys.stderr, flush=True)
        multiply()
    collect_static()
    if options.mode == "warm":
        from django.core.cache import cache

        cache.clear()  # pages and versions of an earlier run
    paths = options.pages.split(",") if options.pages else page_paths()
    counted = in_process(paths)
    sizes = {path: size for path, (_queries, size) in counted.items()}
    server, rows, profiles = None, [], {}
    log = tempfile.NamedTemporaryFile("w", prefix="bench-gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
    try:
        port = free_port()
        server = start_server(port, log)
        wait_until_ready(server, port, log)
        print(f"Loading pages on port {port}…", file=sys.stderr, flush=True)
        rows = measure_pages(port, paths, sizes, options.seconds, use_wrk)
        submissions = None
        if not options.no_submissions:
            print("Posting sponsorships…", file=sys.stderr, flush=True)
            submissions = measure_submissions(
                port, page_paths()[-1], options.submit_seconds, options.clients
            )
    finally:
        stop(server)
        if options.profile:
            profiles = under_target_profiles(rows)
        shutil.rmtree(static_root, ignore_errors=True)
        log.close()
        print(f"gunicorn's log: {log.name}", file=sys.stderr)
    context = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_commit(),
        "machine": machine(),
        "database": database_version(),
        "mode": options.mode,
        "tool": "wrk -t2 -c8 --latency" if use_wrk else "Python threads (8)",
        "seconds": options.seconds,
        "submit_seconds": options.submit_seconds,
        "clients": options.clients,
        "content": content_counts(),
    }
    table = report(rows, counted, submissions, context)
    print(table)
    if options.output:
        options.output.write_text(table + "\n")
    for path, text in profiles.items():
        print(f"\n--- profile of {path} ---\n{text}", file=sys.stderr)


def under_target_profiles(rows):
    """{path: profile} of the pages under target (the collected files are still there)."""
    return {
        path: profile(path)
        for path, baseline, page in rows
        if page["rps"] / baseline["rps"] < PAGE_TARGET
    }


if __name__ == "__main__":
    main()
