"""How long the markdown renderer takes on pathological input, up to the length cap.

    .venv/bin/python bench/markdown_bench.py                  # every input, figures printed
    .venv/bin/python bench/markdown_bench.py --only brackets --json /tmp/markdown.json

Each input is as long as the portal accepts (MAX_MARKDOWN_LENGTH characters, or just
under) and built to hurt a part of the renderer: nested brackets and parentheses, emphasis
runs, deep lists and quotes, wide tables, raw HTML. Every input must either render or be
refused with a message in under BUDGET seconds (the slowest of ROUNDS runs). Each input
runs in a process of its own, so one that runs away is stopped after GIVE_UP_AFTER seconds
in all and reported, not waited for.
"""

import argparse
import json
import multiprocessing
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from content.markup import MAX_MARKDOWN_LENGTH, UnrenderableMarkdown, render_markdown

BUDGET = 2.0
GIVE_UP_AFTER = 20.0
ROUNDS = 3
N = MAX_MARKDOWN_LENGTH


def _fill(unit: str, room: int = N) -> str:
    return unit * (room // len(unit))


def _lines(make: Callable[[int], str], room: int = N) -> str:
    """Lines made by make(0), make(1), … for as long as they fit."""
    lines, used, number = [], 0, 0
    while True:
        line = make(number) + "\n"
        if used + len(line) > room:
            return "".join(lines)
        lines.append(line)
        used, number = used + len(line), number + 1


def _then_prose(start: str) -> str:
    """`start`, then ordinary prose to the length cap."""
    return start + _fill(" The Commissioner agreed the budget.", N - len(start))


def _table(columns: int) -> str:
    header = "|" + "|".join(f"c{n}" for n in range(columns)) + "|\n"
    rule = "|" + "|".join("--" for _ in range(columns)) + "|\n"
    row = "|" + "|".join("x" for _ in range(columns)) + "|\n"
    return header + rule + _fill(row, N - len(header) - len(rule))


CORPUS: dict[str, Callable[[], str]] = {
    # Nested brackets and parentheses
    "brackets then parentheses": lambda: "[" * 999 + "(" * (N - 999),
    "brackets then parentheses, under a quote": lambda: "> " + "[" * 999 + "(" * (N - 1001),
    "image brackets then parentheses": lambda: "![" * 499 + "(" * (N - 998),
    "brackets closed then parentheses": lambda: "[" * 999 + "]" * 999 + "(" * (N - 1998),
    "bracket-close-parenthesis runs": lambda: _fill("[]("),
    "brackets and parentheses alternating": lambda: "[(" * 999 + "(" * (N - 1998),
    "link openings": lambda: "[a](" * 999 + "(" * (N - 3996),
    "unclosed link targets": lambda: _fill("[a](b "),
    "parentheses only": lambda: "(" * N,
    "nested parentheses in a link": lambda: "[a](" + "(" * 49_000 + ")" * 49_000 + ")",
    "square brackets closing only": lambda: "]" * N,
    "reference definitions": lambda: _lines(lambda n: f"[r{n}]: https://example.org/{n}"),
    "reference uses": lambda: _fill("[a][b] "),
    "brackets at the limit": lambda: "[" * 1_000 + "a" * (N - 1_000),
    # Emphasis runs
    "asterisks": lambda: "*" * N,
    "underscores": lambda: "_" * N,
    "asterisk-letter runs": lambda: _fill("*a"),
    "double asterisk-letter runs": lambda: _fill("**a"),
    "mixed emphasis openers": lambda: _fill("*_**__"),
    "emphasis never closed": lambda: _fill("**a *b _c "),
    "backticks": lambda: "`" * N,
    "backtick-letter runs": lambda: _fill("`a"),
    # Deep lists and quotes
    "deep list": lambda: _lines(lambda n: "  " * n + "- item"),
    "deep numbered list": lambda: _lines(lambda n: "   " * n + "1. item"),
    "list markers on one line": lambda: _fill("- "),
    "numbered markers on one line": lambda: _fill("1. "),
    "quote markers": lambda: ">" * N,
    "quote markers with spaces": lambda: _fill("> "),
    "deepening quotes": lambda: _lines(lambda n: "> " * n + "a"),
    "quotes and lists nested": lambda: _fill("> - "),
    "indented code and lists": lambda: _lines(lambda n: "    " * (n % 50) + "- a"),
    "list of 25,000 items": lambda: _fill("- a\n"),
    # Wide tables
    "table 10,000 columns wide": lambda: _table(10_000),
    "table 1,000 columns wide": lambda: _table(1_000),
    "table 2 columns, many rows": lambda: _table(2),
    "table rows of pipes": lambda: "a|b\n-|-\n" + _fill("|", N - 8),
    # Raw HTML and other inline parts
    "less-than signs": lambda: "<" * N,
    "unclosed tags": lambda: _fill("<div>"),
    "unclosed comments": lambda: _fill("<!--"),
    "ampersands": lambda: "&" * N,
    "autolink openings": lambda: _fill("<http://a"),
    "headings": lambda: "#" * N,
    "heading lines": lambda: _lines(lambda n: "# a"),
    "backslashes": lambda: "\\" * N,
    "ordinary prose": lambda: _fill("The Commissioner agreed the budget. "),
    # Just within each of the renderer's limits
    "unclosed brackets, just within": lambda: "[" * 4 + _fill("a", N - 4),
    "brackets nested 500 deep": lambda: _then_prose("[" * 500 + "a" + "]" * 500),
    "asterisk-letter runs, just within": lambda: _then_prose("*a" * 10_000),
    "backtick-letter runs, just within": lambda: _then_prose("`a" * 10_000),
    "autolink openings, just within": lambda: _then_prose("<http://a" * 500),
    "backslashes, just within": lambda: _then_prose("\\" * 10_000),
    "heading lines, just within": lambda: _then_prose("# a\n" * 1_000),
    "table of 5,000 bars": lambda: _then_prose("a|b\n-|-\n" + "x|y\n" * 2_499 + "\n"),
    "quotes 10 deep": lambda: _lines(lambda n: "> " * 10 + "a"),
    "lists 10 deep": lambda: _lines(lambda n: "1. " * 10 + "a"),
    "lists and quotes 10 deep": lambda: _lines(lambda n: "- > " * 5 + "a"),
    "unclosed tags, just within": lambda: "<a" * 49 + _fill("a", N - 98),
    "list of 5,000 items": lambda: _then_prose("- a\n" * 5_000 + "\n"),
    "numbered list of 5,000 items": lambda: _then_prose("1. a\n" * 5_000 + "\n"),
}


def _render(source: str, results: Any) -> None:
    timings = []
    outcome = "rendered"
    for _ in range(ROUNDS):
        started = time.perf_counter()
        try:
            render_markdown(source)
        except UnrenderableMarkdown as refused:
            outcome = f"refused: {refused}"
        except RecursionError:
            outcome = "crashed: RecursionError"
        timings.append(time.perf_counter() - started)
    results.put((outcome, max(timings)))


def measure(name: str) -> dict[str, Any]:
    source = CORPUS[name]()
    assert len(source) <= N, f"{name} is {len(source)} characters"
    results: Any = multiprocessing.Queue()
    worker = multiprocessing.Process(target=_render, args=(source, results))
    worker.start()
    worker.join(GIVE_UP_AFTER)
    if worker.is_alive():
        worker.kill()
        worker.join()
        return {"input": name, "characters": len(source), "outcome": "gave up",
                "seconds": None, "within_budget": False}
    if worker.exitcode != 0:
        return {"input": name, "characters": len(source), "seconds": None,
                "outcome": f"crashed with exit code {worker.exitcode}", "within_budget": False}
    outcome, seconds = results.get()
    return {"input": name, "characters": len(source), "outcome": outcome,
            "seconds": round(seconds, 3),
            "within_budget": seconds < BUDGET and not outcome.startswith("crashed")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="only inputs whose name contains this")
    parser.add_argument("--json", help="also write the figures to this file")
    options = parser.parse_args()
    names = [name for name in CORPUS if not options.only or options.only in name]
    figures = []
    for name in names:
        figure = measure(name)
        figures.append(figure)
        seconds = "over " + str(GIVE_UP_AFTER) if figure["seconds"] is None else (
            f"{figure['seconds']:.3f}")
        outcome = figure["outcome"][:70]
        print(f"{'ok  ' if figure['within_budget'] else 'SLOW'} {seconds:>9} s  "
              f"{name:<45} {outcome}", flush=True)
    slow = [figure["input"] for figure in figures if not figure["within_budget"]]
    print(f"{len(figures) - len(slow)} of {len(figures)} inputs within {BUDGET} s "
          f"(slowest of {ROUNDS} rounds each)")
    if options.json:
        Path(options.json).write_text(json.dumps(
            {"budget_seconds": BUDGET, "rounds": ROUNDS, "figures": figures}, indent=2) + "\n")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
