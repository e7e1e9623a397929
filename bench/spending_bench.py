"""Spending benchmark: `portal import` of a finance system's CSV, and the spending listing
with filters and totals at a force's volume.

    .venv/bin/python bench/spending_bench.py [--import-lines 50000] [--listing-lines 100000]
                                            [--rounds 20] [--json out.json]

In a temporary instance folder (removed afterwards):
1. a CSV of `--import-lines` spending lines as a finance system exports it (its own
   headings, `£` and thousands separators, DD/MM/YYYY dates, a column the portal does not
   import), made from the seeded demonstration generator, imported by a timed `portal
   import` run as a separate process — the wall time includes checking every line, the
   database writes and bringing the search index up to date;
2. a second CSV taking the collection to `--listing-lines` lines, imported the same way;
3. the spending listing (one page of 50 with its totals by supplier, category and month)
   and a filtered CSV download through the Flask test client, each address `--rounds`
   times after one warm-up: p50 and p95 per address.
"""

import argparse
import csv
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(PROJECT))

from content.demo_spending import spending_lines  # noqa: E402

HEADINGS = ("Transaction Reference", "Transaction Date", "Body", "Supplier Name",
            "Description", "Expense Type", "Net Amount", "VfM Route", "Justification",
            "Cost Centre")
ADDRESSES = {
    "everything": "/spending",
    "financial year": "/spending?financial_year=2025-26",
    "month and category": "/spending?month=2026-03&category=Fuel",
    "body and amount range": "/spending?body=Force&min_amount=1000&max_amount=25000",
    "one supplier": None,  # filled in with the supplier of the first line
    "words": "/spending?words=boiler",
    "a page far down": "/spending?page=1000",
    "CSV of a month": "/spending.csv?month=2026-03",
}


def pounds(amount: str) -> str:
    whole, pence = amount.split(".")
    return f"£{int(whole):,}.{pence}"


def write_csv(path: Path, lines: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADINGS)
        for line in lines:
            day = line["date"]
            writer.writerow([line["reference"], f"{day[8:]}/{day[5:7]}/{day[:4]}", line["body"],
                             line["supplier"], line["purpose"], line["category"],
                             pounds(line["amount"]), line["value_for_money"],
                             line["value_for_money_reason"], "CC" + line["reference"][-3:]])


def lines_for(count: int, seed: int) -> list[dict[str, str]]:
    """`count` distinct lines from the demonstration generator (seeded)."""
    made = spending_lines(per_month=-(-count * 12 // (31 * 10)), seed=seed)
    assert len(made) >= count, "the generator made too few lines"
    return made[:count]


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def portal(env: dict[str, str], *args: str) -> tuple[float, float]:
    """Runs a `portal` command; its wall time, and the processor time it used (which other
    work on a shared machine does not inflate)."""
    started, cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run([str(BIN / "portal"), *args], env=env, capture_output=True,
                            text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"portal {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed, _children_cpu() - cpu


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"p50_ms": round(statistics.median(ordered) * 1000, 1),
            "p95_ms": round(ordered[max(0, round(0.95 * len(ordered)) - 1)] * 1000, 1)}


def time_listings(folder: Path, supplier: str, rounds: int) -> dict[str, Any]:
    os.environ["INSTANCE_PATH"] = str(folder)
    os.environ["LOG_LEVEL"] = "WARNING"
    from portal import create_app

    client = create_app().test_client()
    results: dict[str, Any] = {}
    for name, address in ADDRESSES.items():
        address = address or f"/spending?supplier={supplier.replace(' ', '+')}"
        assert client.get(address).status_code == 200, address
        samples, cpu = [], []
        for _ in range(rounds):
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(address)
            response.get_data()
            samples.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
        results[name] = {"address": address, **percentiles(samples),
                         "cpu": percentiles(cpu)}
        print(f"  {name:22} {address:58} p50 {results[name]['p50_ms']:6.1f} ms  "
              f"p95 {results[name]['p95_ms']:6.1f} ms  (processor time p50 "
              f"{results[name]['cpu']['p50_ms']:6.1f} ms, p95 "
              f"{results[name]['cpu']['p95_ms']:6.1f} ms)", flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--import-lines", type=int, default=50_000)
    parser.add_argument("--listing-lines", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--json", type=Path)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="portal-spending-bench-"))
    env = {**os.environ, "INSTANCE_PATH": str(folder), "LOG_LEVEL": "WARNING",
           "PYTHONPATH": str(PROJECT)}
    try:
        portal(env, "db", "upgrade")
        print(f"Machine load before the run (1, 5, 15 minutes): {os.getloadavg()}")
        first = lines_for(options.import_lines, seed=1)
        write_csv(folder / "first.csv", first)
        seconds, cpu = portal(env, "import", str(folder / "first.csv"))
        print(f"portal import of {len(first):,} lines: {seconds:.1f} s "
              f"({cpu:.1f} s of processor time)", flush=True)
        rest = [line | {"reference": "X" + line["reference"]} for line in
                lines_for(options.listing_lines - options.import_lines, seed=2)]
        write_csv(folder / "rest.csv", rest)
        more, more_cpu = portal(env, "import", str(folder / "rest.csv"))
        print(f"portal import of {len(rest):,} more lines (on top of {len(first):,}): "
              f"{more:.1f} s ({more_cpu:.1f} s of processor time)", flush=True)
        print(f"Listing of {len(first) + len(rest):,} lines, {options.rounds} rounds each:")
        listings = time_listings(folder, first[0]["supplier"], options.rounds)
        results = {"import": {"lines": len(first), "seconds": round(seconds, 1),
                              "processor_seconds": round(cpu, 1)},
                   "second_import": {"lines": len(rest), "on_top_of": len(first),
                                     "seconds": round(more, 1),
                                     "processor_seconds": round(more_cpu, 1)},
                   "listing": {"lines": len(first) + len(rest), "rounds": options.rounds,
                               "addresses": listings}}
        if options.json:
            options.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
