"""SPEC's totals object written the plainest way: one hand-written SQL query per figure.

The reference the counting code is held to (tests/test_totals_periods.py and the state
machine in tests/test_totals_facts.py): slow, obvious, and sharing no code with tracker/totals.
"""
from datetime import date, timedelta

from sqlalchemy import text

from tracker.models import Phase


def reference_totals(session, *, phase: int | None = None, period: tuple[date, date] | None = None,
                     country: str | None = None, today: date) -> dict:
    """The totals object of a phase number, a period [from, to], or (neither) all phases."""
    params: dict = {"country": country}
    if phase is not None:
        in_scope = "e.phase_id = (SELECT id FROM phase WHERE number = :phase)"
        params["phase"] = phase
        row = session.execute(text("SELECT start_date, end_date FROM phase WHERE number = :phase"),
                              params).one()
        span = (_as_date(row[0]), _as_date(row[1]))
        head = {"phase": phase}
    elif period is not None:
        in_scope = "e.start_date BETWEEN :start AND :end"
        params.update(start=period[0], end=period[1])
        span = period
        head = {"from": period[0].isoformat(), "to": period[1].isoformat()}
    else:
        in_scope = "1 = 1"
        phases = session.query(Phase).all()
        span = (min(p.start_date for p in phases), max(p.end_date for p in phases))
        head = {"phase": None}
    live = "e.status = 'held' AND " + in_scope + _not_deleted(session)
    events = f"""FROM event e WHERE {live} AND (CAST(:country AS VARCHAR(2)) IS NULL OR e.country_code = :country
                 OR EXISTS (SELECT 1 FROM attendance x JOIN person y ON y.id = x.person_id
                            WHERE x.event_id = e.id AND x.role = 'participant'
                            AND y.country_code = :country))"""
    parts = f"""FROM attendance a JOIN event e ON e.id = a.event_id
                JOIN person p ON p.id = a.person_id JOIN phase ph ON ph.id = e.phase_id
                WHERE a.role = 'participant' AND {live}
                AND (CAST(:country AS VARCHAR(2)) IS NULL OR p.country_code = :country)"""

    def one(sql: str):
        return session.execute(text(sql), params).scalar()

    def grouped(sql: str) -> dict:
        return {key: int(value) for key, value in session.execute(text(sql), params)}

    days = "COALESCE(a.days_attended, e.duration_days)"
    by_type = parts.replace("WHERE", "JOIN agency g ON g.id = a.agency_id "
                            "JOIN agency_type t ON t.id = g.agency_type_id WHERE", 1)
    by_topic = parts.replace("WHERE", "JOIN event_topic et ON et.event_id = e.id "
                             "JOIN topic t ON t.id = et.topic_id WHERE", 1)
    by_kind = events.replace("WHERE", "JOIN event_kind k ON k.id = e.kind_id WHERE", 1)
    ratings = int(one(f"SELECT COUNT(a.rating) {parts}"))
    mean = one(f"SELECT AVG(a.rating * 1.0) {parts}")
    months = _months(span[0], min(span[1], today))
    event_days = [_as_date(day) for day in
                  session.execute(text(f"SELECT e.start_date {events}"), params).scalars()]
    first_days = [_as_date(day) for day in session.execute(text(
        f"SELECT MIN(e.start_date) {parts} GROUP BY a.person_id"), params).scalars()]
    totals = head | {
        "events_held": int(one(f"SELECT COUNT(*) {events}")),
        "participations": int(one(f"SELECT COUNT(*) {parts}")),
        "officials_trained": int(one(f"SELECT COUNT(DISTINCT a.person_id) {parts}")),
        "women_trained": int(one(f"SELECT COUNT(DISTINCT a.person_id) {parts} AND p.sex = 'F'")),
        "sex_unknown": int(one(f"SELECT COUNT(DISTINCT a.person_id) {parts} AND p.sex IS NULL")),
        "person_days": int(one(f"SELECT COALESCE(SUM({days}), 0) {parts}")),
        "by_country": grouped(f"SELECT p.country_code, COUNT(DISTINCT a.person_id) {parts} "
                              "GROUP BY p.country_code"),
        "by_agency_type": grouped(
            f"SELECT t.code, COUNT(DISTINCT a.person_id) {by_type} GROUP BY t.code"),
        "by_topic": grouped(
            f"SELECT t.name_en, COUNT(DISTINCT a.person_id) {by_topic} GROUP BY t.name_en"),
        "by_event_kind": grouped(f"SELECT k.code, COUNT(*) {by_kind} GROUP BY k.code"),
        "cumulative": [
            {"month": f"{y:04d}-{m:02d}",
             "events_held": sum(1 for day in event_days if day <= _last_day(y, m)),
             "officials_trained": sum(1 for day in first_days if day <= _last_day(y, m))}
            for y, m in months],
        "officials_completed": int(one(
            f"SELECT COUNT(DISTINCT a.person_id) {parts} "
            f"AND {days} * 100 >= ROUND(ph.completion_share * 100) * e.duration_days")),
        "officials_assessed": int(one(f"SELECT COUNT(DISTINCT a.person_id) {parts} "
                                      "AND a.pre_score IS NOT NULL AND a.post_score IS NOT NULL")),
        "officials_improved": int(one(f"SELECT COUNT(DISTINCT a.person_id) {parts} "
                                      "AND a.post_score > a.pre_score")),
        "satisfaction": round(float(mean), 2) if ratings else None,
        "ratings": ratings,
    }
    return totals


def _not_deleted(session) -> str:
    """Soft-deleted events count nowhere (once events have a deleted_at column)."""
    columns = session.execute(text("SELECT * FROM event WHERE 1 = 0")).keys()
    return " AND e.deleted_at IS NULL" if "deleted_at" in columns else ""


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _months(start: date, end: date) -> list[tuple[int, int]]:
    months, (y, m) = [], (start.year, start.month)
    while (y, m) <= (end.year, end.month):
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def _last_day(year: int, month: int) -> date:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return following - timedelta(days=1)
