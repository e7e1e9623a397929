"""Every search backend behind the search interface: relevance, filters, facets, upkeep.

`index` (tests/unit/conftest.py) is each backend in turn; `index_files` is each backend
kept in files (tantivy and Whoosh: directories, their lock, searchers held open), and
`whoosh_files` and `tantivy_files` are for what only one of them has."""

import shutil
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from search import SearchDocument, SearchIndex, SearchRequest, parse_query
from search.backend import IndexBusy, SearchBackend
from search.engine import REFRESH_SECONDS
from search.postgres import PostgresSearch, take_write_lock
from search.tantivy_engine import TantivyIndex

FILE_BACKENDS = {"tantivy": TantivyIndex, "whoosh": SearchIndex}


def document(number: int, title: str = "Annual report", text: str = "", *,
             type: str = "decision", day: date = date(2025, 3, 5), reference: str = "",
             category: str = "", person: str = "", amount_pence: int | None = None,
             ) -> SearchDocument:
    return SearchDocument(key=f"{type}:{number}", type=type, title=title, text=text, date=day,
                          reference=reference, category=category, person=person,
                          amount_pence=amount_pence)


def ask(index: SearchBackend, text: str, **options: object) -> list[str]:
    results = index.search(SearchRequest(query=parse_query(text), **options))  # type: ignore[arg-type]
    return [hit.key for hit in results.hits]


@pytest.fixture
def whoosh_files(tmp_path: Path) -> Iterator[SearchIndex]:
    search_index = SearchIndex(tmp_path / "search")
    search_index.ensure_exists()
    yield search_index
    search_index.close()


@pytest.fixture
def tantivy_files(search_index_path: Path) -> Iterator[TantivyIndex]:
    search_index = TantivyIndex(search_index_path)
    search_index.ensure_exists()
    yield search_index
    search_index.close()


@pytest.fixture(params=FILE_BACKENDS)
def index_files(request: pytest.FixtureRequest, search_index_path: Path
                ) -> Iterator[SearchIndex | TantivyIndex]:
    search_index = FILE_BACKENDS[request.param](search_index_path)
    search_index.ensure_exists()
    yield search_index
    search_index.close()


def test_a_reference_query_puts_that_record_first(index: SearchBackend) -> None:
    index.apply([
        document(1, "Decisions published in 2025", "See also 2025/014 and 2025/015.",
                 reference="2025/001"),
        document(2, "Victims' services contract", "Funding for support.", reference="2025/014"),
    ])
    assert ask(index, "2025/014")[0] == "decision:2"


def test_a_title_match_outranks_a_match_only_in_the_body(index: SearchBackend) -> None:
    index.apply([
        document(1, "Annual report", "The estate strategy covers every building we use."),
        document(2, "Estate strategy", "How we look after police buildings."),
    ])
    assert ask(index, "estate") == ["decision:2", "decision:1"]


def test_stemming_finds_other_forms_of_a_word(index: SearchBackend) -> None:
    index.apply([document(1, "Award of contracts", "Three contracts were awarded.")])
    assert ask(index, "contract") == ["decision:1"]
    assert ask(index, "awarding") == ["decision:1"]


def test_accents_are_folded(index: SearchBackend) -> None:
    index.apply([document(1, "Café in the police station", "")])
    assert ask(index, "cafe") == ["decision:1"]
    assert ask(index, "CAFÉ") == ["decision:1"]


def test_every_plain_word_must_match(index: SearchBackend) -> None:
    index.apply([document(1, "Road safety", "Speed cameras on rural roads."),
                 document(2, "Road closures", "Closures for the marathon.")])
    assert ask(index, "road cameras") == ["decision:1"]


def test_phrases_match_only_as_phrases(index: SearchBackend) -> None:
    index.apply([
        document(1, "Custody review", "The use of force was recorded on camera."),
        document(2, "Training review", "Officers use new training; force policy changed."),
    ])
    assert ask(index, '"use of force"') == ["decision:1"]
    assert sorted(ask(index, "use force")) == ["decision:1", "decision:2"]


def test_a_minus_sign_leaves_out_records_with_that_word(index: SearchBackend) -> None:
    index.apply([document(1, "Parking fines", "Town centre parking."),
                 document(2, "Speeding fines", "Camera enforcement.")])
    assert ask(index, "fines -parking") == ["decision:2"]
    assert ask(index, '-"town centre"') == ["decision:2"]


def test_filters_narrow_by_type_date_category_person_and_financial_year(
        index: SearchBackend) -> None:
    index.apply([
        document(1, "Hotel in London", type="expense", day=date(2025, 3, 31),
                 category="Accommodation", person="Deputy Police and Crime Commissioner"),
        document(2, "Hotel in Leeds", type="expense", day=date(2025, 4, 1),
                 category="Accommodation", person="Police and Crime Commissioner"),
        document(3, "Hotel contract", day=date(2025, 4, 2), category="Estates"),
    ])
    assert sorted(ask(index, "hotel", types=("expense",))) == ["expense:1", "expense:2"]
    assert ask(index, "hotel", date_from=date(2025, 4, 2)) == ["decision:3"]
    assert ask(index, "hotel", date_to=date(2025, 3, 31)) == ["expense:1"]
    assert ask(index, "hotel", category="Estates") == ["decision:3"]
    assert ask(index, "hotel", person="Police and Crime Commissioner") == ["expense:2"]
    assert ask(index, "hotel", financial_year="2024-25") == ["expense:1"]


def test_facets_count_by_type_and_year_before_that_filter_is_applied(
        index: SearchBackend) -> None:
    index.apply([
        document(1, "Victims fund", day=date(2024, 6, 1)),
        document(2, "Victims fund grant", day=date(2025, 6, 1)),
        document(3, "Victims services", type="policy", day=date(2025, 1, 1)),
        document(4, "Unrelated", type="policy", day=date(2025, 1, 1)),
    ])
    results = index.search(SearchRequest(query=parse_query("victims"), types=("policy",)))
    assert results.total == 1
    # Type facets ignore the type filter so people can switch; years respect it.
    assert {(f.value, f.count) for f in results.type_facets} == {("decision", 2), ("policy", 1)}
    assert {(f.value, f.count) for f in results.year_facets} == {("2025", 1)}


def test_newest_first_and_pages_beyond_the_first(index: SearchBackend) -> None:
    index.apply([document(n, f"Budget update {n}", day=date(2020 + n % 5, 1, 1 + n))
                 for n in range(1, 26)])
    first = index.search(SearchRequest(query=parse_query("budget"), sort="newest", per_page=10))
    assert first.total == 25 and first.pages == 3 and len(first.hits) == 10
    third = index.search(SearchRequest(query=parse_query("budget"), sort="newest", per_page=10,
                                       page=3))
    assert len(third.hits) == 5
    beyond = index.search(SearchRequest(query=parse_query("budget"), per_page=10, page=9))
    assert beyond.hits == [] and beyond.total == 25
    keys = [hit.key for page in (1, 2, 3) for hit in index.search(SearchRequest(
        query=parse_query("budget"), sort="newest", per_page=10, page=page)).hits]
    assert len(set(keys)) == 25


def test_an_empty_query_lists_everything_newest_first(index: SearchBackend) -> None:
    index.apply([document(1, "Older", day=date(2024, 1, 1)),
                 document(2, "Newer", day=date(2025, 1, 1))])
    assert ask(index, "") == ["decision:2", "decision:1"]


def test_a_misspelt_word_gets_a_suggestion(index: SearchBackend) -> None:
    index.apply([document(1, "Neighbourhood policing", "Neighbourhood teams in every town.")])
    results = index.search(SearchRequest(query=parse_query("neighborhod")))
    assert results.total == 0
    assert results.suggestion == "neighbourhood"


def test_queries_of_only_stop_words_or_punctuation_find_nothing_rather_than_failing(
        index: SearchBackend) -> None:
    index.apply([document(1, "The plan", "")])
    for text in ("the and of", "!!! ???", "AND OR NOT", '"', "-", "*", "title:plan", "pla*",
                 "plan~2", "((plan", "\x00\x1b[31m", "警察 犯罪", "شرطة", "x" * 10_000):
        results = index.search(SearchRequest(query=parse_query(text)))
        assert results.total >= 0, text


def test_wildcards_fuzzy_and_field_syntax_are_searched_as_plain_words(
        index: SearchBackend) -> None:
    index.apply([document(1, "Plan", "title"), document(2, "Clan", "")])
    assert ask(index, "pla*") == []
    assert ask(index, "title:plan") == []  # no field syntax: no record has both words joined
    assert ask(index, "plan~2") == ["decision:1"]


def test_updates_replace_and_removals_remove(index: SearchBackend) -> None:
    index.apply([document(1, "Original title")])
    index.apply([document(1, "Replacement title")])
    assert ask(index, "original") == []
    assert ask(index, "replacement") == ["decision:1"]
    index.apply([], removals=["decision:1"])
    assert ask(index, "replacement") == []
    assert index.document_keys() == set()


def test_a_rebuild_gives_the_same_results_as_incremental_updates(index: SearchBackend) -> None:
    documents = [document(n, f"Record {n} about {'roads' if n % 3 else 'custody'}",
                          f"Body text {n % 7}", day=date(2020 + n % 6, 1 + n % 12, 1),
                          type=("decision", "policy", "scrutiny")[n % 3]) for n in range(60)]
    for start in range(0, 60, 7):
        index.apply(documents[start:start + 7])
    index.apply([document(5, "Record 5 renamed about roads")], removals=["decision:9"])
    final = [d for d in documents if d.key not in {"decision:9", "policy:5"}
             ] + [document(5, "Record 5 renamed about roads")]
    requests = [SearchRequest(query=parse_query(text), sort=sort, per_page=100)  # type: ignore[arg-type]
                for text in ("roads", "custody", "record", '"body text"', "renamed", "")
                for sort in ("relevance", "newest")]
    incremental = [index.search(request) for request in requests]
    assert index.rebuild(final, processes=2) == len(final)
    for request, before in zip(requests, incremental, strict=True):
        fresh = index.search(request)
        assert before.total == fresh.total
        assert {h.key for h in before.hits} == {h.key for h in fresh.hits}
        if request.sort == "newest":
            assert [h.key for h in before.hits] == [h.key for h in fresh.hits]
        assert before.type_facets == fresh.type_facets
        assert before.year_facets == fresh.year_facets


def test_a_rebuild_replaces_every_document(index: SearchBackend) -> None:
    index.apply([document(1, "Old record")])
    index.rebuild([document(2, "New record")])
    assert ask(index, "record") == ["decision:2"]
    assert index.document_keys() == {"decision:2"}


def test_a_whoosh_rebuild_keeps_only_the_directory_before(whoosh_files: SearchIndex) -> None:
    whoosh_files.apply([document(1, "Old record")])
    whoosh_files.rebuild([document(2, "New record")])
    whoosh_files.rebuild([document(3, "Newer record")])
    assert ask(whoosh_files, "record") == ["decision:3"]
    # The previous directory stays for searchers other processes still have open.
    assert len(list(whoosh_files.folder.glob("index-*"))) == 2


def test_a_writer_that_cannot_get_the_whoosh_lock_raises_index_busy(
        whoosh_files: SearchIndex) -> None:
    live = whoosh_index.open_dir(str(whoosh_files.live_directory))
    holder = live.writer()
    try:
        with pytest.raises(IndexBusy):
            whoosh_files.apply([document(1, "Blocked")], timeout=0.2)
    finally:
        holder.cancel()
    whoosh_files.apply([document(1, "Unblocked")])
    assert ask(whoosh_files, "unblocked") == ["decision:1"]


@pytest.mark.parametrize("files", FILE_BACKENDS.values(), ids=FILE_BACKENDS)
def test_another_processs_change_is_seen_by_an_open_searcher(
        search_index_path: Path, files: type[SearchIndex | TantivyIndex]) -> None:
    reader, writer = files(search_index_path), files(search_index_path)
    writer.apply([document(1, "First")])
    assert ask(reader, "first") == ["decision:1"]
    writer.apply([document(2, "Second")], removals=["decision:1"])
    time.sleep(REFRESH_SECONDS + 0.1)  # searchers look for changes twice a second
    assert ask(reader, "first") == []
    assert ask(reader, "second") == ["decision:2"]
    reader.close()
    writer.close()


def test_a_tantivy_rebuild_keeps_only_the_directory_before(tantivy_files: TantivyIndex) -> None:
    tantivy_files.apply([document(1, "Old record")])
    tantivy_files.rebuild([document(2, "New record")])
    tantivy_files.rebuild([document(3, "Newer record")])
    assert ask(tantivy_files, "record") == ["decision:3"]
    # The previous directory stays for searchers other processes still have open.
    assert len(list(tantivy_files.folder.glob("index-*"))) == 2


def test_a_tantivy_writer_waiting_longer_than_its_timeout_raises_index_busy(
        tantivy_files: TantivyIndex) -> None:
    other_process = TantivyIndex(tantivy_files.folder)
    with other_process.batch() as held:
        held.upsert(document(2, "Written meanwhile"))
        with pytest.raises(IndexBusy):
            tantivy_files.apply([document(1, "Blocked")], timeout=0.2)
    tantivy_files.apply([document(1, "Unblocked")])
    assert ask(tantivy_files, "unblocked") == ["decision:1"]
    assert ask(tantivy_files, "meanwhile") == ["decision:2"]


def test_a_tantivy_index_deleted_while_serving_says_so_until_a_rebuild(
        tantivy_files: TantivyIndex) -> None:
    tantivy_files.apply([document(1, "Old record")])
    tantivy_files.close()
    shutil.rmtree(tantivy_files.folder)
    with pytest.raises(FileNotFoundError, match="run `portal reindex`"):
        ask(tantivy_files, "record")  # not an empty index passed off as the real one
    tantivy_files.rebuild([document(1, "Old record")])
    assert ask(tantivy_files, "record") == ["decision:1"]


def test_a_whoosh_index_left_in_the_folder_is_rebuilt_as_a_tantivy_one(
        search_index_path: Path) -> None:
    whoosh = SearchIndex(search_index_path)
    whoosh.apply([document(1, "Indexed by Whoosh")])
    whoosh.close()
    tantivy = TantivyIndex(search_index_path)
    assert not tantivy.has_current_schema()
    tantivy.rebuild([document(1, "Indexed by tantivy")])
    assert tantivy.has_current_schema()
    assert ask(tantivy, "tantivy") == ["decision:1"]
    assert not SearchIndex(search_index_path).has_current_schema()


# Whoosh leaves the files it failed to read for the garbage collector to close.
WHOOSH_LEAVES_DAMAGED_FILES_OPEN = pytest.mark.filterwarnings("ignore::ResourceWarning")


def damage(directory: Path) -> None:
    """Every file of an index cut short, as a full disk or a crash can leave them."""
    for path in directory.iterdir():
        if path.is_file() and path.name != "SCHEMA_VERSION":
            path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


@WHOOSH_LEAVES_DAMAGED_FILES_OPEN
def test_a_damaged_index_fails_searches_until_a_rebuild_repairs_it_without_a_restart(
        index_files: SearchIndex | TantivyIndex) -> None:
    index_files.apply([document(n, f"Budget line {n}") for n in range(30)])
    index_files.close()
    damage(index_files.live_directory)
    worker = type(index_files)(index_files.folder)
    for _attempt in range(2):  # a worker that failed once tries again, and fails again
        with pytest.raises(Exception):  # noqa: B017  (each engine says it its own way)
            worker.search(SearchRequest(query=parse_query("budget")))
    assert not worker.has_current_schema()

    type(index_files)(index_files.folder).rebuild([document(1, "Budget line 1")])
    assert ask(worker, "budget") == ["decision:1"]  # the same worker, not restarted
    assert worker.has_current_schema()


@WHOOSH_LEAVES_DAMAGED_FILES_OPEN
@pytest.mark.parametrize("left_behind", ["pointer to nothing", "pointer to rubbish",
                                         "damaged files"])
def test_a_rebuild_starts_from_nothing_whatever_the_folder_holds(
        index_files: SearchIndex | TantivyIndex, left_behind: str) -> None:
    index_files.apply([document(1, "Old record")])
    folder = index_files.folder
    index_files.close()
    if left_behind == "pointer to nothing":
        (folder / "CURRENT").write_text("index-deleted-by-hand")
    elif left_behind == "pointer to rubbish":
        (folder / "index-rubbish").mkdir()
        (folder / "index-rubbish" / "meta.json").write_text("{not an index")
        (folder / "index-not-a-folder").write_text("")
        (folder / "CURRENT").write_text("index-rubbish")
    else:
        damage(index_files.live_directory)
    repair = type(index_files)(folder)
    assert repair.rebuild([document(2, "New record")]) == 1
    assert ask(repair, "record") == ["decision:2"]
    assert repair.document_keys() == {"decision:2"}
    assert repair.has_current_schema()


def test_an_index_built_with_other_fields_reports_it_needs_a_rebuild(tmp_path: Path) -> None:
    from whoosh import fields
    index = SearchIndex(tmp_path / "old")
    index.ensure_exists()
    assert index.has_current_schema()
    old = tmp_path / "old" / "index-1"
    old.mkdir()
    whoosh_index.create_in(str(old), fields.Schema(key=fields.ID(unique=True, stored=True)))
    (tmp_path / "old" / "CURRENT").write_text("index-1")
    assert not index.has_current_schema()
    index.rebuild([document(1, "Rebuilt")])
    assert index.has_current_schema()
    assert ask(index, "rebuilt") == ["decision:1"]


def test_words_that_are_operators_elsewhere_are_plain_words(index: SearchBackend) -> None:
    index.apply([document(1, "Police funding", ""), document(2, "Police and crime funding", ""),
                 document(3, "Police and crime", "")])
    assert sorted(ask(index, "police or crime")) == ["decision:2", "decision:3"]  # not "either"
    assert sorted(ask(index, "police !crime")) == ["decision:2", "decision:3"]
    assert ask(index, "police & crime | -funding") == ["decision:3"]
    assert ask(index, "crime -funding") == ["decision:3"]


def test_searches_answer_from_the_old_documents_while_a_rebuild_runs(
        index: SearchBackend) -> None:
    index.apply([document(1, "Old record")])
    seen_meanwhile: list[list[str]] = []

    def documents() -> Iterator[SearchDocument]:
        yield document(2, "New record")
        seen_meanwhile.append(ask(index, "record"))

    assert index.rebuild(documents()) == 1
    assert seen_meanwhile == [["decision:1"]]
    assert ask(index, "record") == ["decision:2"]


def test_a_postgres_writer_that_cannot_get_the_lock_raises_index_busy(
        postgres_index: PostgresSearch) -> None:
    with postgres_index.engine.connect() as other, other.begin():
        take_write_lock(other)
        with pytest.raises(IndexBusy):
            postgres_index.apply([document(1, "Blocked")], timeout=0.2)
    postgres_index.apply([document(1, "Unblocked")])
    assert ask(postgres_index, "unblocked") == ["decision:1"]


def test_postgres_spelling_words_and_ranks_come_from_sql(postgres_index: PostgresSearch) -> None:
    postgres_index.apply([document(1, "Custody visiting", "Visitors called at the custody suite."),
                          document(2, "Visiting hours", "Custody mentioned once.")])
    results = postgres_index.search(SearchRequest(query=parse_query("custody")))
    assert [hit.key for hit in results.hits] == ["decision:1", "decision:2"]
    assert results.hits[0].score > results.hits[1].score > 0
    assert postgres_index.search(SearchRequest(query=parse_query("vissiting"))).suggestion == (
        "visiting")


def test_financial_years_run_from_the_oldest_record_to_the_newest(index: SearchBackend) -> None:
    assert index.search(SearchRequest(query=parse_query(""))).financial_years == []
    index.apply([document(1, "Older", day=date(2023, 4, 1)),
                 document(2, "Newer", day=date(2025, 3, 31)),
                 document(3, "Between", day=date(2024, 7, 1))])
    results = index.search(SearchRequest(query=parse_query("older")))
    assert results.financial_years == ["2024-25", "2023-24"]
