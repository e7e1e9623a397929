"""The staff header's sections: the ones a person's roles open to them, and the one the
page they are on belongs to."""

from dataclasses import dataclass
from typing import Any

from flask import g, request, url_for


@dataclass(frozen=True)
class Section:
    name: str
    endpoint: str
    role: str
    # Every page whose address starts with this belongs to the section.
    path: str


SECTIONS = (
    Section("Intake queue", "staff.queue", "resolution", "/staff/queue"),
    Section("Content", "staff.content_home", "publisher", "/staff/content"),
    Section("Lists", "staff.lists", "publisher", "/staff/lists"),
    Section("Accounts", "staff.users", "admin", "/staff/users"),
    Section("Audit log", "staff.audit_log", "admin", "/staff/audit"),
)


def staff_navigation() -> list[dict[str, Any]]:
    """Items for govukServiceNavigation: the section's own page is the current page
    (aria-current="page"); a page inside it marks the section (aria-current="true")."""
    user = g.get("staff_user")
    if user is None:
        return []
    items = []
    for section in SECTIONS:
        if not user.has_role(section.role):
            continue
        href = url_for(section.endpoint)
        inside = request.path == section.path or request.path.startswith(
            (section.path + "/", section.path + "."))
        items.append({"href": href, "text": section.name, "current": request.path == href,
                      "active": inside})
    return items
