"""Decision records: listing, open data and the permalink page."""

from typing import Any

from flask import render_template

from content import queries
from content.filters import DecisionFilters
from content.publishing import revisions
from portal.db import get_session
from portal.public import bp
from portal.public.listing import (
    is_filtered,
    read_filters,
    withdrawn_page,
)

PER_PAGE = 25


@bp.get("/decisions")
def decisions() -> Any:
    session = get_session()
    filters, paging, problems = read_filters(DecisionFilters, PER_PAGE)
    page = queries.list_decisions(session, filters, paging)
    return render_template(
        "decisions/list.html", page=page, filters=filters, problems=problems,
        filtered=is_filtered(filters),
        years=queries.decision_years(session),
        decision_makers=queries.decision_makers(session),
        categories=queries.decision_categories(session),
    ), (400 if problems else 200)


@bp.get("/decisions/<path:identifier>")
def decision(identifier: str) -> Any:
    session = get_session()
    record = queries.get_decision(session, identifier)
    if record is None:
        return withdrawn_page("decision", identifier, "decisions/withdrawn.html", "decision")
    return render_template("decisions/detail.html", decision=record,
                           related=queries.related_decisions(session, record),
                           documents=queries.record_files(session, "decision", record.id),
                           updates=[revision for revision in revisions(session, "decision",
                                                                       record.id)
                                    if revision.kind == "edited"])
