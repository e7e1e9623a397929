"""Fictional grants, contracts and invitations to tender for the demo, made from the demo
decisions that approved them, so each links to its decision and each decision lists them.

Like the rest of the demo they depend only on the seed. Today in the demo is late November
2026: some invitations are still open, some contracts have not started, many have ended.
"""

import random
import re
from datetime import date, timedelta
from decimal import Decimal

from content.demo_data import (
    CONTRACTORS,
    CUTOFF,
    FLEET_SUPPLIERS,
    PROVIDERS,
    TECH_SUPPLIERS,
    TOWNS,
)

COMMUNITY_GROUPS = ("Youth Club", "Street Pastors", "Neighbourhood Watch Association",
                    "Boxing Club", "Community Garden Trust", "Scout Group", "Women's Centre",
                    "Men's Shed", "Residents' Association", "Sports and Social Club",
                    "Food Bank", "Allotment Society", "Skate Park Group", "Over-60s Club",
                    "Dance Academy", "Mosque Youth Forum", "Parish Church Hall Trust")
POLICE_PROPERTY_GROUPS = ("Fernshire Rural Crime Volunteers", "Kelham Cross Cadets",
                          "Stowmere Junior Football Club", "Harlow Green Safe Walk Project",
                          "Ashbridge Bike Marking Volunteers", "Marden Vale Pub Watch")
SMALL_PURPOSES = (
    ("Venue hire for the Police and Crime Panel public meeting", "Harlow Green Town Hall Ltd"),
    ("Translation of the victims' code leaflet into six languages", "Wordbridge Languages Ltd"),
    ("Printing of the annual report", "Fernbridge Print Works Ltd"),
    ("Independent audit of custody visiting records", "Carrow Assurance LLP"),
    ("Survey of public confidence in policing", "Oakhurst Research Ltd"),
    ("Accessibility audit of the OPCC website", "Clearpath Accessibility Ltd"),
    ("Training for independent custody visitors", "Thornby Training Associates"),
    ("Legal advice on a commissioning dispute", "Wexley Fold Solicitors LLP"),
    ("Filming of the police and crime plan consultation events", "Marden Media Ltd"),
    ("Repairs to the Stowmere police station car park barrier", "Kelham Access Systems Ltd"),
    ("Catering for the rural crime summit", "Fennick Kitchen Ltd"),
    ("British Sign Language interpreting for public meetings", "Signwise Interpreters Ltd"),
)
SMALL_ROUTES = ("Three quotes", "Single quote with justification",
                "Direct award below threshold")
OTHER_PARTNERS = ("Fernshire County Council", "Fernshire Fire and Rescue Service",
                  "Fernshire Integrated Care Board")
SUPPLIERS = PROVIDERS + CONTRACTORS + FLEET_SUPPLIERS + TECH_SUPPLIERS
PROCUREMENT_ACT_START = date(2025, 2, 24)
OPEN_TENDERS = (
    ("Independent custody visiting scheme management", Decimal("180000"),
     "Managing the scheme of volunteers who make unannounced visits to the custody suites: "
     "recruitment, training, rotas and reports to the Commissioner."),
    ("Out-of-hours victim support helpline", Decimal("420000"),
     "A helpline for victims of crime, open evenings, weekends and bank holidays, with "
     "referral to local services."),
)


def demo_grants_contracts_tenders(decisions: list[dict], seed: int) -> list[dict]:
    rng = random.Random(seed)  # noqa: S311 (invented demo records, not secrets)
    grants = [grant for decision in decisions for grant in _grants_from(rng, decision)]
    tenders: list[dict] = []
    contracts = [contract for decision in decisions
                 for contract in _contracts_from(rng, decision, tenders)]
    contracts += _small_contracts(rng)
    tenders += _open_tenders()
    return grants + contracts + tenders


def _money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def _pounds(value: Decimal) -> str:
    return f"£{value:,.2f}"


def _town(title: str) -> str:
    return next((town for town in TOWNS if town in title), TOWNS[0])


def _grant(reference: str, decision: dict, recipient: str, fund: str, purpose: str,
           amount: Decimal, day: date, reason: str) -> dict:
    return {
        "type": "grant", "reference": reference, "recipient": recipient, "fund": fund,
        "purpose": purpose, "amount": _money(amount), "date": day.isoformat(),
        "conditions": "- The money is spent only on the purpose described.\n"
                      "- Quarterly monitoring returns go to the OPCC commissioning team.\n"
                      "- Unspent money is returned at the end of the financial year.\n"
                      "- The Commissioner's support is acknowledged in publicity.",
        "crime_reduction": reason, "decision_reference": decision["reference"],
    }


def _grants_from(rng: random.Random, decision: dict) -> list[dict]:
    title, day = decision["title"], date.fromisoformat(decision["date"])
    amount = Decimal(decision.get("amount") or "0")
    awarded = min(day + timedelta(days=rng.randint(3, 20)), CUTOFF)
    stem = f"GR-{decision['reference'].replace('/', '-')}"
    town = _town(title)
    if title.startswith("Community safety grant"):
        return [_grant(f"{stem}-1", decision, f"{town} Community Safety Partnership",
                       "Community safety fund", f"Community safety priorities in {town}",
                       amount, awarded,
                       f"The partnership's strategic assessment names the crime and disorder "
                       f"that most harms {town}; the grant pays for the work its plan sets out "
                       f"to reduce it, such as town centre wardens and youth diversion.")]
    if title.startswith("Serious violence duty"):
        work = title.split("funding for ", 1)[-1]
        return [_grant(f"{stem}-1", decision, f"{town} Community Safety Partnership",
                       "Violence reduction fund", work[0].upper() + work[1:], amount, awarded,
                       "Working with young people at the moments they are most at risk "
                       "reduces serious violence, as the Violence Reduction Unit's evidence "
                       "review found.")]
    if title.startswith("Safer communities small grants"):
        return _split(rng, stem, decision, amount, awarded, "Safer communities fund",
                      [f"{town} {group}" for group in COMMUNITY_GROUPS])
    if title.startswith("Police property fund grants"):
        return _split(rng, stem, decision, amount, awarded, "Police property fund",
                      list(POLICE_PROPERTY_GROUPS))
    return []


def _split(rng: random.Random, stem: str, decision: dict, amount: Decimal, day: date,
           fund: str, recipients: list[str]) -> list[dict]:
    """Small grants sharing a decision's total, to as many local groups as it says."""
    said = re.search(r"(\d+) (?:community groups|applications)",
                     decision.get("summary", "") + decision.get("body", ""))
    count = max(1, min(len(recipients), int(said.group(1)) if said else 4))
    chosen = rng.sample(recipients, count)
    shares = [Decimal(rng.randint(80, 120)) for _ in chosen]
    parts = [(amount * share / sum(shares)).quantize(Decimal("0.01")) for share in shares]
    parts[-1] += amount - sum(parts)
    projects = ("Diversionary sport sessions on Friday nights", "Safety lighting and gates",
                "Volunteer patrols and training", "Youth mentoring",
                "Security marking of bikes and tools", "Safe space for young people")
    return [_grant(f"{stem}-{number}", decision, recipient, fund, rng.choice(projects), part,
                   day, "Local groups know where trouble starts in their area; small, "
                        "practical projects run by them prevent anti-social behaviour and "
                        "give young people something better to do.")
            for number, (recipient, part) in enumerate(zip(chosen, parts, strict=True), 1)]


def _route(day: date, tendered: bool) -> str:
    if not tendered:
        return "Framework call-off"
    return "Open procedure" if day >= PROCUREMENT_ACT_START else "Open tender"


def _contracts_from(rng: random.Random, decision: dict, tenders: list[dict]) -> list[dict]:
    title = decision["title"]
    kinds = (("Award of contract for the ", True, 0), ("Refurbishment of ", True, 1),
             ("Contract award for ", False, 3), ("Replacement of ", False, 0),
             ("Electric vehicle charging points", False, 0))
    match = next((kind for kind in kinds if title.startswith(kind[0])), None)
    if match is None or not decision.get("amount"):
        return []
    _, tendered, years = match
    day = date.fromisoformat(decision["date"])
    text = decision.get("body", "") + decision.get("summary", "")
    supplier = next((name for name in SUPPLIERS if name in text), rng.choice(SUPPLIERS))
    found = re.search(r"(\d+)-year contract", text)
    years = int(found.group(1)) if found else (years or rng.randint(1, 4))
    start = day + timedelta(days=rng.choice((14, 30, 61, 92)))
    reference = f"C-{decision['reference'].replace('/', '-')}"
    subject = re.sub(r"^(Award of contract for the |Contract award for )", "", title)
    contract = {
        "type": "contract", "reference": reference, "title": subject[0].upper() + subject[1:],
        "supplier": supplier,
        "parties": "Police and Crime Commissioner" if "service" in title or "programme" in title
        else rng.choice(("Chief Constable", "Police and Crime Commissioner and Chief Constable")),
        "purpose": f"{_purpose(subject)} {supplier} was chosen as approved in decision "
                   f"{decision['reference']}.",
        "value": decision["amount"], "start_date": start.isoformat(),
        "end_date": (start.replace(year=start.year + years) - timedelta(days=1)).isoformat()
        if years else None,
        "procurement_route": _route(day, tendered),
        "decision_reference": decision["reference"],
    }
    if tendered:
        contract["tender_reference"] = f"T-{decision['reference'].replace('/', '-')}"
        tenders.append(_tender(rng, contract, day))
    return [{key: value for key, value in contract.items() if value is not None}]


def _purpose(subject: str) -> str:
    if subject.startswith(("Refurbishment", "Replacement", "Electric")):
        return f"{subject}, to keep the force's buildings and vehicles fit for policing."
    what = subject[0].lower() + subject[1:]
    return f"To provide {what if what.startswith(('a ', 'an ')) else 'the ' + what} across " \
           f"Fernshire."


def _tender(rng: random.Random, contract: dict, decided: date) -> dict:
    issued = decided - timedelta(days=rng.randint(110, 150))
    estimate = (Decimal(contract["value"]) * Decimal(rng.randint(90, 115)) / 100).quantize(
        Decimal("1"))
    return {
        "type": "tender", "reference": contract["tender_reference"],
        "title": contract["title"],
        "description": f"{_purpose(contract['title'])} The contract is expected to be worth "
                       f"about "
                       f"{_pounds(estimate)} over its whole term.",
        "estimated_value": _money(estimate), "issued_on": issued.isoformat(),
        "closing_date": (issued + timedelta(days=rng.choice((35, 42, 49)))).isoformat(),
        "how_to_respond": "Register on the Fernshire procurement portal, download the "
                          "tender pack and send your bid through the portal before noon on "
                          "the closing date. Questions go through the portal's messages.",
    }


def _open_tenders() -> list[dict]:
    issued, closing = date(2026, 11, 2), date(2026, 12, 14)
    return [{"type": "tender", "reference": f"T-2026-9{number:02d}", "title": title,
             "description": description, "estimated_value": _money(value),
             "issued_on": issued.isoformat(), "closing_date": closing.isoformat(),
             "how_to_respond": "Register on the Fernshire procurement portal and send your "
                               "bid through it before noon on the closing date."}
            for number, (title, value, description) in enumerate(OPEN_TENDERS, 1)]


def _small_contracts(rng: random.Random) -> list[dict]:
    """Contracts of £10,000 or less, about a dozen a year from April 2024."""
    records = []
    day = date(2024, 4, 8)
    number = 0
    while day <= CUTOFF:
        number += 1
        purpose, supplier = rng.choice(SMALL_PURPOSES)
        value = Decimal(rng.randint(800, 10_000)) + Decimal(rng.choice((0, 50, 99))) / 100
        record = {
            "type": "contract", "reference": f"CS-{day.year}-{number:03d}", "title": purpose,
            "supplier": supplier,
            "parties": rng.choice(("Police and Crime Commissioner", "Chief Constable",
                                   "Police and Crime Commissioner and Chief Constable")),
            "purpose": f"{purpose}.", "value": _money(min(value, Decimal(10_000))),
            "start_date": day.isoformat(),
            "end_date": (day + timedelta(days=rng.randint(1, 180))).isoformat(),
            "procurement_route": rng.choice(SMALL_ROUTES),
        }
        if rng.random() < 0.25:
            record["other_parties"] = rng.choice(OTHER_PARTNERS)
        records.append(record)
        day += timedelta(days=rng.randint(20, 40))
    return records
