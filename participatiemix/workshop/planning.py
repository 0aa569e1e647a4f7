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
from participatiemix.mix.workshop_mapping import MappingResult, case_data, map_notes
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
    def warnings(self) -> list[dict[str, Any]]:
        return [
            {**w, "label": self.label("warnings", w.get("code", ""))} for w in (self.advice or {}).get("warnings", [])
        ]


def _council_notes(notes_by_question: dict[int, list[str]]) -> str:
    """What the group wrote about the council: it goes with the case for the council's role."""
    lines = [
        t
        for texts in notes_by_question.values()
        for t in texts
        if any(w in t.lower().split() for w in COUNCIL_WORDS) or t.lower().startswith("raad")
    ]
    return " · ".join(lines)[:1000]


def propose(*, workshop: Workshop, group: Group, lang: str = "nl") -> Proposal:
    from participatiemix.mix.advisor import advise
    from participatiemix.plans.selectors import instrument_ids

    notes = group_notes_by_question(group=group)
    mapping = map_notes(notes)
    data = case_data(
        mapping,
        title=f"{workshop.title}: {group.name}"[:300],
        policy_question=workshop.case_text[:5000],
        council_notes=_council_notes(notes),
    )
    proposal = Proposal(workshop=workshop, group=group, mapping=mapping, case_data=data, lang=lang)
    if not notes:
        proposal.errors.append(_("Deze groep heeft nog geen notities."))
        return proposal
    try:
        proposal.case = parse_case(data, instrument_ids=instrument_ids())
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
