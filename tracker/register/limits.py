"""How much of a register file is read: the same limits for the command line, /import and an
event's attendance-list upload. A file past a limit is refused early, with a sentence."""
from flask_babel import gettext as _

MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # per sheet (one member of an XLSX or ODS archive)
MAX_ARCHIVE_BYTES = 100 * 1024 * 1024  # everything read from one archive
MAX_TEXT_BYTES = 50 * 1024 * 1024  # a CSV or tab-separated file
# Spreadsheet readers hold a sheet as a grid from its first to its last cell: two cells far
# apart make a huge grid. About 32 bytes a cell: 8 million cells is at most ~256 MB.
MAX_CELLS = 8_000_000
MAX_BAD_ROWS = 1_000
HEADER_SEARCH_ROWS = 10


class FileProblem(Exception):
    """A file that cannot be read; the message says what to do."""


def too_many_rows() -> FileProblem:
    return FileProblem(_("the sheet has more than %(max)s rows; split the file", max=f"{MAX_ROWS:,}"))


def too_many_columns() -> FileProblem:
    return FileProblem(_("the sheet has more than %(max)s columns; delete the columns that are not "
                         "part of the register", max=MAX_COLUMNS))


def too_big_unpacked() -> FileProblem:
    return FileProblem(_("the sheet unpacks to more than %(mb)s MB; split the file or delete what "
                         "is not part of the register", mb=MAX_UNPACKED_BYTES // (1024 * 1024)))


def too_big_area(rows: int, columns: int) -> FileProblem:
    return FileProblem(_("the sheet's cells reach row %(rows)s and column %(columns)s; delete "
                         "the stray cells far below or to the right of the register",
                         rows=f"{rows:,}", columns=columns))
