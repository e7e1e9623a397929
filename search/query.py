"""The public query language: plain words (all must match), "quoted phrases", -exclusions.

Nothing else of Whoosh's syntax is reachable from a search box: no field names, no
wildcards, no fuzzy terms. Any input, however odd, parses to something safe.
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_LENGTH = 500
MAX_TERMS = 12

_TOKEN = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')
# Decision references (2025/014) and expense references (EXP-2024-00017, EXP-1a2b3c4d5e6f).
_REFERENCE = re.compile(
    r"^(?:\d{4}/\d{1,4}|[a-z]{2,5}-\d{4}-\d{1,6}|[a-z]{2,5}-[0-9a-f]{12})$", re.IGNORECASE)
_EDGE_PUNCTUATION = "!?.,;:()[]{}<>*~^'`+=|\\"


@dataclass(frozen=True)
class ParsedQuery:
    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.phrases or self.excluded)

    @property
    def reference(self) -> str | None:
        """The query is exactly one record reference, such as 2025/014."""
        if len(self.words) == 1 and not self.phrases and not self.excluded:
            word = self.words[0]
            return word if looks_like_reference(word) else None
        return None

    @property
    def positive_terms(self) -> tuple[str, ...]:
        return self.words + self.phrases


def looks_like_reference(text: str) -> bool:
    return bool(_REFERENCE.match(text))


def _clean(text: str) -> str:
    # Control and format characters (including NUL and bidi overrides) become spaces.
    characters = (" " if unicodedata.category(c)[0] == "C" else c for c in text[:MAX_QUERY_LENGTH])
    return unicodedata.normalize("NFC", "".join(characters)).strip()


def parse_query(text: str | None) -> ParsedQuery:
    """Read what a person typed into the search box."""
    cleaned = _clean(text or "")
    words: list[str] = []
    phrases: list[str] = []
    excluded: list[str] = []
    # An unbalanced quote is treated as if it were closed at the end.
    if cleaned.count('"') % 2:
        cleaned += '"'
    for match in _TOKEN.finditer(cleaned):
        minus_phrase, phrase, minus_word, word = match.groups()
        if phrase is not None:
            value, negative = " ".join(phrase.split()), bool(minus_phrase)
            target = excluded if negative else (phrases if " " in value else words)
        else:
            value, negative = word.strip(_EDGE_PUNCTUATION), bool(minus_word)
            if not negative and value.startswith("-"):
                value = value.lstrip("-")
            target = excluded if negative else words
        if value and len(words) + len(phrases) + len(excluded) < MAX_TERMS:
            target.append(value)
    return ParsedQuery(tuple(words), tuple(phrases), tuple(excluded), cleaned)
