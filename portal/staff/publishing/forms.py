"""The publishing forms: GOV.UK widgets whose boxes the record kinds' checks fill with
problems (the rules live in `content`, once, not in validators here)."""

from typing import Any

from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovFileInput,
    GovSelect,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, Field, SelectField, StringField, TextAreaField

# The WTForms stubs do not know SelectChoice yet (new in WTForms 3.2).
from wtforms import SelectChoice  # type: ignore[attr-defined]  # isort: skip

from content.kinds import (
    CLAIMANTS,
    DECISION_CATEGORIES,
    DECISION_MAKERS,
    EXPENSE_CATEGORIES,
    POLICY_OWNERS,
    ManagedList,
)
from content.models import (
    ACTION_STATUSES,
    FINDING_KINDS,
    INSPECTION_TYPES,
    RECOMMENDATION_STATUSES,
    SCRUTINY_KINDS,
)
from portal.forms import DayMonthYearField
from portal.staff.expiry import StaffForm


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def text_box(label: str, hint: str = "") -> StringField:
    return StringField(label, widget=GovTextInput(), description=hint, filters=[_stripped])


def date_boxes(label: str, hint: str = "For example, 27 3 2026") -> DayMonthYearField:
    return DayMonthYearField(label, hint)


def typed_value(field: Field) -> Any:
    """A box's value as the checks read it (a date as typed, not the date read)."""
    if isinstance(field, DayMonthYearField):
        return field.typed
    return field.data if field.data is not None else ""


def text_area(label: str, hint: str = "") -> TextAreaField:
    return TextAreaField(label, widget=GovTextArea(), description=hint)


class ListChoiceField(SelectField):
    """A choice of a managed list's values (`content.managed_lists`). Its choices are the
    list as it is when the page is shown (`offer_list_choices`); a new name goes in the
    box called `new_<name>` beside it, so adding one is a deliberate act."""

    def __init__(self, label: str, managed: ManagedList, **kwargs: Any) -> None:
        super().__init__(label, widget=GovSelect(), validate_choice=False, **kwargs)
        self.managed = managed
        self.missing = f"Choose {managed.a_value}, or add a new one"
        # A value sent that is not one of the choices offered (`offer_list_choices`).
        self.stray = False
        self.not_listed = f"Choose {managed.a_value} from the list, or add a new one"


def new_list_value(managed: ManagedList) -> StringField:
    """The box for a name not yet in the list, checked for near-duplicates when saved."""
    return text_box(f"Or add a new {managed.singular}",
                    f"Only if it is not in the list. It is added to the list of "
                    f"{managed.title.lower()} when you save.")


def offer_list_choices(form: StaffForm, names_of: Any,
                       saved: dict[str, Any] | None = None) -> None:
    """Fill each list choice of `form` with its list's names (`names_of(managed)`), and
    the record's own `saved` value even if it is not one of them.

    Anything else sent is a stray (a page left open while the list changed, or a request
    made by hand): it is not offered, and `PublishingForm.stray_choices` refuses it rather
    than letting it join the list unasked."""
    for box in form:
        if isinstance(box, ListChoiceField):
            names = list(names_of(box.managed))
            own = (saved or {}).get(box.name)
            if own and own not in names:
                names.append(own)
            box.stray = bool(box.data) and box.data not in names
            box.choices = [SelectChoice("", f"Choose {box.managed.a_value}"),
                           *[SelectChoice(name, name) for name in names]]


# The boxes after the record's own, in the order the page shows them.
LAST_FIELDS = ("change_note", "publish_on", "publish_time")


class PublishingForm(StaffForm):
    """What every record's form has: the note shown when a published record changes."""

    change_note = text_box("What changed")
    publish_on = date_boxes("Publication date", "For example, 1 12 2026")
    publish_time = text_box("Publication time (UK time)", "For example, 09:30")

    def typed(self, names: tuple[str, ...]) -> dict[str, Any]:
        """The boxes' values as the checks read them; a name typed as a new value of a
        list is the value, rather than the one chosen from the list."""
        return {name: self._typed_value(name) for name in names}

    def stray_choices(self) -> dict[str, str]:
        """A problem at each list choice whose value is not in its list, when no new name
        is typed beside it: a new name is only ever added on purpose."""
        return {box.name: box.not_listed for box in self
                if isinstance(box, ListChoiceField) and box.stray
                and not self[f"new_{box.name}"].data}

    def _typed_value(self, name: str) -> Any:
        new = self._fields.get(f"new_{name}")
        if new is not None and new.data:
            return new.data
        return typed_value(self[name])


class DecisionForm(PublishingForm):
    reference = text_box("Reference", "For example, 2025/014")
    title = text_box("Title")
    date = date_boxes("Date of decision", "For example, 5 3 2025")
    decision_maker = ListChoiceField("Decision maker", DECISION_MAKERS)
    new_decision_maker = new_list_value(DECISION_MAKERS)
    category = ListChoiceField("Category", DECISION_CATEGORIES)
    new_category = new_list_value(DECISION_CATEGORIES)
    summary = text_area("Summary", "Markdown: **bold**, lists with -, links like "
                                   "[text](https://…)")
    body = text_area("The decision", "Markdown, with ## for headings")
    financial_implications = text_area("Financial implications")
    amount = text_box("Amount in pounds",
                      "Leave empty if no money is involved. For example, 125000.00")
    exempt = BooleanField("Part of this decision is exempt from publication",
                          widget=GovCheckboxInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in LAST_FIELDS:
            self._fields.move_to_end(name)


class ScrutinyForm(PublishingForm):
    kind = SelectField("Type of scrutiny", widget=GovSelect(), validate_choice=False,
                       choices=[SelectChoice("", "Choose"),
                                *[SelectChoice(kind, kind) for kind in SCRUTINY_KINDS]])
    title = text_box("Title")
    date = date_boxes("Date", "For example, 20 11 2026")
    summary = text_area("Summary", "Markdown")
    body = text_area("The outcome", "Markdown, with ## for headings")


ACTION_PARTS = ("action", "owner", "due", "status")


def _action_row(number: int) -> dict[str, Field]:
    """The boxes of one action, named by its row (`owner_3`), labelled with its number."""
    return {
        f"action_{number}": text_box(f"Action {number}"),
        f"owner_{number}": text_box(f"Owner of action {number}"),
        f"due_{number}": date_boxes(f"Due date of action {number}", "For example, 31 1 2027"),
        f"status_{number}": SelectField(
            f"Status of action {number}", widget=GovSelect(), validate_choice=False,
            default="open", choices=[SelectChoice(status, status.capitalize())
                                     for status in ACTION_STATUSES]),
    }


def scrutiny_form(rows: int, **kwargs: Any) -> ScrutinyForm:
    """The scrutiny form with this many action rows (one class per row count)."""
    fields = {name: field for number in range(1, rows + 1)
              for name, field in _action_row(number).items()}
    form_class = type("ScrutinyFormWithRows", (ScrutinyForm,), fields)
    form: ScrutinyForm = form_class(**kwargs)
    for name in LAST_FIELDS:
        form._fields.move_to_end(name)
    return form


def action_rows(form: ScrutinyForm, rows: int) -> list[dict[str, Any]]:
    """Each row's typed values, as the checks read them."""
    return [{part: typed_value(form[f"{part}_{number}"]) for part in ACTION_PARTS}
            for number in range(1, rows + 1)]


def row_fields(form: ScrutinyForm, number: int) -> list[Field]:
    return [form[f"{part}_{number}"] for part in ACTION_PARTS]


class PolicyVersionForm(PublishingForm):
    """A new policy, or a new version of one: it is published whole, so it has no note of
    what changed (the version before stays readable instead)."""

    title = text_box("Title")
    version = text_box("Version number", "For example, 2.1")
    approved = date_boxes("Date approved", "For example, 20 11 2026")
    review_due = date_boxes("Review due", "Optional. For example, 20 11 2028")
    owner = ListChoiceField("Owner", POLICY_OWNERS)
    new_owner = new_list_value(POLICY_OWNERS)
    summary = text_area("Summary", "Markdown")
    body = text_area("The policy", "Markdown, with ## for headings")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in LAST_FIELDS:
            self._fields.move_to_end(name)


class ExpenseUploadForm(StaffForm):
    expenses = FileField("CSV file of expense lines", widget=GovFileInput())


class ExpensesPublishForm(PublishingForm):
    """Publishing a checked file: the note for lines it changes, and when."""


class ExpenseLineFinder(StaffForm):
    """The reference of the line to correct or withdraw, sent in the address (GET)."""

    reference = text_box("Reference of the expense line",
                         "It is on the line's page, for example EXP-2025-00017")


class ExpenseLineForm(PublishingForm):
    """A correction of one published line: it is public at once, with a note."""

    date = date_boxes("Date", "For example, 27 3 2025")
    claimant = ListChoiceField("Claimant", CLAIMANTS)
    new_claimant = new_list_value(CLAIMANTS)
    category = ListChoiceField("Category", EXPENSE_CATEGORIES)
    new_category = new_list_value(EXPENSE_CATEGORIES)
    description = text_box("Description")
    amount = text_box("Amount in pounds", "For example, 84.20")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in LAST_FIELDS:
            self._fields.move_to_end(name)


class InspectionForm(PublishingForm):
    title = text_box("Title of the report")
    inspection_type = SelectField(
        "Type of inspection", widget=GovSelect(), validate_choice=False,
        choices=[SelectChoice("", "Choose"),
                 *[SelectChoice(kind, kind) for kind in INSPECTION_TYPES]])
    date = date_boxes("Date HMICFRS published the report",
                      "The 56-day clock starts on this day. For example, 20 11 2026")
    report_url = text_box("Link to the report", "On the inspectorate's website, starting "
                                                "https://")
    force_is_subject = BooleanField(
        "The force is a subject of this report (so a response is required)",
        widget=GovCheckboxInput())
    summary = text_area("Summary", "Markdown")
    response_owner_email = text_box(
        "Email address of the response owner",
        "Reminded 21 and 7 days before the response is due. Never shown to the public.")
    pcc_comments = text_area("The Commissioner's comments", "Markdown")
    chief_constable_comments = text_area("The Chief Constable's comments", "Markdown")
    response = text_area("The response", "Markdown")
    response_published_on = date_boxes(
        "Date the comments and response were published",
        "Leave empty until they are published. Every recommendation needs its response "
        "first. For example, 10 1 2027")


def _recommendation_row(number: int) -> dict[str, Field]:
    """The boxes of one recommendation, named by its row (`rec_owner_3`)."""
    return {
        f"rec_label_{number}": text_box(f"Number of recommendation {number}",
                                        "As the report numbers it, for example 1 or AFI 2"),
        f"rec_finding_{number}": SelectField(
            f"Type of recommendation {number}", widget=GovSelect(), validate_choice=False,
            default="recommendation",
            choices=[SelectChoice(kind, kind.capitalize()) for kind in FINDING_KINDS]),
        f"rec_text_{number}": text_area(f"Words of recommendation {number}"),
        f"rec_response_{number}": text_area(
            f"Response to recommendation {number}",
            "What action has been or will be taken, or why none"),
        f"rec_owner_{number}": text_box(f"Action owner of recommendation {number}"),
        f"rec_due_{number}": date_boxes(f"Action due date of recommendation {number}",
                                        "For example, 31 3 2027"),
        f"rec_status_{number}": SelectField(
            f"Status of recommendation {number}", widget=GovSelect(), validate_choice=False,
            default="open", choices=[SelectChoice(status, status.capitalize())
                                     for status in RECOMMENDATION_STATUSES]),
        f"rec_progress_{number}": text_area(
            f"Progress updates on recommendation {number}",
            "One a line, each starting with its date, for example 5/3/2027: Training began"),
        f"rec_closure_evidence_{number}": text_area(
            f"Evidence of closure of recommendation {number}", "When it is closed"),
        f"rec_closed_on_{number}": date_boxes(f"Date recommendation {number} was closed",
                                              "For example, 30 6 2027"),
        f"rec_scrutiny_{number}": text_box(
            f"Scrutiny outcomes where recommendation {number} was discussed",
            "The last part of each outcome's address, separated by spaces"),
    }


def inspection_form(rows: int, **kwargs: Any) -> InspectionForm:
    """The report's form with this many recommendation rows."""
    fields = {name: field for number in range(1, rows + 1)
              for name, field in _recommendation_row(number).items()}
    form_class = type("InspectionFormWithRows", (InspectionForm,), fields)
    form: InspectionForm = form_class(**kwargs)
    for name in LAST_FIELDS:
        form._fields.move_to_end(name)
    return form
