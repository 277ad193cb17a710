"""Settings for the whole site, driven by environment variables.

Debug is off unless DJANGO_DEBUG says true (as `make run` and the tests do), and
with debug off the site refuses to start without its own keys. The other
defaults are the embedded setup (SQLite, local-memory cache). Production sets
its values in the environment; see the README for the list.
"""

import base64
import hashlib
import os
import sys
from decimal import Decimal
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _
from django_prose_editor.config import html_tags
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_amount(name, default):
    """A yearly amount from the environment; "none" (or a default of None) is no limit."""
    value = os.environ.get(name, "").strip() or default
    return None if value is None or value.lower() == "none" else Decimal(value)


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # One clear line instead of a traceback: a production site must never
        # run on a key that is published in the source.
        sys.exit("ngo: DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off; refusing to start.")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

# Keys that encrypt donors' account and national numbers at rest: Fernet keys,
# comma-separated (the README shows how to make one).
# The first encrypts; the others still decrypt, so a key can be rotated.
DONOR_DATA_KEYS = env_list("DONOR_DATA_KEYS")
if not DONOR_DATA_KEYS:
    if not DEBUG:
        sys.exit("ngo: DONOR_DATA_KEYS must be set when DJANGO_DEBUG is off; refusing to start.")
    # Development only: a key derived from the development secret key.
    DONOR_DATA_KEYS = [
        base64.urlsafe_b64encode(hashlib.sha256(SECRET_KEY.encode()).digest()).decode()
    ]

# bench/pages.py only: adds /bench/baseline/, a page with no template and no query
# (ngo/urls.py). Never set in production.
BENCHMARK = env_bool("NGO_BENCHMARK", False)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "ngo.admin_site.AdminConfig",  # django.contrib.admin with our AdminSite
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Staff sign-in: lock-out after failed attempts, and a second factor.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Background work (the donors' emails) in a queue kept in the database.
    "django_tasks",
    "django_tasks_db",
    "django_countries",
    "crispy_forms",
    "crispy_bootstrap5",
    # The admin's rich-text editor; its scripts and styles are our static files.
    "django_prose_editor",
    # Versions of the content saved in the admin (ngo/history.py).
    "reversion",
    "ngo",
    "programmes",
    "advocacy",
    "donations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ngo.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Whole public pages for visitors who are not signed in (ngo/page_cache.py).
    "ngo.page_cache.PageCacheMiddleware",
    # Visitors' reads of public pages from the read replica, when there is one.
    *(["ngo.routers.ReplicaMiddleware"] if os.environ.get("DATABASE_REPLICA_URL") else []),
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "ngo.middleware.RememberLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ngo.middleware.StaffSessionIdleMiddleware",
    "ngo.middleware.AdminTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it sees every sign-in attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ngo.urls"
WSGI_APPLICATION = "ngo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ngo.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# A database that does not answer must not hold a worker: give up connecting
# after a few seconds and show the "back soon" page (ngo/views.py).
DATABASE_CONNECT_TIMEOUT = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3"))
# A read replica of the same database (docs/deployment.md): visitors' reads of public
# pages go there, everything else to the primary (ngo/routers.py). Unset: one database.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
# Seconds after a content change during which public pages are read from the primary
# again, so that none is made (and cached) from a replica that has not caught up.
REPLICA_PAUSE_AFTER_CHANGE = float(os.environ.get("DATABASE_REPLICA_PAUSE_AFTER_CHANGE", "5"))
DATABASE_ROUTERS = []
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    # Tests run against the test copy of the primary, never a real replica.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["ngo.routers.ReplicaRouter"]
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _database.setdefault("OPTIONS", {})["connect_timeout"] = DATABASE_CONNECT_TIMEOUT
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "ngo")
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.5"))
# After Redis failed, the site goes without it this long before trying again.
REDIS_RETRY_SECONDS = float(os.environ.get("REDIS_RETRY_SECONDS", "10"))
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis, failing open: a cache that is down is logged and skipped.
            "BACKEND": "ngo.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            # A Redis that accepts but never answers must not hold a worker: give up
            # quickly (what uses the cache carries on without it).
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT,
                "socket_timeout": REDIS_TIMEOUT,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }

# Whole public pages from the cache (ngo/page_cache.py). An entry is served only while
# every table it read is unchanged; these are guards and tuning, not freshness rules.
# On by default where the cache is shared by every process: Redis, or the development
# server's one process. Workers with a memory cache each would not see each other's
# changes, so there it is off unless asked for.
PAGE_CACHE_ENABLED = (
    os.environ.get("PAGE_CACHE_ENABLED", "true" if REDIS_URL or DEBUG else "false").lower()
    == "true"
)
# How long an unchanged page is kept, and how long browsers and proxies may keep it.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))
# How often a worker asks the shared cache whether content changed elsewhere.
PAGE_CACHE_VERSION_CHECK = float(os.environ.get("PAGE_CACHE_VERSION_CHECK", "0.25"))
# Pages each worker keeps in its own memory, and the longest query string cached.
PAGE_CACHE_LOCAL_ENTRIES = int(os.environ.get("PAGE_CACHE_LOCAL_ENTRIES", "1000"))
PAGE_CACHE_MAX_QUERY = 256

# Background tasks (the donors' emails) are rows in the database, stored in the
# same transaction as the donation they belong to; `manage.py db_worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Staff accounts. Argon2 first; older PBKDF2 hashes are upgraded at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out account or address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After this many failed sign-ins, an account and (separately) an address are
# locked out for AXES_COOLOFF_HOURS; `manage.py axes_reset_username` unlocks one.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The log says an attempt failed, for whom and from where; never what was typed.
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token"]
# Attempts and lock-outs are kept in the database (admin: Axes); the log names
# an account only by a hash, since usernames are often email addresses.
AXES_VERBOSE = False
AXES_CLIENT_STR_CALLABLE = "ngo.two_factor.sign_in_log_name"
# Staff sessions end after this much time without a request, and when the browser closes.
STAFF_SESSION_IDLE_SECONDS = int(os.environ.get("STAFF_SESSION_IDLE_SECONDS", str(2 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# The name authenticator apps show for the site's sign-in codes.
OTP_TOTP_ISSUER = os.environ.get("SITE_NAME") or "Every Child a Family"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English is the default and the fallback for untranslated fields.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("nl", _("Dutch")),
    ("fr", _("French")),
    ("nb", _("Norwegian Bokmål")),
    ("da", _("Danish")),
]
# The codes alone, in the same order: one list for every per-language field.
LANGUAGE_CODES = [code for code, _name in LANGUAGES]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Europe/Brussels")
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# The tabbed admin needs jQuery UI; serve our own copy rather than a CDN's.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

SITE_NAME = os.environ.get("SITE_NAME") or _("Every Child a Family")
# Where donors and visitors write about their data.
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "privacy@example.org")

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Files the web server must never serve: photo originals kept for the consent
# record. Keep it outside MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("DJANGO_PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
# Uploaded files: "local" keeps them in MEDIA_ROOT and PRIVATE_MEDIA_ROOT on this
# machine; "s3" in an S3-compatible object store, which every app server shares
# (docs/deployment.md). Originals always go to a private storage of their own.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local").strip().lower() or "local"
# Where media are fetched from when not from this site (the images' CSP sources).
MEDIA_ORIGINS = []
if MEDIA_STORAGE == "local":
    MEDIA_STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {"BACKEND": "ngo.storage.PrivateStorage"},
    }
elif MEDIA_STORAGE == "s3":
    # Credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, read by boto3 from the
    # environment (or the machine's role); never written into settings.
    AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not AWS_STORAGE_BUCKET_NAME:
        sys.exit("ngo: MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME; refusing to start.")
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    # The originals: a bucket of their own if given, else a prefix of the public one
    # that the bucket's public-read policy must not cover.
    AWS_PRIVATE_STORAGE_BUCKET_NAME = (
        os.environ.get("AWS_PRIVATE_STORAGE_BUCKET_NAME") or AWS_STORAGE_BUCKET_NAME
    )
    _shared = {
        "endpoint_url": AWS_S3_ENDPOINT_URL,
        "region_name": AWS_S3_REGION_NAME,
        # Never replace a stored file: a second upload of the same name gets a new one.
        "file_overwrite": False,
    }
    MEDIA_STORAGES = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_shared,
                "bucket_name": AWS_STORAGE_BUCKET_NAME,
                "location": os.environ.get("AWS_LOCATION", "media"),
                "custom_domain": AWS_S3_CUSTOM_DOMAIN,
                # Public files get plain, cacheable URLs (the bucket policy makes them readable).
                "querystring_auth": False,
                # Renditions are named by their content: a browser may keep them long.
                "object_parameters": {"CacheControl": "public, max-age=31536000"},
            },
        },
        "private": {
            "BACKEND": "ngo.storage.PrivateS3Storage",
            "OPTIONS": {
                **_shared,
                "bucket_name": AWS_PRIVATE_STORAGE_BUCKET_NAME,
                "location": os.environ.get("AWS_PRIVATE_LOCATION", "private"),
                "default_acl": "private",
                "querystring_auth": True,
            },
        },
    }
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_ORIGINS = [f"https://{AWS_S3_CUSTOM_DOMAIN}"]
    elif AWS_S3_ENDPOINT_URL:
        _scheme, _rest = AWS_S3_ENDPOINT_URL.split("://", 1)
        MEDIA_ORIGINS = [f"{_scheme}://{_rest.split('/', 1)[0]}"]
    else:
        # AWS itself: the bucket's host, with and without its region.
        MEDIA_ORIGINS = [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"]
        if AWS_S3_REGION_NAME:
            MEDIA_ORIGINS.append(
                f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{AWS_S3_REGION_NAME}.amazonaws.com"
            )
else:
    sys.exit(f"ngo: MEDIA_STORAGE must be local or s3, not {MEDIA_STORAGE!r}; refusing to start.")
STORAGES = {
    **MEDIA_STORAGES,
    "staticfiles": {
        # Production serves hashed, compressed files built by collectstatic;
        # development serves the sources as they are.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# Without collectstatic (development and tests), serve the sources as found.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG

# Photo uploads: checked by content before they are decoded.
PHOTO_MAX_BYTES = int(os.environ.get("PHOTO_MAX_BYTES", str(15 * 1024 * 1024)))
PHOTO_MAX_PIXELS = int(os.environ.get("PHOTO_MAX_PIXELS", str(40_000_000)))

# Donations. Amount presets and limits are edited by fundraising staff in the
# admin; what follows is what the organisation sets up once.
DONATION_CURRENCIES = env_list("DONATION_CURRENCIES", "EUR,NOK,DKK")
# The currency a donor starts with, by page language; others start with the first.
DONATION_LANGUAGE_CURRENCIES = {"nb": "NOK", "da": "DKK"}
# Open projects the sponsorship form lists one by one; past this it lists the
# countries, and a project is chosen from its own page.
DONATION_PLACE_PROJECTS = int(os.environ.get("DONATION_PLACE_PROJECTS", "40"))
# Days of the month on which monthly gifts are collected.
DONATION_COLLECTION_DAYS = [int(day) for day in env_list("DONATION_COLLECTION_DAYS", "1,15")]
# Days between signing a mandate and its first collection (the pre-notification period).
DONATION_FIRST_COLLECTION_NOTICE_DAYS = int(
    os.environ.get("DONATION_FIRST_COLLECTION_NOTICE_DAYS", "14")
)
# Days before each collection that the donor is emailed its amount and date (the
# daily send_collection_notices command). SEPA's rule is 14 days unless the creditor
# agreed a shorter period with its bank; SEPA_AGREED_NOTICE_DAYS is that agreed
# minimum, and the site refuses to start with a notice period below it, debug or not.
COLLECTION_NOTICE_DAYS = int(os.environ.get("COLLECTION_NOTICE_DAYS", "14"))
SEPA_AGREED_NOTICE_DAYS = int(os.environ.get("SEPA_AGREED_NOTICE_DAYS", "14"))
if COLLECTION_NOTICE_DAYS < SEPA_AGREED_NOTICE_DAYS:
    sys.exit(
        f"ngo: COLLECTION_NOTICE_DAYS is {COLLECTION_NOTICE_DAYS}, below the "
        f"{SEPA_AGREED_NOTICE_DAYS} days agreed with the bank (SEPA_AGREED_NOTICE_DAYS); "
        "refusing to start."
    )
# Days between making a collection run and its collection date: time to send the
# file to the bank before the scheme's deadline (SEPA Core: one business day).
COLLECTION_RUN_LEAD_DAYS = int(os.environ.get("COLLECTION_RUN_LEAD_DAYS", "5"))
# How many form posts one visitor address may make (every post: bots post many)
# and how many donations it may store, as "count/period" (period: s, m, h, d).
# A donor who corrects a form several times stays far below the first.
DONATION_SUBMISSION_RATE = os.environ.get("DONATION_SUBMISSION_RATE", "30/h")
DONATION_STORED_RATE = os.environ.get("DONATION_STORED_RATE", "10/h")
# Where the visitor's address is found. Behind a proxy that sets X-Real-IP,
# use HTTP_X_REAL_IP; never a header the visitor can set themselves. IPv6
# addresses are counted per /64, the block one household gets.
CLIENT_IP_HEADER = os.environ.get("DJANGO_CLIENT_IP_HEADER", "REMOTE_ADDR")
RATELIMIT_IP_META_KEY = CLIENT_IP_HEADER
AXES_IPWARE_META_PRECEDENCE_ORDER = [CLIENT_IP_HEADER]
RATELIMIT_IPV6_MASK = 64

# The organisation as creditor, in mandates and bank files. Empty: the site's
# name in the donor's language. Every identifier below is checked at start-up
# when debug is off (donations/banking.py).
CREDITOR_NAME = os.environ.get("CREDITOR_NAME", "")
# Euro: SEPA Core direct debit, collected into DONATION_ACCOUNTS["EUR"]. The
# pain.008 version of the collection files: .08 by default, .02 for banks that
# still want it.
SEPA_CREDITOR_ID = os.environ.get("SEPA_CREDITOR_ID", "BE68ZZZ0123456789")
SEPA_DIRECT_DEBIT_SCHEMA = os.environ.get("SEPA_DIRECT_DEBIT_SCHEMA", "pain.008.001.08")
# Norwegian kroner: AvtaleGiro. The organisation number, the account the
# agreements pay into, and the length of the KID numbers (Luhn check digit).
AVTALEGIRO_ORGANISATION_NUMBER = os.environ.get("AVTALEGIRO_ORGANISATION_NUMBER", "987654325")
AVTALEGIRO_ACCOUNT = os.environ.get("AVTALEGIRO_ACCOUNT", "86011117947")
AVTALEGIRO_KID_LENGTH = int(os.environ.get("AVTALEGIRO_KID_LENGTH", "11"))
# AvtaleGiro claims files: the data transmitter (customer unit id, 8 digits) and
# the assignment agreement id (9 digits) Nets gives the organisation.
AVTALEGIRO_DATA_TRANSMITTER = os.environ.get("AVTALEGIRO_DATA_TRANSMITTER", "00010200")
AVTALEGIRO_AGREEMENT_ID = os.environ.get("AVTALEGIRO_AGREEMENT_ID", "000000004")
# Danish kroner: Betalingsservice. The PBS number (8 digits) and debtor group (5 digits).
BETALINGSSERVICE_PBS_NUMBER = os.environ.get("BETALINGSSERVICE_PBS_NUMBER", "12345678")
BETALINGSSERVICE_DEBTOR_GROUP = os.environ.get("BETALINGSSERVICE_DEBTOR_GROUP", "00001")
# The accounts that receive one-off gifts by bank transfer, per currency, and
# the BIC of the euro account (for the QR code banking apps scan).
DONATION_ACCOUNTS = {
    "EUR": os.environ.get("DONATION_ACCOUNT_EUR", "BE71 0961 2345 6769"),
    "NOK": os.environ.get("DONATION_ACCOUNT_NOK", "8601 11 17947"),
    "DKK": os.environ.get("DONATION_ACCOUNT_DKK", "DK50 0040 0440 1162 43"),
}
DONATION_BIC_EUR = os.environ.get("DONATION_BIC_EUR", "GKCCBEBB")
# The defaults above are a demo organisation's: with debug off, the site starts only
# when the environment sets its own (for the currencies it offers).
BANKING_SETTINGS = {
    "EUR": ["SEPA_CREDITOR_ID", "DONATION_ACCOUNT_EUR", "DONATION_BIC_EUR"],
    "NOK": [
        "AVTALEGIRO_ORGANISATION_NUMBER",
        "AVTALEGIRO_ACCOUNT",
        "AVTALEGIRO_DATA_TRANSMITTER",
        "AVTALEGIRO_AGREEMENT_ID",
        "DONATION_ACCOUNT_NOK",
    ],
    "DKK": [
        "BETALINGSSERVICE_PBS_NUMBER",
        "BETALINGSSERVICE_DEBTOR_GROUP",
        "DONATION_ACCOUNT_DKK",
    ],
}
BANKING_FROM_ENVIRONMENT = {
    name for names in BANKING_SETTINGS.values() for name in names if os.environ.get(name)
}

# Year-end tax data (donations/tax.py): per country, the currency the year's total is
# counted in and the yearly amounts the tax rules set. These are laws' figures, and
# they change: check them every year before the export (TAX_<COUNTRY>_MINIMUM and
# TAX_<COUNTRY>_MAXIMUM; "none" for no maximum). The defaults are 2025 values (the README
# lists them with their sources).
#   BE: a gift attest 281.71 for at least EUR 40 given in the calendar year to the
#       organisation (art. 145/33 WIB 92); no maximum for the organisation to apply.
#   NO: skattefradrag for gaver til frivillige organisasjoner (skatteloven § 6-50):
#       at least NOK 500 a year to the organisation, at most NOK 25,000 deductible.
#   DK: fradrag for gaver til godkendte foreninger (ligningslovens § 8 A): no minimum,
#       at most DKK 18,300 deductible a year (the figure published for 2024; confirm 2025's).
TAX_RULES = {
    "BE": {
        "currency": "EUR",
        "minimum": env_amount("TAX_BE_MINIMUM", "40"),
        "maximum": env_amount("TAX_BE_MAXIMUM", None),
    },
    "NO": {
        "currency": "NOK",
        "minimum": env_amount("TAX_NO_MINIMUM", "500"),
        "maximum": env_amount("TAX_NO_MAXIMUM", "25000"),
    },
    "DK": {
        "currency": "DKK",
        "minimum": env_amount("TAX_DK_MINIMUM", "0"),
        "maximum": env_amount("TAX_DK_MAXIMUM", "18300"),
    },
}
# The organisation as it stands on the Belgian attest 281.71: its postal address (lines
# separated by "|") and its enterprise number. The defaults are a demo organisation's.
DEMO_ORGANISATION_ADDRESS = "Kerkstraat 1|1000 Brussel"
ORGANISATION_ADDRESS = [
    line.strip()
    for line in os.environ.get("ORGANISATION_ADDRESS", DEMO_ORGANISATION_ADDRESS).split("|")
    if line.strip()
]
ORGANISATION_NUMBER = os.environ.get("ORGANISATION_NUMBER", "0123.456.749")

# Bump when the wording of the privacy or newsletter consent changes; each donor
# row keeps the version and the text they agreed to.
CONSENT_TEXT_VERSION = "2026-11-21"

# Publication uploads (PDF only), checked by content.
PUBLICATION_MAX_BYTES = int(os.environ.get("PUBLICATION_MAX_BYTES", str(20 * 1024 * 1024)))

# The country a visitor most likely lives in, by page language, when the browser
# names no region (Accept-Language "nl" rather than "nl-BE"): whose national
# advocacy agenda comes first, and the country a donation form starts with.
LANGUAGE_COUNTRIES = {"nl": "BE", "fr": "BE", "nb": "NO", "da": "DK"}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# With debug off mail goes out by SMTP; a backend that only logs (console,
# locmem, file) would lose every donor's confirmation, so it is refused at
# start-up unless DJANGO_EMAIL_ALLOW_LOG_BACKEND says it is meant.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_ALLOW_LOG_BACKEND = env_bool("DJANGO_EMAIL_ALLOW_LOG_BACKEND", False)
if not DEBUG and not EMAIL_ALLOW_LOG_BACKEND and not EMAIL_BACKEND.endswith(".smtp.EmailBackend"):
    sys.exit(
        f"ngo: DJANGO_EMAIL_BACKEND is {EMAIL_BACKEND}, which sends nothing; use SMTP, or set "
        "DJANGO_EMAIL_ALLOW_LOG_BACKEND=true if that is meant. Refusing to start."
    )
# A mail server that hangs must not hold the worker that sends mail.
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "10"))
# Confirmation emails are tried this many times, waiting longer each time
# (1, 4, 16, 64 … minutes) before the failure is left for staff to see.
EMAIL_ATTEMPTS = int(os.environ.get("EMAIL_ATTEMPTS", "6"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "info@example.org")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Security: strict by default whenever debug is off.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", not DEBUG)
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The admin's rich-text editor (ngo.content.RICH_TEXT_EDITOR_EXTENSIONS) names
# its editable area after the field's label with an extension of our own; it
# writes no markup, so it adds nothing to what the cleaning keeps.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("js/editor/field-label.js")],
        "extensions": {"FieldLabel": html_tags([])},
    }
]

# Content-Security-Policy (django-csp): every script, style, image and font
# comes from this site, with no inline code; forms post only here. The admin's
# own pages carry inline styles and scripts from Django, so they get their own,
# slightly wider policy (ngo/middleware.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # The nonce only appears on pages that ask for it: the admin pages with
        # the rich-text editor, whose modules need an inline import map.
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Permissions-Policy: no page of ours needs a camera, a microphone or a location.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    ]
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # django-axes logs every successful sign-in too: only its warnings are kept.
    "loggers": {"axes": {"level": "WARNING"}},
}
