"""Benchmark: load 2,000 generated instruments, and serve the catalogue list page with them.

Targets: load_catalogue_from <= 2 s; list page median <= 50 ms (server time via Django's test Client).
Run: .venv/bin/python bench/catalogue.py
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "participatiemix.site.settings"
os.environ["DATABASE_URL"] = "sqlite://:memory:"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from participatiemix.catalogue import selectors  # noqa: E402
from participatiemix.catalogue.models import LocalInstrument  # noqa: E402
from participatiemix.mix.catalogue import load_catalogue_from, parse_instrument, read_yaml  # noqa: E402
from participatiemix.mix.vocabulary import load_vocabulary  # noqa: E402
from tests.catalogue.factories import instrument_document, write_documents  # noqa: E402

COUNT = 2000
LOAD_RUNS = 5
REQUESTS = 30
LOCAL = 30


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def page_times(client: Client, url: str, **headers) -> list[float]:
    client.get(url, **headers)  # warm-up: builds the index once, as the first request of a process would
    times = []
    for _ in range(REQUESTS):
        seconds, response = timed(lambda: client.get(url, **headers))
        assert response.status_code == 200, response.status_code
        times.append(seconds * 1000)
    return times


def load_phases(folder: Path) -> dict[str, float]:
    """Where the load time goes: reading the files, parsing the YAML, validating the documents (CPU seconds)."""
    vocabulary = load_vocabulary()
    paths = sorted(folder.glob("*.yaml"))
    best = {"read files": float("inf"), "parse YAML": float("inf"), "validate": float("inf")}
    for _ in range(3):
        start = time.process_time()
        raws = [path.read_bytes() for path in paths]
        read = time.process_time()
        documents = [read_yaml(raw) for raw in raws]
        parsed = time.process_time()
        for path, document in zip(paths, documents, strict=True):
            parse_instrument(document, path.name, vocabulary)
        done = time.process_time()
        for name, seconds in zip(best, (read - start, parsed - read, done - parsed), strict=True):
            best[name] = min(best[name], seconds)
    return best


def main() -> int:
    load_avg = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} cpu, Python {platform.python_version()}, {platform.machine()}, load {load_avg}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_documents(folder, [instrument_document(i) for i in range(COUNT)])
        size = sum(p.stat().st_size for p in folder.glob("*.yaml"))
        print(f"catalogue: {COUNT} generated instrument files, {size / 1e6:.1f} MB")
        loads, cpu = [], []
        for _ in range(LOAD_RUNS):
            cpu_start = time.process_time()
            seconds, catalogue = timed(lambda: load_catalogue_from(folder, require_vocabulary_ids=False))
            cpu.append(time.process_time() - cpu_start)
            loads.append(seconds)
        assert len(catalogue) == COUNT
        phases = load_phases(folder)
    load_ok = min(loads) <= 2.0
    print(
        f"load_catalogue_from: first {loads[0]:.2f} s, best {min(loads):.2f} s, "
        f"median {statistics.median(loads):.2f} s of {LOAD_RUNS} "
        f"(cpu best {min(cpu):.2f} s, median {statistics.median(cpu):.2f} s) "
        f"(target <= 2 s: {'ok' if load_ok else 'MISSED'})"
    )
    print("load phases (cpu, best of 3): " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in phases.items()))

    setup_test_environment()
    call_command("migrate", verbosity=0)
    for n in range(LOCAL):
        LocalInstrument.objects.create(
            slug=f"lokaal_{n}",
            name_nl=f"Lokaal instrument {n}",
            summary_nl="Een lokaal instrument.",
            phases=["agenda_setting"],
            levels=["consult"],
            goals=["identify_issues"],
            reaches=["elderly"],
            online="offline",
            cost_min_eur=0,
            cost_max_eur=1000,
            municipality="Zwolle",
            contact_role="wijkregisseur",
        )
    selectors.load_catalogue = lambda: catalogue
    client = Client()
    results = {}
    for label, url, headers in [
        ("list page", "/instrumenten/", {}),
        ("filtered list (3 filters)", "/instrumenten/?fase=agenda_setting&trede=advise&trede=consult&kosten=high", {}),
        ("htmx partial", "/instrumenten/?trede=advise", {"HTTP_HX_REQUEST": "true"}),
        ("page 20", "/instrumenten/?pagina=20", {}),
    ]:
        times = page_times(client, url, **headers)
        results[label] = statistics.median(times)
        p95 = sorted(times)[int(0.95 * len(times)) - 1]
        print(
            f"{label}: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms over {REQUESTS} requests "
            f"({COUNT} curated + {LOCAL} local, {selectors.PAGE_SIZE} per page)"
        )
    page_ok = results["list page"] <= 50
    print(f"list page target median <= 50 ms: {'ok' if page_ok else 'MISSED'}")
    return 0 if load_ok and page_ok else 1


if __name__ == "__main__":
    sys.exit(main())
