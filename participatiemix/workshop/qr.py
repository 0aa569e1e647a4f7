"""QR codes for the join link, made on the server (segno): no external service, no script, CSP-safe SVG."""

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, *, title: str) -> SafeString:
    """An inline SVG QR code for `url`; `title` names it for screen readers. Only presentation attributes."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, svgclass="beamer-qr__svg", lineclass="beamer-qr__line", title=title, omitsize=True)
    # omitsize=True gives a viewBox only: the CSS sets the size, so the code scales with the screen.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # segno escapes the title and URL
