"""Telling staff that what they did worked: a GOV.UK success banner on the page they
land on, saying what happened in plain words ("Decision 2026/051 published")."""

from flask import current_app, flash, g, get_flashed_messages, request

from content.models import Timestamped
from portal.templating import long_date

DONE = "done"


def tell(message: str) -> None:
    """Show `message` in the success banner of the next page rendered for this person
    (this one, if the view renders a page instead of redirecting)."""
    flash(message, DONE)
    g.told = True


def sentence(words: str) -> str:
    """Words made to start a sentence, the rest left as they are (unlike str.capitalize,
    which would lower-case a title or a name)."""
    return words[:1].upper() + words[1:]


def done_messages() -> list[str]:
    """What to say in the success banner, once.

    Only someone with a session cookie can have anything waiting, so a visitor without
    one is never given a session by looking: Flask marks any look at the session, and
    then sends `Vary: Cookie`, which public pages do without.
    """
    has_cookie = current_app.config["SESSION_COOKIE_NAME"] in request.cookies
    if not (has_cookie or g.get("told")):
        return []
    return [str(message) for message in get_flashed_messages(category_filter=[DONE])]


def tell_saved(name: str, action: str, saved: Timestamped) -> None:
    """Say what pressing `action` on a record's page did to it: published, scheduled,
    corrected (a change to a published record is public at once) or kept as a draft.
    `name` begins the sentence: "Decision 2026/051"."""
    if action == "publish":
        tell(f"{name} published")
    elif action == "schedule":
        tell(f"{name} scheduled to publish on {long_date(saved.publish_at)}")
    elif saved.is_published:
        tell(f"{name} corrected: the change is public")
    else:
        tell(f"{name} saved. It is not published")
