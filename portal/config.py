"""Settings come from environment variables, with safe defaults for the embedded demo.

Every setting is listed in the README's configuration table (a test checks this).
"""

import os
import secrets
from pathlib import Path
from typing import Any

from content.fields import ImportRules
from content.money import parse_pence
from portal.private_files import open_private, private_folder

PROJECT_ROOT = Path(__file__).resolve().parent.parent

SETTINGS = {
    "INSTANCE_PATH": "folder for the SQLite database, search index and generated secret key",
    "DATABASE_URL": "SQLAlchemy URL of the database; SQLite in the instance folder by default",
    "SECRET_KEY": "signs sessions and form tokens; generated into the instance folder if unset",
    "SEARCH_INDEX_PATH": "folder for the tantivy or Whoosh search index; in the instance "
                         "folder by default",
    "SEARCH_BACKEND": "`tantivy` (the default: files in SEARCH_INDEX_PATH), `whoosh` (files in "
                      "SEARCH_INDEX_PATH, the pure-Python engine the portal started with) or "
                      "`postgres` (tables in the PostgreSQL database, for several servers)",
    "OPCC_NAME": "the name of the office, shown in the header and page titles",
    "OPCC_AREA": "the police force area, used in page text",
    "OPCC_PHONE": "the office's telephone number, shown on the complaint and compliment pages",
    "OPCC_EMAIL": "the office's public email address, shown beside the forms",
    "OPCC_ADDRESS": "the office's postal address, shown beside the forms",
    "PANEL_CONTACT": "how to contact the Police and Crime Panel about the Commissioner",
    "UPLOAD_PATH": "folder for evidence files sent with complaints; never served publicly",
    "DOCUMENTS_PATH": "folder for the PDF documents published with decisions",
    "INTAKE_MAILBOX": "email address told about every new complaint, compliment and review",
    "INTAKE_SUBMISSION_LIMIT": "how many forms one client may send, e.g. `10 per hour`",
    "RATELIMIT_STORAGE_URI": "where rate-limit counts are kept (`memory://`, or `redis://…` "
                             "when several processes serve the site)",
    "SMTP_HOST": "mail server `portal worker` sends through",
    "SMTP_PORT": "its port",
    "SMTP_USERNAME": "user name for the mail server, if it needs one",
    "SMTP_PASSWORD": "password for the mail server, if it needs one",
    "SMTP_STARTTLS": "`yes` to use STARTTLS",
    "MAIL_FROM": "the From address of the emails the portal sends",
    "ACKNOWLEDGE_WITHIN_DAYS": "working days to acknowledge a new case",
    "ASSESS_WITHIN_DAYS": "working days to make initial contact and assess a complaint",
    "UPDATE_EVERY_DAYS": "days between updates to a complainant while a case is open",
    "REVIEW_WITHIN_DAYS": "working days to conclude a review",
    "CONTRACT_THRESHOLD": "the value in pounds above which a contract is published on its own "
                          "with a copy, and below which it is in the list of smaller "
                          "contracts (`10000` by default, as the Order sets it)",
    "DRAFT_TIMEOUT_MINUTES": "minutes without activity after which unsent form answers "
                             "and their files are deleted",
    "HMICFRS_RESPONSE_DAYS": "days, beginning with the day an HMICFRS report is published, "
                             "within which the response must be published (section 55 of "
                             "the Police Act 1996)",
    "HMICFRS_REMINDER_DAYS": "days before the response's last day on which its owner is "
                             "reminded by email, separated by commas",
    "PUBLIC_CACHE_SECONDS": "seconds a reverse proxy or CDN may keep an anonymous public "
                            "page or download before asking again",
    "SENIOR_SALARY_THRESHOLD": "yearly salary in pounds above which an employee is a "
                               "senior employee, whose job title, responsibilities, salary "
                               "and (with their consent) name are published",
    "RETENTION_DAYS": "days after closing before `portal retention` removes personal details",
    "TRUSTED_PROXIES": "how many reverse proxies in front of the portal to believe "
                       "X-Forwarded-* headers from",
    "FORCE_HTTPS": "`yes` to redirect http to https, send HSTS and mark cookies Secure",
    "LOG_LEVEL": "the least important log lines written (`INFO`, `WARNING`, …)",
    "WEB_BIND": "where `portal serve` listens (`host:port`, or `unix:/path`)",
    "WEB_WORKERS": "how many gunicorn worker processes `portal serve` starts",
    "WEB_THREADS": "threads per worker process",
    "WEB_TIMEOUT": "seconds a request may take before its worker is restarted",
    "SPENDING_THRESHOLD": "spending over this many pounds is published line by line; lines "
                          "at or below it are refused on import",
    "DEMO_SPENDING_PER_MONTH": "how many spending lines a month `portal demo` loads",
}


def _yes(value: str | None) -> bool:
    return (value or "no").strip().lower() in ("yes", "true", "1", "on")


def _days(value: str) -> tuple[int, ...]:
    """A list of whole numbers of days, such as `21, 7`, largest first."""
    return tuple(sorted({int(part) for part in value.replace(",", " ").split()}, reverse=True))


def instance_path() -> Path:
    return Path(os.environ.get("INSTANCE_PATH") or PROJECT_ROOT / "instance").resolve()


def _secret_key(folder: Path) -> str:
    """Use SECRET_KEY, or a key generated once and kept in the instance folder."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = folder / "secret_key"
    if not key_file.exists():
        private_folder(folder)
        with os.fdopen(open_private(key_file, exclusive=True), "w") as handle:
            handle.write(secrets.token_hex(32))
    return key_file.read_text().strip()


def from_environment(folder: Path) -> dict[str, Any]:
    return {
        "SECRET_KEY": _secret_key(folder),
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'portal.sqlite3'}",
        "SEARCH_INDEX_PATH": os.environ.get("SEARCH_INDEX_PATH") or str(folder / "search"),
        "SEARCH_BACKEND": (os.environ.get("SEARCH_BACKEND") or "tantivy").strip().lower(),
        "OPCC_NAME": os.environ.get("OPCC_NAME")
        or "Office of the Police and Crime Commissioner for Fernshire",
        "OPCC_AREA": os.environ.get("OPCC_AREA") or "Fernshire",
        "OPCC_PHONE": os.environ.get("OPCC_PHONE") or "01632 960 000",
        "OPCC_EMAIL": os.environ.get("OPCC_EMAIL") or "enquiries@fernshire-pcc.example",
        "OPCC_ADDRESS": os.environ.get("OPCC_ADDRESS")
        or "Office of the Police and Crime Commissioner, 1 Castle Street, Fernbridge FE1 1AA",
        "PANEL_CONTACT": os.environ.get("PANEL_CONTACT")
        or "Fernshire Police and Crime Panel, County Hall, Fernbridge FE1 2BB. "
           "Email panel@fernshire-council.example or call 01632 960 100.",
        "UPLOAD_PATH": os.environ.get("UPLOAD_PATH") or str(folder / "uploads"),
        "DOCUMENTS_PATH": os.environ.get("DOCUMENTS_PATH") or str(folder / "documents"),
        "INTAKE_MAILBOX": os.environ.get("INTAKE_MAILBOX") or "intake@fernshire-pcc.example",
        "INTAKE_SUBMISSION_LIMIT": os.environ.get("INTAKE_SUBMISSION_LIMIT") or "10 per hour",
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI") or "memory://",
        "SMTP_HOST": os.environ.get("SMTP_HOST") or "127.0.0.1",
        "SMTP_PORT": int(os.environ.get("SMTP_PORT") or 25),
        "SMTP_USERNAME": os.environ.get("SMTP_USERNAME") or None,
        "SMTP_PASSWORD": os.environ.get("SMTP_PASSWORD") or None,
        "SMTP_STARTTLS": _yes(os.environ.get("SMTP_STARTTLS")),
        "MAIL_FROM": os.environ.get("MAIL_FROM") or "no-reply@fernshire-pcc.example",
        "CASE_TARGETS": {
            "acknowledge_working_days": int(os.environ.get("ACKNOWLEDGE_WITHIN_DAYS") or 5),
            "assess_working_days": int(os.environ.get("ASSESS_WITHIN_DAYS") or 10),
            "update_every_days": int(os.environ.get("UPDATE_EVERY_DAYS") or 28),
            "review_working_days": int(os.environ.get("REVIEW_WITHIN_DAYS") or 28),
        },
        "CONTRACT_THRESHOLD": parse_pence(os.environ.get("CONTRACT_THRESHOLD") or "10000"),
        "DRAFT_TIMEOUT_MINUTES": int(os.environ.get("DRAFT_TIMEOUT_MINUTES") or 60),
        "HMICFRS_RESPONSE_DAYS": int(os.environ.get("HMICFRS_RESPONSE_DAYS") or 56),
        "HMICFRS_REMINDER_DAYS": _days(os.environ.get("HMICFRS_REMINDER_DAYS") or "21, 7"),
        "PUBLIC_CACHE_SECONDS": int(os.environ.get("PUBLIC_CACHE_SECONDS") or 300),
        "SENIOR_SALARY_THRESHOLD": parse_pence(
            os.environ.get("SENIOR_SALARY_THRESHOLD") or "58200"),
        "RETENTION_DAYS": int(os.environ.get("RETENTION_DAYS") or 6 * 365),
        "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES") or 0),
        "FORCE_HTTPS": _yes(os.environ.get("FORCE_HTTPS")),
        "LOG_LEVEL": os.environ.get("LOG_LEVEL") or "INFO",
        "SPENDING_THRESHOLD_PENCE": parse_pence(os.environ.get("SPENDING_THRESHOLD") or "500"),
        "DEMO_SPENDING_PER_MONTH": int(os.environ.get("DEMO_SPENDING_PER_MONTH") or 2500),
        # Answers are kept for a day; the form tokens and session last as long.
        "WTF_CSRF_TIME_LIMIT": 24 * 3600,
        "PERMANENT_SESSION_LIFETIME": 24 * 3600,
        # One evidence file (at most 10MB) per request, with room for the form around it.
        "MAX_CONTENT_LENGTH": 11 * 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
    }


def import_rules(config: dict[str, Any]) -> ImportRules:
    """The settings imported and typed-in records are checked against."""
    return ImportRules(spending_threshold_pence=config["SPENDING_THRESHOLD_PENCE"])
