"""Backups that restore on either database: one consistent snapshot of every table as JSON
Lines, with the evidence files and published documents those rows name, in one tar file
with a manifest of row counts and file checksums.

The search index is not backed up: it is rebuilt from the restored records.
"""

import hashlib
import io
import json
import os
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import partial
from pathlib import Path
from typing import IO, Any

from alembic.migration import MigrationContext
from sqlalchemy import Connection, Date, DateTime, Engine, Table, Time, func, select, text

from content.dates import utcnow
from content.models import Base, RecordFile
from portal.intake.models import IntakeAttachment
from portal.private_files import open_private, private_folder

FORMAT = 1
# Derived from the other tables, so rebuilt rather than restored; and the count of changes
# to the published data, which the empty database restored into starts afresh (with an
# epoch of its own, so the pages restored never share an ETag with pages served before).
DERIVED_TABLES = frozenset({"search_pending", "content_version"})
INSERT_BATCH = 1_000
# Where each kind of stored file lives, by the table whose rows name it.
FILE_TABLES = {"uploads": IntakeAttachment.__table__, "documents": RecordFile.__table__}


class BackupProblem(Exception):
    """The backup cannot be made or restored; the message says what to do."""


@dataclass
class Manifest:
    created_at: str
    schema_revision: str | None
    rows: dict[str, int] = field(default_factory=dict)
    files: dict[str, dict[str, str]] = field(default_factory=dict)
    missing_files: list[str] = field(default_factory=list)

    def as_json(self) -> bytes:
        return json.dumps({"format": FORMAT, **self.__dict__}, indent=2).encode()


def backed_up_tables() -> list[Table]:
    """Every table in an order that inserts parents before the rows that refer to them."""
    return [table for table in Base.metadata.sorted_tables
            if table.name not in DERIVED_TABLES]


def schema_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _rows(connection: Connection, table: Table) -> Iterator[dict[str, Any]]:
    primary = list(table.primary_key.columns)
    result = connection.execution_options(stream_results=True, yield_per=INSERT_BATCH).execute(
        select(table).order_by(*primary))
    for row in result.mappings():
        yield {name: _plain(value) for name, value in row.items()}


def _snapshot(engine: Engine) -> Connection:
    """A connection whose reads all see the same moment, while the site carries on."""
    if engine.dialect.name == "postgresql":
        connection = engine.connect().execution_options(isolation_level="REPEATABLE READ")
        connection.begin()
        connection.execute(text("SET TRANSACTION READ ONLY"))
        return connection
    connection = engine.connect()
    connection.begin()
    # SQLite in WAL mode: the first read fixes the snapshot for the whole transaction.
    connection.execute(text("SELECT count(*) FROM sqlite_master"))
    return connection


def _add(archive: tarfile.TarFile, name: str, data: bytes | IO[bytes], size: int) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(utcnow().timestamp()), 0o600
    archive.addfile(info, io.BytesIO(data) if isinstance(data, bytes) else data)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_backup(engine: Engine, destination: Path, folders: dict[str, Path]) -> Manifest:
    """Write the backup to `destination` (a .tar.gz), written whole or not at all."""
    partial = destination.with_name(destination.name + ".partial")
    connection = _snapshot(engine)
    try:
        manifest = Manifest(created_at=utcnow().isoformat(),
                            schema_revision=schema_revision(connection))
        with os.fdopen(open_private(partial), "wb") as private, \
                tarfile.open(fileobj=private, mode="w:gz") as archive:
            for table in backed_up_tables():
                with tempfile.TemporaryFile() as spool:  # a tar entry needs its size first
                    count = 0
                    for row in _rows(connection, table):
                        spool.write(json.dumps(row, ensure_ascii=False).encode() + b"\n")
                        count += 1
                    manifest.rows[table.name] = count
                    size = spool.tell()
                    spool.seek(0)
                    _add(archive, f"tables/{table.name}.jsonl", spool, size)
            for kind, file_table in FILE_TABLES.items():
                manifest.files[kind] = {}
                for stored in connection.scalars(select(file_table.c.stored_name).order_by(
                        file_table.c.stored_name)):
                    path = folders[kind] / stored
                    if not path.is_file():
                        manifest.missing_files.append(f"{kind}/{stored}")
                        continue
                    manifest.files[kind][stored] = _sha256(path)
                    with path.open("rb") as stream:
                        _add(archive, f"files/{kind}/{stored}", stream, path.stat().st_size)
            _add(archive, "manifest.json", manifest.as_json(), len(manifest.as_json()))
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        connection.rollback()
        connection.close()
    partial.replace(destination)
    return manifest


def _typed(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    typed = dict(row)
    for column in table.columns:
        value = typed.get(column.name)
        if value is None:
            continue
        if isinstance(column.type, DateTime) or isinstance(
                getattr(column.type, "impl", None), DateTime):
            typed[column.name] = datetime.fromisoformat(value)
        elif isinstance(column.type, Date):
            typed[column.name] = date.fromisoformat(value)
        elif isinstance(column.type, Time):  # a meeting's start time
            typed[column.name] = time.fromisoformat(value)
    return typed


def _read_manifest(archive: tarfile.TarFile) -> Manifest:
    try:
        member = archive.extractfile("manifest.json")
    except KeyError:
        raise BackupProblem("This is not a portal backup: it has no manifest.json") from None
    assert member is not None
    raw = json.loads(member.read())
    if raw.pop("format", None) != FORMAT:
        raise BackupProblem("This backup was made by a different version of the portal")
    return Manifest(**raw)


def _check_empty(connection: Connection, manifest: Manifest) -> None:
    if schema_revision(connection) != manifest.schema_revision:
        raise BackupProblem(
            f"The database is at schema {schema_revision(connection)} but the backup is at "
            f"{manifest.schema_revision}: create an empty database, run `portal db upgrade` "
            "with the version of the portal that made the backup, then restore")
    for table in backed_up_tables():
        if connection.scalar(select(func.count()).select_from(table)):
            raise BackupProblem(f"The database already has data (table {table.name}): "
                                "restore only into an empty database")


def _restart_numbering(connection: Connection) -> None:
    """PostgreSQL hands out ids from sequences, which the restored rows have not moved on."""
    if connection.dialect.name != "postgresql":
        return
    for table in backed_up_tables():
        for column in table.primary_key.columns:
            sequence = connection.scalar(text("SELECT pg_get_serial_sequence(:table, :column)"),
                                         {"table": table.name, "column": column.name})
            if sequence is None:
                continue
            highest = connection.scalar(select(func.max(column))) or 0
            connection.execute(text("SELECT setval(:sequence, :next, false)"),
                               {"sequence": sequence, "next": highest + 1})


def restore_backup(engine: Engine, source: Path, folders: dict[str, Path]) -> Manifest:
    """Load a backup into an empty database at the same schema, in one transaction, and put
    its files back. Files are unpacked and checked beside their folders first, and moved
    into place only once the rows are committed."""
    with tarfile.open(source, "r:gz") as archive:
        manifest = _read_manifest(archive)
        unpacked = _unpack_files(archive, manifest, folders)
        try:
            with engine.begin() as connection:
                _check_empty(connection, manifest)
                for table in backed_up_tables():
                    member = archive.extractfile(f"tables/{table.name}.jsonl")
                    if member is None:
                        raise BackupProblem(f"The backup has no rows for table {table.name}")
                    _insert_rows(connection, table, member)
                _restart_numbering(connection)
        except BaseException:
            for waiting, _final in unpacked:
                waiting.unlink(missing_ok=True)
            raise
    for waiting, final in unpacked:
        waiting.replace(final)
    return manifest


def _insert_rows(connection: Connection, table: Table, member: IO[bytes]) -> None:
    batch: list[dict[str, Any]] = []
    for line in member:
        batch.append(_typed(table, json.loads(line)))
        if len(batch) == INSERT_BATCH:
            connection.execute(table.insert(), batch)
            batch = []
    if batch:
        connection.execute(table.insert(), batch)


def _unpack_files(archive: tarfile.TarFile, manifest: Manifest,
                  folders: dict[str, Path]) -> list[tuple[Path, Path]]:
    """Each file written under a temporary name and checked against its checksum; the
    (temporary, final) paths."""
    unpacked: list[tuple[Path, Path]] = []
    try:
        for kind, checksums in manifest.files.items():
            private_folder(folders[kind])
            for stored, checksum in checksums.items():
                member = archive.extractfile(f"files/{kind}/{stored}")
                waiting = folders[kind] / f".restoring-{stored}"
                unpacked.append((waiting, folders[kind] / stored))
                digest = hashlib.sha256()
                with os.fdopen(open_private(waiting), "wb") as out:
                    # A member missing from the archive reads as nothing: its checksum fails.
                    source = member or io.BytesIO()
                    for block in iter(partial(source.read, 1 << 20), b""):
                        digest.update(block)
                        out.write(block)
                if digest.hexdigest() != checksum:
                    raise BackupProblem(f"The file {kind}/{stored} in the backup is damaged: "
                                        "use another backup")
    except BaseException:
        for waiting, _final in unpacked:
            waiting.unlink(missing_ok=True)
        raise
    return unpacked
