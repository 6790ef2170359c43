"""Password rules (OWASP ASVS 2.1): length 12–128, and no well-known password."""
import secrets

from flask_babel import gettext as _

MIN_LENGTH, MAX_LENGTH = 12, 128

# The most common passwords of 12+ characters in public breach lists, lower-cased.
COMMON_PASSWORDS = frozenset("""
123456789012 1234567890123 12345678901234 123456789123 1234567891011 111111111111
000000000000 123123123123 qwertyuiopas qwertyuiop12 qwertyuiop123 1q2w3e4r5t6y 1qaz2wsx3edc
passwordpassword password1234 password12345 password123456 password123! p@ssw0rd1234
iloveyou1234 administrator admin1234567 adminadmin12 welcome12345 welcome123456
letmein12345 changeme1234 qwerty123456 asdfghjkl123 zxcvbnm12345 abcdefghijkl abc123abc123
trustno1trustno1 football1234 baseball1234 superman1234 sunshine1234 princess1234
monkey123456 dragon123456 master123456 michael12345 internet1234 computer1234
пароль123456 йцукенгшщзхъ qwertyqwerty 1234qwerasdf q1w2e3r4t5y6 987654321098
""".split())


def password_problem(password: str) -> str | None:
    """Why the password may not be used, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return _("Use at least %(n)s characters.", n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _("Use at most %(n)s characters.", n=MAX_LENGTH)
    if password.lower() in COMMON_PASSWORDS or len(set(password)) < 4:
        return _("This password is too common or too simple; choose another.")
    return None


def generate_password() -> str:
    return secrets.token_urlsafe(15)  # 20 characters
