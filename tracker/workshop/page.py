"""What the event page shows of the workshop to those who edit it: the marks grid and
self check-in (open links with their QR codes, check-ins waiting for confirmation)."""
from flask_babel import gettext as _

from ..models import CheckInLink
from . import check_in, grid, marks
from .forms import OpenCheckInForm
from .labels import session_long_label
from .qr import public_url, qr_svg


def event_page_context(event, roster) -> dict:
    return {**grid.context(event, roster), **check_in_context(event)}


def session_choices(event) -> list[tuple[str, str]]:
    return [(marks.session_key(s), session_long_label(s)) for s in marks.sessions_of(event)]


def link_view(link: CheckInLink) -> dict:
    url = public_url("workshop.self_check_in", token=link.token)
    return {"link": link, "url": url, "label": session_long_label(link.session),
            "qr": qr_svg(url, label=_("QR code of %(url)s", url=url), css_class="check-in-qr")}


def check_in_context(event) -> dict:
    """The event page's check-in section."""
    form = OpenCheckInForm(formdata=None)
    form.session.choices = session_choices(event)
    return {"open_check_in_form": form, "check_in_links": [link_view(link) for link in check_in.open_links(event)],
            "pending_check_ins": check_in.pending(event)}
