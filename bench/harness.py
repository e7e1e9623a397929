"""What the load and fault runs share: a portal of their own (a temporary instance folder,
a fresh SQLite file or PostgreSQL database), `portal serve` started and stopped, an HTTP
client that keeps cookies as a browser does, the complaint journey, and percentiles."""

import http.client
import os
import re
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

PROJECT = Path(__file__).resolve().parents[1]
BIN = PROJECT / ".venv" / "bin"
TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
REFERENCE = re.compile(r'portal-reference">([A-Z0-9-]+)<')
# A server that goes away mid-answer: refused, reset, or a reply cut short.
CONNECTION_LOST = (OSError, http.client.HTTPException)

COMPLAINT = [
    ("about", {"about": "officer"}),
    ("who", {"complainant": "affected"}),
    ("when", {"when_known": "approximate"}),
    ("when-roughly", {"happened_roughly": "Last month"}),
    ("what-happened", {"what_happened": "Person {n}: an officer was rude to me at the desk.",
                       "where": "Fernbridge police station", "people_involved": "PC 1234"}),
    ("put-right", {"put_right": "An apology."}),
    ("contact", {"full_name": "Person {n}", "email": "person{n}@example.com", "phone": "",
                 "address": "", "preferred_contact": "email", "contact_times": ""}),
    ("support", {"support_details": ""}),
    ("evidence", {}),
    ("share", {"share_with_psd": "yes"}),
    ("equality", {"skip": "yes"}),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def latency_summary(seconds: list[float]) -> dict[str, float]:
    return {name: round(percentile(seconds, share) * 1000, 1)
            for name, share in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99))}


@dataclass
class Portal:
    """One portal set up for a run: its settings, and the server once started."""

    env: dict[str, str]
    database_url: str
    port: int
    server: subprocess.Popen[bytes] | None = None
    log: Path | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(BIN / "portal"), *args], env=self.env, cwd=PROJECT,
                              check=check, capture_output=True, text=True)

    def start(self, workers: int = 2, timeout: float = 60) -> None:
        env = {**self.env, "WEB_BIND": f"127.0.0.1:{self.port}", "WEB_WORKERS": str(workers)}
        self.log = Path(self.env["INSTANCE_PATH"]) / "serve.log"
        self.server = subprocess.Popen([str(BIN / "portal"), "serve"], env=env, cwd=PROJECT,
                                       stdout=subprocess.DEVNULL,
                                       stderr=self.log.open("ab"))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise SystemExit(f"portal serve stopped; see {self.log}")
            try:
                if get(self.base + "/readyz", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit("portal serve did not become ready")

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.server.send_signal(signal.SIGTERM)
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.server.kill()
        self.server = None

    def workers(self) -> list[int]:
        """The process ids of gunicorn's workers (children of the master)."""
        assert self.server is not None
        found = subprocess.run(["pgrep", "-P", str(self.server.pid)], capture_output=True,
                               text=True)
        return [int(pid) for pid in found.stdout.split()]

    def count(self, statement: str) -> int:
        engine = create_engine(self.database_url)
        try:
            with engine.connect() as connection:
                return int(connection.execute(text(statement)).scalar() or 0)
        finally:
            engine.dispose()


def _fresh_postgres(url: str) -> None:
    main = make_url(url)
    server = create_engine(main.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{main.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{main.database}"'))
    server.dispose()


@contextmanager
def portal_for_run(database_url: str | None, records: int, **settings: str) -> Iterator[Portal]:
    """A migrated portal with the demonstration data and `records` generated records."""
    with tempfile.TemporaryDirectory(prefix="portal-run-") as folder:
        instance = Path(folder)
        if database_url:
            _fresh_postgres(database_url)
        url = database_url or f"sqlite:///{instance / 'portal.sqlite3'}"
        env = {**os.environ, "INSTANCE_PATH": str(instance), "DATABASE_URL": url,
               "SECRET_KEY": "load-and-fault-runs", "LOG_LEVEL": "WARNING",
               "INTAKE_SUBMISSION_LIMIT": "1000000 per hour", **settings}
        portal = Portal(env=env, database_url=url, port=free_port())
        portal.command("db", "upgrade")
        portal.command("demo")
        if records:
            corpus = instance / "corpus.jsonl"
            subprocess.run([str(BIN / "python"), "-c", (
                "import json, sys; sys.path.insert(0, 'bench'); "
                "from corpus import generate_corpus; "
                f"open({str(corpus)!r}, 'w').writelines(json.dumps(r) + '\\n' "
                f"for r in generate_corpus({records}))")], cwd=PROJECT, check=True)
            portal.command("import", str(corpus))
        try:
            yield portal
        finally:
            portal.stop()


def get(url: str, timeout: float = 30) -> tuple[int, bytes]:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@dataclass
class Browser:
    """One person's visits: a connection to the server and the cookies it has set."""

    base: str
    timeout: float = 60
    cookies: dict[str, str] = field(default_factory=dict)
    times: list[float] = field(default_factory=list)

    def request(self, method: str, path: str, form: dict[str, str] | None = None,
                ) -> tuple[int, str, str]:
        parts = urllib.parse.urlsplit(self.base)
        connection = http.client.HTTPConnection(parts.hostname, parts.port,
                                                timeout=self.timeout)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            page = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        self.times.append(time.perf_counter() - started)
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, page, response.getheader("Location") or ""

    def answer(self, path: str, fields: dict[str, str]) -> tuple[int, str, str]:
        status, page, _ = self.request("GET", path)
        if status != 200:
            return status, page, ""
        token = TOKEN.search(page)
        if token is None:
            return 599, page, ""
        return self.request("POST", path, {"csrf_token": token.group(1), **fields})


def send_complaint(browser: Browser, number: int) -> tuple[str | None, str]:
    """Go through the complaint form as a person would; the reference, or what went wrong."""
    for slug, fields in COMPLAINT:
        filled = {name: value.format(n=number) for name, value in fields.items()}
        status, _page, _where = browser.answer(f"/complaint/{slug}", filled)
        if status != 302:
            return None, f"{slug}: HTTP {status}"
    status, page, where = browser.answer("/complaint/check", {})
    if status != 302:
        return None, f"check: HTTP {status}"
    status, page, _ = browser.request("GET", where or "/complaint/confirmation")
    found = REFERENCE.search(page)
    return (found.group(1), "") if found else (None, f"confirmation: HTTP {status}")


def stored_since(portal: Portal, since: datetime) -> dict[str, Any]:
    """What the database holds of the complaints sent since `since`."""
    from portal.intake.models import IntakeCase, OutboxMessage

    engine = create_engine(portal.database_url)
    try:
        with engine.connect() as connection:
            references = list(connection.scalars(select(IntakeCase.reference).where(
                IntakeCase.kind == "complaint", IntakeCase.received_at >= since)))
            acknowledgements = connection.scalar(select(func.count()).select_from(
                OutboxMessage).where(OutboxMessage.purpose == "acknowledgement",
                                     OutboxMessage.created_at >= since,
                                     OutboxMessage.recipient.like("person%@example.com")))
    finally:
        engine.dispose()
    return {"references": references, "acknowledgements": int(acknowledgements or 0)}
