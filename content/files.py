"""Published PDF documents: checked, and their text taken out for the search index."""

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

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
