"""The phase report as a workbook: a summary sheet, then one sheet per breakdown. Values only."""
from openpyxl import Workbook

from ..exports import Sheet, workbook
from ..models import Phase
from . import figures

WIDTHS = (28, 40, 16, 16, 16)


def phase_workbook(phase: Phase, country: str | None, totals: dict) -> Workbook:
    summary = [
        ["Phase", phase.number, None],
        ["Name", phase.name, None],
        ["Countries", country or "all", None],
        ["Start date", phase.start_date, None],
        ["End date", phase.end_date, None],
        [f"Total cost ({phase.currency})", phase.total_cost, None],
        [f"EU contribution ({phase.currency})", phase.eu_contribution, None],
        ["Implementing organisation", phase.implementing_organisation, None],
        ["Funding instrument", phase.funding_instrument, None],
    ]
    summary += [[f.label, f.value, f.target] for f in figures.head_counts(totals, phase)]
    summary += [[f.label, f.value, None] for f in figures.outcomes(totals)]
    sheets = [Sheet("Summary", ["Figure", "Value", "Target"], summary, WIDTHS)]
    sheets += [Sheet(breakdown.sheet_name, ["Code", breakdown.heading, breakdown.counted],
                     [list(row) for row in breakdown.rows], WIDTHS)
               for breakdown in figures.breakdowns(totals)]
    sheets.append(Sheet("Running totals", ["Month", "Events held", "Officials trained"],
                        [[row["month"], row["events_held"], row["officials_trained"]]
                         for row in totals["cumulative"]], WIDTHS))
    return workbook(sheets)
