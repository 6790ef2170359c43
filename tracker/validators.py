"""Validators shared by the forms, the register import and the services of several features.

text_problem() and name_problem() are pure: a value in, a reason (in the request's language)
or None out. Registers exported by other programs lose their encoding in a few typical
ways, and each is named so the user knows to save the file again rather than retype it.
"""
import re
import unicodedata

from flask_babel import gettext as _
from wtforms.validators import StopValidation, ValidationError

REPLACEMENT = "\ufffd"
# Tab and line breaks belong in multi-line text; every other control character is debris.
_ALLOWED_CONTROLS = frozenset("\t\n\r")
# "?" where a letter should be: an export to a code page without the letter ("?асымов").
_QUESTION_BEFORE_LETTER = re.compile(r"\?+(?=[^\W\d_])")
_QUESTIONS_ONLY = re.compile(r"(?:^|\s)\?{2,}(?=\s|$)")
# UTF-8 bytes read as another code page, with the code page's name as users know it.
# Windows-1252 with Latin-1's 0x80-0x9F covers both.
_MISREAD_AS = (("cp1252", "Windows-1252 (Latin-1)"), ("cp1251", "Windows-1251"))
# Windows-1251 Cyrillic read as Latin-1: words made only of Latin-1's accented letters
# (and × ÷, which are Ч ч): "Áåêîâà" for "Бекова". No language writes a name so.
_LATIN1_WORD = re.compile(r"[\u00c0-\u00ff]{3,}")
_WORDS = re.compile(r"[^\s\-'.,;:()\"]+")
# What a lead byte of UTF-8 (Â Ã Ð Ñ Ó Ò ...) and a continuation byte (0x80-0xBF) become in
# Windows-1252; two such pairs in one word are mojibake even when a byte was lost on the way
# and the word no longer decodes ("ÐÐ»ÐºÐ¸Ð½", Ёлкин without its 0x81).
_CONTINUATION = "".join(sorted({bytes([b]).decode("cp1252", errors="ignore") or chr(b)
                                for b in range(0x80, 0xC0)}))
_MOJIBAKE_PAIR = re.compile("[\u00c2-\u00df\u00e2-\u00ef][" + re.escape(_CONTINUATION) + "]")
# What mended text may hold besides letters and marks: the typographic quotes and dashes
# that UTF-8 turns into "â€˜" and the like. Anything else ("²" from "ВІ") was not misread.
_MENDED_PUNCTUATION = frozenset("‘’ʻʼ“”«»–—…")


def _legacy_bytes(word: str, codec: str) -> bytes | None:
    """The bytes that `codec` would have read as `word`; None if it could not have."""
    out = bytearray()
    for ch in word:
        try:
            out += ch.encode(codec)
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:  # tools that read "bytes as latin-1" keep 0x80-0x9F as is
                return None
            out.append(ord(ch))
    return bytes(out)


def _misread_utf8(word: str) -> tuple[str, str] | None:
    """(what the word should read, the code page it was read as) for UTF-8 text misread."""
    for codec, shown in _MISREAD_AS:
        data = _legacy_bytes(word, codec)
        if data is None or data.isascii():
            continue
        try:
            fixed = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if all(ch.isascii() or ch in _MENDED_PUNCTUATION
               or unicodedata.category(ch)[0] in "LM" for ch in fixed):
            return fixed, shown
    return None


def _encoding_problem(value: str) -> str | None:
    if REPLACEMENT in value:
        return _("The text's encoding was lost: “�” stands where letters could not be read. "
                 "Type it again, or save the file as UTF-8 and import it again.")
    for word in value.split():
        if word.isascii():
            continue
        misread = _misread_utf8(word)
        if misread:
            return _("The text's encoding was lost: “%(word)s” is UTF-8 read as %(codepage)s "
                     "(it should read “%(fixed)s”). Save the file as UTF-8 and import it "
                     "again, or type the text again.",
                     word=word, codepage=misread[1], fixed=misread[0])
        if len(_MOJIBAKE_PAIR.findall(word)) >= 2:
            return _("The text's encoding was lost: “%(word)s” is UTF-8 read as another code "
                     "page. Save the file as UTF-8 and import it again, or type the text again.",
                     word=word)
        for part in _WORDS.findall(word):
            if _LATIN1_WORD.fullmatch(part):
                return _("The text's encoding was lost: “%(word)s” is Cyrillic (Windows-1251) "
                         "read as Latin-1 (it should read “%(fixed)s”). Save the file as UTF-8 "
                         "and import it again, or type the text again.",
                         word=part, fixed=part.encode("latin-1").decode("cp1251"))
    if _QUESTION_BEFORE_LETTER.search(value) or _QUESTIONS_ONLY.search(value):
        return _question_marks()
    return None


def _question_marks() -> str:
    return _("The text's encoding was lost: “?” stands in place of letters. Type it again, "
             "or save the file as UTF-8 and import it again.")


def text_problem(value: str | None) -> str | None:
    """Why a text typed or imported cannot be stored as it is, or None.

    Refused: control characters, the replacement character U+FFFD, "?" in place of letters,
    and UTF-8 read in another code page (mojibake such as "ÐÑ" or "Ã©"). A blank value is
    no problem here; whether it is required is the field's business.
    """
    if not value:
        return None
    problem = _encoding_problem(value)
    if problem:
        return problem
    for ch in value:
        if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) in ("Cc", "Cs"):
            return _("The text holds an invisible control character (U+%(code)s), probably "
                     "pasted from another program. Type it again.", code=f"{ord(ch):04X}")
    return None


def name_problem(value: str | None) -> str | None:
    """Why a person's name cannot be stored as it is, or None: a text_problem, a "?"
    anywhere (no name has one), or no letter at all ("!!! 123"). Blank is no problem here."""
    if not value or not value.strip():
        return None
    problem = text_problem(value)
    if problem:
        return problem
    if "?" in value:
        return _question_marks()
    if not any(unicodedata.category(ch).startswith("L") for ch in value):
        return _("Enter the name in letters.")
    return None


class CleanText:
    """A form field's text_problem (or name_problem, with `name=True`) as its error."""

    def __init__(self, *, name: bool = False):
        self.check = name_problem if name else text_problem

    def __call__(self, form, field) -> None:
        if not field.data:
            return  # blank: DataRequired's business
        problem = self.check(field.data)
        if problem:
            raise ValidationError(problem)


class OptionalChoice:
    """Optional() for select fields: a field left out of the request is the blank choice;
    a value that is sent must be one of the choices. (Optional() would also pass " " on
    unchecked, and on an edit form keep the record's own value, e.g. a Phase object.)"""

    field_flags = {"optional": True}

    def __call__(self, form, field) -> None:
        if not field.raw_data:
            field.data = ""
            field.errors[:] = []
            raise StopValidation()
