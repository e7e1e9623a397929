"""Information pages, and the health check used by load balancers and monitoring."""

from typing import Any

from flask import render_template
from sqlalchemy import text

from content.exports import DECISION_COLUMNS, EXPENSE_COLUMNS, POLICY_COLUMNS, SCRUTINY_COLUMNS
from portal.db import get_session
from portal.public import bp


@bp.get("/using-our-data")
def using_our_data() -> Any:
    return render_template("pages/using_our_data.html", columns={
        "decisions": DECISION_COLUMNS, "expenses": EXPENSE_COLUMNS,
        "policies": POLICY_COLUMNS, "scrutiny": SCRUTINY_COLUMNS,
    })


@bp.get("/accessibility")
def accessibility() -> Any:
    return render_template("pages/accessibility.html")


@bp.get("/privacy")
def privacy() -> Any:
    return render_template("pages/privacy.html")


@bp.get("/complaints-and-compliments")
def complaints_and_compliments() -> Any:
    return render_template("pages/complaints_and_compliments.html")


@bp.get("/healthz")
def healthz() -> Any:
    get_session().execute(text("SELECT 1"))
    return {"status": "ok"}
