"""A fictional intake queue for the demonstration site: a few dozen cases at every stage,
some overdue, so the staff screens can be tried at once. Deterministic from a seed, with
dates relative to the day it is loaded."""

import random
from datetime import UTC, datetime, time, timedelta
from itertools import pairwise

from sqlalchemy.orm import Session

from content.store import get_site_setting, set_site_setting
from portal.intake.models import CaseEvent, IntakeCase
from portal.intake.rules import REFERENCE_ALPHABET, REFERENCE_PREFIX
from portal.intake.workflow import IOPC_CATEGORIES, TRANSITIONS

DEMO_CASES_FLAG = "demo_cases_loaded"
FIRST_NAMES = ("Alex", "Sam", "Jordan", "Priya", "Tomasz", "Aisha", "Gareth", "Mei", "Kofi",
               "Niamh", "Farid", "Olivia", "Dylan", "Zainab", "Ewan", "Marta")
LAST_NAMES = ("Hughes", "Patel", "Nowak", "Okafor", "Jones", "Chen", "Murphy", "Rahman",
              "Evans", "Khan", "Taylor", "Silva", "Price", "Ahmed", "Walsh", "Bell")
PLACES = ("Fernbridge", "Marden Vale", "Stowmere", "Ashcombe", "Kingsholt", "Wyndham Cross")
COMPLAINTS = (
    ("officer", "The officer who came to my house after the burglary was dismissive and "
                "did not take a statement from my neighbour, who saw everything."),
    ("service", "I reported anti-social behaviour outside my flat four times and nobody "
                "called me back. The online form gave me a reference but nothing happened."),
    ("officer", "I was stopped and searched on my way to work and the officer would not "
                "tell me why or give me a record of the search."),
    ("service", "My car was taken to the pound after an accident and I was charged even "
                "though the police said it was not my fault."),
    ("chief_constable", "The Chief Constable said on the radio that response times had "
                        "improved, but it took 90 minutes for anyone to come to my mother."),
    ("officer", "An officer was rude to me at the front desk when I went to report my bike "
                "stolen and told me it was a waste of time."),
)
COMPLIMENTS = (
    "Found my father, who has dementia, after he went missing, and stayed with us until "
    "the ambulance came.",
    "Helped my children feel safe after our house was broken into and checked on us the "
    "next day.",
    "Kept everyone calm during the flooding on the high street and directed traffic for "
    "hours in the rain.",
)
REVIEWS = (
    "Nobody spoke to my witness, and the letter says there was no evidence.",
    "The outcome letter does not answer the main part of my complaint.",
)


def _reference(rng: random.Random, kind: str) -> str:
    characters = "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{REFERENCE_PREFIX[kind]}-{characters[:4]}-{characters[4:]}"


def _path_to(kind: str, rng: random.Random, steps: int) -> list[str]:
    path, status = ["received"], "received"
    for _ in range(steps):
        options = TRANSITIONS[kind].get(status, ())
        if not options:
            break
        status = rng.choice(options)
        path.append(status)
    return path


def _answers(rng: random.Random, kind: str, number: int) -> dict:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    contact = {"full_name": f"{first} {last}",
               "email": f"{first.lower()}.{last.lower()}{number}@example.com",
               "phone": "", "address": "", "preferred_contact": "email",
               "contact_times": rng.choice(["", "Weekday mornings", "After 5pm"])}
    if kind == "complaint":
        about, story = rng.choice(COMPLAINTS)
        return {"about": about, "complainant": "affected", "when_known": "approximate",
                "happened_roughly": rng.choice(["Last week", "Early this month",
                                                "About six weeks ago"]),
                "what_happened": story, "where": rng.choice(PLACES),
                "people_involved": rng.choice(["", "PC 2231", "Two officers in a van"]),
                "put_right": rng.choice(["An apology.", "An explanation.", ""]),
                "support": rng.choice([[], [], ["large_print"], ["interpreter"]]),
                "support_details": "", "share_with_psd": rng.choice(["yes", "no"]),
                **contact}
    if kind == "compliment":
        return {"officer": f"PC {rng.randint(1000, 4999)}", "team": "",
                "station": rng.choice(PLACES), "what_they_did": rng.choice(COMPLIMENTS),
                "compliment_on": None, **contact}
    return {"complaint_reference": f"CO/{rng.randint(100, 999)}/26", "letter_date": None,
            "handled_by": "force", "review_reason": rng.choice(REVIEWS), **contact}


def load_demo_cases(session: Session, today: datetime, count: int = 40,
                    seed: int = 2026) -> int:
    """Add the demonstration queue once; returns how many cases were added."""
    if get_site_setting(session, DEMO_CASES_FLAG):
        return 0
    rng = random.Random(seed)
    for number in range(count):
        kind = rng.choices(("complaint", "compliment", "review"), weights=(6, 2, 2))[0]
        received = datetime.combine((today - timedelta(days=rng.randint(0, 70))).date(),
                                    time(rng.randint(8, 20), rng.randint(0, 59)), UTC)
        path = _path_to(kind, rng, rng.randint(0, 4))
        case = IntakeCase(reference=_reference(rng, kind), kind=kind, status=path[-1],
                          channel=rng.choice(["web", "web", "web", "phone", "email"]),
                          received_at=received, answers=_answers(rng, kind, number),
                          categories=(rng.sample(IOPC_CATEGORIES, rng.randint(1, 2))
                                      if kind == "complaint" and len(path) > 3 else []))
        session.add(case)
        session.flush()
        moment = received
        for old, new in pairwise(path):
            moment = min(moment + timedelta(days=rng.randint(1, 6)), today)
            session.add(CaseEvent(case_id=case.id, at=moment, kind="status",
                                  detail={"old": old, "new": new, "note": "",
                                          "recommendations": "Re-interview the witness"
                                          if new == "upheld" else ""}))
            if new == "acknowledged":
                case.last_update_at = moment
        if case.status == "closed":
            case.closed_at, case.outcome = moment, "Resolved with the person"
    set_site_setting(session, DEMO_CASES_FLAG, "yes")
    return count
