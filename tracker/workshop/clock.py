"""When a session's day ends where the event is held: a check-in link expires then."""
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

# The programme's countries and the EU member states hosting study visits; one zone each
# (Kazakhstan has kept one time, UTC+5, since 2024).
COUNTRY_ZONES = {
    "KZ": "Asia/Almaty", "KG": "Asia/Bishkek", "TJ": "Asia/Dushanbe", "TM": "Asia/Ashgabat",
    "UZ": "Asia/Tashkent", "AF": "Asia/Kabul",
    "AT": "Europe/Vienna", "BE": "Europe/Brussels", "BG": "Europe/Sofia", "HR": "Europe/Zagreb",
    "CY": "Asia/Nicosia", "CZ": "Europe/Prague", "DK": "Europe/Copenhagen", "EE": "Europe/Tallinn",
    "FI": "Europe/Helsinki", "FR": "Europe/Paris", "DE": "Europe/Berlin", "GR": "Europe/Athens",
    "HU": "Europe/Budapest", "IE": "Europe/Dublin", "IT": "Europe/Rome", "LV": "Europe/Riga",
    "LT": "Europe/Vilnius", "LU": "Europe/Luxembourg", "MT": "Europe/Malta",
    "NL": "Europe/Amsterdam", "PL": "Europe/Warsaw", "PT": "Europe/Lisbon", "RO": "Europe/Bucharest",
    "SK": "Europe/Bratislava", "SI": "Europe/Ljubljana", "ES": "Europe/Madrid", "SE": "Europe/Stockholm",
}
# An event in a country not listed: the day ends when it has ended everywhere on Earth.
LATEST_ZONE = timezone(timedelta(hours=-12))


def zone_of(country_code: str | None):
    name = COUNTRY_ZONES.get(country_code or "")
    return ZoneInfo(name) if name else LATEST_ZONE


def end_of_day(day: date, country_code: str | None) -> datetime:
    """Midnight after `day` where the event is held, in UTC."""
    local = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone_of(country_code))
    return local.astimezone(UTC)


def as_utc(moment: datetime) -> datetime:
    """A stored time (naive UTC on SQLite) made comparable with now()."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def now() -> datetime:
    return datetime.now(UTC)
