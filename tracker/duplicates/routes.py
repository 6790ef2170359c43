"""/people/duplicates (the review queue, merge, "not the same person") and /people/merges
(recent merges, undo): coordinators and admins only; a country-limited user sees only
their country's people."""
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import choices
from ..auth.permissions import MERGE_AND_DELETE, role_required
from ..auth.routes import safe_next
from ..database import discard
from ..extensions import db
from ..models import Person
from ..pagination import paginate_rows
from ..security import parse_id
from ..services import Refusal, show_refusal
from . import queries
from .forms import MergeForm, PairForm, UndoForm
from .services import default_choices, mark_distinct, merge, undo, unmark_distinct

bp = Blueprint("duplicates", __name__, url_prefix="/people")


def _not_on_record(*values) -> str:
    ids = ", ".join(f"#{v}" for v in values if v) or _("no one")
    return _("Person %(ids)s is not on record (merged or deleted already?). "
             "Pick a pair from the list.", ids=ids)


@bp.app_template_global()
def duplicate_pairs_waiting() -> int:
    """The coordinators' dashboard reminder: suspected pairs in the user's scope."""
    return queries.pairs_waiting(current_user.country_code)


@bp.route("/duplicates")
@role_required(*MERGE_AND_DELETE)
def queue():
    filters = queries.QueueFilters.from_args(request.args, current_user.country_code)
    page = queries.pair_page(filters)
    people = [person for pair, _together in page.items for person in (pair.a, pair.b)]
    return render_template(
        "duplicates/queue.html", page=page, filters=filters, country=filters.country,
        histories=queries.histories(people), pair_form=PairForm(formdata=None),
        marks=queries.distinct_marks(), phases=choices.phases(blank=_("All phases")),
        countries=choices.countries(blank=_("All countries"), only=current_user.country_code))


@bp.route("/duplicates/merge", methods=["GET", "POST"])
@role_required(*MERGE_AND_DELETE)
def merge_pair():
    a_id, b_id = request.args.get("a"), request.args.get("b")
    a = queries.person_in_scope(parse_id(a_id))
    b = queries.person_in_scope(parse_id(b_id))
    if a is None or b is None:
        flash(_not_on_record(*(v for v, p in ((a_id, a), (b_id, b)) if p is None)), "error")
        return redirect(url_for(".queue"))
    if a.id == b.id:
        flash(_("Choose two different people to merge."), "error")
        return redirect(url_for(".queue"))
    form = MergeForm(a, b)
    if request.method == "GET":
        _fill_defaults(form, a, b)
    if form.validate_on_submit():
        survivor, absorbed = (a, b) if form.survivor.data == "a" else (b, a)
        absorbed_name, absorbed_id = absorbed.full_name, absorbed.id
        try:
            record = merge(survivor, absorbed, form.field_choices(), current_user._get_current_object())
        except Refusal as refusal:
            discard()
            if not _both_on_record(a_id, b_id):  # merged by someone else meanwhile
                flash(refusal.message, "error")
                return redirect(url_for(".queue"))
            show_refusal(form, refusal)
        else:
            flash(_("Merged #%(absorbed_id)s %(absorbed)s into #%(survivor_id)s %(survivor)s "
                    "(merge #%(merge_id)s; it can be undone from Recent merges).",
                    absorbed_id=absorbed_id, absorbed=absorbed_name, survivor_id=survivor.id,
                    survivor=survivor.full_name, merge_id=record.id), "success")
            return redirect(url_for(".queue"))
    return render_template("duplicates/merge.html", form=form, a=a, b=b,
                           histories=queries.histories([a, b]))


def _both_on_record(*ids) -> bool:
    ids = {parse_id(i) for i in ids}  # read afresh: the records this request loaded may be gone
    return len(set(db.session.scalars(select(Person.id).where(Person.id.in_(ids))))) == len(ids)


def _fill_defaults(form: MergeForm, a, b) -> None:
    """Keep the record with more events; of each field, its value unless it has none."""
    keep_a = len(a.attendances) >= len(b.attendances)
    survivor, absorbed = (a, b) if keep_a else (b, a)
    form.survivor.data = "a" if keep_a else "b"
    for field, choice in default_choices(survivor, absorbed).items():
        form[field].data = form.survivor.data if choice == "survivor" else (
            "b" if keep_a else "a")


def _write_pair(write, said) -> Response:
    """Apply `write(a, b, user)` to the posted pair (both must be within the user's reach),
    then go back with `said(a, b)` or the refusal."""
    form = PairForm()
    if not form.validate_on_submit():
        abort(400)
    back = safe_next(form.page.data) or url_for(".queue")
    a = queries.person_in_scope(parse_id(form.a.data))
    b = queries.person_in_scope(parse_id(form.b.data))
    if a is None or b is None:
        flash(_not_on_record(form.a.data if a is None else None,
                             form.b.data if b is None else None), "error")
        return redirect(back)
    try:
        write(a, b, current_user._get_current_object())
    except Refusal as refusal:
        discard()
        flash(refusal.message, "error")
    else:
        flash(said(a, b), "success")
    return redirect(back)


@bp.route("/duplicates/distinct", methods=["POST"])
@role_required(*MERGE_AND_DELETE)
def distinct():
    return _write_pair(mark_distinct, lambda a, b: _(
        "%(a)s and %(b)s are two people; the pair will not be suggested again.",
        a=a.full_name, b=b.full_name))


@bp.route("/duplicates/distinct/undo", methods=["POST"])
@role_required(*MERGE_AND_DELETE)
def undo_distinct():
    return _write_pair(unmark_distinct, lambda a, b: _(
        "%(a)s and %(b)s may be one person again; the pair is back in the queue.",
        a=a.full_name, b=b.full_name))


@bp.route("/merges")
@role_required(*MERGE_AND_DELETE)
def merges():
    person_id = parse_id(request.args.get("person"))
    page = paginate_rows(queries.recent_merges(person_id))
    return render_template("duplicates/merges.html", page=page, person_id=person_id,
                           undo_form=UndoForm(formdata=None))


@bp.route("/merges/<int:merge_id>/undo", methods=["POST"])
@role_required(*MERGE_AND_DELETE)
def undo_merge(merge_id: int):
    form = UndoForm()
    if not form.validate_on_submit():
        abort(400)
    record = queries.merge_in_scope(merge_id)
    if record is None:
        abort(404)
    try:
        restored = undo(record, current_user._get_current_object())
    except Refusal as refusal:
        discard()
        flash(_("Merge #%(id)s cannot be undone: %(reason)s", id=merge_id, reason=refusal.message),
              "error")
    else:
        flash(_("Merge #%(id)s undone: #%(person_id)s %(name)s is a separate record again, "
                "with its events.", id=merge_id, person_id=restored.id, name=restored.full_name),
              "success")
    return redirect(safe_next(form.next.data) or url_for(".merges"))
