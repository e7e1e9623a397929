"""Answers on a shared computer, in a real browser: the timeout warning as an accessible
modal dialog, the pages that say answers were deleted, and the delete button without
JavaScript."""

from datetime import timedelta

from playwright.sync_api import expect

from tests.browser.test_accessibility import assert_no_violations


def draft_of(app, page):
    """The draft the browser's session cookie names (read as the portal reads it)."""
    from portal.intake.models import IntakeDraft

    cookie = next(c for c in page.context.cookies() if c["name"] == "session")
    data = app.session_interface.get_signing_serializer(app).loads(cookie["value"])
    draft_id = data["intake_drafts"]["compliment"]
    with app.app_context(), app.extensions["portal_db"].sessions() as session:
        return session.get(IntakeDraft, draft_id)


def idle_since(app, page, clock, minutes):
    """Make the browser's answers look untouched for this long, as the server sees them."""
    from portal.intake.models import IntakeDraft

    draft_id = draft_of(app, page).id
    with app.app_context(), app.extensions["portal_db"].sessions() as session:
        session.get(IntakeDraft, draft_id).updated_at = clock.now - timedelta(minutes=minutes)
        session.commit()


def idle_for(app, page, clock):
    return (clock.now - draft_of(app, page).updated_at).total_seconds()


def start_a_compliment(page, live_server):
    page.goto(live_server + "/compliment/who")
    page.get_by_label("Name or collar number (optional)").fill("PC 4321")
    page.locator("#continue").click()
    page.wait_for_url("**/compliment/what")


def test_the_warning_before_answers_end_is_an_accessible_dialog_that_can_keep_them(
        page, live_app, live_server, clock):
    page.clock.install()
    start_a_compliment(page, live_server)
    warning = page.get_by_role("dialog", name="Your answers will be deleted soon")
    assert not warning.is_visible()
    idle_since(live_app, page, clock, 58.5)
    page.clock.fast_forward("58:30")
    warning.wait_for()
    expect(page.get_by_text("we will delete your answers in 2 minutes")).to_be_visible()
    stay = page.get_by_role("button", name="Continue with my answers")
    assert stay.evaluate("button => button === document.activeElement")
    assert_no_violations(page, "answers timeout warning")
    stay.click()
    warning.wait_for(state="hidden")
    page.wait_for_load_state("networkidle")
    assert idle_for(live_app, page, clock) < 100  # the press kept the answers
    # Nobody there this time: when the time is up the page says the answers were deleted.
    idle_since(live_app, page, clock, 61)
    page.clock.fast_forward("01:00:00")
    page.wait_for_url("**/compliment/timed-out")
    expect(page.get_by_role("heading", name="Your answers have been deleted")).to_be_visible()
    expect(page.get_by_text("You did not do anything for 60 minutes")).to_be_visible()
    assert_no_violations(page, "answers deleted after the timeout")


def test_the_warning_can_delete_the_answers_at_once(page, live_app, live_server, clock):
    page.clock.install()
    start_a_compliment(page, live_server)
    idle_since(live_app, page, clock, 58.5)
    page.clock.fast_forward("58:30")
    page.get_by_role("dialog", name="Your answers will be deleted soon").wait_for()
    page.get_by_role("button", name="Delete my answers now").click()
    page.wait_for_url("**/compliment/answers-deleted")
    expect(page.get_by_text("You asked us to delete your answers")).to_be_visible()
    assert_no_violations(page, "answers deleted on request")


def test_delete_my_answers_works_without_javascript(page_without_javascript, live_server):
    page = page_without_javascript
    page.goto(live_server + "/compliment/who")
    page.get_by_label("Name or collar number (optional)").fill("PC 4321")
    page.locator("#continue").click()
    page.get_by_label("What did they do?").fill("Walked me home.")
    page.locator("#continue").click()
    page.get_by_role("button", name="Delete my answers and start again").click()
    page.wait_for_url("**/compliment/answers-deleted")
    expect(page.get_by_role("heading", name="Your answers have been deleted")).to_be_visible()
    page.get_by_role("link", name="Start again").click()
    page.goto(live_server + "/compliment/who")
    assert page.get_by_label("Name or collar number (optional)").input_value() == ""


def test_the_pages_about_deleting_answers_have_no_violations(page, live_server):
    page.goto(live_server + "/complaint/delete-answers")
    assert_no_violations(page, "delete your answers")
    page.get_by_role("button", name="Delete my answers and start again").click()
    page.wait_for_url("**/complaint/answers-deleted")
    assert_no_violations(page, "answers deleted")
    # A press whose form token has expired asks to press again.
    page.goto(live_server + "/complaint/delete-answers")
    page.locator("input[name=csrf_token]").evaluate("box => box.value = 'expired'")
    page.get_by_role("button", name="Delete my answers and start again").click()
    expect(page.get_by_text("press the button again")).to_be_visible()
    assert_no_violations(page, "delete your answers, token expired")
    start_a_compliment(page, live_server)
    page.goto(live_server + "/compliment/check")
    page.wait_for_url("**/compliment/what")
    assert page.get_by_role("button", name="Delete my answers and start again").is_visible()
    assert_no_violations(page, "question page with the delete button")
