"""The clients of benchmarks/load.py: a browser's habits over http.client (cookies kept by
hand, redirects followed, forms read from the page), and what each client counted."""
import http.client
import random
import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode

PASSWORD = "load test password 2016"
CSRF = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')
SYLLABLES = "ba be bek da dan er gul jan kan kar li ma mir na nur ra sa sul ta tur u za zhan".split()
STALE = "Someone else saved this event"


def word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


class FormFields(HTMLParser):
    """The fields of each <form> of a page, as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.forms, self._select, self._textarea = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append([])
        elif not self.forms:
            return
        elif tag == "input" and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            if a.get("type") not in ("submit", "button"):
                self.forms[-1].append((a["name"], a.get("value", "")))
        elif tag == "select":
            self._select = [a.get("name"), None, None]  # name, first option, selected option
        elif tag == "option" and self._select:
            value = a.get("value", "")
            self._select[1] = value if self._select[1] is None else self._select[1]
            if "selected" in a:
                self._select[2] = value
        elif tag == "textarea":
            self._textarea = [a.get("name"), ""]

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            name, first, chosen = self._select
            self.forms[-1].append((name, chosen if chosen is not None else first or ""))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.forms[-1].append(tuple(self._textarea))
            self._textarea = None


@dataclass
class Tally:
    latencies: list[tuple[str, float]] = field(default_factory=list)  # (request kind, seconds)
    server_errors: int = 0
    connection_errors: int = 0
    other_answers: list[str] = field(default_factory=list)
    added_people: list[int] = field(default_factory=list)  # acknowledged, by id
    added_new: list[str] = field(default_factory=list)  # acknowledged, by name
    edits_saved: int = 0
    edits_stale: int = 0


class Client:
    def __init__(self, port: int, number: int, tally: Tally):
        self.port, self.number, self.tally = port, number, tally
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: list | dict | None = None):
        """(status, headers, body); follows a redirect like a browser. None on a failure."""
        body = urlencode(form, doseq=True) if form is not None else None
        headers = {"Accept-Language": "en", "Host": f"127.0.0.1:{self.port}"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.perf_counter()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            connection.close()
        except (OSError, http.client.HTTPException):
            self.tally.connection_errors += 1
            return None
        kind = f"{method} {re.sub(r'/[0-9]+', '/<id>', path.split('?')[0])}"
        self.tally.latencies.append((kind, time.perf_counter() - started))
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if "Expires=Thu, 01 Jan 1970" in header or value == "":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        if response.status >= 500:
            self.tally.server_errors += 1
            return None
        if response.status in (301, 302, 303):
            return self.request("GET", response.headers["Location"].split("#")[0])
        return response.status, text

    def sign_in(self) -> str:
        page = self.request("GET", "/login")[1]
        answer = self.request("POST", "/login", {
            "csrf_token": CSRF.search(page).group(1), "email": f"client{self.number}@example.org",
            "password": PASSWORD})
        if answer is None or "Sign out" not in answer[1]:
            raise RuntimeError(f"client {self.number} could not sign in")
        return CSRF.search(answer[1]).group(1)

    def add_existing(self, event_id: int, person_id: int, token: str) -> None:
        answer = self.request("POST", f"/events/{event_id}/attendees", {
            "csrf_token": token, "person_id": person_id, "role": "participant"})
        if answer and "added to the roster" in answer[1]:
            self.tally.added_people.append(person_id)
        elif answer:
            self.tally.other_answers.append(f"add existing: {answer[0]}")

    def add_new(self, event_id: int, name: str, token: str) -> None:
        answer = self.request("POST", f"/events/{event_id}/attendees/new", {
            "csrf_token": token, "full_name": name, "sex": "M", "country_code": "KG",
            "role": "participant", "is_confirmed_new": "yes"})
        if answer and "created and added to the roster" in answer[1]:
            self.tally.added_new.append(name)
        elif answer:
            self.tally.other_answers.append(f"add new: {answer[0]}")

    def edit(self, event_id: int, note: str) -> None:
        page = self.request("GET", f"/events/{event_id}/edit")
        if page is None:
            return
        parser = FormFields()
        parser.feed(page[1])
        fields = next(form for form in parser.forms if any(k == "version" for k, _ in form))
        fields = [(k, v) for k, v in fields if k != "notes"] + [("notes", note)]
        answer = self.request("POST", f"/events/{event_id}/edit", fields)
        if answer and "Event saved." in answer[1]:
            self.tally.edits_saved += 1
        elif answer and STALE in answer[1]:
            self.tally.edits_stale += 1
        elif answer:
            self.tally.other_answers.append(f"edit: {answer[0]}")


def run_client(port, number, event_id, people, operations, start, tally) -> None:
    client = Client(port, number, tally)
    try:
        token = client.sign_in()
    except BaseException:
        start.abort()  # the others and the main thread stop waiting
        raise
    rng = random.Random(number)
    tally.latencies.clear()  # signing in (a deliberately slow hash) is not what is measured
    start.wait()  # every client signed in: the measured part starts together
    existing = iter(people)
    for n in range(operations):
        kind = n % 5
        if kind in (0, 2):
            client.add_existing(event_id, next(existing), token)
        elif kind in (1, 3):
            client.add_new(event_id, f"{word(rng, 3)} {word(rng, 4)} {number}x{n}", token)
        else:
            client.edit(event_id, f"Edited by client {number}, operation {n}")
