"""Settings shared by every environment. Environment-specific files import this and override."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="insecure-demo-key-never-use-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# Demo mode relaxes only the MFA requirement, so a council can try the product with the printed logins.
DEMO_MODE = env.bool("DEMO_MODE", default=False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "earlyhelp.core",
    "earlyhelp.ui",
    "earlyhelp.codes",
    "earlyhelp.accounts",
    "earlyhelp.organisations",
    "earlyhelp.people",
    "earlyhelp.access",
    "earlyhelp.audit",
    "earlyhelp.thresholds",
    "earlyhelp.directory",
    "earlyhelp.frontdoor",
    "earlyhelp.escalations",
    "earlyhelp.episodes",
    "earlyhelp.assessments",
    "earlyhelp.outcometools",
    "earlyhelp.plans",
    "earlyhelp.needs",
    "earlyhelp.reviews",
    "earlyhelp.oversight",
    "earlyhelp.transitions",
    "earlyhelp.closures",
    "earlyhelp.supportingfamilies",
    "earlyhelp.reporting",
    "earlyhelp.quality",
    "earlyhelp.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "earlyhelp.accounts.middleware.MFARequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "earlyhelp.ui.context_processors.layout",
            ],
        },
    },
]

# One project form renderer: every Django form renders GOV.UK Frontend markup.
FORM_RENDERER = "earlyhelp.ui.forms.GovukFormRenderer"

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "ui:home"

# django-allauth: email login, no self sign-up (administrators create accounts), MFA by TOTP + recovery codes.
ACCOUNT_ADAPTER = "earlyhelp.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# Lockout: 5 failed attempts for one account within 15 minutes lock that account out for the rest of the window;
# the IP limit slows credential stuffing across accounts.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "20/m/ip,5/15m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Early help"
MFA_RECOVERY_CODE_COUNT = 10

# Sessions: short, sliding; the layout warns before expiry (ui/static/ui/session-timeout.js).
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
SESSION_WARNING_SECONDS = 5 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# GOV.UK Frontend, MOJ Frontend, HTMX and axe-core come from npm at setup; they are never copied into the repo.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("govuk-frontend", NODE_MODULES / "govuk-frontend" / "dist" / "govuk"),
    ("moj-frontend", NODE_MODULES / "@ministryofjustice" / "frontend" / "moj"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
]
# Uploaded attachments are personal data: never served from MEDIA_URL, only by an access-checked view.
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Early help <no-reply@earlyhelp.invalid>")

# Where the official code lists are read from by data migrations (a verbatim copy of ../shared/codes).
CODES_DIR = BASE_DIR / "earlyhelp" / "codes" / "data"

SERVICE_NAME = "Early help"
# The address people reach the service at. Emails link to pages with it: the daily jobs that send many of them have
# no request to read the host from.
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")
# Who the reports and the data pack are for.
PARTNERSHIP_NAME = env("PARTNERSHIP_NAME", default="Northshire Safeguarding Children Partnership")
PHASE = "beta"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# How to reach the statutory front door at once, shown when a referrer says a child is at risk of significant
# harm now (R1.2). Numbers in Ofcom's range reserved for drama: the demo partnership is fictional.
FRONT_DOOR_CONTACT = {
    "name": env("FRONT_DOOR_NAME", default="Northshire Children's Front Door (MASH)"),
    "phone": env("FRONT_DOOR_PHONE", default="01632 960 001"),
    "out_of_hours_phone": env("FRONT_DOOR_OUT_OF_HOURS_PHONE", default="01632 960 002"),
    "hours": env("FRONT_DOOR_HOURS", default="Monday to Friday, 9am to 5pm"),
}

# R1.10: the share of no-further-action decisions a manager reviews (every repeat request is reviewed too).
NFA_REVIEW_SAMPLE_PERCENT = env.int("NFA_REVIEW_SAMPLE_PERCENT", default=10)

# Outcomes of a front-door decision that a manager must authorise before the referrer is told, as the partnership
# configures it (issue 3): any of advice, single_agency, early_help, social_care, nfa. None by default.
DECISION_AUTHORISATION_OUTCOMES = env.list("DECISION_AUTHORISATION_OUTCOMES", default=[])

# Non-engagement (issue 4): after this many failed contact attempts in a row, or this many days without a
# successful contact, the episode prompts an interpreter, a home visit and a re-evaluation at the front door.
NON_ENGAGEMENT_FAILED_ATTEMPTS = env.int("NON_ENGAGEMENT_FAILED_ATTEMPTS", default=3)
NON_ENGAGEMENT_DAYS = env.int("NON_ENGAGEMENT_DAYS", default=20)

# Attachments to contacts: the types practitioners need, nothing executable, and a size limit.
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
ATTACHMENT_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".txt": "text/plain",
}

# Management oversight (PS8, issue 4): a manager signs off the assessment or approves the plan at least this often.
OVERSIGHT_INTERVAL_DAYS = env.int("OVERSIGHT_INTERVAL_DAYS", default=30)

# Reviews (issue 5): the first is due this many days after the plan is first approved, the next this long after
# each review is held; the lead practitioner is reminded this many working days before, and again when overdue.
REVIEW_INTERVAL_DAYS = env.int("REVIEW_INTERVAL_DAYS", default=42)
REVIEW_REMINDER_WORKING_DAYS = env.int("REVIEW_REMINDER_WORKING_DAYS", default=5)
# Local targets the manager dashboard measures against, in working days: an assessment signed off after
# allocation, a plan approved after the assessment is signed off.
ASSESSMENT_TARGET_WORKING_DAYS = env.int("ASSESSMENT_TARGET_WORKING_DAYS", default=30)
PLAN_TARGET_WORKING_DAYS = env.int("PLAN_TARGET_WORKING_DAYS", default=10)
# Supervision at least this often (days) for every practitioner.
SUPERVISION_INTERVAL_DAYS = env.int("SUPERVISION_INTERVAL_DAYS", default=30)
# Drift (R6.6): open longer than this; or this many reviews in a row without progress; or a parental risk (domestic
# abuse, mental ill health, substance misuse) with no progress at the latest review: "consider step-up".
DRIFT_OPEN_DAYS = env.int("DRIFT_OPEN_DAYS", default=270)
DRIFT_REVIEWS_WITHOUT_PROGRESS = env.int("DRIFT_REVIEWS_WITHOUT_PROGRESS", default=2)
# Escalation (R6.4): an agreed action not confirmed this many working days after its due date is overdue. An audit's
# recommended action follows the same rule.
ESCALATION_CONFIRM_WORKING_DAYS = env.int("ESCALATION_CONFIRM_WORKING_DAYS", default=2)
# Closure (issue 5): a closed episode can be reopened within this many days; the family's feedback link lasts this
# long; follow-up checks run this many months after closure.
REOPEN_WINDOW_DAYS = env.int("REOPEN_WINDOW_DAYS", default=90)
FEEDBACK_LINK_DAYS = env.int("FEEDBACK_LINK_DAYS", default=28)
FOLLOW_UP_MONTHS = (6, 12)
# Supporting Families: a family is eligible with needs under at least this many headline outcomes.
SUPPORTING_FAMILIES_MIN_HEADLINES = env.int("SUPPORTING_FAMILIES_MIN_HEADLINES", default=3)
