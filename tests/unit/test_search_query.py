"""Reading what people type into the search box, and the extracts shown under results."""

import pytest

from search import parse_query
from search.query import MAX_QUERY_LENGTH, MAX_TERMS
from search.snippets import make_snippet


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


def test_a_snippet_marks_every_form_of_the_searched_words() -> None:
    segments = make_snippet("The contract was awarded. Contracts follow.", parse_query("contract"))
    assert [text for text, matched in segments if matched] == ["contract", "Contracts"]
    assert "".join(text for text, _ in segments) == "The contract was awarded. Contracts follow."


def test_a_snippet_shows_the_window_with_most_matches() -> None:
    text = " ".join(["filler"] * 100 + ["custody", "visiting", "custody"] + ["filler"] * 100)
    segments = make_snippet(text, parse_query("custody"), length=20)
    shown = "".join(part for part, _ in segments)
    assert shown.startswith("… ") and shown.endswith(" …")
    assert sum(matched for _, matched in segments) == 2


def test_a_snippet_of_markup_is_plain_text_pieces_for_the_template_to_escape() -> None:
    segments = make_snippet("<script>alert(1)</script> budget", parse_query("budget"))
    assert ("budget", True) in segments
    assert "<script>" in "".join(text for text, _ in segments)  # escaped when rendered
