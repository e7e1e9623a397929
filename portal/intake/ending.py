"""How unsent answers end: at once when the person asks ("Delete my answers and start
again"), or after DRAFT_TIMEOUT_MINUTES without activity. The next person at a shared
computer must not find them.

Without JavaScript the answers still end on time, and the person is told on their next
request; with it, the GOV.UK timeout warning (static/js/session-timeout.mjs) asks how
long is left, warns two minutes before, and keeps the answers while the person types.
"""

from pathlib import Path
from typing import Any

from flask import current_app, g, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm
from flask_wtf.csrf import validate_csrf
from werkzeug.wrappers import Response
from wtforms import ValidationError

from portal.db import get_session
from portal.intake.flows import FLOWS
from portal.intake.models import IntakeDraft
from portal.intake.store import delete_draft, has_ended, keep_going, seconds_left
from portal.intake.views import (
    KIND,
    SESSION_DRAFTS,
    bp,
    forget_draft,
    idle_limit,
    named_draft,
    open_draft,
)

# Requests that find the answers ended send the person to be told so.
ENDED_BY_TIME = {"intake.question", "intake.check", "intake.answers_status",
                 "intake.keep_answers"}
JSON_ENDPOINTS = {"intake.answers_status", "intake.keep_answers"}


class DeleteAnswersForm(FlaskForm):
    """The "Delete my answers and start again" button; only the form token travels with it."""


def answers_kept_for() -> str:
    """How long unsent answers last without activity, in words: "60 minutes"."""
    minutes = int(current_app.config["DRAFT_TIMEOUT_MINUTES"])
    return f"{minutes} minute{'' if minutes == 1 else 's'}"


@bp.context_processor
def timeout_warning() -> dict[str, Any]:
    draft = g.get("open_draft")
    return {"answers_seconds_left": seconds_left(draft, idle_limit()) if draft else None}


@bp.before_request
def end_idle_answers() -> Any:
    """Answers untouched for too long are deleted before anything else is done, however
    the person comes back to them."""
    if request.endpoint not in ENDED_BY_TIME:
        return None
    kind = (request.view_args or {})["kind"]
    if not session.get(SESSION_DRAFTS, {}).get(kind):
        return None
    draft = named_draft(kind)
    if draft is not None and not has_ended(draft, idle_limit()):
        return None
    # Ended, or deleted already by `portal worker` while the person was away.
    delete_answers_now(kind, draft)
    if request.endpoint in JSON_ENDPOINTS:
        return {"seconds_left": 0}
    return redirect(url_for("intake.answers_timed_out", kind=kind))


def delete_answers_now(kind: str, draft: IntakeDraft | None) -> None:
    files = delete_draft(get_session(), draft) if draft is not None else []
    get_session().commit()
    forget_draft(kind)
    folder = Path(current_app.config["UPLOAD_PATH"])
    for stored_name in files:
        (folder / stored_name).unlink(missing_ok=True)


@bp.route(f"/{KIND}/delete-answers", methods=["GET", "POST"])
def delete_answers(kind: str) -> Any:
    form = DeleteAnswersForm()
    if request.method == "POST" and form.validate_on_submit():
        draft = named_draft(kind)
        if draft is not None and draft.case_id is not None:
            # Sent already (the reply was lost): there is nothing unsent to delete.
            return redirect(url_for("intake.confirmation", kind=kind))
        delete_answers_now(kind, draft)
        return redirect(url_for("intake.answers_deleted", kind=kind))
    pressed = request.method == "POST"
    return render_template("intake/delete.html", flow=FLOWS[kind], form=form,
                           timed_out=pressed), 400 if pressed else 200


@bp.get(f"/{KIND}/answers-deleted")
def answers_deleted(kind: str) -> str:
    return render_template("intake/ended.html", flow=FLOWS[kind], asked=True)


@bp.get(f"/{KIND}/timed-out")
def answers_timed_out(kind: str) -> Any:
    if open_draft(kind) is not None:  # kept going in another tab meanwhile
        return redirect(url_for("intake.check", kind=kind))
    return render_template("intake/ended.html", flow=FLOWS[kind], asked=False)


# The timeout warning asks how long is left (asking is not activity), and says the
# person is still there when they type or press "Continue with my answers".

@bp.get(f"/{KIND}/answers-status")
def answers_status(kind: str) -> dict[str, int]:
    draft = open_draft(kind)
    return {"seconds_left": seconds_left(draft, idle_limit()) if draft else 0}


@bp.post(f"/{KIND}/keep-answers")
def keep_answers(kind: str) -> Response | dict[str, int]:
    try:
        validate_csrf(request.headers.get("X-CSRFToken"))
    except ValidationError:
        return Response('{"seconds_left": 0}', 400, mimetype="application/json")
    draft = open_draft(kind)
    if draft is None:
        return {"seconds_left": 0}
    keep_going(draft)
    get_session().commit()
    return {"seconds_left": seconds_left(draft, idle_limit())}
