"""Records in the import format, with sensible defaults a test can override."""

from typing import Any


def decision(reference: str = "2025/014", **fields: Any) -> dict[str, Any]:
    return {
        "type": "decision", "reference": reference,
        "title": "Award of the victims' services contract", "date": "2025-03-05",
        "decision_maker": "Police and Crime Commissioner", "category": "Commissioning",
        "summary": "The Commissioner agreed to fund support for victims of crime.",
        "body": "## Background\n\nVictims asked for help **sooner**.", "amount": "125000.00",
    } | fields


def expense(description: str = "Rail fare to national conference", **fields: Any) -> dict[str, Any]:
    return {
        "type": "expense", "claimant": "Deputy Police and Crime Commissioner",
        "date": "2025-03-05", "category": "Travel", "description": description, "amount": "84.20",
    } | fields


def policy(title: str = "Complaints handling policy", **fields: Any) -> dict[str, Any]:
    return {
        "type": "policy", "title": title, "version": "2.1", "approved": "2024-05-01",
        "review_due": "2030-05-01", "owner": "Chief Executive",
        "body": "## Purpose\n\nHow we handle complaints.",
    } | fields


def scrutiny(title: str = "Response to the PEEL inspection", **fields: Any) -> dict[str, Any]:
    return {
        "type": "scrutiny", "kind": "HMICFRS inspection response", "title": title,
        "date": "2025-02-10", "summary": "Our response to the inspection.",
        "body": "## Our response\n\nWe accept the recommendations.",
        "actions": [
            {"action": "Improve call answering times", "owner": "Chief Constable",
             "due": "2025-06-30", "status": "open"},
            {"action": "Publish stop and search data monthly", "owner": "Chief Constable",
             "due": "2025-04-30", "status": "complete"},
        ],
    } | fields


def meeting(title: str = "Accountability board: February 2025", **fields: Any) -> dict[str, Any]:
    return {
        "type": "meeting", "body": "Accountability board", "title": title,
        "date": "2025-02-10", "start_time": "10:00",
        "place": "Council Chamber, Ashbridge Town Hall",
        "summary": "The Commissioner holds the Chief Constable to account in public.",
        "agenda": [
            {"title": "Minutes of the last meeting", "presenter": "Chief Executive"},
            {"title": "Victims' services performance", "presenter": "Chief Constable",
             "report": "item-2-victims-services.pdf"},
        ],
        "minutes_status": "approved", "minutes_approved_on": "2025-03-10",
        "minutes": "## Present\n\nThe Commissioner and the Chief Constable.",
    } | fields


def post(title: str = "Chief Executive and Monitoring Officer", **fields: Any) -> dict[str, Any]:
    return {
        "type": "post", "title": title, "date": "2026-04-01",
        "holder_name": "Priya Castellano",
        "responsibilities": "Leads the office and advises the Commissioner on the law.",
        "salary": "98500.00",
    } | fields


def workforce(as_at: str = "2026-03-31", **fields: Any) -> dict[str, Any]:
    return {
        "type": "workforce", "as_at": as_at, "headcount": 34, "full_time_equivalent": "31.6",
        "women_percent": "61.8", "sex_not_known_percent": "0.0",
        "ethnic_minority_percent": "8.8", "ethnicity_not_known_percent": "5.9",
        "disabled_percent": "5.9", "disability_not_known_percent": "11.8",
    } | fields


def spending(reference: str = "FP-2026-118204", **fields: Any) -> dict[str, Any]:
    return {
        "type": "spending", "reference": reference, "date": "2026-11-03", "body": "Force",
        "supplier": "Tanwood Fleet Solutions Ltd", "purpose": "Servicing of response vehicles",
        "category": "Vehicle maintenance", "amount": "4812.50",
        "value_for_money": "Framework agreement",
        "value_for_money_reason": "Called off the regional fleet maintenance framework",
    } | fields


def grant(purpose: str = "Town centre night-time wardens", **fields: Any) -> dict[str, Any]:
    return {
        "type": "grant", "reference": "GR-2025-007", "recipient": "Ashbridge Community Safety "
        "Partnership", "fund": "Community safety fund", "purpose": purpose, "amount": "12500.00",
        "date": "2025-06-12", "conditions": "Quarterly monitoring returns to the OPCC.",
        "crime_reduction": "Wardens deter anti-social behaviour in the town centre at night.",
        "decision_reference": "2025/014",
    } | fields


def contract(title: str = "Custody healthcare services", **fields: Any) -> dict[str, Any]:
    return {
        "type": "contract", "reference": "C-2025-031", "title": title,
        "supplier": "Quillmarsh Health Ltd", "parties": "Police and Crime Commissioner",
        "purpose": "Nurses and doctors in the custody suites, day and night.",
        "value": "1250000.00", "start_date": "2025-04-01", "end_date": "2028-03-31",
        "procurement_route": "Open procedure", "tender_reference": "T-2024-009",
        "decision_reference": "2025/014",
    } | fields


def tender(title: str = "Custody healthcare services", **fields: Any) -> dict[str, Any]:
    return {
        "type": "tender", "reference": "T-2024-009", "title": title,
        "description": "Healthcare for detained people in the two custody suites.",
        "estimated_value": "1300000.00", "issued_on": "2024-10-01",
        "closing_date": "2024-11-15",
        "how_to_respond": "Register on the Fernshire procurement portal and submit a bid.",
    } | fields


def gift(description: str = "Two tickets to the county cricket final", **fields: Any,
         ) -> dict[str, Any]:
    return {
        "type": "gift", "reference": "GH-2025-001", "date": "2025-06-12",
        "recipient_type": "Member of staff", "recipient_role": "Chief Executive",
        "offered_by": "Fernshire County Cricket Club", "description": description,
        "kind": "Hospitality", "value": "120.00", "outcome": "Declined",
        "reason": "The club bids for community safety grants.",
    } | fields


def interest(description: str = "Trustee of the Ashbridge Youth Boxing Club", **fields: Any,
             ) -> dict[str, Any]:
    return {
        "type": "interest", "reference": "ROI-0001", "holder_name": "Helen Marwood",
        "office": "Police and Crime Commissioner", "category": "Membership",
        "description": description, "declared_on": "2024-05-20",
    } | fields


def budget(financial_year: str = "2025-26", **fields: Any) -> dict[str, Any]:
    return {
        "type": "budget", "financial_year": financial_year, "total_budget": "250000000.00",
        "band_d_precept": "271.36", "total_precept": "88000000.00",
        "approved_on": "2025-02-14", "decision_reference": "2025/021",
        "summary": "The budget protects neighbourhood policing.",
        "income": [{"source": "Police grant from the Home Office", "amount": "150000000.00"},
                   {"source": "Council tax precept", "amount": "88000000.00"},
                   {"source": "Specific grants", "amount": "12000000.00"}],
        "spending": [{"heading": "Police officer pay", "amount": "160000000.00"},
                     {"heading": "Police staff pay", "amount": "60000000.00"},
                     {"heading": "Premises, transport and supplies", "amount": "30000000.00"}],
    } | fields


def inspection(title: str = "PEEL 2025: an inspection of Fernshire Police", **fields: Any,
               ) -> dict[str, Any]:
    return {
        "type": "inspection", "title": title, "inspection_type": "PEEL inspection",
        "date": "2025-09-10",
        "report_url": "https://hmicfrs.justiceinspectorates.gov.uk/publications/peel-2025-fernshire/",
        "force_is_subject": True, "summary": "How well the force keeps people safe.",
        "pcc_comments": "I welcome the report.", "chief_constable_comments": "We accept it.",
        "response": "## Our response\n\nWe accept every recommendation.",
        "response_published_on": "2025-10-30",
        "response_owner_email": "chief.executive@fernshire-pcc.example",
        "recommendations": [
            {"label": "1", "finding": "recommendation",
             "text": "Answer non-emergency calls within 3 minutes.",
             "response": "A new call-handling system goes live in March.",
             "owner": "Head of Contact Management", "due": "2026-03-31",
             "status": "in progress",
             "progress": [{"date": "2026-01-15", "update": "New system in testing."}]},
            {"label": "AFI 1", "finding": "area for improvement",
             "text": "Record the reasons for stop and search in full.",
             "response": "Body-worn video is now checked monthly.",
             "owner": "Chief Superintendent, Operations", "due": "2025-12-31",
             "status": "closed", "closure_evidence": "Audit found 98% of records complete.",
             "closed_on": "2026-02-01"},
        ],
    } | fields
