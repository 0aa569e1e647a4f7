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
STANDING_BODY_BONUS = 0.08  # a body the case says exists, at the case's own scale, is a natural partner
# A standing body the case does not mention must first be set up: that takes time, and fixed bodies need
# policy knowledge and jargon, so they reach the usual few (Movisie, DOMAIN.md §4.3). A one-off format that
# goes to people (a youth session through school) is the default; the body only when it exists.
NEW_BODY_PENALTY = 0.08
COUNCIL_HEARING_BONUS = 0.08  # the council's own format where it should hear residents itself
# Where the council decides, its hearing should link what residents bring in to its own decision: a council
# format that the catalogue also places at the decision moment (a round-table hearing) does that best.
COUNCIL_LINK_BONUS = 0.06
# A question about several villages or districts (or one village or district) is talked about where people
# live: one conversation per place (a village or district conversation, a pop-up in the street).
PLACE_BONUS = 0.12
PLACE_WORDS = frozenset({"kern", "kernen", "dorp", "dorpen", "wijk", "wijken", "buurt", "buurten", "stadsdelen"})
PLACE_SCALES = frozenset({"neighbourhood", "district", "village"})
# A conversation in the village or district is a meeting people must come to. Where the targets include people
# who do not come to meetings (young and older residents, or simply everyone), a pop-up in the street or at the
# market goes to where they already are (DOMAIN.md §5 D19: reaches non-joiners where they are): it complements
# the conversation in the place rather than repeating it.
STREET_BONUS = 0.05
MEETING_SHY = frozenset({"all_residents", "youth", "elderly"})
# Dutch names under which a case mentions an existing body or a format (the instrument name does not always
# carry them: an 'inwonerspanel' is a burgerpanel, a 'dorpsraad' or 'wijkberaad' is a village or district council).
ALIASES = {
    "burgerpanel": frozenset({"inwonerspanel", "inwonerpanel", "burgerpanel", "stadspanel", "dorpspanel"}),
    "wijkraad": frozenset({"wijkraad", "dorpsraad", "buurtraad", "wijkberaad", "dorpsbelangen", "wijkplatform"}),
    "adviesraad": frozenset({"adviesraad", "adviesgroep", "cliëntenraad", "adviescommissie"}),
    "jongerenraad": frozenset({"jongerenraad", "jeugdraad", "jongerenplatform", "kinderraad", "kindergemeenteraad"}),
    # A pot of money for one village, district or neighbourhood goes by the name of the place it is for.
    "buurtbudget": frozenset(
        {"buurtbudget", "wijkbudget", "dorpsbudget", "kernbudget", "buurtfonds", "wijkfonds", "dorpsfonds"}
    ),
}
INPUT_GOALS = frozenset({"identify_issues", "gather_knowledge", "weigh_options", "improve_quality"})
# Scales ordered by size; village and district are about the same size.
# Informing formats differ in how close they come (DOMAIN.md §5 A1, §7.2): where trust is low, or residents are
# directly affected by a contested plan or by works, personal and low-threshold informing (a desk, small
# meetings per village or street) works; a mass campaign or a big hall does not (PAW: municipalities that
# started large-scale changed course). Elsewhere a campaign is the way to reach a whole municipality.
CLOSE_BY_STEP = 0.10
# A preparation phase that gathers knowledge from many (all residents or a directly affected group) pairs its
# advisory core with a broad written check of what lives among them: a survey by letter and online reaches
# people who never come to a meeting (DOMAIN.md §3 'enquête' in preparation).
BROAD_CHECK_BONUS = 0.12
# A walk-through needs a place to walk: a street, square, park, riverbank or village. For a policy question
# without a place (poverty, youth care) it is out of place; where residents manage an area themselves, walking
# it with them makes tasks and boundaries concrete.
WALK_MISMATCH = 0.6
# Taking a site into care is the whole format, not a help to it: without a place it does not fit at all.
SITE_MISMATCH = 0.3
WALK_MANAGE_BONUS = 0.12
# A question at the scale of a neighbourhood, district or village is about that place. At a larger scale it is
# about a place only when it speaks of the public space itself (its layout, green, traffic, safety, upkeep) or
# of a physical site ('groen' alone is no place: green gas is a technology). Naming districts or villages is
# not enough: choosing a heat option 'per district' is a choice of technology; walking a street helps little.
PLACE_QUESTION_WORDS = frozenset(
    {
        "straat", "straten", "plein", "pleinen", "park", "parken", "plantsoen", "oever", "oevers", "openbare",
        "buitenruimte", "kade", "speelplek", "speelplaats", "strand", "stranden", "dijk", "dijken", "terrein",
        "locatie", "haven", "inrichting", "herinrichting", "groenbeheer", "groenvoorziening", "verkeer",
        "verkeersveiligheid", "parkeren", "beheer", "landschap", "buitengebied", "bomen", "stoep", "fietspad",
    }
)  # fmt: skip
# Where the council has set frames and the room is bounded, weighing options is weighing interests within those
# frames: residents beside organisations and businesses. Facilitated tables where invited parties talk on equal
# footing fit that (DOMAIN.md §5.6: depolarising); a drawn assembly over months is heavy for it and fits an open,
# complex dilemma with room to choose (§5.8).
INTEREST_TABLES_BONUS = 0.10
BOUNDED_ASSEMBLY_PENALTY = 0.10
ORGANISED_GROUPS = frozenset({"organisations", "entrepreneurs"})
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
    goals: tuple[tuple[str, int], ...] = ()  # plain copy of inst.goals (no model access in hot loops)
    topics: frozenset[str] = frozenset()
    body: bool = False  # a standing representative body (it exists or must be set up)
    place: bool = False  # an open conversation held in a village or district
    council: bool = False  # the council's own format
    links_decision: bool = False  # a council format the catalogue also places at the decision moment
    self_selected_only: bool = False
    low_trust: int = 0
    high_polarisation: int = 0
    seeks_out: bool = False  # goes to people where they are (in person, by invitation or in the street)
    inform_role: str = ""  # mass | personal | account (reports back after a decision) | '' (not an informer)
    survey: bool = False  # a written check among many people (questionnaire, panel)
    walk: bool = False  # held on the spot in a small area (a walk-through)
    site: bool = False  # neighbours take a piece of public space into their own care
    personal_contact: bool = False  # one-to-one or small conversations at home or nearby that also inform
    tables: bool = False  # facilitated tables of invited parties that weigh interests and calm divided views
    assembly: bool = False  # a drawn deliberative assembly (weeks of sessions with experts)

    @property
    def id(self) -> str:
        return self.inst.id


def profile(inst: Instrument, vocab: Vocabulary) -> Profile:
    misses = set(inst.misses)
    if inst.online == "online":
        misses |= set(vocab.offline_reliant_groups) - set(inst.reaches)
    reaches = frozenset(inst.reaches)
    body = "representative_body" in inst.selection
    council = inst.democracy_forms[0] == "representative"
    place = (
        inst.online != "online"
        and "self_selected" in inst.selection
        and bool(PLACE_SCALES & set(inst.scales))
        and 100 <= inst.participants.max <= 500
        and inst.goals.get("identify_issues", 0) >= 3
        and bool({"participatory", "deliberative"} & set(inst.democracy_forms))
    )
    seeks_out = (
        inst.online == "offline"
        and not body
        and ("invited" in inst.selection or len(reaches & HARD_TO_REACH) >= 2)
        and not council
    )
    goals = inst.goals
    consult_rank = vocab.level_rank("consult")
    informs = goals.get("inform_residents", 0) >= 3 and max(vocab.level_rank(lv) for lv in inst.levels) <= consult_rank
    if not informs:
        inform_role = ""
    elif goals.get("monitor_evaluate", 0) >= 2:
        inform_role = "account"
    elif "all_eligible" in inst.selection or inst.participants.max >= 5000:
        inform_role = "mass"
    else:
        inform_role = "personal" if inst.online != "online" else "mass"
    survey = (
        list(inst.levels) == ["consult"]
        and inst.participants.max >= 2000
        and set(inst.democracy_forms) == {"participatory"}
        and goals.get("identify_issues", 0) + goals.get("gather_knowledge", 0) >= 4
    )
    walk = (
        inst.online == "offline"
        and set(inst.scales) <= PLACE_SCALES
        and inst.participants.max <= 100
        and max(goals.get("identify_issues", 0), goals.get("gather_knowledge", 0)) >= 3
    )
    # Neighbours who take a piece of public space into their own care (adoption, self-management) also need a
    # place: for a question of policy or technology (a heat option) there is no site to take over.
    site = (
        inst.online == "offline"
        and set(inst.scales) <= PLACE_SCALES
        and set(inst.democracy_forms) == {"do_democracy"}
        and set(inst.phases) == {"implementation"}
        and "organisations" not in inst.reaches
    )
    personal_contact = (
        inst.online == "offline"
        and "invited" in inst.selection
        and inst.participants.max <= 150
        and set(inst.scales) <= PLACE_SCALES
        and goals.get("inform_residents", 0) >= 2
        and not body
    )
    deliberative = "deliberative" in inst.democracy_forms
    tables = (
        deliberative
        and inst.selection[0] != "sortition"
        and "invited" in inst.selection
        and goals.get("weigh_options", 0) >= 2
        and inst.context.high_polarisation > 0
    )
    assembly = deliberative and inst.selection[0] == "sortition" and "advise" in inst.levels
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
        keywords=name_keywords(inst.name.nl) | ALIASES.get(inst.id, frozenset()),
        goals=tuple(inst.goals.items()),
        topics=frozenset(inst.topics),
        body=body,
        place=place,
        council=council,
        links_decision=council and "decision_making" in inst.phases,
        self_selected_only=inst.selection == ["self_selected"],
        low_trust=inst.context.low_trust,
        high_polarisation=inst.context.high_polarisation,
        seeks_out=seeks_out,
        inform_role=inform_role,
        survey=survey,
        walk=walk,
        site=site,
        personal_contact=personal_contact,
        tables=tables,
        assembly=assembly,
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
class CaseView:
    """What scoring needs from a case, computed once per advice instead of once per instrument."""

    words: frozenset[str]
    topics: frozenset[str]
    places: bool  # the question concerns one or several villages or districts
    place_question: bool  # the question is about a place (a street, park, district, village), not only policy
    affected: bool  # a directly affected group is targeted
    scale_rank: int
    weights: tuple[tuple[str, float], ...]  # target groups with their weight
    total_weight: float
    wary: bool  # low trust or high polarisation
    low_trust: bool
    high_polarisation: bool


def case_view(case: Case, vocab: Vocabulary) -> CaseView:
    from participatiemix.mix.topics import case_topics  # topics imports case; keep the import graph flat

    words = case_words(case)
    weights = tuple((g, group_weight(g)) for g in case.target_groups)
    return CaseView(
        words=words,
        topics=case_topics(case, vocab),
        places=case.scale in PLACE_SCALES or bool(words & PLACE_WORDS),
        place_question=case.scale in PLACE_SCALES or bool(words & PLACE_QUESTION_WORDS),
        affected="directly_affected" in case.target_groups,
        scale_rank=SCALE_RANK.get(case.scale, 2),
        weights=weights,
        total_weight=sum(w for _, w in weights),
        wary=case.context.trust == "low" or case.context.polarisation == "high",
        low_trust=case.context.trust == "low",
        high_polarisation=case.context.polarisation == "high",
    )


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
    place: bool = False  # held in each village or district the question concerns
    close_by: bool = False  # personal informing chosen because trust is low or residents are directly affected
    broad_check: bool = False  # the broad written check beside the advisory core of a preparation phase
    walk_manage: bool = False  # a walk-through with residents who manage the area


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
    return plan.phase == "decision_making" and plan.phase in p.phases and dict(p.goals).get("inform_residents", 0) >= 2


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


def fit(
    p: Profile,
    plan: PhasePlan,
    case: Case,
    vocab: Vocabulary,
    force: bool = False,
    view: CaseView | None = None,
) -> Fit | None:
    """The fit of instrument `p` in phase `plan`; None when it serves none of the phase's goals (unless
    `force`: the user chose it, so it is scored anyway). `view` is the case as `case_view` reads it."""
    view = view or case_view(case, vocab)
    goals = dict(p.goals)
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

    reached = tuple(g for g, _ in view.weights if g in p.reaches)
    hears = p.council and council_hears_in(plan, case)
    # The council hears whoever the other formats bring in; whom its own hearing misses is their job.
    missed = () if hears else tuple(g for g, _ in view.weights if g in p.misses)
    gained = sum(w for g, w in view.weights if g in p.reaches) - 0.5 * sum(w for g, w in view.weights if g in missed)
    group_score = max(0.0, gained / view.total_weight) if view.total_weight else 0.0

    base = W_GOAL * goal_score + W_LEVEL * level_score + W_GROUPS * group_score
    if view.low_trust:
        base += CONTEXT_STEP * p.low_trust
    if view.high_polarisation:
        base += CONTEXT_STEP * p.high_polarisation
    if view.wary and p.self_selected_only:
        base -= SELF_SELECTION_PENALTY
    exists = bool(p.keywords & view.words)
    if p.body:
        if not exists:
            base -= NEW_BODY_PENALTY
        elif case.scale in p.inst.scales:
            base += STANDING_BODY_BONUS
    if hears:
        base += COUNCIL_HEARING_BONUS
        if p.links_decision and case.council.decides:
            base += COUNCIL_LINK_BONUS
    # Agenda setting happens where people live; in implementation a municipal agenda is carried into the
    # districts and villages by conversations there (the community is built locally).
    place = p.place and (
        (plan.phase == "agenda_setting" and view.places)
        or (plan.phase == "implementation" and "strengthen_community" in plan.goals and view.scale_rank >= 2)
    )
    if place:
        base += PLACE_BONUS
    if place and p.seeks_out and MEETING_SHY & set(case.target_groups):
        base += STREET_BONUS

    close = close_by(plan, view)
    # A campaign still tells a whole municipality what it needs to know, unless trust is low (then it feeds
    # distrust: twice the step). Where informing is not a goal itself (reporting back before a decision), the
    # informing must be two-way: residents see what was done with their input and can respond.
    if p.inform_role == "mass":
        if view.low_trust:
            base -= 2 * CLOSE_BY_STEP
        elif close and "all_residents" not in case.target_groups:
            base -= CLOSE_BY_STEP
        if "inform_residents" not in plan.goals and case.council.room != "none":
            base -= CLOSE_BY_STEP
    # Visits at home inform only where informing is the phase's goal; elsewhere they are a conversation.
    personal = close and (p.inform_role == "personal" or (p.personal_contact and "inform_residents" in plan.goals))
    if personal:
        base += CLOSE_BY_STEP
    broad_check = (
        p.survey
        and p.inst.online != "online"
        and plan.phase == "policy_preparation"
        and "gather_knowledge" in plan.goals
        and ("all_residents" in case.target_groups or view.affected)
    )
    if broad_check:
        base += BROAD_CHECK_BONUS
    walk_manage = (
        p.walk and view.place_question and plan.phase == "implementation" and plan.level in ("coproduce", "self_govern")
    )
    if walk_manage:
        base += WALK_MANAGE_BONUS
    if p.walk and not view.place_question:
        base *= WALK_MISMATCH
    if p.site and not view.place_question:
        base *= SITE_MISMATCH

    if "weigh_options" in plan.goals and case.council.room == "bounded" and case.council.frames_set:
        # Where views are divided the tables' calming effect already counts (context); not twice.
        if p.tables and ORGANISED_GROUPS & set(case.target_groups) and not view.high_polarisation:
            base += INTEREST_TABLES_BONUS
        if p.assembly:
            base -= BOUNDED_ASSEMBLY_PENALTY

    in_phase = plan.phase in p.phases
    scale = scale_factor(view.scale_rank, p.scale_ranks)
    if place:
        scale = max(scale, 1.0)  # repeated per village or district, it is the right size
    score = base * (1.0 if in_phase else PHASE_MISMATCH) * scale

    starting = case.starting_instrument == p.id and in_phase and kind == "exact"
    if starting:
        score += STARTING_BONUS
    named = in_phase and kind != "support" and exists
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
        place=place,
        close_by=personal,
        broad_check=broad_check,
        walk_manage=walk_manage,
    )


def close_by(plan: PhasePlan, view: CaseView) -> bool:
    """Informing must come close: trust is low, or a directly affected group faces a contested plan or works."""
    return view.low_trust or (view.affected and (view.high_polarisation or plan.phase == "implementation"))
