"""Search benchmark: a search backend through the portal's search layer and over HTTP,
beside SQLite FTS5.

    .venv/bin/pip install -e '.[bench]'      # gunicorn (make bench does both steps)
    .venv/bin/python bench/search_bench.py --records 10000 [--seed 7] [--json out.json]
    .venv/bin/python bench/search_bench.py --backend whoosh --records 10000
    .venv/bin/python bench/search_bench.py --backend postgres \
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench   # wiped first

For a generated corpus of the given size (see corpus.py) in a temporary instance folder:
1. `portal import` of the corpus, then a timed `portal reindex` (both cores), index size;
2. the fixed query mix through the search layer (the backend's search plus snippets for
   the page of hits), p50/p95 per kind of query;
3. the same corpus and queries through SQLite FTS5 (porter tokenizer, bm25 with the title
   weighted, snippet(), facet counts by GROUP BY), p50/p95, and each backend's figure as
   a ratio of FTS5's;
4. the search page over HTTP from gunicorn with 2 workers: p50/p95 at concurrency 1, and
   requests per second with p50/p95 at concurrency 8;
5. how long a single changed record takes to appear in search results served by gunicorn.
"""

import argparse
import json
import os
import resource
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from corpus import generate_corpus

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

# Each kind of query the issue names, a few of each; run in this order, many times over.
QUERY_MIX: dict[str, list[dict[str, str]]] = {
    "single word": [{"q": "victims"}, {"q": "custody"}, {"q": "mileage"}, {"q": "contract"},
                    {"q": "police"}],
    "two words": [{"q": "custody suite"}, {"q": "hate crime"}, {"q": "rail fare"},
                  {"q": "police station"}, {"q": "victims services"}],
    "phrase": [{"q": '"use of force"'}, {"q": '"stop and search"'},
               {"q": '"police and crime plan"'}, {"q": '"custody suite"'}],
    "with filters": [{"q": "victims", "type": "decision"},
                     {"q": "taxi", "type": "expense", "financial_year": "2024-25"},
                     {"q": "custody", "from": "2024-01-01", "to": "2024-12-31"},
                     {"q": "works", "type": "decision", "category": "Estates"}],
    "with facets": [{"q": ""}, {"q": "", "type": "expense"},
                    {"q": "", "from": "2020-01-01", "to": "2020-12-31"}],
    "deep pages": [{"q": "police", "page": "40"}, {"q": "travel", "page": "25"},
                   {"q": "", "page": "200", "sort": "newest"}],
}
PER_PAGE = 20


# Measuring

def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    return {"p50": percentile(values, 0.5) * 1000, "p95": percentile(values, 0.95) * 1000,
            "n": len(values)}


def timed(run: Callable[[], Any], repeats: int) -> list[float]:
    run()  # warm: caches and first-touch costs are not what a busy site sees
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return times


def folder_size(path: Path) -> int:
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file())


def children_cpu_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def portal(env: dict[str, str], *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([str(BIN / "portal"), *args], env=env, check=True, cwd=PROJECT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def portal_cpu(env: dict[str, str], *args: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds of a command (CPU time says more on a busy machine)."""
    cpu_before = children_cpu_seconds()
    elapsed = portal(env, *args)
    return elapsed, children_cpu_seconds() - cpu_before


# The chosen backend through the portal's search layer

def backend_runner(env: dict[str, str], texts: dict[str, str]) -> Callable[[dict[str, str]], Any]:
    from portal.db import make_engine
    from portal.indexing import make_search_backend
    from portal.public.search import read_search_request

    index = make_search_backend(env["SEARCH_BACKEND"], make_engine(env["DATABASE_URL"]),
                                str(Path(env["INSTANCE_PATH"]) / "search"))

    def run(args: dict[str, str]) -> Any:
        request, problems = read_search_request(args)
        assert not problems, problems
        results = index.search(request)
        snippets = index.snippets(request.query, [texts[hit.key] for hit in results.hits])
        return results.total, snippets
    return run


def reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def index_bytes(env: dict[str, str]) -> int:
    if env["SEARCH_BACKEND"] in ("tantivy", "whoosh"):
        folder = Path(env["INSTANCE_PATH"]) / "search"
        return folder_size(folder / (folder / "CURRENT").read_text().strip())
    from sqlalchemy import create_engine, text

    engine = create_engine(env["DATABASE_URL"])
    with engine.connect() as connection:
        size = connection.scalar(text("SELECT pg_total_relation_size('search_document') "
                                      "+ pg_total_relation_size('search_word')"))
    engine.dispose()
    return int(size or 0)


def load_texts(env: dict[str, str]) -> tuple[dict[str, str], list[Any]]:
    """The plain text of every record, as the pages take snippets from it."""
    os.environ.update(env)
    from portal import create_app
    from portal.search_documents import every_document

    app = create_app()
    with app.app_context(), app.extensions["portal_db"].sessions() as session:
        documents = list(every_document(session))
    return {document.key: document.text for document in documents}, documents


# SQLite FTS5, the reference floor

FTS_SCHEMA = """
CREATE VIRTUAL TABLE fts USING fts5(
    key UNINDEXED, type UNINDEXED, reference, title, text, date UNINDEXED, year UNINDEXED,
    financial_year UNINDEXED, category UNINDEXED, person UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2')
"""


def build_fts(path: Path, documents: list[Any]) -> float:
    started = time.perf_counter()
    connection = sqlite3.connect(path)
    connection.execute(FTS_SCHEMA)
    with connection:
        connection.executemany(
            "INSERT INTO fts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((d.key, d.type, d.reference.lower(), d.title, d.text, d.date.isoformat(),
              str(d.year), d.financial_year, d.category, d.person) for d in documents))
        connection.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    connection.close()
    return time.perf_counter() - started


def fts_match(text: str) -> str | None:
    from search import parse_query
    parsed = parse_query(text)

    def quoted(value: str) -> str:
        return '"' + value.replace('"', "") + '"'
    terms = [quoted(value) for value in parsed.words + parsed.phrases]
    if not terms:
        return None
    match = "{title text} : (" + " AND ".join(terms) + ")"
    for value in parsed.excluded:
        match += f" NOT {{title text}} : {quoted(value)}"
    return match


def fts_runner(path: Path) -> Callable[[dict[str, str]], Any]:
    connection = sqlite3.connect(path, check_same_thread=False)

    def run(args: dict[str, str]) -> Any:
        match = fts_match(args.get("q", ""))
        where, values = [], []
        if match:
            where.append("fts MATCH ?")
            values.append(match)
        for name, column in (("type", "type"), ("category", "category"),
                             ("financial_year", "financial_year")):
            if args.get(name):
                where.append(f"{column} = ?")
                values.append(args[name])
        if args.get("from"):
            where.append("date >= ?")
            values.append(args["from"])
        if args.get("to"):
            where.append("date <= ?")
            values.append(args["to"])
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        facets = connection.execute(
            f"SELECT type, year, count(*) FROM fts {clause} GROUP BY type, year",  # noqa: S608
            values).fetchall()
        newest = args.get("sort") == "newest" or not match
        order = "date DESC" if newest else "bm25(fts, 0, 0, 20.0, 3.0, 1.0)"
        offset = (int(args.get("page", "1")) - 1) * PER_PAGE
        snippet = "snippet(fts, 4, '<mark>', '</mark>', ' … ', 32)" if match else "''"
        page = connection.execute(
            f"SELECT key, {snippet} FROM fts {clause} ORDER BY {order} "  # noqa: S608
            f"LIMIT {PER_PAGE} OFFSET {offset}", values).fetchall()
        return sum(count for _, _, count in facets), page
    return run


# HTTP against gunicorn

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_gunicorn(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", "wsgi:application"],
        env=env, cwd=PROJECT)
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).read()
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def fetch(url: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - local server
        body = response.read()
        assert response.status == 200
    return time.perf_counter() - started, body


def search_urls(port: int) -> list[tuple[str, str]]:
    base = f"http://127.0.0.1:{port}/search?"
    return [(kind, base + urllib.parse.urlencode(args))
            for kind, queries in QUERY_MIX.items() for args in queries]


def http_sequential(urls: list[tuple[str, str]], rounds: int) -> dict[str, list[float]]:
    for _kind, url in urls:
        fetch(url)
    times: dict[str, list[float]] = defaultdict(list)
    for _ in range(rounds):
        for kind, url in urls:
            times[kind].append(fetch(url)[0])
    return times


def http_concurrent(urls: list[tuple[str, str]], concurrency: int,
                    seconds: float) -> tuple[float, list[float], int]:
    times: list[float] = []
    failures = 0
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client(offset: int) -> None:
        nonlocal failures
        position = offset
        while time.perf_counter() < stop_at:
            try:
                elapsed, _ = fetch(urls[position % len(urls)][1])
                with lock:
                    times.append(elapsed)
            except Exception:  # counted, not hidden
                with lock:
                    failures += 1
            position += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n * 3,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(times) / (time.perf_counter() - started), times, failures


def change_visible_after(env: dict[str, str], port: int, attempts: int) -> list[float]:
    """Seconds from saving one changed record to seeing it on gunicorn's search page."""
    from content.importer import parse_record
    from content.store import save_records
    from portal import create_app

    os.environ.update(env)
    app = create_app()
    sessions = app.extensions["portal_db"].sessions
    delays = []
    for attempt in range(attempts):
        word = f"benchmarkword{attempt}x{int(time.time())}"
        record = {"type": "decision", "reference": f"2099/{attempt + 1:04d}",
                  "title": f"Freshly changed decision {word}", "date": "2026-01-01",
                  "decision_maker": "Police and Crime Commissioner", "category": "Estates",
                  "summary": "A record changed during the benchmark."}
        url = f"http://127.0.0.1:{port}/search?q={word}"
        started = time.perf_counter()
        with app.app_context(), sessions.begin() as session:
            save_records(session, [parse_record(record, 1)])
        while b"<strong>1</strong> result" not in fetch(url)[1]:
            if time.perf_counter() - started > 30:
                raise SystemExit("a changed record did not appear within 30 seconds")
            time.sleep(0.02)
        delays.append(time.perf_counter() - started)
    return delays


# Report

def row(label: str, backend: dict[str, float], fts: dict[str, float] | None = None) -> str:
    text = f"  {label:<14} p50 {backend['p50']:7.1f} ms   p95 {backend['p95']:7.1f} ms"
    if fts:
        text += (f"   | FTS5 p50 {fts['p50']:6.1f} ms  p95 {fts['p95']:6.1f} ms"
                 f"   | p95 ratio {backend['p95'] / max(fts['p95'], 0.001):5.1f}×")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=20,
                        help="times each query runs through the search layer")
    parser.add_argument("--http-rounds", type=int, default=5,
                        help="times the whole mix is fetched one at a time")
    parser.add_argument("--http-seconds", type=float, default=20.0,
                        help="how long the concurrency-8 run lasts")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--keep", action="store_true", help="keep the instance folder")
    parser.add_argument("--backend", choices=("tantivy", "whoosh", "postgres"),
                        default="tantivy")
    parser.add_argument("--database-url", help="PostgreSQL database to use (it is wiped); "
                                               "needed for --backend postgres")
    options = parser.parse_args()
    if options.backend == "postgres" and not options.database_url:
        parser.error("--backend postgres needs --database-url postgresql+psycopg://…")

    work = Path(tempfile.mkdtemp(prefix="search-bench-"))
    instance = work / "instance"
    env = {**os.environ, "INSTANCE_PATH": str(instance), "SECRET_KEY": "search-benchmark",
           "SEARCH_BACKEND": options.backend,
           "DATABASE_URL": options.database_url or f"sqlite:///{instance / 'portal.sqlite3'}"}
    env.pop("SEARCH_INDEX_PATH", None)
    if options.database_url:
        reset_postgres(options.database_url)
    name = options.backend
    report: dict[str, Any] = {"records": options.records, "seed": options.seed,
                              "cpus": os.cpu_count(), "date": date.today().isoformat(),
                              "backend": name}
    server = None
    try:
        print(f"Generating {options.records:,} records (seed {options.seed})…", flush=True)
        corpus = work / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as handle:
            for record in generate_corpus(options.records, options.seed):
                handle.write(json.dumps(record) + "\n")

        portal(env, "db", "upgrade")
        report["import_seconds"] = portal(env, "import", str(corpus))
        report["reindex_seconds"], report["reindex_cpu_seconds"] = portal_cpu(
            env, "reindex", "--processes", "2")
        report["index_bytes"] = index_bytes(env)
        report["load_average"] = os.getloadavg()
        print(f"Import {report['import_seconds']:.1f} s; portal reindex "
              f"{report['reindex_seconds']:.1f} s ({report['reindex_cpu_seconds']:.1f} s of CPU); "
              f"index {report['index_bytes'] / 1e6:.1f} MB; load average "
              + " ".join(f"{load:.1f}" for load in report["load_average"]), flush=True)

        started = time.perf_counter()
        texts, documents = load_texts(env)
        report["read_documents_seconds"] = time.perf_counter() - started
        fts_path = work / "fts.sqlite3"
        report["fts_build_seconds"] = build_fts(fts_path, documents)
        report["fts_bytes"] = fts_path.stat().st_size
        print(f"FTS5 build {report['fts_build_seconds']:.1f} s (from documents already read, "
              f"{report['read_documents_seconds']:.1f} s); FTS5 size "
              f"{report['fts_bytes'] / 1e6:.1f} MB", flush=True)

        backend, fts = backend_runner(env, texts), fts_runner(fts_path)
        layer: dict[str, Any] = {}
        print(f"Search layer ({name}: search, facets, 20 snippets), per kind of query:")
        for kind, queries in QUERY_MIX.items():
            backend_times = [t for args in queries
                             for t in timed(lambda args=args: backend(args), options.repeats)]
            fts_times = [t for args in queries
                         for t in timed(lambda args=args: fts(args), options.repeats)]
            layer[kind] = {name: summary(backend_times), "fts5": summary(fts_times)}
            print(row(kind, layer[kind][name], layer[kind]["fts5"]), flush=True)
        report["search_layer"] = layer

        port = free_port()
        server = start_gunicorn(env, port)
        urls = search_urls(port)
        sequential = http_sequential(urls, options.http_rounds)
        every = [t for times in sequential.values() for t in times]
        report["http_c1"] = {kind: summary(times) for kind, times in sequential.items()}
        report["http_c1"]["all"] = summary(every)
        print("HTTP search page, gunicorn with 2 workers, one request at a time:")
        for kind, figures in report["http_c1"].items():
            print(row(kind, figures))
        rate, times, failures = http_concurrent(urls, 8, options.http_seconds)
        report["http_c8"] = {"requests_per_second": rate, **summary(times),
                             "failures": failures}
        print(f"HTTP at concurrency 8: {rate:.1f} requests/s, p50 "
              f"{report['http_c8']['p50']:.1f} ms, p95 {report['http_c8']['p95']:.1f} ms, "
              f"{failures} failures", flush=True)

        delays = change_visible_after(env, port, attempts=5)
        report["change_visible_seconds"] = delays
        print("A changed record appears in gunicorn's search results after "
              + ", ".join(f"{delay:.2f}" for delay in delays) + " s", flush=True)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if options.keep:
            print(f"Instance kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    if options.json:
        options.json.write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
