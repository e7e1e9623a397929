"""The clock every test runs by. time-machine moves the whole process to a fixed moment
(tests/moments.py): the tests, the app, and the browser tests' live portal, which serves
from a thread of this process. Only processes a test starts keep the real time.

By default time flows on from the moment, so code that waits for time to pass (a lock
taken with a timeout, a retry) still finishes; `@pytest.mark.clock(tick=False)` stops it
where a test must be exact. A test runs at another moment with `moments.at_moments(...)`
or `@pytest.mark.clock(moment=...)`, and moves on with `clock.shift(...)`.
"""

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from tests import moments
from tests.moments import Moment


class Clock:
    def __init__(self, moment: Moment, traveller: time_machine.Traveller) -> None:
        self.moment = moment
        self._traveller = traveller

    @property
    def now(self) -> datetime:
        """The moment the test is at, as the traveller keeps it (never the computer's)."""
        return datetime.fromtimestamp(self._traveller.time_ns() / 1e9, UTC)

    @property
    def today(self) -> date:
        """The day it is in England and Wales."""
        return self.now.astimezone(moments.UK_TIME).date()

    def shift(self, delta: timedelta) -> None:
        self._traveller.shift(delta)


@pytest.fixture(autouse=True)
def clock(request: pytest.FixtureRequest) -> Iterator[Clock]:
    marker = request.node.get_closest_marker("clock")
    options = dict(marker.kwargs) if marker else {}
    chosen = getattr(request, "param", None) or options.get("moment") or moments.DEFAULT
    with time_machine.travel(chosen.at, tick=options.get("tick", True)) as traveller:
        yield Clock(chosen, traveller)


def travel_to(moment: Moment) -> time_machine.travel:
    """For fixtures that outlive one test, such as the live portal's demo data."""
    return time_machine.travel(moment.at)
