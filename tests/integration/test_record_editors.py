"""Every kind whose records staff edit one at a time gets the whole publishing flow:
a preview as the public page will show it, a correction that needs a note and is shown
on the public page, withdrawal with a reason, and scheduling. Checked here for every
declared kind, new ones included, by sending back the form each record's page shows, as
a publisher pressing its buttons would."""

from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from flask import url_for
from sqlalchemy import select

from content.kinds import BY_NAME as KINDS_BY_NAME
from content.models import Revision
from portal.kinds import PAGES, KindPages, permalink
from tests import factories
from tests.integration.test_record_kinds import ONE_OF_EACH
from tests.integration.test_staff_queue import signed_in
from tests.staff_pages import errors_at_their_boxes, submit, success_banner, visible_text

EDITED = [pages for pages in PAGES if pages.record_argument]
by_edited_kind = pytest.mark.parametrize("pages", EDITED, ids=lambda pages: pages.kind.name)
# A moment in UK summer time, years away whatever day the tests run.
LATER = {"publish_on": "1/6/2099", "publish_time": "10:00"}


def boxes_as_shown(page: str) -> list[tuple[str, str]]:
    """What the record's form sends if nothing is changed: every box as the page fills
    it (a checked radio or tick box, a chosen option, a text area's words)."""
    form = next(form for form in BeautifulSoup(page, "html.parser").select("form")
                if form.select_one('button[name="action"]'))
    sent: list[tuple[str, str]] = []
    for box in form.select("input, select, textarea"):
        name = box.get("name")
        kind = box.get("type", "text")
        if not name or name in ("csrf_token", "action") or kind in ("submit", "button", "file"):
            continue
        if kind in ("radio", "checkbox"):
            if box.has_attr("checked"):
                sent.append((str(name), str(box.get("value", "on"))))
        elif box.name == "textarea":
            sent.append((str(name), box.get_text()))
        elif box.name == "select":
            chosen = box.find("option", selected=True)
            sent.append((str(name), str(chosen["value"]) if isinstance(chosen, Tag) else ""))
        else:
            sent.append((str(name), str(box.get("value", ""))))
    return sent


def changed(pages: KindPages, sent: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The form with the words that name the record (its first free-text box) corrected."""
    naming = KINDS_BY_NAME[pages.kind.name].free_text[0]
    assert naming in dict(sent), f"the {pages.kind.name} form has no {naming} box"
    return [(name, f"{value} (corrected)" if name == naming else value)
            for name, value in sent]


def without(sent: list[tuple[str, str]], *names: str) -> list[tuple[str, str]]:
    return [(name, value) for name, value in sent if name not in names]


# Published records the examples of other kinds name (a grant its decision, a contract its
# invitation to tender), so that what they link to exists, as a publisher's form requires.
LINKED = {"grant": lambda: [factories.decision()],
          "contract": lambda: [factories.decision(), factories.tender()],
          "budget": lambda: [factories.decision("2025/021")]}


def one_published(app, session, add_records, pages: KindPages) -> tuple[Any, str]:
    """A published record of the kind, and the address of its staff page."""
    add_records(*LINKED.get(pages.kind.name, list)(), ONE_OF_EACH[pages.kind.name]())
    record = session.scalars(select(pages.kind.model)).one()
    endpoint, argument = pages.staff_page
    with app.test_request_context():
        return record, url_for(endpoint, **{argument: record.id})


def public_address(app, record) -> str:
    with app.test_request_context():
        return permalink(record)


@pytest.fixture
def publisher(app, client):
    signed_in(app, client, "pub@example.org", ["publisher"])


@by_edited_kind
@pytest.mark.usefixtures("publisher")
def test_a_records_form_previews_it_as_the_public_will_see_it(app, client, session,
                                                              add_records, pages):
    record, address = one_published(app, session, add_records, pages)
    shown = boxes_as_shown(client.get(address).get_data(as_text=True))
    preview = submit(client, address, "preview", data=shown)
    assert preview.status_code == 200, visible_text(preview)[:1500]
    title = KINDS_BY_NAME[pages.kind.name].says(record, "").title
    assert title in visible_text(preview)


@by_edited_kind
@pytest.mark.usefixtures("publisher")
def test_a_published_record_is_corrected_only_with_a_note_which_the_public_page_shows(
        app, client, session, add_records, pages):
    record, address = one_published(app, session, add_records, pages)
    shown = changed(pages, without(boxes_as_shown(client.get(address).get_data(as_text=True)),
                                   "change_note"))

    refused = submit(client, address, "save", data=shown)
    assert refused.status_code == 400
    assert "change_note" in errors_at_their_boxes(refused)

    note = "Corrected a typing error in the record"
    saved = submit(client, address, "save", data=[*shown, ("change_note", note)])
    assert saved.status_code == 302, visible_text(saved)[:1500]
    assert any("corrected" in line for line in success_banner(client.get(saved.location)))
    kept = session.scalars(select(Revision).where(Revision.record_type == pages.kind.name,
                                                  Revision.record_id == record.id)).all()
    assert [(revision.kind, revision.note) for revision in kept] == [("edited", note)]
    public_page = visible_text(client.get(public_address(app, record)))
    assert note in public_page and "(corrected)" in public_page


@by_edited_kind
@pytest.mark.usefixtures("publisher")
def test_a_published_record_is_withdrawn_with_a_reason_its_address_then_gives(
        app, client, session, add_records, pages):
    record, address = one_published(app, session, add_records, pages)
    withdraw = f"{address}/withdraw"
    assert client.get(withdraw).status_code == 200
    refused = submit(client, withdraw, "", reason="", confirmed="yes")
    assert refused.status_code == 400
    assert "reason" in errors_at_their_boxes(refused)

    reason = "Published before the contract was signed"
    done = submit(client, withdraw, "", reason=reason, confirmed="yes")
    assert done.status_code == 302
    assert any("withdrawn" in line for line in success_banner(client.get(done.location)))
    gone = client.get(public_address(app, record))
    assert gone.status_code == 410
    assert reason in visible_text(gone)


@by_edited_kind
@pytest.mark.usefixtures("publisher")
def test_a_draft_is_scheduled_and_stays_private_until_then(app, client, session,
                                                          add_records, pages):
    record, address = one_published(app, session, add_records, pages)
    address_in_public = public_address(app, record)
    record.published_at = None
    session.commit()

    shown = boxes_as_shown(client.get(address).get_data(as_text=True))
    scheduled = submit(client, address, "schedule",
                       data=[*without(shown, *LATER), *LATER.items()])
    assert scheduled.status_code == 302, visible_text(scheduled)[:1500]
    assert any("scheduled to publish on 1 June 2099 at 10:00" in line
               for line in success_banner(client.get(scheduled.location)))
    session.refresh(record)
    assert record.publish_at is not None and record.published_at is None
    assert client.get(address_in_public).status_code == 404
