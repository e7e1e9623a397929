"""A limit on submissions per client, so one sender cannot flood the intake queue."""

from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

# Storage comes from RATELIMIT_STORAGE_URI (memory by default, Redis for several processes).
limiter = Limiter(key_func=get_remote_address, default_limits=[], strategy="moving-window")


def submission_limit() -> str:
    return str(current_app.config["INTAKE_SUBMISSION_LIMIT"])
