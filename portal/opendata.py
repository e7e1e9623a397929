"""CSV, JSON and Atom versions of the listings, built from the same queries as the pages."""

import csv
import io
import itertools
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from flask import Response, render_template, request, stream_with_context, url_for

# Cells starting with these are read as formulas by spreadsheet programs.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def wants_data() -> bool:
    return request.path.endswith((".json", ".csv", ".atom"))


def _spreadsheet_safe(value: Any) -> Any:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def csv_response(filename: str, rows: Iterable[dict[str, Any]],
                 header: list[str]) -> Response:
    """Every row, streamed; UTF-8 with a byte-order mark and CRLF so Excel opens it cleanly."""
    # The first row is read before anything is sent, so a database that cannot be reached
    # gets its error page (a 503) instead of a download with a header and nothing else.
    remaining = iter(rows)
    first = list(itertools.islice(remaining, 1))
    rows = itertools.chain(first, remaining)

    def generate() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\r\n",
                                extrasaction="ignore")
        buffer.write("\ufeff")
        writer.writeheader()
        for count, row in enumerate(rows):
            writer.writerow({key: _spreadsheet_safe(value) for key, value in row.items()})
            if count % 200 == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    response = Response(stream_with_context(generate()), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_response(document: dict[str, Any], status: int = 200) -> Response:
    return Response(json.dumps(document, ensure_ascii=False, indent=1) + "\n", status=status,
                    mimetype="application/json")


def page_links(endpoint: str, page_number: int | None, has_previous: bool,
               has_next: bool) -> dict[str, str | None]:
    args = {k: v for k, v in request.args.items() if k != "page" and v}

    def absolute(**more: Any) -> str:
        return url_for(endpoint, _external=True, **args, **more)

    if page_number is None:
        return {"self": absolute(), "next": None, "previous": None}
    return {
        "self": absolute(page=page_number),
        "next": absolute(page=page_number + 1) if has_next else None,
        "previous": absolute(page=page_number - 1) if has_previous else None,
    }


def atom_response(title: str, page_endpoint: str, entries: list[dict[str, Any]]) -> Response:
    args = {k: v for k, v in request.args.items() if v}
    updated = max((entry["updated"] for entry in entries), default=datetime(2020, 1, 1, tzinfo=UTC))
    body = render_template(
        "feeds/atom.xml",
        title=title,
        feed_url=url_for(request.endpoint or "", _external=True, **args),
        page_url=url_for(page_endpoint, _external=True, **args),
        updated=updated,
        entries=entries,
    )
    return Response(body, mimetype="application/atom+xml")
