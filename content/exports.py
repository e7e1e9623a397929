"""The open-data shape of each record: the fields journalists download as CSV and JSON.

Dates are ISO 8601 and amounts are strings with two decimals, so nothing is lost to
floating point. The web layer adds each record's permalink as `url`.
"""

from datetime import date
from typing import Any

from content.markup import plain_text
from content.models import Contract, Decision, Expense, Grant, Policy, ScrutinyOutcome, Tender
from content.money import format_amount

DECISION_COLUMNS = ("reference", "title", "date", "decision_maker", "category", "amount",
                    "part_exempt_from_publication", "summary", "published_at", "updated_at")
EXPENSE_COLUMNS = ("reference", "date", "financial_year", "claimant", "category", "description",
                   "amount", "published_at")
POLICY_COLUMNS = ("slug", "title", "version", "status", "approved", "review_due",
                  "review_overdue", "owner", "summary", "published_at", "updated_at")
SCRUTINY_COLUMNS = ("slug", "kind", "title", "date", "summary", "actions_total", "actions_open",
                    "published_at", "updated_at")
GRANT_COLUMNS = ("reference", "recipient", "fund", "purpose", "amount", "date_awarded",
                 "financial_year", "conditions", "crime_reduction_reasons", "decision_reference",
                 "published_at", "updated_at")
CONTRACT_COLUMNS = ("reference", "title", "supplier", "parties", "purpose", "value",
                    "start_date", "end_date", "contract_status", "procurement_route",
                    "tender_reference", "decision_reference", "published_at", "updated_at")
TENDER_COLUMNS = ("reference", "title", "description", "estimated_value", "issued_on",
                  "closing_date", "tender_status", "how_to_respond", "published_at",
                  "updated_at")

# What each open-data column means, as /using-our-data explains it.
COLUMN_MEANINGS = {
    "reference": "the record's unique reference",
    "slug": "the record's unique identifier, used in its address",
    "title": "the title",
    "date": "the date of the decision, claim, meeting or report",
    "decision_maker": "who made the decision",
    "category": "the subject area or kind of spending",
    "amount": "the amount in pounds, or empty when no money is involved",
    "part_exempt_from_publication":
        "whether part of the decision is withheld because it is exempt from publication",
    "summary": "a short plain-text summary",
    "published_at": "when the record was first published here",
    "updated_at": "when the record was last changed",
    "financial_year": "the financial year of the claim",
    "claimant": "who claimed the expense",
    "description": "what the expense was for",
    "version": "the policy's version number",
    "status": "current, or superseded by a newer version",
    "approved": "the date the version was approved",
    "review_due": "the date the policy is due to be reviewed",
    "review_overdue": "whether the review date has passed for the current version",
    "owner": "who is responsible for the policy",
    "kind": "the type of scrutiny",
    "actions_total": "how many actions were agreed",
    "actions_open": "how many of them are not yet complete",
    "recipient": "the organisation the grant was given to",
    "fund": "the fund or grant scheme the money came from",
    "purpose": "what the money is for",
    "date_awarded": "the date the grant was awarded",
    "conditions": "the conditions the grant was given on",
    "crime_reduction_reasons": "why the grant will help reduce crime and disorder",
    "decision_reference": "the reference of the published decision that approved it",
    "supplier": "who supplies the goods or services",
    "parties": "every party to the contract, separated by semicolons",
    "value": "the value of the contract in pounds",
    "start_date": "the date the contract starts",
    "end_date": "the date the contract ends, or empty when it has no fixed end",
    "contract_status": "not started, current or ended, as on the day of the download",
    "procurement_route": "how the supplier was chosen",
    "tender_reference": "the reference of the invitation to tender the contract came from",
    "estimated_value": "the expected value of the contract in pounds",
    "issued_on": "the date the invitation to tender was issued",
    "closing_date": "the last day to respond",
    "tender_status": "open or closed, as on the day of the download",
    "how_to_respond": "how to respond to the invitation",
}


def _timestamp(record: Any, name: str) -> str:
    value = getattr(record, name)
    return value.isoformat(timespec="seconds").replace("+00:00", "Z") if value else ""


def decision_fields(decision: Decision) -> dict[str, Any]:
    return {
        "reference": decision.reference,
        "title": decision.title,
        "date": decision.date.isoformat(),
        "decision_maker": decision.decision_maker,
        "category": decision.category,
        "amount": format_amount(decision.amount_pence) or None,
        "part_exempt_from_publication": decision.exempt,
        "summary": plain_text(decision.summary_markdown),
        "published_at": _timestamp(decision, "published_at"),
        "updated_at": _timestamp(decision, "updated_at"),
    }


def expense_fields(expense: Expense) -> dict[str, Any]:
    return {
        "reference": expense.reference,
        "date": expense.date.isoformat(),
        "financial_year": expense.financial_year.label,
        "claimant": expense.claimant,
        "category": expense.category,
        "description": expense.description,
        "amount": format_amount(expense.amount_pence),
        "published_at": _timestamp(expense, "published_at"),
    }


def policy_fields(policy: Policy, today: date) -> dict[str, Any]:
    return {
        "slug": policy.slug,
        "title": policy.title,
        "version": policy.version,
        "status": "current" if policy.is_current else "superseded",
        "approved": policy.approved.isoformat(),
        "review_due": policy.review_due.isoformat() if policy.review_due else None,
        "review_overdue": policy.review_overdue(today),
        "owner": policy.owner,
        "summary": plain_text(policy.summary_markdown),
        "published_at": _timestamp(policy, "published_at"),
        "updated_at": _timestamp(policy, "updated_at"),
    }


def scrutiny_fields(outcome: ScrutinyOutcome) -> dict[str, Any]:
    return {
        "slug": outcome.slug,
        "kind": outcome.kind,
        "title": outcome.title,
        "date": outcome.date.isoformat(),
        "summary": plain_text(outcome.summary_markdown),
        "actions_total": len(outcome.actions),
        "actions_open": len(outcome.open_actions()),
        "published_at": _timestamp(outcome, "published_at"),
        "updated_at": _timestamp(outcome, "updated_at"),
    }


def scrutiny_actions(outcome: ScrutinyOutcome) -> list[dict[str, Any]]:
    return [{"action": a.action, "owner": a.owner, "due": a.due.isoformat() if a.due else None,
             "status": a.status} for a in outcome.actions]



def grant_fields(grant: Grant) -> dict[str, Any]:
    return {
        "reference": grant.reference,
        "recipient": grant.recipient,
        "fund": grant.fund,
        "purpose": grant.purpose,
        "amount": format_amount(grant.amount_pence),
        "date_awarded": grant.date.isoformat(),
        "financial_year": grant.financial_year.label,
        "conditions": plain_text(grant.conditions_markdown),
        "crime_reduction_reasons": plain_text(grant.crime_reduction_markdown),
        "decision_reference": grant.decision_reference or "",
        "published_at": _timestamp(grant, "published_at"),
        "updated_at": _timestamp(grant, "updated_at"),
    }


def contract_fields(contract: Contract, today: date) -> dict[str, Any]:
    return {
        "reference": contract.reference,
        "title": contract.title,
        "supplier": contract.supplier,
        "parties": "; ".join(contract.every_party),
        "purpose": plain_text(contract.purpose_markdown),
        "value": format_amount(contract.value_pence),
        "start_date": contract.start_date.isoformat(),
        "end_date": contract.end_date.isoformat() if contract.end_date else None,
        "contract_status": contract.status(today),
        "procurement_route": contract.procurement_route,
        "tender_reference": contract.tender_reference or "",
        "decision_reference": contract.decision_reference or "",
        "published_at": _timestamp(contract, "published_at"),
        "updated_at": _timestamp(contract, "updated_at"),
    }


def tender_fields(tender: Tender, today: date) -> dict[str, Any]:
    return {
        "reference": tender.reference,
        "title": tender.title,
        "description": plain_text(tender.description_markdown),
        "estimated_value": format_amount(tender.estimated_value_pence),
        "issued_on": tender.issued_on.isoformat(),
        "closing_date": tender.closing_date.isoformat(),
        "tender_status": tender.status(today),
        "how_to_respond": plain_text(tender.how_to_respond_markdown),
        "published_at": _timestamp(tender, "published_at"),
        "updated_at": _timestamp(tender, "updated_at"),
    }
