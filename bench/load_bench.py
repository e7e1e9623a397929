"""Load, and no loss under load, against `portal serve` (gunicorn) on SQLite or PostgreSQL.

    .venv/bin/python bench/load_bench.py                         # SQLite, the embedded default
    .venv/bin/python bench/load_bench.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/portal_load
    make load            # both (PostgreSQL with its own search backend); bench/results-load-*.json

1. a fresh portal: the demonstration data and `--records` generated records;
2. for each concurrency (8, 32, 64) and each kind of page — home, decisions list, one
   decision, expenses list, search, and the complaint form sent from start to finish —
   that many clients ask one after another for `--seconds`; requests per second and
   p50/p95/p99 for each (for the complaint form, per whole submission and per request);
3. no loss under load: `--submissions` complaints (500) sent by 32 people at once, then
   the database is asked for exactly that many cases, unique references and
   acknowledgements waiting in the outbox.

The clients run on the same machine as the server, so the figures are pessimistic.
"""

import argparse
import json
import os
import random
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from harness import (
    CONNECTION_LOST,
    Browser,
    Portal,
    get,
    latency_summary,
    portal_for_run,
    send_complaint,
    stored_since,
)

SEARCHES = ["victims", "custody", "police and crime plan", "travel", "drones", "budget 2025",
            '"stop and search"', "hmicfrs response", "youth diversion", "mileage"]


def page_kinds(portal: Portal) -> dict[str, Callable[[random.Random], str]]:
    _status, body = get(portal.base + "/decisions.json?per_page=100")
    slugs = [record["url"].rsplit("/", 1)[-1] for record in json.loads(body)["records"]]
    return {
        "home": lambda rng: "/",
        "decisions list": lambda rng: f"/decisions?page={rng.randint(1, 5)}",
        "decision page": lambda rng: f"/decisions/{rng.choice(slugs)}",
        "expenses list": lambda rng: "/expenses?financial_year="
                                     + rng.choice(["2023-24", "2024-25", "2025-26"]),
        "search": lambda rng: f"/search?q={rng.choice(SEARCHES).replace(' ', '+')}",
    }


def closed_loop(concurrency: int, seconds: float,
                one: Callable[[Browser, int], bool],
                base: str) -> dict[str, Any]:
    """`concurrency` clients doing `one` back to back until time is up."""
    times: list[float] = []
    request_times: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    counter = iter(range(10**9))

    def client() -> None:
        while time.monotonic() < stop_at:
            browser = Browser(base)
            number = next(counter)
            started = time.perf_counter()
            try:
                ok, why = one(browser, number), "refused"
            except CONNECTION_LOST as error:
                ok, why = False, type(error).__name__
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    times.append(elapsed)
                else:
                    failures.append(why)
                request_times.extend(browser.times)

    started = time.perf_counter()
    clients = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    wall = time.perf_counter() - started
    return {"done": len(times), "failed": len(failures),
            "per_second": round(len(times) / wall, 1),
            **latency_summary(times), "requests": len(request_times),
            "request_latency": latency_summary(request_times)}


def page_visit(address: Callable[[random.Random], str],
               rng: random.Random) -> Callable[[Browser, int], bool]:
    def one(browser: Browser, _number: int) -> bool:
        status, _page, _ = browser.request("GET", address(rng))
        return status == 200
    return one


def complaint_sent(offset: int) -> Callable[[Browser, int], bool]:
    def one(browser: Browser, number: int) -> bool:
        reference, _why = send_complaint(browser, offset + number)
        return reference is not None
    return one


def measure_pages(portal: Portal, levels: list[int], seconds: float) -> dict[str, Any]:
    kinds = page_kinds(portal)
    results: dict[str, Any] = {}
    for concurrency in levels:
        visits = {name: page_visit(address, random.Random(concurrency))
                  for name, address in kinds.items()}
        visits["complaint form"] = complaint_sent(10_000 * concurrency)
        for name, one in visits.items():
            label = f"{name} @{concurrency}"
            results[label] = closed_loop(concurrency, seconds, one, portal.base)
            report(label, results[label])
    return results


def report(label: str, figures: dict[str, Any]) -> None:
    print(f"  {label:28} {figures['per_second']:7.1f}/s  p50 {figures['p50']:7.1f} ms  "
          f"p95 {figures['p95']:7.1f} ms  p99 {figures['p99']:7.1f} ms  "
          f"failed {figures['failed']}", flush=True)


def no_loss(portal: Portal, submissions: int, concurrency: int) -> dict[str, Any]:
    since = datetime.now(UTC)
    told: list[str] = []
    problems: list[str] = []
    numbers = iter(range(submissions))
    lock = threading.Lock()

    def person() -> None:
        while True:
            with lock:
                number = next(numbers, None)
            if number is None:
                return
            reference, why = send_complaint(Browser(portal.base, timeout=120),
                                            1_000_000 + number)
            with lock:
                (told.append(reference) if reference else problems.append(why))

    started = time.perf_counter()
    people = [threading.Thread(target=person) for _ in range(concurrency)]
    for thread in people:
        thread.start()
    for thread in people:
        thread.join()
    stored = stored_since(portal, since)
    result = {"sent": submissions, "concurrency": concurrency,
              "seconds": round(time.perf_counter() - started, 1),
              "confirmed": len(told), "problems": problems[:10],
              "stored": len(stored["references"]),
              "unique_references": len(set(stored["references"])),
              "acknowledgements": stored["acknowledgements"],
              "stored_matches_confirmed": sorted(stored["references"]) == sorted(told)}
    result["no_loss"] = (result["confirmed"] == result["stored"] == result["unique_references"]
                         == result["acknowledgements"] == submissions
                         and result["stored_matches_confirmed"])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="a PostgreSQL database to (re)create and use")
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[8, 32, 64])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--submissions", type=int, default=500)
    parser.add_argument("--json", type=Path, help="write every figure here")
    args = parser.parse_args()
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"Preparing a portal on {database} with {args.records} generated records…",
          flush=True)
    with portal_for_run(args.database_url, args.records) as portal:
        portal.start(workers=args.workers)
        print(f"portal serve: {args.workers} sync workers on {portal.base}", flush=True)
        pages = measure_pages(portal, args.concurrency, args.seconds)
        print(f"No loss under load: {args.submissions} complaints, 32 at once…", flush=True)
        loss = no_loss(portal, args.submissions, 32)
        print(f"  confirmed {loss['confirmed']}, stored {loss['stored']}, unique references "
              f"{loss['unique_references']}, acknowledgements {loss['acknowledgements']} in "
              f"{loss['seconds']} s: {'no loss' if loss['no_loss'] else 'LOSS'}", flush=True)
    figures = {"database": database, "records": args.records, "workers": args.workers,
               "search_backend": os.environ.get("SEARCH_BACKEND") or "whoosh",
               "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
               "pages": pages, "no_loss": loss}
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2))
    if not loss["no_loss"]:
        raise SystemExit("Some submissions were lost or stored twice: see above")


if __name__ == "__main__":
    main()
