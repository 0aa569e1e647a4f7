"""Dutch, field-level error messages for data files (catalogue, cases, scans).

Every refusal names the file (when there is one), the field and what is allowed:
`instruments/referendum.yaml: levels[0]: 'vote' is geen bekende trede; toegestaan: inform, consult, …`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pydantic import ValidationError

from participatiemix.mix.text import excerpt

# A refused value is quoted, but never more than this many characters of it (a 1 MB value is not echoed).
QUOTE_LIMIT = 60


def quote(value: object) -> str:
    """repr() of a refused value, shortened to an excerpt when it is long."""
    text = repr(value)
    if len(text) <= QUOTE_LIMIT + 2:
        return text
    return repr(excerpt(str(value), QUOTE_LIMIT))


class DataError(ValueError):
    """A data file or document was refused; `messages` lists every problem found."""

    def __init__(self, messages: Sequence[str]):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


def field_path(loc: Iterable[str | int]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "(document)"


_PYDANTIC_NL = {
    "missing": "dit veld ontbreekt en is verplicht",
    "extra_forbidden": "dit veld is onbekend; haal het weg of controleer de spelling",
    "string_type": "moet tekst zijn",
    "string_too_short": "mag niet leeg zijn",
    "string_too_long": "is te lang",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "float_type": "moet een getal zijn",
    "float_parsing": "moet een getal zijn",
    "bool_type": "moet ja of nee zijn (true/false)",
    "bool_parsing": "moet ja of nee zijn (true/false)",
    "list_type": "moet een lijst zijn",
    "dict_type": "moet een lijst met velden (object) zijn",
    "model_type": "moet een lijst met velden (object) zijn",
    "too_short": "heeft te weinig elementen",
    "too_long": "heeft te veel elementen",
    "greater_than_equal": "is te klein",
    "less_than_equal": "is te groot",
    "greater_than": "is te klein",
    "less_than": "is te groot",
    "literal_error": "heeft een waarde die niet is toegestaan",
    "enum": "heeft een waarde die niet is toegestaan",
    "finite_number": "moet een eindig getal zijn",
}


def _message(err: dict) -> str:
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind == "value_error":
        # Our own validators raise ValueError with a Dutch text already.
        return str(ctx.get("error", err.get("msg", ""))).removeprefix("Value error, ")
    base = _PYDANTIC_NL.get(kind, err.get("msg", "ongeldige waarde"))
    if kind in {"greater_than_equal", "greater_than"} and "ge" in ctx:
        base = f"moet minstens {ctx['ge']} zijn"
    elif kind == "greater_than" and "gt" in ctx:
        base = f"moet groter zijn dan {ctx['gt']}"
    elif kind in {"less_than_equal", "less_than"} and "le" in ctx:
        base = f"mag hoogstens {ctx['le']} zijn"
    elif kind == "too_short" and "min_length" in ctx:
        base = f"moet minstens {ctx['min_length']} element(en) hebben"
    elif kind == "too_long" and "max_length" in ctx:
        base = f"mag hoogstens {ctx['max_length']} element(en) hebben"
    elif kind == "string_too_long" and "max_length" in ctx:
        base = f"is te lang (hoogstens {ctx['max_length']} tekens)"
    elif kind == "literal_error" and "expected" in ctx:
        base = f"heeft een waarde die niet is toegestaan; toegestaan: {ctx['expected']}"
    if kind not in {"missing", "extra_forbidden"} and "input" in err and not isinstance(err["input"], dict | list):
        base = f"{quote(err['input'])} {base}" if kind != "value_error" else base
    return base


def translate(exc: ValidationError, source: str | None = None) -> list[str]:
    """Turn a pydantic ValidationError into `source: field: reason` lines in Dutch."""
    lines = []
    for err in exc.errors():
        loc = [p for p in err.get("loc", ()) if p not in ("function-after", "function-before")]
        prefix = f"{source}: " if source else ""
        lines.append(f"{prefix}{field_path(loc)}: {_message(err)}")
    return lines


# Dutch "het"-words among the things we name: they take "bekend", the others "bekende"
# ("is geen bekend doel", "is geen bekende doelgroep").
_NEUTER_NOUNS = frozenset({"doel", "instrument", "moment", "raadsmoment", "niveau", "onderwerp", "vertrouwen", "veld"})


def known_adjective(what: str) -> str:
    """'bekend' or 'bekende', by the grammatical gender of the first word of `what`."""
    head = what.split(" ", 1)[0].lower()
    return "bekend" if head in _NEUTER_NOUNS else "bekende"


def unknown_id(value: object, what: str, allowed: Iterable[str]) -> str:
    return f"{quote(value)} is geen {known_adjective(what)} {what}; toegestaan: {', '.join(allowed)}"
