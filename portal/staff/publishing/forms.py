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
from wtforms import (
    BooleanField,
    Field,
    SelectField,
    StringField,
    TextAreaField,
)

# The WTForms stubs do not know SelectChoice yet (new in WTForms 3.2).
from content.kinds import (
    CLAIMANTS,
    DECISION_CATEGORIES,
    DECISION_MAKERS,
    EXPENSE_CATEGORIES,
    GRANT_FUNDS,
    MEETING_BODIES,
    POLICY_OWNERS,
    PROCUREMENT_ROUTES,
    SPENDING_CATEGORIES,
    ManagedList,
)
from content.models import (
    ACTION_STATUSES,
    CONTRACT_PARTIES,
    EXEMPTION_GROUNDS,
    FINDING_KINDS,
    GIFT_KINDS,
    GIFT_OUTCOMES,
    INSPECTION_TYPES,
    INTEREST_CATEGORIES,
    MINUTES_STATUSES,
    OFFICE_HOLDERS,
    RECIPIENT_TYPES,
    RECOMMENDATION_STATUSES,
    SCRUTINY_KINDS,
    VALUE_ROUTES,
)

# The WTForms stubs do not know SelectChoice yet (new in WTForms 3.2).
from wtforms import SelectChoice  # type: ignore[attr-defined]  # isort: skip

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
    reasons = text_area("Reasons for the decision", "Markdown")
    options_considered = text_area("Options considered", "Markdown: a list with - works well")
    declarations_of_interest = text_area(
        "Declarations of interest", "Any interest the decision maker declared, or that there "
                                    "was none. Markdown")
    finance_officer_advice = text_area("Advice of the Chief Finance Officer", "Markdown")
    monitoring_officer_advice = text_area("Advice of the Monitoring Officer", "Markdown")
    exempt = BooleanField("Part of this decision is exempt from publication",
                          widget=GovCheckboxInput())
    meeting = SelectField("Meeting it was taken at", widget=GovSelect(), validate_choice=False,
                          description="Leave as it is if it was not taken at a meeting")
    meeting_item = text_box("Agenda item number", "Optional. For example, 3")
    exemption_ground = SelectField(
        "Why part of it is withheld", widget=GovSelect(), validate_choice=False,
        description="Only for a decision part of which is exempt from publication",
        choices=[SelectChoice("", "Choose the ground"),
                 *[SelectChoice(ground, ground) for ground in EXEMPTION_GROUNDS]])
    withheld = text_area("What is withheld", "Only for a decision part of which is exempt. "
                                             "Describe what is withheld, without revealing "
                                             "it. Markdown")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in LAST_FIELDS:
            self._fields.move_to_end(name)


class SpendingForm(PublishingForm):
    reference = text_box("Transaction reference", "As the finance system records it, for "
                                                  "example FP-2026-118204")
    date = date_boxes("Date of the payment", "For example, 14 11 2026")
    body = SelectField("Spent by", widget=GovSelect(), validate_choice=False,
                       choices=[SelectChoice("", "Choose who spent it"),
                                SelectChoice("OPCC", "The Commissioner's office (OPCC)"),
                                SelectChoice("Force", "The police force")])
    supplier = text_box("Supplier")
    purpose = text_box("What it was for")
    category = ListChoiceField("Category", SPENDING_CATEGORIES)
    new_category = new_list_value(SPENDING_CATEGORIES)
    amount = text_box("Amount in pounds", "For example, 1250.00")
    value_for_money = SelectField(
        "How value for money was obtained", widget=GovSelect(), validate_choice=False,
        choices=[SelectChoice("", "Choose how"),
                 *[SelectChoice(route, route) for route in VALUE_ROUTES]])
    value_for_money_reason = text_area(
        "Why this gave value for money", "Needed for a single source: say why no other "
                                         "supplier could be used")

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
    meeting = SelectField("Meeting it came from", widget=GovSelect(), validate_choice=False,
                          description="Leave as it is if it did not come from a meeting")
    meeting_item = text_box("Agenda item number", "Optional. For example, 3")


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


def offer_meetings(form: StaffForm, meetings: list[tuple[str, str]]) -> None:
    """The meetings a record can be linked to, as (slug, words) pairs, latest first."""
    form["meeting"].choices = [SelectChoice("", "Not taken at a meeting"),
                               *[SelectChoice(slug, words) for slug, words in meetings]]


MINUTES_CHOICES = {"none": "No minutes yet", "draft": "Draft minutes",
                   "approved": "Approved minutes"}


class MeetingForm(PublishingForm):
    body = ListChoiceField("Board, committee or panel", MEETING_BODIES)
    new_body = new_list_value(MEETING_BODIES)
    title = text_box("Title", "For example, Accountability board: December 2026")
    date = date_boxes("Date of the meeting", "For example, 8 12 2026")
    start_time = text_box("Start time (UK time)", "On the 24-hour clock, for example 10:00")
    place = text_box("Place", "For example, Council Chamber, Ashbridge Town Hall. Leave empty "
                              "if the meeting is online only")
    online_link = text_box("Link to join or watch online", "Optional. It must start https://")
    public = BooleanField("This meeting is held in public", widget=GovCheckboxInput(),
                          description="Untick for a meeting held in private whose minutes "
                                      "are published because matters of significant public "
                                      "interest were discussed")
    summary = text_area("About the meeting", "Optional. Markdown")
    minutes_status = SelectField("Minutes", widget=GovSelect(), validate_choice=False,
                                 default="none",
                                 choices=[SelectChoice(status, MINUTES_CHOICES[status])
                                          for status in MINUTES_STATUSES])
    minutes_approved_on = date_boxes("Date the minutes were approved",
                                     "Only for approved minutes. For example, 12 1 2027")
    minutes = text_area("The minutes", "Markdown, with ## for headings. Or publish them as a "
                                       "PDF document below")


AGENDA_PARTS = ("title", "presenter", "report")


def _agenda_row(number: int) -> dict[str, Field]:
    """The boxes of one agenda item, named by its row (`item_title_3`)."""
    return {
        f"item_title_{number}": text_box(f"Title of item {number}"),
        f"item_presenter_{number}": text_box(f"Presenter of item {number}"),
        f"item_report_{number}": text_box(
            f"Report for item {number}",
            "The file name of its PDF, added under Documents, for example item-3-report.pdf"),
    }


def meeting_form(rows: int, **kwargs: Any) -> MeetingForm:
    """The meeting form with this many agenda rows (one class per row count)."""
    fields = {name: field for number in range(1, rows + 1)
              for name, field in _agenda_row(number).items()}
    form_class = type("MeetingFormWithRows", (MeetingForm,), fields)
    form: MeetingForm = form_class(**kwargs)
    for name in LAST_FIELDS:
        form._fields.move_to_end(name)
    return form


def agenda_rows(form: MeetingForm, rows: int) -> list[dict[str, Any]]:
    return [{part: typed_value(form[f"item_{part}_{number}"]) for part in AGENDA_PARTS}
            for number in range(1, rows + 1)]


def agenda_row_fields(form: MeetingForm, number: int) -> list[Field]:
    return [form[f"item_{part}_{number}"] for part in AGENDA_PARTS]


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


class PostForm(PublishingForm):
    title = text_box("Job title", "For example, Chief Finance Officer")
    office_holder = BooleanField(
        "This is the Police and Crime Commissioner or the Deputy (an office holder)",
        widget=GovCheckboxInput())
    holder_name = text_box("Name of the person in the post", "Leave empty if it is vacant")
    name_withheld = BooleanField(
        "They did not agree to their name being published",
        widget=GovCheckboxInput(),
        description="Staff will still see the name here. Office holders' names are always "
                    "published.")
    correspondence_address = text_box("Address for correspondence",
                                      "Office holders only. For example, OPCC, 1 Castle "
                                      "Street, Fernbridge FE1 1AA")
    responsibilities = text_area("Responsibilities", "Markdown, with - for lists")
    salary = text_box("Salary in pounds a year",
                      "Or the bottom of the salary band. For example, 98500.00")
    salary_band_top = text_box("Top of the salary band in pounds",
                               "Only if the salary is published as a band")
    reports_to = SelectField("Reports to", widget=GovSelect(), validate_choice=False,
                             description="The post this one reports to, for the "
                                         "organisation chart")
    date = date_boxes("Details correct on", "For example, 1 4 2026")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in LAST_FIELDS:
            self._fields.move_to_end(name)


class StaffCountForm(PublishingForm):
    as_at = date_boxes("Counted on", "For example, 31 3 2026")
    headcount = text_box("Number of people employed", "Do not count the Deputy Commissioner")
    full_time_equivalent = text_box("Full-time equivalent", "For example, 31.6")
    women_percent = text_box("Women, per cent of staff", "For example, 61.8")
    sex_not_known_percent = text_box("Sex not known or preferred not to say, per cent")
    ethnic_minority_percent = text_box("From ethnic minorities, per cent of staff")
    ethnicity_not_known_percent = text_box(
        "Ethnicity not known or preferred not to say, per cent")
    disabled_percent = text_box("Disabled, per cent of staff")
    disability_not_known_percent = text_box(
        "Disability not known or preferred not to say, per cent")
    notes = text_area("Notes", "Optional. Markdown")

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
    amount = text_box("Amount reimbursed in pounds", "For example, 84.20")
    amount_claimed = text_box("Amount claimed in pounds",
                              "Leave empty if it was reimbursed in full")
    not_reimbursed_reason = text_box("Why part of the claim was not reimbursed",
                                     "Only if the amount claimed is more than the amount "
                                     "reimbursed")
    claim_reference = text_box("Claim reference", "Optional. For example, PCC/2025-04")
    claim_month = text_box("Month of claim", "Optional. Year and month, for example 2025-04")
    origin = text_box("From", "For travel. Optional")
    destination = text_box("To", "For travel or accommodation. Optional")
    travel_mode = text_box("How they travelled", "For travel. Optional. For example, Rail")
    travel_class = text_box("Class of travel", "For travel. Optional. For example, Standard")
    mileage = text_box("Mileage", "For travel by car. Optional. Whole miles, for example 42")
    nights = text_box("Nights", "For accommodation. Optional. For example, 2")
    accommodation = text_box("Kind of accommodation",
                             "For accommodation. Optional. For example, Hotel, bed and "
                             "breakfast")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in LAST_FIELDS:
            self._fields.move_to_end(name)


class _LastBoxesLast(PublishingForm):
    """A kind's form whose own boxes come first, then the note and the publication time."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in LAST_FIELDS:
            self._fields.move_to_end(name)


MARKDOWN_HINT = "Markdown: **bold**, lists with -, links like [text](https://…)"


class GrantForm(_LastBoxesLast):
    reference = text_box("Reference", "Optional: one is made up if you leave it empty. "
                                      "For example, GR-2026-014")
    recipient = text_box("Recipient", "The organisation given the grant")
    purpose = text_box("What the grant is for", "One line, for example “Town centre "
                                                "night-time wardens”")
    amount = text_box("Amount in pounds", "For example, 12500.00")
    date = date_boxes("Date awarded", "For example, 5 3 2026")
    fund = ListChoiceField("Fund or scheme", GRANT_FUNDS)
    new_fund = new_list_value(GRANT_FUNDS)
    crime_reduction = text_area("How it will help reduce crime and disorder", MARKDOWN_HINT)
    conditions = text_area("Conditions of the grant", MARKDOWN_HINT)
    decision_reference = text_box("Reference of the decision that approved it",
                                  "For example, 2026/014. It must be a decision on this site.")


class ContractForm(_LastBoxesLast):
    reference = text_box("Reference", "For example, C-2026-014")
    title = text_box("Title")
    supplier = text_box("Supplier")
    parties = SelectField("Signed by", widget=GovSelect(), validate_choice=False,
                          choices=[SelectChoice("", "Choose"),
                                   *[SelectChoice(party, party) for party in CONTRACT_PARTIES]])
    other_parties = text_box("Any other parties", "Besides the supplier. Separate names "
                                                  "with a semicolon (;)")
    purpose = text_area("Purpose", MARKDOWN_HINT)
    value = text_box("Value in pounds", "The whole value of the contract, for example "
                                        "48000.00")
    start_date = date_boxes("Start date", "For example, 1 4 2026")
    end_date = date_boxes("End date", "Optional. For example, 31 3 2028")
    procurement_route = ListChoiceField("How the supplier was chosen", PROCUREMENT_ROUTES)
    new_procurement_route = new_list_value(PROCUREMENT_ROUTES)
    tender_reference = text_box("Reference of the invitation to tender",
                                "Optional. It must be an invitation to tender on this site.")
    decision_reference = text_box("Reference of the decision",
                                  "Optional. For example, 2026/014. It must be a decision on "
                                  "this site.")


class TenderForm(_LastBoxesLast):
    reference = text_box("Reference", "For example, T-2026-003")
    title = text_box("Title")
    description = text_area("What the contract is for", MARKDOWN_HINT)
    estimated_value = text_box("Estimated value in pounds", "For example, 250000.00")
    issued_on = date_boxes("Date issued", "For example, 2 11 2026")
    closing_date = date_boxes("Closing date", "The last day bids are accepted, for example "
                                              "30 11 2026")
    how_to_respond = text_area("How to respond", MARKDOWN_HINT)


def choice_of(label: str, choices: tuple[str, ...], hint: str = "") -> SelectField:
    return SelectField(label, widget=GovSelect(), validate_choice=False, description=hint,
                       choices=[SelectChoice("", "Choose"),
                                *[SelectChoice(choice, choice) for choice in choices]])


class _LastFieldsLast(PublishingForm):
    """A record's own boxes, then the ones every record has; `missing` says how to ask for
    a box left empty where "Enter the <label>" would not read well."""

    missing: dict[str, str] = {}  # noqa: RUF012

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in LAST_FIELDS:
            self._fields.move_to_end(name)
        for name, words in self.missing.items():
            self[name].missing = words


class GiftForm(_LastFieldsLast):
    reference = text_box("Register reference", "For example, GH-2026-014")
    date = date_boxes("Date offered", "For example, 12 6 2026")
    recipient_type = choice_of("Offered to", RECIPIENT_TYPES)
    recipient_name = text_box("Name of the office holder",
                              "Only for the Commissioner or the Deputy. Leave it empty for a "
                              "member of staff: staff are never named in the register.")
    recipient_role = text_box("Role of the member of staff",
                              "Only for a member of staff. For example, Chief Executive")
    offered_by = text_box("Offered by", "The person or organisation that made the offer")
    description = text_box("What was offered")
    kind = choice_of("Gift or hospitality", GIFT_KINDS)
    value = text_box("Estimated value in pounds", "For example, 45.00")
    outcome = choice_of("Accepted or declined", GIFT_OUTCOMES)
    reason = text_area("Why it was accepted or declined")

    missing = {"recipient_type": "Choose who it was offered to",  # noqa: RUF012
               "offered_by": "Enter who made the offer",
               "description": "Enter what was offered",
               "kind": "Choose whether it was a gift or hospitality",
               "value": "Enter the estimated value",
               "outcome": "Choose whether it was accepted or declined"}


class InterestForm(_LastFieldsLast):
    holder_name = text_box("Name of the office holder", "For example, Helen Marwood")
    office = choice_of("Office", OFFICE_HOLDERS)
    category = choice_of("Kind of interest", INTEREST_CATEGORIES)
    description = text_area("The interest, as declared")
    declared_on = date_boxes("Date declared", "For example, 20 5 2024")
    ended_on = date_boxes("Date it ended", "Leave empty while the interest continues")

    missing = {"office": "Choose the office",  # noqa: RUF012
               "category": "Choose the kind of interest",
               "description": "Enter the interest, as it was declared"}


class BudgetForm(_LastFieldsLast):
    financial_year = text_box("Financial year", "For example, 2026-27")
    total_budget = text_box("Total budget in pounds", "For example, 251400000.00")
    band_d_precept = text_box("Police precept for a Band D home, in pounds",
                              "For example, 285.36")
    total_precept = text_box("Total precept in pounds",
                             "All the precept collected through council tax")
    approved_on = date_boxes("Date approved", "For example, 14 2 2026")
    decision_reference = text_box("Reference of the decision that set it",
                                  "Optional. For example, 2026/021")
    summary = text_area("Summary", "Markdown")


# A budget's rows: each section's name box and amount box, by section.
BUDGET_ROW_PARTS = {"income": ("source", "Source of income"),
                    "spending": ("heading", "Spending heading")}


def _budget_row(section: str, number: int) -> dict[str, Field]:
    name, label = BUDGET_ROW_PARTS[section]
    return {f"{section}_{name}_{number}": text_box(f"{label} {number}"),
            f"{section}_amount_{number}": text_box(f"Amount of {label.lower()} {number}, "
                                                   "in pounds")}


def budget_form(rows: dict[str, int], **kwargs: Any) -> BudgetForm:
    """The budget form with this many rows of income and of spending."""
    fields = {name: field for section, count in rows.items()
              for number in range(1, count + 1)
              for name, field in _budget_row(section, number).items()}
    form_class = type("BudgetFormWithRows", (BudgetForm,), fields)
    form: BudgetForm = form_class(**kwargs)
    return form


def budget_row_fields(form: PublishingForm, section: str) -> list[list[Field]]:
    """Each row of one section of a budget form, as its two boxes."""
    name = BUDGET_ROW_PARTS[section][0]
    boxes = []
    number = 1
    while f"{section}_{name}_{number}" in form:
        boxes.append([form[f"{section}_{name}_{number}"], form[f"{section}_amount_{number}"]])
        number += 1
    return boxes


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
