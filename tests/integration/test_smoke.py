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
