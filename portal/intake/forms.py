"""The questions, one form per page, with errors in the GOV.UK Design System's wording."""

import re
from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovRadioInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    DateField,
    EmailField,
    Field,
    RadioField,
    SelectMultipleField,
    StringField,
    TelField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, Length, Optional

# The WTForms stubs do not know SelectChoice yet (new in WTForms 3.2).
from wtforms import SelectChoice  # type: ignore[attr-defined]  # isort: skip

from content.dates import uk_today
from portal.forms import DateInput

LONG_ANSWER = 20_000
SHORT_ANSWER = 500
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[\d\s()\-]{10,20}$")


def options(pairs: list[tuple[str, str]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def question_name(label: str) -> str:
    """"When did it happen? (optional)" → "When did it happen", to start an error message."""
    return label.removesuffix(" (optional)").rstrip("?")


class Required(DataRequired):
    """An answer is needed (spaces alone are not an answer). Without the `required`
    attribute: the Design System asks services to check answers on the server and show
    its own error messages, not the browser's."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message)
        self.field_flags: dict[str, bool] = {}


def required(message: str) -> DataRequired:
    return Required(message)


def long_text(label: str, message: str | None = None, hint: str = "") -> TextAreaField:
    validators: list[Any] = [required(message)] if message else [Optional()]
    validators.append(Length(max=LONG_ANSWER, message=f"{question_name(label)} must be "
                                                      f"{LONG_ANSWER:,} characters or fewer"))
    return TextAreaField(label, validators=validators, description=hint,
                         widget=GovCharacterCount())


class UKDateField(DateField):
    """Day, month and year boxes, with the Design System's error messages.

    Give `missing` (the message when all three boxes are empty) to make the date required.
    """

    def __init__(self, label: str, missing: str | None = None, noun: str = "The date",
                 **kwargs: Any) -> None:
        super().__init__(label, format="%d %m %Y", widget=DateInput(), **kwargs)
        self.missing = missing
        self.noun = noun

    def process_formdata(self, valuelist: list[str]) -> None:
        parts = [str(part).strip() for part in valuelist][:3]
        parts += [""] * (3 - len(parts))
        self.raw_data = parts
        self.data = None
        if not any(parts):
            return
        name = self.noun
        if not all(parts):
            raise ValueError(f"{name} must include a day, month and year")
        if not all(part.isdigit() for part in parts):
            raise ValueError(f"{name} must be a real date")
        if len(parts[2]) != 4:
            raise ValueError("Enter a year with 4 numbers, like 2025")
        try:
            self.data = date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            raise ValueError(f"{name} must be a real date") from None

    def pre_validate(self, form: Any) -> None:
        if self.missing and self.data is None and not self.process_errors:
            raise ValidationError(self.missing)


def not_in_future(form: Any, field: "UKDateField") -> None:
    if field.data and field.data > uk_today():
        raise ValidationError(f"{field.noun} must be today or in the past")


# Complaints

class ComplaintAboutForm(FlaskForm):
    about = RadioField(
        "What is your complaint about?", widget=GovRadioInput(),
        choices=options([("officer", "A police officer or member of police staff"),
                 ("service", "The police service, a policy or a procedure"),
                 ("chief_constable", "The Chief Constable"),
                 ("commissioner", "The Police and Crime Commissioner or the Deputy Commissioner"),
                 ("other", "Something else")]),
        validators=[required("Select what your complaint is about")])


class ComplainantForm(FlaskForm):
    complainant = RadioField(
        "Who is making this complaint?", widget=GovRadioInput(),
        choices=options([("affected", "I am the person it happened to"),
                 ("witness", "I saw what happened"),
                 ("on_behalf", "I am complaining for someone else")]),
        validators=[required("Select who is making this complaint")])


class ConsentForm(FlaskForm):
    affected_person = StringField(
        "What is the name of the person you are complaining for?", widget=GovTextInput(),
        validators=[required("Enter the name of the person you are complaining for"),
                    Length(max=SHORT_ANSWER)])
    consent = RadioField(
        "Do you have their written permission?", widget=GovRadioInput(),
        choices=options([("yes", "Yes, I can send it"), ("not_yet", "Not yet")]),
        validators=[required("Select whether you have their written permission")])


class WhenForm(FlaskForm):
    when_known = RadioField(
        "Do you know when it happened?", widget=GovRadioInput(),
        description="If it happened more than once, think about when it started.",
        choices=options([("exact", "Yes, I know the date"),
                         ("approximate", "I know roughly when"),
                         ("unknown", "No, I do not know")]),
        validators=[required("Select whether you know when it happened")])


class WhenDateForm(FlaskForm):
    happened_on = UKDateField("What date did it happen?", "Enter the date it happened",
                              noun="The date it happened", validators=[not_in_future],
                              description="For example, 27 3 2025")


class WhenRoughlyForm(FlaskForm):
    happened_roughly = StringField(
        "Roughly when did it happen?", widget=GovTextInput(),
        description="For example, early March 2025 or last summer",
        validators=[required("Enter roughly when it happened"), Length(max=SHORT_ANSWER)])


class WhatHappenedForm(FlaskForm):
    what_happened = long_text(
        "What happened?", "Enter what happened",
        "Tell us in your own words. Include anything you think is important.")
    where = StringField("Where did it happen?", widget=GovTextInput(),
                        description="For example, the street, town or police station. "
                                    "Leave this empty if you do not know.",
                        validators=[Optional(), Length(max=SHORT_ANSWER)])
    people_involved = long_text(
        "Who was involved? (optional)",
        hint="Names, or collar numbers of officers, if you know them")


class PutRightForm(FlaskForm):
    put_right = long_text("What would put things right for you? (optional)",
                          hint="For example, an apology, an explanation, or a change to how "
                               "things are done")


class ContactForm(FlaskForm):
    full_name = StringField("Full name", widget=GovTextInput(),
                            validators=[Length(max=SHORT_ANSWER)])
    email = EmailField("Email address (optional)", widget=GovTextInput(),
                       description="We will send you a copy of your reference number",
                       validators=[Optional(), Length(max=320)])
    phone = TelField("Telephone number (optional)", widget=GovTextInput(),
                     description="For international numbers include the country code",
                     validators=[Optional(), Length(max=30)])
    address = TextAreaField("Postal address (optional)", widget=GovTextArea(),
                            validators=[Optional(), Length(max=SHORT_ANSWER)])
    preferred_contact = RadioField(
        "How would you like us to contact you?", widget=GovRadioInput(),
        choices=options([("email", "Email"), ("phone", "Telephone"), ("post", "Post")]),
        validate_choice=False)
    contact_times = StringField("Best times to contact you (optional)", widget=GovTextInput(),
                                description="For example, weekday mornings",
                                validators=[Optional(), Length(max=SHORT_ANSWER)])

    name_required = True

    def validate_full_name(self, field: Field) -> None:
        if self.name_required and not (field.data or "").strip():
            raise ValidationError("Enter your full name")

    def validate_email(self, field: Field) -> None:
        if field.data and not EMAIL.match(field.data.strip()):
            raise ValidationError("Enter an email address in the correct format, "
                                  "like name@example.com")

    def validate_phone(self, field: Field) -> None:
        if field.data and not PHONE.match(field.data.strip()):
            raise ValidationError("Enter a telephone number, like 01632 960 001, "
                                  "07700 900 982 or +44 808 157 0192")

    def validate_preferred_contact(self, field: Field) -> None:
        given = {"email": self.email.data, "phone": self.phone.data, "post": self.address.data}
        if self.name_required and not any((value or "").strip() for value in given.values()):
            raise ValidationError("Enter at least one way to contact you: an email address, "
                                  "a telephone number or a postal address")
        if field.data and field.data not in given:
            raise ValidationError("Select how you would like us to contact you")
        if field.data and not (given.get(field.data) or "").strip():
            method = {"email": "an email address", "phone": "a telephone number",
                      "post": "a postal address"}[field.data]
            raise ValidationError(f"Enter {method}, or choose another way to contact you")
        if self.name_required and not field.data:
            raise ValidationError("Select how you would like us to contact you")


class OptionalContactForm(ContactForm):
    """For compliments, which may be anonymous."""

    name_required = False
    full_name = StringField("Full name (optional)", widget=GovTextInput(),
                            validators=[Optional(), Length(max=SHORT_ANSWER)])


SUPPORT_CHOICES = [
    ("interpreter", "An interpreter or translation"),
    ("bsl", "A British Sign Language (BSL) interpreter"),
    ("large_print", "Letters in large print"),
    ("easy_read", "Information in Easy Read"),
    ("home_visit", "A visit at home"),
    ("helper", "Someone to help me, such as a friend or an advocate"),
]


class SupportForm(FlaskForm):
    support = SelectMultipleField(
        "Do you need any support or changes to help you? (optional)",
        widget=GovCheckboxesInput(), choices=options(SUPPORT_CHOICES), validators=[Optional()],
        description="Select all that apply")
    support_details = long_text(
        "Tell us more about what would help (optional)",
        hint="For example, the language you would like, or the best way to reach you")


class ShareForm(FlaskForm):
    share_with_psd = RadioField(
        "Can we share your complaint with the force's Professional Standards Department?",
        widget=GovRadioInput(), choices=options([("yes", "Yes"), ("no", "No")]),
        description="They deal with complaints about officers and staff. If you say no, "
                    "we will contact you to talk about what we can do.",
        validators=[required("Select yes if we can share your complaint")])


PREFER_NOT = ("prefer_not_to_say", "Prefer not to say")


class EqualityForm(FlaskForm):
    age_group = RadioField("What is your age?", widget=GovRadioInput(), validators=[Optional()],
                           choices=options([("under_18", "Under 18"), ("18_24", "18 to 24"),
                                    ("25_44", "25 to 44"), ("45_64", "45 to 64"),
                                    ("65_over", "65 or over"), PREFER_NOT]))
    sex = RadioField("What is your sex?", widget=GovRadioInput(), validators=[Optional()],
                     choices=options([("female", "Female"), ("male", "Male"), PREFER_NOT]))
    disability = RadioField(
        "Do you have a physical or mental health condition or illness lasting or expected "
        "to last 12 months or more?", widget=GovRadioInput(), validators=[Optional()],
        choices=options([("yes", "Yes"), ("no", "No"), PREFER_NOT]))
    ethnicity = RadioField(
        "What is your ethnic group?", widget=GovRadioInput(), validators=[Optional()],
        choices=options([("asian", "Asian or Asian British"),
                 ("black", "Black, Black British, Caribbean or African"),
                 ("mixed", "Mixed or multiple ethnic groups"), ("white", "White"),
                 ("other", "Another ethnic group"), PREFER_NOT]))
    religion = RadioField(
        "What is your religion?", widget=GovRadioInput(), validators=[Optional()],
        choices=options([("none", "No religion"), ("christian", "Christian"),
                         ("buddhist", "Buddhist"), ("hindu", "Hindu"), ("jewish", "Jewish"),
                         ("muslim", "Muslim"), ("sikh", "Sikh"), ("other", "Another religion"),
                         PREFER_NOT]))
    sexual_orientation = RadioField(
        "Which of the following best describes your sexual orientation?",
        widget=GovRadioInput(), validators=[Optional()],
        choices=options([("straight", "Straight or heterosexual"),
                         ("gay_lesbian", "Gay or lesbian"), ("bisexual", "Bisexual"),
                         ("other", "Another sexual orientation"), PREFER_NOT]))


# Compliments

class ComplimentWhoForm(FlaskForm):
    officer = StringField("Name or collar number (optional)", widget=GovTextInput(),
                          validators=[Optional(), Length(max=SHORT_ANSWER)])
    team = StringField("Team (optional)", widget=GovTextInput(),
                       validators=[Optional(), Length(max=SHORT_ANSWER)])
    station = StringField("Police station or place (optional)", widget=GovTextInput(),
                          validators=[Length(max=SHORT_ANSWER)])

    def validate_station(self, field: Field) -> None:
        if not any((value or "").strip() for value in
                   (self.officer.data, self.team.data, field.data)):
            raise ValidationError("Enter a name, collar number, team or place, so we know "
                                  "who to thank")


class ComplimentWhatForm(FlaskForm):
    what_they_did = long_text("What did they do?", "Enter what they did")


class ComplimentWhenForm(FlaskForm):
    compliment_on = UKDateField("When did it happen? (optional)", noun="The date it happened",
                                validators=[not_in_future],
                                description="For example, 27 3 2025. Leave this empty if you "
                                            "are not sure.")


# Reviews

class ReviewReferenceForm(FlaskForm):
    complaint_reference = StringField(
        "What is the reference on your outcome letter?", widget=GovTextInput(),
        description="It may be called a complaint reference or a force reference. "
                    "Leave this empty if you cannot find one.",
        validators=[Optional(), Length(max=100)])


class ReviewLetterForm(FlaskForm):
    letter_date = UKDateField("What is the date on your outcome letter?",
                              "Enter the date on your outcome letter",
                              noun="The date on your outcome letter",
                              validators=[not_in_future],
                              description="For example, 27 3 2025")


class ReviewHandlerForm(FlaskForm):
    handled_by = RadioField(
        "Who dealt with your complaint?", widget=GovRadioInput(),
        choices=options([("force", "The police force's Professional Standards Department"),
                 ("opcc", "The Office of the Police and Crime Commissioner"),
                 ("not_sure", "I am not sure")]),
        validators=[required("Select who dealt with your complaint")])


class ReviewReasonForm(FlaskForm):
    review_reason = long_text(
        "Why do you think the outcome is not reasonable and proportionate?",
        "Enter why you think the outcome is not reasonable and proportionate",
        "Tell us what you think was wrong with how your complaint was handled or with the "
        "outcome, and what you would like to happen")
