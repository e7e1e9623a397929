"""The case page as the Resolution Team uses it: every form says what it did, every problem
is shown at its box with what was typed kept, and the person's answers are shown in the
words they chose, never as stored codes."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from portal.intake.demo_cases import load_demo_cases
from portal.intake.models import IntakeCase
from tests.intake_helpers import answer_everything
from tests.integration.test_staff_queue import act, signed_in
from tests.staff_pages import (
    errors_at_their_boxes,
    soup,
    success_banner,
    value_of,
    visible_text,
)


def at_status(session, case, status):
    case.status = status
    session.commit()
    return case.reference


@pytest.mark.parametrize(("form", "answers", "said"), [
    ("move", {"status": "acknowledged"}, "Case {reference} moved to Acknowledged"),
    ("assign", {"assignee": "me"}, "Case {reference} assigned to you"),
    ("assign", {"assignee": "none"}, "Case {reference} assigned to nobody"),
    ("categories", {"categories": ["Individual behaviours"]},
     "Categories saved for case {reference}"),
    ("contact", {"method": "call", "on": ["1", "11", "2026"], "summary": "Spoke to Alex."},
     "Contact logged on case {reference}: telephone call on 1 November 2026"),
    ("update", {"message": "We have spoken to the officer."},
     "Update sent to alex@example.com about case {reference}"),
    ("note", {"text": "Check the rota."}, "Note added to case {reference}"),
])
def test_each_action_on_a_case_says_what_it_did(client, cases, caseworker, form, answers,
                                                said):
    reference = cases["complaint"].reference
    response = act(client, reference, form, **answers)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/staff/queue/{reference}"
    page = client.get(response.headers["Location"])
    assert success_banner(page) == [said.format(reference=reference)]
    assert success_banner(client.get(f"/staff/queue/{reference}")) == []  # said once


def test_closing_a_case_says_so_with_the_case_reference(client, session, cases, caseworker):
    reference = at_status(session, cases["complaint"], "signposted")
    response = act(client, reference, "move", status="closed", outcome="Advice given",
                   note="Sent the leaflet")
    assert success_banner(client.get(response.headers["Location"])) == [
        f"Case {reference} moved to Closed"]


# Each problem: the form, what is sent, the status the case is at first, and the boxes the
# error summary must lead to with their messages.
PROBLEMS = [
    ("complaint", "received", "move", {"note": "Typed before choosing"},
     {"move-status": "Select where the case moves to"}),
    ("complaint", "received", "move", {"status": "closed", "note": "Trying to skip"},
     {"move-status": "A complaint that is received can only move to acknowledged"}),
    ("complaint", "signposted", "move", {"status": "closed", "outcome": " ", "note": ""},
     {"move-outcome": "Enter the outcome to close the case",
      "move-note": "Enter a note to close the case"}),
    ("review", "reviewing", "move", {"status": "upheld", "note": "Witness not seen"},
     {"move-recommendations": "Enter the recommendations when a review is upheld"}),
    ("complaint", "received", "assign", {"assignee": "99999"},
     {"assign-assignee": "Select someone in the Resolution Team"}),
    ("complaint", "received", "contact",
     {"on": ["31", "2", "2026"], "summary": ""},
     {"contact-method": "Select how you were in contact",
      "contact-on-day": "The date of the contact must be a real date",
      "contact-summary": "Enter a summary of the contact"}),
    ("complaint", "received", "contact",
     {"method": "email", "on": ["", "", ""], "summary": "Emailed Alex"},
     {"contact-on-day": "Enter the date of the contact"}),
    ("complaint", "received", "contact",
     {"method": "letter", "on": ["1", "1", "2099"], "summary": "A letter"},
     {"contact-on-day": "The date of the contact must be today or in the past"}),
    ("complaint", "received", "update", {"message": "  "},
     {"update-message": "Enter the update to send"}),
    ("review", "received", "update", {"message": "Your review has started."},
     {"update-message": "This person did not give an email address: contact them another "
                        "way"}),
    ("complaint", "received", "note", {"text": ""}, {"note-text": "Enter the note"}),
]


@pytest.mark.parametrize(("kind", "status", "form", "answers", "expected"), PROBLEMS)
def test_every_problem_is_shown_at_its_box_with_what_was_typed_kept(
        client, session, cases, caseworker, kind, status, form, answers, expected):
    reference = at_status(session, cases[kind], status)
    response = act(client, reference, form, **answers)
    assert response.status_code == 400
    assert soup(response).title.get_text().startswith(f"Error: Case {reference}")
    assert errors_at_their_boxes(response) == expected
    for name, typed in answers.items():
        if isinstance(typed, list):  # a date: its day, month and year boxes
            for part, value in zip(("day", "month", "year"), typed, strict=True):
                assert value_of(response, f"{form}-{name}-{part}") == value
        elif name == "assignee" or (f"{form}-{name}" in expected and name == "status"):
            continue  # a choice the page does not offer cannot be shown as chosen
        else:
            assert value_of(response, f"{form}-{name}") == typed
    session.expire_all()
    assert cases[kind].status == status and not cases[kind].events  # nothing was done


def test_the_case_page_shows_the_answers_as_the_person_saw_them_before_sending(
        client, session):
    journey = answer_everything(client, "complaint", {"about": {"about": "chief_constable"},
                                                       "share": {"share_with_psd": "no"}})
    check = soup(client.get("/complaint/check"))
    seen = [(row.dt.get_text(strip=True), row.select_one(".govuk-summary-list__value")
             .get_text(strip=True)) for row in check.select(".govuk-summary-list__row")]
    journey.send()
    client.delete_cookie("session", domain="portal.test")
    signed_in(client.application, client, "case@example.org", ["resolution"])
    reference = session.scalars(select(IntakeCase.reference)).one()
    page = client.get(f"/staff/queue/{reference}")
    answers = soup(page).find("h2", string="Answers as submitted").find_next("dl")
    shown = [(row.dt.get_text(strip=True), row.dd.get_text(strip=True))
             for row in answers.select(".govuk-summary-list__row")]
    assert shown == [row for row in seen if row[0] != "Equality monitoring"]
    assert ("What is your complaint about?", "The Chief Constable") in shown
    assert ("Do you need any support or changes to help you?",
            "Letters in large print") in shown


def test_no_stored_code_is_shown_anywhere_on_the_case_page(client, session, caseworker):
    load_demo_cases(session, datetime(2026, 11, 30, 12, 0, tzinfo=UTC))
    session.commit()
    every_case = session.scalars(select(IntakeCase).order_by(IntakeCase.id)).all()
    about_chief = next(c for c in every_case if c.answers.get("about") == "chief_constable")
    large_print = next(c for c in every_case if "large_print" in (c.answers.get("support") or []))
    by_phone = next(c for c in every_case if c.channel == "phone")
    for case in (about_chief, large_print, by_phone):
        words = visible_text(client.get(f"/staff/queue/{case.reference}"))
        for code in ("chief_constable", "large_print", "share_with_psd", "preferred_contact",
                     "_", "psd: yes", "About:", "Support:", "(phone)",
                     "(web)"):
            assert code not in words, (case.reference, code)
    assert "The Chief Constable" in visible_text(
        client.get(f"/staff/queue/{about_chief.reference}"))
    assert "Letters in large print" in visible_text(
        client.get(f"/staff/queue/{large_print.reference}"))
    assert "by telephone" in visible_text(client.get(f"/staff/queue/{by_phone.reference}"))


def test_the_queue_names_types_and_statuses_in_words_even_in_its_problems(client, cases,
                                                                         caseworker):
    page = client.get("/staff/queue")
    assert soup(page).title.get_text().startswith("Intake queue (3 cases) – Staff")
    words = visible_text(page)
    assert "Request for a review" in words and "service_recovery" not in words
    filtered = client.get("/staff/queue?type=review")
    assert soup(filtered).title.get_text().startswith("Intake queue (1 case, filtered)")
    wrong = client.get("/staff/queue?type=memo&status=lost")
    title = soup(wrong).title.get_text()
    assert title.startswith("Error: Intake queue (3 cases, filtered) – Staff")
    assert title.count("Error:") == 1
    links = {link["href"]: link.get_text(strip=True)
             for link in soup(wrong).select(".govuk-error-summary a")}
    assert links == {"#filter-type": "Select a type from the list",
                     "#filter-status": "Select a status from the list"}


def test_the_staff_header_shows_the_sections_of_the_persons_roles(app, client, cases,
                                                                  caseworker):
    page = soup(client.get("/staff/queue"))
    navigation = page.select_one("nav[aria-label='Staff sections']")
    assert [link.get_text(strip=True) for link in navigation.select("a")] == ["Intake queue"]
    assert navigation.select_one("a[aria-current='page']").get_text(strip=True) == \
        "Intake queue"
    case = soup(client.get(f"/staff/queue/{cases['review'].reference}"))
    marked = case.select_one("nav[aria-label='Staff sections'] a[aria-current]")
    assert (marked.get_text(strip=True), marked["aria-current"]) == ("Intake queue", "true")
    assert "Signed in as case@example.org" in visible_text(client.get("/staff"))
    assert page.select_one("form#sign-out-form button").get_text(strip=True) == "Sign out"
    assert page.find(string="Decisions") is None  # not the public site's sections
    signed_in(app, client, "admin@example.org", ["admin", "publisher"])
    sections = soup(client.get("/staff/audit")).select("nav[aria-label='Staff sections'] a")
    assert [(link.get_text(strip=True), link.get("aria-current")) for link in sections] == [
        ("Content", None), ("Lists", None), ("Accounts", None), ("Audit log", "page")]

