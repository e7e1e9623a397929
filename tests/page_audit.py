"""Checks every HTML page the tests fetch must pass, whatever the test is about."""

from collections import Counter

from bs4 import BeautifulSoup

LABELLED_INPUT_TYPES_EXEMPT = {"hidden", "submit", "button", "reset", "image"}


def audit_html(html: str) -> list[str]:
    """Return what is wrong with the page's basic structure (empty when all is well)."""
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    title = soup.find("title")
    if title is None or not title.get_text(strip=True):
        problems.append("the page has no <title>")
    headings = soup.find_all("h1")
    if len(headings) != 1:
        problems.append(f"the page has {len(headings)} <h1> elements, not exactly one")
    if soup.find("main") is None:
        problems.append("the page has no <main> landmark")
    if soup.find("a", href="#main-content") is None:
        problems.append("the page has no skip link to #main-content")
    ids = Counter(element["id"] for element in soup.find_all(id=True))
    problems += [f"id {name!r} is used {count} times" for name, count in ids.items() if count > 1]
    for form in soup.find_all("form"):
        if not form.get("action"):
            problems.append(f"a form has no action: {str(form)[:80]}")
    for field in soup.find_all(["input", "select", "textarea"]):
        if field.get("type") in LABELLED_INPUT_TYPES_EXEMPT:
            continue
        if not _is_labelled(soup, field):
            problems.append(f"a form field has no label: {str(field)[:80]}")
    return problems


def _is_labelled(soup: BeautifulSoup, field: object) -> bool:
    field_id = field.get("id")  # type: ignore[attr-defined]
    if field.get("aria-label") or field.get("aria-labelledby"):  # type: ignore[attr-defined]
        return True
    if field_id and soup.find("label", attrs={"for": field_id}):
        return True
    return field.find_parent("label") is not None  # type: ignore[attr-defined]
