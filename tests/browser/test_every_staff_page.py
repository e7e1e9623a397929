"""Every staff page the portal serves, taken from its URL map rather than from a list kept
by hand, checked in a real browser: no accessibility problems that axe can find, and no
sideways scrolling on a screen 320 pixels wide. A staff page added without an example
here fails the first test, so a new page cannot go untested."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from playwright.sync_api import expect
from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from content.importer import parse_record
from content.managed_lists import add_value, managed_list_named
from content.models import (
    Contract,
    Decision,
    Expense,
    Grant,
    Inspection,
    Meeting,
    Policy,
    Post,
    RecordFile,
    ScrutinyOutcome,
    StaffSnapshot,
    Tender,
)
from content.store import save_records
from portal.kinds import PAGES, KindPages
from portal.staff.models import StaffUser
from tests import factories
from tests.browser.test_accessibility import assert_no_violations
from tests.browser.test_staff import PASSWORD, sign_in
from tests.browser.test_staff_pages import (
    COMPLAINT_ANSWERS,
    NARROW,
    a_case,
    check_every_error_link_focuses_its_box,
    staff_member,
)
from tests.integration.test_record_kinds import ONE_OF_EACH
from tests.pdf_samples import pdf_with_text
from tests.staff_pages import fill_date

# Staff addresses that answer GET with something other than a page to read, so neither
# axe nor the width of a screen applies to them.
NOT_PAGES = {
    "/staff/audit.csv": "the audit log as a CSV download",
    "/staff/queue.csv": "the queue as a CSV download",
    "/staff/queue/<reference>/files/<int:attachment_id>": "a file a complainant attached, "
                                                         "served as a download",
    "/staff/session": "JSON the idle-timeout warning asks for the time left",
}


@dataclass
class Records:
    """What this test makes, so that each address has something real to show."""

    case: str
    account: int  # the account the pages are read with, which has two-factor set up
    account_email: str
    other_account: int  # an account that has not yet set up two-factor
    other_email: str
    decision: int
    # A record of each kind edited a record at a time, and a document of each kind that
    # carries them, by kind name.
    edited: dict[str, int]
    documents: dict[str, int]
    policy: str
    expense: str
    list_name: str
    list_entry: int
    post: int
    staff_count: int


@dataclass
class Tour:
    """The tabs the pages are read in, both 320 pixels wide: one signed in with every
    role, one signed out for the steps of signing in."""

    signed_in: Any  # a Playwright page
    signed_out: Any
    server: str
    records: Records


def _go(tour: Tour, address: str, signed_out: bool = False) -> tuple[Any, str]:
    return (tour.signed_out if signed_out else tour.signed_in), address


def _password_accepted(tour: Tour, email: str) -> None:
    """Signed out, then past the password: the page asking for the code comes next."""
    tour.signed_out.context.clear_cookies()
    sign_in(tour.signed_out, tour.server, email)


def _code_page(tour: Tour) -> tuple[Any, str]:
    _password_accepted(tour, tour.records.account_email)
    tour.signed_out.wait_for_url("**/staff/sign-in/code*")
    return _go(tour, "/staff/sign-in/code", signed_out=True)


def _two_factor_page(tour: Tour) -> tuple[Any, str]:
    _password_accepted(tour, tour.records.other_email)
    tour.signed_out.wait_for_url("**/staff/two-factor*")
    return _go(tour, "/staff/two-factor", signed_out=True)


def _expenses_check_page(tour: Tour) -> tuple[Any, str]:
    """The check page shows a file waiting to be published: upload one first."""
    page = tour.signed_in
    page.goto(tour.server + "/staff/content/expenses")
    page.get_by_label("CSV file of expense lines").set_input_files(files=[{
        "name": "lines.csv", "mimeType": "text/csv",
        "buffer": b"date,claimant,category,description,amount\n"
                  b"02/11/2026,Police and Crime Commissioner,Travel,Train to Ashby,23.40\n"}])
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_url("**/staff/content/expenses/check")
    return _go(tour, "/staff/content/expenses/check")


# How to reach each staff page, by its rule in the URL map, with the records made below.
EXAMPLES: dict[str, Callable[[Tour], tuple[Any, str]]] = {
    "/staff": lambda t: _go(t, "/staff"),
    "/staff/sign-in": lambda t: _go(t, "/staff/sign-in", signed_out=True),
    "/staff/sign-in/code": _code_page,
    "/staff/two-factor": _two_factor_page,
    "/staff/audit": lambda t: _go(t, "/staff/audit"),
    "/staff/users": lambda t: _go(t, "/staff/users"),
    "/staff/users/<int:user_id>": lambda t: _go(t, f"/staff/users/{t.records.account}"),
    "/staff/users/<int:user_id>/deactivate":
        lambda t: _go(t, f"/staff/users/{t.records.other_account}/deactivate"),
    "/staff/users/<int:user_id>/reset-two-factor":
        lambda t: _go(t, f"/staff/users/{t.records.other_account}/reset-two-factor"),
    "/staff/queue": lambda t: _go(t, "/staff/queue"),
    "/staff/queue/<reference>": lambda t: _go(t, f"/staff/queue/{t.records.case}"),
    "/staff/subject-access": lambda t: _go(t, "/staff/subject-access"),
    "/staff/remove-text": lambda t: _go(t, "/staff/remove-text"),
    "/staff/content/<kind_name>/<int:record_id>/remove-text":
        lambda t: _go(t, f"/staff/content/decision/{t.records.decision}/remove-text"),
    "/staff/content": lambda t: _go(t, "/staff/content"),
    "/staff/content/policies": lambda t: _go(t, "/staff/content/policies"),
    "/staff/content/policies/new": lambda t: _go(t, "/staff/content/policies/new"),
    "/staff/content/policies/<slug>":
        lambda t: _go(t, f"/staff/content/policies/{t.records.policy}"),
    "/staff/content/policies/<slug>/new-version":
        lambda t: _go(t, f"/staff/content/policies/{t.records.policy}/new-version"),
    "/staff/content/expenses": lambda t: _go(t, "/staff/content/expenses"),
    "/staff/content/expenses/check": _expenses_check_page,
    "/staff/content/expenses/line":
        lambda t: _go(t, f"/staff/content/expenses/line?reference={t.records.expense}"),
    "/staff/content/hmicfrs-reports/responses-due":
        lambda t: _go(t, "/staff/content/hmicfrs-reports/responses-due"),
    "/staff/lists": lambda t: _go(t, "/staff/lists"),
    "/staff/lists/<list_name>/new": lambda t: _go(t, f"/staff/lists/{t.records.list_name}/new"),
    "/staff/lists/<list_name>/<int:entry_id>/rename":
        lambda t: _go(t, f"/staff/lists/{t.records.list_name}/{t.records.list_entry}/rename"),
}


def _editor_examples(pages: KindPages) -> dict[str, Callable[[Tour], tuple[Any, str]]]:
    """The pages every kind edited a record at a time has (its listing, a new record, a
    record, its withdrawal, removing a document), with a record of the kind made below."""
    name, base, argument = pages.kind.name, f"/staff/content/{pages.collection}", \
        pages.record_argument
    examples: dict[str, Callable[[Tour], tuple[Any, str]]] = {
        base: lambda t: _go(t, base),
        f"{base}/new": lambda t: _go(t, f"{base}/new"),
        f"{base}/<int:{argument}>": lambda t: _go(t, f"{base}/{t.records.edited[name]}"),
        f"{base}/<int:{argument}>/withdraw":
            lambda t: _go(t, f"{base}/{t.records.edited[name]}/withdraw"),
    }
    if pages.kind.carries_documents:
        examples[f"{base}/<int:record_id>/documents/<int:document_id>/remove"] = \
            lambda t: _go(t, f"{base}/{t.records.edited[name]}/documents/"
                             f"{t.records.documents[name]}/remove")
    return examples


EDITED = [pages for pages in PAGES if pages.record_argument]
for _pages in EDITED:
    EXAMPLES.update(_editor_examples(_pages))


def staff_pages(app: Flask) -> set[str]:
    """Every rule of the staff area that answers GET, less those that are not pages."""
    return {rule.rule for rule in app.url_map.iter_rules()
            if rule.endpoint.startswith("staff.") and "GET" in (rule.methods or ())
            and rule.rule not in NOT_PAGES}


def test_every_staff_page_has_an_example_to_check(live_app):
    missing = sorted(staff_pages(live_app) - EXAMPLES.keys())
    assert not missing, (
        "These staff pages have no example, so nothing checks them: add one to EXAMPLES in "
        "tests/browser/test_every_staff_page.py (or, if the address is a download rather "
        f"than a page, to NOT_PAGES, saying why): {missing}")
    gone = sorted(EXAMPLES.keys() - staff_pages(live_app))
    assert not gone, f"These examples are of pages the portal no longer has: {gone}"


def _one_of_kind(app: Flask, pages: KindPages) -> int:
    """A published record of the kind, as its example in the tests makes it."""
    parsed = parse_record(ONE_OF_EACH[pages.kind.name](), 1)
    model = pages.kind.model
    with app.app_context(), app.extensions["portal_db"].sessions() as session:
        save_records(session, [parsed])
        session.commit()
        return session.scalars(select(model.id).where(*(
            getattr(model, column) == parsed.values[column]
            for column in pages.kind.key_fields))).one()


def _records(app: Flask, tour_page, server: str, account_email: str) -> Records:
    """Published records, a case, a list name and a second account, all this test's own."""
    other = f"another-admin-{account_email}"
    result = app.test_cli_runner().invoke(
        args=["users", "create", other, "--password", PASSWORD, "--role", "admin"])
    assert result.exit_code == 0, result.output
    with app.app_context(), app.extensions["portal_db"].sessions() as session:
        save_records(session, [
            parse_record(factories.decision("2026/974", title="Street lighting grant"), 1),
            parse_record(factories.scrutiny("Custody visiting panel report"), 2),
            parse_record(factories.policy("Every staff page policy"), 3),
            parse_record(factories.expense("Train to the every staff page meeting"), 4),
            parse_record(factories.meeting("Every staff page board"), 5),
            parse_record(factories.post("Every Staff Page Officer"), 6),
            parse_record(factories.workforce("2026-10-31"), 7),
            parse_record(factories.grant("Every staff page grant"), 8),
            parse_record(factories.contract("Every staff page contract"), 9),
            parse_record(factories.tender("Every staff page tender"), 10)])
        entry = add_value(session, managed_list_named("decision-category"),
                          "Street lighting and safety")
        session.commit()
        decision = session.scalars(select(Decision.id).where(
            Decision.reference == "2026/974")).one()
        scrutiny = session.scalars(select(ScrutinyOutcome.id).where(
            ScrutinyOutcome.title == "Custody visiting panel report")).one()
        policy = session.scalars(select(Policy.slug).where(
            Policy.title == "Every staff page policy")).first()
        meeting = session.scalars(select(Meeting.id).where(
            Meeting.title == "Every staff page board")).one()
        expense = session.scalars(select(Expense.reference).where(
            Expense.description == "Train to the every staff page meeting")).one()
        account = session.scalars(select(StaffUser.id).where(
            StaffUser.email == account_email)).one()
        other_id = session.scalars(select(StaffUser.id).where(StaffUser.email == other)).one()
        list_entry = (entry.list_name, entry.id)
        post = session.scalars(select(Post.id).where(
            Post.title == "Every Staff Page Officer")).one()
        staff_count = session.scalars(select(StaffSnapshot.id).where(
            StaffSnapshot.slug == "2026-10-31")).one()
        grant = session.scalars(select(Grant.id).where(
            Grant.purpose == "Every staff page grant")).one()
        contract = session.scalars(select(Contract.id).where(
            Contract.title == "Every staff page contract")).one()
        tender = session.scalars(select(Tender.id).where(
            Tender.title == "Every staff page tender")).one()
    # The kinds with a record of their own above keep it; every other kind its example's.
    made = {"decision": decision, "scrutiny": scrutiny, "meeting": meeting, "post": post,
            "workforce": staff_count, "grant": grant, "contract": contract, "tender": tender}
    edited = made | {pages.kind.name: _one_of_kind(app, pages) for pages in EDITED
                     if pages.kind.name not in made}
    documents = {}
    for pages in EDITED:
        if not pages.kind.carries_documents:
            continue
        name, record_id = pages.kind.name, edited[pages.kind.name]
        tour_page.goto(f"{server}/staff/content/{pages.collection}/{record_id}")
        tour_page.get_by_label("Add a PDF").set_input_files(files=[{
            "name": "Report.pdf", "mimeType": "application/pdf",
            "buffer": pdf_with_text("The report in full")}])
        tour_page.get_by_role("button", name="Publish the document").click()
        expect(tour_page.locator(".govuk-notification-banner--success")).to_contain_text(
            "Report.pdf published")
        with app.app_context(), app.extensions["portal_db"].sessions() as session:
            documents[name] = session.scalars(select(RecordFile.id).where(
                RecordFile.record_type == name, RecordFile.record_id == record_id,
                RecordFile.original_name == "Report.pdf")).all()[-1]
    assert policy is not None
    return Records(case=a_case(app, "complaint", "received", COMPLAINT_ANSWERS),
                   account=account, account_email=account_email,
                   other_account=other_id, other_email=other,
                   decision=decision, edited=edited, documents=documents,
                   policy=policy, expense=expense, list_name=list_entry[0],
                   list_entry=list_entry[1], post=post, staff_count=staff_count)


def test_every_staff_page_is_accessible_and_fits_a_narrow_screen(browser, live_app,
                                                                 live_server):
    signed_in = browser.new_context(viewport=NARROW)
    signed_out = browser.new_context(viewport=NARROW)
    page = signed_in.new_page()
    email = staff_member(page, live_app, live_server, "admin", "publisher", "resolution")
    tour = Tour(signed_in=page, signed_out=signed_out.new_page(), server=live_server,
                records=_records(live_app, page, live_server, email))
    routes = live_app.url_map.bind("localhost")
    problems = []
    for rule in sorted(staff_pages(live_app) & EXAMPLES.keys()):
        tab, address = EXAMPLES[rule](tour)
        response = tab.goto(live_server + address)
        path = urlsplit(tab.url).path
        try:
            reached = routes.match(path, return_rule=True)[0].rule
        except HTTPException:  # sent somewhere that is not a page of the portal
            reached = None
        if response.status >= 400 or reached != rule:
            problems.append(f"{address} answered {response.status} at {path}, "
                            f"not the page of {rule}")
            continue
        width = tab.evaluate("document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            problems.append(f"{address} is {width} pixels wide on a 320 pixel screen")
        try:
            assert_no_violations(tab, address)
        except AssertionError as found:
            problems.append(str(found))
    signed_in.close()
    signed_out.close()
    assert not problems, "\n\n".join(problems)


def test_the_staff_error_states_no_other_test_reaches_are_accessible_and_lead_to_boxes(
        browser, live_app, live_server):
    """Each staff form sent empty, or with a value plainly wrong, that the other browser
    tests leave alone (they cover the case page, new accounts, the audit filters, the
    publishing forms, the lists, removing text and withdrawing a decision)."""
    signed_in = browser.new_context()
    signed_out = browser.new_context()
    page, outside = signed_in.new_page(), signed_out.new_page()
    email = staff_member(page, live_app, live_server, "admin", "publisher", "resolution")
    not_set_up = f"not-yet-set-up-{email}"
    created = live_app.test_cli_runner().invoke(
        args=["users", "create", not_set_up, "--password", PASSWORD, "--role", "admin"])
    assert created.exit_code == 0, created.output
    with live_app.app_context(), live_app.extensions["portal_db"].sessions() as session:
        rows = factories.inspection()["recommendations"]
        rows[0]["response"] = ""
        save_records(session, [parse_record(factories.scrutiny("Cells inspection"), 1),
                               parse_record(factories.inspection(
                                   "Awaiting its response", response_published_on=None,
                                   recommendations=rows), 2)])
        session.commit()
        unexplained = session.scalars(select(Inspection.id).where(
            Inspection.title == "Awaiting its response")).one()
        outcome = session.scalars(select(ScrutinyOutcome.id).where(
            ScrutinyOutcome.title == "Cells inspection")).one()
        other = session.scalars(select(StaffUser.id).where(
            StaffUser.email == not_set_up)).one()

    def error_state(tab, name, message):
        expect(tab.locator(".govuk-error-summary")).to_contain_text(message)
        assert tab.title().startswith("Error: "), name
        assert_no_violations(tab, name)
        check_every_error_link_focuses_its_box(tab, name)

    outside.goto(live_server + "/staff/sign-in")
    outside.get_by_role("button", name="Sign in").click()
    error_state(outside, "sign-in sent empty", "Enter your password")

    sign_in(outside, live_server, email)
    outside.get_by_role("button", name="Continue").click()
    error_state(outside, "two-factor code sent empty",
                "Enter the code from your authenticator app")

    sign_in(outside, live_server, not_set_up)
    outside.get_by_label("Code from your authenticator app").fill("12")
    outside.get_by_role("button", name="Turn on two-factor authentication").click()
    error_state(outside, "setting up two-factor with a code too short",
                "Enter the 6-digit code shown in your authenticator app")

    page.goto(f"{live_server}/staff/users/{other}")
    page.get_by_label("Administrator").uncheck()
    page.get_by_role("button", name="Save roles").click()
    error_state(page, "an account's roles all taken away",
                "Select at least one role")

    page.goto(live_server + "/staff/subject-access")
    page.get_by_role("button", name="Find their cases").click()
    error_state(page, "subject access search sent empty",
                "Enter the person’s email address, name or telephone number")

    page.goto(f"{live_server}/staff/content/scrutiny/{outcome}/withdraw")
    page.get_by_role("button", name="Yes, withdraw").click()
    error_state(page, "withdrawing a scrutiny outcome without a reason",
                "Enter the reason for withdrawing it")

    page.goto(f"{live_server}/staff/content/hmicfrs-reports/{unexplained}")
    fill_date(page, "Date the comments and response were published", "1/12/2026")
    page.get_by_label("What changed").fill("Response published")
    page.get_by_role("button", name="Save changes").click()
    error_state(page, "a response published with a recommendation unexplained",
                "Say what action has been or will be taken on recommendation 1")

    page.goto(live_server + "/staff/content/expenses")
    page.get_by_role("button", name="Check the file").click()
    error_state(page, "expense lines upload sent with no file",
                "Select a CSV file of expense lines")

    page.goto(live_server + "/staff/content/expenses/line")
    page.get_by_label("Reference of the expense line").fill("EXP-1999-99999")
    page.get_by_label("Reference of the expense line").press("Enter")
    error_state(page, "an expense line reference that does not exist",
                "There is no expense line EXP-1999-99999")
    signed_in.close()
    signed_out.close()


def test_every_record_form_sent_empty_is_accessible_and_leads_to_its_boxes(
        browser, live_app, live_server):
    """A new record of each kind edited a record at a time, saved with nothing typed: the
    error summary passes axe and each of its links puts the cursor in its box."""
    context = browser.new_context()
    page = context.new_page()
    staff_member(page, live_app, live_server, "publisher")
    for pages in EDITED:
        state = f"a new {pages.kind.singular.lower()} saved empty"
        page.goto(f"{live_server}/staff/content/{pages.collection}/new")
        page.get_by_role("button", name="Save without publishing").click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        assert page.title().startswith("Error: "), state
        assert_no_violations(page, state)
        check_every_error_link_focuses_its_box(page, state)
    context.close()
