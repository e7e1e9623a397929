"""Full-text search over published records (tantivy by default; Whoosh or PostgreSQL).

The web layer turns records into `SearchDocument`s and asks questions with
`SearchRequest`; nothing here knows about Flask or the content models, so another
backend (PostgreSQL full-text search) can sit behind the same interface.
"""

from search.documents import SearchDocument
from search.engine import SearchIndex
from search.query import ParsedQuery, parse_query
from search.results import Facet, Hit, SearchRequest, SearchResults

__all__ = [
    "Facet", "Hit", "ParsedQuery", "SearchDocument", "SearchIndex", "SearchRequest",
    "SearchResults", "parse_query",
]
