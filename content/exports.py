"""The open-data shape of each record: the fields journalists download as CSV and JSON.

Dates are ISO 8601 and amounts are strings with two decimals, so nothing is lost to
floating point. The web layer adds each record's permalink as `url`.
"""

from datetime import date
from typing import Any

from content.markup import plain_text
from content.models import Decision, Expense, Inspection, Policy, ScrutinyOutcome
from content.money import format_amount

DECISION_COLUMNS = ("reference", "title", "date", "decision_maker", "category", "amount",
                    "part_exempt_from_publication", "summary", "published_at", "updated_at")
EXPENSE_COLUMNS = ("reference", "date", "financial_year", "claimant", "category", "description",
                   "amount", "published_at")
POLICY_COLUMNS = ("slug", "title", "version", "status", "approved", "review_due",
                  "review_overdue", "owner", "summary", "published_at", "updated_at")
SCRUTINY_COLUMNS = ("slug", "kind", "title", "date", "summary", "actions_total", "actions_open",
                    "published_at", "updated_at")
INSPECTION_COLUMNS = ("slug", "title", "inspection_type", "date", "report_url",
                      "force_is_subject", "summary", "response_published_on",
                      "recommendations_total", "recommendations_open", "published_at",
                      "updated_at")
# The recommendation tracker's download: one row per recommendation.
RECOMMENDATION_COLUMNS = ("report", "report_title", "label", "finding", "text", "response",
                          "owner", "due", "status", "latest_progress", "closed_on",
                          "closure_evidence", "scrutiny")

# What each column of the tracker's download means.
RECOMMENDATION_MEANINGS = {
    "report": "the slug of the report that made it",
    "report_title": "the title of that report",
    "label": "its number or label in the report, such as 3 or AFI 2",
    "finding": "recommendation, or area for improvement",
    "text": "what the inspectorate asked of the force",
    "response": "what action has been or will be taken, or why none",
    "owner": "who owns the action",
    "due": "when the action is due",
    "status": "open, in progress or closed",
    "latest_progress": "the latest progress update, with its date",
    "closed_on": "the day it was closed",
    "closure_evidence": "the evidence on which it was closed",
    "scrutiny": "the slugs of the scrutiny outcomes where it was discussed",
    "url": "the report's permanent address on this site",
}

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
    "inspection_type": "the kind of HMICFRS inspection: PEEL, thematic, national or "
                       "force-specific",
    "report_url": "the address of the report on the inspectorate's website",
    "force_is_subject": "whether the force is a subject of the report (if not, no response "
                        "is required)",
    "response_published_on": "the day the Commissioner's comments, the Chief Constable's "
                             "comments and the response were published, or empty while "
                             "they are awaited",
    "recommendations_total": "how many recommendations and areas for improvement the "
                             "report makes of the force",
    "recommendations_open": "how many of them are not yet closed",
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



def inspection_fields(inspection: Inspection) -> dict[str, Any]:
    responded = inspection.response_published_on
    return {
        "slug": inspection.slug,
        "title": inspection.title,
        "inspection_type": inspection.inspection_type,
        "date": inspection.date.isoformat(),
        "report_url": inspection.report_url,
        "force_is_subject": inspection.force_is_subject,
        "summary": plain_text(inspection.summary_markdown),
        "response_published_on": responded.isoformat() if responded else None,
        "recommendations_total": len(inspection.recommendations),
        "recommendations_open": len(inspection.open_recommendations()),
        "published_at": _timestamp(inspection, "published_at"),
        "updated_at": _timestamp(inspection, "updated_at"),
    }


def _optional_day(value: date | None) -> str | None:
    return value.isoformat() if value else None


_CHAIN_NOT_YET: dict[str, Any] = {"response": "", "owner": "", "due": None, "progress": [],
                  "closure_evidence": "", "closed_on": None, "scrutiny": []}


def inspection_recommendations(inspection: Inspection,
                               drafts_too: bool = False) -> list[dict[str, Any]]:
    """A report's recommendations with their chain; until the response is published the
    chain is left empty, unless `drafts_too` (to keep an earlier version whole)."""
    rows = [{"label": item.label, "finding": item.finding, "text": item.text,
             "response": item.response, "owner": item.owner, "due": _optional_day(item.due),
             "status": item.status, "progress": list(item.progress),
             "closure_evidence": item.closure_evidence,
             "closed_on": _optional_day(item.closed_on), "scrutiny": item.scrutiny_slugs}
            for item in inspection.recommendations]
    if drafts_too or inspection.chain_is_public:
        return rows
    return [row | _CHAIN_NOT_YET for row in rows]


def recommendation_row(item: Any) -> dict[str, Any]:
    """One row of the recommendation tracker's download (its chain once it is public)."""
    row = _tracker_row(item)
    if item.inspection.chain_is_public:
        return row
    return row | {"response": "", "owner": "", "due": None, "latest_progress": "",
                  "closed_on": None, "closure_evidence": "", "scrutiny": ""}


def _tracker_row(item: Any) -> dict[str, Any]:
    latest = item.progress[-1] if item.progress else None
    return {"report": item.inspection.slug, "report_title": item.inspection.title,
            "label": item.label, "finding": item.finding, "text": item.text,
            "response": item.response, "owner": item.owner, "due": _optional_day(item.due),
            "status": item.status,
            "latest_progress": f"{latest['date']}: {latest['update']}" if latest else "",
            "closed_on": _optional_day(item.closed_on),
            "closure_evidence": item.closure_evidence, "scrutiny": item.scrutiny}
