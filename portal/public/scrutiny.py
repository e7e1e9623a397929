"""Scrutiny outcomes: how the PCC holds the force to account, with the actions agreed."""

from datetime import date
from typing import Any

from flask import abort, render_template, url_for

from content import queries
from content.exports import SCRUTINY_COLUMNS, scrutiny_actions, scrutiny_fields
from content.filters import Paging, ScrutinyFilters
from content.kinds import SCRUTINY
from content.markup import plain_text
from content.models import SCRUTINY_KINDS, Revision, ScrutinyOutcome
from content.publishing import revisions
from portal.db import get_session
from portal.opendata import atom_response, csv_response
from portal.public import bp
from portal.public.listing import (
    ATOM_ENTRIES,
    data_filters,
    document_download,
    is_filtered,
    json_listing,
    read_filters,
    withdrawn_page,
)

PER_PAGE = 25


def scrutiny_url(outcome: ScrutinyOutcome) -> str:
    return url_for("public.scrutiny_outcome", slug=outcome.slug, _external=True)


def scrutiny_data(outcome: ScrutinyOutcome) -> dict[str, Any]:
    return scrutiny_fields(outcome) | {"url": scrutiny_url(outcome)}


def scrutiny_data_with_actions(outcome: ScrutinyOutcome) -> dict[str, Any]:
    return scrutiny_data(outcome) | {"actions": scrutiny_actions(outcome)}


@bp.get("/scrutiny")
def scrutiny() -> Any:
    session = get_session()
    filters, paging, problems = read_filters(ScrutinyFilters, PER_PAGE)
    return render_template(
        "scrutiny/list.html", filters=filters, problems=problems,
        page=queries.list_scrutiny(session, filters, paging), filtered=is_filtered(filters),
        kinds=SCRUTINY_KINDS, years=queries.scrutiny_years(session), today=date.today(),
    ), (400 if problems else 200)


@bp.get("/scrutiny.csv")
def scrutiny_csv() -> Any:
    filters = data_filters(ScrutinyFilters)
    rows = (scrutiny_data(s) for s in queries.each_scrutiny(get_session(), filters))
    return csv_response("scrutiny.csv", rows, [*SCRUTINY_COLUMNS, "url"])


@bp.get("/scrutiny.json")
def scrutiny_json() -> Any:
    filters = data_filters(ScrutinyFilters)
    session = get_session()
    return json_listing(
        "public.scrutiny_json", filters,
        rows=lambda: (scrutiny_data_with_actions(s)
                      for s in queries.each_scrutiny(session, filters)),
        page=lambda paging: queries.list_scrutiny(session, filters, paging),
        serialise=scrutiny_data_with_actions,
    )


@bp.get("/scrutiny.atom")
def scrutiny_atom() -> Any:
    filters = data_filters(ScrutinyFilters)
    page = queries.list_scrutiny(get_session(), filters, Paging(1, ATOM_ENTRIES))
    entries = [{
        "title": f"{s.kind}: {s.title}", "url": scrutiny_url(s),
        "published": s.published_at, "updated": s.updated_at,
        "summary": plain_text(s.summary_markdown), "content_html": s.body_html,
    } for s in page.items]
    return atom_response("Scrutiny outcomes", "public.scrutiny", entries)


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
