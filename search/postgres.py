"""PostgreSQL full-text search behind the same interface as the Whoosh index.

For deployments with several web servers: every node reads and writes the same tables,
so there is no index to copy or keep fresh. Documents live in `search_document`
(see pg_schema) with a generated, weighted tsvector under a GIN index. Words match
through `websearch_to_tsquery`, built from the portal's own parsed query (never from
raw input), results are ranked with `ts_rank_cd` or listed newest first, facets are
counted with one GROUP BY, and snippets come from `ts_headline` over escaped text.

Writing, and the lock that keeps writers on every node in turn, is in pg_writer.
"""

import html
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnClause,
    ColumnElement,
    Connection,
    Engine,
    and_,
    bindparam,
    case,
    false,
    func,
    literal_column,
    select,
    text,
    true,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.types import String

from search.backend import Progress, apply_in_one_batch
from search.documents import SearchDocument
from search.pg_schema import TEXT_CONFIG, TRIGRAM_INDEX, search_document, search_word
from search.pg_writer import PostgresWriter, fold, take_write_lock
from search.query import ParsedQuery
from search.results import Facet, Hit, SearchRequest, SearchResults
from search.snippets import Segment, snippet_window

__all__ = ["PostgresSearch", "PostgresWriter", "take_write_lock", "websearch_text"]

SNIPPET_CHARACTERS = 50_000
_MARK = re.compile(r"(</?mark>)")
_NOT_WORD = re.compile(r"[^\w\s/'’-]|_")
_CONFIG: ColumnClause[Any] = literal_column(f"'{TEXT_CONFIG}'::regconfig")
_HEADLINE_OPTIONS = "StartSel=<mark>, StopSel=</mark>, HighlightAll=true"
doc = search_document.c


def _plain(term: str) -> str:
    """A term as words only, as Whoosh's analyser sees it: PostgreSQL's parser would read
    "plan~2" as a word and a file name, so symbols become spaces and single characters go."""
    return " ".join(piece for piece in _NOT_WORD.sub(" ", term).split() if len(piece) > 1)


def websearch_text(terms: Iterable[str], excluded: Iterable[str] = ()) -> str:
    """The portal's query as websearch_to_tsquery input: every term quoted, so it is one
    word or phrase and never an operator ("or", "-"); exclusions after a minus sign.
    Terms cannot hold a double quote: the portal's parser splits on them."""
    wanted = [plain for term in terms if (plain := _plain(term))]
    unwanted = [plain for term in excluded if (plain := _plain(term))]
    return " ".join([*(f'"{term}"' for term in wanted), *(f'-"{term}"' for term in unwanted)])


def _tsquery(value: str) -> ColumnElement[Any]:
    return func.websearch_to_tsquery(_CONFIG, bindparam(None, value, type_=String))


class PostgresSearch:
    """The search interface over the search tables of the portal's own PostgreSQL database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._trigrams: bool | None = None

    def ensure_exists(self) -> None:
        """Nothing to do: migration 0010 makes the tables."""

    def has_current_schema(self) -> bool:
        with self.engine.connect() as connection:
            return bool(connection.scalar(select(
                func.to_regclass("search_document").is_not(None))))

    # Writing

    @contextmanager
    def batch(self, timeout: float = 5.0) -> Iterator[PostgresWriter]:
        with self.engine.connect() as connection, connection.begin() as transaction:
            take_write_lock(connection, timeout)
            writer = PostgresWriter(connection)
            yield writer
            if writer.discarded:
                transaction.rollback()
                return
            writer.flush()

    def apply(self, upserts: Iterable[SearchDocument], removals: Iterable[str] = (),
              timeout: float = 5.0) -> None:
        apply_in_one_batch(self, upserts, removals, timeout)

    def rebuild(self, documents: Iterable[SearchDocument], progress: Progress | None = None,
                processes: int = 2, timeout: float = 30.0) -> int:
        """Replace every document in one transaction: searches see the old ones until it
        commits, and writers wait for it (`processes` is for Whoosh; PostgreSQL needs none)."""
        count = 0
        with self.batch(timeout) as writer:
            writer.clear()
            for document in documents:  # read only now, with the write lock held
                writer.upsert(document)
                count += 1
                if progress:
                    progress(1)
        # The rows replaced are dead weight every search would step over until autovacuum
        # came by, and the planner has never seen the table this full: tidy up at once.
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as tidy:
            tidy.execute(text("VACUUM (ANALYZE) search_document"))
        return count

    def document_keys(self) -> set[str]:
        with self.engine.connect() as connection:
            return set(connection.scalars(select(doc.key)))

    def document_count(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(search_document)) or 0)

    def close(self) -> None:
        """Nothing held between searches: connections go back to the engine's pool."""

    # Searching

    def search(self, request: SearchRequest) -> SearchResults:
        with self.engine.connect() as connection:
            return _Search(connection, request, self._has_trigrams(connection)).run()

    def search_all(self, request: SearchRequest, limit: int) -> tuple[list[Hit], int]:
        with self.engine.connect() as connection:
            search = _Search(connection, request, False)
            return search.hits(limit, 0), search.counts()[0]

    def snippets(self, query: ParsedQuery, texts: Sequence[str]) -> list[list[Segment]]:
        """ts_headline over the escaped text, with <mark> (which escaped text cannot hold)
        around matched words; the pieces are then unescaped for the template to escape."""
        if not texts:
            return []
        clipped = [html.escape(text[:SNIPPET_CHARACTERS], quote=False) for text in texts]
        wanted = websearch_text(query.positive_terms)
        if not wanted:
            return [snippet_window(text, lambda _word: False) for text in texts]
        pieces = func.unnest(bindparam("texts", clipped, type_=ARRAY(String))) \
            .table_valued("value", with_ordinality="ordinality").render_derived(name="piece")
        statement = select(func.ts_headline(_CONFIG, pieces.c.value, _tsquery(wanted),
                                            _HEADLINE_OPTIONS)).order_by(pieces.c.ordinality)
        with self.engine.connect() as connection:
            headlines = list(connection.scalars(statement))
        return [_segments(headline) for headline in headlines]

    def _has_trigrams(self, connection: Connection) -> bool:
        if self._trigrams is None:
            self._trigrams = bool(connection.scalar(select(
                func.to_regclass(TRIGRAM_INDEX).is_not(None))))
        return self._trigrams


def _segments(headline: str) -> list[Segment]:
    """The marked-up headline back as plain text, windowed around the marked words."""
    plain: list[str] = []
    marked: list[tuple[int, int]] = []
    inside, position = False, 0
    for piece in _MARK.split(headline):
        if piece in ("<mark>", "</mark>"):
            inside = piece == "<mark>"
            continue
        value = html.unescape(piece)
        if inside:
            marked.append((position, position + len(value)))
        plain.append(value)
        position += len(value)
    return snippet_window("".join(plain), lambda word: any(
        start < word.end() and word.start() < end for start, end in marked))


def _financial_year_start(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


class _Search:
    """One request, answered with a few queries on one connection."""

    def __init__(self, connection: Connection, request: SearchRequest,
                 suggest: bool) -> None:
        self.connection = connection
        self.request = request
        self.suggest = suggest
        parsed = request.query
        self.positive = websearch_text(parsed.positive_terms)
        self.everything = websearch_text(parsed.positive_terms, parsed.excluded)
        self.nothing, self.use_words, self.ranked = self._check_words()

    def _check_words(self) -> tuple[bool, bool, bool]:
        """(No record can match, the words narrow the matches, they rank the results)."""
        if self.request.query.is_empty:
            return False, False, False
        positive_nodes, all_nodes = self.connection.execute(select(
            func.numnode(_tsquery(self.positive)), func.numnode(_tsquery(self.everything)),
        )).one()
        if self.request.query.positive_terms and not positive_nodes:
            return True, False, False  # only stop words or punctuation: nothing to look for
        return False, bool(all_nodes), bool(positive_nodes) and self.request.sort == "relevance"

    def _conditions(self, types: bool, dates: bool) -> list[ColumnElement[bool]]:
        request = self.request
        found: list[ColumnElement[bool]] = []
        if self.nothing:
            return [false()]
        if self.use_words:
            found.append(doc.search_vector.op("@@")(_tsquery(self.everything)))
        for column, value in ((doc.category, request.category), (doc.person, request.person),
                              (doc.financial_year, request.financial_year)):
            if value:
                found.append(column == value)
        if types and request.types:
            found.append(doc.type.in_(request.types))
        if dates:
            found.extend(self._in_dates())
        return found

    def _in_dates(self) -> list[ColumnElement[bool]]:
        found = []
        if self.request.date_from:
            found.append(doc.date >= self.request.date_from)
        if self.request.date_to:
            found.append(doc.date <= self.request.date_to)
        return found

    def hits(self, count: int, skip: int) -> list[Hit]:
        score: ColumnElement[Any] = literal_column("0.0")
        order: list[Any] = []
        if self.ranked:
            score = func.ts_rank_cd(doc.search_vector, _tsquery(self.positive))
            reference = self.request.query.reference
            if reference:  # the record with exactly this reference first
                order.append(case((func.lower(doc.reference) == reference.lower(), 0),
                                  else_=1))
            order.append(score.desc())
        statement = (select(doc.key, score).where(*self._conditions(True, True))
                     .order_by(*order, doc.date.desc(), doc.key.desc())
                     .limit(count).offset(skip))
        return [Hit(key, float(value)) for key, value in self.connection.execute(statement)]

    def counts(self) -> tuple[int, list[Facet], list[Facet]]:
        """The total, the type facets (before the type filter) and the year facets (before
        the date filter), from one GROUP BY over the matches."""
        dates = self._in_dates()
        in_range: ColumnElement[bool] = and_(*dates) if dates else true()
        grouping = [doc.type, doc.year, *([in_range] if dates else [])]
        statement = (select(doc.type, doc.year, in_range, func.count())
                     .where(*self._conditions(False, False)).group_by(*grouping))
        by_type: dict[str, int] = {}
        by_year: dict[int, int] = {}
        total = 0
        chosen = set(self.request.types)
        for kind, year, in_dates, number in self.connection.execute(statement):
            if in_dates:
                by_type[kind] = by_type.get(kind, 0) + number
                total += number if kind in chosen or not chosen else 0
            if kind in chosen or not chosen:
                by_year[year] = by_year.get(year, 0) + number
        # The kinds are whatever the index holds; the portal puts them in its own order.
        return (total, [Facet(kind, by_type[kind]) for kind in sorted(by_type) if by_type[kind]],
                [Facet(str(year), by_year[year]) for year in sorted(by_year, reverse=True)])

    def run(self) -> SearchResults:
        request = self.request
        total, type_facets, year_facets = self.counts()
        first = (request.page - 1) * request.per_page
        hits = self.hits(request.per_page, first) if first < total else []
        return SearchResults(
            hits=hits, total=total, page=request.page, per_page=request.per_page,
            type_facets=type_facets, year_facets=year_facets,
            suggestion=self._suggestion(total) if self.suggest else None,
            financial_years=self._financial_years(),
        )

    def _financial_years(self) -> list[str]:
        """Every financial year from the oldest record's to the newest's, newest first:
        two index lookups, where listing the distinct years would read every row."""
        oldest, newest = self.connection.execute(select(func.min(doc.date),
                                                        func.max(doc.date))).one()
        if oldest is None:
            return []
        first, last = (_financial_year_start(day) for day in (oldest, newest))
        return [f"{start}-{(start + 1) % 100:02d}" for start in range(last, first - 1, -1)]

    def _suggestion(self, found: int) -> str | None:
        """Each unknown word replaced by the most similar known word (pg_trgm)."""
        words = self.request.query.words
        if found >= 3 or not words:
            return None
        folded = [fold(word) for word in words]
        known = set(self.connection.scalars(select(search_word.c.word).where(
            search_word.c.word.in_(folded))))
        corrected, changed = [], False
        for word, plain in zip(words, folded, strict=True):
            if len(plain) < 4 or not plain.isalpha() or plain in known:
                corrected.append(word)
                continue
            best = self.connection.scalar(
                select(search_word.c.word).where(search_word.c.word.op("%")(plain))
                .order_by(func.similarity(search_word.c.word, plain).desc(),
                          search_word.c.word).limit(1))
            corrected.append(best or word)
            changed = changed or best is not None
        return " ".join(corrected) if changed else None
