"""The open-data shape of each record: the fields journalists download as CSV and JSON.

Dates are ISO 8601 and amounts are strings with two decimals, so nothing is lost to
floating point. The web layer adds each record's permalink as `url`.
"""

from datetime import date
from typing import Any

from content.markup import plain_text
from content.models import Decision, Expense, Policy, Post, ScrutinyOutcome, StaffSnapshot
from content.money import format_amount
from content.people import POST_TYPES

DECISION_COLUMNS = ("reference", "title", "date", "decision_maker", "category", "amount",
                    "part_exempt_from_publication", "summary", "published_at", "updated_at")
EXPENSE_COLUMNS = ("reference", "date", "financial_year", "claimant", "category", "description",
                   "amount", "published_at")
POLICY_COLUMNS = ("slug", "title", "version", "status", "approved", "review_due",
                  "review_overdue", "owner", "summary", "published_at", "updated_at")
SCRUTINY_COLUMNS = ("slug", "kind", "title", "date", "summary", "actions_total", "actions_open",
                    "published_at", "updated_at")
POST_COLUMNS = ("slug", "job_title", "post_type", "name", "name_withheld",
                "correspondence_address", "responsibilities", "salary", "salary_band_top",
                "reports_to", "details_as_at", "published_at", "updated_at")
STAFF_NUMBER_COLUMNS = ("as_at", "headcount", "full_time_equivalent", "women_percent",
                        "sex_not_known_percent", "ethnic_minority_percent",
                        "ethnicity_not_known_percent", "disabled_percent",
                        "disability_not_known_percent", "notes", "published_at", "updated_at")

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
    "job_title": "the post's job title",
    "post_type": "Office holder (the Commissioner or Deputy), Senior employee (paid above "
                 "the senior salary threshold) or Other post",
    "name": "the name of the person in the post: given for office holders and for senior "
            "employees who agreed to it, empty otherwise",
    "name_withheld": "whether a senior employee's name is withheld because they did not "
                     "consent to it being published",
    "correspondence_address": "the address for letters to an office holder",
    "responsibilities": "what the post is responsible for (office holders and senior "
                        "employees)",
    "salary": "the yearly salary in pounds, or the bottom of its band; empty for posts "
              "below the senior salary threshold",
    "salary_band_top": "the top of the salary band in pounds, when the salary is given as "
                       "a band",
    "reports_to": "the slug of the post this one reports to, empty at the top of the chart",
    "details_as_at": "the date the post's details were last confirmed",
    "as_at": "the date the staff were counted",
    "headcount": "the number of people employed, not counting the Deputy Commissioner",
    "full_time_equivalent": "the number of full-time posts their hours add up to",
    "women_percent": "the percentage of staff who are women",
    "sex_not_known_percent": "the percentage whose sex is not known or who preferred not "
                             "to say",
    "ethnic_minority_percent": "the percentage of staff from ethnic minorities",
    "ethnicity_not_known_percent": "the percentage whose ethnicity is not known or who "
                                   "preferred not to say",
    "disabled_percent": "the percentage of staff who are disabled (Equality Act 2010, "
                        "section 6)",
    "disability_not_known_percent": "the percentage whose disability status is not known "
                                    "or who preferred not to say",
    "notes": "anything a reader needs to know about the count",
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



def post_type(post: Post) -> str:
    """One of `content.people.POST_TYPES`."""
    office_holder, senior, other = POST_TYPES
    if post.office_holder:
        return office_holder
    return senior if post.senior else other


def post_fields(post: Post) -> dict[str, Any]:
    """A post as the public may know it: nothing below the senior threshold but its job
    title and reporting line, and never a name withheld at the holder's request."""
    shown = post.details_published
    return {
        "slug": post.slug,
        "job_title": post.title,
        "post_type": post_type(post),
        "name": post.public_name or None,
        "name_withheld": shown and post.name_withheld,
        "correspondence_address": post.correspondence_address if post.office_holder else None,
        "responsibilities": plain_text(post.responsibilities_markdown) if shown else None,
        "salary": format_amount(post.salary_pence) or None if shown else None,
        "salary_band_top": format_amount(post.salary_to_pence) or None if shown else None,
        "reports_to": post.reports_to,
        "details_as_at": post.date.isoformat(),
        "published_at": _timestamp(post, "published_at"),
        "updated_at": _timestamp(post, "updated_at"),
    }


def tenths(value: int) -> str:
    """A percentage held in tenths, as text: 524 is "52.4"."""
    return f"{value // 10}.{value % 10}"


def hundredths(value: int) -> str:
    return f"{value // 100}.{value % 100:02d}"


def staff_number_fields(snapshot: StaffSnapshot) -> dict[str, Any]:
    return {
        "as_at": snapshot.date.isoformat(),
        "headcount": snapshot.headcount,
        "full_time_equivalent": hundredths(snapshot.fte_hundredths),
        "women_percent": tenths(snapshot.women_tenths),
        "sex_not_known_percent": tenths(snapshot.sex_unknown_tenths),
        "ethnic_minority_percent": tenths(snapshot.ethnic_minority_tenths),
        "ethnicity_not_known_percent": tenths(snapshot.ethnicity_unknown_tenths),
        "disabled_percent": tenths(snapshot.disabled_tenths),
        "disability_not_known_percent": tenths(snapshot.disability_unknown_tenths),
        "notes": plain_text(snapshot.notes_markdown),
        "published_at": _timestamp(snapshot, "published_at"),
        "updated_at": _timestamp(snapshot, "updated_at"),
    }
