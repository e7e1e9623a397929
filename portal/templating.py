"""Jinja set-up: GOV.UK Frontend macros, date and money filters, and site-wide context."""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask, request, url_for
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from sqlalchemy.exc import SQLAlchemyError

from content.demo import DEMO_FLAG
from content.exports import hundredths, post_type, tenths
from content.money import format_pounds
from content.store import get_site_setting
from portal.db import get_session
from portal.kinds import document_url, permalink, revision_url

UK_TIME = ZoneInfo("Europe/London")


def long_date(value: date | datetime | str | None) -> str:
    """5 March 2025, the GOV.UK style; timestamps are shown in UK time. Dates kept as
    ISO text (as in a revision's earlier values) are shown the same way."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    if isinstance(value, datetime):
        local = value.astimezone(UK_TIME)
        return f"{local.day} {local:%B %Y} at {local:%H:%M}"
    return f"{value.day} {value:%B %Y}"


def short_date(value: date) -> str:
    """5 Mar 2025, for dates in narrow table columns."""
    return f"{value.day} {value:%b %Y}"


def url_with(**changes: Any) -> str:
    """The current page's URL with some query parameters changed (None removes one)."""
    args: dict[str, Any] = request.args.to_dict()
    for name, value in changes.items():
        if value is None or value == "":
            args.pop(name, None)
        else:
            args[name] = value
    return url_for(request.endpoint or "public.home", **(request.view_args or {}), **args)


def download_url(extension: str) -> str:
    """The open-data version of the current listing, with the same filters."""
    args: dict[str, Any] = {k: v for k, v in request.args.items()
                            if k not in ("page", "per_page") and v}
    endpoint = f"{request.endpoint}_{extension}"
    return url_for(endpoint, **args)


def _site_context() -> dict[str, Any]:
    try:
        showing_demo_data = get_site_setting(get_session(), DEMO_FLAG) == "yes"
    except SQLAlchemyError:
        # The error page must still render when the database is what failed.
        get_session().rollback()
        showing_demo_data = False
    return {"showing_demo_data": showing_demo_data}


def init_app(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader([
        PackageLoader("portal"),
        PrefixLoader({
            "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
            "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
        }),
    ])
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["short_date"] = short_date
    app.jinja_env.filters["pounds"] = format_pounds
    app.jinja_env.filters["tenths"] = tenths
    app.jinja_env.filters["hundredths"] = hundredths
    app.jinja_env.filters["post_type"] = post_type
    app.jinja_env.globals["url_with"] = url_with
    app.jinja_env.globals["download_url"] = download_url
    app.jinja_env.globals["permalink"] = permalink
    app.jinja_env.globals["revision_url"] = revision_url
    app.jinja_env.globals["document_url"] = document_url
    app.context_processor(_site_context)
