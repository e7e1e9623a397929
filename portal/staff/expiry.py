"""A staff form that was open too long is shown again with what was typed and a GOV.UK
error, instead of a dead end that throws the typing away.

A form's token stops working after `WTF_CSRF_TIME_LIMIT`, and every form open in another
tab stops working when someone signs in again (each step of signing in starts a new
session, tokens included). The staff side checks tokens itself, after the sign-in is known
(`check_form_token`): a view marked `shows_expired_forms_again` is still run, and its
`StaffForm` then refuses the token and says so at a box; any other view refuses the request
with the "form has expired" page, as before. A marked view must act only on a form that
validates (or ask `expired` first), so nothing is ever done on an expired token.
"""

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from flask import current_app, g, request
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError
from wtforms import Field, HiddenField

from portal.security import csrf

EXPIRED = "This page was open for too long. Check your answers and press the button again."
_SHOWS_AGAIN = "shows_expired_forms_again"

View = TypeVar("View", bound=Callable[..., Any])


def shows_expired_forms_again(view: View) -> View:
    """Mark a view (just below its route) as one that shows its form again, with what was
    typed, when the form's token has run out."""
    setattr(view, _SHOWS_AGAIN, True)
    return view


def check_form_token() -> None:
    """Refuse a form sent with a token that is missing, expired or from an earlier sign-in,
    unless the view shows its form again (it then learns of it through `expired`)."""
    g.form_expired = False
    try:
        csrf.protect()
    except CSRFError:
        view = current_app.view_functions.get(request.endpoint or "")
        if not getattr(view, _SHOWS_AGAIN, False):
            raise
        g.form_expired = True


def expired(form: FlaskForm) -> bool:
    """Whether the form was sent from a page open too long; if so, the form now says so
    (with any other problems with what was typed)."""
    if not g.get("form_expired"):
        return False
    form.validate()
    return True


class StaffForm(FlaskForm):
    """A staff form: a token that ran out is reported at a box the person can see, never
    at the hidden token."""

    # The box the message is shown at, when not the first box without problems of its own.
    expired_box: ClassVar[str | None] = None
    # Boxes never shown again (a password, a one-time code).
    forget_when_expired: ClassVar[tuple[str, ...]] = ()

    def validate(self, extra_validators: Any = None) -> bool:
        valid: bool = super().validate(extra_validators)
        token = self._fields.get("csrf_token")
        if token is not None and token.errors:
            token.errors = []
            self._say_expired()
        return valid

    def _say_expired(self) -> None:
        for name in self.forget_when_expired:
            self[name].data, self[name].raw_data = "", []
        boxes = [field for field in self if not isinstance(field, HiddenField)]
        chosen: Field = (self[self.expired_box] if self.expired_box else next(
            (box for box in boxes if not box.errors), boxes[0]))
        chosen.errors = [EXPIRED, *chosen.errors]
