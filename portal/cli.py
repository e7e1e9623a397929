"""The `portal` command: a Flask command group with the portal's own commands."""

import logging
import os
import signal
import sys
import time
from datetime import timedelta
from pathlib import Path
from types import FrameType

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from sqlalchemy.orm import Session, sessionmaker

from content.dates import (
    uk_today,
    utcnow,
)
from content.demo import load_demo
from content.importer import ImportRejected, ImportSummary
from content.kinds import NAMES, kind_named
from content.people import ReportingLinesRefused, settle_posts, settle_seniority
from content.publishing import publish_due
from content.search_queue import count_pending
from content.spreadsheets import read_import_file
from content.store import save_records
from portal import migrate
from portal.backup import BackupProblem, restore_backup, write_backup
from portal.config import import_rules
from portal.db import database
from portal.hmicfrs_reminders import queue_reminders
from portal.indexing import DEFER_SYNC, rebuild, search_index, sync_pending
from portal.intake.demo_cases import load_demo_cases
from portal.intake.outbox import MailSettings, deliver_due, purge_expired_drafts, send_over_smtp
from portal.intake.retention import apply_retention
from portal.intake.store import draft_idle_limit
from portal.kinds import clock_rules
from portal.search_documents import count_searchable
from portal.staff import accounts
from portal.staff.models import ROLES
from portal.subject_access_command import subject_access_command

log = logging.getLogger(__name__)
MAX_PROBLEMS_SHOWN = 50
# Past this many queued changes, a full rebuild on both cores is quicker than updating.
REBUILD_AFTER_CHANGES = 5_000


def _create_app() -> Flask:
    from portal import create_app
    from portal.indexing import SearchSettingProblem

    try:
        return create_app()
    except SearchSettingProblem as problem:  # a setting to change, not a crash to debug
        raise click.ClickException(str(problem)) from None


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False)
def main() -> None:
    """Run and manage the transparency portal."""


def init_app(app: Flask) -> None:
    app.cli.add_command(db_group)
    app.cli.add_command(demo_command)
    app.cli.add_command(import_command)
    app.cli.add_command(reindex_command)
    app.cli.add_command(worker_command)
    app.cli.add_command(users_group)
    app.cli.add_command(retention_command)
    app.cli.add_command(subject_access_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(serve_command)


@click.group("db")
def db_group() -> None:
    """Manage the database schema."""


@db_group.command("upgrade")
@with_appcontext
def db_upgrade() -> None:
    """Create or migrate the database schema to the latest version."""
    migrate.upgrade(database().engine)
    click.echo("The database schema is up to date.")
    if not search_index().has_current_schema():
        click.echo("The search index was built by an older version and will be rebuilt.")
    _update_search_index()


def _rebuild_search_index(processes: int = 2) -> int:
    sessions = database().sessions
    with sessions() as session:
        total = count_searchable(session)
    with click.progressbar(length=total, label="Indexing", file=sys.stderr) as bar:
        return rebuild(sessions, search_index(), progress=bar.update, processes=processes)


def _update_search_index() -> None:
    """Bring the search index up to date with what was just committed."""
    sessions, index = database().sessions, search_index()
    with sessions() as session:
        waiting = count_pending(session)
    if not index.has_current_schema() or waiting > REBUILD_AFTER_CHANGES:
        _rebuild_search_index()
        return
    if not waiting:
        return
    with click.progressbar(length=waiting, label="Updating the search index",
                           file=sys.stderr) as bar:
        sync_pending(sessions, index, progress=bar.update)
    with sessions() as session:
        still_waiting = count_pending(session)
    if still_waiting:
        click.echo(f"The search index is busy: {still_waiting} changes will be applied by the "
                   "next change or by `portal reindex`.", err=True)


def _echo_summary(summary: ImportSummary) -> None:
    for note in summary.notes:
        click.echo(note)
    click.echo(summary.describe())


@click.command("demo")
@click.option("--spending-per-month", type=click.IntRange(1, 20_000),
              help="Spending lines a month to load (default: DEMO_SPENDING_PER_MONTH).")
@with_appcontext
def demo_command(spending_per_month: int | None) -> None:
    """Load the fictional demonstration data set (running it again changes nothing)."""
    migrate.upgrade(database().engine)
    volume = spending_per_month or current_app.config["DEMO_SPENDING_PER_MONTH"]
    with database().sessions.begin() as session:
        session.info[DEFER_SYNC] = True
        summary = load_demo(session, volume)
        settle_posts(session, current_app.config["SENIOR_SALARY_THRESHOLD"])
        cases = load_demo_cases(session, utcnow())
    _update_search_index()
    _echo_summary(summary)
    if cases:
        click.echo(f"Added {cases} demonstration cases to the intake queue.")


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--type", "record_type", type=click.Choice(NAMES),
              help="The kind of record a CSV file holds (told from its header row if left out).")
@with_appcontext
def import_command(file: Path, record_type: str | None) -> None:
    """Import records from a JSON Lines file, or records of one kind from a CSV file."""
    notes: list[str] = []
    kind = kind_named(record_type) if record_type else None
    try:
        records = read_import_file(file, notes, import_rules(current_app.config), kind)
    except ImportRejected as rejected:
        for problem in rejected.problems[:MAX_PROBLEMS_SHOWN]:
            click.echo(f"{file.name}, {problem}", err=True)
        hidden = len(rejected.problems) - MAX_PROBLEMS_SHOWN
        if hidden > 0:
            click.echo(f"… and {hidden} more problems.", err=True)
        raise click.ClickException(
            f"Nothing was imported: fix the {len(rejected.problems)} problem(s) above "
            "and run the import again.") from None
    with database().sessions.begin() as session, click.progressbar(
        length=len(records), label="Importing", file=sys.stderr,
    ) as bar:
        session.info[DEFER_SYNC] = True
        summary = save_records(session, records, progress=bar.update)
        try:
            settle_posts(session, current_app.config["SENIOR_SALARY_THRESHOLD"])
        except ReportingLinesRefused as refused:
            raise click.ClickException(
                f"Nothing was imported: {refused}. Correct the reporting lines (reports_to) "
                "and run the import again.") from None
    _update_search_index()
    summary.notes.extend(notes)
    _echo_summary(summary)


@click.command("reindex")
@click.option("--processes", default=2, show_default=True, help="Processes to index with.")
@with_appcontext
def reindex_command(processes: int) -> None:
    """Rebuild the search index from the database (searches keep working meanwhile)."""
    count = _rebuild_search_index(processes)
    click.echo(f"Indexed {count:,} published records.")


def mail_settings() -> MailSettings:
    config = current_app.config
    return MailSettings(host=config["SMTP_HOST"], port=int(config["SMTP_PORT"]),
                        sender=config["MAIL_FROM"], username=config["SMTP_USERNAME"],
                        password=config["SMTP_PASSWORD"], starttls=bool(config["SMTP_STARTTLS"]))


@click.command("worker")
@click.option("--once", is_flag=True, help="Do one round of work and stop.")
@click.option("--interval", default=10.0, show_default=True, help="Seconds between rounds.")
@with_appcontext
def worker_command(once: bool, interval: float) -> None:
    """Publish scheduled records when their time comes, keep who is a senior employee in
    step with SENIOR_SALARY_THRESHOLD, remind the owners of HMICFRS responses falling due,
    send queued emails (retrying failures), and delete unsent answers left untouched for
    DRAFT_TIMEOUT_MINUTES."""
    settings, sessions = mail_settings(), database().sessions
    threshold = int(current_app.config["SENIOR_SALARY_THRESHOLD"])
    uploads = Path(current_app.config["UPLOAD_PATH"])
    idle_limit = draft_idle_limit(current_app.config)
    stopping = False

    def stop(_signal: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True  # finish the message in hand, then stop

    signal.signal(signal.SIGTERM, stop)
    while True:
        with sessions() as session:
            published = publish_due(session)
            settle_seniority(session, threshold)
            session.commit()  # the search index follows the commit
            reminded = queue_reminders(session, uk_today(), clock_rules(),
                                       current_app.config["OPCC_NAME"])
            session.commit()
        if published:
            click.echo(f"Published {published} scheduled records.")
        if reminded:
            click.echo(f"Queued {reminded} reminders of HMICFRS responses due.")
        delivery = deliver_due(sessions, lambda message: send_over_smtp(settings, message))
        purged = purge_expired_drafts(sessions, uploads, idle_limit)
        _apply_queued_search_changes(sessions)
        if delivery.sent or delivery.failed or purged or once:
            click.echo(f"Sent {delivery.sent} emails, {delivery.failed} failed and will be "
                       f"tried again; deleted {purged} unsent drafts.")
        if once or stopping:
            return
        time.sleep(interval)


def _apply_queued_search_changes(sessions: sessionmaker[Session]) -> None:
    """Changes left queued while the index was busy are applied here if nowhere else;
    a search index problem must not stop the mail."""
    try:
        sync_pending(sessions, search_index())
    except Exception:
        log.exception("Could not apply the queued search-index changes; they stay queued")


@click.group("users")
def users_group() -> None:
    """Manage staff accounts."""


@users_group.command("create")
@click.argument("email")
@click.option("--role", "roles", multiple=True, required=True,
              type=click.Choice(list(ROLES)), help="Repeat for several roles.")
@click.password_option(help="The first password (asked for when not given).")
@with_appcontext
def users_create(email: str, roles: tuple[str, ...], password: str) -> None:
    """Create a staff account; roles that see personal data set up two-factor at sign-in."""
    with database().sessions() as session:
        try:
            user = accounts.create_user(session, email, password, list(roles))
        except accounts.AccountProblem as problem:
            raise click.ClickException(str(problem)) from None
        accounts.audit(session, None, "account created", user.email, roles=user.roles)
        session.commit()
        click.echo(f"Created {user.email} ({', '.join(user.roles)}).")
        if user.needs_two_factor:
            click.echo("They will set up two-factor authentication when they first sign in.")


@click.command("retention")
@click.option("--dry-run", is_flag=True, help="List what would be anonymised; change nothing.")
@with_appcontext
def retention_command(dry_run: bool) -> None:
    """Remove personal details from cases closed longer ago than RETENTION_DAYS."""
    keep_for = timedelta(days=int(current_app.config["RETENTION_DAYS"]))
    with database().sessions() as session:
        report = apply_retention(session, utcnow(), keep_for,
                                 Path(current_app.config["UPLOAD_PATH"]), dry_run)
        if dry_run:
            session.rollback()
            click.echo(f"{len(report.references)} closed cases are past the retention period"
                       + (": " + ", ".join(report.references) if report.references else "."))
            return
        for reference in report.references:
            accounts.audit(session, None, "personal details removed (retention)", reference)
        session.commit()
    click.echo(f"Removed the personal details from {len(report.references)} closed cases "
               f"and deleted {report.files_deleted} files.")


def _stored_file_folders() -> dict[str, Path]:
    return {"uploads": Path(current_app.config["UPLOAD_PATH"]),
            "documents": Path(current_app.config["DOCUMENTS_PATH"])}


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(file: Path) -> None:
    """Write a backup of the database and the stored files to FILE (.tar.gz)."""
    manifest = write_backup(database().engine, file, _stored_file_folders())
    rows = sum(manifest.rows.values())
    files = sum(len(names) for names in manifest.files.values())
    click.echo(f"Backed up {rows} rows and {files} files to {file}.")
    for missing in manifest.missing_files:
        click.echo(f"Not found, so not in the backup: {missing}", err=True)


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def restore_command(file: Path) -> None:
    """Restore a backup made by `portal backup` into an empty database, then rebuild the
    search index."""
    try:
        manifest = restore_backup(database().engine, file, _stored_file_folders())
    except BackupProblem as problem:
        raise click.ClickException(str(problem)) from None
    click.echo(f"Restored {sum(manifest.rows.values())} rows and "
               f"{sum(len(names) for names in manifest.files.values())} files from {file}.")
    _rebuild_search_index()


@click.command("serve", context_settings={"ignore_unknown_options": True})
@click.argument("gunicorn_options", nargs=-1, type=click.UNPROCESSED)
@with_appcontext
def serve_command(gunicorn_options: tuple[str, ...]) -> None:
    """Serve the portal with gunicorn (settings WEB_BIND, WEB_WORKERS, WEB_THREADS,
    WEB_TIMEOUT); any options given are passed on to gunicorn."""
    if not migrate.is_at_head(database().engine):
        raise click.ClickException("The database schema is not the latest: run "
                                   "`portal db upgrade`, then start the server again.")
    # Made here, once, so the workers starting together do not race to create it.
    search_index().ensure_exists()
    database().engine.dispose()
    command = [sys.executable, "-m", "gunicorn", "--config", "python:portal.gunicorn_config",
               *gunicorn_options]
    sys.stdout.flush()
    sys.stderr.flush()
    # Replaced rather than run as a child, so the service manager's signals reach gunicorn.
    os.execv(sys.executable, command)  # noqa: S606 - a fixed command, no shell
