"""Build register files (CSV or XLSX) from rows, for the import tests."""
import csv
import io

from openpyxl import Workbook

DEFAULT_EVENT = {
    "event_title": "Document Security Workshop", "start_date": "14.03.2016",
    "end_date": "16.03.2016", "event_kind": "workshop", "event_country": "KG",
}


def register_rows(*people: dict, **event) -> list[dict]:
    """Rows for one event (DEFAULT_EVENT updated with `event`), one per person dict."""
    return [{**DEFAULT_EVENT, **event, **person} for person in people]


def to_csv(rows: list[dict], bom: bool = False, delimiter: str = ",") -> bytes:
    header = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    data = out.getvalue().encode()
    return b"\xef\xbb\xbf" + data if bom else data


def to_xlsx(rows: list[dict]) -> bytes:
    header = list(dict.fromkeys(key for row in rows for key in row))
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(column, "") for column in header])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


FORMATS = {"csv": to_csv, "xlsx": to_xlsx}
