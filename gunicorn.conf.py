"""gunicorn for Participatiemix: `make serve`, or `gunicorn -c gunicorn.conf.py` (docs/deploy.md).

Everything comes from the environment. gunicorn runs the production settings unless DJANGO_ENV says otherwise,
so a server never starts with development defaults by accident.
"""

import multiprocessing
import os

os.environ.setdefault("DJANGO_ENV", "production")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "participatiemix.site.settings")

wsgi_app = "participatiemix.site.wsgi:application"
# Behind a reverse proxy on the same host: listen on loopback only, so nothing reaches the app but the proxy.
bind = os.environ.get("PMX_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("PMX_THREADS", "1"))
# PDF and DOCX exports take a few seconds; anything far beyond that is stuck.
timeout = int(os.environ.get("PMX_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced now and then, so a slow leak never grows unbounded.
max_requests = 1000
max_requests_jitter = 100
# Which proxies may set X-Forwarded-Proto/-For for gunicorn itself (the app reads PMX_TRUSTED_PROXIES).
forwarded_allow_ips = os.environ.get("PMX_TRUSTED_PROXIES", "127.0.0.1")
# Request-line and header limits: refuse absurd requests before Django sees them.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("PMX_LOG_LEVEL", "info")
