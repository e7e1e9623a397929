"""Evidence files: checked by what they contain, not by their names, and kept out of reach
of the web server under random names."""

import hashlib
import secrets
import unicodedata
from pathlib import Path
from typing import IO

from portal.intake.models import IntakeAttachment
from portal.private_files import write_private

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
ALLOWED = "JPG, PNG, GIF, WEBP, HEIC or PDF"


class UploadRefused(ValueError):
    """The file cannot be accepted; the message says what to do instead."""


def sniff(head: bytes) -> str | None:
    """The file's type from its first bytes, or None when it is not one we accept."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heif"):
        return "image/heic"
    return None


def display_name(name: str | None) -> str:
    """The name the person gave the file, safe to show: no folders, no control characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()
    return cleaned[:200] or "file"


def store_upload(stream: IO[bytes], name: str | None, folder: Path,
                 already: int) -> IntakeAttachment:
    """Check and save one file; the caller adds the returned row to the draft."""
    if already >= MAX_FILES:
        raise UploadRefused(f"You can upload up to {MAX_FILES} files. Remove a file to add "
                            "another.")
    data = stream.read(MAX_FILE_BYTES + 1)
    if not data:
        raise UploadRefused("The selected file is empty. Choose a file with something in it.")
    if len(data) > MAX_FILE_BYTES:
        raise UploadRefused("The selected file must be smaller than 10MB")
    content_type = sniff(data[:16])
    if content_type is None:
        raise UploadRefused(f"The selected file must be a {ALLOWED}")
    stored_name = secrets.token_hex(16)
    write_private(folder / stored_name, data)
    return IntakeAttachment(original_name=display_name(name), content_type=content_type,
                            size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                            stored_name=stored_name)
