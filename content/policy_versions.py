"""Policies: a new version supersedes the one before, which stays readable. A version may
wait for a publication time, and a published version may be withdrawn with a reason; the
newest published version left is then current again."""

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from content.dates import utcnow
from content.importer import ParsedRecord, field_problems, parse_record
from content.kinds import POLICY, POLICY_OWNERS
from content.managed_lists import choice_problem, settle_values
from content.models import Policy, Revision
from content.publishing import PublishingProblem, publish, schedule, withdraw
from content.store import columns_of, mark_current_policies
from content.text import version_key


def every_version(session: Session, slug: str) -> list[Policy]:
    """All versions of a policy, published or not, newest first."""
    return list(session.scalars(select(Policy).where(Policy.slug == slug).order_by(
        Policy.approved.desc(), Policy.id.desc())))


def check_new_policy_version(session: Session, form: dict[str, Any],
                             slug: str | None) -> tuple[ParsedRecord | None, dict[str, str]]:
    """The validated new version (or a new policy when `slug` is None), or the problems.

    A new version must come after every version there has been, scheduled and withdrawn
    ones included, so version numbers keep meaning the same thing. An owner that nearly
    matches a listed policy owner is refused, naming the listed one.
    """
    raw = {"type": "policy", **{name: value for name, value in form.items()
                                if value not in ("", None)}}
    if slug:
        raw["slug"] = slug
    problems = field_problems("policy", raw)
    if "owner" not in problems:
        owner_problem = choice_problem(session, POLICY_OWNERS, str(raw["owner"]).strip())
        if owner_problem:
            problems["owner"] = owner_problem
    if problems:
        return None, problems
    parsed = parse_record(raw, 1)
    versions = every_version(session, parsed.values["slug"])
    if slug is None and versions:
        return None, {"title": "There is already a policy with this title: publish a new "
                               "version of it instead"}
    if any(version.version == parsed.values["version"] for version in versions):
        return None, {"version": f"Version {parsed.values['version']} already exists: give "
                                 "the new version a higher number"}
    newest = max(versions, key=lambda p: (p.approved, version_key(p.version)), default=None)
    if newest is not None and (
            version_key(parsed.values["version"]) <= version_key(newest.version)
            or parsed.values["approved"] < newest.approved):
        return None, {"version": f"The new version must come after version {newest.version}, "
                                 f"approved {newest.approved:%d/%m/%Y}: use a higher number "
                                 "and an approval date on or after that one"}
    return parsed, {}


def add_policy_version(session: Session, parsed: ParsedRecord, when: datetime | None = None,
                       now: datetime | None = None) -> Policy:
    """Publish the checked version now, or schedule it for `when`. A new owner joins the
    list of policy owners."""
    now = now or utcnow()
    settle_values(session, POLICY, parsed.values)
    policy = Policy(**columns_of(parsed), is_current=False)
    session.add(policy)
    if when is None:
        publish(session, policy, now)
    else:
        schedule(policy, when, now)
    session.flush()
    mark_current_policies(session, {policy.slug}, now)
    return policy


def publish_scheduled_version(session: Session, policy: Policy,
                              now: datetime | None = None) -> None:
    """Publish a scheduled version straight away instead of waiting."""
    now = now or utcnow()
    if policy.publish_at is None:
        raise PublishingProblem("This version is not waiting to be published")
    publish(session, policy, now)
    session.flush()
    mark_current_policies(session, {policy.slug}, now)


def cancel_scheduled_version(session: Session, policy: Policy) -> None:
    """Drop a version that was scheduled but has not been published: nobody has seen it."""
    if policy.is_published or policy.publish_at is None:
        raise PublishingProblem("Only a version waiting to be published can be cancelled")
    session.delete(policy)


def withdraw_policy_version(session: Session, policy: Policy, reason: str,
                            now: datetime | None = None) -> None:
    now = now or utcnow()
    withdraw(session, policy, reason, now)
    session.flush()
    mark_current_policies(session, {policy.slug}, now)


def withdrawn_versions(session: Session, slug: str) -> list[tuple[Policy, Revision]]:
    """The versions of a policy that were published and then withdrawn, each with the
    revision giving the reason, newest first."""
    found = []
    for policy in every_version(session, slug):
        if policy.is_published:
            continue
        reason = session.scalar(select(Revision).where(
            Revision.record_type == "policy", Revision.record_id == policy.id,
            Revision.kind == "withdrawn").order_by(Revision.at.desc(), Revision.id.desc()))
        if reason is not None:
            found.append((policy, reason))
    return found
