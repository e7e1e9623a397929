"""The database goes away part-way through a form: the person is told, keeps what they typed,
presses the button again once it is back, and nothing is stored twice."""

from contextlib import contextmanager

from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

from portal.db import Database, database, make_engine
from portal.intake import views
from portal.intake.models import IntakeCase, IntakeDraft, OutboxMessage
from tests.intake_helpers import answer_everything, csrf_token

# Nothing listens on port 1: connecting fails at once, as with a stopped server.
UNREACHABLE = "postgresql+psycopg://portal@127.0.0.1:1/portal?connect_timeout=2"


@contextmanager
def database_unreachable(app):
    """Point the portal at a database server that is not there, then back again."""
    working = app.extensions["portal_db"]
    dead = make_engine(UNREACHABLE)
    app.extensions["portal_db"] = Database(dead, sessionmaker(dead, expire_on_commit=False))
    try:
        yield
    finally:
        app.extensions["portal_db"] = working
        dead.dispose()


def count(session, model):
    session.expire_all()
    return session.scalar(select(func.count()).select_from(model))


def test_sending_while_the_database_is_down_shows_the_answers_and_stores_nothing(
        app, client, session):
    answer_everything(client, "complaint")
    page = client.get("/complaint/check").get_data(as_text=True)
    token = csrf_token(page)
    with database_unreachable(app):
        response = client.post("/complaint/check", data={"csrf_token": token})
    assert response.status_code == 503
    text = response.get_data(as_text=True)
    assert "we could not send your complaint because of a problem on our side" in text
    assert "Nothing has been sent" in text and "Press Send to try again" in text
    assert count(session, IntakeCase) == 0 and count(session, OutboxMessage) == 0
    sent = client.post("/complaint/check", data={"csrf_token": csrf_token(text)})
    assert sent.headers["Location"] == "/complaint/confirmation"
    assert count(session, IntakeCase) == 1


def test_the_answers_being_sent_are_shown_when_the_database_fails_mid_send(
        app, client, session, monkeypatch):
    answer_everything(client, "complaint")
    page = client.get("/complaint/check").get_data(as_text=True)

    def database_gone_when_writing(*_args, **_kwargs):
        """The answers were read; the connection for writing the case meets no server."""
        with database_unreachable(app):
            database().engine.connect()
    monkeypatch.setattr(views, "submit", database_gone_when_writing)
    response = client.post("/complaint/check", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 503
    text = response.get_data(as_text=True)
    assert "An officer was rude to me at the front desk." in text
    assert "Nothing has been sent" in text
    assert count(session, IntakeCase) == 0


def test_an_answer_typed_while_the_database_is_down_is_shown_again(app, client, session):
    answer_everything(client, "complaint")
    page = client.get("/complaint/what-happened").get_data(as_text=True)
    typed = {"csrf_token": csrf_token(page), "what_happened": "Shouted at me — twice.",
             "where": "Outside the station", "people_involved": ""}
    with database_unreachable(app):
        response = client.post("/complaint/what-happened", data=typed)
    assert response.status_code == 503
    text = response.get_data(as_text=True)
    assert "we could not save this answer" in text and "Shouted at me — twice." in text
    again = client.post("/complaint/what-happened",
                        data={**typed, "csrf_token": csrf_token(text)})
    assert again.status_code == 302
    session.expire_all()
    draft = session.scalars(select(IntakeDraft)).one()
    assert draft.answers["what_happened"] == "Shouted at me — twice."


def test_a_send_whose_reply_was_lost_finds_the_case_instead_of_starting_again(
        app, client, session):
    answer_everything(client, "complaint")
    page = client.get("/complaint/check").get_data(as_text=True)
    with client.session_transaction() as before:
        cookie_before = dict(before)
    assert client.post("/complaint/check",
                       data={"csrf_token": csrf_token(page)}).status_code == 302
    # The reply never arrived, so the browser still has the cookie from before sending.
    with client.session_transaction() as cookie:
        cookie.clear()
        cookie.update(cookie_before)
    again = client.post("/complaint/check", data={"csrf_token": csrf_token(page)})
    assert again.headers["Location"] == "/complaint/confirmation"
    assert count(session, IntakeCase) == 1
    reference = session.scalars(select(IntakeCase.reference)).one()
    assert reference in client.get("/complaint/confirmation").get_data(as_text=True)


def test_a_send_whose_redirect_was_never_followed_finds_the_case_on_reload_and_resend(
        client, session):
    journey = answer_everything(client, "complaint")
    page = client.get("/complaint/check").get_data(as_text=True)
    sent = journey.send()
    assert sent.headers["Location"] == "/complaint/confirmation"
    # The confirmation page never arrived: the person reloads "Check your answers"
    # and presses Send on the copy of it their browser still shows.
    reloaded = client.get("/complaint/check")
    assert reloaded.headers["Location"] == "/complaint/confirmation"
    again = client.post("/complaint/check", data={"csrf_token": csrf_token(page)})
    assert again.headers["Location"] == "/complaint/confirmation"
    assert count(session, IntakeCase) == 1
    reference = session.scalars(select(IntakeCase.reference)).one()
    assert reference in client.get("/complaint/confirmation").get_data(as_text=True)


def test_a_send_whose_reply_was_lost_reaches_the_confirmation_by_any_way_back(
        client, session):
    answer_everything(client, "review")
    page = client.get("/review/check").get_data(as_text=True)
    with client.session_transaction() as before:
        cookie_before = dict(before)
    client.post("/review/check", data={"csrf_token": csrf_token(page)})
    # The reply was lost, so the browser still has the cookie from before sending.
    with client.session_transaction() as cookie:
        cookie.clear()
        cookie.update(cookie_before)
    reference = session.scalars(select(IntakeCase.reference)).one()
    assert reference in client.get("/review/confirmation").get_data(as_text=True)
    with client.session_transaction() as cookie:
        cookie.clear()
        cookie.update(cookie_before)
    assert client.get("/review/check").headers["Location"] == "/review/confirmation"
    for _ in range(2):
        again = client.post("/review/check", data={"csrf_token": csrf_token(page)})
        assert again.headers["Location"] == "/review/confirmation"
    assert reference in client.get("/review/confirmation").get_data(as_text=True)
    assert count(session, IntakeCase) == 1


def test_a_page_that_cannot_be_shown_says_so_plainly(app, client):
    answer_everything(client, "complaint")
    with database_unreachable(app):
        response = client.get("/complaint/what-happened")
    assert response.status_code == 503
    text = response.get_data(as_text=True)
    assert "Any answers you have already saved are kept for 60 minutes" in text
    assert "psycopg" not in text and "127.0.0.1" not in text
