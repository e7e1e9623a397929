"""How a subject access search reads what staff typed and decides that a case mentions the
person, without a database: the same rules the staff page and `portal subject-access` use."""

import pytest

from portal.intake.flows import question_labels
from portal.intake.models import CaseEvent, IntakeCase
from portal.intake.subject_access import reasons_found, understand

QUESTIONS = question_labels()


def found_because(case, wanted):
    """Why the case was found, naming answers by the questions the person was asked."""
    return reasons_found(case, wanted, QUESTIONS)


def case(answers, outcome="", history=()):
    return IntakeCase(kind="complaint", answers=answers, outcome=outcome,
                      events=[CaseEvent(kind=kind, detail=detail) for kind, detail in history])


@pytest.mark.parametrize("typed", ["+441632960003", "01632 960 003", "(01632) 960-003",
                                   "+44 (0)1632 960003", " 01632960003 "])
def test_every_way_of_writing_a_uk_number_is_the_same_number(typed):
    assert understand(typed).kind == "phone"
    assert understand(typed).key == "+441632960003"


@pytest.mark.parametrize("typed, kind", [("  Jo.Bloggs@EXAMPLE.com ", "email"),
                                         ("Jo Bloggs", "name"), ("PC 1234", "name"),
                                         ("Flat 3, 12 High Street", "name")])
def test_what_is_not_a_phone_number_is_read_as_an_email_address_or_a_name(typed, kind):
    assert understand(typed).kind == kind


def test_nothing_typed_is_no_search():
    assert understand("   ") is None


def test_an_email_address_is_found_in_staff_notes_and_the_outcome_in_any_case():
    found = list(found_because(case(
        {"full_name": "Pat Other", "email": "pat@example.com"},
        outcome="Letter sent to JO@example.com",
        history=[("note", {"text": "Jo wrote from jo@Example.com too"}),
                 ("status", {"old": "assessing", "new": "signposted",
                             "note": "Copied to jo@example.com"})]),
        understand("jo@example.com")))
    assert found == ["Email address appears in: the outcome",
                     "Email address appears in: a staff note",
                     "Email address appears in: a note on a status change"]


def test_a_name_matches_only_as_whole_words_and_across_line_breaks():
    wanted = understand("Jo Bloggs")
    assert list(found_because(case({"what_happened": "jo\n bloggs shouted"}), wanted)) == [
        "Name appears in: what happened"]
    assert list(found_because(case({"what_happened": "Jo Bloggsworth shouted"}), wanted)) == []
    assert list(found_because(case({"affected_person": " jo   BLOGGS "}), wanted)) == [
        "Name matches: jo   BLOGGS"]


def test_a_number_in_free_text_is_found_however_it_was_written():
    wanted = understand("01632 960 003")
    written = case({"phone": "", "contact_times": "Evenings on +44 (0) 1632-960-003"},
                   history=[("contact", {"method": "call", "on": "2026-11-01",
                                         "summary": "Left a message on 01632960003"})])
    assert list(found_because(written, wanted)) == [
        "Phone number appears in: best times to contact you",
        "Phone number appears in: a contact log summary"]


def test_a_detail_given_with_more_around_it_is_found_in_its_own_box():
    answers = {"full_name": "Dr Jo Bloggs", "phone": "01632 960003 or 07700 900982"}
    assert list(found_because(case(answers), understand("jo bloggs"))) == [
        "Name appears in: full name"]
    assert list(found_because(case(answers), understand("07700900982"))) == [
        "Phone number appears in: telephone number"]
