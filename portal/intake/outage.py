"""When the database cannot be reached part-way through a form. Every write is one
transaction, so nothing is half-stored; the person is told plainly what happened, sees
what they typed (or the answers they were sending, when those had been read), and can
press the same button again once the database is back."""

from contextlib import suppress

from flask import g, render_template, request, url_for
from sqlalchemy.exc import InterfaceError, OperationalError, TimeoutError

from portal.db import get_session
from portal.intake.flows import FLOWS
from portal.intake.views import SubmitForm, bp

# Failures of the database itself (down, restarting, unreachable, out of connections),
# as opposed to mistakes in what was asked of it.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError, TimeoutError)


@bp.errorhandler(OperationalError)
@bp.errorhandler(InterfaceError)
@bp.errorhandler(TimeoutError)
def database_unavailable(_error: Exception) -> tuple[str, int]:
    with suppress(*DATABASE_UNAVAILABLE):
        get_session().rollback()
    kind = (request.view_args or {}).get("kind", "complaint")
    flow = FLOWS.get(kind, FLOWS["complaint"])
    start = url_for(f"intake.{flow.kind}")
    if request.method == "POST" and request.endpoint == "intake.check":
        return render_template("intake/check.html", flow=flow, form=SubmitForm(),
                               rows=g.get("check_rows", []), back=start,
                               unavailable=True), 503
    page = flow.page((request.view_args or {}).get("slug", ""))
    if (request.method == "POST" and request.endpoint == "intake.question"
            and page is not None and page.template == "intake/question.html"):
        return render_template(page.template, flow=flow, page=page, form=page.form(),
                               back=start, changing=False, deadline=None,
                               unavailable=True), 503
    return render_template("intake/unavailable.html", flow=flow, start=start), 503
