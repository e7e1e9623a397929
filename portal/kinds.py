"""The web side of each kind of published record, declared once beside `content.kinds`:
its public addresses, its search filter options and its staff pages."""

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from flask import url_for
from sqlalchemy.orm import Session

from content import queries
from content.kinds import DECISION, EXPENSE, POLICY, SCRUTINY, RecordKind, kind_of
from content.models import SCRUTINY_KINDS, Decision, Expense, Policy, ScrutinyOutcome


@dataclass(frozen=True)
class KindPages:
    kind: RecordKind
    # The collection's address and the name of its listing page: /decisions, whose open
    # data is /decisions.csv, .json and .atom.
    collection: str
    # The endpoint and URL arguments of one record's permanent page.
    address: Callable[[Any], tuple[str, dict[str, Any]]]
    # Choices offered beside a search narrowed to this kind, by filter name.
    search_options: Callable[[Session], dict[str, list[str]]]
    # The part of its addresses that names one record (a Werkzeug rule), how a published
    # record is found from it, and the page that shows one record (and, for kinds with
    # corrections, an earlier version of it) with the name the template knows it by.
    address_rule: str
    detail_template: str
    template_name: str
    # Where publishers start work on this kind.
    staff_listing: str
    # Where staff edit one record (endpoint, argument naming its id), for kinds that carry
    # documents.
    staff_page: tuple[str, str] | None = None
    # How the audit log names a record when something is done to it; how the log finds the
    # titles of records so named; and how it speaks of one ("decision 2026/051: Title").
    audit_name: Callable[[Any], str] = lambda record: str(record.id)
    audit_titles: Callable[[Session, Collection[str]], dict[str, str]] = (
        lambda session, names: {})
    audit_words: Callable[[str, str], str] = lambda name, title: f"{name}: {title}"
    find: Callable[[Session, str], Any] | None = None


def _policy_address(policy: Policy) -> tuple[str, dict[str, Any]]:
    # A superseded version keeps an address of its own; the current one has the policy's.
    if policy.is_current:
        return "public.policy", {"slug": policy.slug}
    return "public.policy_version", {"slug": policy.slug, "version": policy.version}


PAGES: tuple[KindPages, ...] = (
    KindPages(
        DECISION, collection="decisions", staff_listing="staff.decisions_list",
        address_rule="<path:identifier>", find=queries.get_decision,
        detail_template="decisions/detail.html", template_name="decision",
        address=lambda decision: ("public.decision", {"identifier": decision.slug}),
        search_options=lambda session: {"category": queries.decision_categories(session),
                                        "decision_maker": queries.decision_makers(session)},
        staff_page=("staff.decision_edit", "decision_id"),
        audit_name=lambda decision: decision.reference,
        audit_titles=lambda session, names: queries.titles_by_name(
            session, Decision.reference, Decision.title, names),
        audit_words=lambda reference, title: f"decision {reference}: {title}",
    ),
    KindPages(
        EXPENSE, collection="expenses", staff_listing="staff.expenses_upload",
        address_rule="<reference>", find=queries.get_expense,
        detail_template="expenses/detail.html", template_name="expense",
        address=lambda expense: ("public.expense", {"reference": expense.reference}),
        search_options=lambda session: {"category": queries.expense_categories(session),
                                        "claimant": queries.expense_claimants(session)},
        audit_name=lambda expense: expense.reference,
        audit_titles=lambda session, names: queries.titles_by_name(
            session, Expense.reference, Expense.description, names),
        audit_words=lambda reference, description: f"expense line {reference}: {description}",
    ),
    KindPages(
        POLICY, collection="policies", staff_listing="staff.policies_list",
        address_rule="<slug>",
        detail_template="policies/detail.html", template_name="policy",
        address=_policy_address,
        search_options=lambda session: {},
        # Its versions share the slug; the audit entry keeps the version beside it.
        audit_name=lambda policy: policy.slug,
        audit_titles=lambda session, names: queries.titles_by_name(
            session, Policy.slug, Policy.title, names),
        audit_words=lambda _slug, title: f"policy “{title}”",
    ),
    KindPages(
        SCRUTINY, collection="scrutiny", staff_listing="staff.scrutiny_list",
        address_rule="<slug>", find=queries.get_scrutiny,
        detail_template="scrutiny/detail.html", template_name="outcome",
        address=lambda outcome: ("public.scrutiny_outcome", {"slug": outcome.slug}),
        search_options=lambda session: {"category": list(SCRUTINY_KINDS)},
        staff_page=("staff.scrutiny_edit", "outcome_id"),
        audit_name=lambda outcome: outcome.slug,
        audit_titles=lambda session, names: queries.titles_by_name(
            session, ScrutinyOutcome.slug, ScrutinyOutcome.title, names),
        audit_words=lambda _slug, title: f"scrutiny outcome “{title}”",
    ),
)
BY_NAME: dict[str, KindPages] = {pages.kind.name: pages for pages in PAGES}


def pages_of(record: Any) -> KindPages:
    return BY_NAME[kind_of(record).name]


def revision_url(record: Any, revision_id: int) -> str:
    """The address of a record as it was before a correction."""
    pages = pages_of(record)
    _endpoint, arguments = pages.address(record)
    return url_for(f"public.{pages.kind.name}_revision", **arguments, revision_id=revision_id)


def document_url(record: Any, document_id: int) -> str:
    """The address of a PDF published with a record."""
    pages = pages_of(record)
    _endpoint, arguments = pages.address(record)
    return url_for(f"public.{pages.kind.name}_document", **arguments, document_id=document_id)


def permalink(record: Any, external: bool = False) -> str:
    """The permanent address of any published record."""
    endpoint, arguments = pages_of(record).address(record)
    return url_for(endpoint, **arguments, _external=external)
