"""The open-data shape of each record: the fields journalists download as CSV and JSON.

Dates are ISO 8601 and amounts are strings with two decimals, so nothing is lost to
floating point. The web layer adds each record's permalink as `url`.
"""

from datetime import date
from typing import Any

from content.markup import plain_text
from content.models import (
    Budget,
    Contract,
    Decision,
    Expense,
    GiftOffer,
    Grant,
    Inspection,
    Interest,
    Meeting,
    Policy,
    Post,
    ScrutinyOutcome,
    Spending,
    StaffSnapshot,
    Tender,
)
from content.money import format_amount
from content.people import POST_TYPES

# A decision's words beyond its summary, as plain text, in the order of its page.
DECISION_WORDS = ("reasons", "options_considered", "declarations_of_interest",
                  "finance_officer_advice", "monitoring_officer_advice")
DECISION_COLUMNS = ("reference", "title", "date", "decision_maker", "category", "amount",
                    "part_exempt_from_publication", "exemption_ground", "withheld", "summary",
                    *DECISION_WORDS, "meeting", "meeting_item", "published_at", "updated_at")
# The details of a line the Home Office guidance expects, as they are stored.
EXPENSE_DETAILS = ("not_reimbursed_reason", "origin", "destination", "travel_mode",
                   "travel_class", "mileage", "nights", "accommodation")
EXPENSE_COLUMNS = ("reference", "date", "financial_year", "claimant", "category", "description",
                   "amount", "claim_reference", "claim_month", "amount_claimed",
                   "amount_not_reimbursed", *EXPENSE_DETAILS, "published_at")
POLICY_COLUMNS = ("slug", "title", "version", "status", "approved", "review_due",
                  "review_overdue", "owner", "summary", "published_at", "updated_at")
SPENDING_COLUMNS = ("reference", "date", "financial_year", "spent_by", "supplier", "purpose",
                    "category", "amount", "value_for_money", "value_for_money_reason",
                    "published_at")
SCRUTINY_COLUMNS = ("slug", "kind", "title", "date", "summary", "actions_total", "actions_open",
                    "meeting", "meeting_item", "published_at", "updated_at")
MEETING_COLUMNS = ("slug", "body", "title", "date", "start_time", "place", "online_link",
                   "public", "summary", "agenda_items", "minutes_status", "minutes_approved_on",
                   "published_at", "updated_at")
POST_COLUMNS = ("slug", "job_title", "post_type", "name", "name_withheld",
                "correspondence_address", "responsibilities", "salary", "salary_band_top",
                "reports_to", "details_as_at", "published_at", "updated_at")
STAFF_NUMBER_COLUMNS = ("as_at", "headcount", "full_time_equivalent", "women_percent",
                        "sex_not_known_percent", "ethnic_minority_percent",
                        "ethnicity_not_known_percent", "disabled_percent",
                        "disability_not_known_percent", "notes", "published_at", "updated_at")
GRANT_COLUMNS = ("reference", "recipient", "fund", "purpose", "amount", "date_awarded",
                 "financial_year", "conditions", "crime_reduction_reasons", "decision_reference",
                 "published_at", "updated_at")
CONTRACT_COLUMNS = ("reference", "title", "supplier", "parties", "purpose", "value",
                    "start_date", "end_date", "contract_status", "procurement_route",
                    "tender_reference", "decision_reference", "published_at", "updated_at")
TENDER_COLUMNS = ("reference", "title", "description", "estimated_value", "issued_on",
                  "closing_date", "tender_status", "how_to_respond", "published_at",
                  "updated_at")
GIFT_COLUMNS = ("reference", "offered_on", "financial_year", "recipient_type", "recipient",
                "offered_by", "offered", "gift_or_hospitality", "estimated_value", "outcome",
                "reason", "published_at", "updated_at")
INTEREST_COLUMNS = ("reference", "holder", "office", "interest_category", "interest",
                    "declared_on", "ended_on", "published_at", "updated_at")
BUDGET_COLUMNS = ("financial_year", "total_budget", "band_d_precept", "total_precept",
                  "total_income", "total_spending", "approved_on", "decision_reference",
                  "summary", "published_at", "updated_at")
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
    "date": "the date of the decision, claim, payment, meeting or report",
    "decision_maker": "who made the decision",
    "category": "the subject area or kind of spending",
    "amount": "the amount in pounds, or empty when no money is involved; for an expense "
              "line, the amount reimbursed",
    "part_exempt_from_publication":
        "whether part of the decision is withheld because it is exempt from publication",
    "exemption_ground": "for a partly exempt decision, why part of it is withheld (for "
                        "example, commercially sensitive or personal information)",
    "withheld": "for a partly exempt decision, a description of what is withheld",
    "reasons": "the reasons for the decision",
    "options_considered": "the options considered before deciding",
    "declarations_of_interest":
        "any interest the decision maker declared in the matter, or that there was none",
    "finance_officer_advice": "the advice of the Chief Finance Officer",
    "monitoring_officer_advice":
        "the advice of the Monitoring Officer on the decision's legality and propriety",
    "summary": "a short plain-text summary",
    "published_at": "when the record was first published here",
    "updated_at": "when the record was last changed",
    "financial_year": "the financial year (1 April to 31 March) of the claim, payment, grant, "
                      "offer or budget",
    "claimant": "who claimed the expense",
    "description": "what the expense was for",
    "claim_reference": "the reference of the claim the line was paid in",
    "claim_month": "the month of the claim, as YYYY-MM",
    "amount_claimed": "the amount claimed in pounds",
    "amount_not_reimbursed": "the part of the amount claimed that was not reimbursed",
    "not_reimbursed_reason": "why part of the claim was not reimbursed",
    "origin": "for travel, where the journey started",
    "destination": "for travel, where the journey went to",
    "travel_mode": "for travel, how the claimant travelled (rail, car, air, taxi, …)",
    "travel_class": "for travel, the class of ticket (standard or first class)",
    "mileage": "for travel by car, the miles claimed",
    "nights": "for accommodation, the number of nights",
    "accommodation": "for accommodation, what kind it was (for example, hotel, bed and "
                     "breakfast)",
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
    "offered_on": "the date the gift or hospitality was offered",
    "recipient_type": "who it was offered to: the Commissioner, the Deputy, or a member of "
                      "staff (staff are named by their role only, never by name)",
    "recipient": "who received it: the organisation given a grant; for a gift or hospitality, "
                 "the office holder's name and office, or the member of staff's role",
    "offered_by": "the person or organisation that made the offer",
    "offered": "what was offered",
    "gift_or_hospitality": "whether the offer was a gift or hospitality",
    "estimated_value": "the estimated value in pounds: of a gift or hospitality, or of the "
                       "contract an invitation to tender is for",
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
    "decision_reference": "the reference of the published decision that approved it (a grant or "
                          "contract) or set it (a budget)",
    "meeting": "the meeting it was taken at or came from, by the meeting's identifier (slug)",
    "meeting_item": "the number of the item on that meeting's agenda",
    "body": "the board, committee or panel that meets",
    "start_time": "the time the meeting starts, UK time, on the 24-hour clock",
    "place": "where the meeting is held",
    "online_link": "the web address to join or watch the meeting online, if there is one",
    "public": "whether the meeting is held in public",
    "agenda_items": "how many items are on the agenda (the JSON lists them, each with its "
                    "presenter and report)",
    "minutes_status": "none yet, draft, or approved",
    "minutes_approved_on": "the date the minutes were approved",
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
    # A spending line's `body` (the import's word) is `spent_by` here: `body` is a meeting's.
    "spent_by": "who spent the money: OPCC (the Commissioner's office) or Force (the police "
                "force)",
    "supplier": "who was paid, or who supplies the goods or services",
    "purpose": "what the money was spent on, or is for",
    "value_for_money": "how value for money was obtained: framework agreement, three quotes, "
                       "competitive tender, single source with justification, existing "
                       "contract, collaboration agreement, or a statutory or regulatory payment",
    "value_for_money_reason": "why that route gave value for money (always given for a single "
                              "source)",
    "fund": "the fund or grant scheme the money came from",
    "date_awarded": "the date the grant was awarded",
    "conditions": "the conditions the grant was given on",
    "crime_reduction_reasons": "why the grant will help reduce crime and disorder",
    "parties": "every party to the contract, separated by semicolons",
    "value": "the value of the contract in pounds",
    "start_date": "the date the contract starts",
    "end_date": "the date the contract ends, or empty when it has no fixed end",
    "contract_status": "not started, current or ended, as on the day of the download",
    "procurement_route": "how the supplier was chosen",
    "tender_reference": "the reference of the invitation to tender the contract came from",
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
        "exemption_ground": decision.exemption_ground,
        "withheld": plain_text(decision.withheld_markdown),
        "summary": plain_text(decision.summary_markdown),
        "meeting": decision.meeting,
        "meeting_item": decision.meeting_item,
        **{name: plain_text(getattr(decision, f"{name}_markdown")) for name in DECISION_WORDS},
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
        "claim_reference": expense.claim_reference,
        "claim_month": f"{expense.claim_month:%Y-%m}" if expense.claim_month else None,
        "amount_claimed": format_amount(expense.amount_claimed_pence),
        "amount_not_reimbursed": format_amount(expense.not_reimbursed_pence),
        **{name: getattr(expense, name) for name in EXPENSE_DETAILS},
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
        "meeting": outcome.meeting,
        "meeting_item": outcome.meeting_item,
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


def meeting_fields(meeting: Meeting) -> dict[str, Any]:
    return {
        "slug": meeting.slug,
        "body": meeting.body,
        "title": meeting.title,
        "date": meeting.date.isoformat(),
        "start_time": meeting.start_time.strftime("%H:%M"),
        "place": meeting.place,
        "online_link": meeting.online_link,
        "public": meeting.public,
        "summary": plain_text(meeting.summary_markdown),
        "agenda_items": len(meeting.agenda),
        "minutes_status": meeting.minutes_status,
        "minutes_approved_on": meeting.minutes_approved_on.isoformat()
        if meeting.minutes_approved_on else None,
        "published_at": _timestamp(meeting, "published_at"),
        "updated_at": _timestamp(meeting, "updated_at"),
    }


def meeting_agenda(meeting: Meeting) -> list[dict[str, Any]]:
    return [{"item": item.position, "title": item.title, "presenter": item.presenter,
             "report": item.report} for item in meeting.agenda]
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


def spending_fields(line: Spending) -> dict[str, Any]:
    return {
        "reference": line.reference,
        "date": line.date.isoformat(),
        "financial_year": line.financial_year.label,
        "spent_by": line.body,
        "supplier": line.supplier,
        "purpose": line.purpose,
        "category": line.category,
        "amount": format_amount(line.amount_pence),
        "value_for_money": line.value_for_money,
        "value_for_money_reason": line.value_for_money_reason,
        "published_at": _timestamp(line, "published_at"),
    }


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
