"""Short extracts of a record's text around the words that were searched for.

Made from the plain text of a handful of results, word by word, with the same stemming
as the index, rather than by re-analysing whole documents through the index.
"""

import re
from collections.abc import Callable
from functools import lru_cache

from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

from search.query import ParsedQuery
from search.schema import text_analyser

_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
_ANALYSER = text_analyser()

Segment = tuple[str, bool]


@lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    stemmed: str = stem(word.lower())  # Whoosh is untyped
    return stemmed.translate(accent_map)


def query_stems(query: ParsedQuery) -> frozenset[str]:
    return frozenset(token.text for text in query.positive_terms
                     for token in _ANALYSER(text, mode="query"))


def make_snippet(text: str, query: ParsedQuery, length: int = 32) -> list[Segment]:
    """Up to `length` words of `text`, as (text, matched) pieces to show with marks.

    The window chosen is the one with the most matched words; with none, the opening.
    """
    stems = query_stems(query)
    return snippet_window(text, lambda word: _stem(word.group()) in stems, length)


def snippet_window(text: str, is_match: Callable[[re.Match[str]], bool],
                   length: int = 32) -> list[Segment]:
    """The `length` words of `text` around the most words for which `is_match` holds."""
    words = list(_WORD.finditer(text))
    if not words:
        return []
    flags = [is_match(word) for word in words]
    matched = [i for i, flag in enumerate(flags) if flag]
    start = _best_window(matched, length)
    window = range(start, min(start + length, len(words)))
    segments: list[Segment] = []
    position = words[start].start() if start > 0 else 0
    if start > 0:
        segments.append(("… ", False))
    for i in window:
        word = words[i]
        if word.start() > position:
            segments.append((text[position:word.start()], False))
        segments.append((word.group(), flags[i]))
        position = word.end()
    if start + length < len(words):
        segments.append((" …", False))
    elif position < len(text):
        segments.append((text[position:], False))
    return segments


def _best_window(matched: list[int], length: int) -> int:
    if not matched:
        return 0
    best_start, best_count, left = matched[0], 0, 0
    for right, position in enumerate(matched):
        while position - matched[left] >= length:
            left += 1
        if right - left + 1 > best_count:
            best_count, best_start = right - left + 1, matched[left]
    return max(0, best_start - 4)
