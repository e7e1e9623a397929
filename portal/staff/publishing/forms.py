"""The publishing forms: GOV.UK widgets whose boxes the record kinds' checks fill with
problems (the rules live in `content`, once, not in validators here)."""

from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovSelect,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, Field, SelectChoice, SelectField, StringField, TextAreaField

from content.kinds import DECISION_CATEGORIES, DECISION_MAKERS, ManagedList
from content.models import ACTION_STATUSES, SCRUTINY_KINDS


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def text_box(label: str, hint: str = "") -> StringField:
    return StringField(label, widget=GovTextInput(), description=hint, filters=[_stripped])


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


def new_list_value(managed: ManagedList) -> StringField:
    """The box for a name not yet in the list, checked for near-duplicates when saved."""
    return text_box(f"Or add a new {managed.singular}",
                    f"Only if it is not in the list. It is added to the list of "
                    f"{managed.title.lower()} when you save.")


def offer_list_choices(form: FlaskForm, names_of: Any) -> None:
    """Fill each list choice of `form` with its list's names (`names_of(managed)`), keeping
    a value chosen earlier even if it has left the list since."""
    for box in form:
        if isinstance(box, ListChoiceField):
            names = list(names_of(box.managed))
            if box.data and box.data not in names:
                names.append(box.data)
            box.choices = [SelectChoice("", f"Choose {box.managed.a_value}"),
                           *[SelectChoice(name, name) for name in names]]


# The boxes after the record's own, in the order the page shows them.
LAST_FIELDS = ("change_note", "publish_on", "publish_time")


class PublishingForm(FlaskForm):
    """What every record's form has: the note shown when a published record changes."""

    change_note = text_box("What changed")
    publish_on = text_box("Publication date", "For example, 1/12/2026")
    publish_time = text_box("Publication time (UK time)", "For example, 09:30")

    def typed(self, names: tuple[str, ...]) -> dict[str, Any]:
        """The boxes' values as the checks read them; a name typed as a new value of a
        list is the value, rather than the one chosen from the list."""
        return {name: self._typed_value(name) for name in names}

    def _typed_value(self, name: str) -> Any:
        new = self._fields.get(f"new_{name}")
        if new is not None and new.data:
            return new.data
        return self[name].data if self[name].data is not None else ""


class DecisionForm(PublishingForm):
    reference = text_box("Reference", "For example, 2025/014")
    title = text_box("Title")
    date = text_box("Date of decision", "For example, 2025-03-05 or 5/3/2025")
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
    date = text_box("Date", "For example, 2026-11-20 or 20/11/2026")
    summary = text_area("Summary", "Markdown")
    body = text_area("The outcome", "Markdown, with ## for headings")


ACTION_PARTS = ("action", "owner", "due", "status")


def _action_row(number: int) -> dict[str, Field]:
    """The boxes of one action, named by its row (`owner_3`), labelled with its number."""
    return {
        f"action_{number}": text_box(f"Action {number}"),
        f"owner_{number}": text_box(f"Owner of action {number}"),
        f"due_{number}": text_box(f"Due date of action {number}", "For example, 31/1/2027"),
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
    return [{part: form[f"{part}_{number}"].data or "" for part in ACTION_PARTS}
            for number in range(1, rows + 1)]


def row_fields(form: ScrutinyForm, number: int) -> list[Field]:
    return [form[f"{part}_{number}"] for part in ACTION_PARTS]
