"""Going through the intake forms with the test client, as a person would."""

import re
from typing import Any

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|'
                  r'name="csrf_token" value="([^"]+)"')


def csrf_token(page: str) -> str:
    match = CSRF.search(page)
    assert match, "the page has no form token"
    return match.group(1) or match.group(2)


class Journey:
    def __init__(self, client: Any, kind: str) -> None:
        self.client = client
        self.kind = kind

    def open(self, slug: str) -> Any:
        return self.client.get(f"/{self.kind}/{slug}")

    def answer(self, slug: str, data: dict[str, Any] | None = None, token: str | None = None,
               query: str = "", **options: Any) -> Any:
        page = self.open(slug + query)
        assert page.status_code == 200, (slug, page.status_code, page.headers.get("Location"))
        form = {"csrf_token": token or csrf_token(page.get_data(as_text=True)), **(data or {})}
        return self.client.post(f"/{self.kind}/{slug}{query}", data=form, **options)

    def send(self) -> Any:
        page = self.client.get(f"/{self.kind}/check")
        assert page.status_code == 200, page.headers.get("Location")
        return self.client.post(f"/{self.kind}/check",
                                data={"csrf_token": csrf_token(page.get_data(as_text=True))})


COMPLAINT_ANSWERS: list[tuple[str, dict[str, Any]]] = [
    ("about", {"about": "officer"}),
    ("who", {"complainant": "affected"}),
    ("when", {"when_known": "approximate"}),
    ("when-roughly", {"happened_roughly": "Last month"}),
    ("what-happened", {"what_happened": "An officer was rude to me at the front desk.",
                       "where": "Fernbridge police station", "people_involved": "PC 1234"}),
    ("put-right", {"put_right": "An apology."}),
    ("contact", {"full_name": "Alex Example", "email": "alex@example.com", "phone": "",
                 "address": "", "preferred_contact": "email", "contact_times": ""}),
    ("support", {"support": ["large_print"], "support_details": ""}),
    ("evidence", {}),
    ("share", {"share_with_psd": "yes"}),
    ("equality", {"skip": "yes"}),
]

COMPLIMENT_ANSWERS: list[tuple[str, dict[str, Any]]] = [
    ("who", {"officer": "PC 4321", "team": "", "station": ""}),
    ("what", {"what_they_did": "Found my lost dog and brought her home."}),
    ("when", {"compliment_on": ["", "", ""]}),
    ("contact", {"full_name": "", "email": "", "phone": "", "address": "",
                 "contact_times": ""}),
]

REVIEW_ANSWERS: list[tuple[str, dict[str, Any]]] = [
    ("reference", {"complaint_reference": "CO/123/25"}),
    ("letter-date", {"letter_date": ["2", "3", "2026"]}),  # before every moment tests run at
    ("deadline", {}),
    ("handled-by", {"handled_by": "force"}),
    ("why", {"review_reason": "They did not speak to my witness."}),
    ("contact", {"full_name": "Sam Example", "email": "", "phone": "07700 900 982",
                 "address": "", "preferred_contact": "phone", "contact_times": ""}),
    ("support", {"support_details": ""}),
]

ANSWERS = {"complaint": COMPLAINT_ANSWERS, "compliment": COMPLIMENT_ANSWERS,
           "review": REVIEW_ANSWERS}


def answer_everything(client: Any, kind: str,
                      changes: dict[str, dict[str, Any]] | None = None) -> Journey:
    journey = Journey(client, kind)
    for slug, data in ANSWERS[kind]:
        merged = {**data, **(changes or {}).get(slug, {})}
        response = journey.answer(slug, {k: v for k, v in merged.items() if v is not None})
        assert response.status_code == 302, (slug, response.get_data(as_text=True)[:3000])
    return journey
