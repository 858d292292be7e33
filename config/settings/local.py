"""Demo and development: zero set-up, SQLite unless DATABASE_URL is set, MFA optional in demo mode."""

from config.settings.base import *  # noqa: F403
from config.settings.base import env

DEBUG = env.bool("DEBUG", default=True)
DEMO_MODE = env.bool("DEMO_MODE", default=True)
