"""What the index holds about one record."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class SearchDocument:
    """One published record, as text to search and values to filter and facet on.

    `key` is "<type>:<database id>". `text` is plain text (summary, body and anything
    else worth finding), never HTML.
    """

    key: str
    type: str
    title: str
    text: str
    date: date
    reference: str = ""
    category: str = ""
    person: str = ""
    amount_pence: int | None = None

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def financial_year(self) -> str:
        """The UK financial year (1 April to 31 March), written like 2024-25."""
        start = self.date.year if self.date.month >= 4 else self.date.year - 1
        return f"{start}-{(start + 1) % 100:02d}"
