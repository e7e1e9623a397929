"""Faults while the portal is serving, each proved against real parts on this machine.

    .venv/bin/python bench/fault_bench.py            # every fault, figures printed
    .venv/bin/python bench/fault_bench.py --only database --json /tmp/faults.json
    make faults

- database: a PostgreSQL server of the run's own is stopped for a few seconds in the middle
  of a run of complaint submissions. Every submission must end stored and confirmed, or the
  person is shown a page saying to try again (with what they typed, at a question), and no
  complaint may be stored twice; people press the button again as a person would.
- worker: gunicorn workers are killed (SIGKILL) in the middle of requests; the service must
  carry on, the master must replace them, and no complaint is stored twice.
- mail: the SMTP server is down when complaints arrive; the acknowledgements wait in the
  outbox and are each delivered once when it is back (to a real aiosmtpd server).
- reindex: `portal reindex` rebuilds the search index while searches are being served;
  every search must keep answering.
"""

import argparse
import json
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from harness import (
    BIN,
    COMPLAINT,
    CONNECTION_LOST,
    PROJECT,
    TOKEN,
    Browser,
    Portal,
    free_port,
    get,
    portal_for_run,
    stored_since,
)
from private_postgres import private_postgres

TRY_AGAIN = ("we could not save this answer", "we could not send your",
             "there is a problem with the service")
GIVE_UP_AFTER = 90.0


class Person:
    """Sends one complaint, pressing the button again when told to, as a person would."""

    def __init__(self, base: str, number: int, retry_connection_errors: bool = False) -> None:
        self.browser = Browser(base, timeout=60)
        self.number = number
        self.retry_connection_errors = retry_connection_errors
        self.told_to_try_again = 0
        self.answers_shown_back = 0
        self.connection_errors = 0
        self.unexplained: list[str] = []

    def _step(self, path: str, fields: dict[str, str]) -> tuple[int, str, str]:
        give_up = time.monotonic() + GIVE_UP_AFTER
        while True:
            try:
                status, page, where = self.browser.request("GET", path)
                if status == 200:
                    token = TOKEN.search(page)
                    status, page, where = self.browser.request(
                        "POST", path, {"csrf_token": token.group(1) if token else "",
                                       **fields})
            except CONNECTION_LOST:
                self.connection_errors += 1
                if not self.retry_connection_errors or time.monotonic() > give_up:
                    raise
                time.sleep(0.5)
                continue
            if status == 503 and any(words in page for words in TRY_AGAIN):
                self.told_to_try_again += 1
                typed = fields.get("what_happened")
                if typed and typed in page.replace("&#39;", "'"):
                    self.answers_shown_back += 1
                if time.monotonic() > give_up:
                    return status, page, where
                time.sleep(1)
                continue
            return status, page, where

    def send(self) -> str | None:
        for slug, fields in COMPLAINT:
            filled = {name: value.format(n=self.number) for name, value in fields.items()}
            status, page, _ = self._step(f"/complaint/{slug}", filled)
            if status != 302:
                self.unexplained.append(f"{slug}: HTTP {status}")
                return None
        status, page, where = self._step("/complaint/check", {})
        if status != 302:
            self.unexplained.append(f"check: HTTP {status}")
            return None
        give_up = time.monotonic() + GIVE_UP_AFTER
        while True:  # the confirmation page, reloaded if it could not be shown
            status, page, _ = self.browser.request("GET", where)
            found = re.search(r'portal-reference">([A-Z0-9-]+)<', page)
            if found or status != 503 or time.monotonic() > give_up:
                break
            self.told_to_try_again += 1
            time.sleep(1)
        if found is None:
            self.unexplained.append(f"confirmation: HTTP {status}")
        return found.group(1) if found else None


def people_sending(portal: Portal, seconds: float, concurrency: int, first_number: int,
                   retry_connection_errors: bool = False) -> list[tuple[Person, str | None]]:
    """`concurrency` people sending complaints back to back for `seconds`."""
    results: list[tuple[Person, str | None]] = []
    lock = threading.Lock()
    numbers = iter(range(first_number, first_number + 10**6))
    stop_at = time.monotonic() + seconds

    def person() -> None:
        while time.monotonic() < stop_at:
            with lock:
                someone = Person(portal.base, next(numbers), retry_connection_errors)
            try:
                reference = someone.send()
            except CONNECTION_LOST as error:
                someone.unexplained.append(f"no answer: {type(error).__name__}")
                reference = None
            with lock:
                results.append((someone, reference))

    threads = [threading.Thread(target=person) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def stored_per_person(portal: Portal, since: datetime) -> Counter[str]:
    from sqlalchemy import create_engine, select

    from portal.intake.models import IntakeCase
    engine = create_engine(portal.database_url)
    with engine.connect() as connection:
        names = Counter(answers.get("full_name") for answers in connection.scalars(
            select(IntakeCase.answers).where(IntakeCase.received_at >= since)))
    engine.dispose()
    return names


def sending_summary(portal: Portal, since: datetime,
                    results: list[tuple[Person, str | None]]) -> dict[str, Any]:
    stored = stored_per_person(portal, since)
    confirmed = {f"Person {p.number}" for p, reference in results if reference}
    return {
        "complaints_started": len(results),
        "confirmed": len(confirmed),
        "stored": sum(stored.values()),
        "stored_twice": sorted(name for name, times in stored.items() if times > 1),
        "confirmed_but_not_stored": sorted(confirmed - set(stored)),
        "told_to_try_again": sum(p.told_to_try_again for p, _ in results),
        "answers_shown_back": sum(p.answers_shown_back for p, _ in results),
        "connection_errors": sum(p.connection_errors for p, _ in results),
        "unexplained": [why for p, _ in results for why in p.unexplained][:10],
        "unfinished_not_told": sum(1 for p, reference in results
                                   if reference is None and not p.told_to_try_again),
    }


def database_outage(outage_seconds: float = 5) -> dict[str, Any]:
    with private_postgres() as server, portal_for_run(server.url, records=0) as portal:
        portal.start(workers=4)
        since = datetime.now(UTC)
        sending: list[tuple[Person, str | None]] = []
        runner = threading.Thread(target=lambda: sending.extend(
            people_sending(portal, 30, 16, 1)))
        runner.start()
        time.sleep(10)
        stopped_at = time.monotonic()
        server.stop()
        time.sleep(outage_seconds)
        server.start()
        outage = time.monotonic() - stopped_at
        runner.join()
        result = sending_summary(portal, since, sending)
        result["outage_seconds"] = round(outage, 1)
        result["ready_after"] = get(portal.base + "/readyz")[0]
    result["passed"] = (not result["stored_twice"] and not result["confirmed_but_not_stored"]
                        and not result["unexplained"] and result["told_to_try_again"] > 0
                        and result["ready_after"] == 200)
    return result


def worker_killed() -> dict[str, Any]:
    with portal_for_run(None, records=0) as portal:
        portal.start(workers=3)
        since = datetime.now(UTC)
        pages = {"answered": 0, "failed": 0}
        sending: list[tuple[Person, str | None]] = []
        stop_at = time.monotonic() + 20

        def reader() -> None:
            while time.monotonic() < stop_at:
                try:
                    status, _ = get(portal.base + "/search?q=victims", timeout=30)
                    pages["answered" if status == 200 else "failed"] += 1
                except CONNECTION_LOST:
                    pages["failed"] += 1

        threads = [threading.Thread(target=reader) for _ in range(4)]
        threads.append(threading.Thread(target=lambda: sending.extend(
            people_sending(portal, 20, 4, 1, retry_connection_errors=True))))
        for thread in threads:
            thread.start()
        killed = []
        for at in (5, 11):
            time.sleep(at - (20 - (stop_at - time.monotonic())))
            victim = portal.workers()[0]
            subprocess.run(["kill", "-KILL", str(victim)], check=True)
            killed.append(victim)
        for thread in threads:
            thread.join()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(portal.workers()) < 3:
            time.sleep(0.2)
        result = {"killed_workers": len(killed), "pages": pages,
                  "workers_after": len(portal.workers()),
                  "ready_after": get(portal.base + "/readyz")[0],
                  **sending_summary(portal, since, sending)}
    result["passed"] = (result["workers_after"] == 3 and result["ready_after"] == 200
                        and not result["stored_twice"] and not result["unexplained"]
                        and pages["answered"] > 10 * max(1, pages["failed"]))
    return result


SMTP_SERVER = """
import sys, time
from email.parser import BytesParser
from email.policy import default
from aiosmtpd.controller import Controller
class Keep:
    async def handle_DATA(self, server, session, envelope):
        message = BytesParser(policy=default).parsebytes(envelope.content)
        with open(sys.argv[2], "a") as out:
            for recipient in envelope.rcpt_tos:
                out.write(recipient + " " + message["Message-ID"] + "\\n")
        return "250 OK"
controller = Controller(Keep(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
while True:
    time.sleep(1)
"""


def mail_outage() -> dict[str, Any]:
    smtp_port = free_port()
    with portal_for_run(None, records=0, SMTP_PORT=str(smtp_port)) as portal:
        portal.start(workers=2)
        since = datetime.now(UTC)
        people = [Person(portal.base, n) for n in range(20)]
        references = [person.send() for person in people]
        portal.stop()
        first = portal.command("worker", "--once")
        waiting_after_failure = portal.count(
            "SELECT count(*) FROM outbox_message WHERE status = 'waiting'")
        received = Path(portal.env["INSTANCE_PATH"]) / "received.txt"
        received.touch()
        smtp = subprocess.Popen([str(BIN / "python"), "-c", SMTP_SERVER, str(smtp_port),
                                 str(received)], cwd=PROJECT)
        worker = subprocess.Popen([str(BIN / "portal"), "worker", "--interval", "2"],
                                  env=portal.env, cwd=PROJECT, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        started = time.monotonic()
        try:
            while time.monotonic() - started < 200 and portal.count(
                    "SELECT count(*) FROM outbox_message WHERE status = 'waiting'"):
                time.sleep(1)
            took = time.monotonic() - started
        finally:
            worker.terminate()
            worker.wait(timeout=30)
            smtp.terminate()
        delivered = Counter(received.read_text().splitlines())
        acknowledgements = stored_since(portal, since)["acknowledgements"]
        result = {
            "complaints": sum(1 for reference in references if reference),
            "first_round": first.stdout.strip().splitlines()[-1:],
            "waiting_while_down": waiting_after_failure,
            "acknowledgements_queued": acknowledgements,
            "delivered_once": sum(1 for times in delivered.values() if times == 1),
            "delivered_more_than_once": sorted(r for r, t in delivered.items() if t > 1),
            "person_recipients": sum(1 for r in delivered if r.startswith("person")),
            "notifications_to_the_mailbox": sum(1 for r in delivered if r.startswith("intake@")),
            "seconds_until_all_sent": round(took, 1),
            "still_waiting": portal.count(
                "SELECT count(*) FROM outbox_message WHERE status = 'waiting'"),
        }
    result["passed"] = (result["complaints"] == 20 and result["waiting_while_down"] >= 40
                        and result["person_recipients"] == 20
                        and result["notifications_to_the_mailbox"] == 20
                        and not result["delivered_more_than_once"]
                        and result["still_waiting"] == 0)
    return result


def reindex_while_serving(records: int = 10_000) -> dict[str, Any]:
    with portal_for_run(None, records=records) as portal:
        portal.start(workers=2)
        totals: Counter[int] = Counter()
        answers = {"ok": 0, "failed": 0}
        done = threading.Event()

        def searcher() -> None:
            while not done.is_set():
                try:
                    status, body = get(portal.base + "/search.json?q=victims", timeout=30)
                except CONNECTION_LOST:
                    answers["failed"] += 1
                    continue
                if status == 200:
                    answers["ok"] += 1
                    totals[json.loads(body)["total"]] += 1
                else:
                    answers["failed"] += 1

        threads = [threading.Thread(target=searcher) for _ in range(6)]
        for thread in threads:
            thread.start()
        started = time.monotonic()
        rebuilt = portal.command("reindex")
        took = time.monotonic() - started
        time.sleep(2)
        done.set()
        for thread in threads:
            thread.join()
    result = {"records": records, "reindex_seconds": round(took, 1),
              "reindex_ok": rebuilt.returncode == 0, "searches": answers,
              "totals_seen": dict(totals)}
    result["passed"] = (answers["failed"] == 0 and answers["ok"] > 0
                        and result["reindex_ok"] and len(totals) == 1)
    return result


FAULTS = {"database": database_outage, "worker": worker_killed, "mail": mail_outage,
          "reindex": reindex_while_serving}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=sorted(FAULTS), action="append")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = {}
    for name in args.only or FAULTS:
        print(f"Fault: {name}…", flush=True)
        results[name] = FAULTS[name]()
        print(json.dumps(results[name], indent=2), flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(
            {"measured_at": datetime.now(UTC).isoformat(timespec="seconds"), **results},
            indent=2))
    failed = [name for name, result in results.items() if not result["passed"]]
    print("All faults handled." if not failed else f"Not handled: {', '.join(failed)}")
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
