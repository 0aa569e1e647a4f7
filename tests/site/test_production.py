"""The production path: settings from the environment, refusal without a key, a clean `check --deploy`,
security headers, and a cache that is shared between processes (database or Redis)."""

import os
import secrets
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from participatiemix.site.settings import development_secret_key

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = "--settings=participatiemix.site.settings"
REDIS_URL = "redis://127.0.0.1:6379/15"


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PMX_", "REDIS_URL"))}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120
    )


def production_env(**extra: str) -> dict[str, str]:
    return {
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "participatie.example.nl",
        **extra,
    }


def test_check_deploy_is_clean_in_production():
    result = run(["-m", "django", "check", "--deploy", "--fail-level", "WARNING", SETTINGS], **production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_is_clean_behind_a_proxy_with_redis():
    env = production_env(PMX_TRUSTED_PROXIES="127.0.0.1", REDIS_URL=REDIS_URL)
    result = run(["-m", "django", "check", "--deploy", "--fail-level", "WARNING", SETTINGS], **env)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DJANGO_ENV": "production", "DJANGO_ALLOWED_HOSTS": "x.example.nl"}, "DJANGO_SECRET_KEY ontbreekt"),
        ({"DJANGO_ENV": "production", "DJANGO_SECRET_KEY": "k" * 50}, "DJANGO_ALLOWED_HOSTS ontbreekt"),
        ({**production_env(), "DJANGO_DEBUG": "1"}, "DJANGO_DEBUG staat aan"),
        ({"DJANGO_ENV": "prod"}, "kies 'production' of 'development'"),
        ({"PMX_SESSION_IDLE_MINUTES": "twee uur"}, "moet een heel getal zijn"),
    ],
)
def test_production_refuses_to_start_when_misconfigured(env, message):
    result = run(["-m", "django", "check", SETTINGS], **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr


def test_production_settings_switch_on_https_and_headers():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS,"
        " s.SECURE_PROXY_SSL_HEADER, s.WHITENOISE_USE_FINDERS, bool(getattr(s, 'CONTENT_SECURITY_POLICY', None)))"
    )
    env = {**production_env(PMX_TRUSTED_PROXY_COUNT="1"), "DJANGO_SETTINGS_MODULE": "participatiemix.site.settings"}
    result = run(["-c", "import django; django.setup();" + code], **env)
    assert result.stdout.split() == [
        "True", "True", "True", "31536000", "('HTTP_X_FORWARDED_PROTO',", "'https')", "False", "True",
    ], result.stderr  # fmt: skip


def test_development_key_is_made_once_and_private(tmp_path):
    path = tmp_path / ".secret_key"
    key = development_secret_key(path)
    assert len(key) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert development_secret_key(path) == key
    assert key != "dev-only-not-secret-participatiemix"


def test_the_development_key_is_never_the_public_one():
    assert settings.SECRET_KEY != "dev-only-not-secret-participatiemix"
    assert ".secret_key" in (ROOT / ".gitignore").read_text().split()


@pytest.mark.django_db
def test_security_headers_on_every_page(client):
    response = client.get("/")
    policy = response["Content-Security-Policy-Report-Only"]
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"):
        assert directive in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": settings.CSP_DIRECTIVES})
def test_csp_is_enforced_when_configured(client):
    assert "script-src 'self'" in client.get("/")["Content-Security-Policy"]


def test_htmx_does_not_inject_inline_styles(client, db):
    html = client.get("/").content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles":false,' in html
    assert "<style" not in html and " style=" not in html


def test_the_default_cache_is_shared_not_per_process():
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend in {"django.core.cache.backends.db.DatabaseCache", "django.core.cache.backends.redis.RedisCache"}


# A rate limit counted in one process and read in another: what happens with several gunicorn workers.
LIMIT_SCRIPT = """
import django, sys
django.setup()
from django.test import RequestFactory
from django_ratelimit.core import get_usage
request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.77")
# A day's window: a minute's edge between two processes would start a new count.
usage = get_usage(request, group=sys.argv[1], key="ip", rate="3/d", increment=sys.argv[2] == "count")
print("limited" if usage["should_limit"] else "free", usage["count"])
"""


def limit_in_process(group: str, action: str, **env: str) -> str:
    env = {"DJANGO_SETTINGS_MODULE": "participatiemix.site.settings", **env}
    result = run(["-c", LIMIT_SCRIPT, group, action], **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_rate_limit_holds_across_processes_with_the_database_cache(tmp_path):
    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}"}
    assert run(["-m", "django", "createcachetable", SETTINGS], **database).returncode == 0
    group = uuid.uuid4().hex
    outputs = [limit_in_process(group, "count", **database) for _ in range(3)]
    assert outputs == ["free 1", "free 2", "free 3"]
    assert limit_in_process(group, "count", **database) == "limited 4"


def test_rate_limit_holds_across_processes_with_redis():
    """Uses the Redis server at 127.0.0.1:6379 (.ci/run and `make test` start it): fails, never skips, without it."""
    import redis

    redis.Redis.from_url(REDIS_URL).ping()  # a clear error when Redis is not running
    group = uuid.uuid4().hex
    outputs = [limit_in_process(group, "count", REDIS_URL=REDIS_URL) for _ in range(4)]
    assert outputs == ["free 1", "free 2", "free 3", "limited 4"]
    keys = redis.Redis.from_url(REDIS_URL).keys("pmx:*")
    assert keys, "the counters live in Redis, under the pmx prefix"


def test_gunicorn_runs_production_unless_told_otherwise():
    """gunicorn.conf.py sets DJANGO_ENV=production: without a key the server does not boot."""
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    result = subprocess.run(
        [gunicorn, "--check-config", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PMX_"))},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY ontbreekt" in result.stdout + result.stderr


def test_gunicorn_serves_pages_and_static_files_in_production(tmp_path):
    """The `make serve` path: collectstatic, then gunicorn with whitenoise, behind a (simulated) proxy."""
    import http.client
    import socket
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PMX_", "REDIS_URL", "DATABASE_URL"))}
    env.update(production_env(DJANGO_ALLOWED_HOSTS="localhost"))
    env.update(
        PMX_STATIC_ROOT=str(tmp_path / "static"),
        PMX_TRUSTED_PROXIES="127.0.0.1",
        PMX_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    collect = subprocess.run(
        [sys.executable, "-m", "django", "collectstatic", "--noinput", "-v", "0", SETTINGS],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert collect.returncode == 0, collect.stderr
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip

    def get(path: str, **headers: str) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", path, headers={"Host": "localhost", **headers})
        return connection.getresponse()

    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                plain = get("/over/")
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.3)
        assert plain.status == 301 and plain.getheader("Location") == "https://localhost/over/"
        page = get("/over/", **{"X-Forwarded-Proto": "https"})
        html = page.read().decode()
        assert page.status == 200
        assert "max-age=31536000" in page.getheader("Strict-Transport-Security")
        assert "script-src 'self'" in page.getheader("Content-Security-Policy")
        assert page.getheader("Set-Cookie").startswith("__Host-csrftoken=")
        assert "Secure" in page.getheader("Set-Cookie")
        css = html.split('href="/static/site/site.')[1].split('"')[0]
        static = get(f"/static/site/site.{css}", **{"X-Forwarded-Proto": "https"})
        assert static.status == 200 and "immutable" in static.getheader("Cache-Control")
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.django_db
def test_migrate_creates_the_cache_table():
    """`migrate` alone (make run, make serve) makes the database cache's table: nothing extra to run."""
    from django.core.cache import cache
    from django.core.management.sql import emit_post_migrate_signal
    from django.db import connection

    table = settings.CACHES["default"]["LOCATION"]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")
    assert table not in connection.introspection.table_names()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert table in connection.introspection.table_names()
    cache.set("pmx-probe", 1)
    assert cache.get("pmx-probe") == 1
