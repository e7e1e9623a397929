"""Publishing policies: a new policy or a new version, previewed, published now or on a
schedule; a published version withdrawn with a reason, a scheduled one published at once
or cancelled."""

from datetime import date
from typing import Any

from flask import abort, g, redirect, render_template, request, url_for
from sqlalchemy import select

from content.dates import utcnow
from content.models import Policy
from content.policy_versions import (
    add_policy_version,
    cancel_scheduled_version,
    check_new_policy_version,
    every_version,
    publish_scheduled_version,
    withdraw_policy_version,
    withdrawn_versions,
)
from content.publishing import PublishingProblem
from content.store import columns_of
from portal.db import get_session
from portal.staff.confirm import ask_to_withdraw
from portal.staff.expiry import EXPIRED, shows_expired_forms_again
from portal.staff.notices import sentence, tell
from portal.staff.publishing.common import (
    COMMON_LABELS,
    form_problems,
    publish_at,
    schedule_boxes,
    typed_date,
)
from portal.staff.views import bp, record, requires
from portal.templating import long_date

POLICY_FORM_FIELDS = ("title", "version", "approved", "review_due", "owner", "summary", "body")
POLICY_LABELS = {"title": "Title", "version": "Version number", "approved": "Date approved",
                 "review_due": "Review due", "owner": "Owner", "summary": "Summary",
                 "body": "The policy", **COMMON_LABELS}


@bp.get("/content/policies")
@requires("publisher")
def policies_list() -> Any:
    """Every policy, by its newest version, whether or not anything of it is public now."""
    newest: dict[str, Policy] = {}
    for policy in get_session().scalars(select(Policy).order_by(
            Policy.slug, Policy.approved.desc(), Policy.id.desc())):
        newest.setdefault(policy.slug, policy)
    current = {p.slug: p for p in get_session().scalars(
        select(Policy).where(Policy.is_current.is_(True)))}
    rows = sorted(newest.values(), key=lambda p: p.title.casefold())
    return render_template("staff/policies.html", policies=rows, current=current,
                           today=date.today())


def _policy_form() -> dict[str, Any]:
    form = {name: request.form.get(name, "").strip() for name in POLICY_FORM_FIELDS}
    for name in ("approved", "review_due"):
        form[name] = typed_date(form[name])
    return form


@bp.route("/content/policies/new", methods=["GET", "POST"])
@bp.route("/content/policies/<slug>/new-version", methods=["GET", "POST"])
@shows_expired_forms_again
@requires("publisher")
def policy_version_new(slug: str | None = None) -> Any:
    db = get_session()
    versions = every_version(db, slug) if slug else []
    if slug and not versions:
        abort(404)
    current = next((v for v in versions if v.is_current), versions[0] if versions else None)
    form: dict[str, Any] = {name: "" for name in POLICY_FORM_FIELDS}
    if current is not None:
        form |= {"title": current.title, "owner": current.owner,
                 "summary": current.summary_markdown, "body": current.body_markdown}
    problems: dict[str, str] = {}
    if request.method == "POST" and g.form_expired:
        form, problems = _policy_form(), {"title": EXPIRED}
    elif request.method == "POST":
        form = _policy_form()
        try:
            response, problems = _policy_action(request.form.get("action", "publish"), form,
                                                slug)
        except PublishingProblem as refused:
            db.rollback()
            response, problems = None, {refused.field or "title": str(refused)}
        if response is not None:
            return response
    problems, error_list = form_problems(problems, POLICY_LABELS, "title")
    return render_template("staff/policy_version.html", current=current, form=form,
                           field_problems=problems, labels=POLICY_LABELS,
                           error_list=error_list, **schedule_boxes()), (
        400 if problems else 200)


def _policy_action(action: str, form: dict[str, Any],
                   slug: str | None) -> tuple[Any, dict[str, str]]:
    db = get_session()
    parsed, problems = check_new_policy_version(db, form, slug)
    if parsed is None:
        return None, problems
    if action == "preview":
        shown = Policy(**columns_of(parsed))
        shown.is_current, shown.published_at, shown.updated_at = True, utcnow(), utcnow()
        return render_template("policies/detail.html", policy=shown, versions=[],
                               current=shown, today=date.today(),
                               withdrawn=[], preview_notice=True), {}
    when = publish_at() if action == "schedule" else None
    policy = add_policy_version(db, parsed, when)
    record("scheduled a policy version" if when else "published a policy version",
           policy.slug, version=policy.version)
    tell(f"{policy.title}, version {policy.version}, " + (
        f"scheduled to publish on {long_date(when)}" if when else "published"))
    db.commit()
    if when:
        return redirect(url_for("staff.policy_versions", slug=policy.slug)), {}
    return redirect(url_for("public.policy", slug=policy.slug)), {}


@bp.route("/content/policies/<slug>", methods=["GET", "POST"])
@requires("publisher")
def policy_versions(slug: str) -> Any:
    """Every version of one policy with what can be done to each."""
    db = get_session()
    versions = every_version(db, slug)
    if not versions:
        abort(404)
    problem, problem_version = None, None
    if request.method == "POST":
        chosen = next((v for v in versions if str(v.id) == request.form.get("version")), None)
        if chosen is None:
            abort(404)
        try:
            asked = _version_action(chosen, request.form.get("action", ""))
        except PublishingProblem as refused:
            db.rollback()
            problem, problem_version = str(refused), chosen.id
        else:
            if asked is not None:
                return asked
            db.commit()
            if not every_version(db, slug):  # its only version was cancelled
                return redirect(url_for("staff.policies_list"))
            return redirect(url_for("staff.policy_versions", slug=slug))
    withdrawn = {policy.id: reason for policy, reason in withdrawn_versions(db, slug)}
    return render_template("staff/policy_versions.html", versions=versions,
                           withdrawn=withdrawn, problem=problem,
                           problem_version=problem_version,
                           reason=request.form.get("reason", "")), (400 if problem else 200)


def _version_action(policy: Policy, action: str) -> tuple[str, int] | None:
    """Carry out the button pressed; the confirmation page to show first, if any."""
    db = get_session()
    named = f"version {policy.version} of {policy.title}"
    if action == "withdraw":
        asked = ask_to_withdraw(named, request.path, {"action": "withdraw",
                                                      "version": str(policy.id)})
        if asked is not None:
            return asked
        withdraw_policy_version(db, policy, request.form.get("reason", ""))
        record("withdrew a policy version", policy.slug, version=policy.version,
               reason=request.form.get("reason"))
        tell(f"{sentence(named)} withdrawn")
    elif action == "publish":
        publish_scheduled_version(db, policy)
        record("published a policy version", policy.slug, version=policy.version)
        tell(f"{sentence(named)} published")
    elif action == "cancel":
        cancel_scheduled_version(db, policy)
        record("cancelled a scheduled policy version", policy.slug, version=policy.version)
        tell(f"{sentence(named)} cancelled: it will not be published")
    else:
        abort(400)
    return None
