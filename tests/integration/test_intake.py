"""Complaints, compliments and review requests: every answer lands in the queue, once."""

import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import stream_encode_multipart

from portal.intake.models import (
    EqualityResponse,
    IntakeAttachment,
    IntakeCase,
    IntakeDraft,
    OutboxMessage,
)
from tests import moments
from tests.intake_helpers import Journey, answer_everything, csrf_token
from tests.moments import at_moments

REFERENCE = re.compile(r"\b([CKR]-[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4})\b")


def count(session, model):
    return session.scalar(select(func.count()).select_from(model))


def only_case(session):
    return session.scalars(select(IntakeCase)).one()


@pytest.mark.parametrize("kind", ["complaint", "compliment", "review"])
def test_each_start_page_says_999_and_101_first_and_links_to_the_privacy_notice(client, kind):
    page = client.get(f"/{kind}").get_data(as_text=True)
    assert page.index("call 999") < page.index("Start now")
    assert "call 101" in page
    assert 'href="/privacy"' in page
    assert "18001" in page  # text relay
    assert client.get("/privacy").status_code == 200


@pytest.mark.parametrize("kind", ["complaint", "compliment", "review"])
def test_each_journey_ends_with_a_reference_and_one_stored_case(client, session, kind):
    journey = answer_everything(client, kind)
    response = journey.send()
    assert response.status_code == 302
    assert response.headers["Location"] == f"/{kind}/confirmation"
    page = client.get(f"/{kind}/confirmation").get_data(as_text=True)
    reference = REFERENCE.search(page).group(1)
    case = only_case(session)
    assert case.reference == reference
    assert reference[0] == {"complaint": "C", "compliment": "K", "review": "R"}[kind]
    assert (case.kind, case.status, case.channel) == (kind, "received", "web")
    assert "_done" not in case.answers
    draft = session.scalars(select(IntakeDraft)).one()
    assert draft.case_id == case.id and draft.answers == {}


def test_a_complaint_keeps_every_answer_verbatim(client, session):
    story = "Ç'était très grave — 警察 — 🚓\n\nSecond paragraph.\n" + "x" * 19_900
    journey = answer_everything(client, "complaint", {
        "what-happened": {"what_happened": story}})
    journey.send()
    case = only_case(session)
    assert case.answers["what_happened"] == story.strip()
    assert case.answers["about"] == "officer"
    assert case.answers["support"] == ["large_print"]
    assert case.answers["email"] == "alex@example.com"
    assert "equality" not in case.answers


def test_the_check_page_shows_every_answer_with_a_change_link(client):
    answer_everything(client, "complaint")
    page = client.get("/complaint/check").get_data(as_text=True)
    for expected in ("A police officer or member of police staff", "I know roughly when",
                     "Last month",
                     "An officer was rude to me at the front desk.", "Alex Example",
                     "Letters in large print", "None uploaded", "Not answered"):
        assert expected in page
    assert 'href="/complaint/contact?change=yes"' in page
    assert page.count(">Change<") >= 10


def test_changing_an_answer_returns_to_the_check_page(client):
    journey = answer_everything(client, "complaint")
    response = journey.answer("put-right", {"put_right": "A written apology."},
                              query="?change=yes")
    assert response.headers["Location"] == "/complaint/check"
    assert "A written apology." in client.get("/complaint/check").get_data(as_text=True)


def test_a_change_that_brings_in_a_new_question_asks_it_then_returns(client, session):
    journey = answer_everything(client, "complaint")
    response = journey.answer("who", {"complainant": "on_behalf"}, query="?change=yes")
    assert response.headers["Location"] == "/complaint/permission?change=yes"
    response = journey.answer("permission", {"affected_person": "Jo Example",
                                             "consent": "not_yet"}, query="?change=yes")
    assert response.headers["Location"] == "/complaint/check"
    # And back again: the answer to a question no longer asked is not sent.
    journey.answer("who", {"complainant": "affected"}, query="?change=yes")
    journey.send()
    assert "affected_person" not in only_case(session).answers


def test_a_complaint_about_the_commissioner_goes_to_the_panel_not_a_dead_end(client):
    journey = Journey(client, "complaint")
    response = journey.answer("about", {"about": "commissioner"})
    assert response.headers["Location"] == "/complaint/police-and-crime-panel"
    page = client.get("/complaint/police-and-crime-panel").get_data(as_text=True)
    assert "Police and Crime Panel" in page and "panel@fernshire-council.example" in page
    assert 'href="/complaint/about"' in page
    assert client.get("/complaint/check").headers["Location"] == "/complaint/police-and-crime-panel"


def test_complaining_for_someone_else_asks_for_their_permission(client):
    journey = Journey(client, "complaint")
    journey.answer("about", {"about": "service"})
    response = journey.answer("who", {"complainant": "on_behalf"})
    assert response.headers["Location"] == "/complaint/permission"
    page = client.get("/complaint/permission").get_data(as_text=True)
    assert "written permission" in page and "enquiries@fernshire-pcc.example" in page


def test_something_more_than_12_months_ago_is_accepted_with_a_warning(client, clock):
    journey = Journey(client, "complaint")
    journey.answer("about", {"about": "officer"})
    journey.answer("who", {"complainant": "witness"})
    assert journey.answer("when", {"when_known": "exact"}).headers["Location"] == \
        "/complaint/when-date"
    old = clock.today - timedelta(days=400)
    response = journey.answer("when-date", {"happened_on": [old.day, old.month, old.year]})
    assert response.headers["Location"] == "/complaint/time-limit"
    page = client.get("/complaint/time-limit").get_data(as_text=True)
    assert "may not be taken forward" in page and "You can still make your complaint" in page
    assert journey.answer("time-limit").headers["Location"] == "/complaint/what-happened"


@pytest.mark.parametrize(("slug", "data", "message", "target"), [
    ("about", {}, "Select what your complaint is about", "#about"),
    ("who", {}, "Select who is making this complaint", "#complainant"),
    ("when", {}, "Select whether you know when it happened", "#when_known"),
    ("when-roughly", {"happened_roughly": " "}, "Enter roughly when it happened",
     "#happened_roughly"),
    ("what-happened", {"what_happened": "   "}, "Enter what happened", "#what_happened"),
    ("what-happened", {"what_happened": "x" * 20_001},
     "What happened must be 20,000 characters or fewer", "#what_happened"),
    ("contact", {"full_name": ""}, "Enter your full name", "#full_name"),
    ("contact", {"full_name": "A", "preferred_contact": ""},
     "Enter at least one way to contact you", "#preferred_contact"),
    ("contact", {"full_name": "A", "email": "not-an-email", "preferred_contact": "email"},
     "Enter an email address in the correct format, like name@example.com", "#email"),
    ("contact", {"full_name": "A", "phone": "call me", "preferred_contact": "phone"},
     "Enter a telephone number", "#phone"),
    ("contact", {"full_name": "A", "email": "a@example.com", "preferred_contact": "post"},
     "Enter a postal address, or choose another way to contact you", "#preferred_contact"),
    ("share", {}, "Select yes if we can share your complaint", "#share_with_psd"),
])
def test_a_wrong_answer_shows_the_page_again_with_a_message_that_says_how_to_fix_it(
        client, slug, data, message, target):
    journey = answer_everything(client, "complaint")
    response = journey.answer(slug, data, query="?change=yes")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "There is a problem" in page
    assert message in page
    assert f'href="{target}"' in page
    assert page.count(message) == 2  # in the summary and beside the question
    assert "<title>Error: " in page


def test_an_expired_form_token_keeps_what_was_typed(client, session):
    journey = Journey(client, "complaint")
    journey.answer("about", {"about": "officer"})
    journey.answer("who", {"complainant": "affected"})
    journey.answer("when", {"when_known": "unknown"})
    story = "What I typed over twenty minutes & must not lose <b>ever</b>"
    response = journey.answer("what-happened", {"what_happened": story, "where": "Town"},
                              token="expired-or-forged")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "press the button again" in page
    assert "What I typed over twenty minutes &amp; must not lose &lt;b&gt;ever&lt;/b&gt;" in page
    assert "There is a problem" not in page
    draft = session.scalars(select(IntakeDraft)).one()
    assert "what_happened" not in draft.answers  # not saved without a valid token
    # Pressing the button again, with the new token on that page, saves it.
    response = client.post("/complaint/what-happened",
                           data={"csrf_token": csrf_token(page), "what_happened": story,
                                 "where": "Town"})
    assert response.headers["Location"] == "/complaint/put-right"


def test_an_expired_token_on_the_check_page_sends_nothing_and_asks_again(client, session):
    answer_everything(client, "complaint")
    response = client.post("/complaint/check", data={"csrf_token": "stale"})
    assert response.status_code == 400
    assert "press the button again" in response.get_data(as_text=True)
    assert count(session, IntakeCase) == 0


def test_pressing_send_twice_or_going_back_and_sending_again_stores_one_case(client, session):
    journey = answer_everything(client, "complaint")
    page = client.get("/complaint/check").get_data(as_text=True)
    token = csrf_token(page)
    first = client.post("/complaint/check", data={"csrf_token": token})
    second = client.post("/complaint/check", data={"csrf_token": token})
    assert first.headers["Location"] == second.headers["Location"] == "/complaint/confirmation"
    assert count(session, IntakeCase) == 1
    assert count(session, OutboxMessage) == 2
    # "Check your answers" now leads to the confirmation; a new complaint starts afresh,
    # with nothing of the sent one in it.
    assert client.get("/complaint/check").headers["Location"] == "/complaint/confirmation"
    first_question = journey.open("about")
    assert first_question.status_code == 200
    assert "checked" not in first_question.get_data(as_text=True)


def test_the_hidden_box_turns_away_automated_senders(client, session):
    journey = Journey(client, "complaint")
    response = journey.answer("about", {"about": "officer", "website": "http://spam.example"})
    assert response.status_code == 400
    assert "could not be sent" in response.get_data(as_text=True)
    assert count(session, IntakeDraft) == 0


def test_too_many_submissions_from_one_client_get_a_page_saying_to_try_later(app, client,
                                                                              session):
    app.config["INTAKE_SUBMISSION_LIMIT"] = "2 per hour"
    for _ in range(2):
        answer_everything(client, "compliment").send()
    journey = answer_everything(client, "compliment")
    response = journey.send()
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "sent too many forms" in page and "We have kept your answers" in page
    assert re.search(r"send this form again after <strong>\d\d:\d\d</strong>", page)
    assert count(session, IntakeCase) == 2


def test_mail_is_queued_for_the_person_and_the_intake_mailbox(client, session):
    answer_everything(client, "complaint").send()
    case = only_case(session)
    messages = {m.purpose: m for m in session.scalars(select(OutboxMessage))}
    acknowledgement, notification = messages["acknowledgement"], messages["notification"]
    assert acknowledgement.recipient == "alex@example.com"
    assert case.reference in acknowledgement.subject and case.reference in acknowledgement.body
    assert notification.recipient == "intake@fernshire-pcc.example"
    assert case.reference in notification.body
    for personal in ("Alex", "alex@example.com", "rude", "PC 1234"):
        assert personal not in notification.subject + notification.body
    assert {m.status for m in messages.values()} == {"waiting"}


def test_an_anonymous_compliment_is_accepted_and_only_the_mailbox_is_told(client, session):
    answer_everything(client, "compliment").send()
    case = only_case(session)
    assert case.answers["officer"] == "PC 4321"
    assert not case.answers.get("full_name") and not case.answers.get("email")
    assert [m.purpose for m in session.scalars(select(OutboxMessage))] == ["notification"]


def test_a_compliment_needs_someone_to_thank(client):
    response = Journey(client, "compliment").answer(
        "who", {"officer": "", "team": "", "station": ""})
    assert response.status_code == 400
    assert "so we know who to thank" in response.get_data(as_text=True)


def review_deadline_page(client, letter):
    journey = Journey(client, "review")
    journey.answer("reference", {"complaint_reference": ""})
    journey.answer("letter-date", {"letter_date": [letter.day, letter.month, letter.year]})
    return client.get("/review/deadline").get_data(as_text=True)


@at_moments(*moments.DAY_BOUNDARIES)
def test_a_review_is_in_time_for_28_days_after_the_letter_and_late_after(client, clock):
    today = clock.moment.uk_day  # as written in tests/moments.py, not as the portal works it out
    page = review_deadline_page(client, today - timedelta(days=28))
    assert f"reach us by <strong>{today.day} {today:%B %Y}</strong>" in page
    assert "it will be in time" in page
    page = review_deadline_page(client, today - timedelta(days=29))
    yesterday = today - timedelta(days=1)
    assert f"reached us by <strong>{yesterday.day} {yesterday:%B %Y}</strong>" in page
    assert "Yours is late, but you can still send it" in page


def test_equality_answers_are_stored_apart_from_the_case(client, session):
    answer_everything(client, "complaint", {"equality": {
        "skip": None, "age_group": "25_44", "sex": "prefer_not_to_say",
        "ethnicity": "mixed"}})
    journey = Journey(client, "complaint")
    journey.send()
    case = only_case(session)
    assert not {"age_group", "sex", "ethnicity"} & set(case.answers)
    response = session.scalars(select(EqualityResponse)).one()
    assert response.answers["age_group"] == "25_44"
    assert response.kind == "complaint" and not hasattr(response, "case_id")


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


def upload(client, name, content, content_type="application/octet-stream"):
    """Send one file as a browser would (the body built in memory, not in a temporary file
    that the test client would leave open)."""
    page = client.get("/complaint/evidence").get_data(as_text=True)
    fields = {"csrf_token": csrf_token(page), "upload": "yes",
              "evidence": FileStorage(io.BytesIO(content), name, content_type=content_type)}
    stream, length, boundary = stream_encode_multipart(fields, use_tempfile=False)
    return client.post("/complaint/evidence", input_stream=stream, content_length=length,
                       content_type=f"multipart/form-data; boundary={boundary}")


def test_evidence_is_checked_by_content_and_kept_out_of_public_reach(app, client, session):
    answer_everything(client, "complaint")
    assert upload(client, "photo.png", PNG, "image/png").status_code == 302
    spoofed = upload(client, "statement.pdf", b"MZ\x90\x00 not really a pdf", "application/pdf")
    assert spoofed.status_code == 400
    assert "must be a JPG, PNG, GIF, WEBP, HEIC or PDF" in spoofed.get_data(as_text=True)
    assert upload(client, "letter.pdf", b"%PDF-1.7\n...").status_code == 302
    attachments = session.scalars(select(IntakeAttachment)).all()
    assert [(a.original_name, a.content_type) for a in attachments] == [
        ("photo.png", "image/png"), ("letter.pdf", "application/pdf")]
    stored = app.config["UPLOAD_PATH"]
    assert "static" not in stored
    for attachment in attachments:
        assert client.get(f"/static/{attachment.stored_name}").status_code == 404
    Journey(client, "complaint").send()
    case = only_case(session)
    session.expire_all()
    assert sorted(a.case_id for a in session.scalars(select(IntakeAttachment))) == [case.id] * 2


def test_evidence_limits_are_explained(client, session):
    answer_everything(client, "complaint")
    too_big = upload(client, "big.jpg", b"\xff\xd8\xff" + b"0" * (10 * 1024 * 1024))
    assert too_big.status_code in (400, 413)
    assert "smaller than 10MB" in too_big.get_data(as_text=True)
    assert "The selected file is empty" in upload(client, "empty.png", b"").get_data(
        as_text=True)
    for number in range(5):
        assert upload(client, f"photo{number}.png", PNG).status_code == 302
    page = client.get("/complaint/evidence").get_data(as_text=True)
    assert "Upload file" not in page  # five is the most


def test_a_file_bigger_than_the_request_limit_gets_a_page_that_says_what_to_do(client):
    answer_everything(client, "complaint")
    response = upload(client, "huge.pdf", b"%PDF-" + b"0" * (12 * 1024 * 1024))
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "The file is too big" in page and "smaller than 10MB" in page


def test_a_file_can_be_removed_before_sending(client, session):
    answer_everything(client, "complaint")
    upload(client, "wrong.png", PNG)
    attachment = session.scalars(select(IntakeAttachment)).one()
    page = client.get("/complaint/evidence").get_data(as_text=True)
    response = client.post("/complaint/evidence", data={"csrf_token": csrf_token(page),
                                                        "remove": str(attachment.id)})
    assert response.status_code == 302
    session.expire_all()
    assert count(session, IntakeAttachment) == 0


def test_a_page_out_of_order_sends_the_person_to_the_first_question_not_answered(client):
    assert client.get("/complaint/contact").headers["Location"] == "/complaint/about"
    assert client.get("/complaint/check").headers["Location"] == "/complaint/about"
    assert client.get("/complaint/confirmation").headers["Location"] == "/complaint"
    assert client.get("/complaint/no-such-page").status_code == 404


def test_nothing_personal_goes_into_addresses(client):
    journey = answer_everything(client, "complaint")
    journey.send()
    # Every address used on the way is one of the fixed pages; answers travel in POST bodies.
    assert all("Alex" not in rule.rule for rule in client.application.url_map.iter_rules())


@pytest.mark.parametrize(("day", "message"), [
    (["31", "2", "2025"], "The date it happened must be a real date"),
    (["", "", ""], "Enter the date it happened"),
    (["1", "", "2025"], "The date it happened must include a day, month and year"),
    (["1", "2", "25"], "Enter a year with 4 numbers, like 2025"),
    (["1", "two", "2025"], "The date it happened must be a real date"),
])
def test_a_date_that_cannot_be_right_says_what_to_change(client, day, message):
    journey = Journey(client, "complaint")
    journey.answer("about", {"about": "officer"})
    journey.answer("who", {"complainant": "affected"})
    journey.answer("when", {"when_known": "exact"})
    response = journey.answer("when-date", {"happened_on": day})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page and 'href="#happened_on-day"' in page
    assert f'value="{day[0]}"' in page or not day[0]  # what was typed is shown again


def when_it_happened(client, day):
    journey = Journey(client, "complaint")
    journey.answer("about", {"about": "officer"})
    journey.answer("who", {"complainant": "affected"})
    journey.answer("when", {"when_known": "exact"})
    return journey.answer("when-date", {"happened_on": [day.day, day.month, day.year]})


@at_moments(*moments.DAY_BOUNDARIES)
def test_the_date_it_happened_can_be_today_in_the_uk_but_not_tomorrow(client, clock):
    today = clock.moment.uk_day
    assert when_it_happened(client, today).headers["Location"] == "/complaint/what-happened"
    refused = when_it_happened(client, today + timedelta(days=1))
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "The date it happened must be today or in the past" in page
    assert 'href="#happened_on-day"' in page


def test_an_expired_token_on_the_upload_page_asks_for_the_file_again(client):
    answer_everything(client, "complaint")
    fields = {"csrf_token": "expired", "upload": "yes",
              "evidence": FileStorage(io.BytesIO(PNG), "photo.png", content_type="image/png")}
    stream, length, boundary = stream_encode_multipart(fields, use_tempfile=False)
    response = client.post("/complaint/evidence", input_stream=stream, content_length=length,
                           content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 400
    assert "If you were uploading a file, choose it again." in response.get_data(as_text=True)
