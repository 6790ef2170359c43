"""The register import: parse (file -> rows, no database), plan (rows -> what would change),
apply (the plan, in one transaction). The CLI, /import and the event page's attendance
upload all go through these three steps, with the same limits. The web side: routes.py (the
`register` blueprint, /import), forms.py, and storage.py (uploads waiting between preview
and import)."""
from .apply import apply_plan, collector_paused, lock_for_import
from .limits import MAX_BAD_ROWS
from .parse import EVENT_COLUMNS, PERSON_COLUMNS, ParseResult, RegisterRow, RowError, parse
from .plan import Plan, make_plan


def prepare(data: bytes | None = None, *, event=None, country_limit: str | None = None,
            **options) -> Plan:
    """Parse and plan a file; the plan's errors are every bad row of both steps (at most
    MAX_BAD_ROWS rows' worth). `options` go to `parse` (pasted, mapping, remembered, ...)."""
    with collector_paused():
        parsed = parse(data, with_event_columns=event is None, **options)
        if (not parsed.rows or parsed.needs_mapping or parsed.slash_question
                or any(e.column == "file" for e in parsed.errors)):
            return Plan([], [], [], [], [], parsed.errors, parsed)
        plan = make_plan(parsed.rows, event=event, country_limit=country_limit)
    plan.parsed = parsed
    plan.errors = _bounded(sorted(parsed.errors + plan.errors))
    return plan


def _bounded(errors: list[RowError]) -> list[RowError]:
    rows = sorted({e.row for e in errors})
    if len(rows) <= MAX_BAD_ROWS:
        return errors
    last = rows[MAX_BAD_ROWS - 1]
    from flask_babel import gettext as _
    return [e for e in errors if e.row <= last] + [RowError(rows[MAX_BAD_ROWS], "file", _(
        "more than %(max)s bad rows; the first %(max)s are listed. Correct them and upload the "
        "file again", max=f"{MAX_BAD_ROWS:,}"))]


__all__ = ["EVENT_COLUMNS", "PERSON_COLUMNS", "ParseResult", "Plan", "RegisterRow",
           "RowError", "apply_plan", "lock_for_import", "make_plan", "parse", "prepare"]
