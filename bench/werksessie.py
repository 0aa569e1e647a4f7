"""Werksessie load: 30 groups x 5 phones polling their flip-over every 2 s, plus the rode draden over 2,000 notes.

Starts gunicorn on 127.0.0.1 (a free port) with a fresh SQLite database in a temporary folder, fills a session
with 30 groups and notes, lets 150 clients join through the real join page and poll for a bounded time while a
few members keep writing, then prints p50/p95/p99 latency with machine information. Stops the server at the end.

    .venv/bin/python bench/werksessie.py [--seconds 40] [--workers 2] [--threads 8]

Targets: poll p95 <= 100 ms; rode draden over 2,000 notes <= 3 s on 2 cores.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import platform
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
GROUPS = 30
CLIENTS_PER_GROUP = 5
POLL_EVERY = 2.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def machine() -> str:
    cpu = "?"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"
    )


class Client:
    """One phone: its own cookies (session), one keep-alive connection to the server."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

    def request(self, method: str, path: str, body: dict | None = None, headers: dict | None = None):
        data = urlencode(body).encode() if body is not None else None
        head = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), **(headers or {})}
        if data is not None:
            head["Content-Type"] = "application/x-www-form-urlencoded"
            head["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            head["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=data, headers=head)
                response = self.conn.getresponse()
                payload = response.read()
                break
            except (ConnectionError, http.client.HTTPException):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                if attempt:
                    raise
        for value in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(value)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        return response.status, payload.decode("utf-8", "replace"), response.headers

    def join(self, code: str, group_id: int) -> None:
        self.request("GET", f"/werksessies/doe-mee/{code}/")
        status, _body, _h = self.request(
            "POST", f"/werksessies/doe-mee/{code}/", {"action": "existing", "group": str(group_id)}
        )
        if status != 302:
            raise RuntimeError(f"join failed with HTTP {status}")


def prepare_database(env: dict) -> tuple[str, list[int]]:
    """Migrate a fresh database and create the session: 30 groups, 6 notes each (in a child process)."""
    subprocess.run([sys.executable, "-m", "django", "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
    script = f"""
import django; django.setup()
from participatiemix.organisations.demo import demo_organisation
from participatiemix.workshop import services
from participatiemix.workshop.models import Phase
from participatiemix.workshop.demo import DEMO_GROUPS
w = services.workshop_create(organisation=demo_organisation(), title="Bench", case_text=services.DEFAULT_CASE_TEXT,
                             questions=list(services.DEFAULT_QUESTIONS), group_count={GROUPS})
services.workshop_set_phase(workshop=w, phase=Phase.GROUPS)
answers = list(DEMO_GROUPS.values())
qs = list(w.questions.order_by("number"))
ids = []
for i in range({GROUPS}):
    g = services.group_create(workshop=w, name=f"Tafel {{i + 1}}")
    ids.append(g.pk)
    for q, notes in zip(qs, answers[i % len(answers)]):
        for text in notes[:2]:
            services.note_add(group=g, question=q, text=text)
print(w.code, ",".join(map(str, ids)))
"""
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, check=True, cwd=ROOT, capture_output=True, text=True
    ).stdout
    code, ids = out.strip().splitlines()[-1].split()
    return code, [int(i) for i in ids.split(",")]


def wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.time() + 30
    while time.time() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server stopped while starting")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/werksessies/doe-mee/")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start within 30 s")


def run_polling(port: int, code: str, group_ids: list[int], seconds: float) -> dict:
    clients = []
    for group_id in group_ids:
        for _ in range(CLIENTS_PER_GROUP):
            client = Client(port)
            client.join(code, group_id)
            clients.append((client, group_id))
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    writes: list[float] = []
    lock = threading.Lock()
    stop_at = time.time() + seconds
    rnd = random.Random(7)

    def phone(client: Client, index: int) -> None:
        key = ""
        time.sleep(rnd.random() * POLL_EVERY)  # phones do not poll in lockstep
        while time.time() < stop_at:
            started = time.perf_counter()
            status, body, _h = client.request("GET", f"/werksessies/doe-mee/{code}/flip-over/live/?v={key}")
            elapsed = time.perf_counter() - started
            if status == 200:
                found = re.search(r"live/\?v=([\w-]+)", body)
                key = found.group(1) if found else key
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
            # One member in five writes a note now and then, as in a real session.
            if index % CLIENTS_PER_GROUP == 0 and rnd.random() < 0.08:
                t0 = time.perf_counter()
                client.request(
                    "POST",
                    f"/werksessies/doe-mee/{code}/flip-over/",
                    {"question": str(rnd.randint(1, 3)), "text": f"Bench notitie {rnd.randint(1, 10**6)}"},
                )
                with lock:
                    writes.append(time.perf_counter() - t0)
            time.sleep(max(0.0, POLL_EVERY - (time.perf_counter() - started)))

    threads = [threading.Thread(target=phone, args=(c, i), daemon=True) for i, (c, _g) in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"latencies": latencies, "statuses": statuses, "writes": writes, "clients": len(clients)}


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def bench_threads(notes: int = 2000) -> tuple[float, float, int]:
    sys.path.insert(0, str(ROOT))
    t0 = time.perf_counter()
    from participatiemix.mix.text_groups import group_texts
    from participatiemix.workshop.demo import DEMO_GROUPS

    group_texts(["warm", "koud"])  # imports and first call
    warm_up = time.perf_counter() - t0
    base = [t for answers in DEMO_GROUPS.values() for q in answers for t in q]
    extra = ["wijk", "buurt", "kosten", "raad", "tempo", "huurders", "jongeren", "ouderen", "warmtenet", "kaders"]
    rnd = random.Random(11)
    texts = [f"{rnd.choice(base)} {' '.join(rnd.sample(extra, 2))}" for _ in range(notes)]
    t0 = time.perf_counter()
    groups = group_texts(texts)
    return time.perf_counter() - t0, warm_up, len(groups)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()

    print(f"Machine: {machine()}")
    seconds, warm, count = bench_threads()
    print(f"Rode draden over 2000 notities: {seconds:.2f} s ({count} draden; laden van scikit-learn {warm:.2f} s)")

    with tempfile.TemporaryDirectory(prefix="pmx-bench-") as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "DJANGO_SETTINGS_MODULE": "participatiemix.site.settings",
            "DJANGO_DEBUG": "0",
            "PYTHONPATH": str(ROOT),
        }
        env.pop("DJANGO_CACHE_BACKEND", None)
        code, group_ids = prepare_database(env)
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "participatiemix.site.wsgi:application",
                "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers), "--threads", str(args.threads),
                "--worker-class", "gthread", "--log-level", "warning",
            ],
            env=env, cwd=ROOT, start_new_session=True,
        )  # fmt: skip
        try:
            wait_until_up(port, server)
            result = run_polling(port, code, group_ids, args.seconds)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=15)

    lat = result["latencies"]
    print(
        f"Server: gunicorn {args.workers} workers x {args.threads} threads, SQLite (WAL) in a fresh temporary folder, "
        f"127.0.0.1:{port}"
    )
    print(
        f"Flip-over polling: {result['clients']} clients ({GROUPS} groups x {CLIENTS_PER_GROUP}), every "
        f"{POLL_EVERY:.0f} s for {args.seconds:.0f} s: {len(lat)} requests, "
        f"statuses {dict(sorted(result['statuses'].items()))}"
    )
    print(
        f"Poll latency: p50 {pct(lat, 50):.1f} ms, p95 {pct(lat, 95):.1f} ms, p99 {pct(lat, 99):.1f} ms, "
        f"mean {statistics.fmean(lat) * 1000:.1f} ms (target p95 <= 100 ms)"
    )
    if result["writes"]:
        w = result["writes"]
        print(f"Notes written meanwhile: {len(w)}, p50 {pct(w, 50):.1f} ms, p95 {pct(w, 95):.1f} ms")
    ok = pct(lat, 95) <= 100 and seconds <= 3
    print("Result:", "within targets" if ok else "OUTSIDE targets")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
