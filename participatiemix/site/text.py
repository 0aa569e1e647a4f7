"""The one plain-text cleaner for everything people type or upload (the web side).

The cleaning itself is pure Python in participatiemix/mix/text.py (the CLI and imports use it too); this module
adds what only forms need: cleaning a whole QueryDict of form data.
"""

from __future__ import annotations

from participatiemix.mix.text import clean_structure, clean_text, excerpt, is_invisible, strip_hostile

__all__ = ["clean_data", "clean_structure", "clean_text", "excerpt", "is_invisible", "strip_hostile"]


def clean_data(data):
    """A copy of form data (QueryDict or dict) with every string cleaned; files are left alone."""
    if data is None:
        return None
    if hasattr(data, "lists"):
        cleaned = data.copy()
        for key, values in data.lists():
            cleaned.setlist(key, [clean_text(v) if isinstance(v, str) else v for v in values])
        return cleaned
    return {key: clean_text(v) if isinstance(v, str) else v for key, v in data.items()}
