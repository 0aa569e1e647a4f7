"""Benchmark of the zelfscan: aggregate 10,000 responses (~390,000 answers) into the results and report data.

Target: results + report data <= 1 s on PostgreSQL. Also printed: open-answer themes (cold, then cached) and
rendering the report to DOCX and PDF (for information).

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/pmx_scan_bench .venv/bin/python bench/scan.py
(the database is created and migrated when missing; the benchmark round is deleted afterwards).
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pmx_scan_bench")
os.environ["DJANGO_SETTINGS_MODULE"] = "participatiemix.site.settings"

RESPONSES = {"council": 40, "executive": 9, "staff": 451, "residents": 9500}
LIMIT_S = 1.0


def ensure_database(url: str) -> None:
    if not url.startswith("postgres"):
        return
    import psycopg

    name = url.rsplit("/", 1)[-1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{system}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def timed(fn, runs: int = 5) -> tuple[float, object]:
    result = fn()  # warm-up: connections, questionnaire cache, imports
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from participatiemix.documents import base as documents
    from participatiemix.documents import scan_report
    from participatiemix.scan import demo, selectors, services
    from participatiemix.scan.models import Answer

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        db_version = cursor.fetchone()[0].split(",")[0]
    print(f"Machine: {machine()}")
    print(f"Database: {connection.vendor} ({db_version})")

    today = timezone.localdate()
    from participatiemix.organisations.demo import demo_organisation

    scan_round = services.round_create(
        organisation=demo_organisation(),
        municipality="Benchmarkgemeente",
        title="Benchmark 10.000 antwoorden",
        groups=list(RESPONSES),
        opens_on=today - dt.timedelta(days=10),
        closes_on=today + dt.timedelta(days=10),
        custom_questions=[services.CustomQuestionInput(text="Eigen stelling voor de benchmark.")],
    )
    try:
        start = time.perf_counter()
        made = demo.fill_round(scan_round=scan_round, counts=RESPONSES, seed=1)
        fill = time.perf_counter() - start
        answers = Answer.objects.filter(response__round_group__round=scan_round).count()
        print(f"Data: {made} responses, {answers} scored answers (inserted in {fill:.1f} s)")

        def results_and_report_data():
            customs = selectors.custom_questions(scan_round=scan_round)
            results = selectors.round_results(scan_round=scan_round, customs=customs)
            data = scan_report.ScanReportInput(
                municipality=scan_round.municipality,
                title=scan_round.title,
                opens_on=scan_round.opens_on,
                closes_on=scan_round.closes_on,
                questionnaire=scan_round.questionnaire,
                results=results,
                custom_likert={c.key: c.text for c in customs if c.kind == "likert"},
            )
            return results, scan_report.build_scan_report(data)

        seconds, (results, document) = timed(results_and_report_data)
        verdict = "ok" if seconds <= LIMIT_S else "TOO SLOW"
        print(f"{'results + report data (median of 5)':<44} {seconds * 1000:8.1f} ms  (limit 1000 ms) {verdict}")
        agg_only, _ = timed(lambda: selectors.round_results(scan_round=scan_round))
        print(f"{'  of which the aggregate query + scoring':<44} {agg_only * 1000:8.1f} ms")
        print(f"  shown groups: {', '.join(results.shown_groups)}; report blocks: {len(document.blocks)}")

        cache.clear()
        start = time.perf_counter()
        themes = selectors.open_answer_themes(scan_round=scan_round, results=results)
        cold = time.perf_counter() - start
        texts = sum(t.total for t in themes)
        cached, _ = timed(lambda: selectors.open_answer_themes(scan_round=scan_round, results=results))
        print(f"{f'open-answer themes, {texts} texts (cold)':<44} {cold * 1000:8.1f} ms")
        print(f"{'open-answer themes (cached)':<44} {cached * 1000:8.1f} ms")

        docx_s, _ = timed(lambda: documents.render(document, "docx"), runs=3)
        pdf_s, _ = timed(lambda: documents.render(document, "pdf"), runs=1)
        print(f"{'report DOCX render':<44} {docx_s * 1000:8.1f} ms")
        print(f"{'report PDF render':<44} {pdf_s * 1000:8.1f} ms")
        return 0 if seconds <= LIMIT_S else 1
    finally:
        services.round_delete(scan_round=scan_round)


if __name__ == "__main__":
    raise SystemExit(main())
