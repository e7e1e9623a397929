"""Every staff address turns away people who are not signed in, and wrong roles."""

from sqlalchemy import select

from portal.staff import accounts
from portal.staff.models import ROLES, StaffUser
from tests.intake_helpers import csrf_token

OPEN_TO_ALL = {"staff.sign_in", "staff.code", "staff.two_factor", "staff.sign_out"}


def staff_pages(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/staff") and rule.endpoint not in OPEN_TO_ALL:
            yield rule, app.view_functions[rule.endpoint]


def sign_in_as(app, client, roles):
    with app.app_context(), app.extensions["portal_db"].sessions() as session:
        email = f"{'-'.join(roles) or 'none'}@example.org"
        user = session.scalar(select(StaffUser).where(StaffUser.email == email))
        if user is None:
            user = accounts.create_user(session, email, "a long enough password", roles)
        staff_session = accounts.start_session(session, user, "complete")
        session.commit()
        token = staff_session.id
    with client.session_transaction() as cookie:
        cookie["staff_session"] = token


SAMPLE_VALUES = {"int": 1, "default": "C-2345-6789"}


def address(rule):
    """The rule with a plausible value in each part (a missing record then gives a 404)."""
    values = {name: SAMPLE_VALUES["int" if type(converter).__name__ == "IntegerConverter"
                                  else "default"]
              for name, converter in rule._converters.items()}
    return rule.build(values)[1]


def test_every_staff_page_is_guarded_by_the_sign_in_check(app):
    pages = list(staff_pages(app))
    assert pages, "the staff area has pages"
    for rule, view in pages:
        assert hasattr(view, "staff_roles"), f"{rule.rule} is not behind @requires"


def test_anonymous_people_are_sent_to_sign_in_from_every_staff_page(app, client):
    for rule, _view in staff_pages(app):
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            response = client.open(address(rule), method=method)
            assert response.status_code in (302, 400), (rule.rule, method)
            if response.status_code == 302:
                assert response.headers["Location"].startswith("/staff/sign-in")


def visit(client, rule):
    """GET the page, or POST to it (with a valid form token) when it only takes POSTs."""
    if "GET" in rule.methods:
        return client.get(address(rule))
    token = csrf_token(client.get("/staff").get_data(as_text=True))
    return client.post(address(rule), data={"csrf_token": token})


def test_wrong_roles_are_refused_on_every_staff_page(app, client):
    for rule, view in staff_pages(app):
        allowed = view.staff_roles
        for role in ROLES:
            if allowed and role not in allowed:
                sign_in_as(app, client, [role])
                response = visit(client, rule)
                assert response.status_code == 403, (rule.rule, role)
        sign_in_as(app, client, list(allowed or ROLES[:1]))
        # Let in: the page, a "not found" for the made-up record in the address, or a step
        # back to where that page's work starts (never to sign in).
        response = visit(client, rule)
        assert response.status_code in (200, 302, 404), rule.rule
        if response.status_code == 302:
            assert not response.headers["Location"].startswith("/staff/sign-in"), rule.rule
