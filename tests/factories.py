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
        "type": "interest", "reference": "ROI-0001", "holder_name": "Helen Marsh",
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
