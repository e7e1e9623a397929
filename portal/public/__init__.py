"""The public site: home, the four collections, their open data and information pages."""

from flask import Blueprint, Flask

bp = Blueprint("public", __name__)

from portal.public import (  # noqa: E402, F401
    hmicfrs,
    home,
    meetings,
    open_data,
    pages,
    people,
    policies,
    record_lists,
    record_pages,
    search,
    spending,
)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
