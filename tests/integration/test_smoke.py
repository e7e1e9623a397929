import os

from tests import factories


def test_every_page_type_renders(client, add_records):
    add_records(factories.decision(), factories.expense(), factories.policy(),
                factories.scrutiny())
    for path in ["/", "/decisions", "/decisions/2025-014", "/expenses", "/policies",
                 "/policies/complaints-handling-policy", "/scrutiny",
                 "/scrutiny/2025-02-10-response-to-the-peel-inspection", "/using-our-data",
                 "/accessibility", "/complaints-and-compliments"]:
        response = client.get(path)
        assert response.status_code == 200, path


REVALIDATE = """
import gc, sys, warnings
warnings.simplefilter("always", ResourceWarning)
from portal import create_app
app = create_app({"TESTING": True, "DATABASE_URL": sys.argv[1], "SECRET_KEY": "x"})
client = app.test_client()
first = client.get("/static/favicon.svg")
etag = first.headers["ETag"]
first.close()
again = client.get("/static/favicon.svg", headers={"If-None-Match": etag})
print(again.status_code)
del again
gc.collect()
"""


def test_a_revalidated_static_file_is_closed_at_once(app):
    """A 304 sends no body, so nothing closes the file unless the portal does (in a fresh
    process, where nothing else holds on to the response)."""
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-c", REVALIDATE, app.config["DATABASE_URL"]],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "INSTANCE_PATH": app.instance_path})
    assert done.stdout.strip() == "304", done.stderr
    assert "ResourceWarning" not in done.stderr
