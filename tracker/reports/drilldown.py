"""Links from a figure, a breakdown row or a cross-table cell to the events behind it: the
event list filtered to the same phase or period, the same country, and the row's or cell's
values (events/queries.py EventFilters reads them)."""
from calendar import monthrange
from datetime import date

from flask import url_for
from sqlalchemy import select

from ..extensions import db
from ..models import EventKind, EventStatus, Sex, Topic

NONE = "none"  # the event list's value for "not recorded"
UNKNOWN = "unknown"  # the cross-tables' key for it


class Drill:
    """Event-list URLs for one page's figures: `scope` holds phase=N or from/to; `country` is
    the page's country filter (its officials, and the events they took part in)."""

    def __init__(self, scope: dict[str, str], country: str | None,
                 start: date | None = None, end: date | None = None):
        self.scope, self.country = dict(scope), country
        self.start, self.end = start, end
        self._topics: dict[str, int] | None = None
        self._kinds: dict[str, int] | None = None

    def _url(self, **filters) -> str:
        args = {"status": EventStatus.HELD, **self.scope, **{k: v for k, v in filters.items() if v}}
        return url_for("events.index", **args)

    def figure(self, key: str) -> str | None:
        """The events behind one of the head counts."""
        if key == "events_held":
            return self._url(taking_part=self.country)
        if key in ("officials_trained", "participations", "person_days"):
            return self._url(official_country=self.country)
        if key == "women_trained":
            return self._url(official_country=self.country, sex=Sex.FEMALE)
        return None

    def breakdown(self, key: str, code: str) -> str:
        """The events behind a row of a breakdown table (totals' by_* keys)."""
        if key == "by_country":
            return self._url(official_country=code)
        if key == "by_agency_type":
            return self._url(official_country=self.country, agency_type=code)
        if key == "by_topic":
            return self._url(official_country=self.country, topic=self._topic(code))
        return self._url(taking_part=self.country, kind=self._kind(code))  # by_event_kind

    def cell(self, rows: str, row: str, cols: str, col: str) -> str:
        """The events behind a cross-table cell (or a row's or column's total: col None)."""
        filters: dict = {"official_country": self.country}
        for name, key in ((rows, row), (cols, col)):
            if key is not None:
                filters.update(self._dimension(name, key))
        return self._url(**filters)

    def _dimension(self, name: str, key: str) -> dict:
        if name == "sex":
            return {"sex": key}
        if name == "country":
            return {"official_country": key}
        if name == "agency_type":
            return {"agency_type": NONE if key == UNKNOWN else key}
        if name == "topic":
            return {"topic": self._topic(key)}
        if name == "event_kind":
            return {"kind": self._kind(key)}
        return self._dates(name, key)

    def _dates(self, name: str, key: str) -> dict:
        """A month "2017-03" or quarter "2017-Q1" as from/to, within the page's period."""
        year = int(key[:4])
        if name == "month":
            first_month = last_month = int(key[5:7])
        else:
            quarter = int(key[-1])
            first_month, last_month = 3 * quarter - 2, 3 * quarter
        start = date(year, first_month, 1)
        end = date(year, last_month, monthrange(year, last_month)[1])
        if self.start and self.start > start:
            start = self.start
        if self.end and self.end < end:
            end = self.end
        return {"from": start.isoformat(), "to": end.isoformat()}

    def _topic(self, name: str) -> str | int:
        if self._topics is None:
            self._topics = dict(db.session.execute(select(Topic.name_en, Topic.id)).all())
        return NONE if name == UNKNOWN else self._topics.get(name, NONE)

    def _kind(self, code: str) -> str | int:
        if self._kinds is None:
            self._kinds = dict(db.session.execute(select(EventKind.code, EventKind.id)).all())
        return NONE if code == UNKNOWN else self._kinds.get(code, NONE)
