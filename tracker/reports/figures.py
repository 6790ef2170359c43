"""A totals object made presentable: labels, targets, named breakdowns and a text table.

The dashboard, the phase report, its XLSX and `flask totals` all show figures through here,
so a figure has one name everywhere. Nothing here counts: the numbers come from totals.py.
"""
from dataclasses import dataclass

from sqlalchemy import select

from ..extensions import db
from ..models import AgencyType, Country, EventKind, Phase

# (key in the totals object, label, Phase attribute holding its target or None)
HEAD_COUNTS = [
    ("events_held", "Events held", "target_events_held"),
    ("officials_trained", "Officials trained", "target_officials_trained"),
    ("women_trained", "Women trained", "target_women_trained"),
    ("person_days", "Person-days", None),
    ("participations", "Participations", None),
]
OUTCOMES = [
    ("officials_completed", "Officials who completed a course"),
    ("officials_assessed", "Officials tested before and after"),
    ("officials_improved", "Officials who improved their test score"),
    ("satisfaction", "Satisfaction (mean rating, 1–5)"),
    ("ratings", "Ratings given"),
]
# (key, heading of the name column, what is counted)
BREAKDOWNS = [
    ("by_country", "Country", "Officials trained"),
    ("by_agency_type", "Agency type", "Officials trained"),
    ("by_topic", "Topic", "Officials trained"),
    ("by_event_kind", "Event kind", "Events held"),
]
ALL_PHASES_NOTE = (
    "A person trained in several phases counts once in the total for all phases, so the "
    "total is less than the sum of the phases' figures whenever someone came back."
)


@dataclass
class Figure:
    key: str
    label: str
    value: int | float | None
    target: int | None = None
    has_target: bool = False  # the phase has a target setting for this figure (maybe unset)

    @property
    def percent_of_target(self) -> int | None:
        if not self.target or self.value is None:
            return None
        return round(self.value * 100 / self.target)

    @property
    def bar_width(self) -> int | None:
        """The progress bar's width in whole percent (a full bar past the target)."""
        percent = self.percent_of_target
        return None if percent is None else max(0, min(100, percent))


@dataclass
class Breakdown:
    key: str
    heading: str
    counted: str
    rows: list[tuple[str, str, int]]  # (code, name shown, count)

    @property
    def title(self) -> str:
        return f"{self.counted} by {self.heading.lower()}"

    @property
    def sheet_name(self) -> str:
        return f"By {self.heading.lower()}"


def head_counts(totals: dict, phase: Phase | None) -> list[Figure]:
    return [
        Figure(key, label, totals[key], getattr(phase, target) if phase and target else None,
               has_target=bool(phase and target))
        for key, label, target in HEAD_COUNTS
    ]


def outcomes(totals: dict) -> list[Figure]:
    return [Figure(key, label, totals[key]) for key, label in OUTCOMES]


def women_share(totals: dict) -> int | None:
    """Women as a whole percentage of officials trained."""
    if not totals["officials_trained"]:
        return None
    return round(totals["women_trained"] * 100 / totals["officials_trained"])


def breakdowns(totals: dict) -> list[Breakdown]:
    """The four breakdowns with readable names (three small reference-list queries)."""
    names = {
        "by_country": dict(db.session.execute(select(Country.code, Country.name_en)).all()),
        "by_agency_type": dict(db.session.execute(select(AgencyType.code, AgencyType.name_en)).all()),
        "by_event_kind": dict(db.session.execute(select(EventKind.code, EventKind.name_en)).all()),
        "by_topic": {},
    }
    return [
        Breakdown(key, heading, counted,
                  [(code, names[key].get(code, code), count) for code, count in totals[key].items()])
        for key, heading, counted in BREAKDOWNS
    ]


def for_page(totals: dict, phase: Phase | None) -> dict:
    """What the totals partials (templates/totals/) need, for render_template."""
    return {
        "totals": totals,
        "head_counts": head_counts(totals, phase),
        "women_share": women_share(totals),
        "outcomes": outcomes(totals),
        "breakdowns": breakdowns(totals),
    }


def running_totals_chart(totals: dict, phase: Phase | None) -> dict:
    """What dashboard.js draws: the running totals and the phase's targets."""
    return {
        "months": [row["month"] for row in totals["cumulative"]],
        "events_held": [row["events_held"] for row in totals["cumulative"]],
        "officials_trained": [row["officials_trained"] for row in totals["cumulative"]],
        "target_events_held": phase.target_events_held if phase else None,
        "target_officials_trained": phase.target_officials_trained if phase else None,
    }


def as_text(totals: dict, phase: Phase | None, country_code: str | None = None) -> str:
    """`flask totals` without --json: the figures as a plain table."""
    title = f"Phase {phase.number} ({phase.name})" if phase else "All phases"
    lines = [f"{title} — {country_code or 'all countries'}", ""]
    for figure in head_counts(totals, phase) + outcomes(totals):
        value = "–" if figure.value is None else f"{figure.value:,}"
        target = (f"   target {figure.target:,} ({figure.percent_of_target}%)"
                  if figure.percent_of_target is not None else "")
        lines.append(f"{figure.label:<42}{value:>10}{target}")
    for breakdown in breakdowns(totals):
        lines += ["", breakdown.title]
        lines += [f"  {name:<40}{count:>10,}" for _code, name, count in breakdown.rows] or ["  (none)"]
    lines += ["", "Running totals (month, events held, officials trained)"]
    lines += [f"  {row['month']}  {row['events_held']:>8,}  {row['officials_trained']:>10,}"
              for row in totals["cumulative"]]
    return "\n".join(lines)
