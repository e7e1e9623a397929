"""`portal subject-access`: the staff page's search and download, for the command line.

The person's details are asked for at a prompt rather than taken as an argument, so they
stay out of the shell's history and the list of running processes.
"""

import os
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from portal.db import database
from portal.intake.flows import question_labels
from portal.intake.models import KIND_NAMES
from portal.intake.subject_access import (
    Found,
    export_zip,
    find_person,
    understand,
)
from portal.staff import accounts


@click.command("subject-access")
@click.option("--export", "export_to", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the cases found, with their history and files, to this "
                   "zip file (readable by you alone).")
@with_appcontext
def subject_access_command(export_to: Path | None) -> None:
    """Find every case that mentions one person, and why; optionally download them."""
    who = click.prompt("Email address, full name or telephone number", hide_input=False)
    wanted = understand(who)
    if wanted is None or not wanted.clues:  # a letter or two would match nearly every case
        raise click.ClickException("Enter more of the person’s name, at least 2 letters "
                                   "together.")
    with database().sessions() as session:
        found = find_person(session, who, question_labels())
        accounts.audit(session, None, "subject access search", cases=len(found))
        if found and export_to is not None:
            cases = [item.case for item in found]
            upload_folder = Path(current_app.config["UPLOAD_PATH"])
            _write_privately(export_to, export_zip(cases, upload_folder))
            accounts.audit(session, None, "subject access export",
                           cases=[case.reference for case in cases])
        session.commit()
    if not found:
        click.echo("No cases were found for that person.")
        return
    for item in found:
        click.echo(_describe(item))
    if export_to is not None:
        click.echo(f"Wrote {len(found)} {'case' if len(found) == 1 else 'cases'} "
                   f"to {export_to}.")


def _describe(item: Found) -> str:
    case = item.case
    lines = [f"{case.reference}  {KIND_NAMES[case.kind]}, received {case.received_at:%Y-%m-%d}"]
    lines += [f"  {reason}" for reason in item.reasons]
    return "\n".join(lines)


def _write_privately(path: Path, data: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)
