"""Published PDF documents: checked, and their text taken out for the search index."""

import io
import logging
import re
from collections.abc import Iterator

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, PdfObject

MAX_PDF_BYTES = 10 * 1024 * 1024
MAX_TEXT_CHARACTERS = 200_000

log = logging.getLogger(__name__)


class NotAPdf(ValueError):
    """The file cannot be published as a document; the message says why."""


def check_pdf(data: bytes) -> None:
    if not data:
        raise NotAPdf("The selected file is empty")
    if len(data) > MAX_PDF_BYTES:
        raise NotAPdf("The selected file must be smaller than 10MB")
    if not data.startswith(b"%PDF-"):
        raise NotAPdf("The selected file must be a PDF")
    found = active_content(data)
    if found:
        raise NotAPdf(
            f"The selected file contains {' and '.join(found)}, which could run on the "
            "computers of people who open it. Save it again without them, for example by "
            "printing it to a new PDF, and upload that copy")


# What each name in a PDF means, if a reader could run or open it: JavaScript, actions
# that start a program, and files carried inside the document.
_ACTIVE_NAMES = {
    "/JavaScript": "JavaScript", "/JS": "JavaScript",
    "/Launch": "an action that starts a program",
    "/EmbeddedFiles": "embedded files", "/EmbeddedFile": "embedded files",
    "/EF": "embedded files", "/FileAttachment": "embedded files",
}
_KINDS_IN_ORDER = ["JavaScript", "an action that starts a program", "embedded files"]
_MOST_OBJECTS_LOOKED_AT = 200_000
_NAME_IN_BYTES = re.compile(rb"/[A-Za-z0-9#]+")


def active_content(data: bytes) -> list[str]:
    """The kinds of active content in a PDF ("JavaScript", …), in words, none if it has none.

    Every object reachable from the document is looked at as pypdf reads it, so names spelt
    with #-escapes or kept in compressed object streams are found too. A file pypdf cannot
    read is searched byte by byte instead.
    """
    try:
        reader = PdfReader(io.BytesIO(data))
        names = set(_names_in(reader.trailer))
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError):
        names = {_unescaped(name) for name in _NAME_IN_BYTES.findall(data)}
    kinds = {_ACTIVE_NAMES[name] for name in names if name in _ACTIVE_NAMES}
    return [kind for kind in _KINDS_IN_ORDER if kind in kinds]


def _names_in(start: PdfObject) -> Iterator[str]:
    """Every dictionary key and name value reachable from `start`, each object once."""
    seen: set[tuple[int, int]] = set()
    waiting: list[PdfObject | None] = [start]
    while waiting and len(seen) < _MOST_OBJECTS_LOOKED_AT:
        item = waiting.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            yield from item.keys()
            waiting.extend(item.values())
        elif isinstance(item, ArrayObject):
            waiting.extend(item)
        elif isinstance(item, NameObject):
            yield str(item)


def _unescaped(name: bytes) -> str:
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda hexed: bytes([int(hexed[1], 16)]),
                  name).decode("latin-1")


def pdf_text(data: bytes) -> str:
    """The document's text (capped), or nothing when it has none that can be read, such as
    a scan; a broken file is published all the same, just not searchable."""
    try:
        reader = PdfReader(io.BytesIO(data))
        parts: list[str] = []
        length = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            parts.append(text)
            length += len(text)
            if length >= MAX_TEXT_CHARACTERS:
                break
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        log.warning("Could not read the text of a PDF: %s", type(error).__name__)
        return ""
    return " ".join(" ".join(parts).split())[:MAX_TEXT_CHARACTERS]
