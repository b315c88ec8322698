"""Benchmark every page and endpoint on SQLite and PostgreSQL at several data scales.

    python bench/run.py                      # everything: both databases, scales 0.1, 1, 10, load
    python bench/run.py --databases sqlite --scales 1 --no-load

For each database and scale: a fresh database, migrate, the seed (load_seed), the synthetic data
(generate_synthetic), then each page requested in-process with django.test.Client as a logged-in
superuser, DEBUG off: the SQL queries of one request (CaptureQueriesContext) and the median and
95th percentile of the server time over repeated requests after two warm-ups. Every
configuration runs in its own Python process (settings are fixed at start). After PostgreSQL at
scale 1: gunicorn with 4 workers under wrk. Writes bench/results.json and bench/results.md.
"""

import argparse
import datetime
import json
import math
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / ".data"
PYTHON = sys.executable
SEED = 1
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
POSTGRES_DATABASE = "jbztracker_bench"
DATABASE_LABELS = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
# Pages whose rows come one page at a time: their cost must not grow with the data.
PAGINATED = (
    "register",
    "register page 50",
    "API dossiers",
    "API meetings",
    "API commitments open",
    "admin dossiers",
    "admin commitments",
    "commitment list",
)
# (page, what it is compared with) in the report: Django's floor and the admin's changelist.
REFERENCES = (
    ("register", "Django floor (register bytes)"),
    ("register", "admin dossiers"),
    ("commitment list", "admin commitments"),
)
QUERY_BUDGET = 15
P95_BUDGET_MS = 150
OVERVIEW_BUDGET_MS = 1000
GROWTH_BUDGET = 1.5


def database_url(database, scale):
    if database == "sqlite":
        return f"sqlite:///{DATA / f'scale-{scale}.sqlite3'}"
    return f"{POSTGRES_SERVER}/{POSTGRES_DATABASE}"


def fresh_database(database, scale):
    """An empty database: a new SQLite file, or PostgreSQL's jbztracker_bench dropped and made."""
    DATA.mkdir(exist_ok=True)
    if database == "sqlite":
        path = DATA / f"scale-{scale}.sqlite3"
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {POSTGRES_DATABASE}")


def environment(database, scale, **extra):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url(database, scale),
        "PYTHONPATH": str(ROOT),
        **extra,
    }


# The measuring process ------------------------------------------------------------------------


def pages():
    """(name, url) of everything measured, chosen from the data: the largest dossier and so on."""
    from django.db.models import Count
    from django.urls import reverse

    from dossiers.management.commands.generate_synthetic import SYNTHETIC_TODAY
    from dossiers.models import CouncilMeeting, Dossier, Stage

    largest = Dossier.objects.annotate(n=Count("stage_events")).order_by("-n", "pk").first()
    busiest = CouncilMeeting.objects.annotate(n=Count("mentions")).order_by("-n", "pk").first()
    most_due = (
        CouncilMeeting.objects.filter(commitments_due__isnull=False)
        .annotate(n=Count("commitments_due"))
        .order_by("-n", "pk")
        .first()
    )
    count = Dossier.objects.count()
    last_page = min(50, math.ceil(count / 50))
    # The last quarter that ended before the synthetic data's "today".
    last_day = SYNTHETIC_TODAY - datetime.timedelta(days=1)
    year, quarter = last_day.year, (last_day.month + 2) // 3
    register = reverse("dossiers:dossier_list")
    return [
        ("dashboard", reverse("dossiers:dashboard")),
        ("register", register),
        ("register filtered", f"{register}?q=richtlijn&stage={Stage.APPLICATION}"),
        ("register page 50", f"{register}?page={last_page}"),
        ("register CSV", f"{register}?_export=csv"),
        ("register XLSX", f"{register}?_export=xlsx"),
        ("timeline largest", reverse("dossiers:dossier_detail", args=[largest.slug])),
        ("meeting", reverse("dossiers:meeting_detail", args=[busiest.pk])),
        ("checklist", reverse("dossiers:checklist", args=[most_due.pk])),
        ("quarterly overview", reverse("dossiers:quarterly_overview", args=[year, quarter])),
        (
            "quarterly overview DOCX",
            reverse("dossiers:quarterly_overview_docx", args=[year, quarter]),
        ),
        ("draft annotated agenda", reverse("dossiers:meeting_agenda_docx", args=[busiest.pk])),
        ("draft report", reverse("dossiers:meeting_report_docx", args=[busiest.pk])),
        ("search words", f"{reverse('dossiers:search')}?q=asiel+migratie"),
        ("search citation", f"{reverse('dossiers:search')}?q=32+317%2C+nr.+867"),
        ("search name", f"{reverse('dossiers:search')}?q=Piri"),
        ("API dossiers", reverse("dossiers:api_dossier_list")),
        ("API dossier largest", reverse("dossiers:api_dossier_detail", args=[largest.slug])),
        ("API meetings", reverse("dossiers:api_meeting_list")),
        ("API meeting", reverse("dossiers:api_meeting_detail", args=[busiest.pk])),
        ("API commitments open", reverse("dossiers:api_commitment_list") + "?status=open"),
        ("admin dossiers", reverse("admin:dossiers_dossier_changelist")),
        ("admin commitments", reverse("admin:dossiers_commitment_changelist")),
        ("commitment list", reverse("dossiers:commitment_list")),
        ("meeting list", reverse("dossiers:meeting_list")),
        ("stage feed", reverse("dossiers:stage_feed")),
        ("calendar", reverse("dossiers:calendar")),
    ]


def _body(response):
    """The bytes of a response, a download (FileResponse streams) included."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def measure(client, url, repeat):
    """Queries of one request; median and p95 of `repeat` timed requests after two warm-ups."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    warm = []
    for _ in range(2):
        started = time.perf_counter()
        response = client.get(url)
        warm.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    # Slow downloads at the largest scale: fewer repetitions, said in the results.
    slowest = max(warm)
    if slowest > 5:
        repeat = min(repeat, 3)
    elif slowest > 1:
        repeat = min(repeat, 5)
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    # Read now: the next request empties the connection's query log.
    query_count = len(queries.captured_queries)
    size = len(_body(response))
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        _body(client.get(url))
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "queries": query_count,
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, math.ceil(0.95 * len(times)) - 1)], 1),
        "repeats": repeat,
        "bytes": size,
    }


def build(scale):
    """Fill the configured (empty) database; print how long each step took as JSON."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    timings = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    timings["migrate_s"] = time.perf_counter() - started
    started = time.perf_counter()
    call_command("load_seed", verbosity=0)
    timings["seed_s"] = time.perf_counter() - started
    started = time.perf_counter()
    call_command("generate_synthetic", scale=scale, seed=SEED, verbosity=0)
    timings["generate_s"] = time.perf_counter() - started
    if connection.vendor == "postgresql":
        # What autovacuum does shortly after a bulk load (statistics, and the visibility map that
        # index-only scans need), so the plans measured are the lasting ones.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    get_user_model().objects.create_superuser("bench", password="bench")
    timings = {key: round(value, 1) for key, value in timings.items()}
    print("RESULT " + json.dumps({"timings": timings}), flush=True)


def measure_pages(database, scale, repeat):
    """Measure every page of a built database; print the rows as JSON.

    A process of its own that starts as a gunicorn worker does, through jbztracker.wsgi, so
    it carries nothing of the data generation and has the worker's garbage-collector setting.
    """
    sys.path.insert(0, str(ROOT))
    from django.contrib.auth import get_user_model
    from django.test import Client

    import jbztracker.wsgi  # noqa: F401  (django.setup() and gc.freeze())

    client = Client()
    client.force_login(get_user_model().objects.get(username="bench"))
    rows = []
    register_bytes = None
    for page, url in pages():
        result = measure(client, url, repeat)
        if page == "register":
            register_bytes = result["bytes"]
        rows.append({"page": page, "url": url, **result})
        print(f"  {page:24} {result['queries']:3} q  {result['median_ms']:8.1f} ms", flush=True)
    for page, url in [
        ("Django floor (register bytes)", f"/bench/floor/?bytes={register_bytes}"),
    ]:
        rows.append({"page": page, "url": url, **measure(client, url, repeat)})
    for row in rows:
        row.update(db=database, scale=scale)
    print(
        "RESULT "
        + json.dumps(
            {
                "rows": rows,
                "session": client.cookies["sessionid"].value,
            }
        ),
        flush=True,
    )


# Load -----------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url, session, timeout=30):
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"})
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(request) as response:
                # A redirect to the login page would be followed: the final URL must be ours.
                if response.status != 200 or response.url != url:
                    raise RuntimeError(f"{url}: {response.status} at {response.url}")
                return
        except (ConnectionError, urllib.error.URLError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def parse_wrk(output):
    def number(pattern, default=0.0):
        match = re.search(pattern, output)
        return float(match.group(1)) if match else default

    def milliseconds(pattern):
        match = re.search(pattern, output)
        if not match:
            return None
        value, unit = float(match.group(1)), match.group(2)
        return round(value * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit], 1)

    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "requests": int(number(r"(\d+) requests in")),
        "requests_per_s": number(r"Requests/sec:\s+([\d.]+)"),
        "p50_ms": milliseconds(r"50%\s+([\d.]+)(us|ms|s|m)\b"),
        "p99_ms": milliseconds(r"99%\s+([\d.]+)(us|ms|s|m)\b"),
        "non_2xx_3xx": int(number(r"Non-2xx or 3xx responses: (\d+)")),
        "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
    }


def load(scale, session, urls, duration, connections):
    """gunicorn with 4 workers on 127.0.0.1 under wrk: throughput, p99 and errors per page."""
    port = free_port()
    env = environment("postgres", scale, CONN_MAX_AGE="60")
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "jbztracker.wsgi:application",
            "--workers=4",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )
    results = []
    try:
        for page, path in urls:
            url = f"http://127.0.0.1:{port}{path}"
            wait_for(url, session)
            output = subprocess.run(
                [
                    "wrk",
                    "--threads=2",
                    f"--connections={connections}",
                    f"--duration={duration}s",
                    "--timeout=10s",
                    "--latency",
                    "--header",
                    f"Cookie: sessionid={session}",
                    url,
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            row = {"page": page, "url": path, "db": "postgres", "scale": scale, **parse_wrk(output)}
            row["errors"] = row["non_2xx_3xx"] + row["socket_errors"]
            print(
                f"  load {page}: {row['requests_per_s']} req/s, p99 {row['p99_ms']} ms, "
                f"{row['errors']} errors",
                flush=True,
            )
            results.append(row)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return results


# Report ---------------------------------------------------------------------------------------


def cell(row):
    if row is None:
        return ""
    repeats = "" if row["repeats"] >= 20 else f" ({row['repeats']}×)"
    return f"{row['median_ms']:g} / {row['p95_ms']:g}{repeats}"


def checks(rows, load_rows):
    """Each target of the issue with the numbers that decide it."""
    found = []
    over_budget = [r for r in rows if r["queries"] > QUERY_BUDGET]
    found.append(
        (
            f"every page at most {QUERY_BUDGET} SQL queries at every scale",
            not over_budget,
            ", ".join(f"{r['page']} {r['db']} {r['scale']}: {r['queries']}" for r in over_budget)
            or f"highest: {max(r['queries'] for r in rows)}",
        )
    )
    sqlite_1 = [r for r in rows if r["db"] == "sqlite" and r["scale"] == 1]
    if sqlite_1:
        slow = [
            r
            for r in sqlite_1
            if r["page"] != "quarterly overview"
            and not r["page"].startswith("Django floor")
            and r["p95_ms"] > P95_BUDGET_MS
        ]
        found.append(
            (
                f"scale 1, SQLite: p95 at most {P95_BUDGET_MS} ms for every page",
                not slow,
                ", ".join(f"{r['page']}: {r['p95_ms']:g} ms" for r in slow)
                or f"slowest: {max(r['p95_ms'] for r in sqlite_1 if r not in slow):g} ms",
            )
        )
        overview = next(r for r in sqlite_1 if r["page"] == "quarterly overview")
        found.append(
            (
                f"scale 1, SQLite: quarterly overview at most {OVERVIEW_BUDGET_MS} ms",
                overview["p95_ms"] <= OVERVIEW_BUDGET_MS,
                f"p95 {overview['p95_ms']:g} ms",
            )
        )
    by_key = {(r["page"], r["db"], r["scale"]): r for r in rows}
    for database in DATABASE_LABELS:
        growth = []
        for page in PAGINATED:
            one, ten = by_key.get((page, database, 1)), by_key.get((page, database, 10))
            if one and ten:
                growth.append((page, ten["median_ms"] / one["median_ms"]))
        if growth:
            over = [(page, ratio) for page, ratio in growth if ratio > GROWTH_BUDGET]
            found.append(
                (
                    f"{DATABASE_LABELS[database]}: paginated pages at scale 10 at most "
                    f"{GROWTH_BUDGET}× scale 1 (median)",
                    not over,
                    ", ".join(f"{page} {ratio:.2f}×" for page, ratio in (over or growth)),
                )
            )
    if load_rows:
        errors = sum(r["errors"] for r in load_rows)
        found.append(("zero errors under load", errors == 0, f"{errors} errors"))
    return found


def report(rows, load_rows, meta):
    databases = [d for d in DATABASE_LABELS if any(r["db"] == d for r in rows)]
    scales = sorted({r["scale"] for r in rows})
    index = {(r["page"], r["db"], r["scale"]): r for r in rows}
    names = list(dict.fromkeys(r["page"] for r in rows))
    lines = [
        "# Benchmark results",
        "",
        f"Measured {meta['date']} on {meta['machine']}; load average before the run "
        f"{meta['load_before']}, after {meta['load_after']}. In-process `django.test.Client`, "
        "logged in as a superuser, DEBUG off; server time per request in ms, "
        "**median / p95** over 20 requests after 2 warm-ups (fewer where marked), and the "
        "SQL queries of one request (session and user included). `python bench/run.py`.",
        "",
    ]
    for database in databases:
        header = ["page", "queries"] + [f"scale {s:g}" for s in scales]
        if 1 in scales and 10 in scales:
            header.append("10 ÷ 1")
        lines += [f"## {DATABASE_LABELS[database]}", "", "| " + " | ".join(header) + " |"]
        lines.append("|" + "|".join(["---"] * len(header)) + "|")
        for name in names:
            cells = [index.get((name, database, s)) for s in scales]
            if not any(cells):
                continue
            queries = "/".join(str(c["queries"]) if c else "–" for c in cells)
            row = [name, queries] + [cell(c) for c in cells]
            if 1 in scales and 10 in scales:
                one, ten = index.get((name, database, 1)), index.get((name, database, 10))
                row.append(f"{ten['median_ms'] / one['median_ms']:.2f}" if one and ten else "")
            lines.append("| " + " | ".join(row) + " |")
        lines.append("")
    lines += [
        "## Against the reference points",
        "",
        "Median of the page ÷ median of the reference, from the same run.",
        "",
        "| page | reference | "
        + " | ".join(f"{DATABASE_LABELS[d]} {s:g}" for d in databases for s in scales)
        + " |",
        "|---|---|" + "---|" * (len(databases) * len(scales)),
    ]
    for page, reference in REFERENCES:
        ratios = []
        for database in databases:
            for scale in scales:
                one, other = (
                    index.get((page, database, scale)),
                    index.get((reference, database, scale)),
                )
                ratios.append(
                    f"{one['median_ms'] / other['median_ms']:.1f}" if one and other else ""
                )
        lines.append(f"| {page} | {reference} | " + " | ".join(ratios) + " |")
    lines.append("")
    generation = [
        (r["db"], r["scale"], r["timings"]) for r in meta["configurations"] if "timings" in r
    ]
    if generation:
        lines += [
            "## Building the databases",
            "",
            "| database | scale | migrate s | load_seed s | generate_synthetic s |",
            "|---|---|---|---|---|",
        ]
        for database, scale, t in generation:
            lines.append(
                f"| {DATABASE_LABELS[database]} | {scale:g} | {t['migrate_s']} | {t['seed_s']} | "
                f"{t['generate_s']} |"
            )
        lines.append("")
    if load_rows:
        lines += [
            "## Under load",
            "",
            f"gunicorn, 4 workers, 127.0.0.1, PostgreSQL at scale {load_rows[0]['scale']:g} "
            f"(CONN_MAX_AGE=60); wrk, 2 threads, {meta['connections']} connections, "
            f"{meta['duration']} s per page, on the same 2 cores.",
            "",
            "| page | requests | requests/s | p50 ms | p99 ms | errors |",
            "|---|---|---|---|---|---|",
        ]
        for r in load_rows:
            lines.append(
                f"| {r['page']} | {r['requests']} | {r['requests_per_s']:g} | {r['p50_ms']} | "
                f"{r['p99_ms']} | {r['errors']} |"
            )
        lines.append("")
    lines += ["## Targets", "", "| target | met | numbers |", "|---|---|---|"]
    for target, met, numbers in checks(rows, load_rows):
        lines.append(f"| {target} | {'yes' if met else '**no**'} | {numbers} |")
    filtered = [
        f"{DATABASE_LABELS[d]} {ten['median_ms'] / one['median_ms']:.2f}×"
        for d in databases
        if (one := index.get(("register filtered", d, 1)))
        and (ten := index.get(("register filtered", d, 10)))
    ]
    if filtered:
        lines += [
            "",
            "The filtered register is paginated too, but it counts its matches, and at scale 10 "
            "ten times as many dossiers match: scale 10 ÷ scale 1, " + ", ".join(filtered) + ".",
        ]
    return "\n".join(lines) + "\n"


def load_average():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def run_child(step, database, scale, repeat):
    """Run one step in a new process; its progress is printed, its RESULT line returned."""
    process = subprocess.run(
        [PYTHON, str(BENCH / "run.py"), "--child", step, database, str(scale)]
        + ["--repeat", str(repeat)],
        env=environment(database, scale),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    result = None
    for line in process.stdout.splitlines():
        if line.startswith("RESULT "):
            result = json.loads(line[len("RESULT ") :])
        else:
            print(line, flush=True)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument("--scales", nargs="+", type=float, default=[0.1, 1, 10])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--no-load", dest="load", action="store_false")
    parser.add_argument("--duration", type=int, default=30, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument(
        "--child", nargs=3, metavar=("STEP", "DATABASE", "SCALE"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    scales = [int(s) if s == int(s) else s for s in args.scales]
    if args.child:
        step, database, scale = args.child
        scale = float(scale)
        scale = int(scale) if scale == int(scale) else scale
        if step == "build":
            build(scale)
        else:
            measure_pages(database, scale, args.repeat)
        return
    if args.load and not shutil.which("wrk"):
        sys.exit("wrk is needed for the load test (apt-get install wrk), or pass --no-load.")
    meta = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{os.cpu_count()} cores, Python {platform.python_version()}",
        "load_before": load_average(),
        "configurations": [],
        "duration": args.duration,
        "connections": args.connections,
    }
    rows, load_rows = [], []
    for database in args.databases:
        for scale in scales:
            print(f"{DATABASE_LABELS[database]}, scale {scale}", flush=True)
            fresh_database(database, scale)
            built = run_child("build", database, scale, args.repeat)
            result = run_child("measure", database, scale, args.repeat)
            result["timings"] = built["timings"]
            rows += result["rows"]
            meta["configurations"].append(
                {"db": database, "scale": scale, "timings": result["timings"]}
            )
            if args.load and database == "postgres" and scale == 1:
                register = next(r for r in result["rows"] if r["page"] == "register")
                timeline = next(r for r in result["rows"] if r["page"] == "timeline largest")
                load_rows = load(
                    scale,
                    result["session"],
                    [("register", register["url"]), ("timeline largest", timeline["url"])],
                    args.duration,
                    args.connections,
                )
    meta["load_after"] = load_average()
    fields = ("page", "db", "scale", "queries", "median_ms", "p95_ms", "repeats", "url")
    (BENCH / "results.json").write_text(
        json.dumps([{key: row[key] for key in fields} for row in rows], indent=1) + "\n"
    )
    if load_rows:
        (BENCH / "load.json").write_text(json.dumps(load_rows, indent=1) + "\n")
    (BENCH / "results.md").write_text(report(rows, load_rows, meta))
    print((BENCH / "results.md").read_text())


if __name__ == "__main__":
    main()
