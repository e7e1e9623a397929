"""What every listing shares: filters from the query string, and its open-data versions."""

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from flask import (
    Response,
    abort,
    current_app,
    render_template,
    request,
    send_file,
    stream_with_context,
)

from content.filters import FilterProblem, Paging
from content.models import RecordFile
from content.publishing import find_withdrawn
from content.queries import Page
from portal.db import get_session
from portal.opendata import page_links

ATOM_ENTRIES = 50

def _from_request(filters_class: Any) -> tuple[Any, list[FilterProblem]]:
    """The filters in the address, with the settings a filters class names in `SETTINGS`
    (a contract's threshold) filled in from the configuration."""
    filters, problems = filters_class.from_args(request.args)
    settings = getattr(filters_class, "SETTINGS", {})
    if settings:
        filters = replace(filters, **{name: current_app.config[setting]
                                      for name, setting in settings.items()})
    return filters, problems


def read_filters(filters_class: Any, per_page: int) -> tuple[Any, Paging, list[FilterProblem]]:
    filters, problems = _from_request(filters_class)
    paging = Paging.from_args(request.args, per_page, problems)
    return filters, paging, problems


def data_filters(filters_class: Any) -> Any:
    """Filters for a download; a bad value is a 400 that says what to fix, not a guess."""
    filters, problems = _from_request(filters_class)
    Paging.from_args(request.args, 1, problems)
    abort_for_problems(problems)
    return filters


def abort_for_problems(problems: list[FilterProblem]) -> None:
    if problems:
        abort(400, description="; ".join(problem.message for problem in problems))


def is_filtered(filters: Any) -> bool:
    """Whether any filter differs from what the listing shows unfiltered (a policy's
    default status is "current"; a contract's threshold is a setting, not a filter)."""
    settings = getattr(filters, "SETTINGS", {})
    return any(getattr(filters, field.name) != field.default for field in fields(filters)
               if field.name not in settings)


def json_listing(endpoint: str, filters: Any, rows: Callable[[], Iterable[dict[str, Any]]],
                 page: Callable[[Paging], Page[Any]], serialise: Callable[[Any], dict[str, Any]],
                 ) -> Response:
    """Every matching record by default; one page of them when `page` is given."""
    if "page" in request.args:
        paging = Paging.from_args(request.args, 100, [])
        result = page(paging)
        document = {
            "total": result.total, "page": result.number, "per_page": result.size,
            "links": page_links(endpoint, result.number, result.has_previous, result.has_next),
            "filters": _filter_values(filters),
            "records": [serialise(item) for item in result.items],
        }
        return Response(json.dumps(document, ensure_ascii=False, indent=1) + "\n",
                        mimetype="application/json")
    total = page(Paging(1, 1)).total
    head = {"total": total, "page": None, "per_page": None,
            "links": page_links(endpoint, None, False, False), "filters": _filter_values(filters)}
    return Response(stream_with_context(_stream_json(head, rows())), mimetype="application/json")


def _filter_values(filters: Any) -> dict[str, Any]:
    return {name: _filter_value(value) for name, value in vars(filters).items()}


def _filter_value(value: Any) -> Any:
    """A filter's value as JSON holds it: a financial year by its label, a day in ISO form."""
    if hasattr(value, "label"):
        return value.label
    return value.isoformat() if isinstance(value, date) else value


def _stream_json(head: dict[str, Any], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    opening = json.dumps(head, ensure_ascii=False, indent=1)
    yield opening[:-2] + ',\n "records": ['
    separator = "\n  "
    for row in rows:
        yield separator + json.dumps(row, ensure_ascii=False)
        separator = ",\n  "
    yield "\n ]\n}\n"


def withdrawn_page(record_type: str, identifier: str, template: str, name: str) -> Any:
    """The page saying when and why a record was withdrawn (410 Gone), or a 404 when
    nothing was ever published at this address."""
    found = find_withdrawn(get_session(), record_type, identifier)
    if found is None:
        abort(404)
    record, reason = found
    return render_template(template, **{name: record}, reason=reason), 410


def document_download(record_type: str, record: Any, document_id: int) -> Any:
    """A PDF published with a record, always downloaded rather than shown in the page."""
    document = get_session().get(RecordFile, document_id)
    if record is None or document is None or document.record_type != record_type \
            or document.record_id != record.id:
        abort(404)
    path = Path(current_app.config["DOCUMENTS_PATH"]) / document.stored_name
    return send_file(path, mimetype="application/pdf", as_attachment=True,
                     download_name=document.original_name, max_age=3600)
