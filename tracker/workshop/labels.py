"""How a session is named on the workshop's pages (its date, and its part of the day unless
it is the whole day), and on the printed, bilingual sign-in sheet."""
from ..i18n import label
from ..models import SessionPart

# The printed sign-in sheet is bilingual whatever the page's language.
PART_BILINGUAL = {SessionPart.DAY: "", SessionPart.MORNING: "Morning / Утро",
                  SessionPart.AFTERNOON: "Afternoon / После обеда", SessionPart.EVENING: "Evening / Вечер"}


def session_label(session) -> str:
    """"14.03 Morning"; a whole-day session is just its date."""
    day = session.day.strftime("%d.%m")
    return day if session.part == SessionPart.DAY else f"{day} {label('session_part', session.part)}"


def session_long_label(session) -> str:
    """"14.03.2016 Morning"; a whole-day session is just its date."""
    day = session.day.strftime("%d.%m.%Y")
    return day if session.part == SessionPart.DAY else f"{day} {label('session_part', session.part)}"
