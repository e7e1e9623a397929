"""The staff side, all under /staff: sign-in with two-factor authentication, the intake
queue, publishing, and administration (accounts and the audit log)."""

from flask import Flask

# The models' tables belong to the metadata; the other modules' pages join the blueprint.
from portal.staff import (  # noqa: F401
    admin,
    lists,
    models,
    publishing,
    queue,
    redaction,
    subject_access,
)
from portal.staff.accounts import role_names, seconds_left
from portal.staff.navigation import staff_navigation
from portal.staff.notices import done_messages
from portal.staff.views import bp


def init_app(app: Flask) -> None:
    from portal.security import csrf

    # The staff side checks form tokens itself, once it knows who is signed in, so that a
    # form open too long is shown again with what was typed (portal/staff/expiry.py).
    csrf.exempt(bp)
    app.register_blueprint(bp)
    app.jinja_env.globals["seconds_left"] = seconds_left
    app.jinja_env.globals["staff_navigation"] = staff_navigation
    app.jinja_env.globals["role_names"] = role_names
    # Also on public pages: publishing can end on the public page it has just changed.
    app.jinja_env.globals["done_messages"] = done_messages
