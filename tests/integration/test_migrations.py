"""The migrations build exactly the schema the models describe, and each can be undone, on
SQLite and (with TEST_DATABASE_URL) on PostgreSQL."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import DateTime, Engine, column, insert, inspect, select, table

from content.models import Decision, Expense, ListValue, SearchPending
from portal.db import make_engine
from portal.migrate import (
    current_revision,
    downgrade,
    include_object,
    revisions,
    target_metadata,
    upgrade,
)
from tests.databases import fresh_schema, in_schema, postgres_url

SCHEMA = "migrations"

# The tables as the early migrations left them: the models have since gained columns
# (with defaults SQLAlchemy would try to insert) that an old schema does not have.
OLD_DECISION = table("decision", *(column(name) for name in (
    "reference", "slug", "title", "date", "decision_maker", "category", "summary_markdown",
    "summary_html", "body_markdown", "body_html", "financial_implications_markdown",
    "financial_implications_html", "amount_pence", "exempt")),
    *(column(name, DateTime(timezone=True)) for name in ("created_at", "updated_at")))
OLD_EXPENSE = table("expense", *(column(name) for name in (
    "reference", "date", "claimant", "category", "description", "amount_pence")),
    *(column(name, DateTime(timezone=True)) for name in ("created_at", "updated_at")))
STAMPED = dict.fromkeys(("created_at", "updated_at"), datetime(2026, 1, 5, 9, 0, tzinfo=UTC))


def differences_from_the_models(engine: Engine) -> list:
    """What the migrated schema lacks or has beyond the models (and, on PostgreSQL, the
    search tables)."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": include_object})
        return compare_metadata(context, target_metadata(connection.dialect.name))


def tables(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(inspect(connection).get_table_names()) - {"alembic_version"}


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[Engine]:
    """A database with nothing in it: a new SQLite file, or a new PostgreSQL schema."""
    postgres = postgres_url()
    if postgres:
        fresh_schema(postgres, SCHEMA)
        url = in_schema(postgres, SCHEMA)
    else:
        url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    engine = make_engine(url)
    yield engine
    engine.dispose()
    if postgres:
        fresh_schema(postgres, SCHEMA)


def test_the_migrated_schema_matches_the_models(app):
    engine = app.extensions["portal_db"].engine
    assert differences_from_the_models(engine) == [], "write a migration for these model changes"


def test_the_migrations_go_up_from_empty_then_down_one_step_and_up_again(empty_database):
    *_, previous, head = revisions()
    upgrade(empty_database)
    assert current_revision(empty_database) == head
    downgrade(empty_database)
    assert current_revision(empty_database) == previous
    upgrade(empty_database)
    assert current_revision(empty_database) == head
    assert differences_from_the_models(empty_database) == []


def test_every_migration_can_be_undone_down_to_an_empty_database(empty_database):
    upgrade(empty_database)
    for revision in reversed([None, *revisions()[:-1]]):
        downgrade(empty_database)
        assert current_revision(empty_database) == revision
    assert tables(empty_database) == set()
    upgrade(empty_database)
    assert differences_from_the_models(empty_database) == []


def test_the_lists_are_seeded_from_the_records_with_near_duplicates_merged(empty_database):
    upgrade(empty_database, "0010")
    decision = {**STAMPED, "title": "A decision", "date": date(2026, 1, 5),
                "decision_maker": "Police and Crime Commissioner", "exempt": False,
                **dict.fromkeys(("summary_markdown", "summary_html", "body_markdown",
                                 "body_html", "financial_implications_markdown",
                                 "financial_implications_html"), "")}
    with empty_database.begin() as connection:
        connection.execute(insert(OLD_DECISION), [
            {**decision, "reference": f"2026/00{number}", "slug": f"2026-00{number}",
             "category": category}
            for number, category in enumerate(
                ["Grants", "grants", "Grants", "Grant", "Estates", "estates"], start=1)])
        connection.execute(insert(OLD_EXPENSE), [
            {**STAMPED, "reference": f"EXP-{number}", "date": date(2026, 1, 5),
             "claimant": claimant,
             "category": "Travel", "description": "Rail fare", "amount_pence": 1000}
            for number, claimant in enumerate(["Police & Crime Commissioner",
                                               "Police and Crime Commissioner"], start=1)])
    upgrade(empty_database)
    with empty_database.connect() as connection:
        categories = connection.execute(select(Decision.reference, Decision.category)
                                        .order_by(Decision.reference)).all()
        listed = connection.execute(select(ListValue.list_name, ListValue.value)
                                    .order_by(ListValue.list_name, ListValue.value)).all()
        queued = connection.execute(select(SearchPending.record_type, SearchPending.record_id)
                                    .order_by(SearchPending.record_type,
                                              SearchPending.record_id)).all()
        claimants = set(connection.scalars(select(Expense.claimant)))
    # The most used spelling wins; on a tie, the one with capitals.
    assert [category for _, category in categories] == [
        "Grants", "Grants", "Grants", "Grants", "Estates", "Estates"]
    assert claimants == {"Police & Crime Commissioner"}
    assert listed == [("claimant", "Police & Crime Commissioner"),
                      ("decision-category", "Estates"), ("decision-category", "Grants"),
                      ("decision-maker", "Police and Crime Commissioner"),
                      ("expense-category", "Travel")]
    # Every record whose words changed is queued for the search index.
    assert queued == [("decision", 2), ("decision", 4), ("decision", 6), ("expense", 2)]


def test_expense_lines_and_decisions_kept_before_the_new_fields_migrate_without_loss(
        empty_database):
    upgrade(empty_database, "0011")
    with empty_database.begin() as connection:
        connection.execute(insert(OLD_EXPENSE), [
            {**STAMPED, "reference": "EXP-2025-00017", "date": date(2025, 3, 5),
             "claimant": "Deputy Police and Crime Commissioner", "category": "Travel",
             "description": "Rail fare to national conference", "amount_pence": 8420},
            {**STAMPED, "reference": "EXP-2025-00018", "date": date(2025, 3, 6),
             "claimant": "Police and Crime Commissioner", "category": "Subsistence",
             "description": "Lunch at the regional meeting", "amount_pence": 1250}])
        connection.execute(insert(OLD_DECISION), [{
            **STAMPED, "reference": "2025/014", "slug": "2025-014", "title": "Victim services grant",
            "date": date(2025, 3, 5), "decision_maker": "Police and Crime Commissioner",
            "category": "Grants", "summary_markdown": "A grant.",
            "summary_html": "<p>A grant.</p>", "body_markdown": "", "body_html": "",
            "financial_implications_markdown": "", "financial_implications_html": "",
            "amount_pence": 12500000, "exempt": True}])
    upgrade(empty_database)
    with empty_database.connect() as connection:
        lines = connection.execute(select(
            Expense.reference, Expense.description, Expense.amount_pence,
            Expense.amount_claimed_pence, Expense.not_reimbursed_reason, Expense.mileage,
        ).order_by(Expense.reference)).all()
        decision = connection.execute(select(
            Decision.summary_html, Decision.amount_pence, Decision.exempt,
            Decision.reasons_markdown, Decision.withheld_html, Decision.exemption_ground,
        )).one()
    # Every line kept was reimbursed in full: what was claimed is what was paid.
    assert lines == [
        ("EXP-2025-00017", "Rail fare to national conference", 8420, 8420, None, None),
        ("EXP-2025-00018", "Lunch at the regional meeting", 1250, 1250, None, None)]
    assert tuple(decision) == ("<p>A grant.</p>", 12500000, True, "", "", None)
