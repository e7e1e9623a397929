"""Decision records: listing, open data and the permalink page."""

from typing import Any

from flask import abort, render_template, url_for

from content import queries
from content.exports import DECISION_COLUMNS, decision_fields
from content.filters import DecisionFilters, Paging
from content.kinds import DECISION
from content.markup import plain_text
from content.models import Decision, Revision
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


def decision_data(decision: Decision) -> dict[str, Any]:
    url = url_for("public.decision", identifier=decision.slug, _external=True)
    return decision_fields(decision) | {"url": url}


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


@bp.get("/decisions.csv")
def decisions_csv() -> Any:
    filters = data_filters(DecisionFilters)
    rows = (decision_data(d) for d in queries.each_decision(get_session(), filters))
    return csv_response("decisions.csv", rows, [*DECISION_COLUMNS, "url"])


@bp.get("/decisions.json")
def decisions_json() -> Any:
    filters = data_filters(DecisionFilters)
    session = get_session()
    return json_listing(
        "public.decisions_json", filters,
        rows=lambda: (decision_data(d) for d in queries.each_decision(session, filters)),
        page=lambda paging: queries.list_decisions(session, filters, paging),
        serialise=decision_data,
    )


@bp.get("/decisions.atom")
def decisions_atom() -> Any:
    filters = data_filters(DecisionFilters)
    page = queries.list_decisions(get_session(), filters, Paging(1, ATOM_ENTRIES))
    entries = [{
        "title": f"{d.reference}: {d.title}",
        "url": url_for("public.decision", identifier=d.slug, _external=True),
        "published": d.published_at, "updated": d.updated_at,
        "summary": plain_text(d.summary_markdown), "content_html": d.body_html,
    } for d in page.items]
    return atom_response("Decisions", "public.decisions", entries)


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


@bp.get("/decisions/<path:identifier>/revisions/<int:revision_id>")
def decision_revision(identifier: str, revision_id: int) -> Any:
    """A decision as it was published before an edit."""
    session = get_session()
    record = queries.get_decision(session, identifier)
    revision = session.get(Revision, revision_id)
    if (record is None or revision is None or revision.kind != "edited"
            or revision.record_type != "decision" or revision.record_id != record.id):
        abort(404)
    earlier = DECISION.as_it_was(record, revision.previous, revision.at)
    return render_template("decisions/detail.html", decision=earlier, related=[],
                           updates=[], earlier_version=revision)


@bp.get("/decisions/<path:identifier>/documents/<int:document_id>")
def decision_document(identifier: str, document_id: int) -> Any:
    return document_download("decision", queries.get_decision(get_session(), identifier),
                             document_id)
