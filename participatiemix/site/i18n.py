"""One answer to 'which language is this request in' for code that picks nl or en texts."""

from django.utils.translation import get_language


def current_lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"
