"""The home page."""

from typing import Any

from flask import render_template

from content import queries
from portal.db import get_session
from portal.kinds import collections_by_theme
from portal.public import bp


@bp.get("/")
def home() -> Any:
    session = get_session()
    return render_template(
        "home.html",
        latest_decisions=queries.latest_decisions(session, 5),
        latest_scrutiny=queries.latest_scrutiny(session, 5),
        themes=collections_by_theme(),
    )
