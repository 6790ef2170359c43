"""The register import: parse (file -> rows, no database), plan (rows -> what would change),
apply (the plan, in one transaction). The CLI, /import and the event page's attendance
upload all go through these three steps."""
from .apply import apply_plan, collector_paused, lock_for_import
from .parse import EVENT_COLUMNS, PERSON_COLUMNS, ParseResult, RegisterRow, RowError, parse
from .plan import Plan, make_plan


def prepare(data: bytes, *, event=None, country_limit: str | None = None) -> Plan:
    """Parse and plan a file; the plan's errors are every bad row of both steps."""
    with collector_paused():
        parsed = parse(data, with_event_columns=event is None)
        if not parsed.rows:
            return Plan([], [], [], [], [], parsed.errors)
        plan = make_plan(parsed.rows, event=event, country_limit=country_limit)
    plan.errors = sorted(parsed.errors + plan.errors)
    return plan


__all__ = ["EVENT_COLUMNS", "PERSON_COLUMNS", "ParseResult", "Plan", "RegisterRow",
           "RowError", "apply_plan", "lock_for_import", "make_plan", "parse", "prepare"]
