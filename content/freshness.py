"""How far the published data has moved on: a short text that changes whenever anything a
public page or download shows could have changed (a record saved, published, withdrawn or
removed, a document added, a search entry waiting to be brought up to date).

It validates the downloads that are streamed row by row, which cannot be fingerprinted
from their bytes before they are sent.
"""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from content.kinds import KINDS
from content.models import (
    RecordFile,
    Revision,
    ScrutinyAction,
    SearchPending,
    SiteSetting,
)

# Every change to a record of any kind sets its updated_at; deleting one changes the count.
_TIMESTAMPED = tuple(kind.model for kind in KINDS)
# Rows only ever added or deleted here (an edit of a published record adds a Revision).
_NUMBERED = (Revision, RecordFile, ScrutinyAction, SearchPending)


def data_version(session: Session) -> str:
    parts = []
    for timestamped in _TIMESTAMPED:
        # Asked apart, each is answered from an index (together, SQLite reads every row).
        count = session.scalar(select(func.count(timestamped.id)))
        latest = session.scalar(select(func.max(timestamped.updated_at)))
        parts.append(f"{count}@{latest}")
    for numbered in _NUMBERED:
        count, top = session.execute(select(func.count(), func.max(numbered.id))).one()
        parts.append(f"{count}#{top}")
    parts.append(str(session.scalar(select(func.count()).select_from(SiteSetting))))
    return "|".join(parts)
