"""Subject access requests: find everything held about one person, see why each case was
found, and download it.

Both steps are POSTs, so the name, address or number typed never appears in an address
or a log; the audit log records how many cases a search found and which cases (by
reference) each download held.
"""

import io
from pathlib import Path

from flask import current_app, redirect, render_template, send_file, url_for
from flask.typing import ResponseReturnValue

from portal.db import get_session, unit_of_work
from portal.intake.flows import question_labels
from portal.intake.models import KIND_NAMES
from portal.intake.subject_access import export_zip, find_person
from portal.staff.expiry import EXPIRED, expired, shows_expired_forms_again
from portal.staff.forms import SubjectAccessExportForm, SubjectAccessForm
from portal.staff.notices import tell
from portal.staff.views import bp, record, requires


def _page(form: SubjectAccessForm, **context: object) -> ResponseReturnValue:
    return render_template("staff/subject_access.html", form=form, kinds=KIND_NAMES,
                           **context), 400 if form.errors else 200


@bp.route("/subject-access", methods=["GET", "POST"])
@shows_expired_forms_again
@requires("admin")
@unit_of_work
def subject_access() -> ResponseReturnValue:
    """Search for a person and show each case found with what matched."""
    form = SubjectAccessForm()
    if not form.validate_on_submit():
        return _page(form)
    who = (form.who.data or "").strip()
    found = find_person(get_session(), who, question_labels())
    record("subject access search", cases=len(found))
    if not found:
        return _page(form, not_found=True)
    tell(f"{len(found)} {'case' if len(found) == 1 else 'cases'} found for this person")
    return _page(form, found=found, export=SubjectAccessExportForm(data={"who": who}))


@bp.post("/subject-access/download")
@shows_expired_forms_again
@requires("admin")
@unit_of_work
def subject_access_download() -> ResponseReturnValue:
    """The zip of the cases the search found, exactly as listed on the results page."""
    export = SubjectAccessExportForm()
    if expired(export):  # the results were open too long: the search again, as typed
        form = SubjectAccessForm(formdata=None, data={"who": export.who.data})
        form.who.errors = [EXPIRED]
        return _page(form)
    if not export.validate_on_submit():
        # Only a changed page gets here (the results page always sends the search): back
        # to where the work starts.
        return redirect(url_for("staff.subject_access"))
    found = find_person(get_session(), (export.who.data or "").strip(),
                        question_labels())
    if not found:  # the cases changed since the search
        return _page(SubjectAccessForm(formdata=None), not_found=True)
    cases = [item.case for item in found]
    record("subject access export", cases=[case.reference for case in cases])
    data = export_zip(cases, Path(current_app.config["UPLOAD_PATH"]))
    return send_file(io.BytesIO(data), mimetype="application/zip", as_attachment=True,
                     download_name="subject-access.zip")
