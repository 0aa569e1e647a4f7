"""Benchmark: 100 concurrent clients submitting survey responses for 60 s (issue #9: ≥ 300 responses/s on 2 cores,
p99 ≤ 300 ms, every acknowledged response stored, none twice).

PostgreSQL (throw-away database pmx_bench_survey_submit), gunicorn with the production settings and Redis as the
shared cache; the client (aiohttp) runs on the same 2-core machine. Each request is one new anonymous respondent: a
POST of a complete, valid 20-question form with a CSRF cookie and token (as a browser sends after loading the
page), answered by the redirect to the thank-you page. The per-address rate limit is raised for the run
(PMX_SURVEY_RATE), since every client comes from 127.0.0.1.

After the run the database is counted: responses stored must equal the acknowledged ones, and no participant,
contribution or response may appear twice.

Run: .venv/bin/python bench/survey_submit.py [--clients 100] [--seconds 60] [--workers 4]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import secrets
import statistics
import time

import _pg
from _survey import bench_survey, post_data


async def client(session, url: str, structure, deadline: float, seed: int, results: dict) -> None:
    import aiohttp

    rng = random.Random(seed)
    while time.perf_counter() < deadline:
        token = secrets.token_hex(16)  # 32 characters: a CSRF secret, as the cookie and the form carry it
        form = aiohttp.FormData()
        form.add_field("csrfmiddlewaretoken", token)
        form.add_field("survey", str(structure.survey_id))
        for name, values in post_data(structure, rng).items():
            for value in values:
                form.add_field(name, value)
        started = time.perf_counter()
        try:
            async with session.post(
                url, data=form, allow_redirects=False, headers={"Cookie": f"csrftoken={token}"}
            ) as r:
                await r.read()
                status, location = r.status, r.headers.get("Location", "")
        except aiohttp.ClientError as exc:
            results["errors"].append(repr(exc))
            continue
        elapsed = (time.perf_counter() - started) * 1000
        if status == 302 and "/bedankt/" in location:
            results["acknowledged"] += 1
            results["latency"].append(elapsed)
        else:
            results["refused"][status] = results["refused"].get(status, 0) + 1


async def run(url: str, structure, clients: int, seconds: float) -> dict:
    import aiohttp

    results = {"acknowledged": 0, "latency": [], "refused": {}, "errors": []}
    connector = aiohttp.TCPConnector(limit=clients)
    async with aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar()) as session:
        deadline = time.perf_counter() + seconds
        started = time.perf_counter()
        await asyncio.gather(*(client(session, url, structure, deadline, i, results) for i in range(clients)))
        results["seconds"] = time.perf_counter() - started
    return results


def count(survey) -> dict:
    from django.db.models import Count

    from participatiemix.processes.models import Contribution
    from participatiemix.surveys.models import SurveyResponse

    responses = SurveyResponse.objects.filter(survey=survey)
    return {
        "responses": responses.count(),
        "contributions": Contribution.objects.filter(activity=survey.activity).count(),
        "participants twice": responses.values("participant").annotate(n=Count("id")).filter(n__gt=1).count(),
        "contributions twice": responses.values("contribution").annotate(n=Count("id")).filter(n__gt=1).count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    _pg.database("survey_submit")
    from participatiemix.surveys.selectors import survey_structure

    process, survey = bench_survey()
    structure = survey_structure(survey=survey, lang="nl").structure
    env = {"PMX_SURVEY_RATE": "100000000/m"}
    print(f"machine: {_pg.machine()}")
    print(f"gunicorn: {args.workers} workers x {args.threads} threads; {args.clients} clients for {args.seconds:.0f} s")
    with _pg.serve(workers=args.workers, threads=args.threads, env=env) as base:
        url = f"{base}/enquetes/{survey.pk}/"
        asyncio.run(run(url, structure, min(args.clients, 10), 3))  # warm-up: every worker loaded
        before = count(survey)["responses"]
        results = asyncio.run(run(url, structure, args.clients, args.seconds))
    stored = count(survey)
    latency = sorted(results["latency"])
    acknowledged = results["acknowledged"]
    print(f"acknowledged: {acknowledged} in {results['seconds']:.1f} s = {acknowledged / results['seconds']:.0f}/s")
    if latency:
        p99 = latency[max(0, int(len(latency) * 0.99) - 1)]
        print(
            f"latency: median {statistics.median(latency):.0f} ms, p95 {latency[int(len(latency) * 0.95) - 1]:.0f} ms, "
            f"p99 {p99:.0f} ms, max {latency[-1]:.0f} ms"
        )
    print(f"refused: {results['refused'] or 'none'}; connection errors: {len(results['errors'])}")
    new = stored["responses"] - before
    print(
        f"stored in this run: {new} responses (acknowledged {acknowledged}: "
        f"{'all stored' if new == acknowledged else 'MISMATCH'}); totals {stored}"
    )
    if new != acknowledged or stored["participants twice"] or stored["contributions twice"]:
        raise SystemExit("not every acknowledged response was stored exactly once")


if __name__ == "__main__":
    main()
