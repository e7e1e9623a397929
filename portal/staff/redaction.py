"""Removing text published by mistake (administrators only): personal data, or words that
defame someone. The words of one published version are replaced by "Removed on <date>:
<reason>" (content.redaction), after a confirmation page of their own."""

from typing import Any
from urllib.parse import urlsplit

from flask import abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from content import queries
from content.dates import uk_today
from content.publishing import find_withdrawn
from content.redaction import (
    PublishedVersion,
    find_version,
    published_versions,
    redact,
    was_published,
)
from portal.db import get_session, unit_of_work
from portal.kinds import BY_NAME, PAGES, KindPages, permalink
from portal.staff.confirm import Question, ask, confirmed
from portal.staff.forms import CHOOSE_VERSION, FindPublishedForm, redaction_form
from portal.staff.notices import sentence, tell
from portal.staff.views import bp, record, requires
from portal.templating import long_date


def _published_or_404(kind_name: str, record_id: int) -> tuple[KindPages, Any]:
    pages = BY_NAME.get(kind_name)
    found = get_session().get(pages.kind.model, record_id) if pages else None
    if pages is None or found is None or not was_published(get_session(), found):
        abort(404)
    return pages, found


def version_label(version: PublishedVersion) -> str:
    if version.revision is None:
        return "As it is published now"
    return (f"As it was published before the change on {long_date(version.revision.at)}: "
            f"{version.revision.note}")


def _in_sentence(label: str) -> str:
    return label[:1].lower() + label[1:]


@bp.route("/content/<kind_name>/<int:record_id>/remove-text", methods=["GET", "POST"])
@requires("admin")
@unit_of_work
def remove_text(kind_name: str, record_id: int) -> ResponseReturnValue:
    """Choose the version and give the reason; confirm; the text is replaced."""
    pages, published = _published_or_404(kind_name, record_id)
    db = get_session()
    versions = published_versions(db, published)
    form = redaction_form([(version.code, version_label(version)) for version in versions])
    what = f"{pages.kind.singular.lower()} {pages.audit_name(published)}"
    here = url_for("staff.remove_text", kind_name=kind_name, record_id=record_id)
    if request.method == "GET" and request.args.get("version"):
        form.version.data = request.args["version"]  # chosen by its address
    version = find_version(db, published, form.version.data or "")
    if request.method == "POST" and form.validate():
        if version is not None:
            return _confirm_then_remove(pages, version, form.reason.data or "", what, here)
        form.version.errors = [CHOOSE_VERSION]
    return render_template("staff/remove_text.html", form=form, caption=sentence(what),
                           public_page=permalink(published)), (400 if form.errors else 200)


def _confirm_then_remove(pages: KindPages, version: PublishedVersion, reason: str, what: str,
                         here: str) -> ResponseReturnValue:
    """The confirmation page; once it is confirmed, the text is replaced."""
    which = _in_sentence(version_label(version))
    if not confirmed():
        return ask(Question(
            f"Are you sure you want to remove the text of this {pages.kind.singular.lower()}?",
            [f"The words of {what} ({which}) will be replaced, on its public page, in search "
             "and in the downloads and feeds, by: "
             f"“Removed on {long_date(uk_today())}: {reason.strip()}”.",
             "Its reference, dates and amounts stay, and its page keeps the fact that text "
             "was removed. This cannot be undone.",
             "Documents published with it stay available: remove any that hold the same "
             "text from the record's page."],
            "Yes, remove the text", here, keep={"version": version.code, "reason": reason}))
    redact(get_session(), version, reason)
    record("removed published text", pages.audit_name(version.record), kind=pages.kind.name,
           version=version.code, reason=reason.strip())
    tell(f"Text removed from {what} ({which})")
    return redirect(here)


@bp.route("/remove-text", methods=["GET", "POST"])
@requires("admin")
@unit_of_work
def find_text_to_remove() -> ResponseReturnValue:
    """Start from the public page the text is on."""
    form = FindPublishedForm(meta={"csrf": False})
    if request.method == "POST" and form.validate():
        found = published_at(urlsplit((form.address.data or "").strip()).path)
        if found is not None:
            kind_name, published, version = found
            return redirect(url_for("staff.remove_text", kind_name=kind_name,
                                    record_id=published.id, version=version))
        form.address.errors = ["Enter the address of a published record's page, for "
                               "example https://…/decisions/2025-014"]
    return render_template("staff/find_text_to_remove.html", form=form), (
        400 if form.errors else 200)


def published_at(path: str) -> tuple[str, Any, str] | None:
    """The kind, the published record and the version (a form's code) a public page shows."""
    try:
        endpoint, matched = current_app.create_url_adapter(request).match(  # type: ignore[union-attr]
            path, method="GET")
    except HTTPException:
        return None
    db = get_session()
    arguments = dict(matched)
    version = str(arguments.pop("revision_id", "current"))
    if endpoint in ("public.policy", "public.policy_version"):
        wanted = arguments.get("version")
        policy = next((shown for shown in queries.policy_versions(db, arguments["slug"])
                       if (shown.version == wanted if wanted else shown.is_current)), None)
        return ("policy", policy, "current") if policy is not None else None
    if len(arguments) != 1:
        return None
    (identifier,) = arguments.values()
    for pages in PAGES:
        published = pages.find(db, identifier) if pages.find else None
        if published is not None and endpoint in (pages.address(published)[0],
                                                  f"public.{pages.kind.name}_revision"):
            return pages.kind.name, published, version
    for pages in PAGES:
        # A withdrawn record's address says it was withdrawn, and shows its title.
        withdrawn = find_withdrawn(db, pages.kind.name, identifier) if pages.find else None
        if withdrawn is not None and endpoint == pages.address(withdrawn[0])[0]:
            return pages.kind.name, withdrawn[0], version
    return None
