"""Events: the list, the form (create and edit with optimistic locking), the event page."""
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import choices
from ..auth.permissions import EDIT_EVENTS, MERGE_AND_DELETE, VIEW_TOTALS, role_required, runs_event
from ..codes import UNKNOWN_SEX
from ..database import discard
from ..i18n import role_names
from ..models import RESTORE_DAYS, EventStatus, Sex
from ..pagination import paginate_rows
from ..people.queries import find_people
from ..security import parse_id
from ..services import Refusal, show_refusal, write_or_refuse
from ..templating import url_with
from ..undo import offer_undo
from ..workshop import page as workshop_page
from . import deletion, queries, services
from .blueprint import bp
from .drilldown import drilldown_labels
from .forms import (
    AddAttendeeForm,
    AttachmentForm,
    AttendanceForm,
    DeleteForm,
    EventForm,
    NewAttendeeForm,
    TestimonyForm,
)


def _int(name: str) -> int | None:
    return parse_id(request.args.get(name))


def _date(name: str) -> date | None:
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None


def _id_or_none(name: str) -> int | str | None:
    return queries.NONE if request.args.get(name) == queries.NONE else _int(name)


def _code(name: str) -> str | None:
    value = (request.args.get(name) or "").strip()
    return value[:40] if value.isascii() and value.replace("_", "").isalnum() else None


def _one_of(name: str, values) -> str | None:
    return request.args.get(name) if request.args.get(name) in values else None


NAME = "%(name)s"  # a placeholder kept in a translated text, for the template to fill
MAX_SEARCH = 200


@bp.route("")
@role_required(*VIEW_TOTALS)
def index():
    filters = queries.EventFilters(
        # A search longer than any title is cut: SQLite refuses LIKE patterns past 50,000 bytes.
        q=(request.args.get("q") or "").strip()[:MAX_SEARCH] or None, phase=_int("phase"),
        country=request.args.get("country") or None, kind=_id_or_none("kind"),
        topic=_id_or_none("topic"), status=_one_of("status", set(EventStatus)),
        date_from=_date("from"), date_to=_date("to"),
        sort=request.args.get("sort") if request.args.get("sort") in queries.SORTS else "date_desc",
        official_country=(_code("official_country") or "").upper() or None,
        sex=_one_of("sex", {*Sex, UNKNOWN_SEX}), agency_type=_code("agency_type"),
        taking_part=(_code("taking_part") or "").upper() or None,
        evidence=_one_of("evidence", ("with", "without")),
    )
    page = paginate_rows(queries.event_list(filters))
    drilled = drilldown_labels(filters)
    return render_template(
        "events/index.html", page=page, filters=filters, drilled=drilled,
        undrilled_url=url_with(**{name: None for name, _value, _words in drilled}),
        phases=choices.phases(blank=_("All phases")),
        countries=choices.countries(blank=_("All countries"), only=current_user.country_code),
        kinds=choices.event_kinds(blank=_("All kinds")) + [(queries.NONE, _("No kind recorded"))],
        topics=[("", _("All topics"))] + choices.topics() + [(queries.NONE, _("No topic recorded"))],
    )


def _form_values(form: EventForm) -> dict:
    return {name: field.data for name, field in form._fields.items() if name not in ("csrf_token", "submit")}


@bp.route("/new", methods=["GET", "POST"])
@role_required(*EDIT_EVENTS)
def new():
    form = EventForm(country_limit=current_user.country_code)
    if form.validate_on_submit():
        saved, event = write_or_refuse(form, lambda: services.save_event(
            None, _form_values(form), country_limit=current_user.country_code))
        if saved:
            flash(_("Event “%(title)s” saved. Now add its attendees.", title=event.title), "success")
            return redirect(url_for(".show", event_id=event.id))
    return render_template("events/form.html", form=form, event=None)


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@role_required(*EDIT_EVENTS)
def edit(event_id: int):
    event = queries.event_to_change(event_id)
    form = EventForm(obj=event, country_limit=current_user.country_code)
    if request.method == "GET":
        form.phase.data = str(event.phase.number)
        form.topic_ids.data = [str(t.id) for t in event.topics]
        form.kind_id.data = str(event.kind_id or "")
        form.version.data = str(event.version)
    theirs, offer_cut = None, False
    if form.validate_on_submit():
        try:
            services.save_event(event, _form_values(form), country_limit=current_user.country_code)
            flash(_("Event saved."), "success")
            return redirect(url_for(".show", event_id=event.id))
        except services.StaleEdit as stale:
            discard()
            theirs = _form_values(form)
            current = queries.get_event(event_id)
            form = EventForm(formdata=None, obj=current, country_limit=current_user.country_code)
            form.phase.data = str(current.phase.number)
            form.topic_ids.data = [str(t.id) for t in current.topics]
            form.kind_id.data = str(current.kind_id or "")
            form.version.data = str(current.version)
            show_refusal(form, stale)
            theirs = _differences(form, theirs)
        except Refusal as refusal:
            discard()
            show_refusal(form, refusal)
            offer_cut = isinstance(refusal, services.DaysBeyondEnd)
    return render_template("events/form.html", form=form, event=event, theirs=theirs,
                           offer_cut=offer_cut)


def _differences(form: EventForm, submitted: dict) -> list[tuple[str, str]]:
    """(label, your value) for each field where the refused submission differs."""
    differences = []
    for name, value in submitted.items():
        field = form._fields[name]
        if name == "version" or str(value or "") == str(field.data or ""):
            continue
        if isinstance(value, list) and sorted(map(str, value)) == sorted(map(str, field.data or [])):
            continue
        if hasattr(field, "choices") and field.choices:
            labels = dict((str(k), str(v)) for k, v in field.choices)
            value = ", ".join(labels.get(str(v), str(v)) for v in value) if isinstance(value, list) \
                else labels.get(str(value), value)
        differences.append((field.label.text, value if value not in (None, "") else _("(blank)")))
    return differences


@bp.route("/<int:event_id>")
@role_required(*VIEW_TOTALS)
def show(event_id: int):
    return render_event_page(queries.get_event(event_id))


def render_event_page(event, *, new_form=None, looks_like=None, testimony_form=None, **extra):
    """The event page; forms refused by another view come back with their errors."""
    context = dict(event=event, counts=queries.roster_counts(event),
                   agency_type_names=queries.agency_type_names(),
                   feedback=queries.event_feedback(event), delete_form=DeleteForm(), **extra)
    context["runs_event"] = runs_event(event)  # at home; abroad: facts, counts, own officials
    context["may_change"] = may_change = current_user.may_edit and context["runs_event"]
    if current_user.may_see_names:
        context["roster"] = queries.roster(event)
        context["role_names"] = role_names()
        # Translated once with the name left in, filled in per row by the template: at 500
        # attendees, asking gettext on every row was a third of the page's time.
        context["row_labels"] = {
            "role_of": _("Role of %(name)s", name=NAME), "days_of": _("Days attended by %(name)s", name=NAME),
            "remove": _("Remove %(name)s", name=NAME)}
        context["testimonies"] = event.testimonies
    if may_change:
        context.update(_attendee_forms(event, new_form, looks_like))
        context.update(workshop_page.event_page_context(event, context["roster"]))
        context["testimony_form"] = testimony_form or TestimonyForm(formdata=None)
    return render_template("events/show.html", **context)


def _attendee_forms(event, new_form: NewAttendeeForm | None = None, looks_like=None) -> dict:
    find = (request.args.get("find") or "").strip()
    country = request.args.get("country") or None
    matches = find_people(find, country_code=country,
                          scope=_people_scope()) if find else []
    on_roster = {a.person_id for a in event.attendances} if matches or looks_like else set()
    if new_form is None:
        # Officials at a national event are mostly of the host country.
        national_host = event.country_code if event.scope == "national" else None
        new_form = NewAttendeeForm(formdata=None, country_limit=current_user.country_code, data={
            "full_name": find, "country_code": country or national_host or current_user.country_code})
    return dict(find=find, find_country=country, matches=matches, looks_like=looks_like,
                on_roster=on_roster, add_form=AddAttendeeForm(formdata=None), new_form=new_form,
                attendance_form=AttendanceForm(formdata=None), attachment_form=AttachmentForm(formdata=None),
                countries=choices.countries(blank=_("Any country"), only=current_user.country_code))


def _people_scope():
    from ..auth.permissions import scope_to_country
    from ..models import Person

    return lambda query: scope_to_country(query, Person.country_code)


@bp.route("/<int:event_id>/delete", methods=["POST"])
@role_required(*MERGE_AND_DELETE)
def delete(event_id: int):
    event = queries.get_event(event_id)
    if not DeleteForm().validate_on_submit():
        abort(400)
    deletion.delete_event(event, current_user._get_current_object())
    offer_undo(_("Event “%(title)s” moved to Deleted events; it can be restored there for "
                 "%(days)s days.", title=event.title, days=RESTORE_DAYS),
               url_for(".restore", event_id=event.id))
    return redirect(url_for(".index"))
