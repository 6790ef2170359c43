"""QR codes drawn as inline SVG by segno: no image file, no network, nothing for the CSP to block."""
import segno
from flask import current_app, url_for
from markupsafe import Markup


def public_url(endpoint: str, **values) -> str:
    """An absolute address for a phone or a printed certificate: PUBLIC_BASE_URL when the
    tracker is reached from outside at another address than staff use, else this request's."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    if base:
        return base.rstrip("/") + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def qr_svg(text: str, *, label: str, css_class: str = "qr-code") -> Markup:
    """The QR code of `text` as an <svg> that scales to its box (CSS sets the size)."""
    code = segno.make(text, error="m")
    svg = code.svg_inline(scale=1, border=2, omitsize=True, svgclass=css_class, title=label,
                          dark="#000", light="#fff")
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))
