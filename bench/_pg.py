"""A throw-away PostgreSQL database for a benchmark, and gunicorn serving it.

`database(name)` drops and makes `pmx_bench_<name>` on DATABASE_URL's server (default 127.0.0.1:5432, user
postgres), points Django at it and migrates. `serve(workers=…, threads=…)` starts gunicorn with the production
settings against that database and yields the base URL; it stops gunicorn afterwards.
"""

from __future__ import annotations

import contextlib
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("PMX_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
# The same key in this process and in gunicorn, so a session made here is valid there.
SECRET_KEY = "bench-only-secret-key-" + "x" * 40


def machine() -> str:
    cpus = os.cpu_count()
    mem = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kb = int(Path("/proc/meminfo").read_text().split("\n")[0].split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB"
    return f"{platform.processor() or platform.machine()}, {cpus} cores{mem}, Python {platform.python_version()}"


def database(name: str) -> str:
    import psycopg

    db = f"pmx_bench_{name}"
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db}"')
    url = f"{SERVER}/{db}"
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SECRET_KEY"] = SECRET_KEY
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "participatiemix.site.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(*, workers: int = 4, threads: int = 1, env: dict | None = None):
    port = _free_port()
    environment = {
        **os.environ,
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PMX_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "PMX_THREADS": str(threads),
        "PMX_LOG_LEVEL": "warning",
        "PMX_SSL_REDIRECT": "0",
        "PMX_SECURE_COOKIES": "0",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/7"),
        **(env or {}),
    }
    subprocess.run(
        [sys.executable, "-m", "django", "collectstatic", "--noinput", "-v", "0"],
        env=environment,
        cwd=ROOT,
        check=True,
    )
    gunicorn = Path(sys.executable).parent / "gunicorn"
    proc = subprocess.Popen(
        [str(gunicorn), "-c", "gunicorn.conf.py", "--access-logfile", "/dev/null"], env=environment, cwd=ROOT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/over/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)
