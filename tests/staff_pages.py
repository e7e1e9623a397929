"""Reading staff pages as a person sees them: the success banner, the error summary and
the boxes its links lead to, and the words on the page."""

from typing import Any

from bs4 import BeautifulSoup, Tag

FORM_CONTROLS = ("input", "select", "textarea")


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def success_banner(response: Any) -> list[str]:
    """What the success banner says, a line for each thing done (empty: no banner)."""
    page = soup(response)
    banner = page.select_one(".govuk-notification-banner--success")
    if banner is None:
        return []
    assert banner.get("role") == "alert", "a success banner is announced (role=alert)"
    return [line.get_text(" ", strip=True)
            for line in banner.select(".govuk-notification-banner__heading")]


def visible_text(response: Any) -> str:
    """The page's words, without its markup, scripts or the values of hidden boxes."""
    page = soup(response)
    for hidden in page(["script", "style", "head"]):
        hidden.decompose()
    return page.get_text(" ", strip=True)


def errors_at_their_boxes(response: Any) -> dict[str, str]:
    """Each error in the summary, by the id of the box its link leads to, after checking
    that the box is a form control and that the same message is shown beside it."""
    page = soup(response)
    summary = page.select_one(".govuk-error-summary")
    assert summary is not None, "the page has an error summary"
    found = {}
    for link in summary.select("a"):
        message, target = link.get_text(strip=True), str(link["href"]).removeprefix("#")
        box = page.find(id=target)
        assert isinstance(box, Tag) and box.name in FORM_CONTROLS, (
            f"“{message}” links to #{target}, which is not a box to fill in")
        # The outermost group: each box of a date sits in a group of its own too.
        groups = box.find_parents(class_="govuk-form-group")
        assert groups, f"#{target} is not in a form group"
        group = groups[-1]
        beside = [error.get_text(" ", strip=True).removeprefix("Error:").strip()
                  for error in group.select(".govuk-error-message")]
        assert message in beside, f"“{message}” is not shown beside #{target}"
        found[target] = message
    return found


def value_of(response: Any, box_id: str) -> str:
    """What a box holds: a text box's value, a text area's text, the checked radio, the
    chosen option."""
    page = soup(response)
    box = page.find(id=box_id)
    assert isinstance(box, Tag), f"there is no #{box_id}"
    if box.name == "textarea":
        return box.get_text()
    if box.name == "select":
        chosen = box.find("option", selected=True)
        return str(chosen["value"]) if isinstance(chosen, Tag) else ""
    if box.get("type") in ("radio", "checkbox"):
        checked = page.find("input", attrs={"name": box["name"], "checked": True})
        return str(checked["value"]) if isinstance(checked, Tag) else ""
    return str(box.get("value", ""))
