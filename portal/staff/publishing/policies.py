"""Publishing policies: a new policy or a new version, previewed, published now or on a
schedule; a published version withdrawn with a reason, a scheduled one published at once
or cancelled."""

from datetime import datetime
from typing import Any

from flask import abort, redirect, render_template, request, url_for

from content.dates import uk_today, utcnow
from content.importer import ParsedRecord
from content.managed_lists import names
from content.models import Policy
from content.policy_versions import (
    add_policy_version,
    cancel_scheduled_version,
    check_new_policy_version,
    current_versions,
    every_version,
    newest_of_each_policy,
    publish_scheduled_version,
    withdraw_policy_version,
    withdrawn_versions,
)
from content.publishing import PublishingProblem
from content.store import columns_of
from portal.db import get_session, unit_of_work
from portal.forms import error_summary
from portal.staff.confirm import ask_to_withdraw
from portal.staff.expiry import expired, shows_expired_forms_again
from portal.staff.notices import sentence, tell
from portal.staff.publishing.common import carry_out, publish_at, put_problems, typed_fields
from portal.staff.publishing.forms import PolicyVersionForm, offer_list_choices
from portal.staff.views import bp, record, requires
from portal.templating import long_date

POLICY_FORM_FIELDS = ("title", "version", "approved", "review_due", "owner", "summary", "body")


@bp.get("/content/policies")
@requires("publisher")
def policies_list() -> Any:
    """Every policy, by its newest version, whether or not anything of it is public now."""
    db = get_session()
    return render_template("staff/policies.html", policies=newest_of_each_policy(db),
                           current=current_versions(db), today=uk_today())


def _policy_form(current: Policy | None) -> PolicyVersionForm:
    """What was typed; before anything is, the words of the version it follows (its
    number and dates are the new version's own). The owner is chosen from the list of
    policy owners."""
    follows = {} if current is None else {
        "title": current.title, "owner": current.owner,
        "summary": current.summary_markdown, "body": current.body_markdown}
    if request.method == "POST":
        form = PolicyVersionForm()
    else:
        form = PolicyVersionForm(formdata=None, data=follows)
    offer_list_choices(form, lambda managed: names(get_session(), managed), follows)
    return form


@bp.route("/content/policies/new", methods=["GET", "POST"])
@bp.route("/content/policies/<slug>/new-version", methods=["GET", "POST"])
@shows_expired_forms_again
@requires("publisher")
@unit_of_work
def policy_version_new(slug: str | None = None) -> Any:
    versions = every_version(get_session(), slug) if slug else []
    if slug and not versions:
        abort(404)
    current = next((v for v in versions if v.is_current), versions[0] if versions else None)
    form = _policy_form(current)
    problems: dict[str, str] = {}
    if request.method == "POST" and not expired(form):
        response, problems = carry_out(lambda: _policy_action(
            request.form.get("action", "publish"), form, slug, versions))
        if response is not None:
            return response
    put_problems(form, problems, "title")
    return render_template("staff/policy_version.html", current=current, form=form,
                           summary=error_summary(form)), (400 if problems or form.errors else 200)


def _policy_action(action: str, form: PolicyVersionForm, slug: str | None,
                   versions: list[Policy]) -> Any:
    """Carry out the button pressed; a dict of problems, or the response to send."""
    if action == "edit":
        return {}
    db = get_session()
    parsed, problems = check_new_policy_version(db, form.typed(POLICY_FORM_FIELDS), slug)
    problems |= form.stray_choices()
    if parsed is None or problems:
        return problems
    if action == "preview":
        return _preview(parsed, versions)
    when = publish_at() if action == "schedule" else None
    return _publish(parsed, when)


def _publish(parsed: ParsedRecord, when: datetime | None) -> Any:
    policy = add_policy_version(get_session(), parsed, when)
    record("scheduled a policy version" if when else "published a policy version",
           policy.slug, version=policy.version)
    tell(f"{policy.title}, version {policy.version}, " + (
        f"scheduled to publish on {long_date(when)}" if when else "published"))
    if when:
        return redirect(url_for("staff.policy_versions", slug=policy.slug))
    return redirect(url_for("public.policy", slug=policy.slug))


def _preview(parsed: ParsedRecord, versions: list[Policy]) -> str:
    """The new version as its public page will show it once published, in a frame with
    Publish and Edit: current, with the published versions before it listed."""
    shown = Policy(**columns_of(parsed))
    shown.is_current, shown.published_at, shown.updated_at = True, None, utcnow()
    return render_template(
        "staff/policy_preview.html", policy=shown, current=shown, today=uk_today(),
        versions=[shown, *(version for version in versions if version.is_published)],
        withdrawn=[], kept=typed_fields())


@bp.route("/content/policies/<slug>", methods=["GET", "POST"])
@requires("publisher")
@unit_of_work
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
