"""Load a case file (YAML or JSON) that may be hostile, within fixed limits, pure Python (no Django).

A case file is a few KB of plain mappings, lists and scalars. Anything far beyond that is refused with a
Dutch DataError before Python objects are built: the size first, then (walking the parser's event stream,
which builds nothing) the nesting depth, aliases and the number of nodes. Only then `yaml.safe_load` or
`json.loads` runs. So a "billion laughs" alias bomb, YAML nested 500 deep or a 1 MB value cost a few
milliseconds and never a RecursionError or MemoryError. Messages quote at most a short excerpt.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import yaml

from participatiemix.mix.errors import DataError
from participatiemix.mix.text import excerpt, is_invisible, strip_hostile

MAX_BYTES = 256 * 1024  # a real case file is 2-6 KB
MAX_DEPTH = 20  # a case nests 3 deep (phases -> phase -> goals)
MAX_NODES = 20_000  # parser events: mappings, lists and scalars together
MAX_ALIASES = 0  # a case file needs no anchors/aliases (*name); refusing them stops alias bombs

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Raw control characters (not tab/newline/CR) are removed before parsing: PyYAML refuses them outright.
_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


class _Refused(Exception):
    """One problem found while checking the limits (turned into a DataError with the file name)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.where = f"regel {line}" if line else "(document)"


def _kb(size: int) -> str:
    return f"{math.ceil(size / 1024)} KB"


def decode(data: str | bytes) -> str:
    """Text from bytes as UTF-8 (a byte order mark is allowed); _Refused otherwise."""
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Refused(
            f"het bestand is geen tekst in UTF-8 (onleesbare byte op positie {exc.start}); "
            "sla het op als UTF-8-tekst (YAML of JSON)"
        ) from None


def _check_size(data: str | bytes) -> None:
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise _Refused(
            f"het bestand is te groot ({_kb(size)}); toegestaan is hoogstens {_kb(MAX_BYTES)} "
            "(een casus is meestal een paar KB)"
        )


def _line(event: Any) -> int | None:
    mark = getattr(event, "start_mark", None)
    return mark.line + 1 if mark is not None else None


def _check_yaml_events(text: str) -> None:
    """Walk the event stream (no objects are built) and refuse what a case file never needs."""
    depth = nodes = aliases = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise _Refused(
                    f"verwijzingen naar een anker (*{excerpt(event.anchor or '', 30)}) zijn niet toegestaan; "
                    "schrijf de waarde gewoon uit",
                    _line(event),
                )
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > MAX_NODES:
                raise _Refused(f"het bestand heeft te veel onderdelen; toegestaan zijn hoogstens {MAX_NODES}")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(f"de gegevens zijn te diep genest; toegestaan zijn {MAX_DEPTH} niveaus", _line(event))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _check_json_text(text: str) -> None:
    """Nesting depth and size of JSON, counted on the raw text (strings taken out) before parsing."""
    depth = nodes = 0
    for ch in _JSON_STRING.sub('""', text):
        if ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(f"de gegevens zijn te diep genest; toegestaan zijn {MAX_DEPTH} niveaus")
        elif ch in "]}":
            depth -= 1
        elif ch in ",:":
            nodes += 1
            if nodes > 2 * MAX_NODES:
                raise _Refused(f"het bestand heeft te veel onderdelen; toegestaan zijn hoogstens {MAX_NODES}")


def _refuse_constant(name: str) -> float:
    raise _Refused(f"{name} is geen getal dat hier kan; gebruik een gewoon getal")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"het getal {excerpt(text, 30)} is te groot; gebruik een gewoon getal")
    return value


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(f"het veld {excerpt(key, 40)!r} staat twee keer in hetzelfde object")
        out[key] = value
    return out


def _parse_json(text: str) -> Any:
    _check_json_text(text)
    try:
        return json.loads(
            text, parse_constant=_refuse_constant, parse_float=_finite_float, object_pairs_hook=_unique_pairs
        )
    except json.JSONDecodeError as exc:
        reason = _JSON_NL.get(exc.msg, "controleer de haakjes, komma's en aanhalingstekens")
        raise _Refused(f"dit is geen geldige JSON ({reason})", exc.lineno) from None


_JSON_NL = {
    "Expecting value": "er ontbreekt een waarde",
    "Expecting property name enclosed in double quotes": "een veldnaam moet tussen dubbele aanhalingstekens staan",
    "Expecting ',' delimiter": "er ontbreekt een komma",
    "Expecting ':' delimiter": "er ontbreekt een dubbele punt",
    "Extra data": "na het einde staat nog tekst",
    "Unterminated string starting at": "een tekst tussen aanhalingstekens wordt niet afgesloten",
    "Invalid control character at": "een teken dat niet is toegestaan",
}


def _parse_yaml(text: str) -> Any:
    try:
        _check_yaml_events(text)
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - the safe loader (C or Python)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise _Refused("dit is geen geldige YAML of JSON", mark.line + 1 if mark else None) from None


def _clean(value: Any) -> Any:
    """Every string (and key) without control or hostile characters; invisible-only text becomes ''.

    Numbers must be finite. Depth is bounded by the checks above, so this recursion is safe.
    """
    if isinstance(value, str):
        text = strip_hostile(value)
        return "" if is_invisible(text) else text
    if isinstance(value, float) and not math.isfinite(value):
        raise _Refused("een oneindig getal (.inf) of NaN kan hier niet; gebruik een gewoon getal")
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def load_case_text(text: str | bytes, *, filename: str = "") -> Any:
    """The data in a YAML or JSON case file, checked against the limits; DataError (Dutch) otherwise.

    Returns what `yaml.safe_load` would (a dict for a case; validation is `mix.case.parse_case`'s job),
    with every string cleaned. JSON is read as JSON when the file name ends in .json, else as YAML
    (which reads JSON too).
    """
    prefix = f"{excerpt(filename, 80)}: " if filename else ""
    try:
        _check_size(text)
        decoded = _RAW_CONTROL.sub("", decode(text))
        data = _parse_json(decoded) if filename.lower().endswith(".json") else _parse_yaml(decoded)
        return _clean(data)
    except _Refused as exc:
        raise DataError([f"{prefix}{exc.where}: {exc}"]) from None
    except (ValueError, OverflowError, TypeError, RecursionError, MemoryError):
        # Values PyYAML/json recognise but Python cannot build: a 5,000-digit number, 2023-02-30.
        raise DataError(
            [
                f"{prefix}(document): een waarde kan niet worden gelezen (bijvoorbeeld een getal met te veel "
                "cijfers of een datum die niet bestaat); controleer de getallen en datums"
            ]
        ) from None


def _read_at_most(path: Path, size: int) -> bytes:
    with path.open("rb") as fh:
        return fh.read(size)


def read_case_file(path: str | Path) -> bytes:
    """The bytes of a case file, refusing directories, unreadable and too large files (DataError).

    At most MAX_BYTES + 1 bytes are read, so /dev/zero or a 2 GB file costs nothing.
    """
    path = Path(path)
    name = excerpt(path.name, 80)
    try:
        is_dir = path.is_dir()
        data = b"" if is_dir else _read_at_most(path, MAX_BYTES + 1)
    except FileNotFoundError:
        raise DataError([f"{name}: (document): dit bestand bestaat niet"]) from None
    except (OSError, ValueError):  # ValueError: a NUL byte in the path
        raise DataError([f"{name}: (document): het bestand kan niet worden gelezen"]) from None
    if is_dir:
        raise DataError([f"{name}: (document): dit is een map, geen bestand; geef een casusbestand op"])
    if len(data) > MAX_BYTES:
        raise DataError([f"{name}: (document): het bestand is te groot; toegestaan is hoogstens {_kb(MAX_BYTES)}"])
    return data
