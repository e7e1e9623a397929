"""The open-data shape of each record: the fields journalists download as CSV and JSON.

Dates are ISO 8601 and amounts are strings with two decimals, so nothing is lost to
floating point. The web layer adds each record's permalink as `url`.
"""

from datetime import date
from typing import Any

from content.markup import plain_text
from content.models import Budget, Decision, Expense, GiftOffer, Interest, Policy, ScrutinyOutcome
from content.money import format_amount

DECISION_COLUMNS = ("reference", "title", "date", "decision_maker", "category", "amount",
                    "part_exempt_from_publication", "summary", "published_at", "updated_at")
EXPENSE_COLUMNS = ("reference", "date", "financial_year", "claimant", "category", "description",
                   "amount", "published_at")
POLICY_COLUMNS = ("slug", "title", "version", "status", "approved", "review_due",
                  "review_overdue", "owner", "summary", "published_at", "updated_at")
SCRUTINY_COLUMNS = ("slug", "kind", "title", "date", "summary", "actions_total", "actions_open",
                    "published_at", "updated_at")
GIFT_COLUMNS = ("reference", "offered_on", "financial_year", "recipient_type", "recipient",
                "offered_by", "offered", "gift_or_hospitality", "estimated_value", "outcome",
                "reason", "published_at", "updated_at")
INTEREST_COLUMNS = ("reference", "holder", "office", "interest_category", "interest",
                    "declared_on", "ended_on", "published_at", "updated_at")
BUDGET_COLUMNS = ("financial_year", "total_budget", "band_d_precept", "total_precept",
                  "total_income", "total_spending", "approved_on", "decision_reference",
                  "summary", "published_at", "updated_at")

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
    "financial_year": "the financial year (1 April to 31 March) of the claim, offer or budget",
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
    "offered_on": "the date the gift or hospitality was offered",
    "recipient_type": "who it was offered to: the Commissioner, the Deputy, or a member of "
                      "staff (staff are named by their role only, never by name)",
    "recipient": "the office holder's name and office, or the member of staff's role",
    "offered_by": "the person or organisation that made the offer",
    "offered": "what was offered",
    "gift_or_hospitality": "whether the offer was a gift or hospitality",
    "estimated_value": "the estimated value in pounds",
    "outcome": "whether the offer was accepted or declined",
    "reason": "why it was accepted or declined",
    "holder": "the name of the office holder who declared the interest",
    "office": "their office: Police and Crime Commissioner or Deputy",
    "interest_category": "the kind of interest: paid employment, office, other pecuniary "
                         "interest or membership",
    "interest": "the interest, as declared",
    "declared_on": "the date the interest was declared",
    "ended_on": "the date the interest ended, or empty while it continues",
    "total_budget": "the total budget for the year in pounds",
    "band_d_precept": "the police precept for a Band D property in pounds",
    "total_precept": "the whole precept collected through council tax in pounds",
    "total_income": "the sum of the expected sources of income in pounds",
    "total_spending": "the sum of the proposed spending in pounds",
    "approved_on": "the date the budget and precept were approved",
    "decision_reference": "the reference of the decision that set them",
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



def gift_fields(offer: GiftOffer) -> dict[str, Any]:
    return {
        "reference": offer.reference,
        "offered_on": offer.date.isoformat(),
        "financial_year": offer.financial_year.label,
        "recipient_type": offer.recipient_type,
        "recipient": offer.recipient,
        "offered_by": offer.offered_by,
        "offered": offer.description,
        "gift_or_hospitality": offer.kind,
        "estimated_value": format_amount(offer.value_pence),
        "outcome": offer.outcome,
        "reason": offer.reason,
        "published_at": _timestamp(offer, "published_at"),
        "updated_at": _timestamp(offer, "updated_at"),
    }


def interest_fields(interest: Interest) -> dict[str, Any]:
    return {
        "reference": interest.reference,
        "holder": interest.holder_name,
        "office": interest.office,
        "interest_category": interest.category,
        "interest": interest.description,
        "declared_on": interest.declared_on.isoformat(),
        "ended_on": interest.ended_on.isoformat() if interest.ended_on else None,
        "published_at": _timestamp(interest, "published_at"),
        "updated_at": _timestamp(interest, "updated_at"),
    }


def budget_fields(budget: Budget) -> dict[str, Any]:
    return {
        "financial_year": budget.financial_year.label,
        "total_budget": format_amount(budget.total_pence),
        "band_d_precept": format_amount(budget.band_d_pence),
        "total_precept": format_amount(budget.precept_pence),
        "total_income": format_amount(budget.income_pence),
        "total_spending": format_amount(budget.spending_pence),
        "approved_on": budget.approved_on.isoformat(),
        "decision_reference": budget.decision_reference or None,
        "summary": plain_text(budget.summary_markdown),
        "published_at": _timestamp(budget, "published_at"),
        "updated_at": _timestamp(budget, "updated_at"),
    }


def budget_lines(budget: Budget) -> dict[str, Any]:
    return {
        "income": [{"source": line.heading, "amount": format_amount(line.amount_pence)}
                   for line in budget.income],
        "spending": [{"heading": line.heading, "amount": format_amount(line.amount_pence)}
                     for line in budget.spending],
    }
