"""How far the published data has moved on: a short text that changes whenever anything a
public page or download shows could have changed (a record saved, published, withdrawn or
removed, a document added, a search entry waiting to be brought up to date).

It validates the downloads that are streamed row by row, which cannot be fingerprinted
from their bytes before they are sent.
"""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from content.kinds import KINDS
from content.models import RecordFile, Revision, SearchPending, SiteSetting

# Every change to a record sets its updated_at; deleting one changes the count.
_TIMESTAMPED = tuple(kind.model for kind in KINDS)
# Rows only ever added or deleted here (an edit of a published record adds a Revision; a
# record's parts, such as a scrutiny outcome's actions, are replaced whole).
_NUMBERED = (Revision, RecordFile, *(part for kind in KINDS for part in kind.parts),
             SearchPending)


def data_version(session: Session) -> str:
    parts = []
    for timestamped in _TIMESTAMPED:
        count, latest = session.execute(
            select(func.count(), func.max(timestamped.updated_at))).one()
        parts.append(f"{count}@{latest}")
    for numbered in _NUMBERED:
        count, top = session.execute(select(func.count(), func.max(numbered.id))).one()
        parts.append(f"{count}#{top}")
    parts.append(str(session.scalar(select(func.count()).select_from(SiteSetting))))
    return "|".join(parts)
