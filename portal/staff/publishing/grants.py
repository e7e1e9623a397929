"""Publishing crime and disorder reduction grants: each with its recipient, amount,
conditions, why it will help reduce crime, its fund, and the decision that approved it."""

from content.money import format_pounds
from portal.kinds import BY_NAME
from portal.staff.publishing.forms import GrantForm
from portal.staff.publishing.records import DATE_COLUMN, Column, add_pages
from portal.staff.publishing.single_table import single_table_editor

add_pages(single_table_editor(
    BY_NAME["grant"], GrantForm,
    boxes=("reference", "recipient", "purpose", "amount", "date", "fund", "crime_reduction",
           "conditions", "decision_reference"),
    dates=("date",),
    name=lambda grant: f"grant {grant.reference}",
    heading=lambda grant: f"{grant.recipient}: {grant.purpose}",
    columns=(Column.of("What it is for", "purpose"), Column.of("Recipient", "recipient"),
             Column("Amount", lambda grant: format_pounds(grant.amount_pence)), DATE_COLUMN),
    description=("Add, preview, publish, schedule, correct or withdraw crime and disorder "
                 "reduction grants, each linked to the decision that approved it."),
))
