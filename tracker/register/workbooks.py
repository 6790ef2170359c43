"""Spreadsheet registers (XLSX, XLS, ODS) read by python-calamine after the guard has
measured them: each visible worksheet as rows of typed cells, with its merged rows and hidden
columns, so that the parser can pick the sheet that holds the header."""
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from flask_babel import gettext as _

from .guard import Measured, unreadable
from .limits import MAX_COLUMNS, FileProblem


@dataclass(eq=False)
class Sheet:
    """One table of cells. `rows()` gives (row number as the spreadsheet shows it, cells);
    cell i of a row is in column `first_column + i` (1 = A)."""

    name: str
    load: Callable[["Sheet"], Iterator[tuple[int, list]]]
    hidden_columns: set[int] = field(default_factory=set)
    merged_rows: set[int] = field(default_factory=set)
    first_column: int = 1
    rows_left: Iterator[tuple[int, list]] = iter(())  # set by the parser: rows after the first ones

    def rows(self) -> Iterator[tuple[int, list]]:
        return self.load(self)


def open_workbook(measured: Measured, kind: str) -> list[Sheet]:
    """The visible worksheets, in workbook order; a sheet's cells are read when asked for."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(measured.data))
        metadata = book.sheets_metadata
    except Exception as error:  # CalamineError, XmlError, ZipError, PasswordError, ...
        if type(error).__name__ == "PasswordError" or "password" in str(error).lower():
            raise FileProblem(_("the file is protected by a password; save a copy without one")) from None
        raise unreadable(kind) from None

    def loader(index: int):
        def load(sheet: Sheet) -> Iterator[tuple[int, list]]:
            try:
                cells = book.get_sheet_by_index(index)
                _top, left = cells.start or (0, 0)
                merged = cells.merged_cell_ranges or []
            except Exception:
                raise unreadable(kind) from None
            sheet.first_column = left + 1
            sheet.merged_rows = {row + 1 for (first, _c), (last, _d) in merged
                                 for row in range(first, min(last, first + 50) + 1)}
            return _rows(cells)
        return load

    return [Sheet(meta.name, loader(index), measured.hidden_columns.get(index, set()))
            for index, meta in enumerate(metadata)
            if meta.typ == SheetTypeEnum.WorkSheet and meta.visible == SheetVisibleEnum.Visible]


def _rows(cells) -> Iterator[tuple[int, list]]:
    # calamine's rows start at the sheet's first row (blank rows above the first cell
    # included) and its cells at the first column that holds one.
    for number, row in enumerate(cells.iter_rows(), start=1):
        yield number, row[:MAX_COLUMNS]
