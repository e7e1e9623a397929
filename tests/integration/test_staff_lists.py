"""The managed lists: the Lists page, adding a name and refusing a near-duplicate,
renaming a name in every record (confirmed, audited, announced), the decision form's
choices, the policy version and expense line forms' choices, and imports that never bring
a near-duplicate back."""

import json

import pytest
from sqlalchemy import select

from content.demo import load_demo
from content.expense_uploads import plan_upload, publish_upload
from content.importer import parse_expense_csv
from content.kinds import (
    CLAIMANTS,
    DECISION_CATEGORIES,
    EXPENSE_CATEGORIES,
    MANAGED_LISTS,
    POLICY_OWNERS,
)
from content.managed_lists import add_value, entries, names, near_duplicates
from content.models import Decision, Expense, Policy
from content.policy_versions import add_policy_version, check_new_policy_version
from content.queries import (
    decision_categories,
    decision_makers,
    expense_categories,
    expense_claimants,
    policy_owners,
)
from portal.kinds import PAGES
from portal.staff.models import AuditEvent
from tests import factories
from tests.integration.test_staff_decisions import DECISION, submit
from tests.integration.test_staff_expense_forms import CORRECTION, LINE, correct, published_lines
from tests.integration.test_staff_policies import VERSION
from tests.integration.test_staff_publishing import upload
from tests.integration.test_staff_queue import signed_in
from tests.staff_pages import errors_at_their_boxes, soup, success_banner, value_of, visible_text

LISTS = "/staff/lists"
ADD_CATEGORY = "/staff/lists/decision-category/new"
NEW_DECISION = "/staff/content/decisions/new"


@pytest.fixture
def publisher(app, client):
    signed_in(app, client, "pub@example.org", ["publisher"])


@pytest.fixture
def grants(add_records):
    """Three decisions in the category "Grants" and one in "Estates"."""
    add_records(*[factories.decision(f"2026/00{n}", category="Grants") for n in (1, 2, 3)],
                factories.decision("2026/004", category="Estates"))


def the_list(response, managed):
    """The rows of one list's table: (name, records using it)."""
    table = soup(response).select_one(f"[aria-label='{managed.title}'] table")
    return [tuple(cell.get_text(" ", strip=True) for cell in row.select("td")[:2])
            for row in table.select("tbody tr")]


def options(response, box_id):
    return [option.get_text(strip=True) for option in soup(response).select(f"#{box_id} option")]


def test_the_lists_page_shows_each_list_with_how_many_records_use_each_name(
        client, publisher, grants):
    response = client.get(LISTS)
    assert response.status_code == 200
    assert the_list(response, DECISION_CATEGORIES) == [("Estates", "1"), ("Grants", "3")]
    for managed in MANAGED_LISTS:
        assert managed.title in visible_text(response)
    navigation = soup(response).select_one(".govuk-service-navigation")
    assert [link["href"] for link in navigation.select("a")
            if link.get_text(strip=True) == "Lists"] == [LISTS]


def test_only_publishers_see_the_lists(app, client):
    signed_in(app, client, "case@example.org", ["resolution"])
    assert client.get(LISTS).status_code == 403


def test_a_new_name_is_added_and_announced(client, session, publisher, grants):
    done = submit(client, ADD_CATEGORY, "", name="  Rural   crime ")
    assert done.status_code == 302
    page = client.get(done.headers["Location"])
    assert success_banner(page) == ["Category “Rural crime” added to decision categories"]
    assert ("Rural crime", "0") in the_list(page, DECISION_CATEGORIES)
    assert session.scalars(select(AuditEvent.target).where(
        AuditEvent.action == "added to a list")).all() == ["Rural crime"]


@pytest.mark.parametrize("typed", ["grants", "Grant", " GRANTS. ", "Grants"])
def test_a_near_duplicate_is_refused_naming_the_name_already_there(client, session,
                                                                   publisher, grants, typed):
    response = submit(client, ADD_CATEGORY, "", name=typed)
    assert response.status_code == 400
    assert errors_at_their_boxes(response) == {"name": (
        'There is already a category called "Grants". Use it, or choose a name that is '
        "clearly different.")}
    assert value_of(response, "name") == typed  # what was typed is kept
    assert soup(response).title.get_text().startswith("Error: ")
    assert names(session, DECISION_CATEGORIES) == ["Estates", "Grants"]


def test_an_empty_name_is_refused(client, publisher):
    response = submit(client, ADD_CATEGORY, "", name="  ")
    assert errors_at_their_boxes(response) == {"name": "Enter the name of the category"}


def test_a_list_that_does_not_exist_is_not_found(client, publisher):
    assert client.get("/staff/lists/colours/new").status_code == 404


def rename_address(session, managed, value):
    entry = next(entry for entry in entries(session, managed) if entry.value == value)
    return f"/staff/lists/{managed.name}/{entry.id}/rename"


def test_renaming_asks_first_then_renames_every_record_audits_and_announces(
        client, session, publisher, grants):
    address = rename_address(session, DECISION_CATEGORIES, "Grants")
    asked = submit(client, address, "", name="Grants and awards")
    assert asked.status_code == 200
    text = visible_text(asked)
    assert ("Are you sure you want to rename the category “Grants” to “Grants and awards”?"
            in text)
    assert "3 records use it. They will all show “Grants and awards” instead" in text
    assert session.scalars(select(Decision.category).distinct()).all() != ["Grants and awards"]

    done = submit(client, address, "", name="Grants and awards", confirmed="yes")
    assert done.status_code == 302
    assert success_banner(client.get(done.headers["Location"])) == [
        "Category “Grants” renamed “Grants and awards” in 3 records"]
    session.expire_all()
    assert sorted(session.scalars(select(Decision.category))) == [
        "Estates", "Grants and awards", "Grants and awards", "Grants and awards"]
    event = session.scalars(select(AuditEvent).where(
        AuditEvent.action == "renamed in a list")).one()
    assert event.target == "Grants"
    assert event.detail["new_name"] == "Grants and awards" and event.detail["records"] == 3
    assert options(client.get("/decisions"), "filter-category") == [
        "Any", "Estates", "Grants and awards"]
    found = client.get("/search.json?q=victims").get_json()
    assert sorted(result["category"] for result in found["records"]) == [
        "Estates", "Grants and awards", "Grants and awards", "Grants and awards"]


def test_a_new_spelling_of_the_same_name_is_a_rename(client, session, publisher, add_records):
    add_records(factories.decision("2026/001", category="grants"))
    address = rename_address(session, DECISION_CATEGORIES, "grants")
    submit(client, address, "", name="Grants", confirmed="yes")
    session.expire_all()
    assert session.scalars(select(Decision.category)).all() == ["Grants"]


def test_renaming_to_a_near_duplicate_of_another_name_is_refused_before_asking(
        client, session, publisher, grants):
    address = rename_address(session, DECISION_CATEGORIES, "Estates")
    for confirmed in ("", "yes"):
        response = submit(client, address, "", name="grant", confirmed=confirmed)
        assert response.status_code == 400
        assert errors_at_their_boxes(response) == {"name": (
            'There is already a category called "Grants". Use it, or choose a name that is '
            "clearly different.")}
        assert value_of(response, "name") == "grant"
    session.expire_all()
    assert session.scalar(select(Decision.category).where(
        Decision.reference == "2026/004")) == "Estates"


def test_renaming_to_the_same_name_says_so(client, session, publisher, grants):
    address = rename_address(session, DECISION_CATEGORIES, "Estates")
    response = submit(client, address, "", name="Estates")
    assert errors_at_their_boxes(response) == {"name": (
        'The category is already called "Estates". Enter a different name')}


# The decision form

def test_the_decision_form_offers_the_lists_and_keeps_what_was_chosen(client, session,
                                                                       publisher, grants):
    page = client.get(NEW_DECISION)
    assert options(page, "category") == ["Choose a category", "Estates", "Grants"]
    assert options(page, "decision_maker") == ["Choose a decision maker",
                                               "Police and Crime Commissioner"]
    response = submit(client, NEW_DECISION, "save", **{**DECISION, "category": "Estates",
                                                       "title": ""})
    assert response.status_code == 400
    assert value_of(response, "category") == "Estates"


def test_no_category_chosen_is_an_error_at_the_choice(client, publisher, grants):
    response = submit(client, NEW_DECISION, "save", **{**DECISION, "category": ""})
    assert errors_at_their_boxes(response) == {
        "category": "Choose a category, or add a new one"}


def test_a_new_category_that_nearly_matches_one_listed_is_refused_at_its_box(
        client, session, publisher, grants):
    response = submit(client, NEW_DECISION, "save",
                      **{**DECISION, "category": "", "new_category": "grant",
                         "new_decision_maker": "police & crime commissioner"})
    assert response.status_code == 400
    assert errors_at_their_boxes(response) == {
        "new_category": 'There is already a category called "Grants". Use it, or choose '
                        "a name that is clearly different.",
        "new_decision_maker": 'There is already a decision maker called "Police and Crime '
                              'Commissioner". Use it, or choose a name that is clearly '
                              "different."}
    assert value_of(response, "new_category") == "grant"
    assert session.scalars(select(Decision).where(Decision.reference == "2026/101")).all() == []


def test_a_new_category_is_used_and_joins_the_list(client, session, publisher, grants):
    done = submit(client, NEW_DECISION, "save",
                  **{**DECISION, "category": "", "new_category": "Rural crime"})
    assert done.status_code == 302
    session.expire_all()
    assert session.scalar(select(Decision.category).where(
        Decision.reference == "2026/101")) == "Rural crime"
    assert names(session, DECISION_CATEGORIES) == ["Estates", "Grants", "Rural crime"]
    assert "Rural crime" in options(client.get(NEW_DECISION), "category")


def test_a_category_sent_that_is_not_in_the_list_is_refused_not_added(client, session,
                                                                      publisher, grants):
    # As from a page left open while "grants" was renamed "Grants".
    response = submit(client, NEW_DECISION, "save", **{**DECISION, "category": "grants"})
    assert response.status_code == 400
    assert errors_at_their_boxes(response) == {
        "category": "Choose a category from the list, or add a new one"}
    assert session.scalars(select(Decision).where(Decision.reference == "2026/101")).all() == []
    assert names(session, DECISION_CATEGORIES) == ["Estates", "Grants"]


# The policy version form

NEW_POLICY = "/staff/content/policies/new"
GIFTS_POLICY = {**VERSION, "title": "Gifts policy", "version": "1.0"}


@pytest.fixture
def owners(add_records):
    """Two policies, owned by the Chief Executive and the Monitoring Officer."""
    add_records(factories.policy(owner="Chief Executive"),
                factories.policy("Data protection policy", owner="Monitoring Officer"))


def the_gifts_policy(session):
    session.expire_all()
    return session.scalars(select(Policy).where(Policy.title == "Gifts policy")).all()


def test_the_policy_form_offers_the_owners_and_keeps_the_one_chosen(client, publisher,
                                                                    owners):
    page = client.get(NEW_POLICY)
    assert options(page, "owner") == ["Choose a policy owner", "Chief Executive",
                                      "Monitoring Officer"]
    following = client.get("/staff/content/policies/data-protection-policy/new-version")
    assert value_of(following, "owner") == "Monitoring Officer"
    response = submit(client, NEW_POLICY, "publish",
                      **{**GIFTS_POLICY, "owner": "Monitoring Officer", "version": ""})
    assert errors_at_their_boxes(response) == {"version": "Enter the version number"}
    assert value_of(response, "owner") == "Monitoring Officer"


def test_a_new_owner_that_nearly_matches_one_listed_is_refused_at_its_box(
        client, session, publisher, owners):
    response = submit(client, NEW_POLICY, "publish",
                      **{**GIFTS_POLICY, "owner": "", "new_owner": "chief  executive"})
    assert response.status_code == 400
    assert errors_at_their_boxes(response) == {
        "new_owner": 'There is already a policy owner called "Chief Executive". Use it, or '
                     "choose a name that is clearly different."}
    assert value_of(response, "new_owner") == "chief  executive"
    assert the_gifts_policy(session) == []


def test_a_new_owner_is_used_and_joins_the_list(client, session, publisher, owners):
    done = submit(client, NEW_POLICY, "publish",
                  **{**GIFTS_POLICY, "owner": "", "new_owner": "Head of Governance"})
    assert done.status_code == 302
    assert [policy.owner for policy in the_gifts_policy(session)] == ["Head of Governance"]
    assert names(session, POLICY_OWNERS) == ["Chief Executive", "Head of Governance",
                                             "Monitoring Officer"]
    assert "Head of Governance" in options(client.get(NEW_POLICY), "owner")


def test_an_owner_sent_that_is_not_in_the_list_is_refused_not_added(client, session,
                                                                    publisher, owners):
    response = submit(client, NEW_POLICY, "publish", **{**GIFTS_POLICY, "owner": "Treasurer"})
    assert response.status_code == 400
    assert errors_at_their_boxes(response) == {
        "owner": "Choose a policy owner from the list, or add a new one"}
    assert value_of(response, "owner") == ""
    assert the_gifts_policy(session) == []
    assert names(session, POLICY_OWNERS) == ["Chief Executive", "Monitoring Officer"]


# The expense line form

NOTE = {"change_note": "The fare was claimed by the deputy"}


def line_says(session, column):
    session.expire_all()
    return session.scalar(select(column).where(Expense.reference == "EXP-1"))


def test_the_expense_line_form_offers_the_lists_and_keeps_what_was_chosen(app, client,
                                                                         session):
    published_lines(app, client)
    add_value(session, EXPENSE_CATEGORIES, "Subsistence")
    session.commit()
    page = client.get(LINE)
    assert options(page, "claimant") == ["Choose a claimant", "Police and Crime Commissioner"]
    assert options(page, "category") == ["Choose an expense category", "Subsistence", "Travel"]
    assert value_of(page, "category") == "Travel"
    response = correct(client, **{**CORRECTION, "category": "Subsistence", "amount": "lots"},
                       **NOTE)
    assert set(errors_at_their_boxes(response)) == {"amount"}
    assert value_of(response, "category") == "Subsistence"


def test_a_new_category_for_a_line_that_nearly_matches_one_listed_is_refused_at_its_box(
        app, client, session):
    published_lines(app, client)
    response = correct(client, **{**CORRECTION, "category": "", "new_category": "travels"},
                       **NOTE)
    assert response.status_code == 400
    assert errors_at_their_boxes(response) == {
        "new_category": 'There is already an expense category called "Travel". Use it, or '
                        "choose a name that is clearly different."}
    assert value_of(response, "new_category") == "travels"
    assert line_says(session, Expense.amount_pence) == 8420


def test_a_new_claimant_for_a_line_is_used_and_joins_the_list(app, client, session):
    published_lines(app, client)
    done = correct(client, **{**CORRECTION, "claimant": "",
                              "new_claimant": "Deputy Police and Crime Commissioner"}, **NOTE)
    assert done.status_code == 302
    assert line_says(session, Expense.claimant) == "Deputy Police and Crime Commissioner"
    assert names(session, CLAIMANTS) == ["Deputy Police and Crime Commissioner",
                                         "Police and Crime Commissioner"]


def test_a_claimant_or_category_sent_that_is_not_in_its_list_is_refused_not_added(
        app, client, session):
    published_lines(app, client)
    response = correct(client, **{**CORRECTION, "claimant": "The Deputy",
                                  "category": "Travell"}, **NOTE)
    assert response.status_code == 400
    assert errors_at_their_boxes(response) == {
        "claimant": "Choose a claimant from the list, or add a new one",
        "category": "Choose an expense category from the list, or add a new one"}
    assert line_says(session, Expense.amount_pence) == 8420
    assert names(session, CLAIMANTS) == ["Police and Crime Commissioner"]
    assert names(session, EXPENSE_CATEGORIES) == ["Travel"]


# Imports and the demo data

def test_an_import_brings_a_near_duplicate_in_as_the_listed_name_and_says_so(
        runner, session, tmp_path, grants):
    file = tmp_path / "records.jsonl"
    file.write_text("\n".join(json.dumps(record) for record in (
        factories.decision("2026/010", category="grants"),
        factories.decision("2026/011", category="Community safety"),
        factories.expense(claimant="Deputy Police & Crime Commissioner"),
        factories.expense("Taxi", claimant="Deputy Police and Crime Commissioner"))) + "\n")
    result = runner.invoke(args=["import", str(file)])
    assert result.exit_code == 0, result.output
    assert ('Line 1: category "grants" recorded as "Grants", the name already in use.'
            in result.output)
    assert ('Line 4: claimant "Deputy Police and Crime Commissioner" recorded as '
            '"Deputy Police & Crime Commissioner", the name already in use.' in result.output)
    session.expire_all()
    assert session.scalar(select(Decision.category).where(
        Decision.reference == "2026/010")) == "Grants"
    assert set(session.scalars(select(Expense.claimant))) == {
        "Deputy Police & Crime Commissioner"}
    assert names(session, DECISION_CATEGORIES) == ["Community safety", "Estates", "Grants"]


def test_the_demo_data_fills_the_lists_and_no_public_filter_offers_a_near_duplicate(
        client, session):
    load_demo(session)
    session.commit()
    for managed in MANAGED_LISTS:
        assert names(session, managed), managed.title
    offered_names = set()
    for pages in PAGES:
        listing = soup(client.get(f"/{pages.collection}"))
        for select_box in listing.select("select"):
            offered = [option.get_text(strip=True) for option in select_box.select("option")]
            offered_names.update(offered)
            assert near_duplicates(offered) == [], f"/{pages.collection} #{select_box['id']}"
        for name, offered in pages.search_options(session).items():
            assert near_duplicates(offered) == [], f"search {pages.kind.name} {name}"
    # The listings' filters offer the listed names.
    assert {"Grants", "Chief Finance Officer", "Deputy Police and Crime Commissioner",
            "Mileage", "Head of Governance and Compliance"} <= offered_names
    for filter_options in (decision_categories, decision_makers, expense_claimants,
                           expense_categories, policy_owners):
        offered = filter_options(session)
        assert offered and near_duplicates(offered) == [], filter_options.__name__


def test_a_near_duplicate_cannot_be_added_directly_either(session, grants):
    with pytest.raises(ValueError, match='already a category called "Grants"'):
        add_value(session, DECISION_CATEGORIES, "GRANTS")


# Expense lines and policy versions: the domain functions their forms call

def test_an_expense_file_uses_the_listed_claimant_and_adds_new_categories_only_when_published(
        session, add_records):
    add_records(factories.expense(claimant="Police and Crime Commissioner"))
    records = parse_expense_csv(
        "date,claimant,category,description,amount\n"
        "2026-01-05,police & crime commissioner,Travel,Rail fare,10.00\n"
        "2026-01-06,Police and Crime Commissioner,Parking,Car park,4.00\n")
    plan = plan_upload(session, records)
    assert plan.notes == ['Line 2: claimant "police & crime commissioner" recorded as "Police '
                          'and Crime Commissioner", the name already in use.']
    assert plan.by_claimant == {"Police and Crime Commissioner": 1400}
    assert names(session, EXPENSE_CATEGORIES) == ["Travel"]  # not until it is published
    publish_upload(session, plan)
    session.commit()
    assert set(session.scalars(select(Expense.claimant))) == {"Police and Crime Commissioner"}
    assert names(session, EXPENSE_CATEGORIES) == ["Parking", "Travel"]


def test_a_policy_owner_near_a_listed_one_is_refused_and_a_new_one_joins_the_list(
        session, add_records):
    add_records(factories.policy(owner="Chief Executive"))
    new_policy = {"title": "Gifts policy", "version": "1.0", "approved": "2026-11-20"}
    parsed, problems = check_new_policy_version(session, {**new_policy,
                                                          "owner": "chief  executive"}, None)
    assert parsed is None and problems == {"owner": (
        'There is already a policy owner called "Chief Executive". Use it, or choose a name '
        "that is clearly different.")}
    parsed, problems = check_new_policy_version(session, {**new_policy,
                                                          "owner": "Monitoring Officer"}, None)
    assert problems == {} and parsed is not None
    add_policy_version(session, parsed)
    session.commit()
    assert names(session, POLICY_OWNERS) == ["Chief Executive", "Monitoring Officer"]


def test_the_expense_check_page_says_which_names_will_be_published_as_the_listed_ones(
        app, client, add_records):
    add_records(factories.expense(claimant="Police and Crime Commissioner"))
    signed_in(app, client, "pub@example.org", ["publisher"])
    upload(client, b"date,claimant,category,description,amount\n"
                   b"2026-01-05,Police & Crime Commissioner,Travel,Rail fare,10.00\n")
    page = visible_text(client.get("/staff/content/expenses/check"))
    assert ('Line 2: claimant "Police & Crime Commissioner" recorded as "Police and Crime '
            'Commissioner", the name already in use.' in page)
