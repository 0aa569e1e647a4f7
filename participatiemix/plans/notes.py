"""A version's note is stored as a code and worded when shown, so the English interface reads English notes.

Codes: `pmx:advice`, `pmx:step:<n>`, `pmx:import:<file name>`, `pmx:add|remove:<phase>:<instrument>` and
`pmx:replace:<phase>:<instrument>:<replacement>`. Anything else (notes stored before the codes, or a note a person
typed) is shown as it is.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from participatiemix.mix.vocabulary import load_vocabulary
from participatiemix.site.i18n import current_lang

PREFIX = "pmx:"


def code(kind: str, *parts: object) -> str:
    return ":".join([PREFIX + kind, *(str(p) for p in parts)])


def worded(note: str) -> str:
    if not note or not note.startswith(PREFIX):
        return note
    from participatiemix.plans.selectors import instrument_label

    lang = current_lang()
    kind, _sep, rest = note[len(PREFIX) :].partition(":")
    if kind == "advice":
        return _("Advies gemaakt")
    if kind == "step":
        return _("Stap %(step)s van de intake aangepast") % {"step": rest}
    if kind == "import":
        return _("Geïmporteerd uit %(file)s") % {"file": rest}
    parts = rest.split(":")
    if kind in ("add", "remove", "replace") and len(parts) == (3 if kind == "replace" else 2):
        values = {
            "phase": load_vocabulary().label("phases", parts[0], lang),
            "name": instrument_label(parts[1], lang),
            "new": instrument_label(parts[2], lang) if kind == "replace" else "",
        }
        texts = {
            "remove": _("%(name)s weggehaald uit %(phase)s"),
            "add": _("%(name)s toegevoegd aan %(phase)s"),
            "replace": _("%(name)s vervangen door %(new)s in %(phase)s"),
        }
        return texts[kind] % values
    return note
