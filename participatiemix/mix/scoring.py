"""How well one instrument fits one phase of a case: a score in [0, 1] with its parts.

The score weighs, in this order of importance: the phase's goals (instrument strength 1-3), the promised
ladder level (exact best, an honest neighbour partly), the case's target groups (reached vs missed), the
policy phase and scale (multipliers), and the context (trust, polarisation). Texts are made later, only
for the instruments that are shown (see `advisor.py`), which keeps scoring cheap for large catalogues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from participatiemix.mix.case import Case, PhasePlan
from participatiemix.mix.catalogue import Instrument
from participatiemix.mix.vocabulary import Vocabulary

W_GOAL, W_LEVEL, W_GROUPS = 0.45, 0.25, 0.30
CONTEXT_STEP = 0.08
STARTING_BONUS = 0.10
NAMED_BONUS = 0.10  # the case text names this format (an existing village council, a chosen route)
# Words in instrument names too general to mean that a case names the instrument.
GENERIC_WORDS = frozenset({"online", "gesprek", "bijvoorbeeld", "sociaal", "domein", "school", "jongerenwerk"})
# Dutch compounds with a shared tail ('Stads-, dorps- of wijkgesprek' = stadsgesprek, dorpsgesprek, wijkgesprek).
ELLIPSIS = re.compile(r"((?:\w+-,?\s+)+)of\s+(\w+)")
STEMS = ("stads", "dorps", "wijk", "buurt")
PHASE_MISMATCH = 0.55  # an instrument the catalogue does not list for this phase keeps half its fit
# Groups that self-selected participation rarely reaches (DOMAIN.md §5: young, low-educated and migrant
# residents stay under-represented); reaching them weighs double.
HARD_TO_REACH = frozenset({"youth", "low_literacy", "non_dutch_speakers", "disengaged", "disabilities"})
REPORT_BACK = 0.6  # in decision making, telling people what was done with their input serves every goal
SELF_SELECTION_PENALTY = 0.06  # open invitations let the loudest voices dominate when trust is low or views split
STANDING_BODY_BONUS = 0.08  # an existing representative body at the case's own scale is a natural partner
COUNCIL_HEARING_BONUS = 0.08  # the council's own format where it should hear residents itself
# Scales ordered by size; village and district are about the same size.
SCALE_RANK = {"neighbourhood": 0, "district": 1, "village": 1, "municipality": 2, "region": 3}
# A small format can be repeated per district or village (mild penalty); a big format for a small question is
# out of proportion (strong penalty).
SMALLER_FACTOR = {0: 1.0, 1: 0.92, 2: 0.8, 3: 0.7}
LARGER_FACTOR = {0: 1.0, 1: 0.7, 2: 0.45, 3: 0.3}


@dataclass(frozen=True)
class Profile:
    """The attributes of an instrument the advisor uses, precomputed as sets and numbers."""

    inst: Instrument
    ranks: tuple[int, ...]
    phases: frozenset[str]
    reaches: frozenset[str]
    misses: frozenset[str]  # including the offline-reliant groups an online-only instrument misses
    scale_ranks: frozenset[int]
    cost: tuple[float, float]
    staff: tuple[float, float]
    lead: tuple[float, float]
    duration: tuple[float, float]
    keywords: frozenset[str] = frozenset()

    @property
    def id(self) -> str:
        return self.inst.id


def profile(inst: Instrument, vocab: Vocabulary) -> Profile:
    misses = set(inst.misses)
    if inst.online == "online":
        misses |= set(vocab.offline_reliant_groups) - set(inst.reaches)
    return Profile(
        inst=inst,
        ranks=tuple(sorted(vocab.level_rank(level) for level in inst.levels)),
        phases=frozenset(inst.phases),
        reaches=frozenset(inst.reaches),
        misses=frozenset(misses),
        scale_ranks=frozenset(SCALE_RANK.get(s, 2) for s in inst.scales),
        cost=(inst.cost_eur.min, inst.cost_eur.max),
        staff=(inst.staff_hours.min, inst.staff_hours.max),
        lead=(inst.lead_time_weeks.min, inst.lead_time_weeks.max),
        duration=(inst.duration_weeks.min, inst.duration_weeks.max),
        keywords=name_keywords(inst.name.nl),
    )


@cache
def name_keywords(name: str) -> frozenset[str]:
    """Words that, found in a case text, mean the case names this instrument ('dorpsraad', 'uitdaagrecht')."""
    text = name.lower()
    words = {w for w in re.findall(r"[a-zà-ÿ]+", text) if len(w) >= 9 and w not in GENERIC_WORDS}
    for heads, last in ELLIPSIS.findall(text):
        stem = next((s for s in STEMS if last.startswith(s)), None)
        if stem:
            tail = last[len(stem) :]
            words |= {h.strip(" ,-") + tail for h in heads.split("-") if h.strip(" ,-")}
    return frozenset(words)


def case_words(case: Case) -> frozenset[str]:
    text = " ".join([case.title, case.policy_question, case.council.notes]).lower()
    return frozenset(re.findall(r"[a-zà-ÿ]+", text))


@dataclass(frozen=True)
class Fit:
    score: float
    goal: float
    level: float
    groups: float
    scale: float
    in_phase: bool
    level_kind: str  # exact | below | above | support | honest
    reaches: tuple[str, ...]  # the case's target groups this instrument reaches
    misses: tuple[str, ...]  # the case's target groups this instrument misses
    best_goal: str
    starting: bool
    reports_back: bool = False
    named: bool = False


def level_kind(ranks: tuple[int, ...], target: int) -> tuple[str, float]:
    """exact 1.0; one step below 0.6; one step above 0.5; further below 0.4 as a supporting format (it cannot
    keep the promise itself, so the phase also needs a format that can); further above 0: it promises more
    influence than the phase offers."""
    if target in ranks:
        return "exact", 1.0
    below = [r for r in ranks if r < target]
    above = [r for r in ranks if r > target]
    if below and target - max(below) == 1:
        return "below", 0.6
    if above and min(above) - target == 1 and not below:
        return "above", 0.5
    if below:
        return "support", 0.4
    return "above", 0.0


def group_weight(group: str) -> float:
    return 2.0 if group in HARD_TO_REACH else 1.0


def reports_back_in(plan: PhasePlan, p: Profile) -> bool:
    """Before a decision, showing what was done with the input is part of every promise above informing."""
    return plan.phase == "decision_making" and plan.phase in p.phases and p.inst.goals.get("inform_residents", 0) >= 2


def council_hears_in(plan: PhasePlan, case: Case) -> bool:
    """At the start (agenda setting, room left) and before its own decision the council listens itself."""
    if case.council.room == "none":
        return False
    return plan.phase == "agenda_setting" or (plan.phase == "decision_making" and case.council.decides)


def scale_factor(case_rank: int, ranks: frozenset[int]) -> float:
    if case_rank in ranks:
        return 1.0
    smaller = [case_rank - r for r in ranks if r < case_rank]
    larger = [r - case_rank for r in ranks if r > case_rank]
    return max([SMALLER_FACTOR[min(d, 3)] for d in smaller] + [LARGER_FACTOR[min(d, 3)] for d in larger])


def fit(p: Profile, plan: PhasePlan, case: Case, vocab: Vocabulary, force: bool = False) -> Fit | None:
    """The fit of instrument `p` in phase `plan`; None when it serves none of the phase's goals (unless
    `force`: the user chose it, so it is scored anyway)."""
    goals = p.inst.goals
    strengths = [goals.get(g, 0) / 3 for g in plan.goals]
    top = max(strengths)
    goal_score = 0.4 * top + 0.6 * sum(strengths) / len(strengths)
    best_goal = max(plan.goals, key=lambda g: (goals.get(g, 0), -plan.goals.index(g)))
    reports_back = reports_back_in(plan, p)
    if reports_back:
        goal_score = max(goal_score, REPORT_BACK * goals["inform_residents"] / 3)
    kind, level_score = level_kind(p.ranks, vocab.level_rank(plan.level))
    if case.council.room == "none" and 1 in p.ranks and goals.get("inform_residents", 0) >= 2:
        # The decision is taken: honest informing always fits, and where informing is a goal it comes first.
        kind, level_score = "honest", 1.0
        if "inform_residents" in plan.goals:
            goal_score = max(goal_score, goals["inform_residents"] / 3)
    if goal_score < 0.2 and not force:
        return None
    if level_score == 0 and not force:
        return None

    groups = case.target_groups
    reached = tuple(g for g in groups if g in p.reaches)
    missed = tuple(g for g in groups if g in p.misses)
    total = sum(group_weight(g) for g in groups)
    gained = sum(group_weight(g) for g in reached) - 0.5 * sum(group_weight(g) for g in missed)
    group_score = max(0.0, gained / total)

    base = W_GOAL * goal_score + W_LEVEL * level_score + W_GROUPS * group_score
    if case.context.trust == "low":
        base += CONTEXT_STEP * p.inst.context.low_trust
    if case.context.polarisation == "high":
        base += CONTEXT_STEP * p.inst.context.high_polarisation
    if (case.context.trust == "low" or case.context.polarisation == "high") and p.inst.selection == ["self_selected"]:
        base -= SELF_SELECTION_PENALTY
    if "representative_body" in p.inst.selection and case.scale in p.inst.scales:
        base += STANDING_BODY_BONUS
    if p.inst.democracy_forms[0] == "representative" and council_hears_in(plan, case):
        base += COUNCIL_HEARING_BONUS

    in_phase = plan.phase in p.phases
    scale = scale_factor(SCALE_RANK.get(case.scale, 2), p.scale_ranks)
    score = base * (1.0 if in_phase else PHASE_MISMATCH) * scale

    starting = case.starting_instrument == p.id and in_phase and kind == "exact"
    if starting:
        score += STARTING_BONUS
    named = in_phase and kind != "support" and bool(p.keywords & case_words(case))
    if named and not starting:
        score += NAMED_BONUS
    return Fit(
        score=round(min(1.0, max(0.0, score)), 3),
        goal=goal_score,
        level=level_score,
        groups=group_score,
        scale=scale,
        in_phase=in_phase,
        level_kind=kind,
        reaches=reached,
        misses=missed,
        best_goal=best_goal,
        starting=starting,
        reports_back=reports_back,
        named=named,
    )
