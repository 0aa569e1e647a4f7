"""The instrument catalogue (kennisbank): model, loader and validation.

One YAML file per instrument in `participatiemix/data/instruments/<id>.yaml`.
A bad file is refused with `file: field: reason` in Dutch (see `errors.py`);
one bad file refuses the whole catalogue, so nothing half-loaded is ever used.
Refused: unknown or missing fields, ids outside the vocabulary, wrong types,
ranges with min > max, a value twice in one list, a key twice in one file,
an id that differs from the file name or occurs in two files.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from participatiemix.mix.errors import DataError, translate, unknown_id
from participatiemix.mix.vocabulary import DATA_DIR, Vocabulary, load_vocabulary

INSTRUMENTS_DIR = DATA_DIR / "instruments"

ID_PATTERN = r"^[a-z][a-z0-9_]*$"

# Loading 2,000 files must stay well under 2 s (bench/catalogue.py). PyYAML's C parser is fast, but building
# node objects and running the generic constructor in Python costs most of the time. `read_yaml` builds plain
# dicts, lists and scalars straight from the bare C parser's events (safe by construction: no tags are honoured),
# and is where a key given twice in one mapping is caught (PyYAML silently keeps the last). Anything unusual
# (explicit tags, aliases, merge keys) takes PyYAML's safe node path instead, with the same duplicate check.
# Profile (2,000 files): creating the event objects inside PyYAML is about two thirds of the reading time and
# cannot be avoided with PyYAML; the rest is this module's walk over them.
_CLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
try:  # the bare libyaml parser: no constructor or resolver to set up per file
    from yaml._yaml import CParser as _CParser
except ImportError:  # PyYAML built without libyaml
    _CParser = yaml.SafeLoader
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_PLAIN_TAGS = (None, "!")
_IMPLICIT = yaml.SafeLoader.yaml_implicit_resolvers
_SCALARS = yaml.SafeLoader.yaml_constructors
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class DuplicateKeyError(yaml.YAMLError):
    def __init__(self, key: object, line: int):
        super().__init__(f"duplicate key {key!r}")
        self.key = key
        self.line = line


class _Unusual(Exception):
    """The document uses a feature the event path leaves to PyYAML's node path."""


def _scalar(event: yaml.ScalarEvent) -> Any:
    if event.tag not in _PLAIN_TAGS:
        raise _Unusual
    if not event.implicit[0]:  # quoted: always a string
        return event.value
    return _plain(event.value)


def _plain(value: str) -> Any:
    """An unquoted, untagged scalar resolved as PyYAML's SafeLoader does (number, bool, null, date or text)."""
    for tag, pattern in _IMPLICIT.get(value[:1], ()):
        if pattern.match(value):
            if tag == "tag:yaml.org,2002:merge":
                raise _Unusual
            return _SCALARS[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, value))
    return value


# Plain scalars repeat a lot across files (keys, ids, small numbers, true/false), and resolving one means up to
# a few regex matches. Their resolution depends on the text alone and the results are immutable, so short ones
# are remembered; the cache is bounded so a folder of odd files cannot grow it without end.
_PLAIN_CACHE: dict[str, Any] = {}
_PLAIN_CACHE_KEY_MAX = 64
_PLAIN_CACHE_SIZE = 20_000


def _from_events(parser: Any) -> Any:
    # Hot path (about 175 events per file): one small function per container, names bound locally on purpose.
    get_event, check_event = parser.get_event, parser.check_event
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start = yaml.MappingStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    container_tags = (*_PLAIN_TAGS, _MAP, _SEQ)
    cache, key_max, cache_size = _PLAIN_CACHE, _PLAIN_CACHE_KEY_MAX, _PLAIN_CACHE_SIZE
    key_types = (str, int, float, bool, type(None))

    def plain(value: str) -> Any:
        try:
            return cache[value]
        except KeyError:
            pass
        resolved = _plain(value)
        if len(value) <= key_max and len(cache) < cache_size:
            cache[value] = resolved
        return resolved

    # An anchor alone changes nothing; an alias (its use) takes the node path.
    def node(event: Any) -> Any:
        kind = type(event)
        if kind is scalar_event:
            if event.implicit[0]:  # plain (libyaml also marks the non-specific tag "!" so)
                return plain(event.value)
            if event.tag is None:  # quoted: always a string
                return event.value
            return _scalar(event)
        if kind is alias_event or event.tag not in container_tags:
            raise _Unusual
        if kind is mapping_start:
            return mapping()
        return sequence()

    def mapping() -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        while True:
            event = get_event()
            kind = type(event)
            if kind is mapping_end:
                return result
            # The usual key is a plain scalar: skip the call to node() for it.
            key = plain(event.value) if kind is scalar_event and event.implicit[0] else node(event)
            if type(key) is not str and not isinstance(key, key_types):
                raise yaml.constructor.ConstructorError(None, None, "unhashable key", event.start_mark)
            if key in result:
                raise DuplicateKeyError(key, event.start_mark.line + 1)
            result[key] = node(get_event())

    def sequence() -> list[Any]:
        result: list[Any] = []
        append = result.append
        while True:
            event = get_event()
            if type(event) is sequence_end:
                return result
            append(node(event))

    get_event()  # stream start
    if check_event(yaml.StreamEndEvent):
        return None
    get_event()  # document start
    root = node(get_event())
    event = get_event()  # document end
    if not check_event(yaml.StreamEndEvent):
        raise yaml.composer.ComposerError(None, None, "expected a single document", event.end_mark)
    return root


class _UniqueKeyLoader(_CLoader):
    def construct_mapping(self, node, deep=False):
        if any(key_node.tag == "tag:yaml.org,2002:merge" for key_node, _ in node.value):
            return super().construct_mapping(node, deep=deep)  # merged keys may be overridden on purpose
        seen: set = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise DuplicateKeyError(key, key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_yaml(text: str | bytes) -> Any:
    """Parse one YAML document safely; a key given twice in one mapping raises DuplicateKeyError."""
    parser = _CParser(text)
    try:
        return _from_events(parser)
    except _Unusual:
        pass
    except RecursionError:
        raise yaml.YAMLError("the document is nested too deeply") from None
    finally:
        parser.dispose()
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass: no arbitrary objects
    except RecursionError:
        raise yaml.YAMLError("the document is nested too deeply") from None


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text in Dutch (B1) and English."""

    nl: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str = "nl") -> str:
        return self.en if lang == "en" else self.nl


class Range(Strict):
    """A typical range; `estimate` says the figures are an informed estimate, not a measurement."""

    min: float = Field(ge=0)
    max: float = Field(ge=0)
    estimate: bool = True

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.min > self.max:
            raise ValueError(f"min ({self.min:g}) is groter dan max ({self.max:g}); min moet ≤ max zijn")
        return self

    def as_list(self) -> list[float]:
        return [self.min, self.max]


class Source(Strict):
    title: str = Field(min_length=1)
    url: str = Field(pattern=r"^https?://\S+$")


class Example(Strict):
    """A real use of the instrument in a Dutch (or Flemish) municipality."""

    place: str = Field(min_length=1)
    year: int | None = Field(default=None, ge=1900, le=2100)
    text: Text
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")


class Requirements(Strict):
    """What the instrument asks of the municipality, in the deck's four headings."""

    competences: list[Text] = Field(default_factory=list)
    preconditions: list[Text] = Field(default_factory=list)
    council: list[Text] = Field(default_factory=list)
    internal_organisation: list[Text] = Field(default_factory=list)


class ContextFit(Strict):
    """How the instrument fares in a difficult context: -1 poorly, 0 neutral, +1 well."""

    low_trust: int = Field(default=0, ge=-1, le=1)
    high_polarisation: int = Field(default=0, ge=-1, le=1)


def _check_ids(values: Iterable[str], section: str, what: str, info: ValidationInfo) -> None:
    vocab: Vocabulary = (info.context or {}).get("vocabulary") or load_vocabulary()
    allowed = vocab.sections[section]
    seen: set[str] = set()
    for value in values:
        if value not in allowed:
            raise ValueError(unknown_id(value, what, list(allowed)))
        if value in seen:
            raise ValueError(f"{value!r} staat twee keer in de lijst; noem elke {what} één keer")
        seen.add(value)


class Instrument(Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: Text
    summary: Text
    description: Text
    levels: list[str] = Field(min_length=1)
    phases: list[str] = Field(min_length=1)
    goals: dict[str, int] = Field(min_length=1, description="goal id -> strength 1 (some) to 3 (strong)")
    democracy_forms: list[str] = Field(min_length=1)
    selection: list[str] = Field(min_length=1)
    scales: list[str] = Field(min_length=1)
    participants: Range
    reaches: list[str] = Field(min_length=1)
    misses: list[str] = Field(default_factory=list)
    online: Literal["offline", "online", "hybrid"]
    cost_eur: Range
    staff_hours: Range
    lead_time_weeks: Range
    duration_weeks: Range
    vote: bool = False
    context: ContextFit = ContextFit()
    topics: list[str] = Field(default_factory=list, description="topic ids it is bound to; empty: any topic")
    council_role: Text
    risks: list[Text] = Field(min_length=1)
    requirements: Requirements
    legal_basis: Text | None = None
    examples: list[Example] = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)

    @field_validator("levels")
    @classmethod
    def _levels(cls, v: list[str], info: ValidationInfo) -> list[str]:
        _check_ids(v, "levels", "trede van de participatieladder", info)
        return v

    @field_validator("phases")
    @classmethod
    def _phases(cls, v: list[str], info: ValidationInfo) -> list[str]:
        _check_ids(v, "phases", "beleidsfase", info)
        return v

    @field_validator("goals")
    @classmethod
    def _goals(cls, v: dict[str, int], info: ValidationInfo) -> dict[str, int]:
        _check_ids(v, "goals", "doel", info)
        for goal, strength in v.items():
            if not isinstance(strength, int) or isinstance(strength, bool) or not 1 <= strength <= 3:
                raise ValueError(f"sterkte van doel {goal!r} is {strength!r}; toegestaan: 1, 2 of 3")
        return v

    @field_validator("democracy_forms")
    @classmethod
    def _forms(cls, v: list[str], info: ValidationInfo) -> list[str]:
        _check_ids(v, "democracy_forms", "democratievorm", info)
        return v

    @field_validator("selection")
    @classmethod
    def _selection(cls, v: list[str], info: ValidationInfo) -> list[str]:
        _check_ids(v, "selection", "manier van selectie", info)
        return v

    @field_validator("scales")
    @classmethod
    def _scales(cls, v: list[str], info: ValidationInfo) -> list[str]:
        _check_ids(v, "scales", "schaal", info)
        return v

    @field_validator("reaches", "misses")
    @classmethod
    def _groups(cls, v: list[str], info: ValidationInfo) -> list[str]:
        _check_ids(v, "target_groups", "doelgroep", info)
        return v

    @field_validator("topics")
    @classmethod
    def _topics(cls, v: list[str], info: ValidationInfo) -> list[str]:
        _check_ids(v, "topics", "onderwerp", info)
        return v

    @model_validator(mode="after")
    def _reach_and_miss_disjoint(self) -> Instrument:
        both = sorted(set(self.reaches) & set(self.misses))
        if both:
            raise ValueError(f"doelgroep(en) {', '.join(both)} staan zowel bij reaches als bij misses")
        return self

    def label(self, lang: str = "nl") -> str:
        return self.name.get(lang)

    def contract_dict(self) -> dict[str, Any]:
        """The catalogue JSON of CONTRACTS.md §3 (a superset of the required fields)."""
        data = self.model_dump(mode="json")
        for key in ("cost_eur", "staff_hours", "lead_time_weeks", "duration_weeks", "participants"):
            data[key] = getattr(self, key).as_list()
        return data


def cost_band_of(max_eur: float, vocabulary: Vocabulary | None = None) -> str:
    """The `cost_bands` id for an upper cost bound: the first band whose max_eur is at least it (null = no limit)."""
    vocabulary = vocabulary or load_vocabulary()
    bands = vocabulary.sections["cost_bands"]
    for band_id, band in bands.items():
        limit = band.get("max_eur")
        if limit is None or max_eur <= limit:
            return band_id
    return list(bands)[-1]


@dataclass(frozen=True, eq=False)
class Catalogue:
    instruments: dict[str, Instrument] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Instrument]:
        return iter(self.instruments.values())

    def __len__(self) -> int:
        return len(self.instruments)

    def __contains__(self, id_: object) -> bool:
        return id_ in self.instruments

    def get(self, id_: str) -> Instrument | None:
        return self.instruments.get(id_)

    def __getitem__(self, id_: str) -> Instrument:
        return self.instruments[id_]


def parse_instrument(data: Any, source: str, vocabulary: Vocabulary | None = None) -> Instrument:
    """Validate one instrument document; raises DataError with Dutch `source: field: reason` lines."""
    if not isinstance(data, dict):
        raise DataError([f"{source}: (document): is geen instrument; verwacht een lijst met velden (YAML-object)"])
    try:
        return Instrument.model_validate(data, context={"vocabulary": vocabulary or load_vocabulary()})
    except ValidationError as exc:
        raise DataError(translate(exc, source)) from None


def catalogue_from_documents(
    documents: Iterable[tuple[str, Any, str | None]],
    vocabulary: Vocabulary | None = None,
    require_vocabulary_ids: bool = True,
) -> Catalogue:
    """Validate parsed documents `(source, data, expected_id)`; every problem is collected, then raised at once.

    `expected_id` is the file name without `.yaml` (None when the document has no file).
    """
    vocabulary = vocabulary or load_vocabulary()
    errors: list[str] = []
    instruments: dict[str, Instrument] = {}
    sources: dict[str, str] = {}
    for source, data, expected_id in documents:
        try:
            instrument = parse_instrument(data, source, vocabulary)
        except DataError as exc:
            errors.extend(exc.messages)
            continue
        ok = True
        if expected_id is not None and instrument.id != expected_id:
            errors.append(f"{source}: id: {instrument.id!r} moet gelijk zijn aan de bestandsnaam {expected_id!r}")
            ok = False
        if instrument.id in sources:
            errors.append(f"{source}: id: {instrument.id!r} komt twee keer voor (ook in {sources[instrument.id]})")
            ok = False
        else:
            sources[instrument.id] = source
        if ok:
            instruments[instrument.id] = instrument
    if require_vocabulary_ids and not errors:
        missing = [i for i in vocabulary.ids("instruments") if i not in instruments]
        if missing:
            errors.append(f"instruments/: id: deze verplichte instrumenten ontbreken: {', '.join(missing)}")
    if errors:
        raise DataError(errors)
    return Catalogue(instruments)


def _read_documents(directory: Path, errors: list[str]) -> Iterator[tuple[str, Any, str | None]]:
    for path in sorted(directory.glob("*.yml")):
        errors.append(f"instruments/{path.name}: (bestand): gebruik de extensie .yaml, niet .yml")
    for path in sorted(directory.glob("*.yaml")):
        source = f"instruments/{path.name}"
        try:
            raw = read_yaml(path.read_bytes())  # libyaml decodes UTF-8 itself, a little faster
        except DuplicateKeyError as exc:
            errors.append(
                f"{source}: {exc.key}: staat twee keer in het bestand (regel {exc.line}); noem elk veld één keer"
            )
            continue
        except yaml.reader.ReaderError:
            errors.append(f"{source}: (bestand): is geen tekst in UTF-8 of bevat een teken dat niet mag")
            continue
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"regel {mark.line + 1}" if mark else "(document)"
            errors.append(f"{source}: {where}: is geen geldige YAML")
            continue
        yield source, raw, path.stem


def load_catalogue_from(
    directory: Path, vocabulary: Vocabulary | None = None, require_vocabulary_ids: bool = True
) -> Catalogue:
    """Load and validate every `<id>.yaml` in a folder. All problems are collected, then raised at once."""
    if not Path(directory).is_dir():
        raise DataError([f"{directory}: (map): deze map met instrumenten bestaat niet"])
    read_errors: list[str] = []
    try:
        catalogue = catalogue_from_documents(
            _read_documents(Path(directory), read_errors), vocabulary, require_vocabulary_ids=False
        )
    except DataError as exc:
        raise DataError(read_errors + exc.messages) from None
    if read_errors:
        raise DataError(read_errors)
    if require_vocabulary_ids:
        # Checked last, and only on an otherwise clean folder, so a broken file is not also reported as missing.
        missing = [i for i in (vocabulary or load_vocabulary()).ids("instruments") if i not in catalogue]
        if missing:
            raise DataError([f"instruments/: id: deze verplichte instrumenten ontbreken: {', '.join(missing)}"])
    return catalogue


@cache
def load_catalogue() -> Catalogue:
    """The curated catalogue shipped with the package (cached: the files do not change at run time)."""
    return load_catalogue_from(INSTRUMENTS_DIR)
