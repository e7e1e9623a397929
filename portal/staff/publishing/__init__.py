"""Publishing (role `publisher`): every kind of record, each previewed, published now or on
a schedule, corrected with a note and withdrawn with a reason, so nothing published
changes or disappears silently."""

# Each module adds its pages to the staff blueprint; decisions and scrutiny outcomes
# declare what is their own, and `records` gives them the rest.
from portal.staff.publishing import (  # noqa: F401
    budgets,
    contracts,
    decisions,
    documents,
    expenses,
    gifts,
    grants,
    inspections,
    interests,
    meetings,
    people,
    policies,
    scrutiny,
    spending,
    tenders,
)
