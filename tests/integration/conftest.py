"""Fixtures the staff tests share: a signed-in member of the Resolution Team or publisher,
and a complaint, a compliment and a review sent through the public forms."""

import io

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import stream_encode_multipart

from content.kinds import DECISION_CATEGORIES, DECISION_MAKERS
from content.managed_lists import add_value
from portal.intake.models import IntakeCase
from tests.intake_helpers import answer_everything, csrf_token
from tests.integration.test_staff_queue import signed_in


@pytest.fixture
def cases(app, client, session):
    """A complaint (with support needs and a file), a compliment and a review."""
    journey = answer_everything(client, "complaint")
    page = client.get("/complaint/evidence").get_data(as_text=True)
    stream, length, boundary = stream_encode_multipart({
        "csrf_token": csrf_token(page), "upload": "yes",
        "evidence": FileStorage(io.BytesIO(b"%PDF-1.4 statement"), "statement.pdf")},
        use_tempfile=False)
    client.post("/complaint/evidence", input_stream=stream, content_length=length,
                content_type=f"multipart/form-data; boundary={boundary}")
    journey.send()
    answer_everything(client, "compliment").send()
    answer_everything(client, "review").send()
    client.delete_cookie("session", domain="portal.test")
    return {case.kind: case for case in session.scalars(select(IntakeCase))}


@pytest.fixture
def publisher(app, client):
    """A signed-in member of staff who publishes records."""
    signed_in(app, client, "pub@example.org", ["publisher"])


@pytest.fixture
def caseworker(app, client):
    signed_in(app, client, "case@example.org", ["resolution"])


@pytest.fixture
def decision_lists(session):
    """The decision maker and category the decision forms choose
    (`test_staff_decisions.DECISION`), already in their lists, as on a site that has
    published decisions before."""
    add_value(session, DECISION_MAKERS, "Police and Crime Commissioner")
    add_value(session, DECISION_CATEGORIES, "Commissioning")
    session.commit()
