"""The web side of each kind of published record, declared once beside `content.kinds`:
its public addresses and pages, its search filter options and its staff pages."""

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import (
    current_app,
    url_for,
)
from sqlalchemy.orm import Session

from content import queries, spending
from content.budgets import compare_with
from content.dates import FinancialYear, uk_today
from content.expense_uploads import line_updates
from content.filters import CONTRACT_BANDS, POST_GROUPS
from content.inspections import ClockRules, clock_of
from content.kinds import (
    BUDGET,
    CONTRACT,
    DECISION,
    EXPENSE,
    EXPENSE_FIELD_WORDS,
    GIFT,
    GRANT,
    INSPECTION,
    INTEREST,
    MEETING,
    POLICY,
    POST,
    SCRUTINY,
    SPENDING,
    SPENDING_CATEGORIES,
    STAFF_NUMBERS,
    TENDER,
    RecordKind,
    kind_of,
)
from content.managed_lists import names
from content.models import (
    CONTRACT_STATUSES,
    GIFT_KINDS,
    GIFT_OUTCOMES,
    INSPECTION_TYPES,
    INTEREST_CATEGORIES,
    MINUTES_STATUSES,
    SCRUTINY_KINDS,
    SPENDING_BODIES,
    TENDER_STATUSES,
    Contract,
    Policy,
    Revision,
)
from content.people import POST_TYPES
from content.publishing import revisions

# The headings under which the home page and /publications group the collections, in order.
THEMES = ("Decisions and meetings", "Money", "People and interests", "Policies and scrutiny")


@dataclass(frozen=True)
class KindPages:
    """A kind's web side. Most of it follows from the kind's names; a declaration states
    only what differs, and the rest is filled in as described beside each field."""

    kind: RecordKind
    # What the collection holds, in one sentence for the home page and the list of
    # everything published, and the heading it is listed under there (one of THEMES).
    summary: str
    theme: str
    # The part of its addresses that names one record (a Werkzeug rule): its argument is
    # the first of the kind's `public_identity` columns.
    address_rule: str
    # What the listing page (<collection>/list.html) shows beside the page of records and
    # the filters: the choices of each filter, totals of what is shown (given the filters).
    listing_extras: Callable[[Session, Any], dict[str, Any]] = lambda session, filters: {}
    # How many records one page of the listing shows.
    per_page: int = 25
    # What a record's page shows beside the record: related records, its documents and the
    # corrections made to it.
    record_extras: Callable[[Session, Any], dict[str, Any]] = lambda session, record: {}
    # A kind whose record page is written by hand in its own module (a policy's, which
    # shows every version): no record page is registered for it from this declaration.
    own_record_page: bool = False
    # Choices offered beside a search narrowed to this kind, by filter name.
    search_options: Callable[[Session], dict[str, list[str]]] = lambda session: {}
    # How a published record is found from its address, for kinds with earlier versions
    # or documents.
    find: Callable[[Session, str], Any] | None = None
    # The collection's address and the name of its listing page: /decisions, whose open
    # data is /decisions.csv, .json and .atom. The plural label, in lower case, unless set.
    collection: str = ""
    # The endpoint of one record's permanent page: public.<name> unless set.
    endpoint: str = ""
    # For a record whose address is not made from the rule alone (a superseded policy
    # version has its own): the endpoint and URL arguments of its permanent page.
    custom_address: Callable[[Any], tuple[str, dict[str, Any]]] | None = None
    # The page that shows one record (and, for kinds with corrections, an earlier version
    # of it), <collection>/detail.html, with the name the template knows the record by,
    # the kind's name unless set.
    detail_template: str = ""
    template_name: str = ""
    # Where publishers start work on this kind: staff.<collection>_list unless set.
    staff_listing: str = ""
    # For kinds edited one record at a time on a page of their own (staff.<name>_edit):
    # the URL argument naming the record there.
    record_argument: str | None = None
    # How the audit log speaks of a record: the column holding its title, and what it is
    # called there (the singular label, in lower case, unless set).
    audit_title: str = "title"
    audit_label: str = ""

    def __post_init__(self) -> None:
        assert self.theme in THEMES, f"{self.kind.name}: theme is one of {THEMES}"
        collection = self.collection or self.kind.plural.lower()
        defaults = {"collection": collection, "endpoint": f"public.{self.kind.name}",
                    "detail_template": f"{collection}/detail.html",
                    "template_name": self.kind.name,
                    "staff_listing": f"staff.{collection}_list"}
        for name, value in defaults.items():
            if not getattr(self, name):
                object.__setattr__(self, name, value)

    def address(self, record: Any) -> tuple[str, dict[str, Any]]:
        """The endpoint and URL arguments of one record's permanent page."""
        if self.custom_address is not None:
            return self.custom_address(record)
        argument = re.fullmatch(r"<(?:\w+:)?(\w+)>", self.address_rule)
        assert argument is not None, f"{self.kind.name}: one argument names a record"
        return self.endpoint, {argument[1]: getattr(record, self.kind.public_identity[0])}

    @property
    def staff_page(self) -> tuple[str, str] | None:
        """Where staff edit one record (endpoint, argument naming its id), if they do."""
        if self.record_argument is None:
            return None
        return f"staff.{self.kind.name}_edit", self.record_argument

    def audit_name(self, record: Any) -> str:
        """How the audit log names a record: by the first of the fields that tell it apart
        (a policy's versions share its slug; the entry keeps the version beside it)."""
        return str(getattr(record, self.kind.key_fields[0]))

    def audit_titles(self, session: Session, names: Collection[str]) -> dict[str, str]:
        """The titles of the records the audit log names so, by name."""
        model = self.kind.model
        return queries.titles_by_name(session, getattr(model, self.kind.key_fields[0]),
                                      getattr(model, self.audit_title), names)

    def audit_words(self, name: str, title: str) -> str:
        """A record in the audit log's words: by its reference where it has one
        ("decision 2026/051: Title"), otherwise by its title ("policy “Title”")."""
        label = self.audit_label or self.kind.singular.lower()
        if self.kind.key_fields[0] == "reference":
            return f"{label} {name}: {title}"
        return f"{label} “{title}”"


def _policy_address(policy: Policy) -> tuple[str, dict[str, Any]]:
    # A superseded version keeps an address of its own; the current one has the policy's.
    if policy.is_current:
        return "public.policy", {"slug": policy.slug}
    return "public.policy_version", {"slug": policy.slug, "version": policy.version}


def _corrections(session: Session, record_type: str, record_id: int) -> list[Revision]:
    """The corrections made to a published record, listed on its page."""
    return [revision for revision in revisions(session, record_type, record_id)
            if revision.kind == "edited"]


def _decision_listing(session: Session, filters: Any) -> dict[str, Any]:
    return {"years": queries.decision_years(session),
            "decision_makers": queries.decision_makers(session),
            "categories": queries.decision_categories(session)}


def _decision_record(session: Session, decision: Any) -> dict[str, Any]:
    return {"related": queries.related_decisions(session, decision),
            "taken_at": queries.meeting_named(session, decision.meeting),
            "documents": queries.record_files(session, "decision", decision.id),
            "updates": _corrections(session, "decision", decision.id),
            "grants": queries.grants_approved_by(session, decision.reference),
            "contracts": queries.contracts_linked_to(
                session, Contract.decision_reference, decision.reference)}


def _financial_years(span: tuple[date, date] | None) -> list[FinancialYear]:
    """Every financial year with an expense line, the latest first."""
    if span is None:
        return []
    first, last = FinancialYear.of(span[0]), FinancialYear.of(span[1])
    return [FinancialYear(year) for year in range(last.start_year, first.start_year - 1, -1)]


def _expense_listing(session: Session, filters: Any) -> dict[str, Any]:
    # The total is of every line the filters match, not only the page shown.
    return {"total": queries.expense_total_pence(session, filters),
            "claimants": queries.expense_claimants(session),
            "categories": queries.expense_categories(session),
            "financial_years": _financial_years(queries.expense_date_range(session))}


def _scrutiny_listing(session: Session, filters: Any) -> dict[str, Any]:
    return {"kinds": SCRUTINY_KINDS, "years": queries.scrutiny_years(session),
            "today": uk_today()}


def _scrutiny_record(session: Session, outcome: Any) -> dict[str, Any]:
    return {"today": uk_today(), "related": queries.related_scrutiny(session, outcome),
            "taken_at": queries.meeting_named(session, outcome.meeting),
            "documents": queries.record_files(session, "scrutiny", outcome.id),
            "updates": _corrections(session, "scrutiny", outcome.id)}


def clock_rules() -> ClockRules:
    """The section 55 clock as this installation sets it."""
    config = current_app.config
    return ClockRules(int(config["HMICFRS_RESPONSE_DAYS"]),
                      tuple(config["HMICFRS_REMINDER_DAYS"]))


def _inspection_listing(session: Session, filters: Any) -> dict[str, Any]:
    return {"inspection_types": INSPECTION_TYPES, "years": queries.inspection_years(session)}


def _inspection_record(session: Session, inspection: Any) -> dict[str, Any]:
    today = uk_today()
    slugs = {slug for item in inspection.recommendations for slug in item.scrutiny_slugs}
    return {"today": today, "clock": clock_of(inspection, today, clock_rules()),
            "discussed_at": queries.scrutiny_by_slugs(session, slugs),
            "documents": queries.record_files(session, "inspection", inspection.id),
            "updates": _corrections(session, "inspection", inspection.id)}


def _gift_listing(session: Session, filters: Any) -> dict[str, Any]:
    return {"financial_years": _financial_years(queries.gift_date_range(session)),
            "recipients": queries.gift_recipients(session), "kinds": GIFT_KINDS,
            "outcomes": GIFT_OUTCOMES}


def _interest_listing(session: Session, filters: Any) -> dict[str, Any]:
    return {"holders": queries.interest_holders(session), "categories": INTEREST_CATEGORIES,
            "today": uk_today()}


def _budget_record(session: Session, budget: Any) -> dict[str, Any]:
    decision = (queries.get_decision(session, budget.decision_reference)
                if budget.decision_reference else None)
    return {"comparison": compare_with(budget, queries.budget_before(session, budget)),
            "decision": decision,
            "documents": queries.record_files(session, "budget", budget.id),
            "updates": _corrections(session, "budget", budget.id)}


def _grant_listing(session: Session, filters: Any) -> dict[str, Any]:
    return {"total": queries.grant_total_pence(session, filters),
            "funds": queries.grant_funds(session),
            "recipients": queries.grant_recipients(session),
            "financial_years": _financial_years(queries.grant_date_range(session))}


def _grant_record(session: Session, grant: Any) -> dict[str, Any]:
    reference = grant.decision_reference
    return {"decision": queries.get_decision(session, reference) if reference else None,
            "updates": _corrections(session, "grant", grant.id)}


def contract_threshold() -> int:
    """The value (in pence) above which a contract is published on its own, with a copy."""
    return int(current_app.config["CONTRACT_THRESHOLD"])


def _contract_listing(session: Session, filters: Any) -> dict[str, Any]:
    return {"total": queries.contract_total_pence(session, filters, uk_today()),
            "bands": CONTRACT_BANDS, "statuses": CONTRACT_STATUSES,
            "suppliers": queries.contract_suppliers(session),
            "routes": queries.procurement_routes(session),
            "financial_years": _financial_years(queries.contract_date_range(session)),
            "threshold": contract_threshold(), "today": uk_today()}


def _contract_record(session: Session, contract: Any) -> dict[str, Any]:
    tender, decision = contract.tender_reference, contract.decision_reference
    return {"today": uk_today(), "threshold": contract_threshold(),
            "tender": queries.get_tender(session, tender) if tender else None,
            "decision": queries.get_decision(session, decision) if decision else None,
            "documents": queries.record_files(session, "contract", contract.id),
            "updates": _corrections(session, "contract", contract.id)}


def _tender_listing(session: Session, filters: Any) -> dict[str, Any]:
    return {"statuses": TENDER_STATUSES, "today": uk_today(), "threshold": contract_threshold(),
            "financial_years": _financial_years(queries.tender_date_range(session))}


def _tender_record(session: Session, tender: Any) -> dict[str, Any]:
    return {"today": uk_today(),
            "contracts": queries.contracts_linked_to(
                session, Contract.tender_reference, tender.reference),
            "documents": queries.record_files(session, "tender", tender.id),
            "updates": _corrections(session, "tender", tender.id)}


MINUTES_WORDS = {"none": "Not yet published", "draft": "Draft", "approved": "Approved"}


def _meeting_listing(session: Session, filters: Any) -> dict[str, Any]:
    return {"bodies": queries.meeting_bodies(session), "years": queries.meeting_years(session),
            "minutes_choices": [(status, MINUTES_WORDS[status]) for status in MINUTES_STATUSES],
            "today": uk_today()}


def _meeting_record(session: Session, meeting: Any) -> dict[str, Any]:
    documents = queries.record_files(session, "meeting", meeting.id)
    return {"today": uk_today(), "documents": documents,
            # An agenda item's report is the document of that name published with it.
            "reports": {document.original_name: document for document in documents},
            "came_from": queries.came_from_meeting(session, meeting.slug),
            "updates": _corrections(session, "meeting", meeting.id)}


def _post_record(session: Session, post: Any) -> dict[str, Any]:
    above = queries.posts_by_slug(session, [post.reports_to] if post.reports_to else [])
    return {"manager": above.get(post.reports_to or ""),
            "reports": queries.direct_reports(session, post),
            "updates": _corrections(session, "post", post.id)}


def _staff_number_listing(session: Session, filters: Any) -> dict[str, Any]:
    return {"financial_years": _financial_years(queries.staff_number_dates(session))}
def _spending_listing(session: Session, filters: Any) -> dict[str, Any]:
    # The totals are of every line the filters match, not only the page shown.
    span = spending.spending_span(session)
    return {"totals": spending.spending_totals(session, filters),
            "bodies": SPENDING_BODIES, "categories": names(session, SPENDING_CATEGORIES),
            "financial_years": _financial_years(span)}


def _spending_record(session: Session, line: Any) -> dict[str, Any]:
    return {"updates": _corrections(session, "spending", line.id)}


PAGES: tuple[KindPages, ...] = (
    KindPages(
        DECISION,
        "Formal decisions of the Commissioner and of staff acting for them, with the money "
        "involved.", "Decisions and meetings", "<path:identifier>",
        find=queries.get_decision, record_argument="decision_id",
        listing_extras=_decision_listing, record_extras=_decision_record,
        search_options=lambda session: {"category": queries.decision_categories(session),
                                        "decision_maker": queries.decision_makers(session)},
    ),
    KindPages(
        EXPENSE,
        "Every allowance and expense claimed by the Commissioner and Deputy, line by line.",
        "Money", "<reference>", find=queries.get_expense, staff_listing="staff.expenses_upload",
        listing_extras=_expense_listing, per_page=50,
        record_extras=lambda session, expense: {"updates": line_updates(session, expense),
                                                "names": EXPENSE_FIELD_WORDS},
        search_options=lambda session: {"category": queries.expense_categories(session),
                                        "claimant": queries.expense_claimants(session)},
        audit_title="description", audit_label="expense line",
    ),
    KindPages(
        POLICY,
        "How the office works, with the date each policy was approved and when it is due "
        "for review.", "Policies and scrutiny", "<slug>",
        custom_address=_policy_address, own_record_page=True,
        listing_extras=lambda session, filters: {"owners": queries.policy_owners(session),
                                                 "today": uk_today()},
    ),
    KindPages(
        SCRUTINY,
        "How the Commissioner holds the force to account: meetings, inspection responses "
        "and the actions agreed.", "Policies and scrutiny", "<slug>",
        find=queries.get_scrutiny, record_argument="outcome_id",
        collection="scrutiny", endpoint="public.scrutiny_outcome", template_name="outcome",
        listing_extras=_scrutiny_listing, record_extras=_scrutiny_record,
        search_options=lambda session: {"category": list(SCRUTINY_KINDS)},
    ),
    KindPages(
        INSPECTION,
        "Reports of His Majesty's Inspectorate of Constabulary on the force, with the "
        "Commissioner's response and progress on every recommendation.",
        "Policies and scrutiny", "<slug>",
        find=queries.get_inspection, record_argument="inspection_id",
        collection="hmicfrs-reports", endpoint="public.inspection",
        listing_extras=_inspection_listing, record_extras=_inspection_record,
        search_options=lambda session: {"category": list(INSPECTION_TYPES)},
    ),
    KindPages(
        GIFT,
        "Every gift and offer of hospitality made to the Commissioner, the Deputy or their "
        "staff, and whether it was accepted or declined.", "People and interests",
        "<reference>", find=queries.get_gift, record_argument="gift_id",
        collection="gifts-and-hospitality", staff_listing="staff.gifts_list",
        listing_extras=_gift_listing,
        record_extras=lambda session, offer: {
            "updates": _corrections(session, "gift", offer.id)},
        search_options=lambda session: {"category": list(GIFT_KINDS)},
        audit_title="description", audit_label="gift or hospitality offer",
    ),
    KindPages(
        INTEREST,
        "The paid employment, offices, memberships and other financial interests the "
        "Commissioner and Deputy have declared, now and on any past date.",
        "People and interests", "<reference>", find=queries.get_interest,
        record_argument="interest_id", collection="register-of-interests",
        staff_listing="staff.interests_list", listing_extras=_interest_listing, per_page=100,
        record_extras=lambda session, interest: {
            "today": uk_today(), "updates": _corrections(session, "interest", interest.id)},
        search_options=lambda session: {"category": list(INTEREST_CATEGORIES)},
        audit_title="description", audit_label="declared interest",
    ),
    KindPages(
        BUDGET,
        "Each year's budget and police precept: where the money is expected to come from, "
        "how it is to be spent, and the investment strategy.", "Money", "<slug>",
        find=queries.get_budget, record_argument="budget_id", collection="budget",
        endpoint="public.budget_year", staff_listing="staff.budgets_list",
        listing_extras=lambda session, filters: {"years": queries.budget_years(session)},
        record_extras=_budget_record, audit_title="slug", audit_label="budget and precept",
    ),
    KindPages(
        GRANT,
        "Money the Commissioner gives to organisations to reduce crime and disorder: who, "
        "how much, on what conditions and why.", "Money", "<slug>",
        find=queries.get_grant, record_argument="grant_id", collection="grants",
        listing_extras=_grant_listing, record_extras=_grant_record,
        search_options=lambda session: {"category": queries.grant_funds(session)},
        audit_title="purpose",
    ),
    KindPages(
        CONTRACT,
        "Contracts the Commissioner or the Chief Constable has signed: each larger one with "
        "a copy, and the list of smaller ones.", "Money", "<slug>",
        find=queries.get_contract, record_argument="contract_id",
        listing_extras=_contract_listing, record_extras=_contract_record,
        search_options=lambda session: {"category": queries.procurement_routes(session)},
    ),
    KindPages(
        TENDER,
        "Invitations to bid for larger contracts, open and closed, with the contract each "
        "led to.", "Money", "<slug>",
        find=queries.get_tender, record_argument="tender_id", collection="tenders",
        listing_extras=_tender_listing, record_extras=_tender_record,
    ),
    KindPages(
        MEETING,
        "Public meetings of the boards, committees and panels, announced in advance with "
        "their agendas and reports, then their minutes.", "Decisions and meetings", "<slug>",
        find=queries.get_meeting, record_argument="meeting_id",
        listing_extras=_meeting_listing, record_extras=_meeting_record,
        search_options=lambda session: {"category": queries.meeting_bodies(session)},
    ),
    KindPages(
        POST,
        "The Commissioner, the Deputy and the office's senior staff: their jobs, salaries "
        "and who reports to whom, with the organisation chart.", "People and interests",
        "<slug>", find=queries.get_post, record_argument="post_id", collection="our-people",
        listing_extras=lambda session, filters: {"groups": POST_GROUPS}, per_page=50,
        record_extras=_post_record,
        search_options=lambda session: {"category": list(POST_TYPES)},
    ),
    KindPages(
        STAFF_NUMBERS,
        "How many people the office employs, and the proportions who are women, from "
        "ethnic minorities and disabled, counted on dated days.", "People and interests",
        "<slug>", find=queries.get_staff_numbers, record_argument="snapshot_id",
        collection="workforce", endpoint="public.staff_count",
        listing_extras=_staff_number_listing,
        record_extras=lambda session, snapshot: {
            "updates": _corrections(session, "workforce", snapshot.id)},
        audit_title="slug", audit_label="staff count",
    ),
    KindPages(
        SPENDING,
        "Every payment over £500 by the Commissioner's office and the force, who was paid, "
        "for what, and how value for money was obtained.", "Money", "<reference>",
        find=spending.get_spending, record_argument="line_id", collection="spending",
        template_name="line", endpoint="public.spending_line",
        listing_extras=_spending_listing, record_extras=_spending_record, per_page=50,
        search_options=lambda session: {"category": names(session, SPENDING_CATEGORIES)},
        audit_title="purpose", audit_label="spending line",
    ),
)
BY_NAME: dict[str, KindPages] = {pages.kind.name: pages for pages in PAGES}


def collections_by_theme() -> list[tuple[str, list[KindPages]]]:
    """Every collection under its theme's heading, in the order THEMES gives (the home page
    and /publications list them so)."""
    return [(theme, members) for theme in THEMES
            if (members := [pages for pages in PAGES if pages.theme == theme])]


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
