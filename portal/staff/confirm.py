"""Asking "Are you sure?" on a page of its own before anything that cannot be undone (the
GOV.UK pattern): what will happen, a warning button, and a way back. Nothing happens
until that button is pressed, whatever else is sent."""

from dataclasses import dataclass, field

from flask import render_template, request
from flask_wtf import FlaskForm

from portal.staff.forms import WithdrawForm

CONFIRMED = "confirmed"


@dataclass(frozen=True)
class Question:
    question: str  # "Are you sure you want to deactivate …?"
    consequences: list[str]  # what will happen, a sentence each
    button: str  # "Yes, deactivate the account"
    cancel: str  # where "Cancel" goes back to
    # What the action needs besides the Yes (the button pressed, which document, …),
    # sent again by the confirmation page.
    keep: dict[str, str] = field(default_factory=dict)


def confirmed() -> bool:
    """The person pressed the warning button of the confirmation page."""
    return request.method == "POST" and request.form.get(CONFIRMED) == "yes"


def ask(question: Question, form: FlaskForm | None = None) -> tuple[str, int]:
    """The confirmation page, sent back to the address it was asked from, with the boxes
    of `form` (if the action needs more than a Yes)."""
    failed = form is not None and any(box.errors for box in form)
    return render_template("staff/confirm.html", ask=question, form=form,
                           action=request.full_path.rstrip("?"),
                           confirmed_field=CONFIRMED), (400 if failed else 200)


def ask_to_withdraw(what: str, cancel: str, keep: dict[str, str],
                    consequences: list[str] | None = None) -> tuple[str, int] | None:
    """The page confirming a withdrawal, with the reason typed so far (on the record's
    page, or here), or None once it is confirmed with a reason given."""
    form = WithdrawForm(meta={"csrf": False})  # the form token is checked for every POST
    if confirmed() and form.validate():
        return None
    question = Question(
        f"Are you sure you want to withdraw {what}?",
        consequences or ["It will no longer be public. Its page will say that it was "
                         "withdrawn, when, and the reason you give."],
        f"Yes, withdraw {what}", cancel, keep)
    return ask(question, form)
