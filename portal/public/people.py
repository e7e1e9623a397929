"""The organisation chart, drawn from the published posts' reporting lines: a nested list
that a screen reader walks from the top down, styled as a chart (never an image)."""

from typing import Any

from flask import render_template

from content import queries
from content.people import organisation_chart
from portal.db import get_session
from portal.public import bp


@bp.get("/our-people/chart", endpoint="organisation_chart")
def organisation_chart_page() -> Any:
    chart = organisation_chart(queries.published_posts(get_session()))
    return render_template("our-people/chart.html", chart=chart)
