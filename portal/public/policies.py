"""OPCC policies: the current version of each, with every earlier version kept viewable."""

from datetime import date
from typing import Any

from flask import abort, render_template, url_for

from content import queries
from content.exports import POLICY_COLUMNS, policy_fields
from content.filters import Paging, PolicyFilters
from content.markup import plain_text
from content.models import Policy, Revision
from content.policy_versions import withdrawn_versions
from portal.db import get_session
from portal.opendata import atom_response, csv_response
from portal.public import bp
from portal.public.listing import (
    ATOM_ENTRIES,
    data_filters,
    is_filtered,
    json_listing,
    read_filters,
)

PER_PAGE = 25


def policy_url(policy: Policy, **options: Any) -> str:
    if policy.is_current:
        return url_for("public.policy", slug=policy.slug, **options)
    return url_for("public.policy_version", slug=policy.slug, version=policy.version, **options)


def policy_data(policy: Policy) -> dict[str, Any]:
    return policy_fields(policy, date.today()) | {"url": policy_url(policy, _external=True)}


@bp.get("/policies")
def policies() -> Any:
    session = get_session()
    filters, paging, problems = read_filters(PolicyFilters, PER_PAGE)
    return render_template(
        "policies/list.html", filters=filters, problems=problems,
        page=queries.list_policies(session, filters, paging, date.today()),
        filtered=is_filtered(filters), owners=queries.policy_owners(session),
        today=date.today(), policy_url=policy_url,
    ), (400 if problems else 200)


@bp.get("/policies.csv")
def policies_csv() -> Any:
    filters = data_filters(PolicyFilters)
    rows = (policy_data(p) for p in queries.each_policy(get_session(), filters, date.today()))
    return csv_response("policies.csv", rows, [*POLICY_COLUMNS, "url"])


@bp.get("/policies.json")
def policies_json() -> Any:
    filters = data_filters(PolicyFilters)
    session = get_session()
    return json_listing(
        "public.policies_json", filters,
        rows=lambda: (policy_data(p) for p in queries.each_policy(session, filters, date.today())),
        page=lambda paging: queries.list_policies(session, filters, paging, date.today()),
        serialise=policy_data,
    )


@bp.get("/policies.atom")
def policies_atom() -> Any:
    filters = data_filters(PolicyFilters)
    page = queries.list_policies(get_session(), filters, Paging(1, ATOM_ENTRIES), date.today())
    entries = [{
        "title": f"{p.title} (version {p.version})", "url": policy_url(p, _external=True),
        "published": p.published_at, "updated": p.updated_at,
        "summary": plain_text(p.summary_markdown), "content_html": p.body_html,
    } for p in page.items]
    return atom_response("Policies", "public.policies", entries)


def _render_policy(versions: list[Policy], shown: Policy,
                   withdrawn: list[tuple[Policy, Revision]]) -> Any:
    return render_template("policies/detail.html", policy=shown, versions=versions,
                           current=next((v for v in versions if v.is_current), versions[0]),
                           withdrawn=withdrawn, today=date.today(), policy_url=policy_url)


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
