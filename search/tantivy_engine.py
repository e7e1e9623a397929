"""The tantivy index (the default backend): writing documents, rebuilding, and answering
SearchRequests with the Rust engine behind the `tantivy` package.

Layout on disk, as for Whoosh: `<folder>/CURRENT` names the live index directory beside
it, and a rebuild writes a new directory and then switches CURRENT, so searches carry on
meanwhile. Writers take `<folder>/WRITE.lock` first: one writer at a time across every
process, whatever state the index directories are in, so a rebuild can always start.

A tantivy searcher may be shared between threads and costs little to open. Each process
keeps its index open and, at most every REFRESH_SECONDS, looks at the live directory's
`meta.json` (rewritten by every commit) and CURRENT, reloading when either changed. An
index that cannot be opened is not kept: the next search tries again, so repairing the
folder (`portal reindex`) heals every worker without a restart.
"""

import fcntl
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

import tantivy
from tantivy import Filter, Occur, Query, TextAnalyzer, TextAnalyzerBuilder, Tokenizer

from search.backend import IndexBusy, apply_in_one_batch
from search.documents import SearchDocument
from search.folders import IndexFolder
from search.query import ParsedQuery, looks_like_reference
from search.results import Facet, Hit, SearchRequest, SearchResults
from search.snippets import Segment, snippet_window

__all__ = ["TantivyIndex"]

# Change this whenever the fields or analysers change: an older index is then rebuilt. It
# names the engine, so a Whoosh index left in the folder is never taken for this one.
SCHEMA_VERSION = "tantivy-1"
REFRESH_SECONDS = 0.5
SPELLING_TEXT_CHARACTERS = 1_000
TITLE_BOOST = 3.0
REFERENCE_BOOST = 20.0
# Writer memory: small for a few changed records, more per thread for a rebuild.
CHANGE_HEAP = 15_000_000
REBUILD_HEAP_PER_THREAD = 64_000_000
Progress = Callable[[int], None]


# Single letters and digits are dropped, as Whoosh does, so "plan~2" is the word "plan".
_SINGLE_CHARACTERS = [chr(code) for code in (*range(ord("a"), ord("z") + 1),
                                             *range(ord("0"), ord("9") + 1))]


def english_analyser() -> TextAnalyzer:
    """Words lower-cased, accents folded, stop words dropped and English-stemmed, so
    "Café" finds "cafe" and "contracts" "contract". Dropped stop words leave their
    position empty, so the phrase "use of force" still needs a word between the two."""
    return (TextAnalyzerBuilder(Tokenizer.simple()).filter(Filter.remove_long(40))
            .filter(Filter.lowercase()).filter(Filter.ascii_fold())
            .filter(Filter.stopword("english")).filter(Filter.custom_stopword(_SINGLE_CHARACTERS))
            .filter(Filter.stemmer("english")).build())


def words_analyser() -> TextAnalyzer:
    """The same words, unstemmed and with stop words kept: their places in a phrase."""
    return (TextAnalyzerBuilder(Tokenizer.simple()).filter(Filter.lowercase())
            .filter(Filter.ascii_fold()).build())


def spelling_analyser() -> TextAnalyzer:
    """Whole words of three letters or more, lower-cased and folded but not stemmed, for
    "Did you mean" suggestions."""
    return (TextAnalyzerBuilder(Tokenizer.regex(r"[^\W\d_]{3,}")).filter(Filter.lowercase())
            .filter(Filter.ascii_fold()).build())


_ENGLISH = english_analyser()
_WORDS = words_analyser()
_SPELLING = spelling_analyser()


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    # Exact values: `raw` keeps the whole value as one term.
    builder.add_text_field("key", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("type", fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("reference", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("year", fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("financial_year", fast=True, tokenizer_name="raw",
                           index_option="basic")
    builder.add_text_field("category", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("person", tokenizer_name="raw", index_option="basic")
    # Matching uses `content` (title and text, with positions for phrases); `title` only
    # adds to the score.
    builder.add_text_field("title", tokenizer_name="english", index_option="freq")
    builder.add_text_field("content", tokenizer_name="english", index_option="position")
    builder.add_text_field("spelling", tokenizer_name="spelling", index_option="basic")
    builder.add_integer_field("date", indexed=True, fast=True)
    # Newest first with a fixed order among records of the same day (see _newest).
    builder.add_integer_field("newest", fast=True)
    return builder.build()


_SCHEMA = build_schema()


def _date_number(day: date) -> int:
    return day.year * 10_000 + day.month * 100 + day.day


def _newest(document: SearchDocument) -> int:
    """The date, then a number from the key, so records of one day keep one order
    between pages and across rebuilds."""
    return _date_number(document.date) * 2**32 + zlib.crc32(document.key.encode())


def _document(document: SearchDocument) -> tantivy.Document:
    return tantivy.Document(
        key=document.key, type=document.type, reference=document.reference.lower(),
        year=str(document.year), financial_year=document.financial_year,
        category=document.category, person=document.person, title=document.title,
        content=f"{document.title}. {document.text}",
        spelling=f"{document.title} {document.text[:SPELLING_TEXT_CHARACTERS]}",
        date=_date_number(document.date), newest=_newest(document),
    )


def _open_index(directory: Path, create: bool = False) -> tantivy.Index:
    """The index in `directory`; ValueError or OSError if there is none, or it is damaged
    (never a new empty one in a directory of something else, such as a Whoosh index)."""
    index = (tantivy.Index(_SCHEMA, path=str(directory), reuse=False) if create
             else tantivy.Index.open(str(directory)))
    index.register_tokenizer("english", english_analyser())
    index.register_tokenizer("spelling", spelling_analyser())
    # Reloaded by this module when the files change (a watcher thread would not survive
    # a fork, and this also sees a switch to a rebuilt directory).
    index.config_reader("manual")
    return index


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_ino, found.st_mtime_ns, found.st_size


@dataclass
class _Live:
    """The open index of this process and what was worked out from its current state."""

    name: str
    index: tantivy.Index
    signature: tuple[int, int, int] | None
    cache: dict[str, Any] = field(default_factory=dict)


class TantivyIndex(IndexFolder):
    schema_version = SCHEMA_VERSION

    def __init__(self, folder: Path | str) -> None:
        super().__init__(folder)
        self._lock = threading.Lock()
        self._live: _Live | None = None
        self._checked_at = 0.0

    # Where the live index is

    def _create_index_in(self, directory: Path) -> None:
        _open_index(directory, create=True)

    @property
    def live_directory(self) -> Path:
        """The directory of the index that searches are answered from."""
        self.ensure_exists()
        return self.folder / str(self._current_name())

    def ensure_exists(self) -> None:
        """Create an empty index on first use."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._current_name() is None:
            with self._write_lock(timeout=30.0):
                if self._current_name() is None:
                    self._switch_to(self._new_directory().name)

    def has_current_schema(self) -> bool:
        """False when the index on disk was built by another version, or cannot be opened,
        and needs a rebuild."""
        self.ensure_exists()
        directory = self.folder / str(self._current_name())
        try:
            found = (directory / "SCHEMA_VERSION").read_text().strip()
            if found != SCHEMA_VERSION:
                return False
            _open_index(directory).searcher()
        except (OSError, ValueError):
            return False
        return True

    # Writing

    @contextmanager
    def _write_lock(self, timeout: float) -> Iterator[None]:
        """One writer at a time, across processes and threads (a lock on the open file,
        released by the system if the process dies)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        handle: TextIO = open(self.folder / "WRITE.lock", "a")  # noqa: SIM115
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise IndexBusy(
                            "the search index is being written by another process") from None
                    time.sleep(0.05)
            yield
        finally:
            handle.close()  # closing lets go of the lock

    def apply(self, upserts: Iterable[SearchDocument], removals: Iterable[str] = (),
              timeout: float = 5.0) -> None:
        apply_in_one_batch(self, upserts, removals, timeout)

    @contextmanager
    def batch(self, timeout: float = 5.0) -> Iterator["TantivyBatch"]:
        """Hold the write lock for a set of changes, committed together at the end (or
        not at all, after an error or `discard()`).

        Read what to write *inside* the block: whoever holds the lock then sees the latest
        state, so a slower writer can never overwrite a newer change with an older one.
        """
        with self._write_lock(timeout):
            if self._current_name() is None:
                self._switch_to(self._new_directory().name)
            index = _open_index(self.folder / str(self._current_name()))
            writer = index.writer(CHANGE_HEAP, 1)
            batch = TantivyBatch(writer)
            try:
                yield batch
                if batch.discarded or not batch.changed:
                    return
                writer.commit()
            finally:
                # Uncommitted changes are dropped with the writer. Merging the small
                # segments each change leaves keeps searches quick.
                _finish(writer)
        self._checked_at = 0.0  # this process sees its own change on its next search

    def rebuild(self, documents: Iterable[SearchDocument], progress: Progress | None = None,
                processes: int = 2, timeout: float = 30.0) -> int:
        """Build a fresh index from every document, then make it the live one.

        The write lock is held throughout, so changes made meanwhile wait (their pending
        work stays queued) instead of landing in the index being replaced. Nothing of the
        old index is read, so this also repairs a folder whose index is missing or damaged.
        """
        threads = max(1, processes)
        with self._write_lock(timeout):
            old_name = self._current_name()
            directory = self._new_directory()
            writer = _open_index(directory).writer(REBUILD_HEAP_PER_THREAD * threads, threads)
            count = 0
            try:
                for document in documents:
                    writer.add_document(_document(document))
                    count += 1
                    if progress:
                        progress(1)
                writer.commit()
            finally:
                _finish(writer)
            self._switch_to(directory.name)
            # The directory before stays for searches other processes have open.
            self._remove_old_directories(keep={directory.name, str(old_name)})
        self._checked_at = 0.0
        return count

    # Searching

    def _fresh(self) -> _Live:
        """The open index, reloaded if another process (or this one) has changed it."""
        with self._lock:
            now = time.monotonic()
            live = self._live
            if live is not None and now - self._checked_at < REFRESH_SECONDS:
                return live
            name = self._current_name()
            if name is None:
                # The folder was emptied while the portal ran (it makes an index on
                # starting). Not made again here: a rebuild may hold the lock meanwhile.
                raise FileNotFoundError("there is no search index: run `portal reindex`")
            signature = _signature(self.folder / name / "meta.json")
            if live is None or live.name != name:
                self._live = None  # a failure to open is not kept: the next search retries
                live = _Live(name, _open_index(self.folder / name), signature)
                self._live = live
            elif signature != live.signature:
                self._live = None  # as above, if the changed files cannot be read
                live.index.reload()
                live.signature, live.cache = signature, {}
                self._live = live
            self._checked_at = now
            return live

    def document_keys(self) -> set[str]:
        """Every key in the index (used to check the index against the database)."""
        searcher = self._fresh().index.searcher()
        found = searcher.search(Query.all_query(), max(1, searcher.num_docs), count=False)
        return {searcher.doc(address)["key"][0] for _score, address in found.hits}

    def document_count(self) -> int:
        """How many documents searches see (cheap: it reads the index's own count)."""
        return int(self._fresh().index.searcher().num_docs)

    def close(self) -> None:
        with self._lock:
            self._live = None

    def search(self, request: SearchRequest) -> SearchResults:
        return _Search(self._fresh(), request).run()

    def search_all(self, request: SearchRequest, limit: int) -> tuple[list[Hit], int]:
        """Every match (up to `limit`) for downloads, and how many there are in all."""
        return _Search(self._fresh(), request).all_hits(limit)

    def snippets(self, query: ParsedQuery, texts: Sequence[str]) -> list[list[Segment]]:
        stems = {stem for text in query.positive_terms for stem in _ENGLISH.analyze(text)}
        return [snippet_window(text, lambda word: _stem(word.group()) in stems)
                for text in texts]


def _finish(writer: tantivy.IndexWriter) -> None:
    """Let go of the writer (and the index's own lock) now, not whenever Python frees it:
    an error's traceback can keep it alive, and the next writer would find the index locked."""
    with suppress(RuntimeError):  # already let go of
        writer.wait_merging_threads()


@lru_cache(maxsize=50_000)
def _stem(word: str) -> str | None:
    stems = _ENGLISH.analyze(word)
    return stems[0] if stems else None


class TantivyBatch:
    """Changes made while holding the write lock (see TantivyIndex.batch)."""

    def __init__(self, writer: tantivy.IndexWriter) -> None:
        self._writer = writer
        self.discarded = False
        self.changed = False

    def upsert(self, document: SearchDocument) -> None:
        self._writer.delete_documents_by_term("key", document.key)
        self._writer.add_document(_document(document))
        self.changed = True

    def remove(self, key: str) -> None:
        self._writer.delete_documents_by_term("key", key)
        self.changed = True

    def discard(self) -> None:
        self.discarded = True


def _term(field_name: str, value: str) -> Query:
    return Query.term_query(_SCHEMA, field_name, value)


def _all_of(queries: Sequence[Query]) -> Query:
    return queries[0] if len(queries) == 1 else Query.boolean_query(
        [(Occur.Must, query) for query in queries])


def _any_of(queries: Sequence[Query]) -> Query:
    return queries[0] if len(queries) == 1 else Query.boolean_query(
        [(Occur.Should, query) for query in queries])


def _filter(query: Query) -> Query:
    """Narrows the matches without changing any score."""
    return Query.const_score_query(query, 0.0)


def _positioned_stems(text: str) -> list[tuple[int, str]]:
    """The stems of `text` with their places, leaving out stop words but not their places,
    as the index has them."""
    found: list[tuple[int, str]] = []
    for position, word in enumerate(_WORDS.analyze(text)):
        found.extend((position, stem) for stem in _ENGLISH.analyze(word))
    return found


def _term_query(text: str) -> Query | None:
    """A word or phrase anywhere in the title or text, or an exact reference.

    Words that are only stop words ("the", "and") are left out.
    """
    stems = _positioned_stems(text)
    reference = looks_like_reference(text)
    if not stems:
        return _term("reference", text.lower()) if reference else None
    if len(stems) == 1:
        found = _term("content", stems[0][1])
    else:
        first = stems[0][0]
        found = Query.phrase_query(_SCHEMA, "content",
                                   [(position - first, stem) for position, stem in stems])
    if reference:
        found = _any_of([Query.boost_query(_term("reference", text.lower()), REFERENCE_BOOST),
                         found])
    return found


class _Search:
    """One request against one searcher."""

    def __init__(self, live: _Live, request: SearchRequest) -> None:
        self.live = live
        self.searcher = live.index.searcher()
        self.request = request
        parsed = request.query
        positives = [query for text in parsed.positive_terms
                     if (query := _term_query(text)) is not None]
        self.matches_nothing = bool(parsed.positive_terms) and not positives
        self.words = _all_of(positives) if positives else None
        self.excluded = [query for text in parsed.excluded
                         if (query := _term_query(text)) is not None]

    def _query(self, *, by_type: bool = True, by_date: bool = True) -> Query:
        """The words (scored, higher for title matches) and every filter, except the type or
        date filter when counting facets by that."""
        request = self.request
        clauses: list[tuple[Occur, Query]] = []
        if self.words is None:
            clauses.append((Occur.Must, Query.all_query()))
        else:
            clauses.append((Occur.Must, self.words))
            in_title = [_term("title", stem) for text in request.query.positive_terms
                        for _position, stem in _positioned_stems(text)]
            if in_title:
                clauses.append((Occur.Should, Query.boost_query(_any_of(in_title), TITLE_BOOST)))
        filters = [_term(name, value) for name, value in (
            ("category", request.category), ("person", request.person),
            ("financial_year", request.financial_year)) if value]
        if by_type and request.types:
            filters.append(_any_of([_term("type", kind) for kind in request.types]))
        if by_date and (request.date_from or request.date_to):
            filters.append(Query.range_query(
                _SCHEMA, "date", tantivy.FieldType.Integer,
                _date_number(request.date_from) if request.date_from else 0,
                _date_number(request.date_to) if request.date_to else 99_999_999))
        clauses.extend((Occur.Must, _filter(query)) for query in filters)
        clauses.extend((Occur.MustNot, query) for query in self.excluded)
        return Query.boolean_query(clauses)

    def _hits(self, query: Query, count: int, skip: int = 0) -> tuple[list[Hit], int]:
        """`count` hits after the first `skip`, best or newest first, and the total."""
        newest = self.request.sort == "newest" or self.words is None
        found = self.searcher.search(query, max(count, 1), count=True, offset=skip,
                                     order_by_field="newest" if newest else None)
        hits = [Hit(self.searcher.doc(address)["key"][0], 0.0 if newest else float(score))
                for score, address in found.hits[:count]]
        return hits, int(found.count or 0)  # type: ignore[attr-defined]  # missing from its stubs

    def run(self) -> SearchResults:
        request = self.request
        if self.matches_nothing:
            return SearchResults(hits=[], total=0, page=request.page, per_page=request.per_page,
                                 suggestion=self._suggestion(0),
                                 financial_years=self._financial_years())
        first = (request.page - 1) * request.per_page
        hits, total = self._hits(self._query(), request.per_page, skip=first)
        return SearchResults(
            hits=hits, total=total, page=request.page, per_page=request.per_page,
            # The kinds are whatever the index holds; the portal puts them in its own order.
            type_facets=sorted(self._counts(self._query(by_type=False), "type"),
                               key=lambda facet: facet.value),
            year_facets=sorted(self._counts(self._query(by_date=False), "year"),
                               key=lambda facet: facet.value, reverse=True),
            suggestion=self._suggestion(total),
            financial_years=self._financial_years(),
        )

    def all_hits(self, limit: int) -> tuple[list[Hit], int]:
        if self.matches_nothing:
            return [], 0
        return self._hits(self._query(), limit)

    def _counts(self, query: Query, field_name: str) -> list[Facet]:
        """How many matches have each value of `field_name`: whatever values the index holds."""
        counted = self.searcher.aggregate(
            query, {"counts": {"terms": {"field": field_name, "size": 10_000}}})
        return [Facet(bucket["key"], int(bucket["doc_count"]))
                for bucket in counted["counts"]["buckets"] if bucket["doc_count"]]

    def _financial_years(self) -> list[str]:
        cache = self.live.cache
        if "financial_years" not in cache:
            cache["financial_years"] = sorted(
                (facet.value for facet in self._counts(Query.all_query(), "financial_year")),
                reverse=True)
        return list(cache["financial_years"])

    # "Did you mean"

    def _suggestion(self, found: int) -> str | None:
        words = self.request.query.words
        if found >= 3 or not words:
            return None
        corrected, changed = [], False
        for word in words:
            folded = _SPELLING.analyze(word)
            if len(folded) != 1 or len(folded[0]) < 4 \
                    or self.searcher.doc_freq("spelling", folded[0]) > 0:
                corrected.append(word)
                continue
            suggestion = self._closest_word(folded[0])
            corrected.append(suggestion or word)
            changed = changed or bool(suggestion)
        return " ".join(corrected) if changed else None

    def _closest_word(self, word: str) -> str | None:
        """The indexed word at most two edits from `word` that is nearest, then commonest,
        among those beginning with the same two letters, or else the same first letter (as
        misspellings almost always do): a few hundred words to compare, not every one."""
        return self._closest_word_from(word, word[:2]) or self._closest_word_from(word, word[0])

    def _closest_word_from(self, word: str, prefix: str) -> str | None:
        best: tuple[int, int, str] | None = None
        for candidate, frequency in self.searcher.terms_with_prefix("spelling", prefix):
            if abs(len(candidate) - len(word)) > 2:
                continue
            distance = _edit_distance(word, candidate, 2)
            if distance <= 2 and (best is None or (distance, -frequency, candidate) < best):
                best = (distance, -frequency, candidate)
        return best[2] if best else None


def _edit_distance(first: str, second: str, most: int) -> int:
    """Levenshtein distance, or `most + 1` as soon as it must be more than `most`."""
    previous = list(range(len(second) + 1))
    for i, letter in enumerate(first, 1):
        current = [i]
        for j, other in enumerate(second, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (letter != other)))
        if min(current) > most:
            return most + 1
        previous = current
    return previous[-1]
