"""Settings come from environment variables, with safe defaults for the embedded demo.

Every setting is listed in the README's configuration table (a test checks this).
"""

import os
import secrets
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent

SETTINGS = {
    "INSTANCE_PATH": "folder for the SQLite database, search index and generated secret key",
    "DATABASE_URL": "SQLAlchemy URL of the database; SQLite in the instance folder by default",
    "SECRET_KEY": "signs sessions and form tokens; generated into the instance folder if unset",
    "SEARCH_INDEX_PATH": "folder for the Whoosh search index; in the instance folder by default",
    "OPCC_NAME": "the name of the office, shown in the header and page titles",
    "OPCC_AREA": "the police force area, used in page text",
}


def instance_path() -> Path:
    return Path(os.environ.get("INSTANCE_PATH") or PROJECT_ROOT / "instance").resolve()


def _secret_key(folder: Path) -> str:
    """Use SECRET_KEY, or a key generated once and kept in the instance folder."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = folder / "secret_key"
    if not key_file.exists():
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
    return key_file.read_text().strip()


def from_environment(folder: Path) -> dict[str, Any]:
    return {
        "SECRET_KEY": _secret_key(folder),
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'portal.sqlite3'}",
        "SEARCH_INDEX_PATH": os.environ.get("SEARCH_INDEX_PATH") or str(folder / "search"),
        "OPCC_NAME": os.environ.get("OPCC_NAME")
        or "Office of the Police and Crime Commissioner for Fernshire",
        "OPCC_AREA": os.environ.get("OPCC_AREA") or "Fernshire",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
    }
