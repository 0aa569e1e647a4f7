"""From a group's flip-over to a draft plan: map the notes, let the advisor comment, then store the draft.

The facilitator first sees the proposal (what was recognised, what was assumed, which notes could not
be placed, and what the advisor says about it); only a second click stores the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from participatiemix.mix.case import Case, parse_case
from participatiemix.mix.errors import DataError
from participatiemix.mix.vocabulary import load_vocabulary
from participatiemix.mix.workshop_mapping import (
    MappingResult,
    case_data,
    fit_to_catalogue,
    instrument_fit,
    map_notes,
)
from participatiemix.workshop.models import Group, Workshop
from participatiemix.workshop.selectors import group_notes_by_question

COUNCIL_WORDS = ("raad", "gemeenteraad", "raadsleden", "council")


@dataclass
class Proposal:
    workshop: Workshop
    group: Group
    mapping: MappingResult
    case_data: dict[str, Any]
    case: Case | None = None
    advice: dict[str, Any] | None = None
    errors: list[str] = field(default_factory=list)
    lang: str = "nl"
    corrected: bool = False
    catalogue: Any = None

    @property
    def valid(self) -> bool:
        return self.case is not None

    def label(self, section: str, id_: str) -> str:
        return load_vocabulary().label(section, id_, self.lang)

    @property
    def phase_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "phase": self.label("phases", p),
                "level": self.label("levels", self.mapping.levels[p]),
                "goals": [self.label("goals", g) for g in self.mapping.goals_by_phase[p]],
                "level_assumed": f"level:{p}" in self.mapping.assumed,
                "goal_assumed": f"goal:{p}" in self.mapping.assumed,
            }
            for p in self.mapping.phases
        ]

    @property
    def target_group_labels(self) -> list[str]:
        return [self.label("target_groups", t) for t in self.mapping.target_groups]

    @property
    def instrument_labels(self) -> list[str]:
        return [self.label("instruments", i) for i in self.mapping.instruments]

    @property
    def phase_assumed(self) -> bool:
        return "no_phase" in self.mapping.assumed

    @property
    def phases(self) -> list[str]:
        return [p["phase"] for p in self.case_data.get("phases", [])]

    @property
    def starting_instrument(self) -> str | None:
        return self.case_data.get("starting_instrument")

    @property
    def fit(self) -> dict[str, Any] | None:
        """The catalogue's word on the starting instrument against this plan's phases, levels and goals."""
        start = self.starting_instrument
        if not start or self.catalogue is None:
            return None
        result = _as_result(self.case_data, self.mapping)
        found = instrument_fit(start, result, self.catalogue)
        if found is None:
            return None
        return {
            "instrument": self.label("instruments", start),
            "fits": [self.label("phases", p) for p in found["fits"]],
            "made_for_phases": [self.label("phases", p) for p in found["phases"]],
            "made_for_levels": [self.label("levels", lvl) for lvl in found["levels"]],
            "misses": [{"phase": self.label("phases", p), "why": why} for p, why in found["misses"].items()],
        }

    @property
    def warnings(self) -> list[dict[str, Any]]:
        fit = self.fit
        out = []
        for w in (self.advice or {}).get("warnings", []):
            # The catalogue says the starting instrument fits a phase: then no "it does not fit" here.
            if w.get("code") == "instrumental_approach" and fit and fit["fits"]:
                continue
            out.append({**w, "label": self.label("warnings", w.get("code", ""))})
        return out


def _council_notes(notes_by_question: dict[int, list[str]]) -> str:
    """What the group wrote about the council: it goes with the case for the council's role."""
    lines = [
        t
        for texts in notes_by_question.values()
        for t in texts
        if any(w in t.lower().split() for w in COUNCIL_WORDS) or t.lower().startswith("raad")
    ]
    return " · ".join(lines)[:1000]


def _as_result(data: dict[str, Any], mapping: MappingResult) -> MappingResult:
    """The (corrected) case's phases, goals and levels as a mapping result, for the catalogue check."""
    phases = [p for p in data.get("phases", []) if isinstance(p, dict)]
    return MappingResult(
        notes=mapping.notes,
        phases=[p["phase"] for p in phases],
        goals_by_phase={p["phase"]: list(p.get("goals") or []) for p in phases},
        levels={p["phase"]: p.get("level") for p in phases},
        target_groups=list(data.get("target_groups") or []),
        instruments=mapping.instruments,
    )


def propose(
    *, workshop: Workshop, group: Group, lang: str = "nl", corrections: dict[str, Any] | None = None
) -> Proposal:
    """The mapping of a group's notes; `corrections` (from the facilitator's form) replace what it holds."""
    from participatiemix.mix.advisor import advise, default_catalogue
    from participatiemix.plans.selectors import instrument_ids

    catalogue = default_catalogue()
    notes = group_notes_by_question(group=group)
    mapping = fit_to_catalogue(map_notes(notes, catalogue=catalogue), catalogue)
    data = case_data(
        mapping,
        title=f"{workshop.title}: {group.name}"[:300],
        policy_question=workshop.case_text[:5000],
        council_notes=_council_notes(notes),
    )
    if corrections:
        data.update(corrections)
        if not data.get("starting_instrument"):
            data.pop("starting_instrument", None)
    proposal = Proposal(
        workshop=workshop,
        group=group,
        mapping=mapping,
        case_data=data,
        lang=lang,
        corrected=bool(corrections),
        catalogue=catalogue,
    )
    if not notes:
        proposal.errors.append(_("Deze groep heeft nog geen notities."))
        return proposal
    try:
        proposal.case = parse_case(
            {k: v for k, v in data.items() if k != "preconditions"}, instrument_ids=instrument_ids()
        )
    except DataError as exc:
        proposal.errors.extend(exc.messages)
        return proposal
    proposal.advice = advise(proposal.case, lang=lang)
    return proposal


def create_plan(*, proposal: Proposal, created_by=None):
    """The draft plan belongs to the werksessie's organisation (through the plans service, never its models)."""
    from participatiemix.plans.services import draft_plan_create

    return draft_plan_create(
        case_data=proposal.case_data,
        created_by=created_by,
        origin="werksessie",
        organisation=proposal.workshop.organisation,
    )


# --------------------------------------------------------------------------- the facilitator's corrections


class MappingCorrection:
    """The intake's own step forms (randvoorwaarden, goals and level per phase, target groups, instrument)
    on the mapping page, filled with what was recognised. What the facilitator confirms here is what the
    intake finds in the draft: it opens at the first step that still needs an answer, never at an empty one.
    """

    def __init__(self, proposal: Proposal, data=None):
        from participatiemix.plans.forms import (
            GoalsForm,
            PreconditionsForm,
            StartingInstrumentForm,
            TargetGroupsForm,
        )

        case = proposal.case_data
        self.forms = {}
        for prefix, cls in (
            ("randvoorwaarden", PreconditionsForm),
            ("fasen", GoalsForm),
            ("doelgroepen", TargetGroupsForm),
            ("instrument", StartingInstrumentForm),
        ):
            initial = cls.data_from(case=case, plan=None)
            self.forms[prefix] = (
                cls(data=data, prefix=prefix) if data is not None else cls(initial=initial, prefix=prefix)
            )

    @property
    def preconditions(self):
        return self.forms["randvoorwaarden"]

    @property
    def goals(self):
        return self.forms["fasen"]

    @property
    def target_groups(self):
        return self.forms["doelgroepen"]

    @property
    def instrument(self):
        return self.forms["instrument"]

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.forms.values()])  # every form, so each shows its errors

    @property
    def errors(self) -> bool:
        return any(form.errors for form in self.forms.values())

    def corrections(self) -> dict[str, Any]:
        """The case fields and the preconditions block, as `draft_plan_create` takes them."""
        data: dict[str, Any] = {}
        for prefix in ("fasen", "doelgroepen", "instrument"):
            data.update(self.forms[prefix].case_update())
        data["preconditions"] = self.forms["randvoorwaarden"].plan_update()
        return data

    def initial_data(self, **answers: str) -> dict[str, Any]:
        """The recognised values as POST data (prefixed names), with `answers` (unprefixed) on top."""
        data: dict[str, Any] = {}
        for form in self.forms.values():
            for name in form.fields:
                value = answers.get(name, form.initial.get(name, ""))
                if value not in ("", None, []):
                    data[form.add_prefix(name)] = value
        return data
