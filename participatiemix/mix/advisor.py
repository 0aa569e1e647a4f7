"""The advisor: from a case to a participation mix per phase (CONTRACTS.md §2).

Order of reasoning, as in the deck and DOMAIN.md §4.1: first the gates (room for influence, frames,
mandate), then per phase the goals and the promise, then whom to reach, and only then instruments.
Every instrument is checked against the hard rules (`rules.py`), scored (`scoring.py`), and a mix over
the whole process is chosen with an integer program (`optimiser.py`). The result is a JSON-ready dict.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from participatiemix.mix import explain
from participatiemix.mix.case import Case
from participatiemix.mix.catalogue import INSTRUMENTS_DIR, Catalogue, load_catalogue, load_catalogue_from
from participatiemix.mix.checks import case_warnings, mix_warnings, preconditions
from participatiemix.mix.council import council_moments
from participatiemix.mix.errors import DataError, unknown_id
from participatiemix.mix.estimate import decision_phases, estimate, fits_time, likely
from participatiemix.mix.explain import group_list, join, text
from participatiemix.mix.optimiser import Candidate, Problem, optimise
from participatiemix.mix.requirements import requirements
from participatiemix.mix.rules import forbidden
from participatiemix.mix.scoring import (
    HARD_TO_REACH,
    INPUT_GOALS,
    SCALE_RANK,
    CaseView,
    Fit,
    Profile,
    case_view,
    council_hears_in,
    fit,
    profile,
)
from participatiemix.mix.vocabulary import Vocabulary, load_vocabulary

# What one format may cost in proportion to the scale of the question, when the case gives no budget.
COST_REFERENCE = {
    "neighbourhood": 5_000,
    "district": 15_000,
    "village": 15_000,
    "municipality": 50_000,
    "region": 150_000,
}
MIN_FIT = 0.3  # below this an instrument does not fit the phase well enough to recommend
TOP_CANDIDATES = 10
SUPPORT_CANDIDATES = 3
ALTERNATIVES = 3
RICHER_OPTIONS = 2
RICHER_SHARE = 0.5  # a richer option costs at most half the budget or hours: within reach of a top-up
MAX_TIME_ROUNDS = 5
NOT_SUITABLE = 5

# Which warning code explains a refused choice (severity info).
RULE_CODES = {
    "rule_vote_no_room": "no_room_for_influence",
    "rule_minipublic_no_room": "no_room_for_influence",
    "rule_hearing_no_room": "no_room_for_influence",
    "rule_vote_mandate": "promise_exceeds_mandate",
    "rule_beyond_mandate": "promise_exceeds_mandate",
    "rule_online_unreachable": "digital_exclusion",
}


@cache
def _partial_catalogue() -> Catalogue:
    return load_catalogue_from(INSTRUMENTS_DIR, require_vocabulary_ids=False)


def default_catalogue() -> Catalogue:
    """The shipped catalogue; while required instruments are still being written, the files that exist."""
    try:
        return load_catalogue()
    except DataError as exc:
        if all("ontbreken" in message for message in exc.messages):
            return _partial_catalogue()
        raise


_PROFILES: dict[int, tuple[Catalogue, Vocabulary, list[Profile]]] = {}


def _profiles(catalogue: Catalogue, vocab: Vocabulary) -> list[Profile]:
    """Profiles of a catalogue, made once per catalogue object (they only depend on the instruments)."""
    cached = _PROFILES.get(id(catalogue))
    if cached is not None and cached[0] is catalogue and cached[1] is vocab:
        return cached[2]
    profiles = [profile(inst, vocab) for inst in sorted(catalogue, key=lambda i: i.id)]
    if len(_PROFILES) > 8:
        _PROFILES.clear()
    _PROFILES[id(catalogue)] = (catalogue, vocab, profiles)
    return profiles


def _check_choices(choices: Any, case: Case, catalogue: Catalogue) -> dict[str, dict[str, list[str]]]:
    if choices is None:
        return {}
    if not isinstance(choices, dict):
        raise DataError(["choices: moet een lijst met fasen zijn, met per fase 'include' en 'exclude'"])
    phases = [p.phase for p in case.phases]
    errors, clean = [], {}
    for phase, choice in choices.items():
        if phase not in phases:
            errors.append(f"choices.{phase}: {unknown_id(phase, 'fase van deze casus', phases)}")
            continue
        if not isinstance(choice, dict) or set(choice) - {"include", "exclude"}:
            errors.append(f"choices.{phase}: verwacht alleen 'include' en 'exclude' met lijsten van instrumenten")
            continue
        clean[phase] = {"include": [], "exclude": []}
        for key in ("include", "exclude"):
            ids = choice.get(key) or []
            if not isinstance(ids, list):
                errors.append(f"choices.{phase}.{key}: moet een lijst van instrumenten zijn")
                continue
            for i, id_ in enumerate(ids):
                if id_ not in catalogue:
                    errors.append(f"choices.{phase}.{key}[{i}]: {id_!r} is geen bekend instrument in de catalogus")
                elif id_ not in clean[phase][key]:
                    clean[phase][key].append(id_)
    if errors:
        raise DataError(errors)
    return clean


def _reasons(p: Profile, f: Fit, phase_plan, case: Case, vocab: Vocabulary, lang: str, others: list) -> list[str]:
    level = explain.level_label(vocab, phase_plan.level, lang)
    served = [g for g in phase_plan.goals if p.inst.goals.get(g, 0) >= 2] or [f.best_goal]
    goals = explain.goal_phrase(vocab, served, lang)
    out = []
    if f.starting:
        out.append(text("starting", lang))
    elif f.named:
        out.append(text("named", lang))
    if f.reports_back and f.goal > 0 and not any(p.inst.goals.get(g, 0) >= 2 for g in phase_plan.goals):
        out.append(text("report_back", lang))
    elif f.level_kind == "exact":
        out.append(text("goal_exact", lang, goals=goals, level=level))
    elif f.level_kind == "support":
        levels = join(explain.labels(vocab, "levels", p.inst.levels, lang), lang).lower()
        out.append(text("goal_support", lang, goals=goals, level=level.lower(), levels=levels))
    elif f.level_kind == "honest":
        out.append(text("goal_honest", lang, goals=goals))
    else:
        levels = join(explain.labels(vocab, "levels", p.inst.levels, lang), lang).lower()
        out.append(text("goal_partial", lang, goals=goals, level=level, levels=levels))
    if p.inst.selection[0] == "sortition":
        out.append(text("sortition", lang))
    if f.reaches:
        out.append(text("reaches", lang, groups=group_list(vocab, f.reaches, lang)))
    if others:
        rest = {g for o in others for g in o.reaches}
        own = [g for g in f.reaches if g not in rest]
        if own:
            out.append(text("complements", lang, groups=group_list(vocab, own, lang)))
    if case.context.trust == "low" and p.inst.context.low_trust > 0:
        out.append(text("low_trust", lang))
    if case.context.polarisation == "high" and p.inst.context.high_polarisation > 0:
        out.append(text("high_polarisation", lang))
    if case.constraints.online_only:
        out.append(text("online_fit", lang))
    if f.place:
        out.append(text("place", lang))
    elif f.scale < 1:
        scales = join(explain.labels(vocab, "scales", p.inst.scales, lang), lang).lower()
        smaller = max(p.scale_ranks) < SCALE_RANK.get(case.scale, 2)
        out.append(text("scale_smaller" if smaller else "scale_larger", lang, scales=scales))
    return out


class _PhaseWork:
    """Everything the advisor knows about one phase while it builds the advice."""

    def __init__(self, plan):
        self.plan = plan
        self.fits: dict[str, Fit] = {}
        self.eligible: list[str] = []
        self.refused: list[tuple[str, str]] = []
        self.not_suitable: list[tuple[str, str]] = []
        self.included: list[str] = []
        self.kept: set[str] = set()  # starting or named instruments, fixed because they serve this phase
        self.excluded: list[str] = []


def _score_phase(
    work: _PhaseWork, profiles: list[Profile], case: Case, vocab: Vocabulary, choice: dict, view: CaseView
) -> None:
    plan = work.plan
    include, exclude = set(choice.get("include", [])), set(choice.get("exclude", []))
    for p in profiles:
        reason = forbidden(p, plan, case, vocab, view.topics)
        if reason:
            if p.id in include:
                work.refused.append((p.id, reason))
            elif plan.phase in p.phases and any(dict(p.goals).get(g, 0) >= 2 for g in plan.goals):
                work.not_suitable.append((p.id, reason))
            continue
        f = fit(p, plan, case, vocab, force=p.id in include, view=view)
        if f is None:
            continue
        work.fits[p.id] = f
        if p.id in exclude:
            work.excluded.append(p.id)
        elif p.id in include:
            work.included.append(p.id)
            work.eligible.append(p.id)
        elif f.score >= MIN_FIT:
            work.eligible.append(p.id)
    work.eligible.sort(key=lambda i: (-work.fits[i].score, i))


def _keep_starting_instrument(case: Case, works: dict[str, _PhaseWork]) -> None:
    """An instrument someone had in mind, or that the case names as its route or as an existing body, stays in
    the mix where it truly serves the goals at the promised level (best phase only). A starting instrument that
    does not serve is not kept; `checks.py` then warns about an instrumental approach."""
    named = {i for w in works.values() for i in w.eligible if w.fits[i].named}
    for start in sorted(named | ({case.starting_instrument} if case.starting_instrument else set())):
        fitting = [w for w in works.values() if start in w.eligible and (w.fits[start].starting or w.fits[start].named)]
        if not fitting or any(start in w.excluded for w in works.values()) or any(start in w.included for w in fitting):
            continue
        best = max(fitting, key=lambda w: w.fits[start].score)
        best.included.append(start)
        best.kept.add(start)


def _candidates(work: _PhaseWork, by_id: dict[str, Profile], case: Case) -> list[Candidate]:
    keepers = [i for i in work.eligible if work.fits[i].level_kind != "support"]
    supporters = [i for i in work.eligible if work.fits[i].level_kind == "support"]
    eligible = work.eligible
    keep = keepers[:TOP_CANDIDATES] + supporters[:SUPPORT_CANDIDATES] + list(work.included)
    by_cost = sorted(eligible, key=lambda i: (likely(by_id[i], case)[0], i))
    for group in case.target_groups:
        best = next((i for i in eligible if group in by_id[i].reaches), None)
        if best:
            keep.append(best)
        # and the cheapest format that reaches the group, so that a tight budget can still reach everyone
        cheapest = next(
            (i for i in by_cost if group in by_id[i].reaches and work.fits[i].level_kind != "support"), None
        )
        if cheapest:
            keep.append(cheapest)
        # A named hard-to-reach group is sought out where it is in every phase that gathers input: keep the best
        # format made for seeking it out (a youth session), even when a generalist format (a focus group said to
        # reach every group) ranks higher on mere reach. The optimiser then weighs the two.
        if group in HARD_TO_REACH and INPUT_GOALS & set(work.plan.goals):
            seeker = next(
                (
                    i
                    for i in eligible
                    if work.fits[i].level_kind != "support" and group in _targets(by_id[i], work.fits[i])
                ),
                None,
            )
            if seeker:
                keep.append(seeker)
    for goal in work.plan.goals:
        best = next((i for i in eligible if by_id[i].inst.goals.get(goal, 0) >= 2), None)
        if best:
            keep.append(best)
    keep += sorted(eligible, key=lambda i: (by_id[i].cost[0], i))[:3]
    out = []
    for id_ in dict.fromkeys(keep):
        p, f = by_id[id_], work.fits[id_]
        likely_cost, likely_staff = likely(p, case)
        out.append(
            Candidate(
                id=id_,
                score=f.score,
                reaches=frozenset(f.reaches),
                goals=frozenset(g for g in work.plan.goals if p.inst.goals.get(g, 0) >= 2),
                targets=_targets(p, f),
                cost=likely_cost,
                staff=likely_staff,
                cost_min=p.cost[0],
                staff_min=p.staff[0],
                fits_time=fits_time(case, p, work.plan.phase),
                features=_features(p, work.plan),
                roles=_roles(p),
                vote=p.inst.vote,
                keeps_promise=f.level_kind != "support",
                council="representative" in p.inst.democracy_forms and "inform" not in p.inst.levels,
            )
        )
    return out


# A format said to reach this many hard-to-reach groups at once (a focus group) reaches each only when it is
# composed for that group; it does not replace a format made for one group (a youth session).
GENERALIST_OUTREACH = 4


def _targets(p: Profile, f: Fit) -> frozenset[str]:
    """The target groups a format seeks out actively (invited or in the street), not only reaches."""
    if not (p.seeks_out or (p.body and f.named)):
        return frozenset()
    hard = HARD_TO_REACH & set(f.reaches)
    if len(HARD_TO_REACH & p.reaches) >= GENERALIST_OUTREACH:
        return frozenset(f.reaches) - hard
    return frozenset(f.reaches)


# How a format makes contact: it goes out to people, it informs, or it reports back.
CONTACT_ROLES = frozenset({"outreach", "informer", "account"})


def _features(p: Profile, plan) -> frozenset[str]:
    """What kind of format it is. Its role counts too: a desk where people come and visits at home reach the same
    residents with the same goal, but one waits and the other goes out; two formats that both go out to the same
    groups repeat each other."""
    inst = p.inst
    goals = {f"goal:{g}" for g in plan.goals if inst.goals.get(g, 0) >= 2}
    forms = {f"form:{f}" for f in inst.democracy_forms}
    roles = {f"role:{r}" for r in _roles(p) & CONTACT_ROLES}
    return frozenset(
        goals | forms | roles | set(p.reaches) | {f"online:{inst.online}", f"selection:{inst.selection[0]}"}
    )


def _roles(p: Profile) -> frozenset[str]:
    """What a format contributes to a balanced mix (DOMAIN.md §4.2: strengths and weaknesses compensate)."""
    inst, roles = p.inst, set()
    if inst.participants.max >= 500 or inst.selection[0] in ("all_eligible", "sortition"):
        roles.add("broad")
    if (
        inst.online != "online"
        and ({"deliberative", "participatory"} & set(inst.democracy_forms))
        and (inst.participants.max <= 300)
    ):
        roles.add("conversation")
    if p.seeks_out:
        roles.add("outreach")
    if p.inform_role in ("mass", "personal"):
        roles.add("informer")
    elif p.inform_role == "account":
        roles.add("account")
    if p.survey:
        roles.add("survey")
    return frozenset(roles)


def _why_not(alt: str, work: _PhaseWork, chosen: list[str], by_id, case: Case, vocab, lang: str, spent: dict) -> str:
    p, f = by_id[alt], work.fits[alt]
    limits = case.constraints
    # The same likely cost and hours the optimiser plans with, so the reason matches why it was left out.
    cost, hours = likely(p, case)
    if limits.budget_eur is not None and spent["cost"] + cost > limits.budget_eur:
        return text("why_budget", lang)
    if not fits_time(case, p, work.plan.phase):
        return text("why_time", lang)
    if limits.staff_hours is not None and spent["staff"] + hours > limits.staff_hours:
        return text("why_staff", lang)
    if f.misses:
        return text("why_misses", lang, groups=group_list(vocab, f.misses, lang))
    picked = [work.fits[c] for c in chosen]
    if not picked:
        return text("why_goals", lang)
    if f.goal < min(c.goal for c in picked):
        return text("why_goals", lang)
    if f.level < min(c.level for c in picked):
        return text("why_level", lang, level=explain.level_label(vocab, work.plan.level, lang).lower())
    if f.groups < min(c.groups for c in picked):
        return text("why_groups", lang)
    if f.scale < min(c.scale for c in picked):
        return text("why_scale", lang, scale=vocab.label("scales", case.scale, lang).lower())
    return text("why_redundant", lang)


def _richer_options(work: _PhaseWork, chosen: list[str], by_id, case: Case, vocab, lang: str) -> list[dict]:
    """One or two formats that would strengthen the phase if more money or hours come free: each keeps the
    phase's promise itself and adds a target group the phase misses, serves a goal better, or simply fits
    better than the weakest format chosen. Only where the case limits money or hours (else nothing held it back)."""
    limits = case.constraints
    if limits.budget_eur is None and limits.staff_hours is None:
        return []
    reached = {g for i in chosen for g in work.fits[i].reaches}
    served = {g for i in chosen for g in work.plan.goals if by_id[i].inst.goals.get(g, 0) >= 2}
    weakest = min((work.fits[i].score for i in chosen), default=0.0)
    out = []
    for id_ in work.eligible:
        f, p = work.fits[id_], by_id[id_]
        if (
            id_ in chosen
            or f.level_kind == "support"
            or id_ in work.excluded
            or not fits_time(case, p, work.plan.phase)
        ):
            continue
        new_groups = [g for g in f.reaches if g not in reached]
        new_goals = [g for g in work.plan.goals if g not in served and p.inst.goals.get(g, 0) >= 2]
        if new_groups:
            why = text("richer_groups", lang, groups=group_list(vocab, new_groups, lang))
        elif new_goals:
            why = text("richer_goals", lang, goals=explain.goal_phrase(vocab, new_goals, lang))
        elif f.score > weakest:
            why = text("richer_fit", lang)
        else:
            continue
        cost, hours = likely(p, case)
        if (limits.budget_eur is not None and cost > RICHER_SHARE * limits.budget_eur) or (
            limits.staff_hours is not None and hours > RICHER_SHARE * limits.staff_hours
        ):
            continue  # out of reach of what may come free
        why += " " + text("richer_means", lang, cost=explain.euro(cost, lang), hours=round(hours))
        out.append({"id": id_, "score": f.score, "why": why})
        if len(out) == RICHER_OPTIONS:
            break
    return out


def _solve_in_time(problem: Problem, case: Case, by_id: dict[str, Profile]):
    """Optimise; while the mix needs more weeks than there are until the decision, leave out the slowest
    format on the way to the decision and optimise again (a few rounds; then the advice warns)."""
    limit = case.constraints.weeks
    timed = decision_phases(case)
    for _ in range(MAX_TIME_ROUNDS):
        solution = optimise(problem)
        mix = {phase: [by_id[i] for i in ids] for phase, ids in solution.chosen.items()}
        if limit is None or "time" in solution.relaxed or estimate(case, mix)["weeks_to_decision"][0] <= limit:
            return solution, mix
        slow = [
            (p.lead[0] + p.duration[0], phase, p.id)
            for phase in timed
            for p in mix.get(phase, [])
            if (phase, p.id) not in problem.fixed
        ]
        if not slow:
            return solution, mix
        _, phase, id_ = max(slow)
        problem.too_slow.add((phase, id_))
    return solution, mix


def advise(
    case: Case,
    *,
    catalogue: Catalogue | None = None,
    lang: str = "nl",
    choices: dict[str, dict[str, list[str]]] | None = None,
) -> dict[str, Any]:
    """The advice for a validated case as the JSON object of CONTRACTS.md §2."""
    vocab = load_vocabulary()
    catalogue = catalogue if catalogue is not None else default_catalogue()
    lang = "en" if lang == "en" else "nl"
    clean_choices = _check_choices(choices, case, catalogue)
    profiles = _profiles(catalogue, vocab)
    by_id = {p.id: p for p in profiles}
    view = case_view(case, vocab)

    works = {plan.phase: _PhaseWork(plan) for plan in case.phases}
    for phase, work in works.items():
        _score_phase(work, profiles, case, vocab, clean_choices.get(phase, {}), view)
    _keep_starting_instrument(case, works)

    problem = Problem(
        phases=list(works),
        candidates={phase: _candidates(work, by_id, case) for phase, work in works.items()},
        groups=list(case.target_groups),
        goals={phase: list(work.plan.goals) for phase, work in works.items()},
        fixed={(phase, i) for phase, work in works.items() for i in work.included},
        budget=case.constraints.budget_eur,
        staff=case.constraints.staff_hours,
        cost_reference=COST_REFERENCE.get(case.scale, 50_000),
        input_phases={phase for phase, work in works.items() if INPUT_GOALS & set(work.plan.goals)},
        hearing_phases={phase for phase, work in works.items() if council_hears_in(work.plan, case)},
        inform_phases={phase for phase, work in works.items() if "inform_residents" in work.plan.goals},
    )
    solution, mix = _solve_in_time(problem, case, by_id)
    chosen = {
        phase: sorted(ids, key=lambda i: (-works[phase].fits[i].score, i)) for phase, ids in solution.chosen.items()
    }
    mix = {phase: [by_id[i] for i in ids] for phase, ids in chosen.items()}
    est = estimate(case, mix)
    spent = {"cost": est["cost_likely_eur"], "staff": est["staff_hours_likely"]}

    phases_out = []
    for phase, work in works.items():
        ids = chosen[phase]
        instruments = []
        for id_ in ids:
            f = work.fits[id_]
            others = [work.fits[o] for o in ids if o != id_]
            reasons = _reasons(by_id[id_], f, work.plan, case, vocab, lang, others)
            if id_ in work.included and id_ not in work.kept:
                reasons.insert(0, text("chosen", lang))
            instruments.append({"id": id_, "score": f.score, "reasons": reasons, "reaches": list(f.reaches)})
        alternatives = [
            {"id": i, "score": work.fits[i].score, "why_not": text("why_excluded", lang)} for i in work.excluded
        ]
        for alt in [i for i in work.eligible if i not in ids][:ALTERNATIVES]:
            why = _why_not(alt, work, ids, by_id, case, vocab, lang, spent)
            alternatives.append({"id": alt, "score": work.fits[alt].score, "why_not": why})
        phase_out = {
            "phase": phase,
            "level": work.plan.level,
            "goals": list(work.plan.goals),
            "promise": vocab.promise(work.plan.level, lang),
            "instruments": instruments,
            "alternatives": alternatives,
            "not_suitable": [
                {"id": i, "why": _rule_text(r, work.plan, by_id[i], vocab, lang)}
                for i, r in work.not_suitable[:NOT_SUITABLE]
            ],
        }
        richer = _richer_options(work, ids, by_id, case, vocab, lang)
        if richer:
            phase_out["richer_options"] = richer
        if work.refused:
            phase_out["refused"] = [
                {"id": i, "why": _rule_text(r, work.plan, by_id[i], vocab, lang)} for i, r in work.refused
            ]
        phases_out.append(phase_out)

    groups_cov = {
        g: sorted({i for ids in chosen.values() for i in ids if g in by_id[i].reaches}) for g in case.target_groups
    }
    coverage = {"target_groups": groups_cov, "uncovered": [g for g, ids in groups_cov.items() if not ids]}
    starting = by_id.get(case.starting_instrument) if case.starting_instrument else None
    warnings = case_warnings(case, vocab, lang, starting) + mix_warnings(case, vocab, lang, mix, est, coverage)
    warnings += _refusal_warnings(works, by_id, vocab, lang)
    advice = {
        "case": case.contract_dict(),
        "preconditions": preconditions(case, vocab, lang, est),
        "phases": phases_out,
        "council_moments": council_moments(case, mix, vocab, lang),
        "coverage": coverage,
        "warnings": warnings,
        "requirements": requirements(case, mix, vocab, lang),
        "estimate": est,
        "relaxed_limits": list(solution.relaxed),
        "lang": lang,
    }
    advice["summary"] = _summary(advice, vocab, lang)
    return advice


def _rule_text(rule: str, plan, p: Profile, vocab: Vocabulary, lang: str) -> str:
    level = explain.level_label(vocab, plan.level, lang).lower()
    levels = join(explain.labels(vocab, "levels", p.inst.levels, lang), lang).lower()
    topics = join(explain.labels(vocab, "topics", sorted(p.topics), lang), lang).lower()
    return text(rule, lang, level=level, levels=levels, topics=topics)


def _refusal_warnings(works: dict[str, _PhaseWork], by_id, vocab: Vocabulary, lang: str) -> list[dict]:
    out = []
    for phase, work in works.items():
        for id_, rule in work.refused:
            why = _rule_text(rule, work.plan, by_id[id_], vocab, lang)
            why = why[0].lower() + why[1:]
            message = text(
                "choice_refused",
                lang,
                instrument=by_id[id_].inst.label(lang),
                phase=vocab.label("phases", phase, lang),
                why=why,
            )
            code = RULE_CODES.get(rule, "instrumental_approach")
            out.append({"code": code, "severity": "info", "phase": phase, "message": message})
    return out


SUMMARY = {
    "nl": "{count} instrumenten in {phases} fasen. Geschatte kosten {cost}, {hours} ambtelijke uren.",
    "en": "{count} instruments in {phases} phases. Estimated cost {cost}, {hours} staff hours.",
}
SUMMARY_BLOCKER = {
    "nl": " Let op: er is een blokkerend punt; begin niet met participatie zoals gepland.",
    "en": " Note: there is a blocking issue; do not start participation as planned.",
}


def _summary(advice: dict, vocab: Vocabulary, lang: str) -> str:
    count = sum(len(p["instruments"]) for p in advice["phases"])
    est = advice["estimate"]
    hours = f"{est['staff_hours'][0]}–{est['staff_hours'][1]}"
    line = SUMMARY[lang].format(
        count=count, phases=len(advice["phases"]), cost=explain.euro_range(*est["cost_eur"], lang), hours=hours
    )
    if any(w["severity"] == "blocker" for w in advice["warnings"]):
        line += SUMMARY_BLOCKER[lang]
    return line
