"""What the portal keeps on disk — the database, evidence files, published documents,
backups, the search index and the secret key — is readable by the portal's own user only.

Files are written 0600 and folders made 0700 by the functions here. The process umask is
set to 0077 as the app starts as well, so the files other code creates on the portal's
behalf (SQLite's database and journal, the search engine's segments, temporary files)
start out private too, whatever umask the portal was started with.
"""

import os
from pathlib import Path

PRIVATE_UMASK = 0o077
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def keep_private() -> None:
    """Make everything this process creates from now on readable by its user only."""
    os.umask(PRIVATE_UMASK)


def private_folder(folder: Path) -> Path:
    """The folder, made (with any missing parents) readable by the portal's user only. A
    folder that already exists is left as it is: an operator may have chosen its mode."""
    if not folder.exists():
        folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
        folder.chmod(PRIVATE_FOLDER)  # mkdir's mode is narrowed by the umask, never widened
    return folder


def open_private(path: Path, exclusive: bool = False) -> int:
    """A new file descriptor for writing `path`, created 0600 (and made so if it was not)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    descriptor = os.open(path, flags, PRIVATE_FILE)
    os.fchmod(descriptor, PRIVATE_FILE)
    return descriptor


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to a file readable by the portal's user only."""
    private_folder(path.parent)
    with os.fdopen(open_private(path), "wb") as handle:
        handle.write(data)
