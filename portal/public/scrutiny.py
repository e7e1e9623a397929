"""Scrutiny outcomes: how the PCC holds the force to account, with the actions agreed."""

from typing import Any

from flask import render_template

from content import queries
from content.dates import uk_today
from content.filters import ScrutinyFilters
from content.models import SCRUTINY_KINDS
from content.publishing import revisions
from portal.db import get_session
from portal.public import bp
from portal.public.listing import (
    is_filtered,
    read_filters,
    withdrawn_page,
)

PER_PAGE = 25


@bp.get("/scrutiny")
def scrutiny() -> Any:
    session = get_session()
    filters, paging, problems = read_filters(ScrutinyFilters, PER_PAGE)
    return render_template(
        "scrutiny/list.html", filters=filters, problems=problems,
        page=queries.list_scrutiny(session, filters, paging), filtered=is_filtered(filters),
        kinds=SCRUTINY_KINDS, years=queries.scrutiny_years(session), today=uk_today(),
    ), (400 if problems else 200)


@bp.get("/scrutiny/<slug>")
def scrutiny_outcome(slug: str) -> Any:
    session = get_session()
    outcome = queries.get_scrutiny(session, slug)
    if outcome is None:
        return withdrawn_page("scrutiny", slug, "scrutiny/withdrawn.html", "outcome")
    updates = [revision for revision in revisions(session, "scrutiny", outcome.id)
               if revision.kind == "edited"]
    return render_template("scrutiny/detail.html", outcome=outcome, today=uk_today(),
                           related=queries.related_scrutiny(session, outcome),
                           documents=queries.record_files(session, "scrutiny", outcome.id),
                           updates=updates)
