"""Reading what people type into the search box, and the extracts shown under results
(made by each backend: `index` is each in turn, see tests/unit/conftest.py)."""

import pytest

from search import parse_query
from search.backend import SearchBackend
from search.query import MAX_QUERY_LENGTH, MAX_TERMS
from search.snippets import Segment


def snippet(index: SearchBackend, text: str, query: str) -> list[Segment]:
    return index.snippets(parse_query(query), [text])[0]


def test_words_phrases_and_exclusions_are_told_apart() -> None:
    parsed = parse_query('victims "use of force" -parking -"town centre"')
    assert parsed.words == ("victims",)
    assert parsed.phrases == ("use of force",)
    assert parsed.excluded == ("parking", "town centre")


def test_an_unbalanced_quote_closes_at_the_end() -> None:
    assert parse_query('budget "police station').phrases == ("police station",)


def test_a_quoted_single_word_is_a_word() -> None:
    assert parse_query('"budget"').words == ("budget",)


def test_a_reference_is_recognised_only_on_its_own() -> None:
    assert parse_query(" 2025/014 ").reference == "2025/014"
    assert parse_query("EXP-2024-00017").reference == "EXP-2024-00017"
    assert parse_query("2025/014 budget").reference is None
    assert parse_query("2025").reference is None


def test_punctuation_around_words_is_ignored() -> None:
    assert parse_query("(budget), *estates*?").words == ("budget", "estates")


@pytest.mark.parametrize("text", [
    None, "", "   ", '"', '""', "-", "--", "- -", '-""', "\x00\x07\x1b[2J", "\u202eevil",
    "AND OR NOT", "a" * 10_000, "警察 犯罪 委員", "شرطة الجريمة", "Ж" * 600, "🚓" * 50,
])
def test_any_input_parses_to_something_safe(text: str | None) -> None:
    parsed = parse_query(text)
    assert len(parsed.text) <= MAX_QUERY_LENGTH
    assert len(parsed.words) + len(parsed.phrases) + len(parsed.excluded) <= MAX_TERMS
    assert not any(ord(c) < 32 or c == "\u202e" for c in parsed.text)


def test_long_queries_keep_only_the_first_terms() -> None:
    parsed = parse_query(" ".join(f"word{n}" for n in range(40)))
    assert parsed.words == tuple(f"word{n}" for n in range(MAX_TERMS))


def test_a_snippet_marks_every_form_of_the_searched_words(index: SearchBackend) -> None:
    segments = snippet(index, "The contract was awarded. Contracts follow.", "contract")
    assert [text for text, matched in segments if matched] == ["contract", "Contracts"]
    assert "".join(text for text, _ in segments) == "The contract was awarded. Contracts follow."


def test_a_snippet_shows_the_window_with_most_matches(index: SearchBackend) -> None:
    text = " ".join(["filler"] * 100 + ["custody", "visiting", "custody"] + ["filler"] * 100)
    segments = index.snippets(parse_query("custody"), [text])[0]
    shown = "".join(part for part, _ in segments)
    assert shown.startswith("… ") and shown.endswith(" …")
    assert sum(matched for _, matched in segments) == 2
    assert len(shown.split()) == 32 + 2  # the words and the two ellipses


def test_a_snippet_of_markup_is_plain_text_pieces_for_the_template_to_escape(
        index: SearchBackend) -> None:
    text = "<b>budget</b> <script>alert(1)</script> &amp; <mark>x</mark> budgets"
    segments = snippet(index, text, "budget")
    assert [part for part, matched in segments if matched] == ["budget", "budgets"]
    assert "".join(part for part, _ in segments) == text  # escaped when rendered


def test_snippets_come_back_in_the_order_of_the_texts(index: SearchBackend) -> None:
    texts = ["Second budget line.", "", "No match here.", "First budget."]
    segments = index.snippets(parse_query("budget"), texts)
    assert ["".join(part for part, _ in pieces) for pieces in segments] == [
        "Second budget line.", "", "No match here.", "First budget."]
    assert [any(matched for _, matched in pieces) for pieces in segments] == [
        True, False, False, True]
    assert index.snippets(parse_query(""), ["Budget."]) == [[("Budget", False), (".", False)]]
