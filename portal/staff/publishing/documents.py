"""PDF documents published with a decision or a scrutiny outcome: checked to be PDFs, kept
outside the web root under random names, and their text added to the record's search entry."""

import secrets
from pathlib import Path
from typing import Any

from flask import abort, current_app, redirect, request, session, url_for

from content.dates import utcnow
from content.files import NotAPdf, check_pdf, pdf_text
from content.models import RecordFile
from portal.db import get_session
from portal.intake.uploads import display_name
from portal.kinds import BY_NAME
from portal.staff.confirm import Question, ask, confirmed
from portal.staff.notices import tell
from portal.staff.publishing.common import DOCUMENT_PROBLEM
from portal.staff.views import bp, record, requires


@bp.post("/content/decisions/<int:record_id>/documents", endpoint="decision_documents",
         defaults={"record_type": "decision"})
@bp.post("/content/scrutiny/<int:record_id>/documents", endpoint="scrutiny_documents",
         defaults={"record_type": "scrutiny"})
@requires("publisher")
def record_documents(record_type: str, record_id: int) -> Any:
    """Add a PDF to a record, or remove one."""
    pages = BY_NAME[record_type]
    assert pages.staff_page is not None and pages.kind.carries_documents
    page, page_argument = pages.staff_page
    db = get_session()
    owner = db.get(pages.kind.model, record_id)
    if owner is None:
        abort(404)
    back = url_for(page, **{page_argument: owner.id}, _anchor="documents")
    folder = Path(current_app.config["DOCUMENTS_PATH"])
    removed: Path | None = None
    if request.form.get("action") == "remove":
        document = db.get(RecordFile, int(request.form.get("document", "0") or 0))
        if document is None or (document.record_type, document.record_id) != (
                record_type, owner.id):
            abort(404)
        if not confirmed():
            return ask(Question(
                f"Are you sure you want to remove {document.original_name}?",
                ["It will no longer be published: its link goes from the public page, and "
                 "its text is no longer found by search."],
                "Yes, remove the document", back,
                {"action": "remove", "document": str(document.id)}))
        removed = folder / document.stored_name
        db.delete(document)
        record("removed a document", pages.audit_name(owner), name=document.original_name)
        tell(f"{document.original_name} removed")
    else:
        upload = request.files.get("document")
        data = upload.stream.read() if upload is not None and upload.filename else b""
        try:
            check_pdf(data)
        except NotAPdf as refused:
            session[DOCUMENT_PROBLEM] = str(refused) if data else "Select a PDF to publish"
            return redirect(back)
        stored = secrets.token_hex(16)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / stored).write_bytes(data)
        name = display_name(upload.filename if upload else "")
        db.add(RecordFile(record_type=record_type, record_id=owner.id, original_name=name,
                          stored_name=stored, size=len(data), text=pdf_text(data)))
        record("published a document", pages.audit_name(owner), name=name)
        tell(f"{name} published")
    owner.updated_at = utcnow()  # the record's search entry now includes the text
    db.commit()
    if removed is not None:  # only once the record no longer lists it
        removed.unlink(missing_ok=True)
    return redirect(back)
