"""Information pages, and the health and readiness checks used by load balancers."""

from typing import Any

from flask import render_template

from content.exports import COLUMN_MEANINGS, RECOMMENDATION_MEANINGS
from content.kinds import KINDS
from portal.db import database
from portal.indexing import search_index
from portal.kinds import collections_by_theme
from portal.public import bp
from portal.readiness import check_readiness


@bp.get("/using-our-data")
def using_our_data() -> Any:
    return render_template("pages/using_our_data.html", kinds=KINDS,
                           column_meanings=COLUMN_MEANINGS,
                           recommendation_columns=RECOMMENDATION_MEANINGS.items())


@bp.get("/publications")
def publications() -> Any:
    """Everything the office publishes, each collection with its downloads."""
    return render_template("pages/publications.html", themes=collections_by_theme())


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
    """The process is up; deliberately touches nothing else, so it stays cheap."""
    return {"status": "ok"}


@bp.get("/readyz")
def readyz() -> Any:
    readiness = check_readiness(database().engine, search_index())
    return readiness.as_json(), 200 if readiness.ready else 503
