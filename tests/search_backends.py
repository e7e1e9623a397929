"""Running the search tests against each backend.

The PostgreSQL backend needs a PostgreSQL database: it runs when TEST_DATABASE_URL names
one (CI runs the suite a second time so), and is reported as skipped otherwise.
"""

import os

import pytest

BACKENDS = ("whoosh", "postgres")


def backend_or_skip(name: str) -> str:
    if name == "postgres" and not os.environ.get("TEST_DATABASE_URL"):
        pytest.skip("needs TEST_DATABASE_URL")
    return name
