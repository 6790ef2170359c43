"""What the upload pages show before an import: the plan of an uploaded file or of pasted
rows, read with the user's answers (how to read unknown columns, slash dates) and with the
mappings remembered for its header."""
from collections.abc import Mapping

from . import mappings, prepare
from .header import IGNORE, normalize
from .plan import Plan

SLASH_READINGS = ("day", "month")


def read_upload(data: bytes, *, is_pasted: bool, event=None, country_limit: str | None = None,
                answers: Mapping[str, str] | None = None, user=None) -> Plan:
    """The plan of an upload. `answers` (the preview's column form) maps or ignores columns,
    answers the slash-date question, and is remembered for the header."""
    answers = answers or {}
    slash = answers.get("slash_dates") if answers.get("slash_dates") in SLASH_READINGS else None
    options = {"remembered": mappings.remembered, "slash_reading": slash}
    if is_pasted:
        options["pasted"] = data.decode("utf-8", errors="replace")
    else:
        options["data"] = data
    plan = prepare(event=event, country_limit=country_limit, **options)
    header = plan.parsed.header if plan.parsed else None
    if header is None:
        return plan
    chosen = {}
    for column in header.columns:
        answer = answers.get(f"column-{column.index}")
        if answer is not None and (answer in mappings.FIELDS or answer == IGNORE):
            chosen[normalize(column.header)] = answer
    if chosen:
        mappings.remember(header.key, chosen, user)
        plan = prepare(event=event, country_limit=country_limit, mapping=chosen, **options)
    return plan
