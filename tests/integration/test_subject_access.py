"""Subject access: every case that mentions a person is found, however their details were
written, staff see why each was found, and each download is audit-logged by reference."""

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.intake.models import IntakeCase
from portal.staff.models import AuditEvent
from tests.intake_helpers import answer_everything, csrf_token
from tests.integration.test_staff_queue import act, signed_in

STORED_PHONE = "+44 1632 960 003"


@pytest.fixture
def jo(client, session):
    """A review from Jo Bloggs, who gave their number with spaces and +44, and a
    complaint from someone else that mentions Jo and Jo's number in what happened."""
    answer_everything(client, "review", {"contact": {
        "full_name": "Jo Bloggs", "phone": STORED_PHONE, "email": "Jo.Bloggs@Example.com"}}
    ).send()
    answer_everything(client, "complaint", {
        "what-happened": {"what_happened": "My neighbour Jo Bloggs saw it all; ring Jo on "
                                           "01632 960003."},
        "contact": {"full_name": "Pat Other", "email": "pat@example.com"}}).send()
    answer_everything(client, "complaint", {
        "what-happened": {"what_happened": "Nothing about anyone else. Ring 01632 960004."},
        "contact": {"full_name": "Jo Bloggsworth", "email": "jb@example.com"}}).send()
    client.delete_cookie("session", domain="portal.test")
    by_name = {case.answers["full_name"]: case for case in session.scalars(select(IntakeCase))}
    return by_name


@pytest.fixture
def admin(app, client):
    signed_in(app, client, "admin@example.org", ["admin", "resolution"])


def search(client, who):
    page = client.get("/staff/subject-access").get_data(as_text=True)
    return client.post("/staff/subject-access", data={"csrf_token": csrf_token(page),
                                                      "who": who})


def hidden(page, name):
    return re.search(rf'name="{name}" type="hidden" value="([^"]*)"', page).group(1)


def download(client, results_page):
    return client.post("/staff/subject-access/download", data={
        "export-csrf_token": hidden(results_page, "export-csrf_token"),
        "export-who": hidden(results_page, "export-who")})


@pytest.mark.parametrize("typed", ["+441632960003", "01632 960 003", "01632-960003",
                                   "+44 (0)1632 960003"])
def test_a_phone_number_is_found_however_it_is_written(client, jo, admin, typed):
    page = search(client, typed).get_data(as_text=True)
    assert jo["Jo Bloggs"].reference in page
    assert "Phone number matches: +44 1632 960 003" in page
    assert jo["Pat Other"].reference in page
    assert "Phone number appears in: what happened" in page
    assert jo["Jo Bloggsworth"].reference not in page  # 01632 960004 is another number


def test_an_email_address_is_found_in_any_case_and_with_spaces_around_it(client, jo, admin):
    page = search(client, "  jo.bloggs@EXAMPLE.com ").get_data(as_text=True)
    assert jo["Jo Bloggs"].reference in page
    assert "Email address matches: Jo.Bloggs@Example.com" in page
    assert jo["Pat Other"].reference not in page


def test_a_name_is_found_in_what_people_wrote_and_in_what_staff_wrote(client, jo, admin):
    someone_else = jo["Pat Other"].reference
    act(client, someone_else, "note", text="Jo  Bloggs may be a witness.")
    act(client, someone_else, "contact", method="call", on=["1", "11", "2026"],
        summary="Pat said jo bloggs will call us.")

    page = search(client, "jo bloggs").get_data(as_text=True)

    assert "Name matches: Jo Bloggs" in page
    for place in ("what happened", "a staff note", "a contact log summary"):
        assert f"Name appears in: {place}" in page
    assert jo["Jo Bloggsworth"].reference not in page  # a longer name is someone else
    assert "2 cases found for this person" in page


def test_the_download_holds_the_cases_shown_and_the_audit_log_names_them(client, session,
                                                                         jo, admin):
    results = search(client, "01632 960 003")
    response = download(client, results.get_data(as_text=True))

    assert response.headers["Content-Disposition"].startswith("attachment;")
    records = json.loads(zipfile.ZipFile(io.BytesIO(response.data)).read("cases.json"))
    expected = sorted([jo["Jo Bloggs"].reference, jo["Pat Other"].reference])
    assert sorted(record["reference"] for record in records) == expected
    entries = {event.action: event for event in session.scalars(select(AuditEvent))}
    assert entries["subject access search"].detail == {"cases": 2}
    assert sorted(entries["subject access export"].detail["cases"]) == expected
    logged = json.dumps([event.detail for event in entries.values()]
                        + [event.target for event in entries.values()])
    assert "1632" not in logged and "Bloggs" not in logged


def test_the_search_never_puts_the_person_in_an_address(client, jo, admin):
    results = search(client, "Jo Bloggs")
    assert results.request.path == "/staff/subject-access"
    assert "Bloggs" not in results.request.query_string.decode()
    assert 'method="post" action="/staff/subject-access/download"' in \
        results.get_data(as_text=True)


def test_an_empty_search_is_an_error_linked_to_its_box(client, admin):
    response = search(client, "   ")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter the person’s email address, name or telephone number" in page
    assert 'href="#who"' in page


def test_a_download_without_the_search_goes_back_to_the_search(client, admin):
    page = client.get("/staff/subject-access").get_data(as_text=True)
    response = client.post("/staff/subject-access/download",
                           data={"export-csrf_token": csrf_token(page)})
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/subject-access"


def test_the_command_line_finds_the_same_cases_and_writes_the_download(runner, session,
                                                                       jo, tmp_path):
    zip_path = tmp_path / "jo.zip"
    result = runner.invoke(args=["subject-access", "--export", str(zip_path)],
                           input="01632 960 003\n")
    assert result.exit_code == 0, result.output
    assert jo["Jo Bloggs"].reference in result.output
    assert "Phone number matches: +44 1632 960 003" in result.output
    assert "Phone number appears in: what happened" in result.output
    assert jo["Jo Bloggsworth"].reference not in result.output
    records = json.loads(zipfile.ZipFile(zip_path).read("cases.json"))
    assert len(records) == 2
    export = session.scalars(select(AuditEvent).where(
        AuditEvent.action == "subject access export")).one()
    assert export.client == "command line" and len(export.detail["cases"]) == 2


def test_the_command_line_says_when_nobody_is_found(runner, jo):
    result = runner.invoke(args=["subject-access"], input="nobody@example.com\n")
    assert result.exit_code == 0
    assert "No cases were found" in result.output


def test_the_database_narrows_the_search_so_other_cases_are_never_loaded(app, session):
    from portal.intake.flows import question_labels
    from portal.intake.subject_access import find_person
    session.add_all(IntakeCase(
        reference=f"CMP-TEST-{number:03d}", kind="complaint",
        answers={"full_name": f"Person {number}", "phone": f"07700 900 {number:03d}",
                 "email": f"person{number}@example.com",
                 "what_happened": f"Person {number} was stopped on 1 March at 10:03."})
        for number in range(200))
    session.commit()

    with app.extensions["portal_db"].sessions() as fresh:
        found = find_person(fresh, "+44 7700 900003", question_labels())
        loaded = [item for item in fresh.identity_map.values() if isinstance(item, IntakeCase)]

    assert [item.case.reference for item in found] == ["CMP-TEST-003"]
    assert [case.reference for case in loaded] == ["CMP-TEST-003"]


def test_a_name_too_short_to_narrow_the_search_is_refused_at_its_box(client, admin):
    response = search(client, "J K")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter more of the person’s name, at least 2 letters together" in page
    assert 'href="#who"' in page and 'value="J K"' in page


def test_the_command_line_refuses_a_name_too_short_to_narrow_the_search(runner):
    result = runner.invoke(args=["subject-access"], input="J\n")
    assert result.exit_code == 1
    assert "Enter more of the person’s name" in result.output


def test_results_left_open_too_long_show_the_search_again_as_typed(app, client, session,
                                                                   jo, admin, clock):
    from portal.staff.expiry import EXPIRED
    from tests.staff_pages import errors_at_their_boxes, value_of
    results = search(client, "01632 960 003").get_data(as_text=True)
    clock.shift(timedelta(hours=25))  # form tokens last a day
    signed_in(app, client, "admin2@example.org", ["admin"])

    response = download(client, results)

    assert response.status_code == 400
    assert errors_at_their_boxes(response) == {"who": EXPIRED}
    assert value_of(response, "who") == "01632 960 003"
    assert not session.scalars(select(AuditEvent).where(
        AuditEvent.action == "subject access export")).all()
