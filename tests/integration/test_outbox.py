"""The outbox: mail goes through a real SMTP server, waits while it is down, and goes once."""

import os
import re
import socket
import subprocess
import sys
import threading
from datetime import timedelta
from email import message_from_bytes
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from portal.intake.models import IntakeCase, IntakeDraft, OutboxAttempt, OutboxMessage
from portal.intake.outbox import (
    CLAIM_FOR,
    MAX_ATTEMPTS,
    MailSettings,
    deliver_due,
    purge_expired_drafts,
    send_over_smtp,
)
from portal.intake.store import delete_drafts, expired_drafts
from tests import moments
from tests.databases import postgres_url
from tests.intake_helpers import answer_everything
from tests.moments import at_moments


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, _server, _session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def mail_server(smtp_port):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    yield inbox
    controller.stop()


@pytest.fixture
def settings(smtp_port) -> MailSettings:
    return MailSettings(host="127.0.0.1", port=smtp_port, sender="no-reply@opcc.example",
                        timeout=5)


@pytest.fixture
def sessions(app):
    return app.extensions["portal_db"].sessions


def send_with(settings):
    return lambda message: send_over_smtp(settings, message)


def test_the_acknowledgement_and_notification_reach_the_mail_server(
        client, sessions, session, mail_server, settings):
    answer_everything(client, "complaint").send()
    delivery = deliver_due(sessions, send_with(settings))
    assert (delivery.sent, delivery.failed) == (2, 0)
    reference = session.scalars(select(IntakeCase.reference)).one()
    by_recipient = {tuple(to): message for to, message in mail_server.messages}
    acknowledgement = by_recipient[("alex@example.com",)]
    assert acknowledgement["Subject"] == f"We have received your complaint: {reference}"
    assert acknowledgement["From"] == "no-reply@opcc.example"
    assert reference in acknowledgement.get_payload(decode=True).decode()
    assert ("intake@fernshire-pcc.example",) in by_recipient
    assert {m.status for m in session.scalars(select(OutboxMessage))} == {"sent"}
    # Nothing goes twice.
    assert deliver_due(sessions, send_with(settings)).sent == 0
    assert len(mail_server.messages) == 2


def test_mail_waits_while_the_server_is_down_and_goes_once_it_is_back(
        client, sessions, session, settings, smtp_port, clock):
    answer_everything(client, "compliment").send()  # anonymous: the notification only
    assert deliver_due(sessions, send_with(settings)).failed == 1  # nothing is listening
    message = session.scalars(select(OutboxMessage)).one()
    assert (message.status, message.attempts) == ("waiting", 1)
    assert message.next_attempt_at > clock.now + timedelta(seconds=50)
    attempt = session.scalars(select(OutboxAttempt)).one()
    assert not attempt.succeeded and "ConnectionRefusedError" in attempt.detail

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        # Not yet due: the backoff is respected.
        assert deliver_due(sessions, send_with(settings)).sent == 0
        later = lambda: clock.now + timedelta(minutes=2)  # noqa: E731
        assert deliver_due(sessions, send_with(settings), now=later).sent == 1
        assert deliver_due(sessions, send_with(settings), now=later).sent == 0
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    session.expire_all()
    assert [a.succeeded for a in session.scalars(select(OutboxAttempt))] == [False, True]


def test_a_message_claimed_by_a_worker_that_stopped_is_sent_after_the_claim_runs_out(
        client, sessions, session, mail_server, settings, clock):
    answer_everything(client, "compliment").send()
    message = session.scalars(select(OutboxMessage)).one()
    message.claimed_until = clock.now + CLAIM_FOR  # a worker took it, then died
    session.commit()
    assert deliver_due(sessions, send_with(settings)).sent == 0
    after_claim = lambda: clock.now + CLAIM_FOR + timedelta(seconds=1)  # noqa: E731
    assert deliver_due(sessions, send_with(settings), now=after_claim).sent == 1
    assert len(mail_server.messages) == 1


def test_a_message_that_keeps_failing_stops_being_tried_and_says_so(
        client, sessions, session, settings, clock):
    answer_everything(client, "compliment").send()
    moment = clock.now
    for _ in range(MAX_ATTEMPTS + 2):
        moment += timedelta(hours=7)
        deliver_due(sessions, send_with(settings), now=lambda at=moment: at)
    message = session.scalars(select(OutboxMessage)).one()
    assert (message.status, message.attempts) == ("failed", MAX_ATTEMPTS)


def test_submitting_never_depends_on_the_mail_server(client, session):
    # No SMTP server anywhere: the complaint is stored and confirmed all the same.
    response = answer_everything(client, "complaint").send()
    assert response.headers["Location"] == "/complaint/confirmation"
    assert session.scalars(select(IntakeCase)).one().status == "received"


def test_the_worker_command_sends_and_reports(app, client, runner, mail_server, smtp_port):
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=smtp_port)
    answer_everything(client, "complaint").send()
    result = runner.invoke(args=["worker", "--once"])
    assert result.exit_code == 0, result.output
    assert "Sent 2 emails, 0 failed" in result.output
    assert len(mail_server.messages) == 2


@at_moments(moments.WINTER_NIGHT, moments.CLOCKS_GO_FORWARD, moments.CLOCKS_GO_BACK)
def test_unsent_answers_are_deleted_after_the_time_without_activity(app, client, sessions,
                                                                    session, clock):
    # An hour is 60 minutes, whichever way the clocks went in between.
    app.config["DRAFT_TIMEOUT_MINUTES"] = 60
    idle = timedelta(hours=1)
    uploads = Path(app.config["UPLOAD_PATH"])
    answer_everything(client, "complaint")
    clock.shift(idle - timedelta(minutes=1))
    assert purge_expired_drafts(sessions, uploads, idle) == 0
    clock.shift(timedelta(minutes=2))
    assert purge_expired_drafts(sessions, uploads, idle) == 1
    session.expire_all()
    assert session.scalars(select(IntakeDraft)).all() == []
    assert client.get("/complaint/check").headers["Location"] == "/complaint/timed-out"



def test_a_draft_saved_again_after_it_was_found_expired_is_kept(app, client, session, clock):
    answer_everything(client, "complaint")
    draft = session.scalars(select(IntakeDraft)).one()
    draft.updated_at = clock.now - timedelta(hours=2)
    session.commit()
    found = expired_drafts(session, timedelta(hours=1))
    assert found == [draft]
    session.rollback()
    draft.updated_at = clock.now  # the person came back just then
    session.commit()
    assert delete_drafts(session, found, timedelta(hours=1)) == (0, [])
    session.commit()
    assert session.scalars(select(IntakeDraft)).one().answers


@pytest.mark.skipif(not postgres_url(), reason="row locks are PostgreSQL's: SQLite lets one "
                    "writer in at a time")
def test_a_draft_being_saved_is_not_purged_and_the_purge_does_not_wait(app, client, session,
                                                                       clock):
    answer_everything(client, "complaint")
    session.scalars(select(IntakeDraft)).one().updated_at = clock.now - timedelta(hours=2)
    session.commit()
    with app.extensions["portal_db"].engine.connect() as request_saving:
        request_saving.execute(select(IntakeDraft.id).with_for_update())
        purged: list[int] = []
        thread = threading.Thread(target=lambda: purged.append(purge_expired_drafts(
            app.extensions["portal_db"].sessions, Path(app.config["UPLOAD_PATH"]),
            timedelta(hours=1))))
        thread.start()
        thread.join(timeout=60)
        assert purged == [0]
        request_saving.rollback()
    assert purge_expired_drafts(app.extensions["portal_db"].sessions,
                                Path(app.config["UPLOAD_PATH"]), timedelta(hours=1)) == 1

# Several workers at once, as on several servers.

WORKERS = 4
MESSAGES = 120


def queue_messages(sessions, count: int) -> set[str]:
    recipients = {f"person{n}@example.com" for n in range(count)}
    with sessions.begin() as session:
        session.add_all(OutboxMessage(purpose="acknowledgement", recipient=recipient,
                                      subject="We have received your compliment",
                                      body="Thank you.") for recipient in sorted(recipients))
    return recipients


def delivered_once(sessions, mail_server, recipients: set[str]) -> None:
    received = [to for tos, _ in mail_server.messages for to in tos]
    assert sorted(received) == sorted(recipients), "every message exactly once"
    with sessions() as session:
        assert set(session.scalars(select(OutboxMessage.status))) == {"sent"}
        attempts = session.scalars(select(OutboxAttempt)).all()
        assert len(attempts) == len(recipients) and all(a.succeeded for a in attempts)


def test_workers_draining_the_outbox_at_once_send_every_message_exactly_once(
        sessions, mail_server, settings):
    recipients = queue_messages(sessions, MESSAGES)
    start = threading.Barrier(WORKERS)
    deliveries: list = []
    failures: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait(timeout=60)
            deliveries.append(deliver_due(sessions, send_with(settings)))
        except BaseException as error:  # reported below
            failures.append(error)

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert failures == []
    assert sum(d.sent for d in deliveries) == MESSAGES and sum(d.failed for d in deliveries) == 0
    assert sum(1 for d in deliveries if d.sent) >= 2, "the workers should have shared the work"
    delivered_once(sessions, mail_server, recipients)


def test_worker_processes_started_together_send_every_message_exactly_once(
        app, sessions, mail_server, smtp_port, tmp_path):
    recipients = queue_messages(sessions, MESSAGES)
    environment = {**os.environ, "DATABASE_URL": app.config["DATABASE_URL"],
                   "INSTANCE_PATH": str(tmp_path / "worker"), "SECRET_KEY": "workers",
                   "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_port)}
    workers = [subprocess.Popen([str(Path(sys.executable).parent / "portal"), "worker", "--once"],
                                env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True) for _ in range(3)]
    outputs = [worker.communicate(timeout=300) for worker in workers]
    sent = 0
    for worker, (stdout, stderr) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, stderr
        sent += int(re.search(r"Sent (\d+) emails, 0 failed", stdout).group(1))
    assert sent == MESSAGES
    delivered_once(sessions, mail_server, recipients)


@pytest.mark.skipif(not postgres_url(), reason="row locks are PostgreSQL's: SQLite lets one "
                    "writer in at a time, which the tests above cover")
def test_a_message_locked_by_another_worker_is_skipped_without_waiting(
        app, sessions, mail_server, settings):
    recipients = sorted(queue_messages(sessions, 3))
    engine = app.extensions["portal_db"].engine
    with engine.connect() as other_worker:
        # Another worker in the middle of claiming the first message.
        other_worker.execute(select(OutboxMessage.id).order_by(OutboxMessage.id).limit(1)
                             .with_for_update())
        done: list = []
        thread = threading.Thread(
            target=lambda: done.append(deliver_due(sessions, send_with(settings))))
        thread.start()
        thread.join(timeout=60)
        assert done and done[0].sent == 2, "the other messages go without waiting"
        other_worker.rollback()
    assert [to for tos, _ in mail_server.messages for to in tos] == recipients[1:]
    assert deliver_due(sessions, send_with(settings)).sent == 1
