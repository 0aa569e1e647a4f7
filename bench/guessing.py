"""Code guessing against several gunicorn workers: do the rate limits hold across processes?

The finding in "Trust first": with a per-process cache and 4 gunicorn workers, 800 of 1,200 wrong werksessie codes
were answered. This starts gunicorn with 4 workers on 127.0.0.1 (a free port, a fresh SQLite database in a temporary
folder), sends 1,200 requests with wrong codes to the code URLs from one address, and counts how many were answered
(not 429). Run once with Redis (REDIS_URL) and once with the database cache (the default without Redis).

    .venv/bin/python bench/guessing.py [--requests 1200] [--workers 4] [--cache redis|database]

Expected: at most the wrong-code budget of one address (60 a minute) is answered, whatever the number of workers.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from werksessie import free_port, machine  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # the werksessie code alphabet (workshop/models.py)
URLS = ("/werksessies/beamer/{code}/tijd/", "/werksessies/beamer/{code}/live/", "/werksessies/doe-mee/{code}/")


def wait_for(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/over/")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not start")


def guess(port: int, n: int) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    code = "".join(random.choice(ALPHABET) for _ in range(6))
    conn.request("GET", URLS[n % len(URLS)].format(code=code))
    status = conn.getresponse().status
    conn.close()
    return status


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1200)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--cache", choices=("redis", "database"), default="redis")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="pmx-bench-guess-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "participatiemix.site.settings",
        "DJANGO_ENV": "development",
        "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
        "WEB_CONCURRENCY": str(args.workers),
    }
    env.pop("REDIS_URL", None)
    if args.cache == "redis":
        env["REDIS_URL"] = "redis://127.0.0.1:6379/7"
        subprocess.run(["redis-cli", "-n", "7", "flushdb"], check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "django", "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "participatiemix.site.wsgi", "-c", "/dev/null",
         "-w", str(args.workers), "-b", f"127.0.0.1:{port}"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for(port)
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(lambda n: guess(port, n), range(args.requests)))
        seconds = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=10)
    answered = sum(1 for s in statuses if s != 429)
    print(f"machine: {machine()}")
    print(
        f"{args.requests} wrong codes from one address against {args.workers} gunicorn workers ({args.cache} cache) "
        f"in {seconds:.1f} s: {answered} answered (404), {args.requests - answered} refused (429); "
        f"other statuses: {sorted({s for s in statuses if s not in (404, 429)})}"
    )


if __name__ == "__main__":
    main()
