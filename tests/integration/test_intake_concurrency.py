"""Two hundred people sending at the same moment: every one stored once, none lost."""

import http.cookiejar
import re
import threading
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import func, select
from werkzeug.serving import make_server

from portal import create_app
from portal.intake.models import IntakeCase, OutboxMessage

PEOPLE = 200
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
REFERENCE = re.compile(r'portal-reference">([A-Z0-9-]+)<')
PAGES = [
    ("who", {"officer": "PC {n}", "team": "", "station": ""}),
    ("what", {"what_they_did": "Person {n} says thank you."}),
    ("when", {"compliment_on": ["", "", ""]}),
    ("contact", {"full_name": "", "email": "person{n}@example.com", "phone": "",
                 "address": "", "contact_times": ""}),
]


@pytest.fixture
def live_server(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "concurrency",
                      "INTAKE_SUBMISSION_LIMIT": "10000 per minute"})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    app.extensions["portal_db"].engine.dispose()


def send_a_compliment(base: str, number: int) -> str:
    browser = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def post(path: str, fields: dict) -> str:
        page = browser.open(base + path, timeout=120).read().decode()
        data = {"csrf_token": TOKEN.search(page).group(1)}
        for name, value in fields.items():
            data[name] = ([part.format(n=number) for part in value] if isinstance(value, list)
                          else value.format(n=number))
        body = urllib.parse.urlencode(data, doseq=True).encode()
        return browser.open(base + path, data=body, timeout=120).read().decode()

    for slug, fields in PAGES:
        post(f"/compliment/{slug}", fields)
    confirmation = post("/compliment/check", {})
    return REFERENCE.search(confirmation).group(1)


def test_two_hundred_submissions_at_once_are_all_stored_once(live_server):
    app, base = live_server
    references: list[str] = []
    failures: list[BaseException] = []
    start = threading.Barrier(PEOPLE)

    def person(number: int) -> None:
        try:
            start.wait(timeout=60)
            references.append(send_a_compliment(base, number))
        except BaseException as error:  # reported below, with the others
            failures.append(error)

    people = [threading.Thread(target=person, args=(n,)) for n in range(PEOPLE)]
    for thread in people:
        thread.start()
    for thread in people:
        thread.join(timeout=300)
    assert failures == []
    assert len(references) == PEOPLE and len(set(references)) == PEOPLE
    with app.extensions["portal_db"].sessions() as session:
        stored = set(session.scalars(select(IntakeCase.reference)))
        assert stored == set(references)
        thanked = {case.answers["officer"] for case in session.scalars(select(IntakeCase))}
        assert thanked == {f"PC {n}" for n in range(PEOPLE)}
        acknowledgements = session.scalar(select(func.count()).select_from(OutboxMessage)
                                          .where(OutboxMessage.purpose == "acknowledgement"))
        assert acknowledgements == PEOPLE
