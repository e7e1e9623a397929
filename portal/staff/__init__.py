"""The staff side: sign-in with two-factor authentication, and (as it grows) the intake
queue, publishing and administration, all under /staff."""

from flask import Flask

from portal.staff import (
    models,  # noqa: F401  (the tables belong to the metadata)
    queue,  # noqa: F401  (its pages join the staff blueprint)
)
from portal.staff.views import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
