"""Reading for the dashboard's filters: the phases and the countries to choose from."""
from sqlalchemy import select

from ..extensions import db
from ..i18n import local_name
from ..models import Country, Phase


def phases() -> list[Phase]:
    return list(db.session.scalars(select(Phase).order_by(Phase.start_date, Phase.number)))


def countries() -> list[Country]:
    """The programme's beneficiary countries first, each group in the page's alphabet."""
    return sorted(db.session.scalars(select(Country)),
                  key=lambda country: (not country.is_beneficiary, local_name(country)))
