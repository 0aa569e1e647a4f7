"""Preconditions and warnings (CONTRACTS.md §2): raised whenever they apply, and never when they do not.

Preconditions follow the first gates of the ProDemos Afwegingskader and the OECD guidelines (DOMAIN.md §4):
is there room for influence, are frames set, does the promise fit the mandate, and are there money, time
and staff. Warnings name the problem and what to do about it, in plain language.
"""

from __future__ import annotations

from participatiemix.mix.case import Case
from participatiemix.mix.explain import euro, euro_range, group_list, join, level_label, text
from participatiemix.mix.rules import HIGH_LEVELS, forbidden, mandate_limited
from participatiemix.mix.scoring import Profile, level_kind
from participatiemix.mix.vocabulary import Vocabulary


def _phase_label(vocab: Vocabulary, phase: str, lang: str) -> str:
    return vocab.label("phases", phase, lang)


def _warning(code: str, severity: str, phase: str | None, message: str) -> dict:
    return {"code": code, "severity": severity, "phase": phase, "message": message}


def serves_case(p: Profile, case: Case, vocab: Vocabulary) -> bool:
    """Whether an instrument serves at least one phase of the case: its phase, a goal well, an honest level."""
    for plan in case.phases:
        if plan.phase not in p.phases or forbidden(p, plan, case, vocab):
            continue
        if not any(p.inst.goals.get(g, 0) >= 2 for g in plan.goals):
            continue
        kind, score = level_kind(p.ranks, vocab.level_rank(plan.level))
        if score > 0 and kind != "support":
            return True
    return False


def case_warnings(case: Case, vocab: Vocabulary, lang: str, starting: Profile | None) -> list[dict]:
    """Warnings that follow from the case itself, whatever the mix."""
    out = []
    if starting is not None and not serves_case(starting, case, vocab):
        message = text("w_instrumental", lang, instrument=starting.inst.label(lang))
        out.append(_warning("instrumental_approach", "warning", None, message))
    if case.council.room == "none":
        above = [p.phase for p in case.phases if p.level != "inform"]
        if above:
            names = join([_phase_label(vocab, ph, lang) for ph in above], lang)
            phase = above[0] if len(above) == 1 else None
            out.append(_warning("no_room_for_influence", "blocker", phase, text("w_no_room", lang, phases=names)))
    if mandate_limited(case):
        for plan in case.phases:
            if plan.level in HIGH_LEVELS:
                key = "w_mandate_shared" if case.shared_mandate else "w_mandate_council"
                message = text(
                    key,
                    lang,
                    phase=_phase_label(vocab, plan.phase, lang),
                    level=level_label(vocab, plan.level, lang).lower(),
                )
                out.append(_warning("promise_exceeds_mandate", "warning", plan.phase, message))
    if case.council.room == "open" and not case.council.frames_set:
        out.append(_warning("council_frames_missing", "warning", case.phases[0].phase, text("w_frames", lang)))
    return out


def _left_offline(case: Case, vocab: Vocabulary, chosen: list[Profile]) -> list[str]:
    """Targeted groups that online tools miss, left out of a phase whose mix relies on online formats."""
    offline_groups = [g for g in case.target_groups if g in vocab.offline_reliant_groups]
    if not offline_groups or not chosen:
        return []
    online = [p for p in chosen if p.inst.online == "online" or case.constraints.online_only]
    if not case.constraints.online_only and len(online) * 2 <= len(chosen):
        return []
    offline_reach = {g for p in chosen if p not in online for g in p.reaches}
    return [g for g in offline_groups if g not in offline_reach]


def mix_warnings(
    case: Case, vocab: Vocabulary, lang: str, mix: dict[str, list[Profile]], est: dict, coverage: dict
) -> list[dict]:
    """Warnings about the chosen mix: reach, digital exclusion and resources."""
    out = []
    for plan in case.phases:
        left_out = _left_offline(case, vocab, mix.get(plan.phase, []))
        if left_out:
            message = text(
                "w_digital", lang, phase=_phase_label(vocab, plan.phase, lang), groups=group_list(vocab, left_out, lang)
            )
            out.append(_warning("digital_exclusion", "warning", plan.phase, message))
    # A group the digital-exclusion warning already names gets no second warning about the same gap.
    explained = {g for plan in case.phases for g in _left_offline(case, vocab, mix.get(plan.phase, []))}
    groups = [
        _warning("target_group_not_reached", "warning", None, text("w_group", lang, group=group_list(vocab, [g], lang)))
        for g in coverage["uncovered"]
        if g not in explained
    ]
    out = groups + out
    limits = case.constraints
    # Money and hours: the likely estimate counts (the optimiser plans with it too), so the warning, the
    # precondition and the mix tell the same story. Time: the shortest schedule counts, in both places.
    if limits.budget_eur is not None and _likely(est, "cost") > limits.budget_eur:
        message = text("w_budget", lang, cost=euro(_likely(est, "cost"), lang), budget=euro(limits.budget_eur, lang))
        out.append(_warning("over_budget", "warning", None, message))
    if limits.weeks is not None and est["weeks_to_decision"][0] > limits.weeks:
        message = text("w_time", lang, need=est["weeks_to_decision"][0], weeks=f"{limits.weeks:g}")
        out.append(_warning("over_time", "warning", None, message))
    if limits.staff_hours is not None and _likely(est, "staff") > limits.staff_hours:
        message = text("w_capacity", lang, need=round(_likely(est, "staff")), hours=f"{limits.staff_hours:g}")
        out.append(_warning("over_capacity", "warning", None, message))
    return out


def _likely(est: dict, kind: str) -> float:
    """The likely money or hours of an estimate (`estimate.likely` per format; the middle for older estimates)."""
    key, range_key = ("cost_likely_eur", "cost_eur") if kind == "cost" else ("staff_hours_likely", "staff_hours")
    return est[key] if key in est else likely_cost(est[range_key])


def likely_cost(cost: list[float]) -> float:
    """The middle of a range: the likely cost when no estimate per format is known."""
    return (cost[0] + cost[1]) / 2


def _budget_precondition(cost: list[float], budget: float, lang: str, likely: float | None = None) -> dict:
    """Plain about the budget: whether the likely cost fits, and whether the upper end does. The over_budget
    warning fires exactly when the likely cost exceeds the budget, as this precondition then says too."""
    low, high = cost
    likely = likely_cost(cost) if likely is None else likely
    params = {
        "cost": euro_range(low, high, lang),
        "likely": euro(likely, lang),
        "budget": euro(budget, lang),
        "low": euro(low, lang),
        "high": euro(high, lang),
    }
    if low > budget:
        return {"id": "budget", "ok": False, "message": text("pre_budget_over", lang, **params)}
    if likely > budget:
        return {"id": "budget", "ok": False, "message": text("pre_budget_tight", lang, **params)}
    message = text("pre_budget_fits", lang, **params)
    if high > budget:
        message += text("pre_budget_upper", lang, **params)
    return {"id": "budget", "ok": True, "message": message}


def preconditions(case: Case, vocab: Vocabulary, lang: str, est: dict) -> list[dict]:
    room = case.council.room
    all_inform = all(p.level == "inform" for p in case.phases)
    out = []
    if room == "none":
        out.append(
            {
                "id": "room_for_influence",
                "ok": all_inform,
                "message": text("pre_room_inform" if all_inform else "pre_room_none", lang),
            }
        )
    else:
        out.append({"id": "room_for_influence", "ok": True, "message": text(f"pre_room_{room}", lang)})
    if room == "none":
        out.append({"id": "council_frames", "ok": True, "message": text("pre_frames_none", lang)})
    elif case.council.frames_set or room == "bounded":
        out.append({"id": "council_frames", "ok": True, "message": text("pre_frames_ok", lang)})
    else:
        out.append({"id": "council_frames", "ok": False, "message": text("pre_frames_missing", lang)})
    high = any(p.level in HIGH_LEVELS for p in case.phases)
    if case.shared_mandate:
        out.append({"id": "mandate", "ok": not high, "message": text("pre_mandate_shared", lang)})
    elif not case.council.decides:
        out.append({"id": "mandate", "ok": not high, "message": text("pre_mandate_not_council", lang)})
    else:
        out.append({"id": "mandate", "ok": True, "message": text("pre_mandate_ok", lang)})
    limits = case.constraints
    cost = euro_range(*est["cost_eur"], lang)
    if limits.budget_eur is None:
        out.append({"id": "budget", "ok": True, "message": text("pre_budget_unknown", lang, cost=cost)})
    else:
        out.append(_budget_precondition(est["cost_eur"], limits.budget_eur, lang, _likely(est, "cost")))
    need = est["weeks_to_decision"][0]
    if limits.weeks is None:
        out.append({"id": "time", "ok": True, "message": text("pre_time_unknown", lang, need=need)})
    else:
        message = text("pre_time", lang, need=need, weeks=f"{limits.weeks:g}")
        out.append({"id": "time", "ok": need <= limits.weeks, "message": message})
    hours = round(_likely(est, "staff"))
    if limits.staff_hours is None:
        out.append({"id": "capacity", "ok": True, "message": text("pre_staff_unknown", lang, need=hours)})
    else:
        message = text("pre_staff", lang, need=hours, hours=f"{limits.staff_hours:g}")
        out.append({"id": "capacity", "ok": hours <= limits.staff_hours, "message": message})
    return out
