"""Register import speed: builds registers of 10,000 and 100,000 rows (the larger with
6,000 events and 30,000 officials) as CSV and as XLSX, imports each into a fresh SQLite
database in its own process, and prints rows per second and peak memory; then times the
refusal of a decompression bomb (a 4 MB XLSX whose sheet unpacks to 1 GB).

    .venv/bin/python benchmarks/import.py [--rows 100000] [--formats csv,xlsx]

Targets (2-core machine, SQLite): >= 10,000 rows/s, < 500 MB, and 100,000 rows taking at
most 12 times as long as 10,000; XLSX at least as fast as CSV was (about 8,500 rows/s).
"""
import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SYLLABLES = "ba be bek da dan er gul jan kan kar li ma mir na nur ra sa sul ta tur u za zhan".split()
COUNTRIES = ["KG", "KZ", "TJ", "TM", "UZ"]
TOPICS = ["Document Security", "Integrated Border Management", "Identification and Profiling",
          "Border Control Procedures", "Anti-corruption"]
KINDS = ["workshop", "seminar", "training course", "conference"]


def word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


def build_register(path: Path, rows: int, events: int, officials: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    people = []
    seen = set()
    while len(people) < officials:
        name = f"{word(rng, 2)} {word(rng, 3)}"
        country = rng.choice(COUNTRIES)
        if (name, country) not in seen:
            seen.add((name, country))
            people.append((name, country, rng.choice("FM")))
    start = date(2015, 6, 1)
    span = (date(2018, 6, 1) - start).days
    event_rows = []
    for n in range(events):
        day = start + timedelta(days=rng.randrange(span))
        length = rng.randint(1, 4)
        event_rows.append((f"EV-{n:05}", f"{rng.choice(TOPICS)} {rng.choice(KINDS)} {n}",
                           day.strftime("%d.%m.%Y") if n % 2 else day.isoformat(),
                           (day + timedelta(days=length - 1)).isoformat(), rng.choice(KINDS),
                           rng.choice(TOPICS), length))
    per_event = rows // events
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["event_code", "event_title", "start_date", "end_date", "event_kind", "topics",
                         "full_name", "sex", "country", "agency", "role", "days_attended"])
        written = 0
        person_index = 0
        for event in event_rows:
            code, title, start_date, end_date, kind, topic, length = event
            count = per_event + (1 if written + per_event < rows and event is event_rows[-1] else 0)
            for _ in range(count if event is not event_rows[-1] else rows - written):
                name, country, sex = people[person_index % officials]
                person_index += 1
                writer.writerow([code, title, start_date, end_date, kind, topic, name, sex, country,
                                 f"Border Service {country}", "participant",
                                 rng.randint(1, length) if rng.random() < 0.1 else ""])
                written += 1


def to_xlsx(register: Path) -> Path:
    """The CSV register as an XLSX workbook written the way Excel writes one: text in the
    shared strings table, dates as serial numbers in a date style, days as numbers. (openpyxl's
    streaming writer puts every text inline, making the sheet twice the size.)"""
    from xml.sax.saxutils import escape

    strings: dict[str, int] = {}
    rows = []
    with register.open(newline="", encoding="utf-8") as source:
        for number, row in enumerate(csv.reader(source), start=1):
            cells = []
            for column, value in enumerate(row):
                ref = f"{chr(65 + column)}{number}"
                if number > 1 and column in (2, 3):
                    serial = (_as_date(value) - date(1899, 12, 30)).days
                    cells.append(f'<c r="{ref}" s="1"><v>{serial}</v></c>')
                elif number > 1 and column == len(row) - 1:
                    if value:
                        cells.append(f'<c r="{ref}"><v>{value}</v></c>')
                else:
                    index = strings.setdefault(value, len(strings))
                    cells.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
            rows.append(f'<row r="{number}">{"".join(cells)}</row>')
    main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{relations}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<workbook {main} xmlns:r="{relations}"><sheets>'
            '<sheet name="Register" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{relations}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{relations}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{relations}/styles" Target="styles.xml"/></Relationships>'),
        "xl/styles.xml": (
            f'<styleSheet {main}><fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
            '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>'),
        "xl/sharedStrings.xml": (
            f'<sst {main} count="{len(strings)}" uniqueCount="{len(strings)}">'
            + "".join(f"<si><t>{escape(text)}</t></si>" for text in strings) + "</sst>"),
        "xl/worksheets/sheet1.xml": f'<worksheet {main}><sheetData>{"".join(rows)}</sheetData></worksheet>',
    }
    target = register.with_suffix(".xlsx")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as book:
        for name, content in parts.items():
            book.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + content)
    return target


def _as_date(text: str) -> date:
    if "." in text:
        day, month, year = map(int, text.split("."))
        return date(year, month, day)
    return date.fromisoformat(text)


def refuse_bomb() -> dict:
    """Parse the decompression bomb (in this process); returns seconds and peak memory."""
    from config import TestingConfig
    from tests.support.bombs import xlsx_bomb
    from tracker import create_app
    from tracker.register import parse

    bomb = xlsx_bomb()
    app = create_app(TestingConfig)
    with app.test_request_context():
        started = time.perf_counter()
        errors = [str(e) for e in parse(bomb).errors]
        elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": elapsed, "peak_mb": peak_mb, "size_mb": len(bomb) / 2**20, "errors": errors}


def run_import(register: Path, database: str) -> dict:
    """Import the register into a fresh database (in this process); returns figures."""
    from support import migrated_app

    from config import TestingConfig
    from tracker.extensions import db
    from tracker.register import apply_plan, lock_for_import, prepare

    app = migrated_app(database, base=TestingConfig)
    with app.app_context():
        data = register.read_bytes()
        started, cpu_started = time.perf_counter(), time.process_time()
        lock_for_import()
        plan = prepare(data)
        if plan.errors:
            raise SystemExit(f"unexpected errors: {[str(e) for e in plan.errors[:5]]}")
        counts = apply_plan(plan, source=register.name)
        db.session.commit()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": elapsed, "cpu_seconds": cpu, "peak_mb": peak_mb, **counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--formats", default="csv,xlsx")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--bomb", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_import(Path(args.child[0]), args.child[1])))
        return
    if args.bomb:
        print(json.dumps(refuse_bomb()))
        return
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for rows in (args.rows // 10, args.rows):
            register = Path(tmp) / f"register-{rows}.csv"
            build_register(register, rows, events=max(rows * 6 // 100, 1), officials=max(rows * 3 // 10, 1))
            for kind in args.formats.split(","):
                source = register if kind == "csv" else to_xlsx(register)
                database = f"sqlite:///{Path(tmp) / f'import-{rows}-{kind}.db'}"
                child = subprocess.run([sys.executable, __file__, "--child", str(source), database],
                                       capture_output=True, text=True, check=True)
                result = json.loads(child.stdout.strip().splitlines()[-1])
                results[rows, kind] = result
                print(f"{rows:>7} rows as {kind.upper():<4} ({source.stat().st_size / 2**20:.1f} MB, "
                      f"{result['events_new']} events, {result['people_new']} officials): "
                      f"{result['seconds']:.2f} s, {rows / result['seconds']:,.0f} rows/s "
                      f"({rows / result['cpu_seconds']:,.0f} rows per CPU second), "
                      f"peak memory {result['peak_mb']:.0f} MB")
    for kind in args.formats.split(","):
        small, large = results[args.rows // 10, kind], results[args.rows, kind]
        print(f"growth ({kind}): {args.rows} rows took {large['seconds'] / small['seconds']:.1f} times "
              f"as long as {args.rows // 10} (linear would be 10)")
    child = subprocess.run([sys.executable, __file__, "--bomb"], capture_output=True, text=True, check=True)
    bomb = json.loads(child.stdout.strip().splitlines()[-1])
    print(f"decompression bomb ({bomb['size_mb']:.1f} MB, its sheet 1 GB unpacked): refused in "
          f"{bomb['seconds']:.2f} s, peak memory {bomb['peak_mb']:.0f} MB: {bomb['errors'][0]}")


if __name__ == "__main__":
    main()
