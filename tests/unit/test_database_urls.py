"""DATABASE_URL as hosting platforms write it still opens PostgreSQL with psycopg."""

import pytest

from portal.db import make_engine, with_installed_driver


@pytest.mark.parametrize("given", ["postgres://portal:secret@db.internal:5432/portal",
                                   "postgresql://portal:secret@db.internal:5432/portal",
                                   "postgresql+psycopg://portal:secret@db.internal:5432/portal"])
def test_postgresql_urls_use_psycopg(given):
    assert (with_installed_driver(given)
            == "postgresql+psycopg://portal:secret@db.internal:5432/portal")
    engine = make_engine(given)  # no connection is made until one is asked for
    assert (engine.dialect.name, engine.dialect.driver) == ("postgresql", "psycopg")
    engine.dispose()


def test_other_urls_are_left_as_they_are():
    assert with_installed_driver("sqlite:///instance/portal.sqlite3") == (
        "sqlite:///instance/portal.sqlite3")
