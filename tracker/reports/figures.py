"""A totals object made presentable: labels, targets, named breakdowns and a text table.

The dashboard, the phase report, its XLSX and `flask totals` all show figures through here,
so a figure has one name everywhere, in the page's language (English on the command line).
Nothing here counts: the numbers come from totals.py.
"""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..i18n import local_name
from ..models import AgencyType, Country, CountryTarget, EventKind, Phase, Topic

# (key in the totals object, label, Phase or CountryTarget attribute holding its target or None)
HEAD_COUNTS = [
    ("events_held", _l("Events held"), "target_events_held"),
    ("officials_trained", _l("Officials trained"), "target_officials_trained"),
    ("women_trained", _l("Women trained"), "target_women_trained"),
    ("person_days", _l("Person-days"), None),
    ("participations", _l("Participations"), None),
]
OUTCOMES = [
    ("officials_completed", _l("Officials who completed a course")),
    ("officials_assessed", _l("Officials tested before and after")),
    ("officials_improved", _l("Officials who improved their test score")),
    ("satisfaction", _l("Satisfaction (mean rating, 1–5)")),
    ("ratings", _l("Ratings given")),
]
# (key, heading of the name column, what is counted, the table's title, the XLSX sheet's name)
BREAKDOWNS = [
    ("by_country", _l("Country"), _l("Officials trained"), _l("Officials trained by country"),
     _l("By country")),
    ("by_agency_type", _l("Agency type"), _l("Officials trained"),
     _l("Officials trained by agency type"), _l("By agency type")),
    ("by_topic", _l("Topic"), _l("Officials trained"), _l("Officials trained by topic"),
     _l("By topic")),
    ("by_event_kind", _l("Event kind"), _l("Events held"), _l("Events held by event kind"),
     _l("By event kind")),
]


@dataclass
class Figure:
    key: str
    label: str
    value: int | float | None
    target: int | None = None
    has_target: bool = False  # the phase has a target setting for this figure (maybe unset)
    baseline: int | None = None  # a country's figure before the phase, when the admin set it

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
    title: str
    sheet_name: str
    rows: list[tuple[str, str, int]]  # (code, name shown, count)


def targets_for(phase: Phase | None, country: str | None) -> Phase | CountryTarget | None:
    """What a phase's figures are measured against: the phase's own targets, or, filtered to
    a country, that country's (None when it has none: never the programme-wide ones)."""
    if phase is None or not country:
        return phase
    return db.session.scalar(select(CountryTarget).where(
        CountryTarget.phase_id == phase.id, CountryTarget.country_code == country))


def head_counts(totals: dict, phase: Phase | None, country: str | None = None) -> list[Figure]:
    targets = targets_for(phase, country)
    return [
        Figure(key, str(label), totals[key],
               getattr(targets, target) if targets is not None and target else None,
               has_target=bool(phase and target),
               baseline=getattr(targets, f"baseline_{key}", None) if country else None)
        for key, label, target in HEAD_COUNTS
    ]


def outcomes(totals: dict) -> list[Figure]:
    return [Figure(key, str(label), totals[key]) for key, label in OUTCOMES]


def women_share(totals: dict) -> int | None:
    """Women as a whole percentage of officials trained."""
    if not totals["officials_trained"]:
        return None
    return round(totals["women_trained"] * 100 / totals["officials_trained"])


def breakdowns(totals: dict) -> list[Breakdown]:
    """The four breakdowns with names in the page's language (four small reference-list
    queries; the command line, having no page, gets English)."""
    def names(model, key: str = "code") -> dict[str, str]:
        return {getattr(row, key): local_name(row) for row in db.session.scalars(select(model))}

    shown = {"by_country": names(Country), "by_agency_type": names(AgencyType),
             "by_event_kind": names(EventKind),
             "by_topic": names(Topic, "name_en")}  # the totals count topics by English name
    return [
        Breakdown(key, str(heading), str(counted), str(title), str(sheet_name),
                  [(code, shown[key].get(code, code), count) for code, count in totals[key].items()])
        for key, heading, counted, title, sheet_name in BREAKDOWNS
    ]


def for_page(totals: dict, phase: Phase | None, country: str | None = None) -> dict:
    """What the totals partials (templates/totals/) need, for render_template."""
    return {
        "totals": totals,
        "target_country": country,
        "head_counts": head_counts(totals, phase, country),
        "women_share": women_share(totals),
        "outcomes": outcomes(totals),
        "breakdowns": breakdowns(totals),
    }


def running_totals_chart(totals: dict, phase: Phase | None, country: str | None = None) -> dict:
    """What dashboard.js draws: the running totals and the phase's (or country's) targets."""
    targets = targets_for(phase, country)
    return {
        "months": [row["month"] for row in totals["cumulative"]],
        "events_held": [row["events_held"] for row in totals["cumulative"]],
        "officials_trained": [row["officials_trained"] for row in totals["cumulative"]],
        "target_events_held": getattr(targets, "target_events_held", None),
        "target_officials_trained": getattr(targets, "target_officials_trained", None),
    }


def as_text(totals: dict, phase: Phase | None, country_code: str | None = None,
            period: str | None = None) -> str:
    """`flask totals` without --json: the figures as a plain table."""
    title = (f"Phase {phase.number} ({phase.name})" if phase
             else f"Period {period}" if period else "All phases")
    lines = [f"{title} — {country_code or 'all countries'}", ""]
    for figure in head_counts(totals, phase, country_code) + outcomes(totals):
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
