"""The mix over the whole process as a small integer program (HiGHS).

Variables: x[phase, instrument] binary (chosen), y[phase, group] (group reached in that phase),
z[phase, goal] (goal served well in that phase) and w[group] (group reached somewhere in the process).
Maximise  sum x * (fit - cost of one more instrument)  +  bonuses for y, z and w,
so a mix prefers instruments that complement each other (one that reaches whom the others miss)
over a stack of similar ones. Constraints: 2 to 4 instruments per phase (fewer if fewer fit), the fixed
choices of the user, and the money, staff hours and preparation time of the case, counted at the LIKELY cost
of each format (what the plan's estimate says too). When no mix with a format per phase fits at likely cost,
the best mix that fits at minimum cost is returned, and failing that the best mix without those limits; the
advisor then warns. Time is
handled outside the program (see `advisor.py`): formats that alone cannot fit are left out, and when the
whole mix is too slow the slowest format is left out and the mix chosen again.
"""

from __future__ import annotations

import itertools
import os
import sys
import threading
from dataclasses import dataclass, field

import highspy

PER_INSTRUMENT = 0.5  # an extra instrument must add this much fit or coverage to be worth it
COST_WEIGHT = 0.25  # penalty for using the whole budget with one instrument
OVER_BUDGET_CAP = 2.0  # a format that alone costs twice the budget or more is equally out of reach
COST_WEIGHT_NO_BUDGET = 0.1  # without a budget, still prefer formats in proportion to the question's scale
SIMILARITY_FLOOR, SIMILARITY_WEIGHT = 0.6, 0.25  # two look-alike formats in one phase add little
GROUP_PHASE_BONUS = 0.10
GROUP_GLOBAL_BONUS = 0.45
GOAL_BONUS = 0.30
ROLE_BONUS = 0.12  # a phase mix that combines broad reach, conversation and outreach compensates weaknesses
OUTREACH_BONUS = 0.30  # a hard-to-reach group is sought out by an invitation-based format somewhere
# In every phase that gathers input, each hard-to-reach target group is sought out where it is (a youth
# session for young people, key persons for residents who speak little Dutch): input without them is one-sided.
PHASE_OUTREACH_BONUS = 0.22
HARD_TO_REACH = frozenset({"youth", "low_literacy", "non_dutch_speakers", "disengaged", "disabilities"})
MIN_PER_PHASE, MAX_PER_PHASE = 2, 4
# The issue: 'typically 2 to 4 instruments that complement each other'. When money or hours are limited, each
# format beyond two in a phase costs this much more, so the means go to the core of every phase first.
EXTRA_FORMAT = 0.3
# ... except a format that seeks out a named hard-to-reach group and takes at most this share of the money and hours.
CHEAP_SHARE = 0.05
# Roles of which one format per phase is enough: two informing formats, two reports back or two written surveys
# in one phase repeat each other. Where informing is itself a goal of the phase, two informers may complement
# each other (a campaign for everyone and a desk nearby, or small meetings and a desk).
SINGLE_ROLES = ("informer", "account", "survey")
INFORMERS_WHEN_GOAL = 2
TIE_BREAK = 1e-6

_banner_lock = threading.Lock()
_banner_shown = False


def _new_highs() -> highspy.Highs:
    """A silent solver. HiGHS prints a banner on stdout once per process; keep it out of CLI output."""
    global _banner_shown
    with _banner_lock:
        if not _banner_shown:
            sys.stdout.flush()
            saved = os.dup(1)
            try:
                with open(os.devnull, "w") as null:
                    os.dup2(null.fileno(), 1)
                    highs = highspy.Highs()
            finally:
                os.dup2(saved, 1)
                os.close(saved)
            _banner_shown = True
        else:
            highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("random_seed", 0)
    return highs


@dataclass(frozen=True)
class Candidate:
    id: str
    score: float
    reaches: frozenset[str]
    goals: frozenset[str]  # the phase goals it serves with strength >= 2
    cost: float  # likely cost in euro (`estimate.likely`)
    staff: float  # likely staff hours
    fits_time: bool  # its preparation + run time alone fits before the decision
    features: frozenset[str] = frozenset()  # what kind of format it is (for the look-alike penalty)
    targets: frozenset[str] = frozenset()  # groups it seeks out actively (invited), not only reaches
    roles: frozenset[str] = frozenset()  # broad | conversation | outreach | informer | account | survey
    council: bool = False  # a format of the council itself (at most one per phase)
    keeps_promise: bool = True  # can keep the phase's promise itself (not only support another format)
    vote: bool = False  # a vote (at most two per phase: one ballot and, say, a budget round)
    cost_min: float | None = None  # the simplest version (fallback when nothing fits at likely cost)
    staff_min: float | None = None


def similarity(a: Candidate, b: Candidate) -> float:
    union = a.features | b.features
    return len(a.features & b.features) / len(union) if union else 0.0


@dataclass
class Problem:
    phases: list[str]
    candidates: dict[str, list[Candidate]]
    groups: list[str]
    goals: dict[str, list[str]]
    fixed: set[tuple[str, str]] = field(default_factory=set)
    budget: float | None = None
    staff: float | None = None
    cost_reference: float = 50_000  # what a proportionate format may cost at this scale (no budget given)
    too_slow: set[tuple[str, str]] = field(default_factory=set)  # (phase, id) that made the mix too slow
    input_phases: set[str] = field(default_factory=set)  # phases that gather residents' input
    hearing_phases: set[str] = field(default_factory=set)  # phases in which the council hears residents itself
    inform_phases: set[str] = field(default_factory=set)  # phases with informing residents as a goal
    index: dict[tuple[str, str], Candidate] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.index = {(p, c.id): c for p in self.phases for c in self.candidates[p]}


@dataclass(frozen=True)
class Solution:
    chosen: dict[str, list[str]]
    relaxed: tuple[str, ...]  # resource constraints dropped to find a mix ("budget", "staff", "time")


def _solve(problem: Problem, keep: set[str]) -> dict[str, list[str]] | None:
    highs = _new_highs()
    objective = []
    x: dict[tuple[str, str], object] = {}
    budget_scale = problem.budget or 0
    rank = {cid: i for i, cid in enumerate(sorted({c.id for cs in problem.candidates.values() for c in cs}))}
    for phase in problem.phases:
        for c in problem.candidates[phase]:
            slow = not c.fits_time or (phase, c.id) in problem.too_slow
            if "time" in keep and slow and (phase, c.id) not in problem.fixed:
                continue
            var = highs.addBinary()
            x[phase, c.id] = var
            if budget_scale:
                cost_penalty = COST_WEIGHT * min(OVER_BUDGET_CAP, _resource(c, "cost", keep) / budget_scale)
            else:
                # Only a sense of proportion to the scale, set on the simplest versions (no budget to plan with).
                simple = c.cost if c.cost_min is None else c.cost_min
                cost_penalty = COST_WEIGHT_NO_BUDGET * min(1.0, simple / problem.cost_reference)
            tie_break = TIE_BREAK * rank[c.id]  # equal fits: the id that sorts first wins
            objective.append((c.score - PER_INSTRUMENT - cost_penalty - tie_break) * var)
            if (phase, c.id) in problem.fixed:
                highs.addConstr(var >= 1)
    for phase in problem.phases:
        chosen = [x[phase, c.id] for c in problem.candidates[phase] if (phase, c.id) in x]
        if problem.candidates[phase] and not chosen:
            return None  # every format that fits this phase is too slow: the limit cannot be kept
        fixed = sum(1 for f in problem.fixed if f[0] == phase)
        if not chosen:
            continue
        present = [c for c in problem.candidates[phase] if (phase, c.id) in x]
        for a, b in itertools.combinations(present, 2):
            sim = similarity(a, b)
            if sim >= SIMILARITY_FLOOR:
                both = highs.addVariable(lb=0, ub=1)
                highs.addConstr(both - x[phase, a.id] - x[phase, b.id] >= -1)
                objective.append(-SIMILARITY_WEIGHT * sim * both)
        least = 1 if "single" in keep else MIN_PER_PHASE  # one format per phase when the means are that tight
        highs.addConstr(sum(chosen) >= min(least, len(chosen)))
        # The council's own hearing is the council's moment, not a residents' format: it does not take a place.
        hearing = phase in problem.hearing_phases
        residents = [
            x[phase, c.id] for c in problem.candidates[phase] if (phase, c.id) in x and not (hearing and c.council)
        ]
        if residents:
            highs.addConstr(sum(residents) <= max(MAX_PER_PHASE, fixed))
            _marginal_value(highs, problem, phase, [c for c in present if not (hearing and c.council)], x, objective)
        if phase in problem.input_phases:
            for group in HARD_TO_REACH.intersection(problem.groups):
                seek = [x[phase, c.id] for c in problem.candidates[phase] if (phase, c.id) in x and group in c.targets]
                if seek:
                    t = highs.addVariable(lb=0, ub=1)
                    highs.addConstr(t - sum(seek) <= 0)
                    objective.append(PHASE_OUTREACH_BONUS * t)
        for group in problem.groups:
            reach = [x[phase, c.id] for c in problem.candidates[phase] if (phase, c.id) in x and group in c.reaches]
            if reach:
                y = highs.addVariable(lb=0, ub=1)
                highs.addConstr(y - sum(reach) <= 0)
                objective.append(GROUP_PHASE_BONUS * y)
        council = [x[phase, c.id] for c in present if c.council]
        if len(council) > 1:
            highs.addConstr(
                sum(council) <= max(1, sum(1 for c in present if c.council and (phase, c.id) in problem.fixed))
            )
        keepers = [x[phase, c.id] for c in present if c.keeps_promise]
        if keepers and len(keepers) < len(present):
            highs.addConstr(sum(keepers) >= 1)  # supporting formats need one that keeps the promise
        votes = [x[phase, c.id] for c in present if c.vote]
        if len(votes) > 2:
            highs.addConstr(sum(votes) <= 2)
        for role in SINGLE_ROLES:
            having = [c for c in present if role in c.roles]
            cap = INFORMERS_WHEN_GOAL if role == "informer" and phase in problem.inform_phases else 1
            if len(having) > cap:
                fixed_here = sum(1 for c in having if (phase, c.id) in problem.fixed)
                highs.addConstr(sum(x[phase, c.id] for c in having) <= max(cap, fixed_here))
        for role in ("broad", "conversation", "outreach"):
            having = [x[phase, c.id] for c in present if role in c.roles]
            if having:
                r = highs.addVariable(lb=0, ub=1)
                highs.addConstr(r - sum(having) <= 0)
                objective.append(ROLE_BONUS * r)
        for goal in problem.goals[phase]:
            serve = [x[phase, c.id] for c in problem.candidates[phase] if (phase, c.id) in x and goal in c.goals]
            if serve:
                z = highs.addVariable(lb=0, ub=1)
                highs.addConstr(z - sum(serve) <= 0)
                objective.append(GOAL_BONUS * z)
    for group in problem.groups:
        reach = [var for (phase, cid), var in x.items() if group in _by_id(problem, phase, cid).reaches]
        if reach and "coverage" in keep:
            highs.addConstr(sum(reach) >= 1)  # every target group that some format reaches is reached
        elif reach:
            w = highs.addVariable(lb=0, ub=1)
            highs.addConstr(w - sum(reach) <= 0)
            objective.append(GROUP_GLOBAL_BONUS * w)
    for group in HARD_TO_REACH.intersection(problem.groups):
        seek = [var for (phase, cid), var in x.items() if group in _by_id(problem, phase, cid).targets]
        if seek:
            t = highs.addVariable(lb=0, ub=1)
            highs.addConstr(t - sum(seek) <= 0)
            objective.append(OUTREACH_BONUS * t)
    if "budget" in keep and problem.budget is not None and x:
        cost = [(_resource(_by_id(problem, p, i), "cost", keep), v) for (p, i), v in x.items()]
        highs.addConstr(sum(c * v for c, v in cost) <= problem.budget)
    if "staff" in keep and problem.staff is not None and x:
        staff = [(_resource(_by_id(problem, p, i), "staff", keep), v) for (p, i), v in x.items()]
        highs.addConstr(sum(c * v for c, v in staff) <= problem.staff)
    if not x:
        return {phase: [] for phase in problem.phases}
    highs.maximize(sum(objective))
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    values = highs.getSolution().col_value
    chosen: dict[str, list[str]] = {phase: [] for phase in problem.phases}
    for (phase, cid), var in x.items():
        if values[var.index] > 0.5:
            chosen[phase].append(cid)
    return chosen


def _marginal_value(highs, problem: Problem, phase: str, formats: list[Candidate], x: dict, objective: list) -> None:
    """When money or hours are limited, a third or fourth format in a phase (beside the council's own hearing)
    must be worth the means it takes from the core of other phases: it pays EXTRA_FORMAT on top of its fit,
    so only a format that adds a target group, a goal or a role the phase lacks still earns its place.
    A cheap format made for seeking out named hard-to-reach groups where they are (a youth session for young
    people) is not an extra: in a phase that gathers input, hearing those groups is part of the core."""
    if len(formats) <= MIN_PER_PHASE or (problem.budget is None and problem.staff is None):
        return  # without a limit on money or hours the cost per format (PER_INSTRUMENT) is the brake
    named = HARD_TO_REACH.intersection(problem.groups) if phase in problem.input_phases else set()
    counted = [c for c in formats if not (c.targets and c.targets <= named and _cheap(problem, c))]
    if len(counted) <= MIN_PER_PHASE:
        return
    extra = highs.addVariable(lb=0, ub=MAX_PER_PHASE)
    highs.addConstr(extra - sum(x[phase, c.id] for c in counted) >= -MIN_PER_PHASE)
    objective.append(-EXTRA_FORMAT * extra)


def _cheap(problem: Problem, c: Candidate) -> bool:
    """Takes at most a small share of each limited means at its likely cost (a youth session, not a campaign)."""
    return (problem.budget is None or c.cost <= CHEAP_SHARE * problem.budget) and (
        problem.staff is None or c.staff <= CHEAP_SHARE * problem.staff
    )


def _by_id(problem: Problem, phase: str, cid: str) -> Candidate:
    return problem.index[phase, cid]


def _resource(c: Candidate, kind: str, keep: set[str]) -> float:
    """Money or hours of one format: likely, or its simplest version when the plan falls back to that."""
    likely = c.cost if kind == "cost" else c.staff
    if "likely" in keep:
        return likely
    minimum = c.cost_min if kind == "cost" else c.staff_min
    return likely if minimum is None else minimum


def optimise(problem: Problem) -> Solution:
    """The best mix within every resource limit, or with as few limits dropped as needed."""
    limits = ("budget", "staff", "time")
    # First a mix that can be done with the money and hours given, at the likely cost of each format. Reaching
    # every target group then weighs in the objective only: a smaller mix within budget, with a gap in reach
    # that the advice names, is a plan the municipality can carry out. Time may be dropped here (it is kept
    # by leaving slow formats out, see `advisor.py`).
    if problem.budget is not None or problem.staff is not None:
        for coverage, single in ((True, False), (False, False), (False, True)):
            for dropped in ((), ("time",)):
                keep = set(limits) - set(dropped) | {"likely"} | ({"coverage"} if coverage else set())
                keep |= {"single"} if single else set()
                chosen = _solve(problem, keep)
                if chosen is not None:
                    return Solution(chosen=chosen, relaxed=dropped)
    # Nothing fits at likely cost: the best mix at the formats' simplest versions (the advice warns).
    # Reaching every target group is kept longest: a gap in reach is worse than a plan that costs more.
    # Two formats per phase may be impossible when every format that fits has a role of which one is enough
    # (two informers where informing is not the goal): then, last, one format per phase will do.
    for single, coverage in ((False, True), (False, False), (True, True), (True, False)):
        for drop_count in range(len(limits) + 1):
            for dropped in itertools.combinations(limits, drop_count):
                keep = set(limits) - set(dropped) | ({"coverage"} if coverage else set())
                keep |= {"single"} if single else set()
                chosen = _solve(problem, keep)
                if chosen is not None:
                    return Solution(chosen=chosen, relaxed=tuple(dropped))
    raise RuntimeError("the mix problem has no solution even without resource limits")  # fixed choices only
