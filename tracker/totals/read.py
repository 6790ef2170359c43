"""SPEC's totals object read from the kept counters (facts.py): a few hundred rows a bucket,
and for a year, a half or all phases the sums of its quarters or phases."""
from collections import Counter
from datetime import date

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ..models import AgencyType, EventKind, Phase, Topic, TotalsCount
from .facts import ADDITIVE, EVERY_COUNTRY, keeps_sums
from .queries import ranked, running

PEOPLE_SUMS = ("participations", "person_days", "completed", "assessed", "improved", "ratings",
               "rating_sum")


def period_bucket(start: date, end: date) -> str | None:
    """The bucket that is exactly this period (a calendar year, half or quarter), if any."""
    if start.day != 1 or start.year != end.year:
        return None
    month_after = date(end.year + (end.month == 12), end.month % 12 + 1, 1)
    if (month_after - end).days != 1:
        return None  # the period does not end on a month's last day
    months = end.month - start.month + 1
    if start.month == 1 and months == 12:
        return f"year:{start.year}"
    if months == 6 and start.month in (1, 7):
        return f"half:{start.year}-{1 + (start.month == 7)}"
    if months == 3 and start.month in (1, 4, 7, 10):
        return f"quarter:{start.year}-{(start.month - 1) // 3 + 1}"
    return None


def totals(session: Session, bucket: str, head: dict, months: list[tuple[int, int]],
           country: str | None) -> dict:
    query = select(TotalsCount.country, TotalsCount.sex, TotalsCount.dim, TotalsCount.key,
                   TotalsCount.n)
    if keeps_sums(bucket):
        query = query.where(TotalsCount.bucket == bucket)
    else:  # its sums are its quarters' or its phases'
        query = query.where(or_(
            and_(TotalsCount.bucket == bucket, TotalsCount.dim.not_in(ADDITIVE)),
            and_(TotalsCount.bucket.in_(summed_from(session, bucket)), TotalsCount.dim.in_(ADDITIVE))))
    if country:
        query = query.where(TotalsCount.country == country)
    sums: Counter = Counter()
    trained_by: Counter = Counter()  # (country, sex)
    events_per_month: Counter = Counter()
    first_per_month: Counter = Counter()
    kinds: Counter = Counter()
    topics: Counter = Counter()
    types: Counter = Counter()
    for who, sex, dim, key, n in session.execute(query):
        if dim in ("events", "kind"):
            if (who == EVERY_COUNTRY) == (country is None):
                (events_per_month if dim == "events" else kinds)[key] += n
        elif dim == "first":  # each official counted once, in the month they were first trained
            first_per_month[key] += n
            trained_by[(who, sex)] += n
        elif dim == "topic":
            topics[key] += n
        elif dim == "agency_type":
            types[key] += n
        else:
            sums[dim] += n
    names = _names(session)
    by_country: Counter = Counter()
    for (who, _sex), n in trained_by.items():
        by_country[who] += n
    ratings = int(sums["ratings"])
    return head | {
        "events_held": int(sum(events_per_month.values())),
        "participations": int(sums["participations"]),
        "officials_trained": int(sum(trained_by.values())),
        "women_trained": int(sum(n for (_who, sex), n in trained_by.items() if sex == "F")),
        "sex_unknown": int(sum(n for (_who, sex), n in trained_by.items() if sex == "")),
        "person_days": int(sums["person_days"]),
        "by_country": {code: int(n) for code, n in sorted(by_country.items()) if n},
        "by_agency_type": _named(types, names["agency_type"]),
        "by_topic": _named(topics, names["topic"]),
        "by_event_kind": _named(kinds, names["kind"]),
        "cumulative": [
            {"month": f"{year:04d}-{month:02d}", "events_held": held, "officials_trained": trained}
            for (year, month), held, trained in zip(
                months, running(_by_month(events_per_month), months),
                running(_by_month(first_per_month), months))],
        "officials_completed": int(sums["completed"]),
        "officials_assessed": int(sums["assessed"]),
        "officials_improved": int(sums["improved"]),
        "satisfaction": round(int(sums["rating_sum"]) / ratings, 2) if ratings else None,
        "ratings": ratings,
    }


def summed_from(session: Session, bucket: str) -> list[str]:
    """The buckets whose ADDITIVE counters add up to this one's: a year's or a half's
    quarters, or every phase (all)."""
    if bucket == "all":
        return [f"phase:{phase_id}" for phase_id in session.scalars(select(Phase.id))]
    kind, _, period = bucket.partition(":")
    year, _, half = period.partition("-")
    quarters = range(1, 5) if kind == "year" else (2 * int(half) - 1, 2 * int(half))
    return [f"quarter:{year}-{quarter}" for quarter in quarters]


def phase_rows(session: Session, country: str | None) -> list[dict]:
    """One row of head counts per phase (the all-phases view), from one query."""
    wanted = ("events", "first", "participations", "person_days")
    query = select(TotalsCount.bucket, TotalsCount.country, TotalsCount.sex, TotalsCount.dim,
                   TotalsCount.n).where(TotalsCount.bucket.like("phase:%"),
                                        TotalsCount.dim.in_(wanted))
    if country:
        query = query.where(TotalsCount.country == country)
    figures: dict[str, Counter] = {}
    for bucket, who, sex, dim, n in session.execute(query):
        counts = figures.setdefault(bucket, Counter())
        if dim == "events":
            if (who == EVERY_COUNTRY) == (country is None):
                counts["events_held"] += n
            continue
        counts[{"first": "officials_trained"}.get(dim, dim)] += n
        if dim == "first" and sex == "F":
            counts["women_trained"] += n
    phases = session.scalars(select(Phase).order_by(Phase.start_date, Phase.number)).all()
    return [{"phase": phase.number, "name": phase.name} | {
        name: int(figures.get(f"phase:{phase.id}", Counter())[name])
        for name in ("events_held", "participations", "officials_trained", "women_trained",
                     "person_days")} for phase in phases]


def _names(session: Session) -> dict[str, dict[str, str]]:
    return {
        "topic": {str(i): name for i, name in session.execute(select(Topic.id, Topic.name_en))},
        "agency_type": {str(i): code for i, code in session.execute(
            select(AgencyType.id, AgencyType.code))},
        "kind": {str(i): code for i, code in session.execute(select(EventKind.id, EventKind.code))},
    }


def _named(counts: Counter, names: dict[str, str]) -> dict[str, int]:
    return ranked({names[key]: n for key, n in counts.items() if n and key in names})


def _by_month(counts: Counter) -> dict[tuple[int, int], int]:
    return {(int(key[:4]), int(key[5:7])): n for key, n in counts.items() if n}
