"""What a drill-down from a figure added to the event list, said in words, with the query
arguments that keep it when the list's own filters change."""
from flask_babel import gettext as _
from sqlalchemy import select

from ..extensions import db
from ..i18n import label, local_name
from ..models import AgencyType, Country
from .queries import NONE, UNKNOWN_SEX, EventFilters


def drilldown_labels(filters: EventFilters) -> list[tuple[str, str, str]]:
    """(query argument, value, words) for each drill-down filter in force."""
    labels = []

    def country(code: str) -> str:
        found = db.session.get(Country, code)
        return local_name(found) if found else code

    if filters.official_country:
        labels.append(("official_country", filters.official_country,
                       _("officials of %(country)s", country=country(filters.official_country))))
    if filters.sex:
        labels.append(("sex", filters.sex, _("sex: %(sex)s", sex=label(
            "sex", None if filters.sex == UNKNOWN_SEX else filters.sex).lower())))
    if filters.agency_type == NONE:
        labels.append(("agency_type", NONE, _("agency type not recorded")))
    elif filters.agency_type:
        found = db.session.scalar(select(AgencyType).where(AgencyType.code == filters.agency_type))
        labels.append(("agency_type", filters.agency_type, _("agency type: %(type)s", type=(
            local_name(found) if found else filters.agency_type))))
    if filters.taking_part:
        labels.append(("taking_part", filters.taking_part, _(
            "hosted in %(country)s or attended by its officials",
            country=country(filters.taking_part))))
    if filters.evidence == "with":
        labels.append(("evidence", "with", _("with a signed sign-in sheet")))
    elif filters.evidence == "without":
        labels.append(("evidence", "without", _("without a signed sign-in sheet")))
    return labels
