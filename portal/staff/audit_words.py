"""The audit log in words: each stored action said as a person would say it.

Entries are stored with short, fixed action names ("decision: publish", "viewed case") and
the name of what they were about (a case reference, an email address, a record's reference
or slug), and are never changed. This is the one place that turns them into sentences for
the page ("Published decision 2026/051: Funding for victim services"), looking records up
by the names `portal.kinds` gives them. An action not declared here is shown as it was
stored, so no entry is ever hidden or garbled.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from portal.kinds import BY_NAME as KIND_PAGES
from portal.staff.accounts import role_names
from portal.staff.models import AuditEvent
from portal.templating import long_date


@dataclass(frozen=True)
class Entry:
    """One stored entry, with the record it names already put in words (`record`)."""

    target: str
    detail: dict[str, Any]
    record: str


@dataclass(frozen=True)
class Action:
    # What happened, in general: matched by the "What happened" filter.
    label: str
    # The sentence for one entry.
    say: Callable[[Entry], str]
    # The kinds of published record the entry's target may name, in the order tried.
    kinds: tuple[str, ...] = ()
    # Details the sentence already says, so they are not repeated beside it.
    said: tuple[str, ...] = field(default_factory=tuple)


def _count(number: Any, thing: str, things: str = "") -> str:
    return f"{number} {thing if number == 1 else (things or thing + 's')}"


def _version(entry: Entry) -> str:
    return f"version {entry.detail.get('version', '')} of {entry.record}"


def _when(entry: Entry) -> str:
    at = entry.detail.get("publish_at")
    return f" to publish on {long_date(datetime.fromisoformat(at))}" if at else ""


def _expense_lines(done: str) -> Callable[[Entry], str]:
    def say(entry: Entry) -> str:
        detail = entry.detail
        parts = [f"{detail.get('new', 0)} new", f"{detail.get('updated', 0)} corrected"]
        if detail.get("waiting"):
            parts.append(f"{detail['waiting']} waiting to publish")
        return (f"{done} {_count(detail.get('lines', 0), 'expense line')}{_when(entry)} "
                f"({', '.join(parts)})")
    return say


_ACCOUNTS = {
    "account created": Action("Created a staff account", lambda e: (
        f"Created the account for {e.target} with the roles "
        f"{role_names(e.detail.get('roles', []))}"), said=("roles",)),
    "roles changed": Action("Changed a staff account’s roles", lambda e: (
        f"Changed the roles of {e.target} to {role_names(e.detail.get('roles', []))}"),
        said=("roles",)),
    "account unlocked": Action("Unlocked a staff account",
                               lambda e: f"Unlocked the account of {e.target}"),
    "account reactivated": Action("Reactivated a staff account",
                                  lambda e: f"Reactivated the account of {e.target}"),
    "account deactivated": Action("Deactivated a staff account",
                                  lambda e: f"Deactivated the account of {e.target}"),
    "two-factor reset": Action("Reset two-factor authentication", lambda e: (
        f"Reset two-factor authentication for {e.target}")),
    "exported the audit log": Action("Downloaded the audit log", lambda e: (
        f"Downloaded the audit log ({_count(e.detail.get('events', 0), 'entry', 'entries')})"),
        said=("events",)),
}

_SIGNING_IN = {
    "password accepted": Action("Signed in", lambda e: (
        "Entered the right password (the two-factor code comes next)")),
    "signed in": Action("Signed in", lambda e: "Signed in"),
    "sign-in refused": Action("Sign-in refused", lambda e: (
        f"Sign-in refused: {e.detail.get('reason', 'no reason kept')}"), said=("reason",)),
    "two-factor code refused": Action("Sign-in refused",
                                      lambda e: "Sign-in refused: wrong two-factor code"),
    "two-factor authentication turned on": Action(
        "Turned on two-factor authentication", lambda e: "Turned on two-factor authentication"),
    "signed out": Action("Signed out", lambda e: "Signed out"),
}

_CASES = {
    "viewed case": Action("Viewed a case", lambda e: f"Viewed case {e.target}"),
    "changed the status of a case": Action("Moved a case", lambda e: (
        f"Moved case {e.target} from {e.detail.get('old', '?')} to "
        f"{e.detail.get('new', '?')}"), said=("old", "new")),
    "assigned a case": Action("Assigned a case", lambda e: (
        f"Assigned case {e.target} to {e.detail.get('to', 'nobody')}"), said=("to",)),
    "set the categories of a case": Action("Set a case’s categories", lambda e: (
        f"Set the categories of case {e.target}: "
        f"{', '.join(e.detail.get('categories', [])) or 'none'}"), said=("categories",)),
    "logged a contact on a case": Action("Logged a contact",
                                         lambda e: f"Logged a contact on case {e.target}"),
    "sent an update on a case": Action("Sent an update", lambda e: (
        f"Sent an update to the person who wrote in about case {e.target}")),
    "added a note to a case": Action("Added a note",
                                     lambda e: f"Added a note to case {e.target}"),
    "downloaded attachment": Action("Downloaded a file", lambda e: (
        f"Downloaded a file sent in with case {e.target}"), said=("attachment",)),
    "exported personal data": Action("Downloaded personal data", lambda e: (
        f"Downloaded the intake queue with personal details "
        f"({_count(e.detail.get('cases', 0), 'case')})"), said=("cases",)),
    "subject access search": Action("Searched for a person’s data", lambda e: (
        f"Searched for everything held about a person (subject access): "
        f"{_count(e.detail.get('cases', 0), 'case')} found"), said=("cases",)),
    "subject access export": Action("Downloaded a person’s data", lambda e: (
        f"Downloaded everything held about a person (subject access): "
        f"{_count(len(e.detail.get('cases', [])), 'case')}, "
        f"{', '.join(e.detail.get('cases', []))}"), said=("cases",)),
    "personal details removed (retention)": Action("Removed personal details", lambda e: (
        f"Removed the personal details from case {e.target}: its retention period ended")),
}

_WITH_DOCUMENTS = tuple(name for name, pages in KIND_PAGES.items() if pages.staff_page)

_PUBLISHING = {
    "published a document": Action("Published a document", lambda e: (
        f"Published the document {e.detail.get('name', '')} with {e.record}"),
        kinds=_WITH_DOCUMENTS, said=("name",)),
    "removed a document": Action("Removed a document", lambda e: (
        f"Removed the document {e.detail.get('name', '')} from {e.record}"),
        kinds=_WITH_DOCUMENTS, said=("name",)),
    "published expense lines": Action("Published expense lines", _expense_lines("Published"),
                                      said=("lines", "new", "updated", "waiting")),
    "scheduled expense lines": Action("Scheduled expense lines", _expense_lines("Scheduled"),
                                      said=("lines", "new", "updated", "waiting",
                                            "publish_at")),
    "corrected an expense line": Action("Corrected an expense line", lambda e: (
        f"Corrected {e.record}"), kinds=("expense",)),
    "withdrew an expense line": Action("Withdrew an expense line", lambda e: (
        f"Withdrew {e.record}"), kinds=("expense",)),
    "published a policy version": Action("Published a policy", lambda e: (
        f"Published {_version(e)}"), kinds=("policy",), said=("version",)),
    "scheduled a policy version": Action("Scheduled a policy", lambda e: (
        f"Scheduled {_version(e)} to publish"), kinds=("policy",), said=("version",)),
    "withdrew a policy version": Action("Withdrew a policy", lambda e: (
        f"Withdrew {_version(e)}"), kinds=("policy",), said=("version",)),
    "cancelled a scheduled policy version": Action("Cancelled a scheduled policy", lambda e: (
        f"Cancelled {_version(e)}: it will not be published"), kinds=("policy",),
        said=("version",)),
}

# Every kind edited a record at a time is saved, published, scheduled and withdrawn alike.
_DONE_TO_A_RECORD = {"save": "Saved", "publish": "Published", "schedule": "Scheduled"}
_RECORD_PAGES = {"decision": "decision", "scrutiny outcome": "scrutiny", "meeting": "meeting",
                 "post": "post", "staff count": "workforce", "spending line": "spending",
                 "grant": "grant", "contract": "contract", "invitation to tender": "tender",
                 "gift or hospitality offer": "gift", "declared interest": "interest",
                 "budget and precept": "budget"}


def _done_to(done: str) -> Callable[[Entry], str]:
    return lambda entry: f"{done} {entry.record}"


for _what, _kind in _RECORD_PAGES.items():
    _a = "an" if _what[0] in "aeiou" else "a"
    for _pressed, _done in _DONE_TO_A_RECORD.items():
        _PUBLISHING[f"{_what}: {_pressed}"] = Action(
            f"{_done} {_a} {_what}", _done_to(_done), kinds=(_kind,))
    # The stored name says "a" whatever the word (it is a code, never shown).
    _PUBLISHING[f"withdrew a {_what}"] = Action(f"Withdrew {_a} {_what}", _done_to("Withdrew"),
                                                kinds=(_kind,))

# HMICFRS reports are stored as "hmicfrs report: publish"; said with the inspectorate's
# name as it is written.
for _pressed, _done in _DONE_TO_A_RECORD.items():
    _PUBLISHING[f"hmicfrs report: {_pressed}"] = Action(
        f"{_done} an HMICFRS report", _done_to(_done), kinds=("inspection",))
_PUBLISHING["withdrew a hmicfrs report"] = Action(
    "Withdrew an HMICFRS report", _done_to("Withdrew"), kinds=("inspection",))

def _which_version(entry: Entry) -> str:
    version = entry.detail.get("version")
    return "as published now" if version == "current" else f"in its earlier version {version}"


_REDACTION = {
    "removed published text": Action("Removed text published by mistake", lambda e: (
        f"Removed text published by mistake from {e.record}, {_which_version(e)}"),
        kinds=tuple(KIND_PAGES), said=("kind", "version")),
}

_LISTS = {
    "added to a list": Action("Added a name to a list", lambda e: (
        f"Added “{e.target}” to {str(e.detail.get('list', 'a list')).lower()}"),
        said=("list",)),
    "renamed in a list": Action("Renamed a name in a list", lambda e: (
        f"Renamed “{e.target}” “{e.detail.get('new_name', '')}” in "
        f"{str(e.detail.get('list', 'a list')).lower()}, changing "
        f"{_count(e.detail.get('records', 0), 'record')}"),
        said=("list", "new_name", "records")),
}

ACTIONS: dict[str, Action] = {**_ACCOUNTS, **_SIGNING_IN, **_CASES, **_PUBLISHING, **_LISTS,
                             **_REDACTION}


def actions_matching(words: str) -> tuple[str, ...]:
    """The stored actions whose general label contains `words`, any case: so "published"
    finds "decision: publish" as well as "published a document"."""
    wanted = words.strip().casefold()
    return tuple(stored for stored, action in ACTIONS.items()
                 if wanted and wanted in action.label.casefold())


@dataclass(frozen=True)
class ShownEntry:
    event: AuditEvent
    # What happened to what, as a sentence; and any other details, in words.
    what: str
    details: dict[str, Any]


def _record_titles(session: Session, events: Iterable[AuditEvent]) -> dict[str, dict[str, str]]:
    """The titles of every record the entries name, by kind, in one query per kind."""
    wanted: dict[str, set[str]] = {}
    for event in events:
        for kind in getattr(ACTIONS.get(event.action), "kinds", ()):
            wanted.setdefault(kind, set()).add(event.target)
    return {kind: KIND_PAGES[kind].audit_titles(session, names)
            for kind, names in wanted.items()}


def _record_words(action: Action, target: str, titles: dict[str, dict[str, str]]) -> str:
    for kind in action.kinds:
        title = titles.get(kind, {}).get(target)
        if title is not None:
            return KIND_PAGES[kind].audit_words(target, title)
    # Its record is gone (or never was, for an entry from before a rename): its stored name.
    return target


def _stored_words(event: AuditEvent) -> str:
    said = event.action[:1].upper() + event.action[1:]
    return f"{said}: {event.target}" if event.target else said


def in_words(session: Session, events: list[AuditEvent]) -> list[ShownEntry]:
    """Each entry as the audit log page shows it."""
    titles = _record_titles(session, events)
    shown = []
    for event in events:
        action = ACTIONS.get(event.action)
        detail = dict(event.detail or {})
        if action is None:
            shown.append(ShownEntry(event, _stored_words(event), detail))
            continue
        # A name too long for its column is kept whole in the detail.
        target = detail.get("target", event.target)
        entry = Entry(target, detail, _record_words(action, event.target, titles))
        rest = {name: value for name, value in detail.items()
                if name not in action.said and name != "target"}
        shown.append(ShownEntry(event, action.say(entry), rest))
    return shown
