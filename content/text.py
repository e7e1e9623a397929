"""Small text helpers shared by the domain modules."""

import re
import unicodedata


def slugify(text: str, max_length: int = 100) -> str:
    """A lowercase ASCII identifier for URLs: "Stop & Search Panel" -> "stop-search-panel"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "record"


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Order version labels the way people read them: 1.10 comes after 1.9."""
    return tuple((int(part), "") if part.isdigit() else (-1, part)
                 for part in re.split(r"[.\-]", version.strip()))
