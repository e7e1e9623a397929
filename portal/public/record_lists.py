"""Every collection's listing, `/<collection>`, registered once from the declarations in
`portal/kinds.py`: the filters from the query string, one page of the records they match
and what the kind shows beside them (its `listing_extras`)."""

from collections.abc import Callable
from typing import Any

from flask import render_template

from content.dates import uk_today
from portal.db import get_session
from portal.kinds import PAGES, KindPages
from portal.public import bp
from portal.public.listing import is_filtered, read_filters


def _listing(pages: KindPages) -> Callable[[], Any]:
    kind = pages.kind

    def listing() -> Any:
        session = get_session()
        filters, paging, problems = read_filters(kind.filters, pages.per_page)
        return render_template(
            f"{pages.collection}/list.html", filters=filters, problems=problems,
            page=kind.page(session, filters, paging, uk_today()), filtered=is_filtered(filters),
            **pages.listing_extras(session, filters),
        ), (400 if problems else 200)
    return listing


for _pages in PAGES:
    bp.add_url_rule(f"/{_pages.collection}", endpoint=_pages.collection,
                    view_func=_listing(_pages))
