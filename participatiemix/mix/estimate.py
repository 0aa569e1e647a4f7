"""What the chosen mix costs in money, staff hours and weeks (ranges from the catalogue's estimates).

Time: instruments within a phase run side by side; a phase lasts as long as its longest instrument (or the
weeks the case gives it). Preparation (lead time) may start at the very beginning, so a phase starts when
the previous one ends or when its slowest instrument is prepared, whichever is later. `constraints.weeks`
is the time until the decision, so only phases up to and including decision making count for it.
"""

from __future__ import annotations

from participatiemix.mix.case import Case
from participatiemix.mix.scoring import Profile

DECISION_PHASES = ("agenda_setting", "policy_preparation", "decision_making")
# Where in its range from the simple to the full version a format most likely ends up. Costs are skewed: most
# runs stay close to the simple version and a few grow into the full one. The PERT mean with its most likely
# value at a fifth of the range, (0 + 4 * 0.2 + 1) / 6, puts the likely cost at 30% of the range.
LIKELY_SHARE = 0.3


def likely(p: Profile, case: Case) -> tuple[float, float]:
    """The likely cost in euro and staff hours of one format in this case (the optimiser plans with these)."""
    share = LIKELY_SHARE
    return p.cost[0] + share * (p.cost[1] - p.cost[0]), p.staff[0] + share * (p.staff[1] - p.staff[0])


def _timeline(case: Case, mix: dict[str, list[Profile]], phases: list[str], bound: int) -> float:
    """End week of the last of `phases`, using the min (bound=0) or max (bound=1) of each range."""
    end = 0.0
    for phase in phases:
        plan = case.phase(phase)
        chosen = mix.get(phase, [])
        lead = max((p.lead[bound] for p in chosen), default=0.0)
        if plan is not None and plan.weeks is not None:
            duration = plan.weeks
        else:
            duration = max((p.duration[bound] for p in chosen), default=0.0)
        end = max(end, lead) + duration
    return end


def decision_phases(case: Case) -> list[str]:
    """The phases that must fit in `constraints.weeks` (all phases when none comes before a decision)."""
    counted = [p.phase for p in case.phases if p.phase in DECISION_PHASES]
    return counted or [p.phase for p in case.phases]


def estimate(case: Case, mix: dict[str, list[Profile]]) -> dict:
    chosen = [p for phase in mix.values() for p in phase]
    all_phases = [p.phase for p in case.phases]
    counted = decision_phases(case)
    return {
        "cost_eur": [round(sum(p.cost[0] for p in chosen)), round(sum(p.cost[1] for p in chosen))],
        "cost_likely_eur": round(sum(likely(p, case)[0] for p in chosen)),
        "staff_hours": [round(sum(p.staff[0] for p in chosen)), round(sum(p.staff[1] for p in chosen))],
        "staff_hours_likely": round(sum(likely(p, case)[1] for p in chosen)),
        "weeks": round(_timeline(case, mix, all_phases, 0)),
        "weeks_range": [round(_timeline(case, mix, all_phases, 0)), round(_timeline(case, mix, all_phases, 1))],
        "weeks_to_decision": [round(_timeline(case, mix, counted, 0)), round(_timeline(case, mix, counted, 1))],
    }


def fits_time(case: Case, p: Profile, phase: str) -> bool:
    """Whether one instrument alone could fit before the decision (used to prune before optimising)."""
    limit = case.constraints.weeks
    counted = decision_phases(case)
    if limit is None or phase not in counted:
        return True
    later = counted[counted.index(phase) + 1 :]
    rest = sum((case.phase(ph).weeks or 1.0) for ph in later)  # type: ignore[union-attr]
    before = sum((case.phase(ph).weeks or 0.0) for ph in counted[: counted.index(phase)])  # type: ignore[union-attr]
    plan = case.phase(phase)
    own = plan.weeks if plan is not None and plan.weeks is not None else p.duration[0]
    return max(before, p.lead[0]) + own + rest <= limit
