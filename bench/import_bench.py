"""Time `portal import` on a generated file (10,000 lines by default).

    .venv/bin/python bench/import_bench.py [--lines 10000] [--seed 7]

Runs three imports into a fresh SQLite database in a temporary instance folder: the first
load, the same file again (every record unchanged), and a copy with one bad last line
(rejected, nothing written). Prints wall-clock seconds for each.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PORTAL = Path(sys.executable).with_name("portal")
CATEGORIES = ("Travel", "Accommodation", "Subsistence", "Mileage", "Training and conferences")
TOPICS = ("fleet", "estates", "victims", "custody")
BODY = "## Background\n\nA paragraph of background.\n\n## Decision\n\n- Approve\n- Fund"
CLAIMANTS = ("Police and Crime Commissioner", "Deputy Police and Crime Commissioner")


def generate(lines: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    records: list[dict] = []
    for n in range(lines):
        day = f"{2020 + n % 6}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        if n % 10 == 0:
            records.append({
                "type": "decision", "reference": f"{2020 + n % 6}/{n:05d}",
                "title": f"Decision on {rng.choice(TOPICS)} {n}",
                "date": day, "decision_maker": "Police and Crime Commissioner",
                "category": rng.choice(["Estates", "Commissioning", "Finance"]),
                "summary": "The Commissioner agreed the recommendation.",
                "body": BODY,
                "amount": f"{rng.randint(1000, 900000)}.00",
            })
        else:
            records.append({
                "type": "expense", "reference": f"BENCH-{n:06d}", "claimant": rng.choice(CLAIMANTS),
                "date": day, "category": rng.choice(CATEGORIES),
                "description": f"Journey {n} to a partnership meeting",
                "amount": f"{rng.randint(3, 450)}.{rng.randint(0, 99):02d}",
            })
    return records


def timed_import(path: Path, env: dict[str, str]) -> tuple[float, int, str]:
    started = time.perf_counter()
    result = subprocess.run([str(PORTAL), "import", str(path)], env=env, capture_output=True,
                            text=True, check=False)
    # The summary goes to standard output; progress bars and problems to standard error.
    output = (result.stdout if result.returncode == 0 else result.stderr).strip().splitlines()
    return time.perf_counter() - started, result.returncode, output[-1] if output else ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = os.environ | {"INSTANCE_PATH": folder}
        subprocess.run([str(PORTAL), "db", "upgrade"], env=env, check=True, capture_output=True)
        good = Path(folder) / "records.jsonl"
        records = generate(options.lines, options.seed)
        good.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        bad = Path(folder) / "one-bad-line.jsonl"
        records[-1] = records[-1] | {"amount": "lots"}
        bad.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        for label, path in [("first import", good), ("same file again", good),
                            ("one bad last line", bad)]:
            seconds, code, last = timed_import(path, env)
            print(f"{label:<20} {options.lines:>7,} lines  {seconds:6.1f} s  exit {code}  {last}")


if __name__ == "__main__":
    main()
