"""Load with faults: the production setup under load on 127.0.0.1, with a worker killed and the
database connections dropped while it runs.

One command, from the project folder: ``.venv/bin/python ops/faults.py`` (see ops/README.md).
It creates the PostgreSQL database jbztracker_faults, migrates it, loads the seed data and a pool
of open commitments, serves it with gunicorn (4 workers, DJANGO_ENV=production) and runs logged-in
clients that read the register and timelines and tick commitments off through the checklist.
During the run it kills one gunicorn worker with SIGKILL, terminates every database connection,
and then does both at once. Afterwards it prints what the clients saw (requests, statuses,
tracebacks in response bodies, time to recover after each fault) and what the database holds
(every ticked-off commitment fulfilled with document, passage and date together, recorded once).
It exits 1 when a check fails. Traffic goes to 127.0.0.1 only, bounded in time and count.
"""

import argparse
import collections
import html.parser
import http.client
import http.cookies
import json
import os
import queue
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import psycopg

BASE_DIR = Path(__file__).resolve().parent.parent
ARTIFACTS = BASE_DIR / "test-artifacts" / "faults"
SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "jbztracker_faults"
WORKERS = 4
TIMEOUT = 30  # seconds a client waits for one response
# A body with any of these shows the user more than the plain error page.
LEAKS = ("Traceback", "django.db", "psycopg", "OperationalError", 'File "/')
HEADING = re.compile(r"<h1>(.*?)</h1>", re.DOTALL)

# Run inside the server's settings; prints the login and the pool of commitments to tick off.
SETUP = """
import datetime, json, secrets
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from dossiers.models import Commitment, CouncilMeeting, Debate, Dossier, ParliamentaryDocument
from dossiers.roles import EDITOR_GROUP

password = secrets.token_urlsafe(18)
user = get_user_model().objects.create_user("belastingtest", password=password, is_staff=True)
user.groups.add(Group.objects.get(name=EDITOR_GROUP))
debate = Debate.objects.order_by("date").first()
pool = []
for i in range({meetings}):
    start = datetime.date(2030, 1, 7) + datetime.timedelta(weeks=2 * i)
    meeting = CouncilMeeting.objects.create(
        start_date=start, end_date=start + datetime.timedelta(days=1), presidency="Belastingtest"
    )
    report = ParliamentaryDocument.objects.create(
        document_type=ParliamentaryDocument.DocumentType.REPORT,
        date=start + datetime.timedelta(days=14),
        title=f"Verslag belastingtest {{i + 1}}",
    )
    report.meetings.add(meeting)
    for j in range({per_meeting}):
        commitment = Commitment.objects.create(
            subject=f"Belastingtest {{i + 1}}.{{j + 1}}",
            text="De minister informeert de Kamer in het verslag.",
            debate=debate,
            fulfilment_mode=Commitment.FulfilmentMode.IN_REPORT,
            due_meeting=meeting,
        )
        pool.append([meeting.pk, commitment.pk])
slugs = list(Dossier.objects.order_by("pk").values_list("slug", flat=True)[:20])
print(json.dumps({{"username": user.username, "password": password, "pool": pool, "slugs": slugs}}))
"""

# Run after the load; prints, per pool commitment, what is stored and how often history shows
# it being fulfilled.
VERIFY = """
import json
from dossiers.models import Commitment

rows = {}
for c in Commitment.objects.filter(subject__startswith="Belastingtest"):
    previous = None
    transitions = 0
    for record in c.history.order_by("history_date", "history_id"):
        if record.status == "fulfilled" and previous != "fulfilled":
            transitions += 1
        previous = record.status
    rows[c.pk] = {
        "status": c.status,
        "document": c.fulfilled_by_document_id,
        "passage": c.fulfilment_passage,
        "fulfilled_on": c.fulfilled_on.isoformat() if c.fulfilled_on else None,
        "fulfilled_transitions": transitions,
    }
print(json.dumps(rows))
"""


def log(message):
    print(f"[faults {time.strftime('%H:%M:%S')}] {message}", flush=True)


def production_env(port):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        # The clients play the TLS proxy: they send X-Forwarded-Proto: https.
        DJANGO_SECURE_PROXY_SSL_HEADER="1",
        DATABASE_URL=f"{SERVER}/{DATABASE}",
        PYTHONUNBUFFERED="1",
    )
    env.pop("CONN_MAX_AGE", None)
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args[:2])} failed:\n{result.stderr}")
    return result.stdout


def recreate_database():
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DATABASE}")


def drop_database_connections():
    """What a database restart or a failover does to the app: every connection is cut."""
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [DATABASE],
        ).fetchall()
    return len(rows)


def worker_pids(master_pid):
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces; ppid follows the state.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == master_pid:
            pids.append(int(entry.name))
    return sorted(pids)


class Forms(html.parser.HTMLParser):
    """The forms of a page: action -> the fields a browser would submit unchanged."""

    def __init__(self):
        super().__init__()
        self.forms = {}
        self._fields = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._fields = self.forms.setdefault(attrs.get("action") or "", {})
        elif self._fields is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind not in ("checkbox", "radio", "submit") or "checked" in attrs:
                self._fields[attrs["name"]] = attrs.get("value") or ""
        elif tag in ("textarea", "select") and attrs.get("name"):
            self._fields.setdefault(attrs["name"], "")
            self._select = attrs["name"] if tag == "select" else None
        elif tag == "option" and self._select:
            # A browser submits the selected option, else the first one.
            first = not self._fields[self._select]
            if first or "selected" in attrs:
                self._fields[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._fields = None
        elif tag == "select":
            self._select = None


class Client:
    """One logged-in browser: its cookies, and every request it made."""

    def __init__(self, port, records):
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies = {}
        self.records = records

    def request(self, kind, method, path, fields=None):
        headers = {"X-Forwarded-Proto": "https", "User-Agent": "jbztracker-faults"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
        started = time.monotonic()
        status, text = None, ""
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                status = response.status
                for header in response.headers.get_all("Set-Cookie") or []:
                    for name, morsel in http.cookies.SimpleCookie(header).items():
                        self.cookies[name] = morsel.value
            finally:
                connection.close()
        except (OSError, http.client.HTTPException) as error:
            status = f"connection error ({type(error).__name__})"
        ended = time.monotonic()
        leak = next((marker for marker in LEAKS if marker in text), None)
        heading = HEADING.search(text) if status == 500 else None
        self.records.append(
            {
                "kind": kind,
                "status": status,
                "start": started,
                "end": ended,
                "leak": leak,
                "heading": heading.group(1) if heading else None,
            }
        )
        return status, text

    def log_in(self, username, password):
        _, page = self.request("login", "GET", "/accounts/login/")
        token = forms_of(page)[""]["csrfmiddlewaretoken"]
        status, _ = self.request(
            "login",
            "POST",
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password},
        )
        if status != 302:
            sys.exit(f"logging in failed with {status}")


def forms_of(page):
    parser = Forms()
    parser.feed(page)
    return parser.forms


def tick_off(client, meeting, commitment, outcomes):
    """What an editor does: open the checklist, fill in the commitment's form, submit it."""
    status, page = client.request("checklist", "GET", f"/raden/{meeting}/checklist/")
    if status != 200:
        return False
    action = f"/raden/{meeting}/checklist/#toezegging-{commitment}"
    fields = forms_of(page).get(action)
    if fields is None:
        # Already recorded: an earlier try was committed although its answer was lost.
        outcomes[commitment].append("already recorded")
        return True
    fields["passage"] = f"De Raad heeft toezegging {commitment} besproken (belastingtest)."
    status, _ = client.request("tick off", "POST", f"/raden/{meeting}/checklist/", fields)
    outcomes[commitment].append(status)
    return status == 302


def client_loop(client, deadline, budget, pool, slugs, outcomes):
    rng = random.Random()
    while time.monotonic() < deadline and budget.acquire(blocking=False):
        choice = rng.random()
        if choice < 0.35:
            client.request("register", "GET", "/dossiers/?page=1")
        elif choice < 0.6:
            client.request("timeline", "GET", f"/dossiers/{rng.choice(slugs)}/")
        else:
            try:
                meeting, commitment = pool.get_nowait()
            except queue.Empty:
                client.request("register", "GET", "/dossiers/")
                continue
            if not tick_off(client, meeting, commitment, outcomes):
                pool.put((meeting, commitment))  # the editor tries again later


def start_gunicorn(env, port, logs):
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [
        str(gunicorn),
        "jbztracker.wsgi",
        "--workers",
        str(WORKERS),
        "--bind",
        f"127.0.0.1:{port}",
        "--access-logfile",
        "-",
    ]
    # Access log on stdout; gunicorn's own log and Django's error log on stderr.
    with open(logs / "access.log", "w") as access, open(logs / "error.log", "w") as errors:
        return subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=access, stderr=errors)


def wait_until_serving(port, master, limit=60):
    probe = Client(port, [])
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        serving = probe.request("probe", "GET", "/accounts/login/")[0] == 200
        if serving and len(worker_pids(master.pid)) == WORKERS:
            return
        time.sleep(0.5)
    sys.exit("gunicorn did not start serving")


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))] if values else 0.0


def fault_figures(records, faults, run_end, recovery_limit):
    """Per fault: the failures that ended before the next fault, and when requests succeeded
    again."""
    figures = []
    for index, fault in enumerate(faults):
        at = fault["at"]
        until = faults[index + 1]["at"] if index + 1 < len(faults) else run_end
        span = [r for r in records if at <= r["end"] < until]
        failed = [r for r in span if not ok(r)]
        later = [r for r in span if r["start"] >= at + recovery_limit]
        first_success = min((r["end"] for r in span if ok(r) and r["start"] >= at), default=None)
        last_failure = max((r["end"] for r in failed), default=None)
        figures.append(
            {
                **{k: v for k, v in fault.items() if k != "at"},
                "failed_requests": len(failed),
                "failed_by_status": dict(collections.Counter(str(r["status"]) for r in failed)),
                "first_success_after_s": round(first_success - at, 2) if first_success else None,
                "last_failure_after_s": round(last_failure - at, 2) if last_failure else None,
                "requests_after_recovery_limit": len(later),
                "failures_after_recovery_limit": sum(not ok(r) for r in later),
            }
        )
    return figures


def ok(record):
    return record["status"] in (200, 302)


def _by_kind(records):
    grouped = collections.defaultdict(list)
    for record in records:
        if ok(record):
            grouped[record["kind"]].append(record)
    return grouped


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--clients", type=int, default=8, help="concurrent logged-in clients")
    parser.add_argument("--duration", type=float, default=75, help="seconds of load")
    parser.add_argument("--max-requests", type=int, default=50_000, help="bound on the load")
    parser.add_argument(
        "--recover-within", type=float, default=10, help="seconds allowed to recover"
    )
    args = parser.parse_args()

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name in ("access.log", "error.log"):
        (ARTIFACTS / name).unlink(missing_ok=True)
    env = production_env(args.port)

    log(f"creating {DATABASE}, migrating, loading the seed data, collecting static files")
    recreate_database()
    manage(env, "migrate", "--noinput")
    manage(env, "load_seed")
    manage(env, "collectstatic", "--noinput")
    setup = json.loads(
        manage(
            env, "shell", "--no-imports", "-c", SETUP.format(meetings=25, per_meeting=40)
        ).splitlines()[-1]
    )
    pool = queue.Queue()
    for meeting, commitment in setup["pool"]:
        pool.put((meeting, commitment))
    log(f"{len(setup['pool'])} open commitments to tick off in {25} checklists")

    master = start_gunicorn(env, args.port, ARTIFACTS)
    try:
        wait_until_serving(args.port, master)
        log(f"gunicorn {master.pid} serving on 127.0.0.1:{args.port} with {WORKERS} workers")
        records = []
        outcomes = collections.defaultdict(list)
        clients = [Client(args.port, records) for _ in range(args.clients)]
        for client in clients:
            client.log_in(setup["username"], setup["password"])
        records.clear()

        t0 = time.monotonic()
        deadline = t0 + args.duration
        budget = threading.Semaphore(args.max_requests)
        threads = [
            threading.Thread(
                target=client_loop,
                args=(client, deadline, budget, pool, setup["slugs"], outcomes),
            )
            for client in clients
        ]
        for thread in threads:
            thread.start()

        faults = []
        schedule = [(0.2, "kill worker"), (0.45, "drop connections"), (0.7, "both at once")]
        for share, kind in schedule:
            time.sleep(max(0.0, t0 + share * args.duration - time.monotonic()))
            at = time.monotonic()
            fault = {"fault": kind, "at": at, "at_s": round(at - t0, 1)}
            if kind in ("kill worker", "both at once"):
                victim = random.choice(worker_pids(master.pid))
                os.kill(victim, signal.SIGKILL)
                fault["killed_worker"] = victim
            if kind in ("drop connections", "both at once"):
                fault["connections_dropped"] = drop_database_connections()
            faults.append(fault)
            log(f"fault at {fault['at_s']}s: {kind}")
            respawn_deadline = time.monotonic() + args.recover_within
            while "killed_worker" in fault and time.monotonic() < respawn_deadline:
                workers = worker_pids(master.pid)
                if len(workers) == WORKERS and fault.get("killed_worker") not in workers:
                    fault["workers_back_after_s"] = round(time.monotonic() - fault["at"], 2)
                    break
                time.sleep(0.1)

        for thread in threads:
            thread.join()
        run_end = time.monotonic()
        workers_at_end = len(worker_pids(master.pid))
    finally:
        master.send_signal(signal.SIGTERM)
        master.wait(timeout=60)

    stored = json.loads(manage(env, "shell", "--no-imports", "-c", VERIFY).splitlines()[-1])
    report(args, records, outcomes, stored, faults, t0, run_end, workers_at_end)


def report(args, records, outcomes, stored, faults, t0, run_end, workers_at_end):
    elapsed = run_end - t0
    statuses = collections.Counter(str(r["status"]) for r in records)
    by_kind = collections.Counter(r["kind"] for r in records)
    leaks = [r for r in records if r["leak"]]
    latencies = [r["end"] - r["start"] for r in records if ok(r)]

    def complete(row):
        return bool(row["document"] and row["passage"] and row["fulfilled_on"])

    def untouched(row):
        return not (row["document"] or row["passage"] or row["fulfilled_on"])

    ticked = {pk for pk, results in outcomes.items() if 302 in results}
    partial = [
        pk
        for pk, row in stored.items()
        if not (
            (row["status"] == "fulfilled" and complete(row))
            or (row["status"] == "open" and untouched(row))
        )
    ]
    # Committed, but the answer was lost (worker killed after the commit): the retry found it done.
    found_done = {pk for pk, results in outcomes.items() if "already recorded" in results}
    ticked_not_fulfilled = [
        pk for pk in ticked | found_done if stored[str(pk)]["status"] != "fulfilled"
    ]
    recorded_twice = [pk for pk, row in stored.items() if row["fulfilled_transitions"] > 1]
    error_log = (ARTIFACTS / "error.log").read_text(errors="replace")
    figures = fault_figures(records, faults, run_end, args.recover_within)
    before_faults = [r for r in records if r["end"] < faults[0]["at"] and not ok(r)]
    recovered = all(
        f["requests_after_recovery_limit"] > 0 and f["failures_after_recovery_limit"] == 0
        for f in figures
    ) and all("workers_back_after_s" in f for f in faults if "killed_worker" in f)

    result = {
        "clients": args.clients,
        "workers": WORKERS,
        "duration_s": round(elapsed, 1),
        "requests": len(records),
        "requests_per_s": round(len(records) / elapsed, 1),
        "requests_by_kind": dict(by_kind),
        "statuses": dict(statuses),
        "latency_ms": {
            "p50": round(1000 * percentile(latencies, 0.5)),
            "p95": round(1000 * percentile(latencies, 0.95)),
            "max": round(1000 * max(latencies, default=0)),
            "mean": round(1000 * statistics.fmean(latencies)) if latencies else 0,
        },
        "latency_ms_p50_by_kind": {
            kind: round(1000 * percentile([r["end"] - r["start"] for r in rs], 0.5))
            for kind, rs in _by_kind(records).items()
        },
        "failures_before_the_first_fault": len(before_faults),
        "bodies_with_traceback": len(leaks),
        "error_pages_shown": sorted({r["heading"] for r in records if r["status"] == 500}),
        "server_errors_logged": error_log.count("Internal Server Error: "),
        "faults": figures,
        "workers_at_end": workers_at_end,
        "commitments_in_pool": len(stored),
        "commitments_ticked_off": len(ticked),
        "found_done_on_retry": len(found_done),
        "commitments_fulfilled": sum(row["status"] == "fulfilled" for row in stored.values()),
        "partial_writes": len(partial),
        "ticked_off_but_not_fulfilled": len(ticked_not_fulfilled),
        "fulfilled_more_than_once_in_history": len(recorded_twice),
        "recovered_within_s": args.recover_within if recovered else None,
    }
    (ARTIFACTS / "results.json").write_text(json.dumps(result, indent=2) + "\n")

    print()
    print(f"Load: {args.clients} clients against gunicorn ({WORKERS} workers), {elapsed:.0f} s")
    print(f"  requests            {len(records)} ({result['requests_per_s']}/s)")
    print(f"  by kind             {dict(by_kind)}")
    print(f"  statuses            {dict(statuses)}")
    print(f"  latency of answers  {result['latency_ms']} ms")
    print(f"  median by kind      {result['latency_ms_p50_by_kind']} ms")
    print(f"  failures before the first fault: {len(before_faults)}")
    print(f"  bodies with a traceback or database error: {len(leaks)}")
    print(f"  500 pages shown     {result['error_pages_shown']}")
    print(
        f"  server errors logged with their traceback (server log only): "
        f"{result['server_errors_logged']}"
    )
    print("Faults:")
    for f in figures:
        what = (
            f"worker {f['killed_worker']} killed, back to {WORKERS} after "
            f"{f.get('workers_back_after_s')} s"
            if "killed_worker" in f
            else ""
        )
        if "connections_dropped" in f:
            what += ("; " if what else "") + f"{f['connections_dropped']} connections dropped"
        print(f"  {f['at_s']:5.1f}s {f['fault']}: {what}")
        print(
            f"         failed {f['failed_requests']} "
            f"{f['failed_by_status'] or ''}; first success after {f['first_success_after_s']} s, "
            f"last failure after {f['last_failure_after_s']} s; from {args.recover_within:g} s on: "
            f"{f['failures_after_recovery_limit']} failures in "
            f"{f['requests_after_recovery_limit']} requests"
        )
    print(f"  gunicorn workers at the end: {workers_at_end} of {WORKERS}")
    print("Data:")
    print(f"  commitments ticked off (302)       {len(ticked)} of {len(stored)} in the pool")
    print(f"  found done on retry (answer lost)  {len(found_done)}")
    print(f"  fulfilled in the database          {result['commitments_fulfilled']}")
    print(f"  partial writes                     {len(partial)}")
    print(f"  ticked off but not fulfilled       {len(ticked_not_fulfilled)}")
    print(f"  fulfilled more than once (history) {len(recorded_twice)}")
    print(f"Results: {ARTIFACTS.relative_to(BASE_DIR)}/results.json, access.log, error.log")

    failures = []
    if leaks:
        failures.append(f"{len(leaks)} response bodies leak a traceback")
    if partial or ticked_not_fulfilled or recorded_twice:
        failures.append("the data is not consistent")
    if before_faults:
        failures.append(f"{len(before_faults)} requests failed before any fault")
    if not recovered:
        failures.append(f"the service did not recover within {args.recover_within:g} s")
    if workers_at_end != WORKERS:
        failures.append("gunicorn did not get back to its workers")
    print("PASSED" if not failures else "FAILED: " + "; ".join(failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
