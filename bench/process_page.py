"""Benchmark: the public process page of a process with 50,000 contributions (issue #9: ≤ 100 ms).

PostgreSQL (a throw-away database pmx_bench_process_page) and gunicorn with the production settings. The process is
the deck's energy case; its activities get 50,000 contributions with mixed feedback statuses (bulk inserts), then
the page /processen/<slug>/ is fetched over HTTP 200 times after a warm-up. Also the staff overview and the
contributions list. Prints median and p95 per page and the number of SQL queries of one request.

Run: .venv/bin/python bench/process_page.py [--contributions 50000]
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import time
import urllib.request
from pathlib import Path

import _pg

CONTRIBUTIONS = 50_000
REQUESTS = 200


def fill(n: int):
    from django.utils import timezone

    from participatiemix.processes import services
    from participatiemix.processes.models import Activity, Contribution, ContributionStatus, Participant, Process

    plan = __import__("participatiemix.plans.demo", fromlist=["load_plan"]).load_plan(io.StringIO())
    process = services.process_create(plan=plan, slug="bench", start=timezone.localdate(), is_example=True)
    process.status = Process.Status.PUBLISHED
    process.save()
    activities = list(Activity.objects.filter(phase__process=process))
    rng = random.Random(1)
    participants = Participant.objects.bulk_create(
        [Participant(process=process, is_example=True) for _ in range(n // 3)], batch_size=5000
    )
    statuses = ContributionStatus.values
    rows = []
    for i in range(n):
        status = rng.choice(statuses)
        answered = status in ("adopted", "not_adopted")
        rows.append(
            Contribution(
                activity=rng.choice(activities),
                participant=rng.choice(participants),
                kind="idea",
                summary=f"Voorbeeldinbreng {i}: meer zonnepanelen op daken",
                text="Voorbeeldtekst over isoleren, warmtenet en kosten.",
                status=status,
                response="Dit nemen we mee in het plan." if answered else "",
                status_changed_at=timezone.now() if answered else None,
                is_example=True,
            )
        )
    Contribution.objects.bulk_create(rows, batch_size=5000)
    # What autovacuum does on a live server after a large load: fresh statistics and a visibility map.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return process


def queries(path: str, user=None) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if user is not None:
        client.force_login(user)
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def timed(url: str, headers: dict | None = None) -> tuple[float, float]:
    request = urllib.request.Request(url, headers=headers or {})
    for _ in range(5):
        urllib.request.urlopen(request).read()
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            response.read()
            assert response.status == 200
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contributions", type=int, default=CONTRIBUTIONS)
    args = parser.parse_args()
    _pg.database("process_page")
    from participatiemix.organisations.models import Membership
    from participatiemix.organisations.roles import Role

    started = time.perf_counter()
    process = fill(args.contributions)
    print(f"{args.contributions} contributions made in {time.perf_counter() - started:.1f} s")
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.create_user("bench-staff", password="bench-only-password-1")
    Membership.objects.create(user=staff, organisation=process.organisation, role=Role.AMBTENAAR)
    pages = {
        "process page (public)": (f"/processen/{process.slug}/", None),
        "back office overview": (f"/processen/{process.slug}/beheer/", staff),
        "contributions list (staff)": (f"/processen/{process.slug}/beheer/inbreng/", staff),
    }
    print(f"machine: {_pg.machine()}")
    with _pg.serve(workers=2) as base:
        for label, (path, user) in pages.items():
            headers = {"Cookie": session_cookie(user)} if user else None
            median, p95 = timed(base + path, headers)
            print(f"{label}: median {median:.1f} ms, p95 {p95:.1f} ms, {queries(path, user)} queries")


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
