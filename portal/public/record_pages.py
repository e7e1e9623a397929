"""The pages every kind of record shares — a record's own page (or the page saying it was
withdrawn), the record as it was before a correction, and the PDFs published with it —
registered once from the declarations in `portal/kinds.py`."""

from collections.abc import Callable
from typing import Any

from flask import abort, render_template

from content.dates import uk_today
from content.models import Revision
from portal.db import get_session
from portal.kinds import PAGES, KindPages
from portal.public import bp
from portal.public.listing import document_download, withdrawn_page


def _identifier(address: dict[str, str]) -> str:
    (identifier,) = address.values()
    return identifier


def _record(pages: KindPages) -> Callable[..., Any]:
    kind, find = pages.kind, pages.find
    assert find is not None, f"{kind.name}: a kind with a record page is found by address"

    def record_page(**address: str) -> Any:
        session = get_session()
        identifier = _identifier(address)
        record = find(session, identifier)
        if record is None:
            return withdrawn_page(kind.name, identifier, f"{pages.collection}/withdrawn.html",
                                  pages.template_name)
        return render_template(pages.detail_template, **{pages.template_name: record},
                               **pages.record_extras(session, record))
    return record_page


def _revision(pages: KindPages) -> Callable[..., Any]:
    kind, find = pages.kind, pages.find
    assert find is not None, f"{kind.name}: a kind with earlier versions is found by address"

    def earlier_version(revision_id: int, **address: str) -> Any:
        """The record as it was published before a correction."""
        session = get_session()
        record = find(session, _identifier(address))
        revision = session.get(Revision, revision_id)
        if (record is None or revision is None or revision.kind != "edited"
                or revision.record_type != kind.name or revision.record_id != record.id):
            abort(404)
        earlier = kind.as_it_was(record, revision.previous, revision.at)
        return render_template(pages.detail_template, **{pages.template_name: earlier},
                               today=uk_today(), related=[], updates=[],
                               earlier_version=revision)
    return earlier_version


def _document(pages: KindPages) -> Callable[..., Any]:
    find = pages.find
    assert find is not None, f"{pages.kind.name}: a kind with documents is found by address"

    def download(document_id: int, **address: str) -> Any:
        record = find(get_session(), _identifier(address))
        return document_download(pages.kind.name, record, document_id)
    return download


for _pages in PAGES:
    _stem = f"/{_pages.collection}/{_pages.address_rule}"
    if not _pages.own_record_page:
        bp.add_url_rule(_stem, endpoint=_pages.endpoint.removeprefix("public."),
                        view_func=_record(_pages))
    if _pages.kind.restore is not None:
        bp.add_url_rule(f"{_stem}/revisions/<int:revision_id>",
                        endpoint=f"{_pages.kind.name}_revision", view_func=_revision(_pages))
    if _pages.kind.carries_documents:
        bp.add_url_rule(f"{_stem}/documents/<int:document_id>",
                        endpoint=f"{_pages.kind.name}_document", view_func=_document(_pages))
