"""Safety nets: removing a public address or leaving a setting undocumented is deliberate."""

from pathlib import Path

from portal.config import SETTINGS

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")

PUBLIC_ROUTES = {
    "/", "/accessibility", "/complaints-and-compliments", "/healthz", "/readyz",
    "/using-our-data",
    "/decisions", "/decisions.atom", "/decisions.csv", "/decisions.json",
    "/decisions/<path:identifier>", "/decisions/<path:identifier>/revisions/<int:revision_id>",
    "/decisions/<path:identifier>/documents/<int:document_id>",
    "/expenses", "/expenses.atom", "/expenses.csv", "/expenses.json", "/expenses/<reference>",
    "/policies", "/policies.atom", "/policies.csv", "/policies.json", "/policies/<slug>",
    "/policies/<slug>/versions/<version>",
    "/scrutiny", "/scrutiny.atom", "/scrutiny.csv", "/scrutiny.json", "/scrutiny/<slug>",
    "/scrutiny/<slug>/revisions/<int:revision_id>",
    "/scrutiny/<slug>/documents/<int:document_id>",
    "/search", "/search.csv", "/search.json", "/privacy",
    "/complaint", "/compliment", "/review",
    "/<any(complaint, compliment, review):kind>/<slug>",
    "/<any(complaint, compliment, review):kind>/check",
    "/<any(complaint, compliment, review):kind>/confirmation",
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
