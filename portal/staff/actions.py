"""The shape every staff action on the case page and in administration takes: if what was
sent is acceptable, do it; once it is done, record it in the audit log, say on the next
page that it worked, and go back; otherwise show the form again with its problems."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import redirect
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from portal.staff.notices import tell
from portal.staff.views import record


@dataclass(frozen=True)
class Done:
    """What an action did, once it is done."""

    action: str  # as the audit log keeps it (portal/staff/audit_words.py says it in words)
    target: str  # what it was done to: a case reference, an email address
    message: str  # the success banner: "Note added to case …"
    detail: dict[str, Any] = field(default_factory=dict)  # more for the audit log


def act(acceptable: bool, do: Callable[[], Done | None],
        show_again: Callable[[], ResponseReturnValue], back: str) -> ResponseReturnValue:
    """Do what was asked if `acceptable`, then record, tell and go `back` to; show the form
    again if it was not acceptable, or if `do` refused (returning None, having put the
    reason at the box it is about)."""
    done = do() if acceptable else None
    if done is None:
        return show_again()
    return finish(done, back)


def finish(done: Done, back: str) -> Response:
    """Record what was done, say that it worked on the next page, and go `back` to."""
    record_and_tell(done)
    return redirect(back)


def record_and_tell(done: Done) -> None:
    """For a page shown straight after the action (one that must not be redirected to,
    such as the one showing a first password once)."""
    record(done.action, done.target, **done.detail)
    tell(done.message)
