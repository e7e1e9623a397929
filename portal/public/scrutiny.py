"""Scrutiny outcomes: how the PCC holds the force to account, with the actions agreed."""

from datetime import date
from typing import Any

from flask import abort, render_template

from content import queries
from content.filters import ScrutinyFilters
from content.kinds import SCRUTINY
from content.models import SCRUTINY_KINDS, Revision
from content.publishing import revisions
from portal.db import get_session
from portal.public import bp
from portal.public.listing import (
    document_download,
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
        kinds=SCRUTINY_KINDS, years=queries.scrutiny_years(session), today=date.today(),
    ), (400 if problems else 200)


@bp.get("/scrutiny/<slug>")
def scrutiny_outcome(slug: str) -> Any:
    session = get_session()
    outcome = queries.get_scrutiny(session, slug)
    if outcome is None:
        return withdrawn_page("scrutiny", slug, "scrutiny/withdrawn.html", "outcome")
    updates = [revision for revision in revisions(session, "scrutiny", outcome.id)
               if revision.kind == "edited"]
    return render_template("scrutiny/detail.html", outcome=outcome, today=date.today(),
                           related=queries.related_scrutiny(session, outcome),
                           documents=queries.record_files(session, "scrutiny", outcome.id),
                           updates=updates)


@bp.get("/scrutiny/<slug>/revisions/<int:revision_id>")
def scrutiny_revision(slug: str, revision_id: int) -> Any:
    """A scrutiny outcome as it was published before a correction."""
    session = get_session()
    outcome = queries.get_scrutiny(session, slug)
    revision = session.get(Revision, revision_id)
    if (outcome is None or revision is None or revision.kind != "edited"
            or revision.record_type != "scrutiny" or revision.record_id != outcome.id):
        abort(404)
    earlier = SCRUTINY.as_it_was(outcome, revision.previous, revision.at)
    return render_template("scrutiny/detail.html", outcome=earlier, today=date.today(),
                           related=[], updates=[], earlier_version=revision)


@bp.get("/scrutiny/<slug>/documents/<int:document_id>")
def scrutiny_document(slug: str, document_id: int) -> Any:
    return document_download("scrutiny", queries.get_scrutiny(get_session(), slug),
                             document_id)
