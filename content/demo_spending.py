"""Fictional spending over £500 by the Fernshire OPCC and Fernshire Police, month by month,
at the volume a force of its size pays (a few thousand lines a month), or fewer.

Every supplier, reference and figure is invented; the lines depend only on the seed and
the volume asked for, so the same arguments always give the same lines.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

FIRST_MONTH = date(2024, 4, 1)
LAST_MONTH = date(2026, 10, 1)  # published monthly: October's lines are the latest
SUPPLIERS_PER_CATEGORY = 30
OPCC_SHARE = 0.05
PENCE = Decimal("0.01")

NAMES = ("Ashvale", "Brackenmoor", "Coldwater", "Danbury", "Elmcroft", "Fennick", "Greyfen",
         "Harbury", "Ivybridge", "Kestrel", "Larkspur", "Merrow", "Northcott", "Oakhurst",
         "Pellbrook", "Quillmarsh", "Redhithe", "Stowmere", "Tanwood", "Upperton", "Wexley",
         "Yarrowby", "Brightwater", "Castlegate", "Marden", "Thornby", "Kelham", "Harlow")
ENDINGS = ("Ltd", "Limited", "plc", "LLP", "and Sons Ltd", "Group Ltd", "Services Ltd",
           "Solutions Ltd", "UK Ltd", "(Fernshire) Ltd")


@dataclass(frozen=True)
class Category:
    name: str
    trades: tuple[str, ...]  # words in its suppliers' names
    purposes: tuple[str, ...]
    low: int  # typical amounts, in pounds
    high: int
    routes: tuple[str, ...]
    weight: int
    force_only: bool = True


CATEGORIES = (
    Category("Vehicle maintenance", ("Fleet", "Motors", "Vehicle Services"),
             ("Servicing of response vehicles", "Tyres for marked fleet",
              "Repairs to roads policing vehicles", "Vehicle conversion parts"),
             520, 9_000, ("Framework agreement", "Three quotes"), 14),
    Category("Fuel", ("Fuels", "Energy"), ("Bulk diesel delivery", "Fuel card transactions"),
             900, 40_000, ("Framework agreement",), 6),
    Category("Energy and utilities", ("Power", "Water", "Utilities"),
             ("Electricity for police stations", "Gas supply", "Water and sewerage"),
             600, 30_000, ("Framework agreement", "Statutory or regulatory payment"), 5),
    Category("IT hardware and software", ("Digital", "Systems", "Software", "Data"),
             ("Laptops for neighbourhood teams", "Software licences",
              "Mobile data device support", "Network switches", "Cloud hosting"),
             700, 120_000, ("Framework agreement", "Competitive tender", "Existing contract"),
             12, False),
    Category("Forensic services", ("Forensics", "Laboratories", "Analytics"),
             ("DNA analysis", "Toxicology tests", "Digital forensic examination",
              "Drug analysis"), 650, 60_000, ("Framework agreement", "Collaboration agreement"),
             7),
    Category("Premises repairs and maintenance", ("Building", "Property", "Maintenance",
                                                  "Electrical"),
             ("Roof repairs, Ashbridge police station", "Boiler replacement",
              "Reactive maintenance", "Lift servicing", "Fire alarm testing"),
             520, 45_000, ("Three quotes", "Competitive tender", "Framework agreement"), 10,
             False),
    Category("Rent and rates", ("Estates", "Council"),
             ("Business rates", "Rent of neighbourhood office", "Service charge"),
             1_000, 80_000, ("Statutory or regulatory payment", "Existing contract"), 3, False),
    Category("Cleaning", ("Cleaning", "Hygiene"), ("Cleaning of custody suite",
                                                   "Office cleaning", "Deep clean of vehicles"),
             520, 12_000, ("Existing contract", "Three quotes"), 5, False),
    Category("Uniform and protective equipment", ("Uniforms", "Protective", "Workwear"),
             ("Body armour", "Uniform trousers and shirts", "Protective gloves",
              "High-visibility jackets"), 550, 35_000, ("Framework agreement",), 6),
    Category("Custody and medical services", ("Healthcare", "Medical"),
             ("Custody healthcare professionals", "Forensic medical examinations"),
             900, 70_000, ("Competitive tender", "Collaboration agreement"), 4),
    Category("Legal fees", ("Chambers", "Solicitors", "Legal"),
             ("Counsel's fees", "Employment tribunal representation", "Legal advice"),
             600, 25_000, ("Framework agreement", "Single source with justification"), 3, False),
    Category("Interpreting and translation", ("Language", "Interpreting"),
             ("Interpreters for interviews", "Translation of documents"), 520, 6_000,
             ("Framework agreement",), 4),
    Category("Training", ("Training", "Academy", "Learning"),
             ("Driver training course", "Public order training", "Leadership course"),
             520, 15_000, ("Three quotes", "Framework agreement"), 5, False),
    Category("Communications and airwave", ("Communications", "Radio", "Telecom"),
             ("Airwave service charges", "Mobile phone contract", "Radio repairs"),
             700, 90_000, ("Existing contract", "Framework agreement"), 4),
    Category("Professional services", ("Consulting", "Advisory", "Partners"),
             ("Internal audit", "External audit fee", "Recruitment advertising",
              "Occupational health"), 800, 40_000, ("Competitive tender", "Three quotes",
                                                     "Framework agreement"), 4, False),
    Category("Commissioned services", ("Trust", "CIC", "Partnership"),
             ("Victim support services", "Domestic abuse advocacy", "Restorative justice",
              "Youth diversion scheme"), 1_500, 60_000, ("Competitive tender",
                                                          "Single source with justification"),
             3, False),
    Category("Police dogs and horses", ("Kennels", "Equestrian", "Veterinary"),
             ("Veterinary treatment for police dogs", "Feed and bedding", "Farrier"),
             520, 5_000, ("Three quotes",), 2),
    Category("Travel and accommodation", ("Travel", "Hotels"),
             ("Hotel accommodation for mutual aid", "Rail travel for training"),
             520, 8_000, ("Framework agreement",), 3, False),
)
SINGLE_SOURCE_REASONS = (
    "Only supplier able to maintain the existing system without voiding its warranty",
    "Specialist service with no other provider in the region; waiver approved by the "
    "Chief Finance Officer",
    "Urgent work to keep a custody suite open; waiver recorded",
)
ROUTE_REASONS = {
    "Framework agreement": "Called off a national or regional framework that was competitively "
                           "tendered",
    "Three quotes": "The lowest of three written quotes",
    "Competitive tender": "Awarded after an open tender evaluated on price and quality",
    "Existing contract": "Payment under a contract awarded after competition",
    "Collaboration agreement": "Shared service with neighbouring forces, costs split by "
                               "agreed formula",
    "Statutory or regulatory payment": "Set by law or regulation; no choice of supplier",
}


def months() -> Iterator[date]:
    month = FIRST_MONTH
    while month <= LAST_MONTH:
        yield month
        month = (month + timedelta(days=32)).replace(day=1)


def _suppliers(rng: random.Random, category: Category) -> list[str]:
    return [f"{rng.choice(NAMES)} {rng.choice(category.trades)} {rng.choice(ENDINGS)}"
            for _ in range(SUPPLIERS_PER_CATEGORY)]


def _working_days(month: date) -> list[date]:
    days, day = [], month
    while day.month == month.month:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def _amount(rng: random.Random, category: Category) -> Decimal:
    # Most payments are small; a few are large (a log-uniform spread between the bounds).
    pounds = category.low * (category.high / category.low) ** (rng.random() ** 2)
    return max(Decimal(str(round(pounds, 2))), Decimal("500.01")).quantize(PENCE)


def spending_lines(per_month: int, seed: int = 2026) -> list[dict[str, str]]:
    """About `per_month` lines for each month from April 2024 to October 2026, in the JSON
    Lines import format."""
    rng = random.Random(seed)
    suppliers = {category.name: _suppliers(rng, category) for category in CATEGORIES}
    weights = [category.weight for category in CATEGORIES]
    lines: list[dict[str, str]] = []
    for month in months():
        count = max(1, round(per_month * (0.85 + 0.3 * rng.random())))
        days = _working_days(month)
        for number in range(1, count + 1):
            category = rng.choices(CATEGORIES, weights)[0]
            opcc = not category.force_only and rng.random() < OPCC_SHARE * 4
            route = rng.choice(category.routes)
            reason = rng.choice(SINGLE_SOURCE_REASONS) if route.startswith("Single") \
                else ROUTE_REASONS[route]
            prefix = "OP" if opcc else "FP"
            lines.append({
                "type": "spending", "reference": f"{prefix}-{month:%Y%m}-{number:05d}",
                "date": rng.choice(days).isoformat(), "body": "OPCC" if opcc else "Force",
                "supplier": rng.choice(suppliers[category.name]),
                "purpose": rng.choice(category.purposes), "category": category.name,
                "amount": str(_amount(rng, category)), "value_for_money": route,
                "value_for_money_reason": reason,
            })
    return lines
