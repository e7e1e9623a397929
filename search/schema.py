"""The Whoosh schema and the analysers behind it.

Only what search needs is analysed, and almost nothing is stored: pages show records
from the database, so the index holds terms, positions (for phrases) and a few
sortable columns for filters, facets and ordering.
"""

from whoosh import fields
from whoosh.analysis import (
    Analyzer,
    BiWordFilter,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemmingAnalyzer,
)
from whoosh.support.charset import accent_map

# Raise this whenever the fields or analysers change: an older index is then rebuilt.
SCHEMA_VERSION = 3


def text_analyser() -> Analyzer:
    """English stemming with accents folded, so "café" finds "cafe" and "contracts" "contract"."""
    return StemmingAnalyzer(cachesize=50_000) | CharsetFilter(accent_map)


def pairs_analyser() -> Analyzer:
    """Each pair of neighbouring stemmed words ("polic crime", "crime plan").

    Phrases are searched as all of their pairs, which is many times quicker in Whoosh
    than checking word positions, and exact for two-word phrases.
    """
    return text_analyser() | BiWordFilter(sep=" ")


def spelling_analyser() -> Analyzer:
    """Whole words, lower-cased and folded but not stemmed, for "Did you mean" suggestions."""
    return RegexTokenizer(r"[^\W\d_]{3,}") | LowercaseFilter() | CharsetFilter(accent_map)


def build_schema() -> fields.Schema:
    return fields.Schema(
        key=fields.ID(unique=True, stored=True, sortable=True),
        type=fields.ID(sortable=True),
        reference=fields.ID(),
        # Matching uses `content` (title and text) and `pairs`; `title` only adds to the score.
        title=fields.TEXT(analyzer=text_analyser(), field_boost=3.0, phrase=False),
        content=fields.TEXT(analyzer=text_analyser(), phrase=False),
        pairs=fields.TEXT(analyzer=pairs_analyser(), phrase=False),
        spelling=fields.TEXT(analyzer=spelling_analyser(), phrase=False),
        date=fields.NUMERIC(int, bits=32, sortable=True),
        year=fields.ID(sortable=True),
        financial_year=fields.ID(),
        amount=fields.NUMERIC(int, bits=64, signed=True, sortable=True),
        category=fields.ID(),
        person=fields.ID(),
    )
