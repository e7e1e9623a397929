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


def spending(reference: str = "FP-2026-118204", **fields: Any) -> dict[str, Any]:
    return {
        "type": "spending", "reference": reference, "date": "2026-11-03", "body": "Force",
        "supplier": "Tanwood Fleet Solutions Ltd", "purpose": "Servicing of response vehicles",
        "category": "Vehicle maintenance", "amount": "4812.50",
        "value_for_money": "Framework agreement",
        "value_for_money_reason": "Called off the regional fleet maintenance framework",
    } | fields
