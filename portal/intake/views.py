"""Start pages, question pages, check answers and confirmation for the three journeys."""

from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.wrappers import Response

from content.dates import uk_today
from portal.db import get_session
from portal.intake import mail
from portal.intake.answers import answers_from_form, answers_on_path, form_data, summary_rows
from portal.intake.clocks import acknowledge_by, targets_from
from portal.intake.flows import CHECK, FLOWS, Flow, InformationForm, Page, deadline_for
from portal.intake.models import IntakeCase, IntakeDraft
from portal.intake.store import (
    EQUALITY_KEY,
    draft_idle_limit,
    find_draft,
    has_ended,
    keep_going,
    new_draft,
    save_answers,
    submit,
)
from portal.intake.uploads import MAX_FILES, UploadRefused, store_upload
from portal.ratelimit import limiter

bp = Blueprint("intake", __name__)
KIND = "<any(complaint, compliment, review):kind>"
SESSION_DRAFTS = "intake_drafts"
SESSION_SUBMITTED = "intake_submitted"
HONEYPOT = "website"


class EvidenceForm(FlaskForm):
    evidence = FileField("Upload a file")


class SubmitForm(FlaskForm):
    """The check page's button; only the CSRF token travels with it."""


def submission_limit() -> str:
    return str(current_app.config["INTAKE_SUBMISSION_LIMIT"])


@bp.context_processor
def form_action() -> dict[str, str]:
    """Forms post back to the address they came from, including ?change=yes."""
    return {"form_action": request.full_path.rstrip("?")}


def _flow(kind: str) -> Flow:
    return FLOWS[kind]


def idle_limit() -> timedelta:
    return draft_idle_limit(current_app.config)


def named_draft(kind: str) -> IntakeDraft | None:
    """The draft of this kind the person's cookie names, whatever has become of it."""
    return find_draft(get_session(), session.get(SESSION_DRAFTS, {}).get(kind), kind)


def forget_draft(kind: str) -> None:
    drafts = dict(session.get(SESSION_DRAFTS, {}))
    drafts.pop(kind, None)
    session[SESSION_DRAFTS] = drafts


def open_draft(kind: str) -> IntakeDraft | None:
    """The person's unsent answers of this kind, if they have not ended; kept in `g` for
    the timeout warning on the page."""
    draft = named_draft(kind)
    if draft is not None and (draft.case_id is not None or has_ended(draft, idle_limit())):
        draft = None
    g.open_draft = draft
    return draft


def _draft_for_saving(kind: str) -> IntakeDraft:
    draft = open_draft(kind)
    if draft is None:
        draft = new_draft(get_session(), kind)
        session.permanent = True
        session[SESSION_DRAFTS] = {**session.get(SESSION_DRAFTS, {}), kind: draft.id}
        g.open_draft = draft
    return draft


def _answers(draft: IntakeDraft | None) -> dict[str, Any]:
    return dict(draft.answers) if draft else {"_done": []}


def _refuse_robots() -> None:
    """A box hidden from people is filled in: this is almost certainly an automated sender."""
    if request.form.get(HONEYPOT):
        abort(make_response(render_template("intake/refused.html"), 400))


@bp.get("/complaint", defaults={"kind": "complaint"}, endpoint="complaint")
@bp.get("/compliment", defaults={"kind": "compliment"}, endpoint="compliment")
@bp.get("/review", defaults={"kind": "review"}, endpoint="review")
def start(kind: str) -> str:
    flow = _flow(kind)
    return render_template(f"intake/start_{kind}.html", flow=flow,
                           first=url_for("intake.question", kind=kind, slug=flow.first))


@bp.route(f"/{KIND}/<slug>", methods=["GET", "POST"])
def question(kind: str, slug: str) -> Any:
    flow = _flow(kind)
    page = flow.page(slug)
    if page is None:
        abort(404)
    draft = open_draft(kind)
    answers = _answers(draft)
    path, _complete = flow.path(answers)
    if slug not in path:
        return redirect(url_for("intake.question", kind=kind, slug=path[-1]))
    changing = request.args.get("change") == "yes"
    if page.slug == "evidence":
        return _evidence(flow, page, draft, changing)
    if page.form is InformationForm and page.template == "intake/panel.html":
        return render_template(page.template, flow=flow, page=page,
                               back=_back(flow, path, slug))
    stored = answers.get(EQUALITY_KEY, {}) if slug == "equality" else answers
    # On a POST the form holds only what was sent: an unticked box must stay unticked.
    form = (page.form() if request.method == "POST"
            else page.form(formdata=None, data=form_data(page.form, stored)))
    timed_out = False
    if request.method == "POST":
        _refuse_robots()
        skipping = slug == "equality" and "skip" in request.form
        if skipping or form.validate_on_submit():
            return _save_and_continue(flow, page, answers_from_form(form) if not skipping
                                      else {}, changing)
        timed_out = "csrf_token" in form.errors
    status = 400 if form.errors else 200
    return render_template(page.template, flow=flow, page=page, form=form, timed_out=timed_out,
                           back=_back(flow, path, slug), changing=changing,
                           deadline=deadline_for(answers), today=uk_today()), status


def _save_and_continue(flow: Flow, page: Page, values: dict[str, Any], changing: bool,
                       ) -> Response:
    draft = _draft_for_saving(flow.kind)
    if page.slug == "equality":
        values = {EQUALITY_KEY: values}
    save_answers(draft, page.slug, values)
    get_session().commit()
    answers = dict(draft.answers)
    _path, complete = flow.path(answers)
    if changing and complete:
        return redirect(url_for("intake.check", kind=flow.kind))
    following = page.next(answers)
    if following == CHECK:
        return redirect(url_for("intake.check", kind=flow.kind))
    suffix: dict[str, Any] = {"change": "yes"} if changing else {}
    return redirect(url_for("intake.question", kind=flow.kind, slug=following, **suffix))


def _back(flow: Flow, path: list[str], slug: str) -> str:
    index = path.index(slug)
    if index == 0:
        return url_for(f"intake.{flow.kind}")
    return url_for("intake.question", kind=flow.kind, slug=path[index - 1])


def _evidence(flow: Flow, page: Page, draft: IntakeDraft | None, changing: bool) -> Any:
    form = EvidenceForm()
    attachments = list(draft.attachments) if draft else []
    answers = _answers(draft)
    path, _ = flow.path(answers)
    problem, timed_out, status = None, False, 200
    if request.method == "POST":
        _refuse_robots()
        if not form.validate_on_submit():
            timed_out, status = True, 400
        elif "remove" in request.form:
            _remove_attachment(draft, request.form["remove"])
            if draft is not None:
                keep_going(draft)
            get_session().commit()
            return redirect(request.url)
        elif "upload" in request.form:
            upload = request.files.get("evidence")
            if upload is None or not upload.filename:
                problem, status = "Select a file to upload", 400
            else:
                try:
                    attachment = store_upload(upload.stream, upload.filename,
                                              Path(current_app.config["UPLOAD_PATH"]),
                                              len(attachments))
                except UploadRefused as refused:
                    problem, status = str(refused), 400
                else:
                    draft = _draft_for_saving(flow.kind)
                    keep_going(draft)
                    attachment.draft_id = draft.id
                    get_session().add(attachment)
                    get_session().commit()
                    return redirect(request.url)
        else:
            return _save_and_continue(flow, page, {}, changing)
    return render_template(page.template, flow=flow, page=page, form=form, problem=problem,
                           attachments=attachments, max_files=MAX_FILES, timed_out=timed_out,
                           back=_back(flow, path, page.slug), changing=changing), status


def _remove_attachment(draft: IntakeDraft | None, attachment_id: str) -> None:
    if draft is None or not attachment_id.isdigit():
        return
    for attachment in draft.attachments:
        if attachment.id == int(attachment_id):
            (Path(current_app.config["UPLOAD_PATH"]) / attachment.stored_name).unlink(
                missing_ok=True)
            get_session().delete(attachment)


@bp.route(f"/{KIND}/check", methods=["GET", "POST"])
@limiter.limit(submission_limit, methods=["POST"])
def check(kind: str) -> Any:
    flow = _flow(kind)
    draft = open_draft(kind)
    if draft is None and _sent_case(kind) is not None:
        # Sent already, though the confirmation may never have reached them: a reload or
        # a second press of Send finds that case instead of an empty form.
        return redirect(url_for("intake.confirmation", kind=kind))
    answers = _answers(draft)
    path, complete = flow.path(answers)
    if not complete:
        return redirect(url_for("intake.question", kind=kind, slug=path[-1]))
    form = SubmitForm()
    timed_out = False
    attachments = list(draft.attachments) if draft else []
    # Kept for the page that says the database could not be reached while sending.
    g.check_rows = summary_rows(flow, answers, attachments)
    if request.method == "POST":
        _refuse_robots()
        if form.validate_on_submit() and draft is not None:
            return _submit(flow, draft)
        timed_out = True
    return render_template("intake/check.html", flow=flow, form=form, timed_out=timed_out,
                           rows=g.check_rows,
                           back=url_for("intake.question", kind=kind, slug=path[-1]),
                           ), (400 if timed_out else 200)


def _submit(flow: Flow, draft: IntakeDraft) -> Response:
    config = current_app.config
    email = (draft.answers.get("email") or "").strip()

    def messages(case: IntakeCase) -> list[dict[str, str]]:
        queued = [mail.intake_notification(case, config["INTAKE_MAILBOX"])]
        if email:
            reply_by = acknowledge_by(case.received_at, targets_from(config))
            queued.append(mail.acknowledgement(case, email, config["OPCC_NAME"], reply_by))
        return queued

    submit(get_session(), draft, answers_on_path(flow, draft.answers), messages)
    _remember_sent(flow.kind, draft)
    return redirect(url_for("intake.confirmation", kind=flow.kind))


def _remember_sent(kind: str, draft: IntakeDraft) -> None:
    session[SESSION_SUBMITTED] = {**session.get(SESSION_SUBMITTED, {}), kind: draft.id}
    forget_draft(kind)


def _sent_case(kind: str) -> IntakeCase | None:
    """The case this browser last sent of this kind. When the reply to Send was lost (a
    dropped connection, a server restarting) the cookie still names the draft, which has
    become that case; it is remembered as sent from now on."""
    draft = named_draft(kind)
    if draft is not None and draft.case_id is not None:
        _remember_sent(kind, draft)
        return draft.case
    sent_id = session.get(SESSION_SUBMITTED, {}).get(kind)
    sent = get_session().get(IntakeDraft, sent_id) if sent_id else None
    return sent.case if sent is not None else None


@bp.get(f"/{KIND}/confirmation")
def confirmation(kind: str) -> Any:
    case = _sent_case(kind)
    if case is None:
        return redirect(url_for(f"intake.{kind}"))
    targets = targets_from(current_app.config)
    return render_template("intake/confirmation.html", flow=_flow(kind), case=case,
                           kind=kind, had_email=bool(case.answers.get("email")),
                           reply_by=acknowledge_by(case.received_at, targets),
                           reply_within=targets.acknowledge_working_days)
