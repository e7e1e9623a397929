"""Everything held about one person, for a subject access request."""

import io
import json
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from portal.intake.models import IntakeCase

IDENTIFYING_ANSWERS = ("email", "full_name", "affected_person", "phone")


def cases_about(session: Session, who: str) -> list[IntakeCase]:
    """Cases whose email, name, phone or the name of the person complained for match `who`
    (ignoring case and spacing)."""
    wanted = " ".join(who.split()).casefold()
    if not wanted:
        return []
    found = []
    statement = select(IntakeCase).options(selectinload(IntakeCase.events),
                                           selectinload(IntakeCase.attachments))
    for case in session.scalars(statement.order_by(IntakeCase.received_at)):
        values = {" ".join(str(case.answers.get(name) or "").split()).casefold()
                  for name in IDENTIFYING_ANSWERS}
        if wanted in values:
            found.append(case)
    return found


def _case_record(case: IntakeCase) -> dict[str, Any]:
    return {
        "reference": case.reference, "type": case.kind, "status": case.status,
        "received": case.received_at.isoformat(), "answers": case.answers,
        "categories": case.categories, "outcome": case.outcome,
        "closed": case.closed_at.isoformat() if case.closed_at else None,
        "history": [{"at": event.at.isoformat(), "kind": event.kind, "detail": event.detail}
                    for event in case.events],
        "files": [f"files/{case.reference}/{attachment.id}-{attachment.original_name}"
                  for attachment in case.attachments],
    }


def export_zip(cases: list[IntakeCase], upload_folder: Path) -> bytes:
    """A zip of cases.json and every file sent with those cases."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        records = [_case_record(case) for case in cases]
        archive.writestr("cases.json", json.dumps(records, ensure_ascii=False, indent=1))
        for case in cases:
            for attachment in case.attachments:
                path = upload_folder / attachment.stored_name
                if path.exists():
                    archive.write(path, f"files/{case.reference}/{attachment.id}-"
                                        f"{attachment.original_name}")
    return buffer.getvalue()
