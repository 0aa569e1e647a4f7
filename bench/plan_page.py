"""Benchmark of the plans app: server time of the plan page for the demo plan, and plan DOCX/PDF exports.

The plan page shows the stored advice of the latest version (no advisor run per view). Measured with
Django's test Client on a throw-away SQLite database: median of 30 requests after a warm-up.
Targets: plan page <= 150 ms, DOCX <= 1 s, PDF <= 3 s. Run: .venv/bin/python bench/plan_page.py
"""

from __future__ import annotations

import io
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
_tmp = tempfile.mkdtemp(prefix="pmx-bench-plans-")
os.environ["DATABASE_URL"] = f"sqlite:///{_tmp}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "participatiemix.site.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from participatiemix.documents.plan import plan_docx, plan_pdf  # noqa: E402
from participatiemix.organisations import demo as org_demo  # noqa: E402
from participatiemix.plans import demo  # noqa: E402

RUNS = 30


def timed(fn, runs: int) -> tuple[float, float]:
    fn()  # warm-up: template and catalogue caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    call_command("migrate", verbosity=0)
    os.environ["PMX_DEMO_PASSWORD"] = "bench-only-password-1"
    org_demo.load(io.StringIO())  # the demo organisation and its beheerder `demo`
    plan = demo.load_plan(io.StringIO())
    client = Client()
    client.force_login(get_user_model().objects.get(username=org_demo.DEMO_USER))
    url = f"/plannen/{plan.pk}/"

    def get_page():
        response = client.get(url)
        assert response.status_code == 200

    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    get_page()
    with connection.execute_wrapper(count):
        get_page()
    page_ms, page_max = timed(get_page, RUNS)
    advice = plan.latest_version.advice
    docx_ms, _ = timed(lambda: plan_docx(advice), 5)
    pdf_ms, _ = timed(lambda: plan_pdf(advice), 5)
    size = len(client.get(url).content)

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        f"plan page (demo plan): median {page_ms:.1f} ms, max {page_max:.1f} ms over {RUNS} requests "
        f"({len(queries)} queries, {size / 1024:.0f} KB HTML); target <= 150 ms"
    )
    print(f"plan DOCX export: median {docx_ms:.0f} ms over 5 runs; target <= 1000 ms")
    print(f"plan PDF export: median {pdf_ms:.0f} ms over 5 runs; target <= 3000 ms")


if __name__ == "__main__":
    main()
