"""Demo records of the registers: gifts and hospitality, the register of interests, and
each year's budget and precept, for the fictional county of Fernshire.

The budgets match the precept decisions of the demo data set: the Band D precept and the
decision that set it are read from them, so the two always agree."""

import random
import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from content.demo_people import OFFICE_HOLDERS

PCC = "Police and Crime Commissioner"
DPCC = "Deputy Police and Crime Commissioner"
# The office holders of the demo's posts (`content.demo_people`), so the registers and the
# people pages name the same Commissioner and Deputy.
PCC_NAME = OFFICE_HOLDERS[0][2]
DPCC_NAME = OFFICE_HOLDERS[1][2]
FORMER_PCC_NAME = "Robert Thwaite"
ELECTION_DAY = date(2024, 5, 2)
FIRST_OFFER = date(2024, 4, 1)
LAST_OFFER = date(2026, 11, 20)
PENCE = Decimal("0.01")

STAFF_ROLES = ("Chief Executive", "Chief Finance Officer", "Head of Commissioning",
               "Head of Communications and Engagement", "Policy and Scrutiny Officer",
               "Resolution Team Officer", "Commissioning Officer", "Office Manager")
# (what, offered by, gift or hospitality, lowest and highest estimated value in pounds)
OFFERS = (
    ("Lunch after the rural crime partnership meeting", "Fernshire Farmers' Union",
     "Hospitality", 12, 25),
    ("Two tickets to the county cricket final", "Fernshire County Cricket Club",
     "Hospitality", 90, 160),
    ("Dinner at the annual police bravery awards", "Fernshire Chamber of Commerce",
     "Hospitality", 45, 85),
    ("Box of chocolates from a victims' support group", "Stowmere Survivors' Network",
     "Gift", 8, 20),
    ("Conference place and evening reception", "Greyfen Systems Ltd", "Hospitality", 180, 420),
    ("Framed print of Ashbridge market square", "Ashbridge Town Council", "Gift", 25, 60),
    ("Sandwich lunch at a community safety workshop", "Marden Vale Community Safety Partnership",
     "Hospitality", 6, 14),
    ("Hamper at Christmas", "Tanwood Fleet Solutions Ltd", "Gift", 60, 140),
    ("Seat at a charity ball table", "Brackenmoor Advocacy Trust", "Hospitality", 70, 120),
    ("Engraved pen after speaking at a school prize giving", "Kelham Cross Academy",
     "Gift", 15, 35),
    ("Afternoon tea with the Lord Lieutenant's office", "Office of the Lord Lieutenant of "
     "Fernshire", "Hospitality", 10, 20),
    ("Two nights' hotel stay at a supplier showcase", "Brightwater Software Ltd",
     "Hospitality", 260, 380),
)
# Offers from suppliers and bidders are always declined.
SUPPLIERS = {"Greyfen Systems Ltd", "Tanwood Fleet Solutions Ltd", "Brightwater Software Ltd"}
ACCEPTED_WHY = (
    "Accepted: modest hospitality in the course of public duties, within the code of conduct.",
    "Accepted: a token of thanks of low value; declared in line with the gifts and "
    "hospitality policy.",
    "Accepted: attending supported the police and crime plan's partnership work.",
)
SUPPLIER_WHY = ("Declined: the organisation supplies, or is bidding to supply, the force or "
                "the OPCC.")
COSTLY_WHY = "Declined: the value is above the £100 the gifts and hospitality policy allows."
INFLUENCE_WHY = ("Declined: the organisation has applied for a grant, and accepting could be "
                 "seen to influence the commissioning decision.")

# (office holder's name, office, kind of interest, the interest, declared, ended)
INTERESTS: tuple[tuple[str, str, str, str, date, date | None], ...] = (
    (FORMER_PCC_NAME, PCC, "Paid employment", "Non-executive director, Fernvale Housing "
     "Association (paid £6,500 a year)", date(2021, 5, 20), date(2024, 5, 8)),
    (FORMER_PCC_NAME, PCC, "Membership", "Member, Stowmere Rotary Club",
     date(2021, 5, 20), date(2024, 5, 8)),
    (FORMER_PCC_NAME, PCC, "Office", "Governor, Ashbridge Community College",
     date(2022, 9, 14), date(2023, 8, 31)),
    (PCC_NAME, PCC, "Office", "Parish councillor, Thornby Edge Parish Council",
     date(2024, 5, 13), date(2024, 11, 30)),
    (PCC_NAME, PCC, "Membership", "Trustee, Ashbridge Youth Boxing Club",
     date(2024, 5, 13), None),
    (PCC_NAME, PCC, "Other pecuniary interest", "Owner of a rented flat in Kelham Cross",
     date(2024, 5, 13), None),
    (PCC_NAME, PCC, "Membership", "Member, Association of Police and Crime Commissioners",
     date(2024, 6, 1), None),
    (PCC_NAME, PCC, "Paid employment", "Occasional paid lecturer, University of Fernshire "
     "School of Law (up to £2,000 a year)", date(2024, 9, 2), date(2025, 7, 31)),
    (PCC_NAME, PCC, "Other pecuniary interest", "Shareholding above £25,000 in Merrow & Finch "
     "Holdings plc (a family holding)", date(2025, 4, 7), date(2026, 2, 27)),
    (DPCC_NAME, DPCC, "Paid employment", "Part-time adviser, Carrow Bridge Credit Union "
     "(paid £4,800 a year)", date(2024, 6, 10), date(2025, 3, 31)),
    (DPCC_NAME, DPCC, "Office", "Chair of governors, Wexley Fold Primary School",
     date(2024, 6, 10), None),
    (DPCC_NAME, DPCC, "Membership", "Member, Fernshire Neighbourhood Watch Association",
     date(2024, 6, 10), None),
    (DPCC_NAME, DPCC, "Other pecuniary interest", "Spouse employed by Fernshire County "
     "Council in its trading standards service", date(2025, 9, 15), None),
)

INCOME_SOURCES = (("Police grant from the Home Office", Decimal("0.52")),
                  ("Legacy council tax grants", Decimal("0.05")),
                  ("Specific grants, including the pension and uplift grants",
                   Decimal("0.06")),
                  ("Fees, charges and other income", Decimal("0.015")))
SPENDING_HEADINGS = (("Police officer pay and pensions", Decimal("0.55")),
                     ("Police staff and PCSO pay", Decimal("0.24")),
                     ("Premises", Decimal("0.04")), ("Transport", Decimal("0.025")),
                     ("Supplies, services and technology", Decimal("0.09")),
                     ("Capital financing", Decimal("0.02")),
                     ("Commissioned services and the Commissioner's office",
                      Decimal("0.02")))


def demo_registers(decisions: list[dict[str, Any]], seed: int = 2026) -> list[dict[str, Any]]:
    """The registers' demo records; `decisions` are the demo decisions already made."""
    rng = random.Random(seed + 13)
    return _gifts(rng) + _interests() + _budgets(rng, decisions)


def _money(value: Decimal) -> str:
    return str(value.quantize(PENCE))


def _fy_label(start: int) -> str:
    return f"{start}-{(start + 1) % 100:02d}"


def _office_holders(day: date) -> list[tuple[str, str]]:
    if day < ELECTION_DAY:
        return [(FORMER_PCC_NAME, PCC)]
    return [(PCC_NAME, PCC), (DPCC_NAME, DPCC)]


def _gifts(rng: random.Random) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    day = FIRST_OFFER
    numbers: dict[int, int] = {}
    while True:
        day += timedelta(days=rng.randint(12, 30))
        if day > LAST_OFFER:
            return records
        what, offered_by, kind, low, high = rng.choice(OFFERS)
        value = Decimal(rng.randint(low * 100, high * 100)) / 100
        why = (SUPPLIER_WHY if offered_by in SUPPLIERS else COSTLY_WHY if value > 100
               else INFLUENCE_WHY if rng.random() < 0.15 else None)
        year = day.year if day.month >= 4 else day.year - 1
        numbers[year] = numbers.get(year, 0) + 1
        record: dict[str, Any] = {
            "type": "gift", "reference": f"GH-{year}-{numbers[year]:03d}",
            "date": day.isoformat(), "offered_by": offered_by, "description": what,
            "kind": kind, "value": _money(value),
            "outcome": "Accepted" if why is None else "Declined",
            "reason": why or rng.choice(ACCEPTED_WHY)}
        if rng.random() < 0.45:
            name, office = rng.choice(_office_holders(day))
            record |= {"recipient_type": office, "recipient_name": name,
                       "recipient_role": None}
        else:
            # A member of staff is known by their role alone.
            record |= {"recipient_type": "Member of staff", "recipient_name": None,
                       "recipient_role": rng.choice(STAFF_ROLES)}
        records.append(record)


def _interests() -> list[dict[str, Any]]:
    records = []
    for number, (name, office, category, what, declared, ended) in enumerate(INTERESTS, 1):
        record: dict[str, Any] = {
            "type": "interest", "reference": f"ROI-{number:04d}", "holder_name": name,
            "office": office, "category": category, "description": what,
            "declared_on": declared.isoformat(),
            "ended_on": ended.isoformat() if ended else None}
        records.append(record)
    return records


def _decision_titled(decisions: list[dict[str, Any]], title: str) -> dict[str, Any] | None:
    return next((d for d in decisions if d.get("title") == title), None)


def _investment_strategy(decisions: list[dict[str, Any]], start: int) -> str:
    label = f"{start}/{(start + 1) % 100:02d}"
    treasury = _decision_titled(decisions, f"Treasury management strategy, {label}")
    if treasury is None:
        return ""
    return (f" The investment strategy for {_fy_label(start)} was approved with the treasury "
            f"management strategy in decision {treasury['reference']}.")


def _budgets(rng: random.Random, decisions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    records = []
    for start in (2024, 2025, 2026):
        decision = _decision_titled(decisions,
                                    f"Police precept for {start}/{(start + 1) % 100:02d}")
        if decision is None:
            continue
        found = re.search(r"precept of £([\d,]+\.\d\d)", decision["summary"])
        if found is None:
            continue
        band_d = Decimal(found[1].replace(",", ""))
        tax_base = Decimal(rng.randint(323_000, 330_000))
        precept = (band_d * tax_base).quantize(PENCE)
        # The precept is about a third of a county force's income.
        total = (precept / Decimal("0.345")).quantize(Decimal("1000"))
        records.append({
            "type": "budget", "financial_year": _fy_label(start), "total_budget": _money(total),
            "band_d_precept": _money(band_d), "total_precept": _money(precept),
            "approved_on": decision["date"], "decision_reference": decision["reference"],
            "summary": (f"The Commissioner set the budget and police precept for "
                        f"{_fy_label(start)} after the Police and Crime Panel reviewed the "
                        f"proposal.{_investment_strategy(decisions, start)}"),
            "income": _rows("source", total, [("Council tax precept", precept)],
                            INCOME_SOURCES),
            "spending": _rows("heading", total, [], SPENDING_HEADINGS),
        })
    return records


def _rows(name: str, total: Decimal, fixed: list[tuple[str, Decimal]],
          shares: tuple[tuple[str, Decimal], ...]) -> list[dict[str, str]]:
    """Rows adding up to `total` exactly: fixed amounts, then shares of the total, the
    first share taking what is left over."""
    rows = [(heading, (total * share).quantize(Decimal("1000"))) for heading, share in shares]
    remainder = total - sum(amount for _, amount in fixed) - sum(a for _, a in rows[1:])
    rows[0] = (rows[0][0], remainder)
    return [{name: heading, "amount": _money(amount)} for heading, amount in [*fixed, *rows]]
