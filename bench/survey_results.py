"""Benchmark: the survey results page over 100,000 responses of 20 questions (issue #9: ≤ 1 s, bounded queries).

PostgreSQL (throw-away database pmx_bench_survey_results) and gunicorn with the production settings. The survey
has 20 questions of every kind; responses come from surveys/load.py (bulk inserts, random answers following the
skip logic, 10 % on paper), then VACUUM ANALYZE as autovacuum would. The results page is fetched over HTTP by a
logged-in ambtenaar: unfiltered and filtered by a profile group. Prints median and p95 and the queries of one
request.

Run: .venv/bin/python bench/survey_results.py [--responses 100000]
"""

from __future__ import annotations

import argparse
import statistics
import time
import urllib.request

import _pg
from _survey import bench_survey

RESPONSES = 100_000
REQUESTS = 20


def timed(url: str, cookie: str) -> tuple[float, float]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    urllib.request.urlopen(request, timeout=60).read()
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            assert response.status == 200
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=RESPONSES)
    args = parser.parse_args()
    _pg.database("survey_results")
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from participatiemix.organisations.models import Membership
    from participatiemix.organisations.roles import Role
    from participatiemix.surveys.load import generate_responses

    process, survey = bench_survey()
    started = time.perf_counter()
    made = generate_responses(survey, args.responses, seed=1)
    print(f"{made} responses of 20 questions made in {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT count(*) FROM surveys_answer")
        print(f"{cursor.fetchone()[0]} answer rows")
    staff = get_user_model().objects.create_user("bench-staff", password="bench-only-password-1")
    Membership.objects.create(user=staff, organisation=process.organisation, role=Role.AMBTENAAR)
    client = Client()
    client.force_login(staff)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    pages = {
        "results, all responses": f"/enquetes/{survey.pk}/resultaten/",
        "results, filtered on age 65+": f"/enquetes/{survey.pk}/resultaten/?age_band=65%2B",
    }
    print(f"machine: {_pg.machine()}")
    for label, path in pages.items():
        client.get(path)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        pages[label] = (path, len(ctx.captured_queries))
    with _pg.serve(workers=2) as base:
        for label, (path, queries) in pages.items():
            median, p95 = timed(base + path, cookie)
            print(f"{label}: median {median:.0f} ms, p95 {p95:.0f} ms, {queries} queries")


if __name__ == "__main__":
    main()
