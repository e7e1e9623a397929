"""Publishing the kinds of record that are edited one at a time on a page of their own
(decisions, scrutiny outcomes): the kind's listing, the record's page with the kind's own
boxes, a preview as the public page will show it, publishing now or on a schedule,
corrections with a note, and withdrawal with a reason, confirmed on a page of its own.

The flow is written once here. Each kind plugs in what is its own as an `Editor` (its
form, its checks, how it is saved, the template of its own boxes) and `add_pages`
registers its addresses from the kind's declarations."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session
from wtforms import Field

from content import queries
from content.dates import uk_today, utcnow
from content.publishing import publish, schedule, withdraw
from portal.db import get_session, unit_of_work
from portal.forms import error_summary
from portal.kinds import KindPages, permalink
from portal.staff.confirm import ask_to_withdraw
from portal.staff.notices import sentence, tell, tell_saved
from portal.staff.publishing.common import (
    carry_out,
    document_problem,
    publish_at,
    put_problems,
    typed_fields,
)
from portal.staff.publishing.forms import PublishingForm
from portal.staff.views import bp, record, requires


@dataclass(frozen=True)
class Column:
    """A column of the kind's staff listing; the first links to the record's page."""

    heading: str
    value: Callable[[Any], str]


@dataclass(frozen=True)
class Editor:
    """What one kind brings to the publishing flow; the rest is the same for every kind."""

    pages: KindPages
    # The form holding what was typed, or (before anything is) what the record says now.
    form: Callable[[Any | None], PublishingForm]
    # What was typed, checked: something `save` and `shown` take, and every problem.
    check: Callable[[Session, PublishingForm, Any | None], tuple[Any, dict[str, str]]]
    # Saves the checked draft as a new record or onto this one, with the change note.
    save: Callable[[Session, Any | None, Any, str], Any]
    # The checked draft as an unsaved record, for the preview.
    shown: Callable[[Any], Any]
    # How people know a record in a sentence: "decision 2026/014".
    name: Callable[[Any], str]
    # The heading of a record's page; its title has the listing's first column.
    heading: Callable[[Any], str]
    columns: tuple[Column, ...]
    # What publishers can do with the kind, said on the publishing home page.
    description: str
    # The template placing the kind's own boxes, and the public page's template for one record.
    fields_template: str
    public_template: str
    # The box a problem that belongs to no box is shown beside.
    first_box: str
    # Repeated rows of boxes (a scrutiny outcome's actions), each row a list of boxes.
    rows: Callable[[PublishingForm], list[list[Field]]] = lambda form: []
    # A form of long rows needs the page's full width.
    full_width: bool = False

    @property
    def model(self) -> Any:
        return self.pages.kind.model

    @property
    def edit_endpoint(self) -> str:
        """The record's page, as the kind's declaration names it."""
        assert self.pages.staff_page is not None
        return self.pages.staff_page[0]

    def page_of(self, target: Any) -> str:
        """The address of a record's staff page."""
        assert self.pages.staff_page is not None
        endpoint, argument = self.pages.staff_page
        return url_for(endpoint, **{argument: target.id})


EDITORS: dict[str, Editor] = {}
# The buttons of a record's page and of its preview.
ACTIONS = ("preview", "save", "publish", "schedule", "edit")


@bp.get("/content")
@requires("publisher")
def content_home() -> ResponseReturnValue:
    return render_template("staff/content_home.html", editors=EDITORS.values())


def typed_or_saved(saved: Callable[[Any | None], dict[str, Any]],
                   make: Callable[..., PublishingForm], target: Any | None) -> PublishingForm:
    """What was typed, or (before anything is) what is saved."""
    if request.method == "POST":
        return make()
    return make(formdata=None, data=saved(target))


def _record_or_404(editor: Editor, record_id: int) -> Any:
    found = queries.record_for_editing(get_session(), editor.model, record_id)
    if found is None:
        abort(404)
    return found


def _record_id(editor: Editor, ids: dict[str, int]) -> int | None:
    assert editor.pages.staff_page is not None
    return ids.get(editor.pages.staff_page[1])


@requires("publisher")
def listing(kind: str) -> ResponseReturnValue:
    editor = EDITORS[kind]
    return render_template("staff/records.html", editor=editor, kind=editor.pages.kind,
                           records=queries.records_for_publishers(get_session(), editor.model))


@requires("publisher")
@unit_of_work
def edit(kind: str, **ids: int) -> ResponseReturnValue:
    """A record's page (or a new one's): its form, and what its buttons do."""
    editor = EDITORS[kind]
    record_id = _record_id(editor, ids)
    target = _record_or_404(editor, record_id) if record_id else None
    form = editor.form(target)
    problems: dict[str, str] = {}
    if request.method == "POST":
        action = request.form.get("action", "save")
        if action not in ACTIONS:
            abort(400)
        response, problems = carry_out(lambda: _carry_out(editor, target, action, form))
        if response is not None:
            return response
    put_problems(form, problems, editor.first_box)
    summary = error_summary(form)
    return render_template(
        "staff/record_edit.html", editor=editor, kind=editor.pages.kind, saved=target,
        form=form, summary=summary, rows=editor.rows(form),
        document_problem=document_problem(summary["errorList"]),
        public_url=permalink(target) if target and target.is_published else None,
        documents=_documents(editor, target)), (400 if problems else 200)


def _documents(editor: Editor, target: Any | None) -> Any:
    if target is None or not editor.pages.kind.carries_documents:
        return []
    return queries.record_files(get_session(), editor.pages.kind.name, target.id)


def _carry_out(editor: Editor, target: Any | None, action: str,
               form: PublishingForm) -> Any:
    """Carry out the button pressed: a dict of problems, or the response to send."""
    if action == "edit":
        return {}
    db = get_session()
    draft, problems = editor.check(db, form, target)
    if problems:
        return problems
    if action == "preview":
        return _preview(editor, target, draft)
    saved = editor.save(db, target, draft, form.change_note.data or "")
    if action == "publish":
        publish(db, saved)
    elif action == "schedule":
        schedule(saved, publish_at())
    record(f"{editor.pages.kind.singular.lower()}: {action}", editor.pages.audit_name(saved))
    tell_saved(sentence(editor.name(saved)), action, saved)
    return redirect(editor.page_of(saved))


def _preview(editor: Editor, target: Any | None, draft: Any) -> str:
    """The record as its public page will show it, in a frame with Publish and Edit."""
    shown = editor.shown(draft)
    shown.published_at = target.published_at if target else None
    shown.updated_at = utcnow()
    return render_template(
        "staff/record_preview.html", editor=editor, kind=editor.pages.kind, shown=shown,
        saved=target, kept=typed_fields(), today=uk_today(), related=[], updates=[],
        documents=_documents(editor, target),
        **{editor.pages.template_name: shown})


@requires("publisher")
@unit_of_work
def withdraw_page(kind: str, **ids: int) -> ResponseReturnValue:
    """Asks whether to withdraw a published record and why; once confirmed with a reason,
    withdraws it and goes back to its page."""
    editor = EDITORS[kind]
    target = _record_or_404(editor, _record_id(editor, ids) or 0)
    back = editor.page_of(target)
    if not target.is_published:  # withdrawn already, perhaps in another tab
        return redirect(back)
    asked = ask_to_withdraw(editor.name(target), back, {})
    if asked is not None:
        return asked
    reason = request.form.get("reason", "")
    withdraw(get_session(), target, reason)
    record(f"withdrew a {editor.pages.kind.singular.lower()}",
           editor.pages.audit_name(target), reason=reason)
    tell(f"{sentence(editor.name(target))} withdrawn")
    return redirect(back)


def add_pages(editor: Editor) -> None:
    """The kind's listing, its records' pages and their withdrawal pages, at addresses made
    from its declaration: /staff/content/decisions, …/decisions/new, …/decisions/3."""
    pages = editor.pages
    assert pages.staff_page is not None
    EDITORS[pages.kind.name] = editor
    kind = {"kind": pages.kind.name}
    base, argument = f"/content/{pages.collection}", pages.staff_page[1]
    bp.add_url_rule(base, pages.staff_listing.removeprefix("staff."), listing,
                    defaults=kind, methods=["GET"])
    endpoint = editor.edit_endpoint.removeprefix("staff.")
    for rule in (f"{base}/new", f"{base}/<int:{argument}>"):
        bp.add_url_rule(rule, endpoint, edit, defaults=kind, methods=["GET", "POST"])
    bp.add_url_rule(f"{base}/<int:{argument}>/withdraw", f"{pages.kind.name}_withdraw",
                    withdraw_page, defaults=kind, methods=["GET", "POST"])
