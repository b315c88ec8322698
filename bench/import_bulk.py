"""Benchmark the importer on real text: one 30-page report, and 100 documents in one run.

    python bench/import_bulk.py               # SQLite; writes bench/import_bulk.md

(a) extract() on a 30-page report. No real one that long is stored, so it is made of real
    report text: the seeds (../shared/seeds/*.txt) and the development corpus
    (tests/import_corpus/dev/*.txt, without their first "Bron: <address>" line), one of each in
    turn, joined until 30 pages and cut at the last line break before them. A page counts as
    3,000 characters (reader.py: a 30-page report has about 90,000). read_upload once, then
    extract() five times in one process on texts that differ in a last line (as the documents of
    a bulk import differ), as run_import calls it (the gazetteer loaded from the database each
    time); best and median against the target of 2 s. The first run also compiles the known
    names, as the first import after a dossier or alias changed does.
    The same with the database of scale 1 as well (bench/run.py's synthetic twenty years: about
    2,000 dossiers and their aliases in the gazetteer), against the same target.
(b) 100 documents through `manage.py import_document <folder> --no-progress` in one command
    run, in a process of its own on a fresh SQLite database with the seed data (migrate,
    load_seed): copies of the seeds and the corpus texts in turn (without the "Bron:" line), each
    made distinct by a last line with a counter, so that the duplicate check skips none. Wall
    time of the process against the target of 60 s, and its peak RSS (ru_maxrss of wait4).
    Once as the import is kept for review (the target), once with --accept (for comparison).
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from itertools import zip_longest
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / ".data"
DATABASE = DATA / "bulk.sqlite3"
SCALED_DATABASE = DATA / "bulk-scale1.sqlite3"
DOCUMENTS = DATA / "bulk-documents"
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = ROOT / "tests" / "import_corpus" / "dev"
PAGE_CHARS = 3_000
PAGES = 30
RUNS = 5
COPIES = 100
EXTRACT_TARGET_S = 2.0
BULK_TARGET_S = 60.0
sys.path.insert(0, str(ROOT))

from bench.database import rebuild_seeded, use_database  # noqa: E402


def real_texts():
    """(the seeds, the development corpus texts without their "Bron:" line): (name, text)."""
    from dossiers.importing.evaluation import document_text

    seeds = [(path.name, path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.txt"))]
    corpus = [(path.name, document_text(path)) for path in sorted(CORPUS.glob("*.txt"))]
    return seeds, corpus


def thirty_pages():
    """About PAGES pages of real report text: a seed and a corpus text in turn."""
    seeds, corpus = real_texts()
    parts = [named[1] for pair in zip_longest(seeds, corpus) for named in pair if named]
    limit = PAGES * PAGE_CHARS
    joined = ""
    while len(joined) < limit:  # the texts again should they ever fall short
        joined += "\n\n".join(parts) + "\n\n"
    return joined[: joined.rindex("\n", 0, limit)]


def build_scaled():
    """A fresh SQLite database with the seed data and the synthetic data of scale 1."""
    rebuild_seeded(SCALED_DATABASE)
    from django.core.management import call_command

    call_command("generate_synthetic", scale=1, verbosity=0)


def build():
    """A fresh SQLite database with the seed data, and the 100 documents."""
    rebuild_seeded(DATABASE)
    shutil.rmtree(DOCUMENTS, ignore_errors=True)
    DOCUMENTS.mkdir()
    seeds, corpus = real_texts()
    texts = seeds + corpus
    for number in range(COPIES):
        name, text = texts[number % len(texts)]
        copy = f"{text.rstrip()}\n\nKopie {number + 1} voor de benchmark.\n"
        (DOCUMENTS / f"{number:03d}_{Path(name).stem}.txt").write_text(copy, encoding="utf-8")


def measure_extract(database):
    """(a), in this process, on `database`: print the figures as JSON."""
    use_database(database)
    from dossiers.importing.pipeline import extract
    from dossiers.importing.reader import read_upload
    from dossiers.models import Dossier

    text = thirty_pages()
    started = time.perf_counter()
    read_upload("dertig-paginas.txt", text.encode())
    read_s = time.perf_counter() - started
    times = []
    for run in range(RUNS):
        # Another text each run, as each document of a bulk import is: what extract() keeps of
        # the text it read last is of no use.
        source = read_upload("dertig-paginas.txt", f"{text}\n\nRun {run + 1}.\n".encode())
        started = time.perf_counter()
        proposals = extract(source)
        times.append(time.perf_counter() - started)
    counts = {kind: len(value) for kind, value in proposals.as_json().items() if kind != "document"}
    counts.pop("meeting", None)
    result = {
        "dossiers": Dossier.objects.count(),
        "characters": len(text),
        "pages": round(len(text) / PAGE_CHARS, 1),
        "read_s": round(read_s, 3),
        "times_s": [round(seconds, 3) for seconds in times],
        "proposals": counts,
    }
    print("RESULT " + json.dumps(result), flush=True)


def run_child(*args):
    completed = subprocess.run(
        [sys.executable, __file__, *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    for line in completed.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line.removeprefix("RESULT "))
    raise SystemExit(f"{args}: no result\n{completed.stdout}\n{completed.stderr}")


def measure_bulk(*flags):
    """(b): one `import_document` run over the folder, on a fresh copy of the database."""
    database = DATA / "bulk-run.sqlite3"
    shutil.copyfile(DATABASE, database)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    command = [sys.executable, "manage.py", "import_document", str(DOCUMENTS), "--no-progress"]
    with open(DATA / "bulk-run.out", "w+") as out, open(DATA / "bulk-run.err", "w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen([*command, *flags], cwd=ROOT, env=env, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        out.seek(0)
        lines = out.read().splitlines()
        err.seek(0)
        errors = err.read()
    for leftover in DATA.glob("bulk-run.sqlite3*"):
        leftover.unlink()
    # It exits non-zero when a document failed; the run itself went through if it counted them.
    if not lines or not lines[-1].startswith(f"{COPIES} documents: "):
        raise SystemExit(f"import_document {' '.join(flags)} did not finish:\n{errors}")
    failed = [
        f"{Path(path).name}: {message}"
        for path, message in (line.split(": FAILED: ", 1) for line in lines if ": FAILED: " in line)
    ]
    documents = sorted(DOCUMENTS.glob("*.txt"))
    return {
        "mode": "with " + " ".join(flags) if flags else "kept for review",
        "documents": len(documents),
        "characters": sum(len(path.read_text(encoding="utf-8")) for path in documents),
        "seconds": round(seconds, 1),
        "peak_mb": round(usage.ru_maxrss / 1024),  # kB on Linux
        "total_line": lines[-1],
        "exit_code": os.waitstatus_to_exitcode(status),
        "failures": failed,
    }


def report(extracts, bulks, load_before, load_after):
    extract = extracts[0]
    plain = bulks[0]
    rows = []
    for measured in extracts:
        best, median = min(measured["times_s"]), statistics.median(measured["times_s"])
        rows.append(
            (
                f"extract(), a {measured['pages']:g}-page report ({measured['characters']:,} "
                f"characters), {measured['dossiers']:,} dossiers known, best / median of {RUNS}",
                f"{best:.2f} / {median:.2f} s",
                f"{EXTRACT_TARGET_S:g} s (median)",
                median <= EXTRACT_TARGET_S,
            )
        )
    for bulk in bulks:
        rows.append(
            (
                f"{bulk['documents']} documents ({bulk['characters'] / 1e6:.1f} million "
                f"characters), one `import_document` run, {bulk['mode']}",
                f"{bulk['seconds']:.1f} s ({bulk['seconds'] / bulk['documents']:.2f} s each), "
                f"peak RSS {bulk['peak_mb']} MB",
                f"{BULK_TARGET_S:g} s" if bulk is plain else "none",
                bulk["seconds"] <= BULK_TARGET_S if bulk is plain else None,
            )
        )
    lines = ["| measured | figures | target | met |", "| --- | --- | --- | --- |"]
    for what, figures, target, met in rows:
        verdict = "" if met is None else ("yes" if met else "**no**")
        lines.append(f"| {what} | {figures} | {target} | {verdict} |")
    proposals = ", ".join(
        f"{count} {kind.replace('_', ' ')}" for kind, count in extract["proposals"].items()
    )
    lines += [
        "",
        f"(a) read_upload of the 30 pages: {extract['read_s']:.2f} s; the five extract() runs, "
        + "; ".join(
            f"{measured['dossiers']:,} dossiers known: "
            + ", ".join(f"{seconds:.2f}" for seconds in measured["times_s"])
            + " s"
            for measured in extracts
        )
        + " (the first includes compiling the known names, once per process and again after a "
        f"dossier or alias changed). Proposals: {proposals}. A page is counted as "
        f"{PAGE_CHARS:,} characters.",
        "",
        "(b) The command's last line: "
        + "; ".join(f"`{bulk['total_line']}` ({bulk['mode']})" for bulk in bulks)
        + ". Wall time of the whole process (Django's start included); peak RSS of that process.",
        *(
            f"\nFailed {bulk['mode']} (exit code {bulk['exit_code']}, after all were tried): "
            + "; ".join(bulk["failures"])
            + "."
            for bulk in bulks
            if bulk["failures"]
        ),
        "",
        f"Load average (1 min) {load_before:.2f} before, {load_after:.2f} after.",
    ]
    failures = [what for what, _figures, _target, met in rows if met is False]
    return "\n".join(lines), failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--build-scaled", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--extract", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--extract-scaled", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.build:
        return build()
    if options.build_scaled:
        return build_scaled()
    if options.extract:
        return measure_extract(DATABASE)
    if options.extract_scaled:
        return measure_extract(SCALED_DATABASE)
    load_before = os.getloadavg()[0]
    subprocess.run([sys.executable, __file__, "--build"], cwd=ROOT, check=True)
    subprocess.run([sys.executable, __file__, "--build-scaled"], cwd=ROOT, check=True)
    extracts = [run_child("--extract"), run_child("--extract-scaled")]
    for extract in extracts:
        print(f"  extract(), {extract['dossiers']} dossiers: {extract['times_s']} s", flush=True)
    bulks = []
    for flags in ([], ["--accept"]):
        bulks.append(measure_bulk(*flags))
        print(f"  import_document {' '.join(flags)}: {bulks[-1]}", flush=True)
    text, failures = report(extracts, bulks, load_before, os.getloadavg()[0])
    print(text)
    (BENCH / "import_bulk.md").write_text(
        f"# The importer on real text, one and many\n\nMeasured {time.strftime('%Y-%m-%d %H:%M')} "
        f"by `python bench/import_bulk.py` (SQLite, this machine's {os.cpu_count()} cores).\n\n"
        f"{text}\n"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
