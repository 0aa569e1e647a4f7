"""When the council (gemeenteraad) is at work in the process: its moments per phase, with a message.

Reasoned from the council's three roles under dualism (DOMAIN.md §1.2): it sets frames beforehand, hears
residents itself as their representative, decides and weighs, and afterwards checks and accounts. The
moment ids are those of CONTRACTS.md §2: set_frames, inform, hear, decide, account, evaluate.
"""

from __future__ import annotations

from participatiemix.mix.case import Case
from participatiemix.mix.explain import TEXTS, text
from participatiemix.mix.scoring import Profile
from participatiemix.mix.vocabulary import Vocabulary

MOMENT_ORDER = ("set_frames", "hear", "inform", "decide", "account", "evaluate")

TEXTS.update(
    {
        "c_frames_missing": {
            "nl": "Voor de start stelt de raad kaders: de vraag, de ruimte voor invloed per fase, budget, termijn, "
            "wat vastligt, en hoe hij de uitkomst zal wegen.",
            "en": "Before the start the council sets frames: the question, the room for influence per phase, "
            "budget, time, what is fixed, and how it will weigh the outcome.",
        },
        "c_frames_set": {
            "nl": "De raad bevestigt bij de start zijn kaders en maakt ze bekend aan de deelnemers: wat ligt vast, "
            "waarover gaat de inbreng, en hoe weegt de raad de uitkomst.",
            "en": "At the start the council confirms its frames and shares them with participants: what is fixed, "
            "what the input is about, and how the council will weigh the outcome.",
        },
        "c_frames_deliberative": {
            "nl": " Hij zegt vooraf toe op elk advies te reageren.",
            "en": " It commits beforehand to respond to each recommendation.",
        },
        "c_hear_start": {
            "nl": "Raadsleden horen zelf wat er leeft, bijvoorbeeld in een rondetafelgesprek of bij een werkbezoek. "
            "Zij luisteren en sturen de inhoud niet.",
            "en": "Councillors hear for themselves what matters to people, for example in a round-table hearing or "
            "on a working visit. They listen and do not steer the content.",
        },
        "c_hear_decision": {
            "nl": "Voor het besluit hoort de raad inwoners zelf (inspreken of rondetafelgesprek) en ontvangt hij "
            "het verslag van de participatie.",
            "en": "Before deciding, the council hears residents itself (right to speak or a round-table hearing) "
            "and receives the participation report.",
        },
        "c_hear_trust": {
            "nl": "Het vertrouwen is laag of de meningen zijn verdeeld. Raadsleden gaan zelf in gesprek met "
            "inwoners en direct betrokkenen, om zorgen te horen, niet om te overtuigen.",
            "en": "Trust is low or opinions are divided. Councillors talk with residents and those directly "
            "affected themselves, to hear concerns, not to persuade.",
        },
        "c_hear_instrument": {
            "nl": "De raad hoort inwoners zelf via {instrument}.",
            "en": "The council hears residents itself through {instrument}.",
        },
        "c_account_instrument": {
            "nl": "Raad en college leggen zelf verantwoording af via {instrument}: wat is er met de inbreng gedaan, "
            "wat niet, en waarom.",
            "en": "Council and executive account for the decision themselves through {instrument}: what was done "
            "with the input, what was not, and why.",
        },
        "c_inform_other": {
            "nl": "De raad beslist hier niet zelf. Het college houdt de raad op de hoogte van de inbreng, van "
            "het besluit en van wat ermee is gedaan, zodat de raad kan controleren.",
            "en": "The council does not decide here. The executive keeps the council informed of the input, the "
            "decision and what was done with it, so the council can scrutinise.",
        },
        "c_inform_interim": {
            "nl": "Het college geeft de raad een tussenstand: wie deed mee, wat kwam eruit, "
            "en wat is de volgende stap.",
            "en": "The executive gives the council an interim update: who took part, what came out, and what is next.",
        },
        "c_decide": {
            "nl": "De raad besluit. Hij weegt de inbreng naast het algemeen belang en de stemmen die ontbraken, en "
            "legt uit wat hij met de inbreng deed.",
            "en": "The council decides. It weighs the input against the general interest and the voices that were "
            "missing, and explains what it did with the input.",
        },
        "c_decide_delegated": {
            "nl": "De raad heeft vooraf vastgelegd dat hij de uitkomst overneemt na een toets aan de kaders; hij "
            "bekrachtigt het resultaat.",
            "en": "The council agreed beforehand to adopt the outcome after a check against the frames; it "
            "confirms the result.",
        },
        "c_decide_agenda": {
            "nl": "De raad besluit welke voorstellen hij overneemt, en hoe, en zegt dat openlijk.",
            "en": "The council decides which proposals it takes up, and how, and says so openly.",
        },
        "c_account": {
            "nl": "Terugkoppeling: laat iedere deelnemer weten wat er met de inbreng is gedaan, en waarom iets "
            "niet is overgenomen.",
            "en": "Report back: tell every participant what was done with the input, and why something was not "
            "adopted.",
        },
        "c_account_implementation": {
            "nl": "De raad controleert de uitvoering: loopt het volgens de afspraken, binnen budget, en wie doet mee?",
            "en": "The council checks the implementation: does it follow the agreements, stay within budget, and "
            "who takes part?",
        },
        "c_evaluate": {
            "nl": "De raad evalueert het proces met de deelnemers: was de belofte helder, is die waargemaakt, en "
            "wie ontbrak? De lessen gaan naar de participatieverordening.",
            "en": "The council evaluates the process with participants: was the promise clear, was it kept, and "
            "who was missing? The lessons feed into the participation ordinance.",
        },
    }
)


def council_moments(case: Case, mix: dict[str, list[Profile]], vocab: Vocabulary, lang: str) -> list[dict]:
    phases = [p.phase for p in case.phases]
    first, last = phases[0], phases[-1]
    before_impl = [p for p in phases if p in ("agenda_setting", "policy_preparation", "decision_making")]
    decision_at = "decision_making" if "decision_making" in phases else (before_impl[-1] if before_impl else first)
    room = case.council.room
    moments: list[tuple[str, str, str]] = []

    def add(phase: str, moment: str, message: str) -> None:
        if (phase, moment) not in {(p, m) for p, m, _ in moments}:
            moments.append((phase, moment, message))

    if room != "none":
        key = "c_frames_set" if case.council.frames_set else "c_frames_missing"
        message = text(key, lang)
        if any("deliberative" in p.inst.democracy_forms for ps in mix.values() for p in ps):
            message += text("c_frames_deliberative", lang)
        add(first, "set_frames", message)

    if case.context.trust == "low" or case.context.polarisation == "high":
        add(first, "hear", text("c_hear_trust", lang))
    if "agenda_setting" in phases and room != "none":
        add("agenda_setting", "hear", text("c_hear_start", lang))
    # Before its own decision the council hears residents itself; that general moment comes first, so a meeting
    # in the decision phase that reports back to residents is not taken for the council's hearing.
    if "decision_making" in phases and case.council.decides and room != "none":
        add("decision_making", "hear", text("c_hear_decision", lang))
    # A format with a representative side is a hearing only where the council listens before it weighs and
    # decides (a round table, the right to speak, a working visit, a meeting it attends as listener). A report-back
    # evening comes after the decision: there the council accounts for what it did, it does not hear.
    accounts: list[tuple[str, Profile]] = []
    for phase, chosen in mix.items():
        for p in chosen:
            if "representative" not in p.inst.democracy_forms:
                continue
            if p.inform_role == "account":
                accounts.append((phase, p))
            else:
                add(phase, "hear", text("c_hear_instrument", lang, instrument=p.inst.label(lang)))

    if not case.council.decides or case.shared_mandate or room == "none":
        add(decision_at, "inform", text("c_inform_other", lang))
    elif len(phases) >= 3:
        middle = [p for p in phases[1:-1] if p != decision_at]
        if middle:
            add(middle[0], "inform", text("c_inform_interim", lang))

    if case.council.decides and room != "none" and phases != ["evaluation"]:
        plan = case.phase(decision_at)
        if plan is not None and plan.level in ("co_decide", "self_govern"):
            add(decision_at, "decide", text("c_decide_delegated", lang))
        elif decision_at == "agenda_setting":
            add(decision_at, "decide", text("c_decide_agenda", lang))
        else:
            add(decision_at, "decide", text("c_decide", lang))

    for phase, p in accounts:
        own = text("c_account_instrument", lang, instrument=p.inst.label(lang))
        add(phase, "account", text("c_account", lang) + " " + own if phase == decision_at else own)
    add(decision_at, "account", text("c_account", lang))
    if "implementation" in phases:
        add("implementation", "account", text("c_account_implementation", lang))
    add("evaluation" if "evaluation" in phases else last, "evaluate", text("c_evaluate", lang))

    moments.sort(key=lambda m: (phases.index(m[0]), MOMENT_ORDER.index(m[1])))
    return [{"phase": phase, "moment": moment, "message": message} for phase, moment, message in moments]
