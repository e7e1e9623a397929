"""Removing text published by mistake (administrators only): personal data, or words that
defame someone. The words of one published version are replaced by "Removed on <date>:
<reason>" (content.redaction), after a confirmation page of their own."""

from typing import Any

from flask import abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from content.dates import uk_today
from content.redaction import PublishedVersion, find_version, published_versions, redact
from portal.db import get_session, unit_of_work
from portal.kinds import BY_NAME, KindPages, permalink
from portal.staff.confirm import Question, ask, confirmed
from portal.staff.forms import redaction_form
from portal.staff.notices import sentence, tell
from portal.staff.views import bp, record, requires
from portal.templating import long_date


def _published_or_404(kind_name: str, record_id: int) -> tuple[KindPages, Any]:
    pages = BY_NAME.get(kind_name)
    found = get_session().get(pages.kind.model, record_id) if pages else None
    if pages is None or found is None or not found.is_published:
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
    if request.method == "POST" and form.validate():
        version = find_version(db, published, form.version.data or "")
        assert version is not None  # the form accepts only the versions offered
        if not confirmed():
            return ask(Question(
                f"Are you sure you want to remove the text of this {pages.kind.singular.lower()}?",
                [f"The words of {what} ({_in_sentence(version_label(version))}) will be replaced, "
                 "on its public page, in search and in the downloads and feeds, by: "
                 f"“Removed on {long_date(uk_today())}: {form.reason.data}”.",
                 "Its reference, dates and amounts stay, and its page keeps the fact that "
                 "text was removed. This cannot be undone.",
                 "Documents published with it stay available: remove any that hold the "
                 "same text from the record's page."],
                "Yes, remove the text", here,
                keep={"version": version.code, "reason": form.reason.data or ""}))
        redact(db, version, form.reason.data or "")
        record("removed published text", pages.audit_name(published), kind=kind_name,
               version=version.code, reason=form.reason.data)
        tell(f"Text removed from {what} ({_in_sentence(version_label(version))})")
        return redirect(here)
    return render_template("staff/remove_text.html", form=form, caption=sentence(what),
                           public_page=permalink(published)), (400 if form.errors else 200)
