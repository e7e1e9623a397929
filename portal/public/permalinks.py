"""The permanent address of any published record."""

from typing import Any

from flask import url_for

from content.models import Decision, Expense, Policy, ScrutinyOutcome


def permalink(record: Any, external: bool = False) -> str:
    if isinstance(record, Decision):
        return url_for("public.decision", identifier=record.slug, _external=external)
    if isinstance(record, Expense):
        return url_for("public.expense", reference=record.reference, _external=external)
    if isinstance(record, Policy):
        if record.is_current:
            return url_for("public.policy", slug=record.slug, _external=external)
        return url_for("public.policy_version", slug=record.slug, version=record.version,
                       _external=external)
    if isinstance(record, ScrutinyOutcome):
        return url_for("public.scrutiny_outcome", slug=record.slug, _external=external)
    raise TypeError(f"no permalink for {type(record).__name__}")
