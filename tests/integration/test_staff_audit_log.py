"""The audit log says what happened to what, by whom and when, in words; every action the
portal records is declared in words."""

import ast
import re
from pathlib import Path

import pytest

from portal.staff import accounts
from portal.staff.audit_words import ACTIONS
from tests import factories, moments
from tests.integration.test_staff_admin import account
from tests.integration.test_staff_decisions import DECISION, submit
from tests.integration.test_staff_queue import signed_in
from tests.staff_pages import visible_text

# The decision forms choose a decision maker and category already in their lists.
pytestmark = pytest.mark.usefixtures("decision_lists")

PORTAL = Path(__file__).parents[2] / "portal"


def entries_in_words(client, query=""):
    response = client.get(f"/staff/audit{query}")
    assert response.status_code == 200
    return visible_text(response)


def test_a_published_decision_is_named_by_its_reference_and_title(app, client, session):
    signed_in(app, client, "pub@example.org", ["publisher", "admin"])
    submit(client, "/staff/content/decisions/new", "publish", **DECISION)
    page = entries_in_words(client)
    assert ("Published decision 2026/101: Funding for the rural crime team" in page)
    assert "decision: publish" not in page and "pub@example.org" in page


def test_records_cases_and_accounts_are_named_as_people_know_them(app, client, session,
                                                                  add_records):
    signed_in(app, client, "admin@example.org", ["admin"])
    add_records(factories.policy(slug="complaints-handling"),
                factories.scrutiny(slug="peel-response"))
    admin = account(session, "admin@example.org")
    for action, target, detail in [
            ("published a policy version", "complaints-handling", {"version": "2.1"}),
            ("published a document", "peel-response", {"name": "minutes.pdf"}),
            ("withdrew a scrutiny outcome", "peel-response", {"reason": "Wrong meeting"}),
            ("changed the status of a case", "C-2026-0001",
             {"old": "Received", "new": "Assessing"}),
            ("roles changed", "worker@example.org", {"roles": ["resolution", "admin"]}),
            ("sign-in refused", "", {"reason": "wrong email or password"}),
            ("added to a list", "Grants", {"list": "Decision categories"}),
            ("removed published text", "peel-response", {"kind": "scrutiny", "version": "current",
                                                         "reason": "A name"}),
            ("renamed in a list", "grant", {"list": "Decision categories",
                                            "new_name": "Grants", "records": 3})]:
        accounts.audit(session, admin, action, target, client="127.0.0.1", **detail)
    session.commit()
    page = entries_in_words(client)
    for said in [
            "Published version 2.1 of policy “Complaints handling policy”",
            "Published the document minutes.pdf with scrutiny outcome "
            "“Response to the PEEL inspection”",
            "Withdrew scrutiny outcome “Response to the PEEL inspection” (reason: Wrong meeting)",
            "Moved case C-2026-0001 from Received to Assessing",
            "Changed the roles of worker@example.org to Resolution Team, Admin",
            "Sign-in refused: wrong email or password",
            "Added “Grants” to decision categories",
            "Removed text published by mistake from scrutiny outcome “Response to the PEEL "
            "inspection”, as published now (reason: A name)",
            "Renamed “grant” “Grants” in decision categories, changing 3 records"]:
        assert said in page
    for stored in ["published a policy version", "complaints-handling", "peel-response",
                   "resolution, admin", "roles:"]:
        assert stored not in page


def test_an_entry_of_an_action_not_declared_is_shown_as_it_was_stored(app, client, session):
    signed_in(app, client, "admin@example.org", ["admin"])
    accounts.audit(session, None, "merged two cases", "C-2026-0009", kept="C-2026-0008")
    session.commit()
    page = entries_in_words(client)
    assert "Merged two cases: C-2026-0009 (kept: C-2026-0008)" in page
    assert "A command on the server" in page


@pytest.mark.clock(moment=moments.SUMMER_NIGHT)
def test_times_are_uk_time(app, client, session):
    signed_in(app, client, "admin@example.org", ["admin"])
    accounts.audit(session, None, "account created", "new@example.org", roles=["publisher"])
    session.commit()
    page = entries_in_words(client)
    assert "When (UK time)" in page
    assert "14 July 2026 at 00:30" in page and "13 July" not in page


def test_the_filter_finds_actions_by_the_words_shown(app, client, session):
    signed_in(app, client, "pub@example.org", ["publisher", "admin"])
    submit(client, "/staff/content/decisions/new", "publish", **DECISION)
    page = entries_in_words(client, "?action=published+a+decision")
    assert "Published decision 2026/101" in page
    assert "No entries match" in entries_in_words(client, "?action=withdrew")


def _actions_recorded(call: ast.Call) -> list[ast.expr]:
    """The action given to a call that records one: `record`, `audit`, a `Done` (recorded
    by `portal.staff.actions`) or an account page's `_done`."""
    name = getattr(call.func, "attr", None) or getattr(call.func, "id", None)
    given = {"record": 0, "audit": 2, "Done": 0, "_done": 1}
    if name not in given:
        return []
    by_name = [keyword.value for keyword in call.keywords if keyword.arg == "action"]
    position = given[name]
    found = by_name or ([call.args[position]] if len(call.args) > position else [])
    if found and isinstance(found[0], ast.IfExp):
        return [found[0].body, found[0].orelse]
    return found


def _as_pattern(action: ast.expr) -> str | None:
    if isinstance(action, ast.Constant) and isinstance(action.value, str):
        return re.escape(action.value)
    if isinstance(action, ast.JoinedStr):
        return "".join(re.escape(part.value) if isinstance(part, ast.Constant) else ".+"
                       for part in action.values)
    return None  # passed on from a caller, whose own call is checked


def test_every_action_the_portal_records_is_declared_in_words():
    recorded = []
    for source in PORTAL.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.Call):
                recorded += [(source.name, pattern) for action in _actions_recorded(node)
                             if (pattern := _as_pattern(action))]
    assert len(recorded) > 30
    for where, pattern in recorded:
        assert any(re.fullmatch(pattern, stored) for stored in ACTIONS), (where, pattern)
    # And nothing is declared that the portal never records (a renamed action).
    for stored in ACTIONS:
        assert any(re.fullmatch(pattern, stored) for _where, pattern in recorded), stored
