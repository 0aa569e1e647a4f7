"""Benchmark of the advisor: median advise() time on the demo case, with the full catalogue and with 2,000
generated instruments, plus plan DOCX/PDF generation when `participatiemix.documents.plan` exists.

Targets: demo case <= 50 ms, 2,000 instruments <= 1 s, DOCX <= 1 s, PDF <= 3 s. Run: .venv/bin/python bench/advice.py
"""

from __future__ import annotations

import importlib
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from participatiemix.mix.advisor import advise, default_catalogue  # noqa: E402
from participatiemix.mix.case import load_case  # noqa: E402
from participatiemix.mix.catalogue import Catalogue, parse_instrument  # noqa: E402
from participatiemix.mix.vocabulary import DATA_DIR, load_vocabulary  # noqa: E402
from tests.catalogue.factories import instrument_document  # noqa: E402

DEMO = DATA_DIR / "cases" / "aardgasvrij.yaml"


def median_ms(fn, runs: int) -> float:
    fn()  # warm-up (solver start, caches)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def generated_catalogue(count: int) -> Catalogue:
    vocab = load_vocabulary()
    instruments = {}
    for i in range(count):
        inst = parse_instrument(instrument_document(i), f"gen_{i}", vocab)
        instruments[inst.id] = inst
    return Catalogue(instruments)


def line(label: str, value: float, limit: float, unit: str = "ms") -> str:
    verdict = "ok" if value <= limit else "TOO SLOW"
    return f"{label:<48} {value:8.1f} {unit}  (limit {limit:g} {unit}) {verdict}"


def main() -> int:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cpu, Python {platform.python_version()}, "
        f"{platform.system()}, load average {os.getloadavg()[0]:.1f} (other processes slow the figures down)"
    )
    catalogue = default_catalogue()
    case = load_case(DEMO, instrument_ids=list(catalogue.instruments))
    demo = median_ms(lambda: advise(case, catalogue=catalogue), 30)
    print(line(f"advise(aardgasvrij), {len(catalogue)} instruments, median", demo, 50))
    big = generated_catalogue(2000)
    large = median_ms(lambda: advise(case, catalogue=big), 7)
    print(line("advise(aardgasvrij), 2,000 generated instruments, median", large, 1000))
    try:
        plan = importlib.import_module("participatiemix.documents.plan")
    except ModuleNotFoundError:
        print("documents.plan not available: DOCX/PDF not measured")
        return 0
    advice = advise(case, catalogue=catalogue)
    docx = median_ms(lambda: plan.plan_docx(advice, "nl"), 5)
    print(line("plan_docx(aardgasvrij), median", docx, 1000))
    pdf = median_ms(lambda: plan.plan_pdf(advice, "nl"), 3)
    print(line("plan_pdf(aardgasvrij), median", pdf, 3000))
    return 0


if __name__ == "__main__":
    sys.exit(main())
