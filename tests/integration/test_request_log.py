"""Request ids and JSON log lines, which never hold what a complainant wrote."""

import io
import json
import logging
from collections.abc import Iterator

import pytest

from portal.request_log import JsonFormatter
from tests.intake_helpers import answer_everything

SECRET_ANSWERS = {
    "what-happened": {"what_happened": "Zanzibar-quokka was shouted at by PC Umbrage",
                      "where": "Quillfeather Lane custody suite", "people_involved": "PC 9876"},
    "contact": {"full_name": "Ottoline Vexworthy", "email": "ottoline.vexworthy@example.com",
                "phone": "07700 900 417", "address": "12 Marrowbone Close, Fernbridge",
                "preferred_contact": "email", "contact_times": "Thursdays after four"},
    "put-right": {"put_right": "A written apology from Inspector Grimsditch."},
}


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    """Everything every logger writes, at the most talkative level, as the server would."""
    output = io.StringIO()
    handler = logging.StreamHandler(output)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    noisy = logging.getLogger("sqlalchemy.engine")
    levels = root.level, noisy.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    noisy.setLevel(logging.INFO)  # every statement the database runs
    yield output
    root.removeHandler(handler)
    root.setLevel(levels[0])
    noisy.setLevel(levels[1])


def _lines(output: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in output.getvalue().splitlines()]


def test_each_response_carries_a_new_request_id(client):
    first = client.get("/healthz").headers["X-Request-Id"]
    second = client.get("/healthz").headers["X-Request-Id"]
    assert len(first) == 32 and first != second


def test_a_well_formed_incoming_request_id_is_kept(client):
    response = client.get("/healthz", headers={"X-Request-Id": "proxy-3f2a9c1d-0001"})
    assert response.headers["X-Request-Id"] == "proxy-3f2a9c1d-0001"


@pytest.mark.parametrize("incoming", ["short", "has spaces in it", '{"level":"ERROR"}',
                                      "x" * 129])
def test_a_malformed_incoming_request_id_is_replaced(client, incoming):
    response = client.get("/healthz", headers={"X-Request-Id": incoming})
    assert response.headers["X-Request-Id"] != incoming
    assert len(response.headers["X-Request-Id"]) == 32


def test_each_request_writes_one_json_line_without_its_query_string(client, log_output):
    response = client.get("/search?q=stop+and+search", headers={"X-Request-Id": "abcd-1234-ef"})
    assert response.status_code == 200
    requests = [line for line in _lines(log_output) if line["logger"] == "portal.requests"]
    assert len(requests) == 1
    line = requests[0]
    assert line["request_id"] == "abcd-1234-ef"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/search", 200)
    assert line["level"] == "INFO" and isinstance(line["duration_ms"], float)
    assert {"time", "message", "logger"} <= set(line)
    assert "stop" not in json.dumps(line)


def test_every_line_of_a_request_carries_its_id(client, log_output):
    client.get("/decisions", headers={"X-Request-Id": "trace-me-0042"})
    lines = _lines(log_output)
    statements = [line for line in lines if line["logger"].startswith("sqlalchemy")]
    assert statements, "the database statements were not logged at all"
    assert {line.get("request_id") for line in lines} == {"trace-me-0042"}


def test_a_complaints_answers_never_reach_the_logs(client, session, log_output):
    journey = answer_everything(client, "complaint", SECRET_ANSWERS)
    sent = journey.send()
    assert sent.status_code == 302
    confirmation = client.get(sent.headers["Location"])
    assert confirmation.status_code == 200

    written = log_output.getvalue()
    posts = [line for line in _lines(log_output)
             if line["logger"] == "portal.requests" and line["method"] == "POST"]
    assert len(posts) == 12  # every question page, then the check page
    assert any(line["logger"].startswith("sqlalchemy") for line in _lines(log_output))
    for answers in SECRET_ANSWERS.values():
        for answer in answers.values():
            for fragment in answer.split():
                if len(fragment) > 4:
                    assert fragment not in written, f"{fragment!r} was written to the logs"


def test_an_unexpected_failure_logs_where_but_not_what(app, client, log_output):
    address = SECRET_ANSWERS["contact"]["email"]

    def broken() -> str:
        raise ValueError(f"could not parse {address}")

    app.add_url_rule("/broken-for-test", view_func=broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/broken-for-test", headers={"X-Request-Id": "failure-0001"})
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "failure-0001" in page  # the reference to quote when asking for help
    assert "ValueError" not in page and "vexworthy" not in page and "Traceback" not in page

    errors = [line for line in _lines(log_output) if line["level"] == "ERROR"]
    assert len(errors) == 1
    assert errors[0]["request_id"] == "failure-0001"
    assert errors[0]["exception"] == "ValueError"
    assert "in broken" in errors[0]["stack"]
    assert "vexworthy" not in log_output.getvalue()


def test_an_unexpected_failure_in_a_download_answers_json_without_details(app, client):
    def broken() -> str:
        raise RuntimeError("secret internals")

    app.add_url_rule("/broken-for-test.json", view_func=broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/broken-for-test.json")
    assert response.status_code == 500
    error = response.get_json()["error"]
    assert error["reference"] == response.headers["X-Request-Id"]
    assert "internals" not in response.get_data(as_text=True)
