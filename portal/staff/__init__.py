"""The staff side, all under /staff: sign-in with two-factor authentication, the intake
queue, publishing, and administration (accounts and the audit log)."""

from flask import Flask

# The models' tables belong to the metadata; the other modules' pages join the blueprint.
from portal.staff import admin, models, publishing, queue  # noqa: F401
from portal.staff.accounts import seconds_left
from portal.staff.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.jinja_env.globals["seconds_left"] = seconds_left
