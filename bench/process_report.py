"""Benchmark: the council report (JSON) of a process with 50,000 contributions (issue #9: ≤ 2 s).

PostgreSQL (a throw-away database pmx_bench_report). The process is the deck's energy case; its activities get
50,000 contributions (bulk inserts) from 15,000 participants, a third with a voluntary profile, mixed feedback
statuses and varied texts. Times `process_report_data` + JSON: cold (themes not in the cache: grouped on a
sample) and warm (themes cached; the counts are always recomputed), and counts the SQL queries.

Run: .venv/bin/python bench/process_report.py [--contributions 50000] [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import time

import _pg

TOPICS = [
    "het warmtenet is te duur voor huurders",
    "meer uitleg op papier voor ouderen",
    "eerst isoleren en dan pas van het gas af",
    "zonnepanelen op alle daken van de school",
    "de kosten eerlijk verdelen over de wijk",
    "een informatieavond in het buurthuis",
    "subsidie voor een warmtepomp",
    "geluid van warmtepompen in de straat",
    "groen gas voor de oude dorpskern",
    "de planning is niet duidelijk",
]
EXTRA = ["graag", "echt", "snel", "in onze straat", "voor iedereen", "zonder gedoe", "met de buren", "dit jaar"]


def fill(n: int):
    from django.utils import timezone

    from participatiemix.plans.demo import load_plan
    from participatiemix.processes import services
    from participatiemix.processes.models import Activity, Contribution, ContributionStatus, Participant, Profile

    plan = load_plan(io.StringIO())
    process = services.process_create(plan=plan, slug="bench-report", start=timezone.localdate(), is_example=True)
    activities = list(Activity.objects.filter(phase__process=process))
    groups = sorted({g for p in process.phases.all() for g in p.target_groups})
    rng = random.Random(7)
    people = Participant.objects.bulk_create(
        [Participant(process=process, is_example=True) for _ in range(n * 3 // 10)], batch_size=5000
    )
    Profile.objects.bulk_create(
        [Profile(participant=p, target_groups=rng.sample(groups, 2)) for p in people[: len(people) // 3]],
        batch_size=5000,
    )
    statuses = ContributionStatus.values
    rows = []
    for _ in range(n):
        text = f"{rng.choice(TOPICS)} {rng.choice(EXTRA)}"
        rows.append(
            Contribution(
                activity=rng.choice(activities),
                participant=rng.choice(people),
                kind="idea",
                summary=text[:80],
                text=text,
                status=rng.choice(statuses),
                is_example=True,
            )
        )
    Contribution.objects.bulk_create(rows, batch_size=5000)
    return process


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contributions", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    _pg.database("report")
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from participatiemix.documents.process_report import render_report
    from participatiemix.processes.report import process_report_data

    started = time.perf_counter()
    process = fill(args.contributions)
    print(f"filled {args.contributions:,} contributions in {time.perf_counter() - started:.1f} s")
    from participatiemix.mix import threads

    threads.load_model()  # the embedding model loads once per worker; not part of a report

    def one() -> tuple[float, dict]:
        t = time.perf_counter()
        data = process_report_data(process=process)
        render_report(data, "json")
        return time.perf_counter() - t, data

    cache.clear()
    first = one()[0]  # a fresh process: imports, catalogue and vocabulary loaded once
    cold = []
    for _ in range(args.runs):
        cache.clear()
        cold.append(one()[0])
    warm = [one()[0] for _ in range(args.runs)]
    with CaptureQueriesContext(connection) as ctx:
        _, data = one()
    assert data["totals"]["contributions"] == args.contributions
    json.dumps(data)
    print(f"machine: {_pg.machine()}, PostgreSQL {connection.pg_version // 10000}")
    print(f"report JSON, first call in a fresh process: {first:.3f} s")
    print(f"report JSON, themes not cached: median {statistics.median(cold):.3f} s, max {max(cold):.3f} s")
    print(f"report JSON, themes cached:     median {statistics.median(warm):.3f} s, max {max(warm):.3f} s")
    print(f"SQL queries per report (warm): {len(ctx.captured_queries)}")
    print(f"totals: {data['totals']}")


if __name__ == "__main__":
    main()
