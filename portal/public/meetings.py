"""What is meetings' own on the public side: the iCalendar feed of forthcoming meetings,
`/meetings.ics`, and one meeting's `.ics` to add it to a calendar."""

from flask import Response, abort, request

from content import queries
from content.calendar import CalendarEvent, calendar_text
from content.dates import uk_today
from content.models import Meeting
from portal.db import get_session
from portal.kinds import permalink
from portal.public import bp

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _event(meeting: Meeting) -> CalendarEvent:
    agenda = "\n".join(f"{item.position}. {item.title}" for item in meeting.agenda)
    where = ", ".join(part for part in (meeting.place, meeting.online_link) if part)
    return CalendarEvent(
        uid=f"meeting-{meeting.id}@{request.host.split(':')[0]}", day=meeting.date,
        starts=meeting.start_time, summary=meeting.full_title,
        location=where, url=permalink(meeting, external=True),
        description=f"Agenda:\n{agenda}" if agenda else "", changed=meeting.updated_at)


def _calendar(name: str, meetings: list[Meeting], filename: str) -> Response:
    response = Response(calendar_text(name, (_event(meeting) for meeting in meetings)),
                        content_type=CALENDAR_TYPE)
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@bp.get("/meetings.ics")
def meetings_calendar() -> Response:
    """Every published meeting from today on, for calendar programs to subscribe to."""
    meetings = list(queries.forthcoming_meetings(get_session(), uk_today()))
    return _calendar("Forthcoming meetings", meetings, "meetings.ics")


@bp.get("/meetings/<slug>.ics")
def meeting_calendar(slug: str) -> Response:
    meeting = queries.get_meeting(get_session(), slug)
    if meeting is None:
        abort(404)
    return _calendar(meeting.title, [meeting], f"{meeting.slug}.ics")
