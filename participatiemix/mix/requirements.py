"""'What does this approach ask of the municipality?' (the deck's third question).

The four headings of the deck: competences, preconditions, council and internal organisation. Case-derived
needs come first (they hold whatever the mix), then what each chosen instrument asks, without duplicates.
"""

from __future__ import annotations

from participatiemix.mix.case import Case
from participatiemix.mix.rules import HIGH_LEVELS, mandate_limited
from participatiemix.mix.scoring import Profile
from participatiemix.mix.vocabulary import Vocabulary

KINDS = ("competences", "preconditions", "council", "internal_organisation")

CASE_NEEDS: dict[str, dict[str, str]] = {
    "frames": {
        "nl": "Een startnotitie of raadsopdracht vóór de start: vraag, ruimte voor invloed, "
        "budget, termijn en wat vastligt.",
        "en": "A starting memo or council mandate before the start: question, room for "
        "influence, budget, time and what is fixed.",
    },
    "motivate": {
        "nl": "In het besluit uitleggen wie is betrokken, wat er met de inbreng is gedaan en waarom.",
        "en": "Explain in the decision who was involved, what was done with the input and why.",
    },
    "no_room": {
        "nl": "Eerlijk zeggen dat het besluit vastligt, en alleen invloed beloven op wat nog open is.",
        "en": "Say honestly that the decision is fixed, and only promise influence on what is still open.",
    },
    "shared": {
        "nl": "Schriftelijke afspraken met de andere partij(en) die meebeslissen over wat er met de inbreng gebeurt.",
        "en": "Written agreements with the other parties that share the decision on what happens with the input.",
    },
    "not_council": {
        "nl": "Afspraken tussen college en raad over wie beslist en hoe de raad wordt geïnformeerd.",
        "en": "Agreements between executive and council on who decides and how the council is informed.",
    },
    "delegate": {
        "nl": "Spelregels vooraf: waarover inwoners beslissen, binnen welke grenzen, en hoe de "
        "uitkomst wordt getoetst.",
        "en": "Rules set beforehand: what residents decide on, within which limits, and how the outcome is checked.",
    },
    "low_trust": {
        "nl": "Tijd en mensen voor persoonlijk contact: eerst luisteren naar zorgen, dan pas plannen.",
        "en": "Time and people for personal contact: listen to concerns first, plans come later.",
    },
    "polarised": {
        "nl": "Onafhankelijke gespreksleiding die met sterke tegenstellingen kan omgaan.",
        "en": "Independent facilitation that can handle strong disagreement.",
    },
    "b1": {
        "nl": "Alle teksten op taalniveau B1, met beeld; een tolk of sleutelpersoon voor wie "
        "weinig Nederlands spreekt.",
        "en": "All texts at language level B1, with images; an interpreter or key person for "
        "those who speak little Dutch.",
    },
    "online": {
        "nl": "Een toegankelijk online platform (WCAG 2.1 AA), een privacytoets (AVG) en hulp voor wie niet online is.",
        "en": "An accessible online platform (WCAG 2.1 AA), a privacy check (GDPR) and help "
        "for those who are not online.",
    },
    "vote": {
        "nl": "Spelregels voor de stemming vooraf bekend, en een controle dat iedereen één stem heeft.",
        "en": "Voting rules known beforehand, and a check that everyone has one vote.",
    },
    "feedback": {
        "nl": "Na elke fase terugkoppelen aan deelnemers; één vast aanspreekpunt voor het hele traject.",
        "en": "Report back to participants after every phase; one contact person for the whole process.",
    },
}


def _case_needs(case: Case, mix: dict[str, list[Profile]]) -> dict[str, list[str]]:
    chosen = [p for ps in mix.values() for p in ps]
    needs: dict[str, list[str]] = {kind: [] for kind in KINDS}
    if case.council.room == "open" and not case.council.frames_set:
        needs["council"].append("frames")
    if case.council.room == "none":
        needs["council"].append("no_room")
    needs["council"].append("motivate")
    if case.shared_mandate:
        needs["preconditions"].append("shared")
    if not case.council.decides:
        needs["preconditions"].append("not_council")
    if any(p.level in HIGH_LEVELS for p in case.phases) and not mandate_limited(case):
        needs["preconditions"].append("delegate")
    if any(p.inst.vote for p in chosen):
        needs["preconditions"].append("vote")
    if any(p.inst.online != "offline" for p in chosen):
        needs["preconditions"].append("online")
    if case.context.trust == "low":
        needs["competences"].append("low_trust")
    if case.context.polarisation == "high":
        needs["competences"].append("polarised")
    if {"low_literacy", "non_dutch_speakers"} & set(case.target_groups):
        needs["competences"].append("b1")
    if len(case.phases) > 1:
        needs["internal_organisation"].append("feedback")
    return needs


def requirements(case: Case, mix: dict[str, list[Profile]], vocab: Vocabulary, lang: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for kind, keys in _case_needs(case, mix).items():
        out[kind] = [CASE_NEEDS[key].get(lang, CASE_NEEDS[key]["nl"]) for key in keys]
    for phase in case.phases:
        for p in mix.get(phase.phase, []):
            for kind in KINDS:
                for item in getattr(p.inst.requirements, kind):
                    line = item.get(lang)
                    if line not in out[kind]:
                        out[kind].append(line)
    return out
