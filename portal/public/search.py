"""One search over every published record, with filters, facets and downloads."""

import logging
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from flask import abort, make_response, redirect, render_template, request

from content import queries
from content.filters import ArgsReader, FilterProblem
from content.kinds import KINDS, RecordText, kind_named
from content.models import Decision, Expense
from content.money import format_amount
from portal.db import get_session
from portal.errors import DATABASE_UNAVAILABLE
from portal.indexing import search_index
from portal.kinds import BY_NAME, PAGES, permalink
from portal.opendata import csv_response, json_response
from portal.public import bp
from portal.public.listing import abort_for_problems
from portal.search_documents import documents_text
from search import Hit, SearchRequest, parse_query
from search.snippets import Segment

log = logging.getLogger(__name__)
Answer = TypeVar("Answer")
PER_PAGE = 20
DOWNLOAD_LIMIT = 10_000
TYPE_LABELS = {kind.name: kind.plural for kind in KINDS}
SINGULAR = {kind.name: kind.singular for kind in KINDS}
KIND_ORDER = {kind.name: position for position, kind in enumerate(KINDS)}
SEARCH_COLUMNS = ("type", "reference", "title", "date", "category", "person", "amount", "url")


def read_search_request(args: Mapping[str, str]) -> tuple[SearchRequest, list[FilterProblem]]:
    reader = ArgsReader(args)
    kind = reader.choice("type", "Type", tuple(TYPE_LABELS))
    date_from = reader.date("from", "The ‘from’ date")
    date_to = reader.date("to", "The ‘to’ date")
    if date_from and date_to and date_from > date_to:
        reader.problems.append(FilterProblem("to", "The ‘to’ date must be on or after the "
                                                   "‘from’ date"))
        date_to = None
    person = reader.text("decision_maker") or reader.text("claimant")
    financial_year = reader.financial_year()
    sort = reader.choice("sort", "Sort order", ("relevance", "newest")) or "relevance"
    page = reader.whole_number("page", "Page", 1, 10_000) or 1
    search_request = SearchRequest(
        query=parse_query(args.get("q")), types=(kind,) if kind else (),
        date_from=date_from, date_to=date_to, category=reader.text("category"),
        person=person, financial_year=financial_year.label if financial_year else None,
        sort=sort, page=page, per_page=PER_PAGE,  # type: ignore[arg-type]
    )
    return search_request, reader.problems


@dataclass
class Result:
    type: str
    title: str
    url: str
    date: date
    reference: str
    details: str
    snippet: list[Segment]


def load_records(hits: list[Hit]) -> dict[str, Any]:
    """The database records behind the hits, by key; records gone since indexing are left out."""
    wanted: dict[str, list[int]] = defaultdict(list)
    for hit in hits:
        wanted[hit.type].append(hit.record_id)
    found: dict[str, Any] = {}
    for name, ids in wanted.items():
        kind = kind_named(name)
        for record_id, record in queries.records_by_id(get_session(), kind.model, ids).items():
            found[kind.key(record_id)] = record
    return found


def _what_each_says(found: list[tuple[Hit, Any]]) -> list[RecordText]:
    """What each record says, its documents included: the same text the index was built
    from, so the snippet shows the words that found it."""
    wanted: dict[str, list[int]] = defaultdict(list)
    for hit, _record in found:
        if kind_named(hit.type).carries_documents:
            wanted[hit.type].append(hit.record_id)
    texts = {name: documents_text(get_session(), name, ids) for name, ids in wanted.items()}
    return [kind_named(hit.type).says(record, texts.get(hit.type, {}).get(hit.record_id, ""))
            for hit, record in found]


def build_results(hits: list[Hit], search_request: SearchRequest) -> list[Result]:
    records = load_records(hits)
    found = [(hit, records[hit.key]) for hit in hits if hit.key in records]
    described = _what_each_says(found)
    snippets = searched(lambda: search_index().snippets(
        search_request.query, [says.text for says in described]))
    return [Result(hit.type, says.title, permalink(record), says.date, says.label,
                   says.details, snippet)
            for (hit, record), says, snippet in zip(found, described, snippets, strict=True)]


def _reference_redirect(search_request: SearchRequest) -> Any:
    """A search for exactly a decision or expense reference goes straight to that record."""
    reference = search_request.query.reference
    if reference is None or search_request.types not in ((), ("decision",), ("expense",)):
        return None
    record: Decision | Expense | None = queries.get_decision(get_session(), reference)
    # Expense references are written EXP-2024-00017 or EXP-1a2b3c4d5e6f; accept any case.
    prefix, _, rest = reference.partition("-")
    for form in dict.fromkeys((reference, reference.upper(), f"{prefix.upper()}-{rest.lower()}")):
        record = record or queries.get_expense(get_session(), form)
    return redirect(permalink(record)) if record else None


def _index_reads() -> bool:
    try:
        search_index().document_count()  # the check readiness makes of the index
    except Exception:
        return False
    return True


def searched(ask: Callable[[], Answer]) -> Answer:
    """The index's answer; while the index cannot be read (missing, damaged, cut short),
    a plain 503 page instead, so search fails on its own and says so while listings,
    records and forms keep working. The index is opened afresh on the next request, so
    search comes back by itself once `portal reindex` has repaired it."""
    try:
        return ask()
    except DATABASE_UNAVAILABLE:
        raise  # the whole service is unavailable: errors.py says so
    except Exception as error:
        if _index_reads():
            raise  # the index is fine: this is a fault to be seen, not hidden
        log.error("The search index cannot be read: %s", type(error).__qualname__)
        abort(make_response(render_template(
            "errors/search_unavailable.html", kind_pages=PAGES), 503))


def _filter_options(kind: str | None) -> dict[str, list[str]]:
    return BY_NAME[kind].search_options(get_session()) if kind else {}


@bp.get("/search")
def search() -> Any:
    search_request, problems = read_search_request(request.args)
    if not problems and (found := _reference_redirect(search_request)):
        return found
    outcome = searched(lambda: search_index().search(search_request))
    outcome.type_facets.sort(key=lambda facet: KIND_ORDER.get(facet.value, len(KIND_ORDER)))
    kind = search_request.types[0] if search_request.types else None
    return render_template(
        "search.html", search_request=search_request, outcome=outcome, problems=problems,
        results=build_results(outcome.hits, search_request), type_labels=TYPE_LABELS,
        singular=SINGULAR, options=_filter_options(kind), kind=kind,
    ), (400 if problems else 200)


def _download_rows(search_request: SearchRequest) -> tuple[list[dict[str, Any]], int]:
    hits, total = searched(lambda: search_index().search_all(search_request, DOWNLOAD_LIMIT))
    records = load_records(hits)
    rows = []
    for hit in hits:
        record = records.get(hit.key)
        if record is not None:
            rows.append(_download_row(hit.type, record))
    return rows, total


def _download_row(kind: str, record: Any) -> dict[str, Any]:
    says = kind_named(kind).says(record, "")
    return {
        "type": kind, "reference": says.reference, "title": says.title,
        "date": says.date.isoformat(), "category": says.category, "person": says.person,
        "amount": format_amount(says.amount_pence) or None,
        "url": permalink(record, external=True),
    }


@bp.get("/search.json")
def search_json() -> Any:
    search_request, problems = read_search_request(request.args)
    abort_for_problems(problems)
    rows, total = _download_rows(search_request)
    return json_response({"query": search_request.query.text, "total": total,
                          "returned": len(rows), "limit": DOWNLOAD_LIMIT, "records": rows})


@bp.get("/search.csv")
def search_csv() -> Any:
    search_request, problems = read_search_request(request.args)
    abort_for_problems(problems)
    rows, _total = _download_rows(search_request)
    return csv_response("search.csv", rows, list(SEARCH_COLUMNS))
