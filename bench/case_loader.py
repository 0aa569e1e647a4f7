"""Hostile case files against the safe loader (mix/safe_load.py): how fast each is refused, and the peak memory.

    .venv/bin/python bench/case_loader.py

Before the limits: 100k alias references took 5 s and +99 MB in yaml.safe_load; 500-deep YAML gave a RecursionError.
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from werksessie import machine  # noqa: E402

from participatiemix.mix.errors import DataError  # noqa: E402
from participatiemix.mix.safe_load import load_case_text  # noqa: E402

LAUGHS = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)
CASES = {
    "billion laughs (9 levels of 9 aliases)": LAUGHS,
    "100k alias references": "a: &a x\nb: [" + ", ".join(["*a"] * 100_000) + "]\n",
    "YAML nested 500 deep": "a: " + "[" * 500 + "]" * 500 + "\n",
    "one 1 MB value": "title: " + "x" * 1_000_000 + "\n",
    "JSON nested 500 deep": "[" * 500 + "]" * 500,
}


def refuse(text: str, filename: str) -> None:
    try:
        load_case_text(text, filename=filename)
    except DataError:
        return
    raise AssertionError(f"{filename} was accepted")


def main() -> None:
    print(f"machine: {machine()}")
    for name, text in CASES.items():
        filename = "case.json" if name.startswith("JSON") else "case.yaml"
        times = []
        for _ in range(20):
            start = time.perf_counter()
            refuse(text, filename)
            times.append((time.perf_counter() - start) * 1000)
        tracemalloc.start()
        refuse(text, filename)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        median = statistics.median(times)
        print(f"{name}: refused, median {median:.2f} ms, peak +{peak:.1f} MB (input {len(text):,} chars)")


if __name__ == "__main__":
    main()
