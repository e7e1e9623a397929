"""The managed lists page: each list's names and how many records use each, adding a
name (a near-duplicate of one already there is refused) and renaming one (which renames
it in every record, confirmed first, audited)."""

from flask import abort, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from content.kinds import MANAGED_LISTS, ManagedList
from content.managed_lists import (
    ListProblem,
    add_value,
    check_rename,
    entry_of,
    managed_list_named,
    records_using,
    rename_value,
    usage,
)
from content.models import ListValue
from portal.db import get_session, unit_of_work
from portal.staff.confirm import Question, ask, confirmed
from portal.staff.forms import ListNameForm
from portal.staff.notices import sentence, tell
from portal.staff.views import bp, record, requires


def _list_or_404(list_name: str) -> ManagedList:
    managed = managed_list_named(list_name)
    if managed is None:
        abort(404)
    return managed


def _entry_or_404(managed: ManagedList, entry_id: int) -> ListValue:
    entry = entry_of(get_session(), managed, entry_id)
    if entry is None:
        abort(404)
    return entry


def _records(count: int) -> str:
    return f"{count:,} record" if count == 1 else f"{count:,} records"


@bp.get("/lists")
@requires("publisher")
def lists() -> ResponseReturnValue:
    db = get_session()
    return render_template("staff/lists.html",
                           lists=[(managed, usage(db, managed)) for managed in MANAGED_LISTS])


@bp.route("/lists/<list_name>/new", methods=["GET", "POST"])
@requires("publisher")
@unit_of_work
def list_add(list_name: str) -> ResponseReturnValue:
    managed = _list_or_404(list_name)
    form = ListNameForm()
    form.name.label.text = f"Name of the new {managed.singular}"
    if form.validate_on_submit():
        try:
            entry = add_value(get_session(), managed, form.name.data or "")
        except ListProblem as refused:
            form.name.errors = [str(refused)]
        else:
            record("added to a list", entry.value, list=managed.title)
            tell(f"{sentence(managed.singular)} “{entry.value}” added to {managed.title.lower()}")
            return redirect(url_for("staff.lists") + f"#{managed.name}")
    return render_template("staff/list_add.html", managed=managed, form=form), (
        400 if form.errors else 200)


@bp.route("/lists/<list_name>/<int:entry_id>/rename", methods=["GET", "POST"])
@requires("publisher")
@unit_of_work
def list_rename(list_name: str, entry_id: int) -> ResponseReturnValue:
    """The new name is checked, then confirmed on a page of its own (it changes every
    record that uses the name, public pages included), then carried out."""
    managed = _list_or_404(list_name)
    entry = _entry_or_404(managed, entry_id)
    db = get_session()
    form = ListNameForm(data={"name": entry.value})
    form.name.label.text = f"New name for the {managed.singular}"
    if form.validate_on_submit():
        old = entry.value
        try:
            if not confirmed():
                return _ask_to_rename(managed, entry, check_rename(db, managed, entry,
                                                                   form.name.data or ""))
            count = rename_value(db, managed, entry, form.name.data or "")
        except ListProblem as refused:
            form.name.errors = [str(refused)]
        else:
            record("renamed in a list", old, list=managed.title, new_name=entry.value,
                   records=count)
            tell(f"{sentence(managed.singular)} “{old}” renamed “{entry.value}” "
                 f"in {_records(count)}")
            return redirect(url_for("staff.lists") + f"#{managed.name}")
    return render_template("staff/list_rename.html", managed=managed, entry=entry, form=form,
                           records=_records(records_using(db, managed, entry))), (
        400 if form.errors else 200)


def _ask_to_rename(managed: ManagedList, entry: ListValue, name: str) -> ResponseReturnValue:
    count = records_using(get_session(), managed, entry)
    return ask(Question(
        f"Are you sure you want to rename the {managed.singular} “{entry.value}” to “{name}”?",
        [f"{sentence(_records(count))} use it. They will all show “{name}” instead: the "
         "published ones at once, on their public pages, in the open data downloads and in "
         "search.",
         "Earlier versions of corrected records keep the name they had."],
        "Yes, rename it",
        url_for("staff.list_rename", list_name=managed.name, entry_id=entry.id),
        keep={"name": name}))
