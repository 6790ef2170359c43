"""Reading the figures a totals page shows: head counts, breakdown tables, running totals."""
import re


def shown_figures(page: str) -> dict:
    """{figure key: number} from the data-figure cells of a page."""
    figures = {}
    for key, text in re.findall(r'data-figure="(\w+)">([^<]*)<', page):
        text = text.strip()
        figures[key] = None if text == "no ratings" else (
            float(text) if "." in text else int(text.replace(",", "")))
    return figures


def shown_breakdowns(page: str) -> dict:
    """{breakdown key: {code: count}} from the breakdown tables of a page."""
    tables = re.findall(r'<table[^>]*data-breakdown="(\w+)">(.*?)</table>', page, re.S)
    return {
        key: {code: int(count.replace(",", "")) for code, count in re.findall(
            r'data-code="([^"]*)">(?:<a [^>]*>)?[^<]*(?:</a>)?</td><td class="text-end">([\d,]+)<',
            body)}
        for key, body in tables
    }


def running_table(page: str) -> list[dict]:
    rows = re.findall(r'<tr><td>(\d{4}-\d\d)</td><td class="text-end">([\d,]+)</td>'
                      r'<td class="text-end">([\d,]+)</td></tr>', page)
    return [{"month": m, "events_held": int(e.replace(",", "")),
             "officials_trained": int(o.replace(",", ""))} for m, e, o in rows]


# The phase or period report's XLSX "Summary" sheet: its English row labels, by figure key.
SUMMARY_LABELS = {"Events held": "events_held", "Officials trained": "officials_trained",
                  "Women trained": "women_trained", "Person-days": "person_days",
                  "Participations": "participations",
                  "Officials who completed a course": "officials_completed",
                  "Officials tested before and after": "officials_assessed",
                  "Officials who improved their test score": "officials_improved",
                  "Satisfaction (mean rating, 1–5)": "satisfaction", "Ratings given": "ratings"}


def summary_figures(workbook) -> dict:
    """{figure key: value} from the Summary sheet of a report's XLSX (English labels)."""
    return {SUMMARY_LABELS[label]: value for label, value, _target
            in workbook["Summary"].iter_rows(min_row=2, values_only=True) if label in SUMMARY_LABELS}
