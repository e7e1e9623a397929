"""The three journeys as pages in order, with the rule for which page comes next.

A page's answers are stored under its fields' names; `_done` lists the pages answered.
The path through a journey is recomputed from the answers every time, so changing an
answer on the check page sends the person only to the questions that change brings in.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_wtf import FlaskForm

from content.dates import uk_today
from portal.intake import forms
from portal.intake.rules import is_outside_complaint_time_limit, review_deadline

CHECK = "check"
Answers = dict[str, Any]


class InformationForm(FlaskForm):
    """A page with something to read and a Continue button."""


@dataclass(frozen=True)
class Page:
    slug: str
    form: type[FlaskForm]
    title: str
    next: Callable[[Answers], str]
    template: str = "intake/question.html"
    # The one question whose label is the page heading; None when the page has several.
    heading_field: str | None = None
    optional: bool = False
    shows_in_summary: bool = True


@dataclass(frozen=True)
class Flow:
    kind: str
    name: str
    pages: list[Page] = field(default_factory=list)

    def page(self, slug: str) -> Page | None:
        return next((page for page in self.pages if page.slug == slug), None)

    @property
    def first(self) -> str:
        return self.pages[0].slug

    def path(self, answers: Answers) -> tuple[list[str], bool]:
        """The pages this person goes through, as far as they have answered, and whether
        every one of them is answered (so the check page can be shown)."""
        done = set(answers.get("_done", []))
        slug, path = self.first, []
        while slug != CHECK and slug not in path:
            path.append(slug)
            page = self.page(slug)
            if slug not in done or page is None:
                return path, False
            slug = page.next(answers)
        return path, slug == CHECK


def parse_day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def goes(slug: str) -> Callable[[Answers], str]:
    return lambda _answers: slug


def _after_about(answers: Answers) -> str:
    return "police-and-crime-panel" if answers.get("about") == "commissioner" else "who"


def _after_complainant(answers: Answers) -> str:
    return "permission" if answers.get("complainant") == "on_behalf" else "when"


def _after_when(answers: Answers) -> str:
    return {"exact": "when-date", "approximate": "when-roughly"}.get(
        answers.get("when_known", ""), "what-happened")


def _after_when_date(answers: Answers) -> str:
    day = parse_day(answers.get("happened_on"))
    if day and is_outside_complaint_time_limit(day, uk_today()):
        return "time-limit"
    return "what-happened"


def _after_letter(answers: Answers) -> str:
    return "deadline"


COMPLAINT = Flow("complaint", "Make a complaint", [
    Page("about", forms.ComplaintAboutForm, "What is your complaint about?", _after_about,
         heading_field="about"),
    Page("police-and-crime-panel", InformationForm,
         "Complaints about the Commissioner or Deputy Commissioner", goes(CHECK),
         template="intake/panel.html", shows_in_summary=False),
    Page("who", forms.ComplainantForm, "Who is making this complaint?", _after_complainant,
         heading_field="complainant"),
    Page("permission", forms.ConsentForm, "Complaining for someone else", goes("when")),
    Page("when", forms.WhenForm, "Do you know when it happened?", _after_when,
         heading_field="when_known"),
    Page("when-date", forms.WhenDateForm, "What date did it happen?", _after_when_date,
         heading_field="happened_on"),
    Page("when-roughly", forms.WhenRoughlyForm, "Roughly when did it happen?",
         goes("what-happened"), heading_field="happened_roughly"),
    Page("time-limit", InformationForm, "This happened more than 12 months ago",
         goes("what-happened"), template="intake/time_limit.html", shows_in_summary=False),
    Page("what-happened", forms.WhatHappenedForm, "What happened", goes("put-right")),
    Page("put-right", forms.PutRightForm, "What would put things right for you?",
         goes("contact"), heading_field="put_right", optional=True),
    Page("contact", forms.ContactForm, "Your contact details", goes("support")),
    Page("support", forms.SupportForm, "Support and changes to help you", goes("evidence"),
         optional=True),
    Page("evidence", InformationForm, "Upload evidence (optional)", goes("share"),
         template="intake/evidence.html", optional=True),
    Page("share", forms.ShareForm, "Sharing your complaint", goes("equality"),
         heading_field="share_with_psd"),
    Page("equality", forms.EqualityForm, "Equality monitoring (optional)", goes(CHECK),
         optional=True),
])

COMPLIMENT = Flow("compliment", "Give a compliment", [
    Page("who", forms.ComplimentWhoForm, "Who would you like to thank?", goes("what")),
    Page("what", forms.ComplimentWhatForm, "What did they do?", goes("when"),
         heading_field="what_they_did"),
    Page("when", forms.ComplimentWhenForm, "When did it happen?", goes("contact"),
         heading_field="compliment_on", optional=True),
    Page("contact", forms.OptionalContactForm, "Your contact details (optional)", goes(CHECK),
         optional=True),
])

REVIEW = Flow("review", "Ask for a review of a complaint outcome", [
    Page("reference", forms.ReviewReferenceForm, "What is the reference on your outcome letter?",
         goes("letter-date"), heading_field="complaint_reference", optional=True),
    Page("letter-date", forms.ReviewLetterForm, "What is the date on your outcome letter?",
         _after_letter, heading_field="letter_date"),
    Page("deadline", InformationForm, "When your review request is due", goes("handled-by"),
         template="intake/deadline.html", shows_in_summary=False),
    Page("handled-by", forms.ReviewHandlerForm, "Who dealt with your complaint?", goes("why"),
         heading_field="handled_by"),
    Page("why", forms.ReviewReasonForm, "Why you are asking for a review", goes("contact"),
         heading_field="review_reason"),
    Page("contact", forms.ContactForm, "Your contact details", goes("support")),
    Page("support", forms.SupportForm, "Support and changes to help you", goes(CHECK),
         optional=True),
])

FLOWS = {flow.kind: flow for flow in (COMPLAINT, COMPLIMENT, REVIEW)}


def question_labels() -> dict[str, str]:
    """Each answer's name with the question the person was asked for it ("what_happened":
    "What happened?"), for telling staff where in the answers something was found."""
    questions: dict[str, str] = {}
    for flow in FLOWS.values():
        for page in flow.pages:
            for name, unbound in vars(page.form).items():
                if not hasattr(unbound, "field_class"):
                    continue
                label = unbound.args[0] if unbound.args else unbound.kwargs.get("label")
                if isinstance(label, str):
                    questions.setdefault(name, label)
    return questions


def deadline_for(answers: Answers) -> date | None:
    letter = parse_day(answers.get("letter_date"))
    return review_deadline(letter) if letter else None
