"""A realistic corpus of any size for the benchmarks, deterministic from a seed.

Built from the Fernshire demonstration records: each generated record takes a demo record
of its type as a model, moves it to another date and place, and mixes sections of a
second model into its body, so the vocabulary grows with the corpus (thousands of place,
supplier and people names) the way a real OPCC's archive does. The mix of types follows
the demo: about 85% expense lines, 9% decisions, 3% scrutiny outcomes, 3% policies.
"""

import copy
import random
import re
from collections import defaultdict
from datetime import date, timedelta

from content.demo_data import generate_demo_records

TYPE_WEIGHTS = {"expense": 85, "decision": 9.5, "scrutiny": 3, "policy": 2.5}
FIRST_DAY, LAST_DAY = date(2014, 4, 1), date(2026, 3, 31)
_ONSETS = ("b", "br", "c", "ch", "cl", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n",
           "p", "pr", "r", "s", "st", "sh", "t", "th", "tr", "w", "wh")
_VOWELS = ("a", "e", "i", "o", "u", "ea", "ou", "ai", "y")
_ENDINGS = ("ton", "ford", "ley", "bury", "wick", "ham", "field", "mouth", "stow", "dale",
            "by", "worth", "cester", "minster", "brook", "hurst")
_SUPPLIER_KINDS = ("Building Contractors Ltd", "Consulting LLP", "Community Interest Company",
                   "Solutions Ltd", "Trust", "Partnership", "Services Ltd")


def _name(rng: random.Random) -> str:
    syllables = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS)
                        for _ in range(rng.randint(1, 2)))
    return (syllables + rng.choice(_ENDINGS)).capitalize()


def _sections(markdown: str) -> list[str]:
    return [part for part in re.split(r"\n(?=## )", markdown or "") if part.strip()]


class CorpusGenerator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.models: dict[str, list[dict]] = defaultdict(list)
        for record in generate_demo_records(seed=2026):
            self.models[record["type"]].append(record)
        self.places = sorted({_name(self.rng) for _ in range(3_000)})
        self.suppliers = [f"{_name(self.rng)} {self.rng.choice(_SUPPLIER_KINDS)}"
                          for _ in range(800)]
        self.sequence: dict[str, int] = defaultdict(int)

    def _day(self) -> date:
        return FIRST_DAY + timedelta(days=self.rng.randrange((LAST_DAY - FIRST_DAY).days))

    def _next(self, series: str) -> int:
        self.sequence[series] += 1
        return self.sequence[series]

    def _body(self, kind: str, first: dict, place: str) -> str:
        second = self.rng.choice(self.models[kind])
        sections = _sections(first.get("body", ""))
        extra = _sections(second.get("body", ""))
        if extra:
            sections.insert(self.rng.randrange(len(sections) + 1), self.rng.choice(extra))
        supplier = self.rng.choice(self.suppliers)
        sections.append(f"## Local arrangements\n\nThe work in {place} will be delivered with "
                        f"{supplier} and reported to the {self.rng.choice(self.places)} "
                        "community safety partnership.")
        return "\n\n".join(sections)

    def record(self, number: int) -> dict:
        kind = self.rng.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()))[0]
        model = copy.deepcopy(self.rng.choice(self.models[kind]))
        day, place = self._day(), self.rng.choice(self.places)
        if kind == "expense":
            start = day.year if day.month >= 4 else day.year - 1
            model.update(
                reference=f"EXP-{start}-{self._next(f'e{start}'):05d}", date=day.isoformat(),
                description=f"{model['description']}, {place}"[:300])
        elif kind == "decision":
            model.update(
                reference=f"{day.year}/{self._next(f'd{day.year}'):04d}", date=day.isoformat(),
                title=f"{model['title']} ({place})"[:300],
                summary=f"{model.get('summary', '')} This decision concerns {place}.",
                body=self._body(kind, model, place))
        elif kind == "policy":
            model.update(
                slug=f"{model['slug']}-{number}"[:120], title=f"{model['title']}: {place}",
                version="1.0", approved=day.isoformat(),
                review_due=day.replace(year=day.year + 3, day=min(day.day, 28)).isoformat(),
                body=self._body(kind, model, place))
        else:
            model.update(
                slug=f"{model['slug']}-{number}"[:160], title=f"{model['title']}, {place}"[:300],
                date=day.isoformat(), body=self._body(kind, model, place))
            for action in model.get("actions", []):
                action["due"] = (day + timedelta(days=90)).isoformat()
        return model

    def place_names(self) -> list[str]:
        return self.places


def generate_corpus(size: int, seed: int = 7) -> list[dict]:
    generator = CorpusGenerator(seed)
    return [generator.record(number) for number in range(size)]
