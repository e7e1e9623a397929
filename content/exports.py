"""The open-data shape of each record: the fields journalists download as CSV and JSON.

Dates are ISO 8601 and amounts are strings with two decimals, so nothing is lost to
floating point. The web layer adds each record's permalink as `url`.
"""

from datetime import date
from typing import Any

from content.markup import plain_text
from content.models import Decision, Expense, Policy, ScrutinyOutcome, Spending
from content.money import format_amount

DECISION_COLUMNS = ("reference", "title", "date", "decision_maker", "category", "amount",
                    "part_exempt_from_publication", "summary", "published_at", "updated_at")
EXPENSE_COLUMNS = ("reference", "date", "financial_year", "claimant", "category", "description",
                   "amount", "published_at")
POLICY_COLUMNS = ("slug", "title", "version", "status", "approved", "review_due",
                  "review_overdue", "owner", "summary", "published_at", "updated_at")
SPENDING_COLUMNS = ("reference", "date", "financial_year", "body", "supplier", "purpose",
                    "category", "amount", "value_for_money", "value_for_money_reason",
                    "published_at")
SCRUTINY_COLUMNS = ("slug", "kind", "title", "date", "summary", "actions_total", "actions_open",
                    "published_at", "updated_at")

# What each open-data column means, as /using-our-data explains it.
COLUMN_MEANINGS = {
    "reference": "the record's unique reference",
    "slug": "the record's unique identifier, used in its address",
    "title": "the title",
    "date": "the date of the decision, claim, payment, meeting or report",
    "decision_maker": "who made the decision",
    "category": "the subject area or kind of spending",
    "amount": "the amount in pounds, or empty when no money is involved",
    "part_exempt_from_publication":
        "whether part of the decision is withheld because it is exempt from publication",
    "summary": "a short plain-text summary",
    "published_at": "when the record was first published here",
    "updated_at": "when the record was last changed",
    "financial_year": "the financial year of the claim or payment (1 April to 31 March)",
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
    "body": "who spent the money: OPCC (the Commissioner's office) or Force (the police force)",
    "supplier": "who was paid",
    "purpose": "what the money was spent on",
    "value_for_money": "how value for money was obtained: framework agreement, three quotes, "
                       "competitive tender, single source with justification, existing "
                       "contract, collaboration agreement, or a statutory or regulatory payment",
    "value_for_money_reason": "why that route gave value for money (always given for a single "
                              "source)",
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



def spending_fields(line: Spending) -> dict[str, Any]:
    return {
        "reference": line.reference,
        "date": line.date.isoformat(),
        "financial_year": line.financial_year.label,
        "body": line.body,
        "supplier": line.supplier,
        "purpose": line.purpose,
        "category": line.category,
        "amount": format_amount(line.amount_pence),
        "value_for_money": line.value_for_money,
        "value_for_money_reason": line.value_for_money_reason,
        "published_at": _timestamp(line, "published_at"),
    }
