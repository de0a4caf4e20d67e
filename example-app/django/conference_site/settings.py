"""
Settings of the Django half of the conference site. The Express half (example-app/app.ts)
reads the same SQLite file, the same session rows and the same cookies, so the settings that
must agree with it come from the environment that `npm run start:strangler` sets for both:

- SECRET_KEY: signs sessions' auth hashes, the messages cookie and CSRF-free data (required);
- CONFERENCE_DB: the SQLite file both halves open;
- ALLOWED_HOSTS / CSRF_TRUSTED_ORIGINS: the public origin the browser sees (the Express
  façade forwards the Host header unchanged).
"""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    # First: its registration/ templates win over the admin's.
    "conference_site",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "conference_site.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "conference_site.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("CONFERENCE_DB", str(BASE_DIR.parent / "data" / "strangler.sqlite3")),
        # Two processes (Django and Express) write the same file: wait for a lock, don't fail.
        "OPTIONS": {"timeout": 20},
    }
}

# Django's defaults, written out because the Express half must use the same ones.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"
MESSAGE_STORAGE = "django.contrib.messages.storage.fallback.FallbackStorage"

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/chair/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Served by `runserver --insecure` under a prefix of Django's own (the façade forwards it).
STATIC_URL = "/django-static/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
