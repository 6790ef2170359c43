"""The phase report as a workbook: a summary sheet, then one sheet per breakdown. Values only,
with sheet names and headings in the page's language."""
from flask_babel import gettext as _
from flask_babel import pgettext
from openpyxl import Workbook

from ..exports import Sheet, workbook
from ..models import Phase
from . import figures

WIDTHS = (28, 40, 16, 16, 16)


def period_workbook(period, country: str | None, totals: dict) -> Workbook:
    """A reporting period's figures (period.Period): no budget, no targets."""
    summary = [
        [_("Report for"), period.label, None],
        [_("Start date"), period.start, None],
        [_("End date"), period.end, None],
        [_("Countries"), country or _("all"), None],
    ]
    return _workbook(summary, totals, None, country)


def phase_workbook(phase: Phase, country: str | None, totals: dict) -> Workbook:
    summary = [
        [_("Phase"), phase.number, None],
        [pgettext("phase", "Name"), phase.name, None],
        [_("Countries"), country or _("all"), None],
        [_("Start date"), phase.start_date, None],
        [_("End date"), phase.end_date, None],
        [_("Total cost (%(currency)s)", currency=phase.currency), phase.total_cost, None],
        [_("EU contribution (%(currency)s)", currency=phase.currency), phase.eu_contribution, None],
        [_("Implementing organisation"), phase.implementing_organisation, None],
        [_("Funding instrument"), phase.funding_instrument, None],
    ]
    return _workbook(summary, totals, phase, country)


def _workbook(summary: list, totals: dict, phase: Phase | None, country: str | None) -> Workbook:
    summary = summary + [[f.label, f.value, f.target]
                         for f in figures.head_counts(totals, phase, country)]
    summary += [[f.label, f.value, None] for f in figures.outcomes(totals)]
    # "Summary" is also the audit log's column (Описание there); the sheet is Итоги.
    sheets = [Sheet(pgettext("workbook sheet", "Summary"), [_("Figure"), _("Value"), _("Target")],
                    summary, WIDTHS)]
    sheets += [Sheet(breakdown.sheet_name, [_("Code"), breakdown.heading, breakdown.counted],
                     [list(row) for row in breakdown.rows], WIDTHS)
               for breakdown in figures.breakdowns(totals)]
    sheets.append(Sheet(_("Running totals"), [_("Month"), _("Events held"), _("Officials trained")],
                        [[row["month"], row["events_held"], row["officials_trained"]]
                         for row in totals["cumulative"]], WIDTHS))
    return workbook(sheets)
