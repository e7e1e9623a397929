"""Publishing contracts: each with its supplier, parties, value, dates, how the supplier
was chosen, the invitation to tender and decision it came from, and (for those over the
threshold) a copy of the contract as a PDF."""

from content.money import format_pounds
from portal.kinds import BY_NAME
from portal.staff.publishing.forms import ContractForm
from portal.staff.publishing.records import Column, add_pages
from portal.staff.publishing.single_table import single_table_editor
from portal.templating import long_date

add_pages(single_table_editor(
    BY_NAME["contract"], ContractForm,
    boxes=("reference", "title", "supplier", "parties", "other_parties", "purpose", "value",
           "start_date", "end_date", "procurement_route", "tender_reference",
           "decision_reference"),
    dates=("start_date", "end_date"),
    name=lambda contract: f"contract {contract.reference}",
    heading=lambda contract: f"{contract.reference}: {contract.title}",
    columns=(Column.of("Title", "title"), Column.of("Reference", "reference"),
             Column("Value", lambda contract: format_pounds(contract.value_pence)),
             Column("Starts", lambda contract: long_date(contract.start_date))),
    description=("Add, preview, publish, schedule, correct or withdraw contracts, large and "
                 "small, with a copy of each contract over the threshold."),
))
