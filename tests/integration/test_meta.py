"""Safety nets: removing a public address or leaving a setting undocumented is deliberate,
and no test reads the real clock."""

import re
from datetime import timedelta
from pathlib import Path

import pytest

from portal.config import SETTINGS
from tests import moments

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")

PUBLIC_ROUTES = {
    "/", "/accessibility", "/complaints-and-compliments", "/healthz", "/readyz",
    "/using-our-data", "/publications",
    "/decisions", "/decisions.atom", "/decisions.csv", "/decisions.json",
    "/decisions/<path:identifier>", "/decisions/<path:identifier>/revisions/<int:revision_id>",
    "/decisions/<path:identifier>/documents/<int:document_id>",
    "/expenses", "/expenses.atom", "/expenses.csv", "/expenses.json", "/expenses/<reference>",
    "/policies", "/policies.atom", "/policies.csv", "/policies.json", "/policies/<slug>",
    "/policies/<slug>/versions/<version>",
    "/scrutiny", "/scrutiny.atom", "/scrutiny.csv", "/scrutiny.json", "/scrutiny/<slug>",
    "/scrutiny/<slug>/revisions/<int:revision_id>",
    "/scrutiny/<slug>/documents/<int:document_id>",
    "/meetings", "/meetings.atom", "/meetings.csv", "/meetings.json", "/meetings.ics",
    "/meetings/<slug>", "/meetings/<slug>.ics", "/meetings/<slug>/revisions/<int:revision_id>",
    "/meetings/<slug>/documents/<int:document_id>",
    "/our-people", "/our-people.atom", "/our-people.csv", "/our-people.json",
    "/our-people/<slug>", "/our-people/<slug>/revisions/<int:revision_id>",
    "/our-people/chart",
    "/workforce", "/workforce.atom", "/workforce.csv", "/workforce.json",
    "/workforce/<slug>", "/workforce/<slug>/revisions/<int:revision_id>",
    "/spending", "/spending.atom", "/spending.csv", "/spending.json", "/spending/<reference>",
    "/spending/<reference>/revisions/<int:revision_id>", "/spending/totals.csv",
    "/grants", "/grants.atom", "/grants.csv", "/grants.json", "/grants/<slug>",
    "/grants/<slug>/revisions/<int:revision_id>",
    "/contracts", "/contracts.atom", "/contracts.csv", "/contracts.json", "/contracts/<slug>",
    "/contracts/<slug>/revisions/<int:revision_id>",
    "/contracts/<slug>/documents/<int:document_id>",
    "/tenders", "/tenders.atom", "/tenders.csv", "/tenders.json", "/tenders/<slug>",
    "/tenders/<slug>/revisions/<int:revision_id>",
    "/tenders/<slug>/documents/<int:document_id>",
    "/gifts-and-hospitality", "/gifts-and-hospitality.atom", "/gifts-and-hospitality.csv",
    "/gifts-and-hospitality.json", "/gifts-and-hospitality/<reference>",
    "/gifts-and-hospitality/<reference>/revisions/<int:revision_id>",
    "/register-of-interests", "/register-of-interests.atom", "/register-of-interests.csv",
    "/register-of-interests.json", "/register-of-interests/<reference>",
    "/register-of-interests/<reference>/revisions/<int:revision_id>",
    "/budget", "/budget.atom", "/budget.csv", "/budget.json", "/budget/<slug>",
    "/budget/<slug>/revisions/<int:revision_id>", "/budget/<slug>/documents/<int:document_id>",
    "/hmicfrs-reports", "/hmicfrs-reports.atom", "/hmicfrs-reports.csv", "/hmicfrs-reports.json",
    "/hmicfrs-reports/<slug>", "/hmicfrs-reports/<slug>/revisions/<int:revision_id>",
    "/hmicfrs-reports/<slug>/documents/<int:document_id>",
    "/hmicfrs-reports/recommendations", "/hmicfrs-reports/recommendations.csv",
    "/search", "/search.csv", "/search.json", "/privacy",
    "/complaint", "/compliment", "/review",
    "/<any(complaint, compliment, review):kind>/<slug>",
    "/<any(complaint, compliment, review):kind>/check",
    "/<any(complaint, compliment, review):kind>/confirmation",
    "/<any(complaint, compliment, review):kind>/delete-answers",
    "/<any(complaint, compliment, review):kind>/answers-deleted",
    "/<any(complaint, compliment, review):kind>/timed-out",
    "/<any(complaint, compliment, review):kind>/answers-status",
    "/<any(complaint, compliment, review):kind>/keep-answers",
    "/static/<path:filename>",
}


def test_the_public_routes_are_the_ones_we_promised(app):
    routes = {rule.rule for rule in app.url_map.iter_rules() if not rule.rule.startswith("/staff")}
    assert routes == PUBLIC_ROUTES


def test_every_setting_is_documented_in_the_readme():
    for name in SETTINGS:
        assert f"| `{name}` |" in README, f"{name} is missing from the README's configuration table"


def test_every_cli_command_is_documented_in_the_readme(app):
    commands = {name for name in app.cli.commands if name != "routes"}
    for name in commands:
        group = app.cli.commands[name]
        subcommands = getattr(group, "commands", None)
        for full in ([f"{name} {sub}" for sub in subcommands] if subcommands else [name]):
            assert f"`portal {full}" in README, f"portal {full} is missing from the README"


# The clock: every test runs at a fixed moment (tests/clock.py), and takes "now" from it.

TESTS = Path(__file__).resolve().parents[1]
CLOCK_READS = re.compile(r"\b(?:date\.today|datetime\.(?:now|utcnow|today)"
                         r"|time\.(?:time|time_ns|localtime|gmtime)|utcnow)\s*\(")


def test_no_test_reads_the_clock_but_through_the_clock_fixture():
    found = [f"{path.relative_to(TESTS.parent)}:{number}: {match.group(0)}"
             for path in sorted(TESTS.rglob("*.py")) if path.name != "clock.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             for match in CLOCK_READS.finditer(line)]
    assert not found, ("use the clock fixture (clock.now, clock.today, clock.shift) instead:\n"
                       + "\n".join(found))


@pytest.mark.parametrize("moment", moments.EVERY_MOMENT, ids=str)
def test_each_moment_falls_on_the_day_written_beside_it(moment):
    assert moment.at.astimezone(moments.UK_TIME).date() == moment.uk_day


def test_a_test_runs_at_the_default_moment_and_time_moves_only_a_little(clock):
    assert clock.moment == moments.DEFAULT and clock.today == moments.DEFAULT.uk_day
    assert timedelta(0) <= clock.now - moments.DEFAULT.at < timedelta(minutes=1)
