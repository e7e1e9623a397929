"""The `portal` command: import, demo, database upgrade, and every command run for real."""

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from content.models import Decision, Expense, Policy, ScrutinyOutcome
from portal.db import make_engine
from portal.intake.models import IntakeCase, OutboxMessage
from portal.staff.models import StaffUser
from search.tantivy_engine import TantivyIndex
from tests import factories
from tests.databases import fresh_schema, in_schema, postgres_url
from tests.integration.test_outbox import Inbox, free_port


def write_lines(path, *records):
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return str(path)


def count(session, model):
    return session.scalar(select(func.count()).select_from(model))


def test_import_loads_every_record_type_and_ends_with_a_summary(runner, session, tmp_path):
    file = write_lines(tmp_path / "records.jsonl", factories.decision(), factories.expense(),
                       factories.policy(), factories.scrutiny())
    result = runner.invoke(args=["import", file])
    assert result.exit_code == 0, result.output
    assert "Imported 4 records: 4 new, 0 updated, 0 unchanged." in result.output
    assert [count(session, model) for model in (Decision, Expense, Policy, ScrutinyOutcome)] == [1, 1, 1, 1]


def test_one_bad_line_imports_nothing_and_names_the_line_and_field(runner, session, tmp_path):
    file = write_lines(tmp_path / "records.jsonl", factories.decision(), factories.expense(),
                       factories.expense("Hotel", amount="about fifty"))
    result = runner.invoke(args=["import", file])
    assert result.exit_code == 1
    assert 'records.jsonl, line 3, field "amount": "about fifty" is not an amount of money' in result.output
    assert "Nothing was imported" in result.output
    assert count(session, Decision) == 0
    assert count(session, Expense) == 0


def test_importing_again_updates_records_instead_of_duplicating_them(runner, session, tmp_path):
    runner.invoke(args=["import", write_lines(tmp_path / "a.jsonl", factories.decision(),
                                              factories.scrutiny())])
    changed = factories.decision(title="Award of the victims' services contract (amended)")
    result = runner.invoke(args=["import", write_lines(tmp_path / "b.jsonl", changed,
                                                       factories.scrutiny())])
    assert "2 records: 0 new, 1 updated, 1 unchanged" in result.output
    assert count(session, Decision) == 1
    assert session.scalar(select(Decision.title)).endswith("(amended)")


def test_a_new_policy_version_supersedes_the_previous_one(runner, session, tmp_path):
    runner.invoke(args=["import", write_lines(tmp_path / "a.jsonl",
                                              factories.policy(version="1.0", approved="2020-01-01"))])
    runner.invoke(args=["import", write_lines(tmp_path / "b.jsonl", factories.policy(version="2.1"))])
    versions = dict(session.execute(select(Policy.version, Policy.is_current)).all())
    assert versions == {"1.0": False, "2.1": True}


def test_expenses_import_from_csv(runner, session, tmp_path):
    file = tmp_path / "claims.csv"
    file.write_text("Date,Claimant,Category,Description,Amount,Notes\n"
                    "05/03/2025,Police and Crime Commissioner,Travel,Taxi,£12.40,receipt\n",
                    encoding="utf-8")
    result = runner.invoke(args=["import", str(file)])
    assert result.exit_code == 0, result.output
    assert "Columns not imported: notes." in result.output
    assert session.scalar(select(Expense.amount_pence)) == 1240


def test_a_file_that_is_not_utf8_is_refused_with_advice(runner, tmp_path):
    file = tmp_path / "claims.csv"
    file.write_bytes("date,claimant,category,description,amount\n2025-03-05,PCC,Travel,Caf\xe9,1\n"
                     .encode("latin-1"))
    result = runner.invoke(args=["import", str(file)])
    assert result.exit_code == 1
    assert "save it as UTF-8" in result.output


def test_the_demo_data_loads_once_however_often_it_is_run(runner, session):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    totals = [count(session, model) for model in (Decision, Expense, Policy, ScrutinyOutcome)]
    assert totals[0] >= 150 and totals[1] >= 1500 and totals[2] >= 25 and totals[3] >= 60
    second = runner.invoke(args=["demo"])
    assert "0 new, 0 updated" in second.output
    assert [count(session, model) for model in (Decision, Expense, Policy, ScrutinyOutcome)] == totals


def test_db_upgrade_can_run_on_an_up_to_date_database(runner):
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0
    assert "up to date" in result.output


def test_the_demo_includes_a_queue_at_every_stage_with_some_overdue(runner, session, app, clock):
    from portal.intake.models import IntakeCase
    from portal.staff.casework import QueueFilters, list_queue
    assert runner.invoke(args=["demo"]).exit_code == 0
    cases = session.scalars(select(IntakeCase)).all()
    assert len(cases) == 40
    assert {case.kind for case in cases} == {"complaint", "compliment", "review"}
    assert len({case.status for case in cases}) >= 6
    queue = list_queue(session, QueueFilters(status="open"), clock.today)
    assert queue.overdue > 0
    assert "Added" not in runner.invoke(args=["demo"]).output  # only once
    assert count(session, IntakeCase) == 40


@pytest.fixture
def empty_database_url(tmp_path) -> Iterator[str]:
    """A database with no tables yet: a new SQLite file, or a new PostgreSQL schema."""
    postgres = postgres_url()
    if not postgres:
        yield f"sqlite:///{tmp_path / 'commands.sqlite3'}"
        return
    fresh_schema(postgres, "command_line")
    yield in_schema(postgres, "command_line")
    fresh_schema(postgres, "command_line")


def first_email_address(database_url: str) -> str:
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            answers = session.scalars(select(IntakeCase.answers).order_by(IntakeCase.id))
            return next(given["email"] for given in answers if given.get("email"))
    finally:
        engine.dispose()


def test_every_command_works_end_to_end_on_the_database_in_database_url(empty_database_url,
                                                                         tmp_path):
    instance = tmp_path / "instance"
    inbox, smtp_port = Inbox(), free_port()
    environment = {**os.environ, "DATABASE_URL": empty_database_url, "SECRET_KEY": "commands",
                   "INSTANCE_PATH": str(instance), "SMTP_HOST": "127.0.0.1",
                   "SMTP_PORT": str(smtp_port), "RETENTION_DAYS": "30"}

    def portal(*args: str, typed: str | None = None) -> str:
        done = subprocess.run([str(Path(sys.executable).parent / "portal"), *args],
                              env=environment, capture_output=True, text=True, timeout=600,
                              input=typed)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    assert "The database schema is up to date." in portal("db", "upgrade")
    assert "Added 40 demonstration cases" in portal("demo")
    records = write_lines(tmp_path / "new.jsonl", factories.decision("2099/001"))
    assert "1 new" in portal("import", records)
    indexed = int(re.search(r"Indexed ([\d,]+) published records", portal("reindex"))
                  .group(1).replace(",", ""))
    assert "Created pat@example.org (publisher)." in portal(
        "users", "create", "pat@example.org", "--role", "publisher",
        "--password", "a long enough password")
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        assert re.search(r"Sent \d+ emails, 0 failed", portal("worker", "--once"))
    finally:
        controller.stop()
    person = first_email_address(empty_database_url)
    download = tmp_path / "subject-access.zip"
    found = portal("subject-access", "--export", str(download), typed=f" {person.upper()}\n")
    assert f"Email address matches: {person}" in found and "Wrote 1 case to" in found
    assert download.stat().st_mode & 0o777 == 0o600
    due = int(re.search(r"(\d+) closed cases are past", portal("retention", "--dry-run")).group(1))
    assert f"from {due} closed cases" in portal("retention")

    engine = make_engine(empty_database_url)
    try:
        with Session(engine) as session:
            assert session.scalar(select(Decision.id).where(Decision.reference == "2099/001"))
            assert count(session, StaffUser) == 1
            assert set(session.scalars(select(OutboxMessage.status))) <= {"sent"}
            assert len(inbox.messages) == count(session, OutboxMessage)
            assert due > 0 and count(session, IntakeCase) == 40
            assert indexed == len(TantivyIndex(instance / "search").document_keys())
    finally:
        engine.dispose()
