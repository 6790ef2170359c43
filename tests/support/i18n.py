"""Finding English left on a page rendered in Russian."""
import re
from html.parser import HTMLParser

# Words that stay Latin in a Russian interface: abbreviations, formats, the programme name.
ALLOWED = {"BOMCA", "EU", "CSV", "XLSX", "PDF", "JPG", "PNG", "JSON", "API", "ICAO", "DCI", "EUR",
           "EN", "RU", "UTF", "ID", "OK", "Doc",
           "Excel", "LibreOffice", "XLS", "ODS", "XLSB",  # programs and file formats
           "English"}  # the language switch names each language in itself
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


class _VisibleText(HTMLParser):
    SKIP = {"script", "style", "code", "kbd", "samp"}

    def __init__(self):
        super().__init__()
        self.parts, self._skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1
        attrs = dict(attrs)
        for name in ("placeholder", "title", "aria-label", "alt"):
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_left(html: str, allowed: set[str] = frozenset()) -> list[str]:
    """Latin words in a page's visible text that are neither allowed nor data (`allowed`)."""
    allowed_words = ALLOWED | {w for phrase in allowed for w in LATIN_WORD.findall(phrase)}
    return sorted({w for w in LATIN_WORD.findall(visible_text(html))
                   if w not in allowed_words and not w.isupper()})


def in_russian(db, client):
    """A signed-in test client whose user chose Russian in their profile."""
    client.user.locale = "ru"
    db.session.commit()
    return client
