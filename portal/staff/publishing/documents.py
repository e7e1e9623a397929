"""PDF documents published with a record of a kind that carries them (decisions, scrutiny
outcomes): checked to be PDFs, kept outside the web root under random names, and their
text added to the record's search entry. Removing one is confirmed on a page of its own."""

import secrets
from pathlib import Path
from typing import Any

from flask import abort, current_app, redirect, request, session, url_for
from flask.typing import ResponseReturnValue

from content import queries
from content.dates import utcnow
from content.files import NotAPdf, check_pdf, pdf_text
from content.models import RecordFile
from portal.db import get_session, once_committed, unit_of_work
from portal.intake.uploads import display_name
from portal.kinds import BY_NAME, PAGES, KindPages
from portal.staff.confirm import Question, ask, confirmed
from portal.staff.notices import tell
from portal.staff.publishing.common import DOCUMENT_PROBLEM
from portal.staff.views import bp, record, requires


def _owner_or_404(pages: KindPages, record_id: int) -> Any:
    owner = queries.record_for_editing(get_session(), pages.kind.model, record_id)
    if owner is None:
        abort(404)
    return owner


def _back(pages: KindPages, owner: Any) -> str:
    """The documents on the record's staff page."""
    assert pages.staff_page is not None
    endpoint, argument = pages.staff_page
    return url_for(endpoint, **{argument: owner.id}, _anchor="documents")


@requires("publisher")
@unit_of_work
def add_document(record_type: str, record_id: int) -> ResponseReturnValue:
    """Publish a PDF with a record; a file that is not one is refused on the record's page."""
    pages = BY_NAME[record_type]
    owner = _owner_or_404(pages, record_id)
    upload = request.files.get("document")
    data = upload.stream.read() if upload is not None and upload.filename else b""
    try:
        check_pdf(data)
    except NotAPdf as refused:
        session[DOCUMENT_PROBLEM] = str(refused) if data else "Select a PDF to publish"
        return redirect(_back(pages, owner))
    stored = secrets.token_hex(16)
    folder = Path(current_app.config["DOCUMENTS_PATH"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / stored).write_bytes(data)
    name = display_name(upload.filename if upload else "")
    get_session().add(RecordFile(record_type=record_type, record_id=owner.id,
                                 original_name=name, stored_name=stored, size=len(data),
                                 text=pdf_text(data)))
    record("published a document", pages.audit_name(owner), name=name)
    tell(f"{name} published")
    owner.updated_at = utcnow()  # the record's search entry now includes the text
    return redirect(_back(pages, owner))


@requires("publisher")
@unit_of_work
def remove_document(record_type: str, record_id: int, document_id: int) -> ResponseReturnValue:
    """Asks whether to remove a document; once confirmed, removes it."""
    pages = BY_NAME[record_type]
    owner = _owner_or_404(pages, record_id)
    document = queries.record_file(get_session(), record_type, owner.id, document_id)
    if document is None:
        abort(404)
    if not confirmed():
        return ask(Question(
            f"Are you sure you want to remove {document.original_name}?",
            ["It will no longer be published: its link goes from the public page, and "
             "its text is no longer found by search."],
            "Yes, remove the document", _back(pages, owner)))
    get_session().delete(document)
    record("removed a document", pages.audit_name(owner), name=document.original_name)
    tell(f"{document.original_name} removed")
    owner.updated_at = utcnow()  # the record's search entry no longer includes the text
    # Only once the record no longer lists it.
    stored = Path(current_app.config["DOCUMENTS_PATH"]) / document.stored_name
    once_committed(lambda: stored.unlink(missing_ok=True))
    return redirect(_back(pages, owner))


for _pages in PAGES:
    if _pages.kind.carries_documents:
        _documents = f"/content/{_pages.collection}/<int:record_id>/documents"
        _kind = {"record_type": _pages.kind.name}
        bp.add_url_rule(_documents, f"{_pages.kind.name}_documents", add_document,
                        defaults=_kind, methods=["POST"])
        bp.add_url_rule(f"{_documents}/<int:document_id>/remove",
                        f"{_pages.kind.name}_remove_document", remove_document,
                        defaults=_kind, methods=["GET", "POST"])
