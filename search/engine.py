"""The Whoosh index: writing documents, rebuilding, and answering SearchRequests.

Layout on disk: `<folder>/CURRENT` names the live index directory beside it. A rebuild
writes a new directory and then switches CURRENT, so searches carry on meanwhile.

A Whoosh searcher must not be shared between threads and is expensive to open, so each
process keeps one, guarded by a lock, and refreshes it when the index has changed
(checked at most every REFRESH_SECONDS).
"""

import heapq
import threading
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any, TypeAlias

from whoosh import collectors
from whoosh import index as whoosh_index
from whoosh import query as q
from whoosh.index import LockError
from whoosh.searching import Searcher
from whoosh.support.charset import accent_map

from search.backend import IndexBusy, apply_in_one_batch
from search.documents import SearchDocument
from search.folders import IndexFolder
from search.query import ParsedQuery, looks_like_reference
from search.results import Facet, Hit, SearchRequest, SearchResults
from search.schema import SCHEMA_VERSION, build_schema, pairs_analyser, text_analyser
from search.snippets import Segment, make_snippet

__all__ = ["IndexBusy", "SearchIndex"]

REFRESH_SECONDS = 0.5
SPELLING_TEXT_CHARACTERS = 1_000
Progress = Callable[[int], None]
# How results are ranked: newest first (None), by these (score, docnum) pairs, or by a query.
Scores: TypeAlias = list[tuple[float, int]] | q.Query | None


def _date_number(day: date) -> int:
    return day.year * 10_000 + day.month * 100 + day.day


def _fields(document: SearchDocument) -> dict[str, Any]:
    return {
        "key": document.key,
        "type": document.type,
        "reference": document.reference.lower(),
        "title": document.title,
        "content": f"{document.title}. {document.text}",
        "pairs": f"{document.title}. {document.text}",
        "spelling": f"{document.title} {document.text[:SPELLING_TEXT_CHARACTERS]}",
        "date": _date_number(document.date),
        "year": str(document.year),
        "financial_year": document.financial_year,
        "category": document.category,
        "person": document.person,
        **({"amount": document.amount_pence} if document.amount_pence is not None else {}),
    }


class SearchIndex(IndexFolder):
    schema_version = str(SCHEMA_VERSION)

    def __init__(self, folder: Path | str) -> None:
        super().__init__(folder)
        self._analysers = (text_analyser(), pairs_analyser())
        self._lock = threading.Lock()
        self._searcher: Searcher | None = None
        self._searcher_dir: str | None = None
        self._checked_at = 0.0
        self._facet_sets: dict[tuple[str, str], Any] = {}

    # Where the live index is

    def _create_index_in(self, directory: Path) -> None:
        whoosh_index.create_in(str(directory), build_schema())

    def ensure_exists(self) -> None:
        """Create an empty index on first use."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._current_name() is None:
            self._switch_to(self._new_directory().name)

    def has_current_schema(self) -> bool:
        """False when the index on disk was built by another version, or cannot be opened,
        and needs a rebuild."""
        self.ensure_exists()
        try:
            found = (self.folder / str(self._current_name()) / "SCHEMA_VERSION").read_text()
            if found.strip() != str(SCHEMA_VERSION):
                return False
            self._open().doc_count()
        except Exception:  # Whoosh raises many kinds of error for damaged files
            return False
        return True

    @property
    def live_directory(self) -> Path:
        """The directory of the index that searches are answered from."""
        self.ensure_exists()
        return self.folder / str(self._current_name())

    def _open(self) -> whoosh_index.Index:
        self.ensure_exists()
        return whoosh_index.open_dir(str(self.folder / str(self._current_name())))

    # Writing

    def apply(self, upserts: Iterable[SearchDocument], removals: Iterable[str] = (),
              timeout: float = 5.0) -> None:
        apply_in_one_batch(self, upserts, removals, timeout)

    @contextmanager
    def batch(self, timeout: float = 5.0) -> Iterator["IndexBatch"]:
        """Hold the index's write lock for a set of changes, committed together at the end
        (or not at all, after an error or `discard()`).

        Read what to write *inside* the block: whoever holds the lock then sees the latest
        state, so a slower writer can never overwrite a newer change with an older one.
        """
        try:
            writer = self._open().writer(timeout=timeout, delay=0.05)
        except LockError as error:
            raise IndexBusy("the search index is being written by another process") from error
        batch = IndexBatch(writer)
        try:
            yield batch
        except BaseException:
            writer.cancel()
            raise
        if batch.discarded:
            writer.cancel()
            return
        writer.commit()
        self._checked_at = 0.0  # this process sees its own change on its next search

    def rebuild(self, documents: Iterable[SearchDocument], progress: Progress | None = None,
                processes: int = 2, timeout: float = 30.0) -> int:
        """Build a fresh index from every document, then make it the live one.

        The live index's write lock is held throughout, so changes made meanwhile wait
        (their pending work stays queued) instead of landing in the index being replaced.
        """
        live_writer = self._live_writer(timeout)
        old_name = self._current_name()
        try:
            directory = self._new_directory()
            fresh = whoosh_index.open_dir(str(directory))
            writer = fresh.writer(procs=processes, limitmb=128, multisegment=processes > 1)
            count = 0
            for document in documents:
                writer.add_document(**_fields(document))
                count += 1
                if progress:
                    progress(1)
            writer.commit()
            self._switch_to(directory.name)
        finally:
            if live_writer is not None:
                live_writer.cancel()
        self._remove_old_directories(keep={directory.name, str(old_name)})
        self._checked_at = 0.0
        return count

    def _live_writer(self, timeout: float) -> Any:
        """The live index's writer, whose lock keeps other writers waiting; None when the
        live index is missing or damaged, as then nothing else can write to it either."""
        try:
            live = self._open()
        except Exception:  # the rebuild replaces it, whatever is wrong with it
            return None
        try:
            return live.writer(timeout=timeout, delay=0.1)
        except LockError as error:
            raise IndexBusy("the search index is being written by another process") from error

    def document_keys(self) -> set[str]:
        """Every key in the index (used to check the index against the database)."""
        with self._searching() as searcher:
            return {fields["key"] for fields in searcher.all_stored_fields()}

    # Searching

    def document_count(self) -> int:
        """How many documents searches see (cheap: it reads the index's own count)."""
        with self._searching() as searcher:
            return int(searcher.doc_count())

    @contextmanager
    def _searching(self) -> Iterator[Searcher]:
        with self._lock:
            yield self._fresh_searcher()

    def _fresh_searcher(self) -> Searcher:
        now = time.monotonic()
        if self._searcher is not None and now - self._checked_at < REFRESH_SECONDS:
            return self._searcher
        self._checked_at = now
        stale = (self._searcher is None or self._current_name() != self._searcher_dir
                 or not self._searcher.up_to_date())
        if stale:
            # Not Searcher.refresh(): it reuses segment readers and so misses deletions
            # made in an existing segment, which would show removed or duplicate records.
            if self._searcher is not None:
                self._searcher.close()
            # Not kept if the index cannot be opened: the next search tries again.
            self._searcher, self._searcher_dir, self._facet_sets = None, None, {}
            searcher = self._open().searcher()
            self._searcher, self._searcher_dir = searcher, self._current_name()
        return self._searcher

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    def search(self, request: SearchRequest) -> SearchResults:
        with self._searching() as searcher:
            return _Search(searcher, self._analysers, self._facet_sets, request).run()

    def search_all(self, request: SearchRequest, limit: int) -> tuple[list[Hit], int]:
        """Every match (up to `limit`) for downloads, and how many there are in all."""
        with self._searching() as searcher:
            return _Search(searcher, self._analysers, self._facet_sets, request).all_hits(limit)

    def snippets(self, query: ParsedQuery, texts: Sequence[str]) -> list[list[Segment]]:
        return [make_snippet(text, query) for text in texts]


class IndexBatch:
    """Changes made while holding the write lock (see SearchIndex.batch)."""

    def __init__(self, writer: Any) -> None:
        self._writer = writer
        self.discarded = False

    def upsert(self, document: SearchDocument) -> None:
        self._writer.update_document(**_fields(document))

    def remove(self, key: str) -> None:
        self._writer.delete_by_term("key", key)

    def discard(self) -> None:
        self.discarded = True


class _Search:
    """One request against one searcher."""

    def __init__(self, searcher: Searcher, analysers: tuple[Any, Any],
                 facet_sets: dict[tuple[str, str], Any], request: SearchRequest) -> None:
        self.searcher = searcher
        self.analyser, self.pairs_analyser = analysers
        self.facet_sets = facet_sets
        self.request = request

    def run(self) -> SearchResults:
        request = self.request
        text_query = self._text_query(request.query)
        base, scores = self._base(text_query)
        base = self._without_excluded(base)
        in_types = self._union("type", request.types) if request.types else None
        in_dates = self._date_docs()
        matching = _intersect(base, in_types, in_dates)
        first = (request.page - 1) * request.per_page
        hits = self._top(scores, matching, first + request.per_page, skip=first)
        return SearchResults(
            hits=hits, total=len(matching), page=request.page, per_page=request.per_page,
            type_facets=self._type_facets(_intersect(base, None, in_dates)),
            year_facets=self._year_facets(_intersect(base, in_types, None)),
            suggestion=self._suggestion(request.query, len(matching)),
            financial_years=sorted((term.decode() for term in
                                    self.searcher.lexicon("financial_year")), reverse=True),
        )

    def all_hits(self, limit: int) -> tuple[list[Hit], int]:
        base, scores = self._base(self._text_query(self.request.query))
        base = self._without_excluded(base)
        in_types = self._union("type", self.request.types) if self.request.types else None
        matching = _intersect(base, in_types, self._date_docs())
        return self._top(scores, matching, limit), len(matching)

    def _base(self, text_query: q.Query) -> tuple[set[int], Scores]:
        """Documents matching the words and the filters that facets do not count by, and
        how to rank them: None for newest first, else their scores, or the query to score
        them with later.

        Scores come from one pass over every match, which also gives the set of matches:
        cheaper than finding the matches and then scoring them again for the top few.
        """
        filters = self._shared_filters()
        if isinstance(text_query, q.Every) and not filters:
            return self._cached(("all", ""),
                                lambda: set(self.searcher.reader().all_doc_ids())), None
        query = q.And([text_query, *filters]) if filters else text_query
        if self.request.sort == "newest" or isinstance(text_query, q.Every):
            return set(self.searcher.docs_for_query(query)), None
        if isinstance(query, q.Term):
            # One long posting list: listing it is quick, and scoring is left to _top,
            # which keeps only the best few (far cheaper than keeping every score).
            return set(self.searcher.docs_for_query(query)), query
        collector = collectors.UnlimitedCollector()
        self.searcher.search_with_collector(self._scored_query(query), collector)
        return collector.docset, collector.items

    def _top(self, scores: Scores, matching: set[int], count: int, skip: int = 0) -> list[Hit]:
        """The first `count` of `matching` (leaving out `skip`), best or newest first."""
        if len(matching) <= skip or count <= skip:
            return []
        if scores is None:
            order: list[int] = self._cached(("newest", ""), self._newest_order)
            picked = islice((docnum for docnum in order if docnum in matching), skip, count)
            return [Hit(self.searcher.stored_fields(docnum)["key"], 0.0) for docnum in picked]
        if isinstance(scores, q.Query):
            # Whoosh's block-quality skipping costs more than it saves on indexes this size.
            results = self.searcher.search(self._scored_query(scores), limit=count,
                                           filter=matching, optimize=False)
            return [Hit(results[n]["key"], float(results.score(n)))
                    for n in range(skip, min(count, results.scored_length()))]
        # Highest score first; on equal scores the lower document number, as Whoosh does.
        best = heapq.nlargest(count, ((score, -docnum) for score, docnum in scores
                                      if docnum in matching))
        return [Hit(self.searcher.stored_fields(-negated)["key"], score)
                for score, negated in best[skip:]]

    def _newest_order(self) -> list[int]:
        """Every document, newest first; the key breaks ties so the order is stable."""
        reader = self.searcher.reader()
        dates, keys = reader.column_reader("date"), reader.column_reader("key")
        return sorted(reader.all_doc_ids(), key=lambda docnum: (dates[docnum], keys[docnum]),
                      reverse=True)

    def _cached(self, key: tuple[str, str], make: Callable[[], Any]) -> Any:
        if key not in self.facet_sets:
            self.facet_sets[key] = make()
        return self.facet_sets[key]

    # Building the query

    def _tokens(self, text: str, analyser: Any = None) -> list[str]:
        return [token.text for token in (analyser or self.analyser)(text, mode="query")]

    def _term_query(self, text: str) -> q.Query | None:
        """A word or phrase anywhere in the title or text, or an exact reference.

        Words that are only stop words ("the", "and") are left out. Stop words inside a
        phrase are skipped too, so "use of force" also finds "use force".
        """
        tokens = self._tokens(text)
        reference = looks_like_reference(text)
        if not tokens:
            return q.Term("reference", text.lower()) if reference else None
        if len(tokens) == 1:
            found: q.Query = q.Term("content", tokens[0])
        else:
            found = q.And([q.Term("pairs", pair)
                           for pair in dict.fromkeys(self._tokens(text, self.pairs_analyser))])
        if reference:
            found = q.Or([q.Term("reference", text.lower(), boost=20.0), found])
        return found

    def _text_query(self, parsed: ParsedQuery) -> q.Query:
        """What a record must match: every word and phrase (exclusions are _excluded's)."""
        positives = [query for text in parsed.positive_terms
                     if (query := self._term_query(text)) is not None]
        if parsed.positive_terms and not positives:
            return q.NullQuery
        wanted: q.Query = q.And(positives) if positives else q.Every()
        return wanted.normalize()  # e.g. And([one term]) becomes the term itself

    def _without_excluded(self, documents: set[int]) -> set[int]:
        """Take out the records with an excluded word or phrase, as a set difference:
        whoosh-reloaded 2.7.5's AndNot (and Not) matchers let some of them through."""
        negatives = [query for text in self.request.query.excluded
                     if (query := self._term_query(text)) is not None]
        if not negatives:
            return documents
        return documents - set(self.searcher.docs_for_query(q.Or(negatives)))

    def _scored_query(self, text_query: q.Query) -> q.Query:
        """The same matches, scored higher where the searched words are in the title."""
        in_title = [q.Term("title", token) for text in self.request.query.positive_terms
                    for token in self._tokens(text)]
        return q.AndMaybe(text_query, q.Or(in_title)) if in_title else text_query

    def _shared_filters(self) -> list[q.Query]:
        filters: list[q.Query] = []
        if self.request.category:
            filters.append(q.Term("category", self.request.category))
        if self.request.person:
            filters.append(q.Term("person", self.request.person))
        if self.request.financial_year:
            filters.append(q.Term("financial_year", self.request.financial_year))
        return filters

    # Filters and facets as sets of document numbers

    def _docs(self, field: str, value: str) -> set[int]:
        return self._cached((field, value),  # type: ignore[no-any-return]
                            lambda: set(self.searcher.docs_for_query(q.Term(field, value))))

    def _union(self, field: str, values: Iterable[str]) -> set[int]:
        found: set[int] = set()
        for value in values:
            found |= self._docs(field, value)
        return found

    def _date_docs(self) -> set[int] | None:
        start, end = self.request.date_from, self.request.date_to
        if start is None and end is None:
            return None
        days, docnums = self._cached(("by date", ""), self._date_order)
        low = bisect_left(days, _date_number(start)) if start else 0
        high = bisect_right(days, _date_number(end)) if end else len(days)
        return set(docnums[low:high])

    def _date_order(self) -> tuple[list[int], list[int]]:
        """Every document's date and number, oldest first, for date ranges by bisection."""
        reader = self.searcher.reader()
        dates = reader.column_reader("date")
        pairs = sorted((dates[docnum], docnum) for docnum in reader.all_doc_ids())
        return [day for day, _ in pairs], [docnum for _, docnum in pairs]

    def _type_facets(self, documents: set[int]) -> list[Facet]:
        # The kinds are whatever the index holds; the portal puts them in its own order.
        kinds = sorted(term.decode() for term in self.searcher.lexicon("type"))
        counts = [Facet(kind, len(documents & self._docs("type", kind))) for kind in kinds]
        return [facet for facet in counts if facet.count]

    def _year_facets(self, documents: set[int]) -> list[Facet]:
        years = sorted((term.decode() for term in self.searcher.lexicon("year")), reverse=True)
        counts = [Facet(year, len(documents & self._docs("year", year))) for year in years]
        return [facet for facet in counts if facet.count]

    # Results

    def _suggestion(self, parsed: ParsedQuery, found: int) -> str | None:
        if found >= 3 or not parsed.words:
            return None
        reader = self.searcher.reader()
        corrected, changed = [], False
        for word in parsed.words:
            folded = word.lower().translate(accent_map)
            if len(folded) < 4 or reader.frequency("spelling", folded) > 0:
                corrected.append(word)
                continue
            suggestions = self.searcher.suggest("spelling", folded, limit=1, maxdist=2)
            corrected.append(suggestions[0] if suggestions else word)
            changed = changed or bool(suggestions)
        return " ".join(corrected) if changed else None


def _intersect(documents: set[int], *limits: set[int] | None) -> set[int]:
    result = documents
    for limit in limits:
        if limit is not None:
            result = result & limit
    return result
