"""A person's answers on a shared computer: never kept by the browser's cache, deleted at
once when they ask, ended after a time without activity, and out of reach once sent."""

import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import stream_encode_multipart

from portal.intake.models import IntakeAttachment, IntakeCase, IntakeDraft
from tests.intake_helpers import ANSWERS, Journey, answer_everything, csrf_token

DELETE_BUTTON = "Delete my answers and start again"
TYPED = "An officer was rude to me at the front desk."


def count(session, model):
    session.expire_all()
    return session.scalar(select(func.count()).select_from(model))


def upload_statement(client):
    page = client.get("/complaint/evidence").get_data(as_text=True)
    stream, length, boundary = stream_encode_multipart({
        "csrf_token": csrf_token(page), "upload": "yes",
        "evidence": FileStorage(io.BytesIO(b"%PDF-1.4 statement"), "statement.pdf")},
        use_tempfile=False)
    response = client.post("/complaint/evidence", input_stream=stream, content_length=length,
                           content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 302


def stored_files(app):
    folder = Path(app.config["UPLOAD_PATH"])
    return list(folder.iterdir()) if folder.exists() else []


def press_delete(client, page_path):
    page = client.get(page_path).get_data(as_text=True)
    return client.post("/complaint/delete-answers", data={"csrf_token": csrf_token(page)})


@pytest.mark.parametrize("kind", ["complaint", "compliment", "review"])
def test_every_page_of_a_journey_offers_to_delete_the_answers_and_is_never_cached(
        client, kind):
    journey = Journey(client, kind)
    for slug, data in ANSWERS[kind]:
        page = journey.open(slug)
        assert page.headers["Cache-Control"] == "no-store", slug
        text = page.get_data(as_text=True)
        assert DELETE_BUTTON in text, slug
        assert f'action="/{kind}/delete-answers"' in text, slug
        journey.answer(slug, data)
    check = client.get(f"/{kind}/check")
    assert check.headers["Cache-Control"] == "no-store"
    assert DELETE_BUTTON in check.get_data(as_text=True)
    journey.send()
    confirmation = client.get(f"/{kind}/confirmation")
    assert confirmation.status_code == 200
    assert confirmation.headers["Cache-Control"] == "no-store"


def test_deleting_the_answers_removes_them_and_their_files_at_once_and_says_so(
        app, client, session):
    answer_everything(client, "complaint")
    upload_statement(client)
    assert count(session, IntakeDraft) == 1 and len(stored_files(app)) == 1
    response = press_delete(client, "/complaint/check")
    assert response.headers["Location"] == "/complaint/answers-deleted"
    assert count(session, IntakeDraft) == 0
    assert count(session, IntakeAttachment) == 0
    assert stored_files(app) == []
    told = client.get("/complaint/answers-deleted")
    assert told.headers["Cache-Control"] == "no-store"
    text = told.get_data(as_text=True)
    assert "Your answers have been deleted" in text and "any files you uploaded" in text
    # Starting again starts from nothing.
    assert client.get("/complaint/check").headers["Location"] == "/complaint/about"
    assert "checked" not in client.get("/complaint/about").get_data(as_text=True)
    assert count(session, IntakeCase) == 0


def test_a_delete_whose_form_token_has_expired_deletes_nothing_and_asks_again(
        client, session):
    answer_everything(client, "compliment")
    response = client.post("/compliment/delete-answers", data={"csrf_token": "expired"})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "press the button again" in text and DELETE_BUTTON in text
    assert count(session, IntakeDraft) == 1
    again = client.post("/compliment/delete-answers", data={"csrf_token": csrf_token(text)})
    assert again.headers["Location"] == "/compliment/answers-deleted"
    assert count(session, IntakeDraft) == 0


def test_answers_left_untouched_end_and_the_next_request_says_so(app, client, session, clock):
    app.config["DRAFT_TIMEOUT_MINUTES"] = 20
    answer_everything(client, "complaint")
    upload_statement(client)
    clock.shift(timedelta(minutes=19))
    assert client.get("/complaint/check").status_code == 200  # looking is not activity
    clock.shift(timedelta(minutes=1, seconds=1))
    page = client.get("/complaint/what-happened")
    assert page.headers["Location"] == "/complaint/timed-out"
    assert count(session, IntakeDraft) == 0 and count(session, IntakeAttachment) == 0
    assert stored_files(app) == []
    told = client.get("/complaint/timed-out").get_data(as_text=True)
    assert "Your answers have been deleted" in told
    assert "You did not do anything for 20 minutes" in told
    # Told once: after that the form simply starts again.
    assert client.get("/complaint/check").headers["Location"] == "/complaint/about"


def test_an_answer_sent_after_the_answers_ended_is_not_added_to_them(app, client, session,
                                                                      clock):
    journey = answer_everything(client, "compliment")
    page = journey.open("what").get_data(as_text=True)
    clock.shift(timedelta(minutes=61))
    response = client.post("/compliment/what", data={"csrf_token": csrf_token(page),
                                                     "what_they_did": "Late answer"})
    assert response.headers["Location"] == "/compliment/timed-out"
    assert count(session, IntakeDraft) == 0


def test_answers_deleted_by_the_worker_are_explained_on_the_next_request(
        app, client, runner, session, clock):
    answer_everything(client, "review")
    clock.shift(timedelta(minutes=61))
    result = runner.invoke(args=["worker", "--once"])
    assert "deleted 1 unsent drafts" in result.output
    assert client.get("/review/check").headers["Location"] == "/review/timed-out"


def test_answers_are_kept_while_the_person_is_still_there(app, client, session, clock):
    answer_everything(client, "complaint")
    page = client.get("/complaint/check").get_data(as_text=True)
    clock.shift(timedelta(minutes=50))
    status = client.get("/complaint/answers-status")
    assert status.headers["Cache-Control"] == "no-store"
    assert 590 <= status.get_json()["seconds_left"] <= 600
    kept = client.post("/complaint/keep-answers", headers={"X-CSRFToken": csrf_token(page)})
    assert kept.get_json()["seconds_left"] >= 3590
    clock.shift(timedelta(minutes=50))
    assert client.get("/complaint/check").status_code == 200
    refused = client.post("/complaint/keep-answers", headers={"X-CSRFToken": "forged"})
    assert refused.status_code == 400
    clock.shift(timedelta(minutes=11))
    ended = client.get("/complaint/answers-status")
    assert json.loads(ended.get_data()) == {"seconds_left": 0}
    assert count(session, IntakeDraft) == 0


def test_the_timed_out_page_leads_back_to_answers_still_kept(client):
    answer_everything(client, "compliment")
    assert client.get("/compliment/timed-out").headers["Location"] == "/compliment/check"


def test_the_warning_is_on_pages_only_while_there_are_answers_to_lose(client):
    first = client.get("/complaint/about").get_data(as_text=True)
    assert 'id="session-timeout"' not in first
    answer_everything(client, "complaint")
    check = client.get("/complaint/check").get_data(as_text=True)
    assert 'id="session-timeout"' in check
    assert 'data-seconds-left="3600"' in check or 'data-seconds-left="3599"' in check


def test_after_send_the_browser_no_longer_reaches_the_answers(client, session):
    answer_everything(client, "complaint").send()
    assert client.get("/complaint/check").headers["Location"] == "/complaint/confirmation"
    assert TYPED not in client.get("/complaint/confirmation").get_data(as_text=True)
    assert client.get("/complaint/what-happened").headers["Location"] == "/complaint/about"
    assert TYPED not in client.get("/complaint/about").get_data(as_text=True)
    assert client.get("/complaint/answers-status").get_json() == {"seconds_left": 0}
    session.expire_all()
    assert session.scalars(select(IntakeDraft.answers)).one() == {}
    # Pressing delete afterwards leaves the sent case alone.
    page = client.get("/complaint/about").get_data(as_text=True)
    client.post("/complaint/delete-answers", data={"csrf_token": csrf_token(page)})
    assert count(session, IntakeCase) == 1
    assert client.get("/complaint/check").headers["Location"] == "/complaint/confirmation"
