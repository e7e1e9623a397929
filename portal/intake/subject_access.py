"""Everything held about one person, for a subject access request.

What staff type is read as an email address, a telephone number or a name. The database
narrows the cases down with a cheap text test over the answers, the outcome and the case
history (one pass, no per-case work); each remaining case is then checked properly here,
and every way it matched is kept so that staff can see why it was found before they send
it to anyone.
"""

import io
import json
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import phonenumbers
from sqlalchemy import ColumnElement, Text, and_, cast, func, or_, select, true
from sqlalchemy.orm import Session, selectinload

from portal.intake.models import CaseEvent, IntakeCase

UK = "GB"  # numbers written without +44 are read as UK numbers
EMAIL_ANSWERS = ("email",)
PHONE_ANSWERS = ("phone",)
NAME_ANSWERS = ("full_name", "affected_person")
IDENTIFYING_ANSWERS = EMAIL_ANSWERS + PHONE_ANSWERS + NAME_ANSWERS
# Free text in the case history, by kind of entry and the key it is kept under.
HISTORY_TEXT = {
    ("note", "text"): "a staff note",
    ("contact", "summary"): "a contact log summary",
    ("status", "note"): "a note on a status change",
    ("status", "recommendations"): "the recommendations",
    ("update sent", "message"): "an update emailed to the person",
}
# What people put between the digits of a telephone number, left out before the database
# looks for its digits: "(01632) 960-003" becomes "(01632960003". Each one costs a pass
# over every stored text, so only these.
PHONE_SPACING = (" ", "-", ")")
PHONE_LIKE = re.compile(r"^\+?[\d\s().-]{7,}$")

Kind = Literal["email", "phone", "name"]
KIND_WORDS: dict[Kind, str] = {"email": "Email address", "phone": "Phone number",
                               "name": "Name"}


@dataclass(frozen=True)
class Wanted:
    """The person as searched for: what kind of detail, and its normalised form (an
    email address in lower case, a telephone number as +44…, a name's words)."""

    kind: Kind
    key: str
    # What the database looks for in stored text before the exact check here.
    clues: tuple[str, ...]


@dataclass
class Found:
    case: IntakeCase
    reasons: list[str] = field(default_factory=list)


def normalise_email(text: str) -> str:
    return text.strip().casefold()


def normalise_name(text: str) -> str:
    return " ".join(text.split()).casefold()


def phone_key(text: str) -> str | None:
    """A telephone number as +44… however it was written, or None if it is not one."""
    if not PHONE_LIKE.match(text.strip()):
        return None
    try:
        number = phonenumbers.parse(text, UK)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def understand(who: str) -> Wanted | None:
    """What staff typed, as an email address, a telephone number or a name."""
    text = who.strip()
    if not text:
        return None
    if "@" in text:
        email = normalise_email(text)
        return Wanted("email", email, (email,))
    phone = phone_key(text)
    if phone is not None:
        national = str(phonenumbers.parse(phone).national_number)
        return Wanted("phone", phone, (national,))
    name = normalise_name(text)
    # Stored text escapes letters such as "â", so only the plain letters and digits of
    # each word narrow the search; the check here compares the whole name.
    return Wanted("name", name, tuple(re.findall(r"[a-z0-9]{2,}", name)))


def find_person(session: Session, who: str, questions: Mapping[str, str]) -> list[Found]:
    """Every case that mentions the person, oldest first, with why each was found (naming
    an answer by the question asked, from `questions`: `flows.question_labels()`)."""
    wanted = understand(who)
    if wanted is None:
        return []
    candidates = select(IntakeCase).where(_may_mention(wanted)).options(
        selectinload(IntakeCase.events), selectinload(IntakeCase.attachments),
    ).order_by(IntakeCase.received_at, IntakeCase.id)
    found = []
    for case in session.scalars(candidates):
        reasons = list(dict.fromkeys(reasons_found(case, wanted, questions)))
        if reasons:
            found.append(Found(case, reasons))
    return found


def _searchable(column: Any, kind: Kind) -> ColumnElement[str]:
    text: ColumnElement[str] = cast(column, Text)
    if kind != "phone":
        return func.lower(text)
    for spacing in PHONE_SPACING:
        text = func.replace(text, spacing, "")
    return text


def _holds_every_clue(column: Any, wanted: Wanted) -> ColumnElement[bool]:
    text = _searchable(column, wanted.kind)
    holds = and_(*(text.contains(clue, autoescape=True) for clue in wanted.clues))
    if wanted.kind != "phone":
        return holds
    # Taking the spacing out of every text is the slow part, so it is done only where the
    # last three digits appear together, as every usual way of writing a number keeps
    # them ("960 003", "960003", "960-003"); the database checks this first.
    last_digits = cast(column, Text).contains(wanted.clues[0][-3:], autoescape=True)
    return and_(last_digits, holds)


def _may_mention(wanted: Wanted) -> ColumnElement[bool]:
    if not wanted.clues:
        return true()  # nothing to narrow by: every case is checked
    in_history = select(CaseEvent.case_id).where(_holds_every_clue(CaseEvent.detail, wanted))
    return or_(_holds_every_clue(IntakeCase.answers, wanted),
               _holds_every_clue(IntakeCase.outcome, wanted),
               IntakeCase.id.in_(in_history))


def reasons_found(case: IntakeCase, wanted: Wanted,
                  questions: Mapping[str, str]) -> Iterator[str]:
    """Why the case is about the person, in words: "Phone number matches: +44 1632 960
    003" for their own details, "Name appears in: what happened" for free text."""
    what = KIND_WORDS[wanted.kind]
    for name, value in case.answers.items():
        if not isinstance(value, str) or not value.strip():
            continue
        if name in IDENTIFYING_ANSWERS and _same_detail(name, value, wanted):
            yield f"{what} matches: {value.strip()}"
        elif _mentions(value, wanted):  # "Dr Jo Bloggs", or two numbers in one box
            yield f"{what} appears in: {answer_place(name, questions)}"
    if _mentions(case.outcome or "", wanted):
        yield f"{what} appears in: the outcome"
    for event in case.events:
        for (kind, key), place in HISTORY_TEXT.items():
            text = event.detail.get(key)
            if event.kind == kind and isinstance(text, str) and _mentions(text, wanted):
                yield f"{what} appears in: {place}"


def _same_detail(answer: str, value: str, wanted: Wanted) -> bool:
    if wanted.kind == "email":
        return answer in EMAIL_ANSWERS and normalise_email(value) == wanted.key
    if wanted.kind == "phone":
        return answer in PHONE_ANSWERS and phone_key(value) == wanted.key
    return answer in NAME_ANSWERS and normalise_name(value) == wanted.key


def _mentions(text: str, wanted: Wanted) -> bool:
    if wanted.kind == "phone":
        return any(
            phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            == wanted.key
            for match in phonenumbers.PhoneNumberMatcher(
                text, UK, leniency=phonenumbers.Leniency.POSSIBLE))
    words = normalise_name(text)
    if wanted.kind == "email":
        return wanted.key in words
    return re.search(rf"(?<!\w){re.escape(wanted.key)}(?!\w)", words) is not None


def answer_place(name: str, questions: Mapping[str, str]) -> str:
    """Where in the person's answers, as the question they were asked ("what happened")."""
    question = questions.get(name, name.replace("_", " "))
    question = question.removesuffix(" (optional)").rstrip("?")
    return question[:1].lower() + question[1:]


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
