"""What is asked of the index and what comes back."""

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from search.query import ParsedQuery

Sort = Literal["relevance", "newest"]


@dataclass(frozen=True)
class SearchRequest:
    query: ParsedQuery
    types: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    category: str | None = None
    financial_year: str | None = None
    person: str | None = None
    sort: Sort = "relevance"
    page: int = 1
    per_page: int = 20


@dataclass(frozen=True)
class Hit:
    key: str
    score: float

    @property
    def type(self) -> str:
        return self.key.split(":", 1)[0]

    @property
    def record_id(self) -> int:
        return int(self.key.split(":", 1)[1])


@dataclass(frozen=True)
class Facet:
    value: str
    count: int


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    page: int
    per_page: int
    type_facets: list[Facet] = field(default_factory=list)
    year_facets: list[Facet] = field(default_factory=list)
    suggestion: str | None = None
    financial_years: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))
