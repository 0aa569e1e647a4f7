"""The instrument catalogue (kennisbank): model, loader and validation.

One YAML file per instrument in `participatiemix/data/instruments/<id>.yaml`.
A bad file is refused with `file: field: reason` in Dutch (see `errors.py`);
one bad file refuses the whole catalogue, so nothing half-loaded is ever used.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
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
    allowed = vocab.ids(section)
    for value in values:
        if value not in allowed:
            raise ValueError(unknown_id(value, what, allowed))


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


@dataclass(frozen=True)
class Catalogue:
    instruments: dict[str, Instrument]

    def __iter__(self):
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


def load_catalogue_from(
    directory: Path, vocabulary: Vocabulary | None = None, require_vocabulary_ids: bool = True
) -> Catalogue:
    """Load and validate every `<id>.yaml` in a folder. All problems are collected, then raised at once."""
    vocabulary = vocabulary or load_vocabulary()
    errors: list[str] = []
    instruments: dict[str, Instrument] = {}
    for path in sorted(directory.glob("*.yaml")):
        source = f"instruments/{path.name}"
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"regel {mark.line + 1}" if mark else "(document)"
            errors.append(f"{source}: {where}: is geen geldige YAML")
            continue
        try:
            instrument = parse_instrument(raw, source, vocabulary)
        except DataError as exc:
            errors.extend(exc.messages)
            continue
        if instrument.id != path.stem:
            errors.append(f"{source}: id: {instrument.id!r} moet gelijk zijn aan de bestandsnaam {path.stem!r}")
        elif instrument.id in instruments:
            errors.append(f"{source}: id: {instrument.id!r} komt twee keer voor")
        else:
            instruments[instrument.id] = instrument
    if require_vocabulary_ids:
        missing = [i for i in vocabulary.ids("instruments") if i not in instruments]
        if missing and not errors:
            errors.append(f"instruments/: id: deze verplichte instrumenten ontbreken: {', '.join(missing)}")
    if errors:
        raise DataError(errors)
    return Catalogue(instruments)


@cache
def load_catalogue() -> Catalogue:
    """The curated catalogue shipped with the package (cached: the files do not change at run time)."""
    return load_catalogue_from(INSTRUMENTS_DIR)
