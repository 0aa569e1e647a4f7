"""Django settings, configured from the environment (docs/deploy.md has the full table).

DJANGO_ENV=production switches on everything a public server needs (secure cookies, HSTS, SSL redirect, an
enforced Content Security Policy) and makes DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS required: without them the
app refuses to start. Any other run is development: without DJANGO_SECRET_KEY a random key is created once in
`.secret_key` in the project folder (mode 0600, ignored by git), so `make run` and the tests work on a fresh clone.
DATABASE_URL selects the database (SQLite in the project folder when unset); REDIS_URL the shared cache (the
database cache when unset). DJANGO_DEBUG=1 turns debug on for development; it is off unless asked for.
"""

import os
import secrets
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(int(default))).lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} moet een heel getal zijn, niet {value!r}. / {name} must be a whole number, not {value!r}."
        ) from None


ENVIRONMENT = os.environ.get("DJANGO_ENV", "development").strip().lower()
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured(
        f"DJANGO_ENV is {ENVIRONMENT!r}; kies 'production' of 'development'. "
        f"/ DJANGO_ENV is {ENVIRONMENT!r}; use 'production' or 'development'."
    )
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DJANGO_DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured(
        "DJANGO_DEBUG staat aan met DJANGO_ENV=production: dat toont foutdetails aan iedereen. Zet DJANGO_DEBUG uit. "
        "/ DJANGO_DEBUG is on with DJANGO_ENV=production: it shows error details to everyone. Turn DJANGO_DEBUG off."
    )

SECRET_KEY_FILE = PROJECT_DIR / ".secret_key"


def development_secret_key(path: Path) -> str:
    """A random key made once per clone; never used in production."""
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "").strip()
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY ontbreekt. Met DJANGO_ENV=production start Participatiemix niet zonder eigen geheime "
            "sleutel. Maak er een met: python -c 'import secrets; print(secrets.token_urlsafe(50))' "
            "/ DJANGO_SECRET_KEY is missing. With DJANGO_ENV=production Participatiemix does not start without "
            "its own secret key (see docs/deploy.md)."
        )
    try:
        SECRET_KEY = development_secret_key(SECRET_KEY_FILE)
    except FileExistsError:  # another process created it at the same moment
        SECRET_KEY = SECRET_KEY_FILE.read_text().strip()

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS ontbreekt: noem de domeinnaam van de site, bijvoorbeeld participatie.gemeente.nl. "
        "/ DJANGO_ALLOWED_HOSTS is missing: name the site's host, e.g. participatie.gemeente.nl."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "participatiemix.site",
    "participatiemix.organisations",
    "participatiemix.catalogue",
    "participatiemix.plans",
    "participatiemix.scan",
    "participatiemix.workshop",
    "participatiemix.processes",
    # Runnable instruments: each registers itself with processes.registry in its AppConfig.ready().
    "participatiemix.surveys",
    "participatiemix.meetings",
    # Residents' accounts (sign-up with a verified e-mail address); after our apps so our templates win.
    "allauth",
    "allauth.account",
    # Last: the site's own form widget templates (NL Design System classes) override Django's.
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "participatiemix.site.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "participatiemix.site.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Turns a blocked request (django-ratelimit) into RATELIMIT_VIEW: a Dutch 429 page, not "no access".
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: turns a lockout during login into the Dutch lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "participatiemix.site.urls"
WSGI_APPLICATION = "participatiemix.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "participatiemix.site.context_processors.membership",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{PROJECT_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout keep SQLite usable with a few concurrent writers (werksessie notes).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    # Tests use a file, not the shared in-memory database: in memory, SQLite refuses a locked table at once
    # instead of waiting, which breaks concurrent requests (live server, werksessie polling).
    # One file per test process, so two test runs on one machine never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"pmx-test-{os.getpid()}.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The shared cache holds rate limits (django-ratelimit), so a limit holds across workers and hosts:
# Redis when REDIS_URL is set, else a table in the database (created by `migrate`, see site/apps.py).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "pmx_cache"}}
CACHES["default"]["KEY_PREFIX"] = os.environ.get("PMX_CACHE_PREFIX", "pmx")

# The client address for rate limits and lockouts (site/client_ip.py): X-Forwarded-For counts only from
# trusted proxies, given as addresses/networks or as a count of proxies in front of the app.
PMX_TRUSTED_PROXIES = env_list("PMX_TRUSTED_PROXIES")
PMX_TRUSTED_PROXY_COUNT = env_int("PMX_TRUSTED_PROXY_COUNT", 0)
BEHIND_PROXY = bool(PMX_TRUSTED_PROXIES or PMX_TRUSTED_PROXY_COUNT)
RATELIMIT_IP_META_KEY = "participatiemix.site.client_ip.client_ip"

# django-rules answers object permissions (site/permissions.py); django-axes checks a lockout before
# ModelBackend checks the password.
AUTHENTICATION_BACKENDS = [
    "participatiemix.site.security.LoginBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    # allauth's backend for allauth's own login only: Django's /inloggen/ must not let an unconfirmed address in.
    "participatiemix.site.accounts.EmailLoginBackend",
]

# Login lockout (site/security.py): 5 failures lock a username, 20 lock an address, for 15 minutes.
AXES_HANDLER = "participatiemix.site.security.LockoutHandler"
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_FAILURE_LIMIT = env_int("PMX_LOGIN_FAILURE_LIMIT", 5)
PMX_AXES_IP_FAILURE_LIMIT = env_int("PMX_LOGIN_ADDRESS_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("PMX_LOGIN_LOCKOUT_MINUTES", 15))
AXES_CLIENT_IP_CALLABLE = "participatiemix.site.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "participatiemix.site.security.locked_out"
AXES_HTTP_RESPONSE_CODE = 429
# A successful login does not wipe the address's count: one own account must not reset a guesser's budget.
AXES_RESET_ON_SUCCESS = False
AXES_VERBOSE = False

# One form look for every app (site/forms.py): Django's field rendering with NL Design System templates.
FORM_RENDERER = "participatiemix.site.forms.FormRenderer"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "site:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("PMX_STATIC_ROOT", PROJECT_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Production serves collected, compressed files with hashed names (`make serve` runs collectstatic).
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = Path(os.environ.get("PMX_MEDIA_ROOT", PROJECT_DIR / "media"))

# E-mail (feedback to participants, waiting-list moves, address confirmation): printed to the console unless
# EMAIL_BACKEND and EMAIL_HOST/PORT/HOST_USER/HOST_PASSWORD/USE_TLS come from the environment.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Participatiemix <noreply@participatiemix.localhost>")
# The address links in e-mails point to (no request is at hand in a background task).
PMX_SITE_URL = os.environ.get("PMX_SITE_URL", "http://127.0.0.1:8000")

# Residents' accounts (django-allauth, mounted at /account/ by site/urls_accounts.py): e-mail and password, the
# address confirmed before the account works. Residents log in on /account/inloggen/ (the link "Inloggen" in the
# header); staff keep their username login on /inloggen/ (LOGIN_URL), linked from the residents' page and back.
# django-axes guards both: allauth hands the e-mail address to authenticate() as `email`, and
# AXES_USERNAME_CALLABLE counts it as the username, so failures on either page add up per person.
ACCOUNT_ADAPTER = "participatiemix.site.accounts.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # a mail scanner opening the link must not confirm the address
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Participatiemix] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_RATE_LIMITS = {"signup": "20/h/ip", "login_failed": "10/m/ip,5/5m/key", "confirm_email": "1/3m/key"}
ACCOUNT_PREVENT_ENUMERATION = True
AXES_USERNAME_CALLABLE = "participatiemix.site.accounts.axes_username"

TASKS = {
    "default": {"BACKEND": os.environ.get("DJANGO_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}
}

# Sessions end at logout (Django flushes them) and after PMX_SESSION_IDLE_MINUTES without activity
# (site/middleware.py); the cookie itself ends when the browser closes (a library computer).
SESSION_COOKIE_AGE = env_int("PMX_SESSION_IDLE_MINUTES", 120) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# HTTPS: on in production; each switch can be set on its own (e.g. to try HSTS with a short max-age first).
SESSION_COOKIE_SECURE = env_bool("PMX_SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if SESSION_COOKIE_SECURE:
    # __Host-: the browser accepts these cookies only over HTTPS, for this exact host, never from a subdomain.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_SSL_REDIRECT = env_bool("PMX_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("PMX_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("PMX_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("PMX_HSTS_PRELOAD", True)
# Trust X-Forwarded-Proto only when a proxy is configured: otherwise anyone could claim "https".
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None

# Content Security Policy (django-csp): only our own files, no inline scripts or styles, no framing.
# Enforced in production (or with PMX_CSP_ENFORCE=1); elsewhere report-only, so browsers report violations
# (tests/e2e/test_site.py) while test tools may still inject their own scripts (axe-core).
CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
if env_bool("PMX_CSP_ENFORCE", PRODUCTION):
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}
else:
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": CSP_DIRECTIVES}

RATELIMIT_VIEW = "participatiemix.site.views.ratelimited"
# Survey submissions per address per minute (a library or town hall shares one address; the load benchmark
# raises it because all its clients come from 127.0.0.1).
PMX_SURVEY_RATE = os.environ.get("PMX_SURVEY_RATE", "30/m")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
