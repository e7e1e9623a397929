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
