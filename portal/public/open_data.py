"""The open data of every collection — `.csv`, `.json` and `.atom` beside each listing —
registered once from the record kinds' declarations, so every kind offers the same."""

from collections.abc import Callable
from typing import Any

from flask import Response

from content.dates import uk_today
from content.filters import Paging
from portal.db import get_session
from portal.kinds import PAGES, KindPages, permalink
from portal.opendata import atom_response, csv_response
from portal.public import bp
from portal.public.listing import ATOM_ENTRIES, data_filters, json_listing


def _csv(pages: KindPages) -> Callable[[], Response]:
    kind = pages.kind

    def download() -> Response:
        filters = data_filters(kind.filters)
        today = uk_today()
        rows = (kind.export(record, today) | {"url": permalink(record, external=True)}
                for record in kind.each(get_session(), filters, today))
        return csv_response(f"{pages.collection}.csv", rows, [*kind.export_columns, "url"])
    return download


def _json(pages: KindPages) -> Callable[[], Response]:
    kind = pages.kind

    def download() -> Response:
        filters = data_filters(kind.filters)
        session, today = get_session(), uk_today()

        def row(record: Any) -> dict[str, Any]:
            return kind.open_data(record, today) | {"url": permalink(record, external=True)}
        return json_listing(
            f"public.{pages.collection}_json", filters,
            rows=lambda: (row(record) for record in kind.each(session, filters, today)),
            page=lambda paging: kind.page(session, filters, paging, today),
            serialise=row,
        )
    return download


def _atom(pages: KindPages) -> Callable[[], Response]:
    kind = pages.kind

    def feed() -> Response:
        filters = data_filters(kind.filters)
        page = kind.page(get_session(), filters, Paging(1, ATOM_ENTRIES), uk_today())
        entries = []
        for record in page.items:
            entry = kind.feed_entry(record)
            entries.append({"title": entry.title, "url": permalink(record, external=True),
                            "published": record.published_at, "updated": record.updated_at,
                            "summary": entry.summary, "content_html": entry.content_html})
        return atom_response(kind.plural, f"public.{pages.collection}", entries)
    return feed


for _pages in PAGES:
    for _suffix, _make in (("csv", _csv), ("json", _json), ("atom", _atom)):
        bp.add_url_rule(f"/{_pages.collection}.{_suffix}",
                        endpoint=f"{_pages.collection}_{_suffix}", view_func=_make(_pages))
