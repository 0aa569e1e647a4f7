"""The case file (casus) of CONTRACTS.md §1: model, parsing and validation.

A case that breaks the rules is refused with Dutch `field: reason` lines naming the value and what is
allowed (DataError); nothing downstream ever sees a half-valid case. A level that promises more than
the room allows is valid input: the advisor warns about it, the validator does not refuse it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

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
from participatiemix.mix.safe_load import load_case_text, read_case_file
from participatiemix.mix.vocabulary import Vocabulary, load_vocabulary


class CaseModel(BaseModel):
    # Unknown keys are ignored (a case may carry notes of its own); `ignored_fields` reports them.
    model_config = ConfigDict(extra="ignore")


def _vocab(info: ValidationInfo) -> Vocabulary:
    return (info.context or {}).get("vocabulary") or load_vocabulary()


def _check(value: str, section: str, what: str, info: ValidationInfo) -> str:
    allowed = _vocab(info).ids(section)
    if value not in allowed:
        raise ValueError(unknown_id(value, what, allowed))
    return value


class Council(CaseModel):
    room: str
    frames_set: bool = False
    decides: bool = True
    notes: str = ""

    @field_validator("room")
    @classmethod
    def _room(cls, v: str, info: ValidationInfo) -> str:
        return _check(v, "council_room", "ruimte van de raad", info)

    @field_validator("notes", mode="before")
    @classmethod
    def _notes(cls, v: Any) -> Any:
        return "" if v is None else v


class PhasePlan(CaseModel):
    phase: str
    goals: list[str] = Field(min_length=1)
    level: str
    weeks: float | None = Field(default=None, ge=0)

    @field_validator("phase")
    @classmethod
    def _phase(cls, v: str, info: ValidationInfo) -> str:
        return _check(v, "phases", "beleidsfase", info)

    @field_validator("level")
    @classmethod
    def _level(cls, v: str, info: ValidationInfo) -> str:
        return _check(v, "levels", "trede van de participatieladder", info)

    @field_validator("goals")
    @classmethod
    def _goals(cls, v: list[str], info: ValidationInfo) -> list[str]:
        for goal in v:
            _check(goal, "goals", "doel", info)
        if len(set(v)) != len(v):
            raise ValueError("een doel staat twee keer in de lijst")
        return v


class Context(CaseModel):
    trust: Literal["low", "normal"] = "normal"
    polarisation: Literal["low", "high"] = "low"


class Constraints(CaseModel):
    budget_eur: float | None = Field(default=None, ge=0)
    weeks: float | None = Field(default=None, ge=0)
    staff_hours: float | None = Field(default=None, ge=0)
    online_only: bool = False


class Case(CaseModel):
    title: str = Field(min_length=1, max_length=300)
    policy_question: str = Field(min_length=1, max_length=5000)
    municipality: str = Field(default="", max_length=200)
    scale: str
    council: Council
    shared_mandate: bool = False
    phases: list[PhasePlan] = Field(min_length=1)
    target_groups: list[str] = Field(min_length=1)
    context: Context = Context()
    constraints: Constraints = Constraints()
    starting_instrument: str | None = None
    # Topics of the question (vocabulary `topics`); None: the advisor infers them from the case text.
    topics: list[str] | None = None

    @field_validator("title", "policy_question", mode="before")
    @classmethod
    def _strip(cls, v: Any) -> Any:
        return v.strip() if isinstance(v, str) else v

    @field_validator("municipality", mode="before")
    @classmethod
    def _municipality(cls, v: Any) -> Any:
        return "" if v is None else v

    @field_validator("scale")
    @classmethod
    def _scale(cls, v: str, info: ValidationInfo) -> str:
        return _check(v, "scales", "schaal", info)

    @field_validator("target_groups")
    @classmethod
    def _groups(cls, v: list[str], info: ValidationInfo) -> list[str]:
        for group in v:
            _check(group, "target_groups", "doelgroep", info)
        if len(set(v)) != len(v):
            raise ValueError("een doelgroep staat twee keer in de lijst")
        return v

    @field_validator("topics")
    @classmethod
    def _topics(cls, v: list[str] | None, info: ValidationInfo) -> list[str] | None:
        if v is None:
            return None
        for topic in v:
            _check(topic, "topics", "onderwerp", info)
        if len(set(v)) != len(v):
            raise ValueError("een onderwerp staat twee keer in de lijst")
        return v

    @field_validator("starting_instrument")
    @classmethod
    def _instrument(cls, v: str | None, info: ValidationInfo) -> str | None:
        if v in (None, ""):
            return None
        known = (info.context or {}).get("instrument_ids") or _vocab(info).ids("instruments")
        if v not in known:
            raise ValueError(unknown_id(v, "instrument", known))
        return v

    @model_validator(mode="after")
    def _phases_in_order(self, info: ValidationInfo) -> Case:
        order = _vocab(info).ids("phases")
        seen = [p.phase for p in self.phases]
        if len(set(seen)) != len(seen):
            raise ValueError("phases: elke fase mag maar één keer voorkomen")
        if seen != sorted(seen, key=order.index):
            raise ValueError(
                "phases: de fasen staan niet in de volgorde van de beleidscyclus; "
                f"toegestaan is deze volgorde: {', '.join(order)}"
            )
        return self

    def phase(self, phase_id: str) -> PhasePlan | None:
        return next((p for p in self.phases if p.phase == phase_id), None)

    def contract_dict(self) -> dict[str, Any]:
        """The validated case with defaults filled in (the `case` key of the advice JSON)."""
        return self.model_dump(mode="json")


def _ignored(data: dict[str, Any], model: type[BaseModel], prefix: str = "") -> list[str]:
    out = []
    for key, value in data.items():
        field = model.model_fields.get(key)
        if field is None:
            out.append(f"{prefix}{key}")
            continue
        sub = field.annotation
        if isinstance(value, dict) and isinstance(sub, type) and issubclass(sub, BaseModel):
            out += _ignored(value, sub, f"{prefix}{key}.")
        elif key == "phases" and isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    out += _ignored(item, PhasePlan, f"phases[{i}].")
    return out


def ignored_fields(data: Any) -> list[str]:
    """Keys in a case document that the case model does not know (shown to the user, never an error)."""
    return _ignored(data, Case) if isinstance(data, dict) else []


def parse_case(data: Any, source: str | None = None, instrument_ids: list[str] | None = None) -> Case:
    """Validate a case document (already parsed from YAML/JSON). Raises DataError in Dutch."""
    prefix = f"{source}: " if source else ""
    if not isinstance(data, dict):
        raise DataError(
            [
                f"{prefix}(document): dit is geen casus; verwacht een YAML- of JSON-object met "
                "onder meer title, policy_question, scale, council, phases en target_groups"
            ]
        )
    context: dict[str, Any] = {"vocabulary": load_vocabulary()}
    if instrument_ids:
        context["instrument_ids"] = instrument_ids
    try:
        return Case.model_validate(data, context=context)
    except ValidationError as exc:
        raise DataError(translate(exc, source)) from None


def parse_case_text(text: str | bytes, source: str | None = None, instrument_ids: list[str] | None = None) -> Case:
    """Parse YAML or JSON text (or bytes) into a Case, within the limits of `mix.safe_load`."""
    return parse_case(load_case_text(text, filename=source or ""), source, instrument_ids)


def load_case(path: str | Path, instrument_ids: list[str] | None = None) -> Case:
    """A case from a file; a directory, a missing, binary or too large file is a DataError."""
    path = Path(path)
    return parse_case_text(read_case_file(path), path.name, instrument_ids)
