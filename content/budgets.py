"""A year's budget and precept set beside the year before: what a council tax payer asks
first is how much more a Band D home pays."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy.orm import Session

from content import fields
from content.fields import Spec, every_problem
from content.kinds import BUDGET
from content.models import Budget
from content.publishing import RecordDraft, check_record


@dataclass(frozen=True)
class BudgetComparison:
    previous: Budget
    band_d_change_pence: int
    # The change in the Band D precept as a percentage of last year's, to one decimal place.
    band_d_change_percent: Decimal
    total_change_pence: int
    total_change_percent: Decimal


def _percent(change: int, base: int) -> Decimal:
    if base == 0:
        return Decimal("0.0")
    return (Decimal(change) * 100 / Decimal(base)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def compare_with(budget: Budget, previous: Budget | None) -> BudgetComparison | None:
    """How `budget` differs from the year before's (None when there is none published)."""
    if previous is None:
        return None
    band_d = budget.band_d_pence - previous.band_d_pence
    total = budget.total_pence - previous.total_pence
    return BudgetComparison(previous, band_d, _percent(band_d, previous.band_d_pence),
                            total, _percent(total, previous.total_pence))


# Checking a budget typed into its form, row by row

ROW_NAMES = {"income": ("source", "source of income"),
             "spending": ("heading", "spending heading")}


def _row_sentence(section: str, number: int, part: str, text: str) -> str:
    what = ROW_NAMES[section][1] if part != "amount" else f"amount of {ROW_NAMES[section][1]}"
    if text.startswith("is missing"):
        return f"Enter the {what} {number}"
    return f"{what[0].upper()}{what[1:]} {number} {text}"


def check_budget(form: dict[str, Any], rows: dict[str, list[dict[str, str]]],
                 session: Session | None = None, budget: Budget | None = None,
                 note: str = "") -> tuple[RecordDraft | None, dict[str, str]]:
    """A budget typed into its form with its rows of income and spending, or every problem:
    a row's are named by its box (`income_amount_2`), counting the empty rows too, as the
    publisher sees them; totals that do not add up are told at the first row."""
    problems: dict[str, str] = {}
    filled: dict[str, list[dict[str, str]]] = {}
    for section, typed in rows.items():
        name = ROW_NAMES[section][0]
        filled[section] = []
        for number, row in enumerate(typed, start=1):
            if not (row.get(name) or row.get("amount")):
                continue
            spec: Spec = {name: (True, fields.text(200)), "amount": (True, fields.money)}
            typed_boxes = {part: value for part, value in row.items() if value}
            for part, text in every_problem(typed_boxes, spec).items():
                problems[f"{section}_{part}_{number}"] = _row_sentence(section, number, part,
                                                                       text)
            filled[section].append(row)
    draft, found = check_record(
        BUDGET, form | filled, session, budget, note,
        duplicate=("financial_year", "There is already a budget for this financial year"))
    for section in rows:
        told = found.pop(section, None)
        if told and not any(box.startswith(f"{section}_") for box in problems):
            if not told[:1].isupper():
                told = f"Enter at least one {ROW_NAMES[section][1]} and its amount"
            problems[f"{section}_{ROW_NAMES[section][0]}_1"] = told
    return (None, problems | found) if problems or found else (draft, {})
