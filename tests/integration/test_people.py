"""Senior staff, office holders, staff numbers and the organisation chart: a name withheld
at the holder's request is never public, only senior posts show a salary and a name (by a
threshold that is a setting), the chart nests each post under the one it reports to, and
reporting lines never go round in a circle."""

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from content.importer import ImportRejected, parse_json_lines
from content.models import Post, Revision
from content.people import settle_posts
from portal.config import from_environment
from tests import factories
from tests.staff_pages import submit

WITHHELD = "Wilhelmina Quorn"
THRESHOLD = 5_820_000


def office(session, add_records):
    """A small office: the Commissioner at the top, the Deputy and the Chief Executive
    under them, a head of service under the Chief Executive (who refused consent to their
    name being published) and an officer under the head of service."""
    add_records(
        factories.post("Police and Crime Commissioner", office_holder=True,
                       holder_name="Helen Marwood", salary="86700.00",
                       correspondence_address="1 Castle Street, Fernbridge FE1 1AA"),
        factories.post("Chief Executive", reports_to="police-and-crime-commissioner",
                       holder_name="Priya Castellano", salary="104000.00"),
        factories.post("Deputy Police and Crime Commissioner", office_holder=True,
                       reports_to="police-and-crime-commissioner", holder_name="Tom Ashdown",
                       salary="65000.00"),
        factories.post("Head of Policy and Performance", reports_to="chief-executive",
                       holder_name=WITHHELD, name_withheld=True, salary="66200.00",
                       responsibilities="Runs the **scrutiny programme**."),
        factories.post("Policy Officer", reports_to="head-of-policy-and-performance",
                       holder_name="Sam Lowther", salary="37300.00",
                       responsibilities="Writes briefings."),
    )
    settle_posts(session, THRESHOLD)
    session.commit()


def page_of(client, address):
    return BeautifulSoup(client.get(address).get_data(as_text=True), "html.parser")


def test_the_chart_nests_each_post_under_the_post_it_reports_to_in_reading_order(
        client, session, add_records):
    office(session, add_records)
    chart = page_of(client, "/our-people/chart").select_one(".portal-chart")

    def tree(level):
        return [(item.select_one(".portal-chart__title").get_text(strip=True),
                 tree(item.find("ul", recursive=False)) if item.find("ul", recursive=False)
                 else []) for item in level.find_all("li", recursive=False)]

    assert tree(chart.find("ul")) == [
        ("Police and Crime Commissioner", [
            ("Deputy Police and Crime Commissioner", []),
            ("Chief Executive", [
                ("Head of Policy and Performance", [("Policy Officer", [])]),
            ]),
        ]),
    ]
    # A screen reader reads the posts from the top of the office down.
    titles = [link.get_text(strip=True) for link in chart.select(".portal-chart__title")]
    assert titles == ["Police and Crime Commissioner", "Deputy Police and Crime Commissioner",
                      "Chief Executive", "Head of Policy and Performance", "Policy Officer"]


def test_a_withheld_name_is_on_no_public_page_download_feed_or_search(
        client, session, add_records, app):
    office(session, add_records)
    slug = "head-of-policy-and-performance"
    for address in ("/our-people", f"/our-people/{slug}", "/our-people/chart",
                    "/our-people.csv", "/our-people.json", "/our-people.atom",
                    "/search?q=scrutiny+programme", "/search.json?q=scrutiny+programme",
                    "/search.csv?q=scrutiny+programme"):
        assert WITHHELD not in client.get(address).get_data(as_text=True), address
        assert "Quorn" not in client.get(address).get_data(as_text=True), address
    assert client.get("/search.json", query_string={"q": "Quorn"}).get_json()["total"] == 0
    # The post itself is public, saying why there is no name.
    found = client.get("/search.json", query_string={"q": "scrutiny programme"}).get_json()
    assert [record["title"] for record in found["records"]] == [
        "Head of Policy and Performance"]
    assert "Withheld at their request" in page_of(client, f"/our-people/{slug}").get_text()
    row = next(row for row in csv.DictReader(io.StringIO(
        client.get("/our-people.csv").get_data(as_text=True).lstrip("\ufeff")))
        if row["slug"] == slug)
    assert (row["name"], row["name_withheld"], row["salary"]) == ("", "yes", "66200.00")
    # A name that may be published is searchable.
    assert client.get("/search.json", query_string={"q": "Castellano"}).get_json()["total"] == 1


def test_staff_still_see_a_withheld_name(client, session, add_records, publisher):
    office(session, add_records)
    post = session.scalars(select(Post).where(Post.name_withheld.is_(True))).one()
    assert WITHHELD in client.get(f"/staff/content/our-people/{post.id}").get_data(
        as_text=True)
    listing = page_of(client, "/staff/content/our-people")
    rows = [[cell.get_text(" ", strip=True) for cell in row.select("th, td")]
            for row in listing.select("tbody tr")]
    cells = next(cells for cells in rows if cells[0] == "Head of Policy and Performance")
    assert f"{WITHHELD} (withheld from the public)" in cells
    assert "Chief Executive" in cells  # the post it reports to, by its title


def test_a_post_below_the_threshold_shows_only_its_job_title_and_reporting_line(
        client, session, add_records):
    office(session, add_records)
    page = page_of(client, "/our-people/policy-officer").get_text(" ")
    assert "Sam Lowther" not in page and "37,300" not in page and "briefings" not in page
    assert "Head of Policy and Performance" in page
    document = json.loads(client.get("/our-people.json").get_data(as_text=True))
    officer = next(record for record in document["records"]
                   if record["slug"] == "policy-officer")
    assert officer["post_type"] == "Other post"
    assert officer["name"] is None and officer["salary"] is None
    assert officer["responsibilities"] is None
    assert "Sam Lowther" not in client.get("/our-people.atom").get_data(as_text=True)


def test_office_holders_show_their_address_and_salary(client, session, add_records):
    office(session, add_records)
    page = page_of(client, "/our-people/police-and-crime-commissioner").get_text(" ")
    assert "Helen Marwood" in page and "£86,700.00 a year" in page
    assert "1 Castle Street, Fernbridge FE1 1AA" in page


def test_the_senior_salary_threshold_is_a_setting(app, client, runner, tmp_path,
                                                 monkeypatch):
    monkeypatch.setenv("SENIOR_SALARY_THRESHOLD", "£65,000")
    assert from_environment(tmp_path)["SENIOR_SALARY_THRESHOLD"] == 6_500_000
    monkeypatch.delenv("SENIOR_SALARY_THRESHOLD")
    assert from_environment(tmp_path)["SENIOR_SALARY_THRESHOLD"] == THRESHOLD

    source = tmp_path / "posts.jsonl"
    source.write_text(json.dumps(factories.post("Head of Estates", holder_name="Ann Brook",
                                                salary="61000.00")) + "\n")

    def imported_row():
        assert runner.invoke(args=["import", str(source)]).exit_code == 0
        return next(csv.DictReader(io.StringIO(
            client.get("/our-people.csv").get_data(as_text=True).lstrip("\ufeff"))))

    row = imported_row()
    assert (row["post_type"], row["name"], row["salary"]) == (
        "Senior employee", "Ann Brook", "61000.00")
    app.config["SENIOR_SALARY_THRESHOLD"] = 6_500_000
    row = imported_row()
    assert (row["post_type"], row["name"], row["salary"]) == ("Other post", "", "")


def test_an_import_whose_reporting_lines_go_round_in_a_circle_imports_nothing(
        client, runner, tmp_path):
    source = tmp_path / "posts.jsonl"
    source.write_text("\n".join(json.dumps(record) for record in (
        factories.post("Head of Finance", reports_to="head-of-estates"),
        factories.post("Head of Estates", reports_to="head-of-finance"),
        factories.post("Finance Officer", reports_to="head-of-finance"))) + "\n")
    result = runner.invoke(args=["import", str(source)])
    assert result.exit_code != 0
    assert "circle" in result.output and "Nothing was imported" in result.output
    assert client.get("/our-people.json").get_json()["total"] == 0
    nowhere = tmp_path / "nowhere.jsonl"
    nowhere.write_text(json.dumps(factories.post("Clerk", reports_to="no-such-post")) + "\n")
    result = runner.invoke(args=["import", str(nowhere)])
    assert result.exit_code != 0 and "no post “no-such-post”" in result.output


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"reports_to": "chief-executive-and-monitoring-officer"}, "reports_to",
     "cannot be the post itself"),
    ({"office_holder": True, "name_withheld": True}, "name_withheld", "always published"),
    ({"slug": "chart"}, "slug", "that address is taken"),
])
def test_a_post_that_cannot_be_right_is_refused_on_import(fields, field, message):
    with pytest.raises(ImportRejected) as refused:
        parse_json_lines(json.dumps(factories.post(**fields)))
    (problem,) = refused.value.problems
    assert problem.field == field and message in problem.message


@pytest.mark.parametrize(("fields", "field"), [
    ({"women_percent": "70.5", "sex_not_known_percent": "30"}, "sex_not_known_percent"),
    ({"disabled_percent": "5.55"}, "disabled_percent"),
    ({"ethnic_minority_percent": "101"}, "ethnic_minority_percent"),
    ({"full_time_equivalent": "31.666"}, "full_time_equivalent"),
    ({"headcount": "thirty"}, "headcount"),
])
def test_staff_numbers_that_cannot_add_up_are_refused(fields, field):
    with pytest.raises(ImportRejected) as refused:
        parse_json_lines(json.dumps(factories.workforce(**fields)))
    assert refused.value.problems[0].field == field


def test_a_staff_count_shows_each_share_with_the_rest_so_they_add_up(client, add_records):
    add_records(factories.workforce("2026-03-31", women_percent="61.8",
                                    sex_not_known_percent="2.9"))
    page = page_of(client, "/workforce/2026-03-31").get_text(" ")
    assert "Women: 61.8%" in page and "Men: 35.3%" in page and "2.9%" in page
    assert "34 (not counting the Deputy Commissioner)" in page
    row = next(csv.DictReader(io.StringIO(
        client.get("/workforce.csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert (row["as_at"], row["headcount"], row["full_time_equivalent"],
            row["women_percent"]) == ("2026-03-31", "34", "31.60", "61.8")


def test_staff_counts_are_filtered_by_financial_year(client, add_records):
    add_records(factories.workforce("2025-03-31"), factories.workforce("2025-04-30"),
                factories.workforce("2026-03-31"))
    rows = client.get("/workforce.json", query_string={"financial_year": "2025-26"}).get_json()
    assert [row["as_at"] for row in rows["records"]] == ["2026-03-31", "2025-04-30"]


POST = {"title": "Head of Estates", "holder_name": "Ann Brook", "salary": "61000.00",
        "responsibilities": "Looks after the buildings.", "date": ["1", "4", "2026"],
        "reports_to": ""}


def test_a_publisher_cannot_make_reporting_lines_go_round_in_a_circle(
        client, session, add_records, publisher):
    office(session, add_records)
    top = session.scalars(select(Post).where(
        Post.slug == "police-and-crime-commissioner")).one()
    response = submit(client, f"/staff/content/our-people/{top.id}", "save",
                      title="Police and Crime Commissioner", office_holder="y",
                      holder_name="Helen Marwood", salary="86700.00",
                      date=["1", "4", "2026"], reports_to="policy-officer",
                      change_note="Reports to the officer now")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "circle of reporting lines" in page and 'href="#reports_to"' in page
    session.expire_all()
    assert top.reports_to is None


def test_a_post_is_published_by_staff_and_is_senior_by_the_threshold(
        client, session, publisher):
    preview = submit(client, "/staff/content/our-people/new", "preview", **POST)
    assert "Senior employee" in preview.get_data(as_text=True)
    assert "£61,000.00 a year" in preview.get_data(as_text=True)
    assert submit(client, "/staff/content/our-people/new", "publish", **POST
                  ).status_code == 302
    page = page_of(client, "/our-people/head-of-estates").get_text(" ")
    assert "Ann Brook" in page and "buildings" in page


def test_an_earlier_version_never_shows_a_name_withheld_since(client, session, publisher):
    submit(client, "/staff/content/our-people/new", "publish", **POST)
    post = session.scalars(select(Post)).one()
    response = submit(client, f"/staff/content/our-people/{post.id}", "save",
                      **{**POST, "name_withheld": "y",
                         "change_note": "The name is withheld at their request"})
    assert response.status_code == 302
    revision = session.scalars(select(Revision).where(Revision.record_id == post.id)).one()
    for address in ("/our-people/head-of-estates",
                    f"/our-people/head-of-estates/revisions/{revision.id}"):
        assert "Ann Brook" not in client.get(address).get_data(as_text=True), address
    assert revision.previous["holder_name"] == ""


def test_the_worker_keeps_senior_posts_in_step_with_a_changed_threshold(
        app, client, runner, session, add_records):
    office(session, add_records)
    assert "66200.00" in client.get("/our-people.csv").get_data(as_text=True)
    app.config["SENIOR_SALARY_THRESHOLD"] = 7_000_000
    assert runner.invoke(args=["worker", "--once"]).exit_code == 0
    downloaded = client.get("/our-people.csv").get_data(as_text=True)
    assert "66200.00" not in downloaded and "104000.00" in downloaded
    assert client.get("/search.json", query_string={"q": "scrutiny programme"}
                      ).get_json()["total"] == 0
