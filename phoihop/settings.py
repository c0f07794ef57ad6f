"""Django settings for Phối hợp.

Everything that differs between a laptop, CI and a provincial server comes from
environment variables (see .env.example); helpers in phoihop.lib.env refuse bad values.
"""

import os
from pathlib import Path

import dj_database_url
import xstatic.pkg.leaflet
from django.core.exceptions import ImproperlyConfigured

from phoihop.lib.env import cache_settings, env_bool, env_int, env_list, env_str, local_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PHOIHOP_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=False)
# The web server (phoihop/wsgi.py sets PHOIHOP_WSGI) refuses to start without SECRET_KEY.
# A command run on a checkout (manage.py, the phoihop script, ./dev) without it uses a
# random key generated once into var/secret-key: a fresh clone works, and no key known to
# anyone else exists that could reach production; `check --deploy` warns (core/checks.py).
SECRET_KEY_FILE = VAR_DIR / "secret-key"
if "SECRET_KEY" in os.environ or env_bool("PHOIHOP_WSGI", False):
    SECRET_KEY = env_str("SECRET_KEY")
    if not SECRET_KEY.strip():
        raise ImproperlyConfigured("SECRET_KEY đang để trống. / SECRET_KEY is empty.")
else:
    SECRET_KEY = local_secret_key(SECRET_KEY_FILE)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served from /static/ (no CDN)
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",  # the queue: a table in the same database, run by manage.py db_worker
    "phoihop.core",
    "phoihop.localities",
    "phoihop.organizations",
    "phoihop.accounts",
    "phoihop.jobs",
    "phoihop.programs",
    "phoihop.activities",
    "phoihop.reporting",
    "phoihop.practices",
    "phoihop.situations",
    "phoihop.hotspots",
    "phoihop.exchange",
    "phoihop.reviews",
    "phoihop.workbooks",
    "phoihop.intake",
    "phoihop.backups",
    "phoihop.home",  # the home page: stands on every app above, none stands on it
    "phoihop.search",  # the header search box: reads every kind's list, none reads it
    # Tools on top; no module above imports them (phoihop/demo/tests/test_isolation.py).
    "phoihop.demo",  # manage.py demo_load, for ./dev demo
    "phoihop.benchmarks",  # manage.py bench_run, for ./dev bench
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "phoihop.core.middleware.SessionRefreshMiddleware",
    "phoihop.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before any process_view (CSRF reads the form): over-limit bodies answer 413.
    "phoihop.core.middleware.RequestSizeLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "phoihop.urls"
WSGI_APPLICATION = "phoihop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "phoihop" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "phoihop.organizations.context_processors.shell",
            ],
        },
    },
]

# --- Database: SQLite under var/ by default, PostgreSQL when DATABASE_URL says so.
_default_sqlite = f"sqlite:///{VAR_DIR / 'phoihop.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", _default_sqlite))}
_engine = DATABASES["default"]["ENGINE"]
if _engine == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):  # var/ on a fresh clone
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers carry on while one writer writes; IMMEDIATE avoids
        # "database is locked" surprises when two requests write at once.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif _engine != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL phải là sqlite:// hoặc postgres://. / Use SQLite or PostgreSQL.")
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 60, minimum=0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # a connection PostgreSQL dropped is reopened
    # DB_PGBOUNCER: "session" or "transaction" when DATABASE_URL points at pgbouncer in that
    # pooling mode (docs/deployment.md, "National shape"). In transaction mode a server-side
    # cursor (QuerySet.iterator) would outlive the transaction pgbouncer lent its connection to.
    _pgbouncer = env_str("DB_PGBOUNCER", "")
    if _pgbouncer not in ("", "session", "transaction"):
        raise ImproperlyConfigured("DB_PGBOUNCER phải là session hoặc transaction. / Use session or transaction.")
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = _pgbouncer == "transaction"
    # No JIT: the review's case query repeats its as-of subqueries, and PostgreSQL's JIT spent
    # 7.3 s compiling it for a 0.2 s run at province scale. Sent as a startup option, which
    # pgbouncer refuses: behind it, `jit = off` goes in postgresql.conf.
    if not _pgbouncer:
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

# --- Cache: per process by default (one server); one Redis shared by every app server when
# CACHE_URL (or REDIS_URL) names it. What is cached (dashboard, review charts) is keyed by a
# data stamp read from the database, so every server sharing the cache serves the same
# figures; PHOIHOP_CACHE_PREFIX keeps several deployments apart on one Redis.
CACHES = cache_settings(
    env_str("CACHE_URL", env_str("REDIS_URL", "")),
    prefix=env_str("PHOIHOP_CACHE_PREFIX", "phoihop"),
)

# --- Background jobs (django-tasks, the backport of Django 6's django.tasks): the queue is a
# table in the database above, so the embedded setup needs no extra server; the worker is
# `manage.py db_worker` (./dev demo starts one; README, deployment), several on PostgreSQL.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # "matkhau123", "anh1990": the common Vietnamese passwords Django's list lacks.
    {"NAME": "phoihop.accounts.passwords.VietnameseCommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions expire: after SESSION_COOKIE_AGE seconds of inactivity (default 8 hours).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=300)
# The session row is written when its last refresh is this old, not on every request
# (phoihop.core.middleware.SessionRefreshMiddleware): a page read writes nothing.
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login throttling (django-axes, see phoihop/accounts/lockout.py for the two limits):
# - an account from one address is locked after AXES_FAILURE_LIMIT wrong passwords (3:
#   an owner who mistyped three times is better told to wait or ask than to keep guessing);
# - an address is locked after AXES_IP_FAILURE_LIMIT wrong passwords over any accounts
#   (5: a committee office shares one address, so a few colleagues' typos must not lock it,
#   yet 5 guesses spread over 5 usernames already do; a larger NAT can raise it).
# Both last AXES_COOLOFF_MINUTES; a successful login forgives only its own account's.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 3, minimum=1)
AXES_IP_FAILURE_LIMIT = env_int("AXES_IP_FAILURE_LIMIT", 5, minimum=1)
if AXES_IP_FAILURE_LIMIT < AXES_FAILURE_LIMIT:
    raise ImproperlyConfigured("AXES_IP_FAILURE_LIMIT không được nhỏ hơn AXES_FAILURE_LIMIT.")
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "phoihop.accounts.lockout.LockoutHandler"
# Behind nginx every request comes from 127.0.0.1: say how many reverse proxies stand in
# front (1 for the README's nginx) so the address locked is the client's, not the proxy's.
PHOIHOP_TRUSTED_PROXIES = env_int("PHOIHOP_TRUSTED_PROXIES", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "phoihop.accounts.lockout.client_ip"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# --- Language and time: Vietnamese first, English available.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# locale/ is made by makemessages (English for our Vietnamese strings); locale_vendor/
# completes the Vietnamese of the libraries' own messages (DRF's), written by hand.
LOCALE_PATHS = [BASE_DIR / "phoihop" / "locale", BASE_DIR / "phoihop" / "locale_vendor"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Typed numbers may carry a thousands separator ("1.200"); years in templates go through
# `unlocalize`, or English would print "2,020".
USE_THOUSAND_SEPARATOR = True

# --- Static files, served by WhiteNoise from the app server.
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Leaflet comes from the xstatic-leaflet package and is served as /static/leaflet/.
STATICFILES_DIRS = [("leaflet", xstatic.pkg.leaflet.BASE_DIR)]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("PHOIHOP_MANIFEST_STATIC", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# The offline base map (localities/provinces-2025.geojson) is served with its own type, not as bytes.
WHITENOISE_MIMETYPES = {".geojson": "application/geo+json"}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"
# Largest attachment (evidence of an activity) accepted, in megabytes.
PHOIHOP_MAX_UPLOAD_MB = env_int("PHOIHOP_MAX_UPLOAD_MB", 10, minimum=1)
# Largest request body, files included (uploads such as attachments; workbook imports are capped lower, below), and
# largest form without its files (a pasted text); over either: a Vietnamese 413.
PHOIHOP_MAX_REQUEST_MB = env_int("PHOIHOP_MAX_REQUEST_MB", 50, minimum=PHOIHOP_MAX_UPLOAD_MB)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, 2.5 MB, named here
CSRF_FAILURE_VIEW = "phoihop.core.views_errors.csrf_failure"
# Activity workbooks (.xlsx) to import: checked in the zip before any parsing, so one
# small file cannot unpack to gigabytes (phoihop/workbooks/limits.py). With these
# defaults an import peaks under 300 MB of memory (`./dev bench workbooks` measures it).
PHOIHOP_IMPORT_MAX_UPLOAD_MB = env_int("PHOIHOP_IMPORT_MAX_UPLOAD_MB", 10, minimum=1)
PHOIHOP_IMPORT_MAX_UNPACKED_MB = env_int("PHOIHOP_IMPORT_MAX_UNPACKED_MB", 60, minimum=1)
PHOIHOP_IMPORT_MAX_SHARED_STRINGS_MB = env_int("PHOIHOP_IMPORT_MAX_SHARED_STRINGS_MB", 20, minimum=1)
PHOIHOP_IMPORT_MAX_CELLS = env_int("PHOIHOP_IMPORT_MAX_CELLS", 2_000_000, minimum=1000)

# --- E-mail: console in development and demo, SMTP in production.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "phoihop@localhost")

# --- API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # drf-spectacular's, plus the If-Match header and 409/412/428 of versioned updates.
    "DEFAULT_SCHEMA_CLASS": "phoihop.core.api.VersionedAutoSchema",
    "EXCEPTION_HANDLER": "phoihop.core.api_errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Phối hợp API",
    "DESCRIPTION": "API của hệ thống Phối hợp: địa bàn, tổ chức, người dùng.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and Swagger UI are for signed-in users only, and Swagger UI's files come
    # from drf-spectacular-sidecar under /static/, never from a CDN.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Several models have a "status" field with its own choices: name each enum.
    "ENUM_NAME_OVERRIDES": {
        "CoordinationModelStatusEnum": "phoihop.practices.models.ModelStatus",
        "PeriodReportStatusEnum": "phoihop.reporting.models.ReportStatus",
    },
}

# --- Production hardening (passes `manage.py check --deploy` when DEBUG is off).
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = False
# Preloading HSTS cannot be undone and many provincial servers live on internal
# hostnames, so the deploy check's preload warning is silenced on purpose.
# models.W040: the review index INCLUDEs columns for PostgreSQL's index-only scans;
# SQLite has no INCLUDE and needs none (its indexes carry the row id).
SILENCED_SYSTEM_CHECKS = ["security.W021", "models.W040"]
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- Reviews: thresholds of the drafted assessment, and document margins (mm).
REVIEW_JOINT_SHARE_MIN = env_int("REVIEW_JOINT_SHARE_MIN_PERCENT", 30, minimum=0) / 100
REVIEW_TOP_AREA_SHARE_MAX = env_int("REVIEW_TOP_AREA_SHARE_MAX_PERCENT", 35, minimum=0) / 100
REVIEW_OUTSTANDING_MODELS_MIN = env_int("REVIEW_OUTSTANDING_MODELS_MIN", 3, minimum=0)
REVIEW_SENSITIVE_GAP = env_int("REVIEW_SENSITIVE_GAP_PERCENT", 15, minimum=0) / 100
# Hướng dẫn 36-HD/VPTW is commonly applied as 20/20/30/15 (top/bottom/left/right);
# the 2004 guidance used 25/25/35/15. Set PHOIHOP_DOC_MARGINS_MM="25,25,35,15" for that.
_margins = env_list("PHOIHOP_DOC_MARGINS_MM", ["20", "20", "30", "15"])
if len(_margins) != 4 or not all(m.isdigit() for m in _margins):
    raise ImproperlyConfigured("PHOIHOP_DOC_MARGINS_MM cần 4 số nguyên: trên, dưới, trái, phải (mm).")
DOC_MARGINS_MM = [int(m) for m in _margins]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# --- Content-Security-Policy (django-csp; Django 5.2 has no built-in CSP) -----------------
# Scripts only from our own static files: no inline <script>, no on*= handlers (a test
# greps every template). Styles: stylesheets only from us; *style attributes* are allowed
# ('unsafe-inline' in style-src-attr only) because the charts are matplotlib SVG inlined in
# pages, whose every shape carries style="fill: …", and progress bars and map legends set
# their computed width/color the same way. A style attribute cannot run script.
# Images: our files plus data: URIs (Leaflet's and Swagger UI's embedded icons).
from csp.constants import NONE, SELF, UNSAFE_INLINE  # noqa: E402

MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
