"""A policy's page: its current version, with every earlier version kept viewable at an
address of its own, and the versions withdrawn. Written here rather than registered from
the declaration with the other kinds' record pages (`record_pages.py`): a policy is found
by its slug and a version, shows all its versions together, and one version or the whole
policy can be withdrawn, none of which the shared page needs for the other kinds. Its
listing is the shared one (`record_lists.py`)."""

from typing import Any

from flask import abort, render_template

from content import queries
from content.dates import uk_today
from content.models import Policy, Revision
from content.policy_versions import withdrawn_versions
from portal.db import get_session
from portal.public import bp


def _render_policy(versions: list[Policy], shown: Policy,
                   withdrawn: list[tuple[Policy, Revision]]) -> Any:
    return render_template("policies/detail.html", policy=shown, versions=versions,
                           current=next((v for v in versions if v.is_current), versions[0]),
                           withdrawn=withdrawn, today=uk_today())


def _withdrawn_page(withdrawn: list[tuple[Policy, Revision]], version: str | None) -> Any:
    """The page saying when and why a version (or the whole policy) was withdrawn."""
    found = next(((policy, reason) for policy, reason in withdrawn
                  if version is None or policy.version == version), None)
    if found is None:
        abort(404)
    policy, reason = found
    return render_template("policies/withdrawn.html", policy=policy, reason=reason,
                           whole_policy=version is None), 410


@bp.get("/policies/<slug>")
def policy(slug: str) -> Any:
    session = get_session()
    versions = list(queries.policy_versions(session, slug))
    withdrawn = withdrawn_versions(session, slug)
    if not versions:
        return _withdrawn_page(withdrawn, None)
    return _render_policy(versions, next((v for v in versions if v.is_current), versions[0]),
                          withdrawn)


@bp.get("/policies/<slug>/versions/<version>")
def policy_version(slug: str, version: str) -> Any:
    session = get_session()
    versions = list(queries.policy_versions(session, slug))
    withdrawn = withdrawn_versions(session, slug)
    shown = next((v for v in versions if v.version == version), None)
    if shown is None:
        return _withdrawn_page(withdrawn, version)
    return _render_policy(versions, shown, withdrawn)
