"""The staff pages' forms: GOV.UK widgets, errors in the Design System's wording, and a
prefix each, so several can share a page without sharing an id."""

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSelect,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    EmailField,
    Field,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import Length, Optional

from content.dates import InvalidDate, parse_date
from portal.intake.forms import EMAIL, LONG_ANSWER, UKDateField, not_in_future, options, required
from portal.intake.workflow import IOPC_CATEGORIES, STATUS_LABELS
from portal.staff.accounts import AuditFilters
from portal.staff.casework import CONTACT_METHODS
from portal.staff.models import ROLE_HINTS, ROLE_NAMES, ROLES, StaffUser

SHORT_ANSWER = 500


def long_enough(what: str, most: int = LONG_ANSWER) -> Length:
    return Length(max=most, message=f"{what} must be {most:,} characters or fewer")


# The case page

class StatusForm(FlaskForm):
    """Move a case on. The outcome and recommendations boxes are taken away when the
    case cannot move to where they are needed."""

    status = RadioField("Move the case to", widget=GovRadioInput(), validate_choice=False,
                        validators=[required("Select where the case moves to")])
    outcome = StringField("Outcome", widget=GovTextInput(),
                          description="Needed to close the case",
                          validators=[long_enough("The outcome", SHORT_ANSWER)])
    recommendations = TextAreaField("Recommendations", widget=GovTextArea(),
                                    description="Needed when a review is upheld",
                                    validators=[long_enough("The recommendations")])
    note = TextAreaField("Note", widget=GovTextArea(),
                         description="Kept in the case history. Needed to close the case",
                         validators=[long_enough("The note")])


def status_form(next_statuses: tuple[str, ...], **kwargs: Any) -> StatusForm:
    form = StatusForm(prefix="move", **kwargs)
    form.status.choices = options([(status, STATUS_LABELS[status])
                                   for status in next_statuses])
    if "closed" not in next_statuses:
        del form.outcome
    if "upheld" not in next_statuses:
        del form.recommendations
    return form


class AssignForm(FlaskForm):
    assignee = SelectField("Assign to", widget=GovSelect(), validate_choice=False)


ME, NOBODY = "me", "none"


def assign_form(colleagues: list[StaffUser], current: int | None, **kwargs: Any) -> AssignForm:
    form = AssignForm(prefix="assign", **kwargs)
    form.assignee.choices = [(ME, "Me"), *[(str(member.id), member.email)
                                           for member in colleagues], (NOBODY, "Nobody")]
    if form.assignee.data is None and current is not None:
        form.assignee.data = str(current)
    return form


class CategoriesForm(FlaskForm):
    categories = SelectMultipleField(
        "Complaint categories (IOPC)", widget=GovCheckboxesInput(),
        choices=options([(category, category) for category in IOPC_CATEGORIES]),
        description="Select all that apply", validate_choice=False, validators=[Optional()])


class ContactForm(FlaskForm):
    method = RadioField("How were you in contact?", widget=GovRadioInput(),
                        choices=options(list(CONTACT_METHODS.items())),
                        validators=[required("Select how you were in contact")])
    on = UKDateField("Date of the contact", "Enter the date of the contact",
                     noun="The date of the contact", validators=[not_in_future],
                     description="For example, 27 3 2026")
    summary = TextAreaField("Summary", widget=GovTextArea(),
                            validators=[required("Enter a summary of the contact"),
                                        long_enough("The summary")])


def contact_form(today: date, **kwargs: Any) -> ContactForm:
    return ContactForm(prefix="contact", data={"on": today}, **kwargs)


class UpdateForm(FlaskForm):
    message = TextAreaField("Email an update to the person", widget=GovTextArea(),
                            validators=[required("Enter the update to send"),
                                        long_enough("The update")])


class NoteForm(FlaskForm):
    text = TextAreaField("Add an internal note", widget=GovTextArea(),
                         description="Only staff see it",
                         validators=[required("Enter the note"), long_enough("The note")])


# Accounts

ROLE_CHOICES = options([(role, ROLE_NAMES[role]) for role in ROLES])


class RolesForm(FlaskForm):
    roles = SelectMultipleField("Roles", widget=GovCheckboxesInput(), choices=ROLE_CHOICES,
                                validators=[required("Select at least one role")],
                                description="Select all that apply")


class NewAccountForm(RolesForm):
    email = EmailField("Email address", widget=GovTextInput(),
                       validators=[required("Enter their email address"),
                                   Length(max=320, message="The email address must be 320 "
                                                           "characters or fewer")])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="new", **kwargs)
        # The email address first, as a person reads the page.
        self._fields.move_to_end("roles")

    def validate_email(self, field: Field) -> None:
        if field.data and not EMAIL.match(field.data.strip()):
            raise ValidationError("Enter an email address in the correct format, like "
                                  "name@example.com")


def role_hints() -> list[dict[str, Any]]:
    """Each role's checkbox with what the role is for, as its hint."""
    return [{"hint": {"text": ROLE_HINTS[role]}} for role in ROLES]


class SubjectAccessForm(FlaskForm):
    who = StringField("Email address, full name or telephone number", widget=GovTextInput(),
                      validators=[required("Enter the person’s email address, name or "
                                           "telephone number"), Length(max=320)])


# The audit log

def _real_date(form: FlaskForm, field: Field) -> None:
    if field.data:
        try:
            parse_date(field.data, allow_uk=True)
        except InvalidDate:
            raise ValidationError(f"{field.label.text} must be a real date, like 27/3/2026 "
                                  "or 2026-03-27") from None


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a search, sent in the address

    action = StringField("Action contains", widget=GovTextInput(), validators=[Length(max=60)])
    user = StringField("Staff email contains", widget=GovTextInput(),
                       validators=[Length(max=320)])
    target = StringField("Case reference, email address or record", widget=GovTextInput(),
                         validators=[Length(max=320)])
    day_from = StringField("From", name="from", widget=GovTextInput(),
                           description="For example, 27/3/2026", validators=[_real_date])
    day_to = StringField("To", name="to", widget=GovTextInput(),
                         description="For example, 27/3/2026", validators=[_real_date])

    def filters(self) -> AuditFilters:
        """The filters that are well formed (the others are left out, and reported)."""
        def day(field: Field) -> date | None:
            return None if field.errors or not field.data else parse_date(
                field.data, allow_uk=True)
        return AuditFilters(
            action=(self.action.data or "").strip(), user=(self.user.data or "").strip(),
            target=(self.target.data or "").strip(), day_from=day(self.day_from),
            day_to=day(self.day_to))



# Confirming something that cannot be undone

class WithdrawForm(FlaskForm):
    reason = StringField("Reason for withdrawing", widget=GovTextInput(),
                         description="Shown to the public on its page",
                         validators=[required("Enter the reason for withdrawing it"),
                                     long_enough("The reason", SHORT_ANSWER)])


class ListNameForm(FlaskForm):
    """A name for a managed list: a new one, or a value's new name. What counts as a good
    name (and a near-duplicate) is `content.managed_lists`'s to say."""

    name = StringField("Name", widget=GovTextInput())
