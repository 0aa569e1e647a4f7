"""Hard rules: instruments that must never be recommended in a situation, with the reason why.

These are not matters of taste but of honesty towards participants (DOMAIN.md §2, §4.1, §5):
no vote where residents cannot (co-)decide or the council has no say, no influence promised on a decision
already taken, no promise beyond what the phase or the mandate can keep, no format the case rules out.
Each rule returns a text key from `explain.py`; None means the instrument is allowed.
"""

from __future__ import annotations

from participatiemix.mix.case import Case, PhasePlan
from participatiemix.mix.scoring import Profile, level_kind
from participatiemix.mix.topics import case_topics, fits_topics
from participatiemix.mix.vocabulary import Vocabulary

HIGH_LEVELS = {"co_decide", "self_govern"}


def mandate_limited(case: Case) -> bool:
    """The council does not take this decision alone (another body decides or shares it)."""
    return not case.council.decides or case.shared_mandate


def forbidden(
    p: Profile, plan: PhasePlan, case: Case, vocab: Vocabulary, topics: frozenset[str] | None = None
) -> str | None:
    """The rule that keeps `p` out of phase `plan`, or None. `topics`: the case's topics when already known."""
    inst = p.inst
    room = case.council.room
    if case.constraints.online_only and inst.online == "offline":
        return "rule_offline"
    # A format made for one subject (energy coaches, experience experts) does not fit another question.
    if p.topics and not fits_topics(p.topics, case_topics(case, vocab) if topics is None else topics):
        return "rule_topic"
    if inst.vote:
        if room == "none":
            return "rule_vote_no_room"
        if mandate_limited(case):
            return "rule_vote_mandate"
        if "share_decision" not in plan.goals:
            return "rule_vote_no_choice"
    if room == "none":
        # A drawn assembly advising on a decision already taken, or a hearing on it, promises influence
        # that does not exist (OECD 2022: only involve citizens when there is room to influence).
        if inst.selection[0] == "sortition" and "deliberative" in inst.democracy_forms:
            return "rule_minipublic_no_room"
        if p.phases == {"decision_making"}:
            return "rule_hearing_no_room"
    # A report-back evening is the council accounting for a decision: in the decision phase it would take a place
    # beside the council's hearing and the information meeting. It belongs to the first phase after the decision,
    # and only at the end of the decision phase when no phase follows.
    if p.inform_role == "account" and plan.phase == "decision_making" and _phase_after_decision(case):
        return "rule_account_later"
    target = vocab.level_rank(plan.level)
    if level_kind(p.ranks, target)[1] == 0:
        return "rule_level_high"
    # An instrument that only works at co-decision or self-government promises what the council cannot
    # give when it does not decide alone, unless the phase itself makes that promise (then a warning says so).
    if mandate_limited(case) and min(p.ranks) >= vocab.level_rank("co_decide") and plan.level not in HIGH_LEVELS:
        return "rule_beyond_mandate"
    if not case.constraints.online_only and inst.online == "online":
        groups = set(case.target_groups)
        if groups and groups <= set(vocab.offline_reliant_groups) | (p.misses - p.reaches):
            return "rule_online_unreachable"
    return None


def _phase_after_decision(case: Case) -> bool:
    return any(p.phase in ("implementation", "evaluation") for p in case.phases)
