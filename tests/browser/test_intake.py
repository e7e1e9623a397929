"""The three public forms in a real browser: with the keyboard alone, without JavaScript,
on a 320px-wide screen, and with no accessibility violations on any page or error."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import assert_no_violations

REFERENCE = re.compile(r"^[CKR]-[2-9A-Z]{4}-[2-9A-Z]{4}$")


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)",
                         selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def choose(page, name: str, position: int) -> None:
    """Select the radio at `position` (from 0) in a group, with the arrow keys."""
    tab_to(page, f"input[name={name}]")
    for _ in range(position):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")


def type_into(page, field_id: str, text: str) -> None:
    tab_to(page, f"#{field_id}")
    page.keyboard.type(text)


def press(page, button_id: str = "continue") -> None:
    tab_to(page, f"#{button_id}")
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.fixture
def phone(browser):
    """A phone-sized window, driven with the keyboard."""
    context = browser.new_context(viewport={"width": 375, "height": 740})
    yield context.new_page()
    context.close()


def checked_page(page, label: str) -> None:
    """Every page on the way: no violations, and nothing wider than the screen."""
    assert_no_violations(page, f"{label} ({page.url})")


def reference_on(page) -> str:
    reference = page.locator(".portal-reference").inner_text().strip()
    assert REFERENCE.match(reference), reference
    return reference


def test_a_complaint_with_the_keyboard_alone_on_a_phone_sized_screen(phone, live_server):
    page = phone
    page.goto(live_server + "/complaint")
    checked_page(page, "complaint start")
    tab_to(page, "a.govuk-button--start")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    checked_page(page, "about")
    press(page)  # nothing chosen: the error page
    assert page.get_by_role("alert").is_visible() or page.locator(".govuk-error-summary").is_visible()
    checked_page(page, "about with an error")
    choose(page, "about", 0)
    press(page)
    choose(page, "complainant", 0)
    press(page)
    checked_page(page, "when")
    choose(page, "when_known", 1)  # roughly
    press(page)
    type_into(page, "happened_roughly", "Early last month")
    press(page)
    checked_page(page, "what happened")
    type_into(page, "what_happened", "The officer at the front desk shouted at me.")
    type_into(page, "where", "Fernbridge police station")
    press(page)
    press(page)  # what would put it right: optional
    checked_page(page, "contact")
    type_into(page, "full_name", "Alex Keyboard")
    type_into(page, "email", "alex@example.com")
    choose(page, "preferred_contact", 0)
    press(page)
    checked_page(page, "support")
    tab_to(page, "#support-3")  # large print
    page.keyboard.press("Space")
    press(page)
    checked_page(page, "evidence")
    press(page)
    choose(page, "share_with_psd", 0)
    press(page)
    checked_page(page, "equality")
    press(page, "skip")
    checked_page(page, "check answers")
    expect(page.get_by_text("Letters in large print")).to_be_visible()
    press(page, "send")
    checked_page(page, "confirmation")
    reference_on(page)
    expect(page.get_by_role("heading", name="We have received your complaint")).to_be_visible()


def test_a_compliment_with_the_keyboard_alone_on_a_phone_sized_screen(phone, live_server):
    page = phone
    page.goto(live_server + "/compliment/who")
    type_into(page, "officer", "PC 4321")
    press(page)
    type_into(page, "what_they_did", "She found my lost dog.")
    press(page)
    press(page)  # when: optional
    press(page)  # contact: optional, a compliment may be anonymous
    checked_page(page, "compliment check answers")
    press(page, "send")
    reference_on(page)


def test_a_review_request_with_the_keyboard_alone_on_a_phone_sized_screen(phone, live_server,
                                                                          clock):
    page = phone
    page.goto(live_server + "/review")
    checked_page(page, "review start")
    page.goto(live_server + "/review/reference")
    type_into(page, "complaint_reference", "CO/123/25")
    press(page)
    letter = clock.today - timedelta(days=40)
    type_into(page, "letter_date-day", str(letter.day))
    page.keyboard.press("Tab")
    page.keyboard.type(str(letter.month))
    page.keyboard.press("Tab")
    page.keyboard.type(str(letter.year))
    press(page)
    checked_page(page, "deadline")
    expect(page.get_by_text("Yours is late, but you can still send it")).to_be_visible()
    press(page)
    choose(page, "handled_by", 0)
    press(page)
    type_into(page, "review_reason", "Nobody spoke to my witness.")
    press(page)
    type_into(page, "full_name", "Sam Keyboard")
    type_into(page, "phone", "07700 900 982")
    choose(page, "preferred_contact", 1)
    press(page)
    press(page)  # support: optional
    press(page, "send")
    reference_on(page)


def test_every_error_state_has_no_violations_and_links_to_its_field(page, live_server, clock):
    page.goto(live_server + "/complaint/about")
    page.get_by_label("A police officer or member of police staff").check()
    page.locator("#continue").click()
    page.get_by_label("I am complaining for someone else").check()
    page.locator("#continue").click()
    page.locator("#continue").click()  # permission, empty
    checked_page(page, "permission with errors")
    page.locator(".govuk-error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "affected_person"
    page.get_by_label("What is the name of the person you are complaining for?").fill("Jo")
    page.get_by_label("Not yet").check()
    page.locator("#continue").click()
    page.get_by_label("Yes, I know the date").check()
    page.locator("#continue").click()
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2025")
    page.locator("#continue").click()
    checked_page(page, "when with an impossible date")
    expect(page.locator(".govuk-error-summary").get_by_text(
        "The date it happened must be a real date")).to_be_visible()
    page.locator(".govuk-error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "happened_on-day"
    page.get_by_label("Day").fill("1")
    page.get_by_label("Year").fill(str(clock.today.year))
    page.get_by_label("Month").fill("1")
    page.locator("#continue").click()
    page.locator("#continue").click()  # what happened, empty
    checked_page(page, "what happened with errors")
    page.get_by_label("What happened?").fill("Something")
    page.locator("#continue").click()
    page.locator("#continue").click()
    page.locator("#continue").click()  # contact, empty
    checked_page(page, "contact with errors")
    page.get_by_label("Email address (optional)").fill("not an email")
    page.locator("#continue").click()
    expect(page.locator(".govuk-error-summary").get_by_text(
        "Enter an email address in the correct format")).to_be_visible()


def test_changing_an_answer_from_the_check_page(page, live_server):
    page.goto(live_server + "/compliment/who")
    page.get_by_label("Name or collar number (optional)").fill("PC 1")
    page.locator("#continue").click()
    page.get_by_label("What did they do?").fill("Helped me.")
    page.locator("#continue").click()
    page.locator("#continue").click()
    page.locator("#continue").click()
    page.get_by_role("link", name="Change what did they do?").click()
    page.get_by_label("What did they do?").fill("Helped me home safely.")
    page.locator("#continue").click()
    assert page.url.endswith("/compliment/check")
    expect(page.get_by_text("Helped me home safely.")).to_be_visible()


def test_each_form_works_without_javascript(page_without_javascript, live_server, clock):
    page = page_without_javascript
    page.goto(live_server + "/complaint/about")
    page.get_by_label("The Chief Constable").check()
    page.locator("#continue").click()
    page.get_by_label("I saw what happened").check()
    page.locator("#continue").click()
    page.get_by_label("Yes, I know the date").check()
    page.locator("#continue").click()
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill(str(clock.today.year - 1))
    page.locator("#continue").click()
    if "time-limit" in page.url:
        page.locator("#continue").click()
    page.get_by_label("What happened?").fill("No JavaScript, no problem.")
    page.locator("#continue").click()
    page.locator("#continue").click()
    page.get_by_label("Full name").fill("Jo NoScript")
    page.get_by_label("Postal address (optional)").fill("1 High Street\nFernbridge")
    page.get_by_label("Post", exact=True).check()
    page.locator("#continue").click()
    page.locator("#continue").click()
    page.locator("#continue").click()
    page.get_by_label("No").check()
    page.locator("#continue").click()
    page.get_by_label("25 to 44").check()
    page.locator("#continue").click()
    expect(page.get_by_text("Answered")).to_be_visible()
    page.locator("#send").click()
    reference_on(page)

    page.goto(live_server + "/review/reference")
    page.locator("#continue").click()
    today = clock.today
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.locator("#continue").click()
    expect(page.get_by_text("it will be in time")).to_be_visible()
    page.locator("#continue").click()
    page.get_by_label("I am not sure").check()
    page.locator("#continue").click()
    page.get_by_label("Why do you think the outcome is not reasonable and proportionate?").fill(
        "Reasons.")
    page.locator("#continue").click()
    page.get_by_label("Full name").fill("Sam NoScript")
    page.get_by_label("Email address (optional)").fill("sam@example.com")
    page.get_by_label("Email", exact=True).check()
    page.locator("#continue").click()
    page.locator("#continue").click()
    page.locator("#send").click()
    reference_on(page)


def test_evidence_upload_in_the_browser(page, live_server, tmp_path):
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    fake = tmp_path / "notes.pdf"
    fake.write_bytes(b"this is not a pdf")
    page.goto(live_server + "/complaint/about")
    for label in ("A police officer or member of police staff", "I am the person it happened to",
                  "No, I do not know"):
        page.get_by_label(label).check()
        page.locator("#continue").click()
    page.get_by_label("What happened?").fill("Evidence test.")
    page.locator("#continue").click()
    page.locator("#continue").click()
    page.get_by_label("Full name").fill("Pat Upload")
    page.get_by_label("Telephone number (optional)").fill("01632 960 001")
    page.get_by_label("Telephone", exact=True).check()
    page.locator("#continue").click()
    page.locator("#continue").click()
    page.get_by_label("Upload a file").set_input_files(str(fake))
    page.get_by_role("button", name="Upload file").click()
    checked_page(page, "evidence with an error")
    assert page.locator(".govuk-error-summary").get_by_text(
        "must be a JPG, PNG, GIF, WEBP, HEIC or PDF").is_visible()
    page.get_by_label("Upload a file").set_input_files(str(photo))
    page.get_by_role("button", name="Upload file").click()
    expect(page.locator(".govuk-summary-list__value").get_by_text("photo.png")).to_be_visible()
    checked_page(page, "evidence with a file")


@pytest.mark.parametrize("path", ["/complaint", "/complaint/about", "/compliment/who",
                                  "/review/reference", "/privacy"])
def test_pages_fit_a_320px_screen_without_scrolling_sideways(browser, live_server, path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server + path)
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{path} is {widths[0]}px wide on a 320px screen"
    assert_no_violations(page, f"{path} at 320px")
    context.close()


def test_a_complaint_about_the_commissioner_is_explained_not_refused(page, live_server):
    page.goto(live_server + "/complaint/about")
    page.get_by_label("The Police and Crime Commissioner or the Deputy Commissioner").check()
    page.locator("#continue").click()
    assert page.get_by_role("heading", name="Complaints about the Commissioner or Deputy "
                                              "Commissioner").is_visible()
    checked_page(page, "panel")
    page.get_by_role("link", name="change your answer").click()
    assert page.url.endswith("/complaint/about")


# Each page of each journey: (address, does it refuse an empty answer?, how to answer it).
EVERY_PAGE = {
    "complaint": [
        ("/complaint/about", True, [("check", "The police service, a policy or a procedure")]),
        ("/complaint/who", True, [("check", "I am complaining for someone else")]),
        ("/complaint/permission", True, [
            ("fill", "What is the name of the person you are complaining for?", "Jo"),
            ("check", "Yes, I can send it")]),
        ("/complaint/when", True, [("check", "I know roughly when")]),
        ("/complaint/when-roughly", True, [("fill", "Roughly when did it happen?", "May")]),
        ("/complaint/what-happened", True, [("fill", "What happened?", "It went wrong.")]),
        ("/complaint/put-right", False, []),
        ("/complaint/contact", True, [("fill", "Full name", "Ari"),
                                      ("fill", "Email address (optional)", "ari@example.com"),
                                      ("check", "Email")]),
        ("/complaint/support", False, [("check", "A British Sign Language (BSL) interpreter")]),
        ("/complaint/evidence", False, []),
        ("/complaint/share", True, [("check", "Yes")]),
        ("/complaint/equality", False, [("check", "Prefer not to say")]),
        ("/complaint/check", False, []),
    ],
    "compliment": [
        ("/compliment/who", True, [("fill", "Team (optional)", "Neighbourhood team")]),
        ("/compliment/what", True, [("fill", "What did they do?", "Kept us safe.")]),
        ("/compliment/when", False, []),
        ("/compliment/contact", False, []),
        ("/compliment/check", False, []),
    ],
    "review": [
        ("/review/reference", False, []),
        ("/review/letter-date", True, [("fill", "Day", "2"), ("fill", "Month", "1"),
                                       ("fill", "Year", "2026")]),  # before every moment
        ("/review/deadline", False, []),
        ("/review/handled-by", True, [("check", "The Office of the Police and Crime "
                                                "Commissioner")]),
        ("/review/why", True, [("fill", "Why do you think the outcome is not reasonable and "
                                        "proportionate?", "It was not.")]),
        ("/review/contact", True, [("fill", "Full name", "Kim"),
                                   ("fill", "Telephone number (optional)", "01632 960 002"),
                                   ("check", "Telephone")]),
        ("/review/support", False, []),
        ("/review/check", False, []),
    ],
}


@pytest.mark.parametrize("kind", list(EVERY_PAGE))
def test_every_page_and_every_error_state_has_no_axe_violations(page, live_server, kind):
    page.goto(live_server + EVERY_PAGE[kind][0][0])
    for address, refuses_empty, actions in EVERY_PAGE[kind]:
        assert page.url.endswith(address), f"expected {address}, at {page.url}"
        assert_no_violations(page, address)
        if refuses_empty:
            page.locator("#continue").click()
            assert page.locator(".govuk-error-summary").is_visible(), address
            assert page.url.endswith(address)
            assert_no_violations(page, f"{address} with errors")
        for action, label, *value in actions:
            field = page.get_by_label(label, exact=True).first
            field.check() if action == "check" else field.fill(value[0])
        if address.endswith("/check"):
            page.locator("#send").click()
        else:
            page.locator("#continue").click()
    reference_on(page)
    assert_no_violations(page, f"{kind} confirmation")


def test_the_pages_for_a_database_outage_have_no_violations(page, live_app, live_server):
    from tests.integration.test_intake_outage import database_unreachable
    page.goto(live_server + "/compliment/who")
    page.get_by_label("Name or collar number (optional)").fill("PC 77")
    page.locator("#continue").click()
    with database_unreachable(live_app):
        page.get_by_label("What did they do?").fill("Stayed with me until the ambulance came.")
        page.locator("#continue").click()
        expect(page.get_by_text("we could not save this answer")).to_be_visible()
        assert page.get_by_label("What did they do?").input_value() == \
            "Stayed with me until the ambulance came."
        assert_no_violations(page, "answer not saved: database unavailable")
        page.goto(live_server + "/compliment/what")
        assert page.get_by_role("heading", name="Sorry, there is a problem with the service")\
            .is_visible()
        assert_no_violations(page, "page not shown: database unavailable")
