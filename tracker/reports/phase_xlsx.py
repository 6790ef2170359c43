"""The phase report as a workbook: a summary sheet, then one sheet per breakdown. Values only."""
from openpyxl import Workbook
from openpyxl.styles import Font

from ..models import Phase
from . import figures

# A cell starting with one of these would be read as a formula by a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@")


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _sheet(workbook: Workbook, title: str, header: list[str], rows: list[list]) -> None:
    sheet = workbook.create_sheet(title[:31])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_safe(value) for value in row])
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDE", (28, 40, 16, 16, 16)):
        sheet.column_dimensions[column].width = width


def phase_workbook(phase: Phase, country: str | None, totals: dict) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
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
    _sheet(workbook, "Summary", ["Figure", "Value", "Target"], summary)
    for sheet_row in workbook["Summary"].iter_rows(min_row=5, max_row=6, max_col=2):
        sheet_row[1].number_format = "DD.MM.YYYY"
    for breakdown in figures.breakdowns(totals):
        _sheet(workbook, breakdown.sheet_name, ["Code", breakdown.heading, breakdown.counted],
               [list(row) for row in breakdown.rows])
    _sheet(workbook, "Running totals", ["Month", "Events held", "Officials trained"],
           [[row["month"], row["events_held"], row["officials_trained"]]
            for row in totals["cumulative"]])
    return workbook
