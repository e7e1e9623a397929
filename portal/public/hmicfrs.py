"""The recommendation tracker: every open recommendation of the published HMICFRS
reports, filtered by report, status and owner in the address, and the same rows as CSV."""

from typing import Any

from flask import Response, render_template

from content import queries
from content.dates import uk_today
from content.exports import RECOMMENDATION_COLUMNS, recommendation_row
from content.filters import RecommendationFilters
from content.models import RECOMMENDATION_STATUSES
from portal.db import get_session
from portal.kinds import permalink
from portal.opendata import csv_response
from portal.public import bp
from portal.public.listing import data_filters, is_filtered, read_filters


@bp.get("/hmicfrs-reports/recommendations")
def recommendations() -> Any:
    session = get_session()
    filters, paging, problems = read_filters(RecommendationFilters, 50)
    return render_template(
        "hmicfrs-reports/recommendations.html", filters=filters, problems=problems,
        page=queries.tracked_recommendations(session, filters, paging),
        filtered=is_filtered(filters), today=uk_today(),
        reports=queries.inspection_reports(session),
        statuses=[(status, status.capitalize()) for status in RECOMMENDATION_STATUSES],
        owners=queries.recommendation_owners(session),
    ), (400 if problems else 200)


@bp.get("/hmicfrs-reports/recommendations.csv")
def recommendations_csv() -> Response:
    filters = data_filters(RecommendationFilters)
    rows = (recommendation_row(item) | {"url": permalink(item.inspection, external=True)}
            for item in queries.each_tracked_recommendation(get_session(), filters))
    return csv_response("hmicfrs-recommendations.csv", rows, [*RECOMMENDATION_COLUMNS, "url"])
