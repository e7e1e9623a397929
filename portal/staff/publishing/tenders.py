"""Publishing invitations to tender: each with its estimated value, dates, how to
respond and the invitation itself as a PDF."""

from content.money import format_pounds
from portal.kinds import BY_NAME
from portal.staff.publishing.forms import TenderForm
from portal.staff.publishing.records import Column, add_pages
from portal.staff.publishing.single_table import single_table_editor
from portal.templating import long_date

add_pages(single_table_editor(
    BY_NAME["tender"], TenderForm,
    boxes=("reference", "title", "description", "estimated_value", "issued_on",
           "closing_date", "how_to_respond"),
    dates=("issued_on", "closing_date"),
    name=lambda tender: f"invitation to tender {tender.reference}",
    heading=lambda tender: f"{tender.reference}: {tender.title}",
    columns=(Column.of("Title", "title"), Column.of("Reference", "reference"),
             Column("Estimated value", lambda tender: format_pounds(tender.estimated_value_pence)),
             Column("Closing date", lambda tender: long_date(tender.closing_date))),
    description=("Add, preview, publish, schedule, correct or withdraw invitations to tender, "
                 "each with the invitation as a PDF."),
))
