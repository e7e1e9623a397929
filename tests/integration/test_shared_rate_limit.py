"""With Redis, every process counts one client's forms together; in memory, each alone; and
when Redis cannot be reached, each process counts alone rather than not at all."""

import json
import logging
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator

import pytest
import redis

from portal import create_app, ratelimit
from tests.intake_helpers import csrf_token
from tests.servers import PROJECT

REDIS_URL = "redis://127.0.0.1:6379/5"

# One separate server process: sends `count` compliments from the same client address.
SENDER = textwrap.dedent("""
    import json, sys
    from portal import create_app
    from tests.intake_helpers import answer_everything

    settings = json.loads(sys.argv[1])
    app = create_app({"TESTING": True, "SECRET_KEY": "x", **settings})
    statuses = []
    for _ in range(int(sys.argv[2])):
        journey = answer_everything(app.test_client(), "compliment")
        statuses.append(journey.send().status_code)
    app.extensions["portal_db"].engine.dispose()
    print(json.dumps(statuses))
""")


@pytest.fixture
def key_prefix() -> Iterator[str]:
    prefix = f"portal-test-{uuid.uuid4().hex}"
    yield prefix
    store = redis.Redis.from_url(REDIS_URL)
    for key in store.scan_iter(match=f"*{prefix}*"):
        store.delete(key)
    store.close()


def _send(settings: dict[str, str], count: int) -> list[int]:
    sent = subprocess.run([sys.executable, "-c", SENDER, json.dumps(settings), str(count)],
                          cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert sent.returncode == 0, sent.stderr
    return json.loads(sent.stdout.splitlines()[-1])


def _settings(app, storage: str, prefix: str) -> dict[str, str]:
    return {"DATABASE_URL": app.config["DATABASE_URL"],
            "SEARCH_INDEX_PATH": app.config["SEARCH_INDEX_PATH"],
            "UPLOAD_PATH": app.config["UPLOAD_PATH"],
            "INTAKE_SUBMISSION_LIMIT": "3 per hour",
            "RATELIMIT_STORAGE_URI": storage, "RATELIMIT_KEY_PREFIX": prefix}


def test_two_processes_share_one_count_in_redis(app, key_prefix):
    settings = _settings(app, REDIS_URL, key_prefix)
    assert _send(settings, 2) == [302, 302]
    # The second process knows of the first one's two: one more, then the limit.
    assert _send(settings, 2) == [302, 429]
    store = redis.Redis.from_url(REDIS_URL)
    assert list(store.scan_iter(match=f"*{key_prefix}*")), "nothing was counted in Redis"
    store.close()


def test_without_redis_each_process_counts_alone(app, key_prefix):
    settings = _settings(app, "memory://", key_prefix)
    assert _send(settings, 2) == [302, 302]
    assert _send(settings, 2) == [302, 302]


def test_a_complaint_still_goes_through_when_redis_cannot_be_reached(app, key_prefix):
    # Nothing listens on port 1, as when the Redis server is down.
    settings = _settings(app, "redis://127.0.0.1:1/0", key_prefix)
    assert _send(settings, 2) == [302, 302]


UNREACHABLE = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def portal_with_limits_in(app, key_prefix):
    """A portal like the test's own, but counting its limits in the given store."""
    made = []

    def make(storage: str):
        portal = create_app({**app.config, "RATELIMIT_STORAGE_URI": storage,
                             "RATELIMIT_KEY_PREFIX": key_prefix})
        made.append(portal)
        return portal
    yield make
    for portal in made:
        portal.extensions["portal_db"].engine.dispose()


def wrong_sign_ins(portal, count: int) -> list[int]:
    client = portal.test_client()
    statuses = []
    for _ in range(count):
        page = client.get("/staff/sign-in").get_data(as_text=True)
        statuses.append(client.post("/staff/sign-in", data={
            "csrf_token": csrf_token(page), "email": "someone@example.org",
            "password": "a wrong password"}).status_code)
    return statuses


def test_sign_in_limits_hold_in_each_process_when_redis_cannot_be_reached(
        portal_with_limits_in):
    portal = portal_with_limits_in(UNREACHABLE)
    assert wrong_sign_ins(portal, 13) == [400] * 10 + [429] * 3
    with portal.app_context():
        assert ratelimit.storage_degraded()


def test_readiness_can_tell_redis_cannot_be_reached_before_any_request_does(
        portal_with_limits_in):
    portal = portal_with_limits_in(UNREACHABLE)
    with portal.app_context():
        assert ratelimit.storage_degraded()


def test_losing_redis_is_logged_once_without_anyones_details(portal_with_limits_in, caplog):
    portal = portal_with_limits_in(UNREACHABLE)
    with caplog.at_level(logging.WARNING, logger="portal.ratelimit"):
        wrong_sign_ins(portal, 3)
    logged = [record.getMessage() for record in caplog.records
              if record.name == "portal.ratelimit"]
    assert logged == ["Rate limits cannot reach their shared storage: each process counts "
                      "on its own until it answers again"]
    assert not any(secret in logged[0] for secret in ("someone@example.org", "127.0.0.1",
                                                       "redis://"))


def test_with_redis_answering_the_limits_are_shared_and_not_degraded(
        portal_with_limits_in, key_prefix):
    portal = portal_with_limits_in(REDIS_URL)
    assert wrong_sign_ins(portal, 11) == [400] * 10 + [429]
    with portal.app_context():
        assert not ratelimit.storage_degraded()
    store = redis.Redis.from_url(REDIS_URL)
    assert list(store.scan_iter(match=f"*{key_prefix}*")), "nothing was counted in Redis"
    store.close()


def test_limits_kept_in_memory_on_purpose_are_not_degraded(portal_with_limits_in):
    portal = portal_with_limits_in("memory://")
    with portal.app_context():
        assert not ratelimit.storage_degraded()


def test_two_factor_limits_hold_in_each_process_when_redis_cannot_be_reached(
        portal_with_limits_in):
    portal = portal_with_limits_in(UNREACHABLE)
    created = portal.test_cli_runner().invoke(args=[
        "users", "create", "res@example.org", "--role", "resolution",
        "--password", "correct horse battery staple"])
    assert created.exit_code == 0, created.output
    client = portal.test_client()
    page = client.get("/staff/sign-in").get_data(as_text=True)
    signed_in = client.post("/staff/sign-in", data={
        "csrf_token": csrf_token(page), "email": "res@example.org",
        "password": "correct horse battery staple"})
    assert signed_in.headers["Location"].startswith("/staff/two-factor")
    statuses = []
    for _ in range(6):
        page = client.get("/staff/two-factor").get_data(as_text=True)
        statuses.append(client.post("/staff/two-factor", data={
            "csrf_token": csrf_token(page), "code": "000000"}).status_code)
    assert statuses == [400] * 5 + [429]
