"""The staff side, all under /staff: sign-in with two-factor authentication, the intake
queue, publishing, and administration (accounts and the audit log)."""

from flask import Flask

# The models' tables belong to the metadata; the other modules' pages join the blueprint.
from portal.staff import admin, lists, models, publishing, queue  # noqa: F401
from portal.staff.accounts import role_names, seconds_left
from portal.staff.navigation import staff_navigation
from portal.staff.notices import done_messages
from portal.staff.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.jinja_env.globals["seconds_left"] = seconds_left
    app.jinja_env.globals["staff_navigation"] = staff_navigation
    app.jinja_env.globals["role_names"] = role_names
    # Also on public pages: publishing can end on the public page it has just changed.
    app.jinja_env.globals["done_messages"] = done_messages
