"""Settings for chidoan, read from the environment.

Every variable is documented in `.env.example`. Defaults give a working local
site on SQLite; production sets DEBUG=false and must then give SECRET_KEY and
ALLOWED_HOSTS, or start-up stops with a message naming the variable.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str = "") -> str:
    value = os.environ.get(name)
    return default if value is None else value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":  # "DEBUG=" in an env file means "not set"
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if not DEBUG else ["127.0.0.1", "localhost", "[::1]"])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is false.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "members",
    "terms",
    "congress",
    "reports",
    "chidoan.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the body: a too large request is refused unread (chidoan.web.limits).
    "chidoan.web.limits.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "chidoan.web.middleware.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # An organisation's old address (a slug changed) redirects to its new one.
    "chidoan.web.middleware.OldSlugRedirectMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "chidoan.web.middleware.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "chidoan.web.limits.PrivateCacheMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "chidoan.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "chidoan.web.context_processors.branch_nav",
            ],
        },
    },
]

WSGI_APPLICATION = "chidoan.wsgi.application"

_default_db = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
try:
    DATABASES = {
        "default": dj_database_url.parse(
            env_str("DATABASE_URL") or _default_db,
            conn_max_age=env_int("CONN_MAX_AGE", 60 if not DEBUG else 0),
            conn_health_checks=True,  # a connection dropped by a database restart is replaced, not reused
        )
    }
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _cache_backend(url: str) -> dict[str, object]:
    """CACHE_URL: locmem:// (default), redis://host:port/db (rediss:// with TLS), file:///path, dummy://."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "chidoan.lib.redis_cache.RedisCache", "LOCATION": url}  # Django's, one client per pool
    if url.startswith("file://"):
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": url[len("file://") :]}
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": url[len("locmem://") :]}
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"CACHE_URL must start with locmem://, redis://, rediss://, file:// or dummy://, not {url!r}."
    )


# The cache (the dashboard's figures, chidoan.lib.figures_cache): local memory by default,
# Redis when several processes serve the site (gunicorn workers, the task worker, several servers).
CACHES = {
    "default": {
        **_cache_backend(env_str("CACHE_URL", "locmem://")),
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "chidoan"),
        "TIMEOUT": env_int("CACHE_TIMEOUT", 3600),
    }
}
# Sessions are read through the cache when it is shared between processes (one query fewer on
# every signed-in page) and written to the database as well; with local memory a sign-out in one
# gunicorn worker would not reach another worker's copy, so there they are read from the database.
_CACHE_IS_SHARED = not str(CACHES["default"]["BACKEND"]).endswith(("LocMemCache", "DummyCache"))
SESSION_ENGINE = f"django.contrib.sessions.backends.{'cached_db' if _CACHE_IS_SHARED else 'db'}"
# on, off, or auto: cached only when the cache is shared between processes (not local memory).
DASHBOARD_CACHE = env_str("DASHBOARD_CACHE", "auto").strip().lower()
if DASHBOARD_CACHE not in ("auto", "on", "off"):
    raise ImproperlyConfigured(f"DASHBOARD_CACHE must be auto, on or off, not {DASHBOARD_CACHE!r}.")

# Long work (the Excel import) runs as tasks: django-tasks, queued in the database
# (django-tasks-db) and run by `manage.py db_worker`. TASKS_BACKEND lets tests or a
# worker-less site run them at once (django_tasks.backends.immediate.ImmediateBackend).
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"), "QUEUES": ["default"]}}
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 20_000)  # data rows of one imported file
IMPORT_MAX_MB = env_int("IMPORT_MAX_MB", 10)  # size of one imported file
IMPORT_STALE_MINUTES = env_int("IMPORT_STALE_MINUTES", 15)  # a job silent this long lost its worker
# Ballot papers: 2 (default) prints two A5 ballots on each A4 sheet with a cut line between them, 1 one A5 a page.
BALLOTS_PER_SHEET = env_int("BALLOTS_PER_SHEET", 2)
if BALLOTS_PER_SHEET not in (1, 2):
    raise ImproperlyConfigured(f"BALLOTS_PER_SHEET must be 1 or 2, not {BALLOTS_PER_SHEET}.")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env_str("LANGUAGE_CODE", "vi")
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(f"LANGUAGE_CODE must be one of vi, en, not {LANGUAGE_CODE!r}.")
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Ho_Chi_Minh")
try:
    import zoneinfo

    zoneinfo.ZoneInfo(TIME_ZONE)
except (zoneinfo.ZoneInfoNotFoundError, ValueError):
    raise ImproperlyConfigured(f"TIME_ZONE is not a known time zone: {TIME_ZONE!r}.") from None
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Sign-in: django-axes counts failed sign-ins (username or address) and refuses every attempt,
# the right password included, for a cool-off; its backend must come first, and every
# authenticate() call must pass the request (Django's login views and the admin do).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
_cool_off_minutes = env_int("AXES_COOLOFF_MINUTES", 15)
if AXES_FAILURE_LIMIT < 1:
    raise ImproperlyConfigured("AXES_FAILURE_LIMIT must be at least 1.")
if _cool_off_minutes < 1:
    raise ImproperlyConfigured("AXES_COOLOFF_MINUTES must be at least 1.")
AXES_COOLOFF_TIME = timedelta(minutes=_cool_off_minutes)
# Locked by username alone OR by address alone: many passwords for one login, or many logins from one address.
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
# The cool-off runs from the lock; attempts during it do not lengthen it (the lockout page says how long).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A success does not wipe the count: else one's own login would reset an address's failures.
AXES_RESET_ON_SUCCESS = False
# The refusal: HTTP 429 with a Vietnamese page in the site's frame, for the admin's sign-in too.
AXES_LOCKOUT_CALLABLE = "chidoan.web.accounts.lockout_response"
# Behind a proxy every request comes from the proxy's address: the client's is in X-Forwarded-For.
PROXY_COUNT = env_int("PROXY_COUNT", 0)
if PROXY_COUNT < 0:
    raise ImproperlyConfigured("PROXY_COUNT must be 0 (no proxy) or the number of proxies in front of the site.")
AXES_CLIENT_IP_CALLABLE = "chidoan.lib.http.client_ip"

# Password reset by e-mail works only when mail is configured (EMAIL_HOST); without it the
# reset page says to ask the branch's Secretary for a one-time password and sends nothing.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "chidoan@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Request size: an ordinary form's body is refused beyond DATA_UPLOAD_MAX_MEMORY_SIZE before it
# is read; only views marked @accepts_upload (chidoan.lib.http) take up to UPLOAD_MAX_MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
UPLOAD_MAX_MB = env_int("UPLOAD_MAX_MB", 20)
if DATA_UPLOAD_MAX_MEMORY_SIZE < 1024:
    raise ImproperlyConfigured("DATA_UPLOAD_MAX_MEMORY_SIZE must be at least 1024 (bytes).")
if UPLOAD_MAX_MB < 1:
    raise ImproperlyConfigured("UPLOAD_MAX_MB must be at least 1.")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Production hardening; `manage.py check --deploy` passes with DEBUG=false.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"

SILENCED_SYSTEM_CHECKS = env_list("SILENCED_SYSTEM_CHECKS", [])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        # failures and locks are warnings; every successful sign-in would be noise
        "axes": {"level": "WARNING"},
    },
}

# Content-Security-Policy (django-csp 4), in every environment, tests included. No inline
# script, event handler or style attribute anywhere: scripts and styles come from static/
# (CSSOM writes such as element.style.width stay allowed). The only page that may be framed
# is the report's preview, by the app's own pages (reports.views.self_review.preview).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
