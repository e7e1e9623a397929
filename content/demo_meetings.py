"""Fictional demo meetings for Fernshire, with their agendas and minutes, linked to the demo
decisions and scrutiny outcomes taken at them.

Monthly accountability boards, quarterly Police and Crime Panels, joint audit committees
and ethics committees, from April 2024 to February 2027: the ones after the demo's "today"
(late November 2026) are announced with their agendas and have no minutes yet; the last
one held of each body has draft minutes, and the rest were approved at the next meeting.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

TODAY = date(2026, 11, 24)  # the demo's "today": meetings after it are forthcoming
FIRST_MONTH = (2024, 4)
LAST_MONTH = (2027, 2)
WEBCAST = "https://webcast.fernshire-pcc.example/live"
BOARD = "Accountability board"
PANEL = "Police and Crime Panel"
AUDIT = "Joint audit committee"
ETHICS = "Ethics committee"
BOARD_MEETING = "Accountability board meeting"
PCC = "Police and Crime Commissioner"

PLACES = {
    BOARD: ("Conference Room 1, Fernshire Police Headquarters, Ashbridge",
            "Council Chamber, Stowmere Town Hall", "Kelham Cross Community Centre"),
    PANEL: ("Council Chamber, Fernshire County Hall, Ashbridge",),
    AUDIT: ("Committee Room 2, Fernshire Police Headquarters, Ashbridge",),
    ETHICS: ("Training Suite, Marden Vale Police Station",),
}
TIMES = {BOARD: "10:00", PANEL: "10:30", AUDIT: "14:00", ETHICS: "18:00"}
# The months each quarterly body meets in.
MONTHS = {PANEL: (2, 6, 9, 12), AUDIT: (3, 6, 9, 12), ETHICS: (1, 4, 7, 10)}

PANEL_ITEMS = (
    ("The Commissioner's update on the police and crime plan", PCC),
    ("Police complaints: the Commissioner's oversight of the force", "Chief Executive, OPCC"),
    ("Performance report: quarter ending {quarter}", "Head of Performance, OPCC"),
    ("Work programme of the panel", "Scrutiny Officer, Fernshire County Council"),
)
AUDIT_ITEMS = (
    ("Internal audit progress report", "Head of Internal Audit"),
    ("Risk registers of the Commissioner and the Chief Constable", "Chief Finance Officer"),
    ("Treasury management update", "Chief Finance Officer"),
    ("External audit: progress and sector update", "External auditor"),
)
ETHICS_TOPICS = (
    "the use of live facial recognition at public events",
    "stop and search of children", "retention of body-worn video footage",
    "the use of drones over private land", "data sharing with health partners",
    "covert policing of protest groups", "the use of Taser in custody suites",
)


@dataclass
class _Meeting:
    body: str
    day: date
    record: dict


def _months() -> list[tuple[int, int]]:
    year, month = FIRST_MONTH
    months = []
    while (year, month) <= LAST_MONTH:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    day = date(year, month, 1)
    day += timedelta(days=(weekday - day.weekday()) % 7)
    return day + timedelta(weeks=nth - 1)


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _slug(body: str, day: date) -> str:
    return f"{body.lower().replace(' ', '-')}-{day.isoformat()}"


def _record(body: str, day: date, title: str, place: str, agenda: list[dict],
            summary: str, public: bool = True) -> dict:
    record = {"type": "meeting", "slug": _slug(body, day), "body": body, "title": title,
              "date": day.isoformat(), "start_time": TIMES[body], "place": place,
              "public": public, "summary": summary, "agenda": agenda}
    if body in (BOARD, PANEL) and public:
        record["online_link"] = WEBCAST
    return record


def _opening(chair: str) -> list[dict]:
    return [{"title": "Welcome, apologies and declarations of interest", "presenter": chair},
            {"title": "Minutes of the last meeting and matters arising", "presenter": chair}]


def _board_day(year: int, month: int, scrutiny: list[dict], decisions: list[dict]) -> date:
    """The day of a month's board: the day its scrutiny outcome was dated, or a day the
    Commissioner took a decision, or else the second Tuesday."""
    for source in (scrutiny, decisions):
        days = sorted(date.fromisoformat(r["date"]) for r in source
                      if r["date"][:7] == f"{year}-{month:02d}")
        weekdays = [day for day in days if day.weekday() < 5]
        if weekdays:
            return weekdays[0]
    return _nth_weekday(year, month, 1, 2)


def _boards(rng: random.Random, scrutiny: list[dict], decisions: list[dict],
            themes: tuple[str, ...]) -> list[_Meeting]:
    board_outcomes = [r for r in scrutiny if r["kind"] == BOARD_MEETING]
    by_pcc = [r for r in decisions if r["decision_maker"] == PCC]
    meetings = []
    for number, (year, month) in enumerate(_months()):
        day = _board_day(year, month, board_outcomes, by_pcc)
        outcome = next((r for r in board_outcomes if r["date"] == day.isoformat()), None)
        theme = themes[number % len(themes)]
        if outcome is not None:
            theme = outcome["title"].partition(": ")[2] or theme
        agenda = [
            *_opening(PCC),
            {"title": f"Force report: {theme}", "presenter": "Chief Constable"},
            {"title": "Decisions for the Commissioner", "presenter": "Chief Executive, OPCC"},
            {"title": "Actions from earlier meetings", "presenter": "Head of Performance, OPCC"},
        ]
        record = _record(BOARD, day, f"Accountability board, {_long(day)}",
                         rng.choice(PLACES[BOARD]), agenda,
                         f"The Commissioner holds the Chief Constable to account in public. "
                         f"This meeting looks at {theme}.")
        meetings.append(_Meeting(BOARD, day, record))
        if outcome is not None:
            outcome |= {"meeting": record["slug"], "meeting_item": 3}
        for decision in [r for r in by_pcc if r["date"] == day.isoformat()][:2]:
            decision |= {"meeting": record["slug"], "meeting_item": 4}
    return meetings


def _quarterly(rng: random.Random, body: str) -> list[_Meeting]:
    meetings = []
    for year, month in _months():
        if month not in MONTHS[body]:
            continue
        day = _nth_weekday(year, month, 3 if body == PANEL else 2, 2)
        meetings.append(_Meeting(body, day, _quarterly_record(rng, body, day)))
    return meetings


def _quarterly_record(rng: random.Random, body: str, day: date) -> dict:
    title = f"{body}, {_long(day)}"
    place = PLACES[body][0]
    if body == PANEL:
        quarter_end = date(day.year, ((day.month - 1) // 3) * 3 + 1, 1) - timedelta(days=1)
        items = [{"title": text.format(quarter=_long(quarter_end)), "presenter": who}
                 for text, who in PANEL_ITEMS]
        if day.month == 2:
            items.insert(0, {"title": f"The Commissioner's proposed precept for "
                                      f"{day.year}/{(day.year + 1) % 100:02d}",
                             "presenter": "Chief Finance Officer"})
        return _record(body, day, title, place, _opening("Chair of the panel") + items,
                       "The panel of councillors and independent members reviews and "
                       "scrutinises the Commissioner's decisions and work.")
    if body == AUDIT:
        items = [{"title": text, "presenter": who} for text, who in AUDIT_ITEMS]
        return _record(body, day, title, place, _opening("Chair of the committee") + items,
                       "The committee advises the Commissioner and the Chief Constable on "
                       "governance, risk and the audit of their accounts.")
    topic = rng.choice(ETHICS_TOPICS)
    # About one ethics committee in four discusses a case in private; its minutes are still
    # published because the matter is of significant public interest.
    public = rng.random() > 0.25
    items = [{"title": f"Ethical dilemma: {topic}", "presenter": "Head of Professional "
                                                                 "Standards, Fernshire Police"},
             {"title": "Feedback on earlier advice", "presenter": "Chief Executive, OPCC"}]
    summary = (f"The independent ethics committee advises the Commissioner and the Chief "
               f"Constable on {topic}.")
    if not public:
        summary += (" The meeting was held in private because it discussed a live case; "
                    "its minutes are published because the matter is of significant public "
                    "interest.")
    return _record(body, day, title, place, _opening("Chair of the committee") + items,
                   summary, public)


def _minutes(meeting: _Meeting) -> str:
    items = "\n".join(f"{number}. **{item['title']}**: the {meeting.body.lower()} noted the "
                      f"item{' and the report' if number > 2 else ''}."
                      for number, item in enumerate(meeting.record["agenda"], start=1))
    return (f"## Present\n\nMembers of the {meeting.body.lower()}, with officers of the OPCC "
            f"and Fernshire Police.\n\n## Items\n\n{items}\n\n## Next meeting\n\n"
            "The date of the next meeting was confirmed.")


def _add_minutes(meetings: list[_Meeting]) -> None:
    """Past meetings get minutes: approved at the next meeting of the same body if that
    has been held, otherwise a draft."""
    for body in {meeting.body for meeting in meetings}:
        held = sorted((m for m in meetings if m.body == body), key=lambda m: m.day)
        for meeting, following in zip(held, [*held[1:], None], strict=True):
            if meeting.day >= TODAY:
                continue
            meeting.record["minutes"] = _minutes(meeting)
            if following is not None and following.day < TODAY:
                meeting.record |= {"minutes_status": "approved",
                                   "minutes_approved_on": following.day.isoformat()}
            else:
                meeting.record["minutes_status"] = "draft"


def demo_meetings(seed: int, scrutiny: list[dict], decisions: list[dict],
                  themes: tuple[str, ...]) -> list[dict]:
    """The demo meetings; links the scrutiny outcomes and decisions taken at them."""
    rng = random.Random(seed)
    meetings = _boards(rng, scrutiny, decisions, themes)
    for body in (PANEL, AUDIT, ETHICS):
        meetings += _quarterly(rng, body)
    _add_minutes(meetings)
    meetings.sort(key=lambda m: (m.day, m.body))
    return [meeting.record for meeting in meetings]
