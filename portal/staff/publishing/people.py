"""Publishing posts (senior staff and office holders) and staff counts: what is their own
in the publishing flow (`records`) — a post's reporting line chosen from the other posts,
and who is senior settled by the `SENIOR_SALARY_THRESHOLD` setting."""

from typing import Any

from flask import current_app
from sqlalchemy.orm import Session

# The WTForms stubs do not know SelectChoice yet (new in WTForms 3.2).
from wtforms import SelectChoice  # type: ignore[attr-defined]  # isort: skip

from content import queries
from content.exports import hundredths, post_type, tenths
from content.models import Post, StaffSnapshot
from content.money import format_amount
from content.people import settle_seniority
from content.people_publishing import (
    check_post,
    check_staff_count,
    save_post,
    save_staff_count,
)
from portal.db import get_session
from portal.kinds import BY_NAME
from portal.staff.publishing.common import typed_date
from portal.staff.publishing.forms import PostForm, PublishingForm, StaffCountForm
from portal.staff.publishing.records import (
    DATE_COLUMN,
    Column,
    Editor,
    add_pages,
    typed_or_saved,
)

POST_FORM_FIELDS = ("title", "date", "holder_name", "correspondence_address",
                    "responsibilities", "salary", "salary_band_top", "reports_to")
STAFF_COUNT_FIELDS = ("as_at", "headcount", "full_time_equivalent", "women_percent",
                      "sex_not_known_percent", "ethnic_minority_percent",
                      "ethnicity_not_known_percent", "disabled_percent",
                      "disability_not_known_percent", "notes")


def _threshold() -> int:
    return int(current_app.config["SENIOR_SALARY_THRESHOLD"])


# Posts

def _saved_post(post: Post | None) -> dict[str, Any]:
    if post is None:
        return {}
    return {"title": post.title, "date": post.date.isoformat(),
            "office_holder": post.office_holder, "holder_name": post.holder_name,
            "name_withheld": post.name_withheld,
            "correspondence_address": post.correspondence_address,
            "responsibilities": post.responsibilities_markdown,
            "salary": format_amount(post.salary_pence),
            "salary_band_top": format_amount(post.salary_to_pence),
            "reports_to": post.reports_to or ""}


def _post_form(post: Post | None) -> PublishingForm:
    """What was typed or is saved, the reporting line chosen from the other posts."""
    form = typed_or_saved(_saved_post, PostForm, post)
    assert isinstance(form, PostForm)
    others = [other for other in queries.every_post(get_session()) if other is not post]
    form.reports_to.choices = [SelectChoice("", "No one: the top of the organisation chart"),
                               *[SelectChoice(other.slug, other.title) for other in others]]
    return form


def _check_post(session: Session, form: PublishingForm,
                post: Post | None) -> tuple[dict[str, Any], dict[str, str]]:
    typed = form.typed(POST_FORM_FIELDS)
    typed["date"] = typed_date(typed["date"])
    typed["office_holder"] = bool(form.office_holder.data)
    typed["name_withheld"] = bool(form.name_withheld.data)
    return check_post(typed, session, post, form.change_note.data or "", _threshold())


def _save_post(session: Session, post: Post | None, columns: dict[str, Any],
               note: str) -> Post:
    saved = save_post(session, post, columns, note)
    settle_seniority(session, _threshold())
    return saved


add_pages(Editor(
    BY_NAME["post"],
    form=_post_form,
    check=_check_post,
    save=_save_post,
    shown=lambda columns: Post(**columns),
    name=lambda post: f"post “{post.title}”",
    heading=lambda post: post.title,
    columns=(Column.of("Job title", "title"), Column("Type", post_type),
             Column("Name", lambda post: post.holder_name + (
                 " (withheld from the public)" if post.name_withheld else "")),
             Column("Reports to", lambda post: post.manager.title if post.manager else ""),
             DATE_COLUMN),
    description=("Add, publish, schedule, correct or withdraw the posts of the Commissioner, "
                 "the Deputy and the office's staff, with who each reports to: the "
                 "organisation chart is made from them. A senior employee's name can be "
                 "withheld at their request."),
    first_box="title",
))


# Staff counts

def _saved_count(snapshot: StaffSnapshot | None) -> dict[str, Any]:
    if snapshot is None:
        return {}
    return {"as_at": snapshot.date.isoformat(), "headcount": str(snapshot.headcount),
            "full_time_equivalent": hundredths(snapshot.fte_hundredths),
            "women_percent": tenths(snapshot.women_tenths),
            "sex_not_known_percent": tenths(snapshot.sex_unknown_tenths),
            "ethnic_minority_percent": tenths(snapshot.ethnic_minority_tenths),
            "ethnicity_not_known_percent": tenths(snapshot.ethnicity_unknown_tenths),
            "disabled_percent": tenths(snapshot.disabled_tenths),
            "disability_not_known_percent": tenths(snapshot.disability_unknown_tenths),
            "notes": snapshot.notes_markdown}


def _check_count(session: Session, form: PublishingForm,
                 snapshot: StaffSnapshot | None) -> tuple[dict[str, Any], dict[str, str]]:
    typed = form.typed(STAFF_COUNT_FIELDS)
    typed["as_at"] = typed_date(typed["as_at"])
    return check_staff_count(typed, session, snapshot, form.change_note.data or "")


add_pages(Editor(
    BY_NAME["workforce"],
    form=lambda snapshot: typed_or_saved(_saved_count, StaffCountForm, snapshot),
    check=_check_count,
    save=save_staff_count,
    shown=lambda columns: StaffSnapshot(**columns),
    name=lambda snapshot: f"staff count of {snapshot.date:%-d %B %Y}",
    heading=lambda snapshot: snapshot.title,
    columns=(Column("Counted on", lambda snapshot: snapshot.title),
             Column("People", lambda snapshot: str(snapshot.headcount))),
    description=("Add, publish, schedule, correct or withdraw the staff numbers counted on "
                 "a date: how many people, full-time equivalent, and the proportions who "
                 "are women, from ethnic minorities and disabled."),
    first_box="as_at",
))
