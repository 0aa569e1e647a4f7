"""Plain-language texts of the advice (Dutch B1 first, English second).

Every sentence the advisor shows lives here, keyed by a short id, so the reasoning modules stay free of
wording and both languages stay in step. Texts use vocabulary labels, never raw ids.
"""

from __future__ import annotations

from collections.abc import Iterable

from participatiemix.mix.vocabulary import Vocabulary

TEXTS: dict[str, dict[str, str]] = {
    # --- reasons why an instrument fits -----------------------------------------------------------
    "goal_exact": {
        "nl": "Past bij {goals} op de trede {level}",
        "en": "Serves {goals} at the level {level}",
    },
    "goal_partial": {
        "nl": "Past bij {goals}; de trede {level} past deels (dit instrument werkt op {levels})",
        "en": "Serves {goals}; the level {level} fits in part (this instrument works at {levels})",
    },
    "goal_support": {
        "nl": "Ondersteunt {goals}; werkt zelf op {levels}, dus een ander instrument houdt de belofte ({level})",
        "en": "Supports {goals}; works at {levels} itself, so another instrument keeps the promise ({level})",
    },
    "goal_honest": {
        "nl": "Past bij {goals}: het besluit is al genomen, dus eerlijk informeren past altijd",
        "en": "Serves {goals}: the decision has been taken, so honest informing always fits",
    },
    "report_back": {
        "nl": "Laat vóór het besluit zien wat er met de inbreng is gedaan; zo houdt u de belofte van deze fase",
        "en": "Shows before the decision what was done with the input; that is how you keep this phase's promise",
    },
    "reaches": {"nl": "Bereikt {groups}", "en": "Reaches {groups}"},
    "sortition": {
        "nl": "Loting bereikt ook inwoners die zelden meedoen",
        "en": "Drawing lots also reaches residents who rarely take part",
    },
    "low_trust": {
        "nl": "Werkt goed als het vertrouwen in de gemeente laag is",
        "en": "Works well when trust in the municipality is low",
    },
    "high_polarisation": {
        "nl": "Helpt als de meningen sterk verdeeld zijn",
        "en": "Helps when opinions are strongly divided",
    },
    "complements": {
        "nl": "Vult de mix aan: bereikt {groups}, die de andere instrumenten in deze fase missen",
        "en": "Completes the mix: reaches {groups}, whom the other instruments in this phase miss",
    },
    "starting": {
        "nl": "U had dit instrument al in gedachten, en het past bij de doelen van deze fase",
        "en": "You already had this instrument in mind, and it serves this phase's goals",
    },
    "named": {
        "nl": "De casus noemt dit zelf (het bestaat al of is gekozen), en het past bij deze fase",
        "en": "The case names this itself (it exists or was chosen), and it fits this phase",
    },
    "chosen": {"nl": "U heeft dit instrument zelf gekozen", "en": "You chose this instrument yourself"},
    "online_fit": {
        "nl": "Kan online worden uitgevoerd, zoals de casus vraagt",
        "en": "Can be run online, as the case requires",
    },
    "place": {
        "nl": "Houd dit in elke wijk of kern, dicht bij waar mensen wonen",
        "en": "Hold this in every district or village, close to where people live",
    },
    "scale_smaller": {
        "nl": "Werkt op kleinere schaal ({scales}); herhaal het per wijk of kern",
        "en": "Works at a smaller scale ({scales}); repeat it per district or village",
    },
    "scale_larger": {
        "nl": "Let op: is bedoeld voor een grotere schaal ({scales}); houd het in verhouding",
        "en": "Note: meant for a larger scale ({scales}); keep it in proportion",
    },
    # --- why an alternative was not chosen ---------------------------------------------------------
    "why_excluded": {"nl": "U heeft dit instrument weggehaald", "en": "You removed this instrument"},
    "why_budget": {"nl": "Past niet binnen het budget", "en": "Does not fit the budget"},
    "richer_groups": {
        "nl": "Bereikt ook {groups}, die de mix in deze fase nu mist.",
        "en": "Also reaches {groups}, whom the mix in this phase now misses.",
    },
    "richer_goals": {
        "nl": "Werkt beter aan {goals} dan de werkvormen die nu gekozen zijn.",
        "en": "Serves {goals} better than the formats chosen now.",
    },
    "richer_fit": {
        "nl": "Past beter bij de doelen en de belofte van deze fase dan de lichtste werkvorm die nu gekozen is.",
        "en": "Fits the goals and promise of this phase better than the lightest format chosen now.",
    },
    "richer_means": {
        "nl": "Kost waarschijnlijk ongeveer {cost} en {hours} ambtelijke uren extra.",
        "en": "Most likely costs about {cost} and {hours} staff hours more.",
    },
    "why_time": {
        "nl": "Vraagt meer voorbereidingstijd dan er tot het besluit is",
        "en": "Needs more preparation time than there is until the decision",
    },
    "why_staff": {"nl": "Vraagt meer ambtelijke uren dan er zijn", "en": "Needs more staff hours than are available"},
    "why_misses": {"nl": "Bereikt geen {groups}", "en": "Does not reach {groups}"},
    "why_goals": {
        "nl": "Scoort lager op de doelen van deze fase",
        "en": "Scores lower on this phase's goals",
    },
    "why_level": {
        "nl": "Past minder goed bij de trede {level}",
        "en": "Fits the level {level} less well",
    },
    "why_groups": {
        "nl": "Scoort lager op het bereik van de doelgroepen",
        "en": "Scores lower on reaching the target groups",
    },
    "why_redundant": {
        "nl": "Voegt weinig toe: de gekozen instrumenten dekken dezelfde doelen en groepen al",
        "en": "Adds little: the chosen instruments already cover the same goals and groups",
    },
    "why_scale": {
        "nl": "Past minder goed bij de schaal {scale}",
        "en": "Fits the scale {scale} less well",
    },
    # --- why an instrument must not be used (rules) ---------------------------------------------
    "rule_offline": {
        "nl": "Kan niet online, en de casus staat alleen online werkvormen toe",
        "en": "Cannot be run online, and the case allows online formats only",
    },
    "rule_vote_no_room": {
        "nl": "Een stemming wekt valse verwachtingen: het besluit is al genomen",
        "en": "A vote raises false expectations: the decision has already been taken",
    },
    "rule_vote_mandate": {
        "nl": "Een stemming past niet: de gemeente(raad) neemt dit besluit niet (alleen)",
        "en": "A vote does not fit: the council does not take this decision (alone)",
    },
    "rule_vote_no_choice": {
        "nl": "Een stemming past alleen als inwoners echt (mee)beslissen; dat is in deze fase niet het doel",
        "en": "A vote only fits when residents really (co-)decide; that is not the goal in this phase",
    },
    "rule_minipublic_no_room": {
        "nl": "Een geloot beraad over een besluit dat al genomen is, wekt valse verwachtingen en is duur",
        "en": "A randomly selected assembly on a decision already taken raises false expectations and is costly",
    },
    "rule_hearing_no_room": {
        "nl": "Inspraak op een besluit dat al genomen is, suggereert invloed die er niet is",
        "en": "A hearing on a decision already taken suggests influence that does not exist",
    },
    "rule_account_later": {
        "nl": "Een terugkoppelavond komt na het besluit. Zet hem in de fase daarna; de raad legt daar "
        "verantwoording af",
        "en": "A report-back evening comes after the decision. Hold it in the next phase; the council accounts "
        "for its decision there",
    },
    "rule_level_low": {
        "nl": "Kan de belofte van de trede {level} niet waarmaken (werkt op {levels})",
        "en": "Cannot keep the promise of the level {level} (works at {levels})",
    },
    "rule_level_high": {
        "nl": "Belooft meer invloed ({levels}) dan deze fase biedt ({level})",
        "en": "Promises more influence ({levels}) than this phase offers ({level})",
    },
    "rule_beyond_mandate": {
        "nl": "Belooft meebeslissen of zelfbeheer, maar de raad beslist hier niet (alleen) zelf",
        "en": "Promises co-decision or self-government, but the council does not decide this (alone)",
    },
    "rule_topic": {
        "nl": "Is gemaakt voor een ander onderwerp ({topics}) dan deze vraag",
        "en": "Is made for another subject ({topics}) than this question",
    },
    "rule_online_unreachable": {
        "nl": "Werkt alleen online, en de doelgroepen zijn online moeilijk te bereiken",
        "en": "Works online only, and the target groups are hard to reach online",
    },
    # --- refused choices -------------------------------------------------------------------------
    "choice_refused": {
        "nl": "U koos {instrument} voor de fase {phase}, maar dat instrument is hier niet geschikt: {why}.",
        "en": "You chose {instrument} for the phase {phase}, but it does not fit here: {why}.",
    },
    # --- preconditions ---------------------------------------------------------------------------
    "pre_room_open": {
        "nl": "Er is ruimte voor invloed: het besluit ligt nog open.",
        "en": "There is room for influence: the decision is still open.",
    },
    "pre_room_bounded": {
        "nl": "Er is ruimte voor invloed, binnen de kaders die de raad heeft gesteld.",
        "en": "There is room for influence, within the frames the council has set.",
    },
    "pre_room_inform": {
        "nl": "Het besluit is al genomen. U belooft alleen informeren; dat is eerlijk.",
        "en": "The decision has been taken. You only promise to inform; that is honest.",
    },
    "pre_room_none": {
        "nl": "Het besluit is al genomen. Over het besluit zelf is alleen informeren eerlijk. Begin geen "
        "participatie boven informeren, tenzij er een deel is waarover inwoners echt kunnen meepraten "
        "(bijvoorbeeld de uitvoering of een fonds); maak dat deel dan vooraf duidelijk.",
        "en": "The decision has been taken. On the decision itself only informing is honest. Do not start "
        "participation beyond informing, unless there is a part residents can really influence (for example "
        "the implementation or a fund); make that part clear beforehand.",
    },
    "pre_frames_ok": {
        "nl": "De raad heeft kaders gesteld. Maak ze bij de start bekend aan de deelnemers.",
        "en": "The council has set frames. Share them with participants at the start.",
    },
    "pre_frames_missing": {
        "nl": "De raad heeft nog geen kaders gesteld. Laat de raad vóór de start vastleggen: de vraag, de "
        "ruimte voor invloed, budget, tijd en wat vastligt.",
        "en": "The council has not set frames yet. Before the start, let the council fix the question, the "
        "room for influence, budget, time and what is fixed.",
    },
    "pre_frames_none": {
        "nl": "Er zijn geen nieuwe kaders te stellen: het besluit ligt vast.",
        "en": "There are no new frames to set: the decision is fixed.",
    },
    "pre_mandate_ok": {
        "nl": "De raad neemt het besluit zelf; de beloften passen binnen dat mandaat.",
        "en": "The council takes the decision itself; the promises fit that mandate.",
    },
    "pre_mandate_shared": {
        "nl": "Een deel van het besluit ligt bij een andere partij. Maak vooraf afspraken met die partij "
        "over wat er met de inbreng gebeurt.",
        "en": "Part of the decision lies with another party. Agree beforehand with that party what happens "
        "with the input.",
    },
    "pre_mandate_not_council": {
        "nl": "De raad neemt het eindbesluit niet (college, burgemeester of een andere overheid doet dat). "
        "Beloof niet meer dan die partij kan waarmaken.",
        "en": "The council does not take the final decision (the executive, mayor or another authority "
        "does). Do not promise more than that party can deliver.",
    },
    "pre_budget": {
        "nl": "Budget: de mix kost naar schatting {cost}; beschikbaar is {budget}.",
        "en": "Budget: the mix costs an estimated {cost}; available is {budget}.",
    },
    "pre_budget_fits": {
        "nl": "Budget: de mix kost naar schatting {cost}, waarschijnlijk ongeveer {likely}. Dat past binnen het "
        "budget van {budget}.",
        "en": "Budget: the mix costs an estimated {cost}, most likely about {likely}. That fits the budget of "
        "{budget}.",
    },
    "pre_budget_upper": {
        "nl": " Valt het duur uit (tot {high}), dan is het budget niet genoeg.",
        "en": " If it turns out expensive (up to {high}), the budget is not enough.",
    },
    "pre_budget_tight": {
        "nl": "Budget: de mix kost naar schatting {cost}, waarschijnlijk ongeveer {likely}. Dat is meer dan het "
        "budget van {budget}. Het past alleen als u elke werkvorm zo eenvoudig mogelijk uitvoert. Maak extra "
        "geld vrij, of kies minder of lichtere werkvormen.",
        "en": "Budget: the mix costs an estimated {cost}, most likely about {likely}. That is more than the "
        "budget of {budget}. It only fits if you run every format as simply as possible. Find more money, or "
        "choose fewer or lighter formats.",
    },
    "pre_budget_over": {
        "nl": "Budget: zelfs de eenvoudigste uitvoering kost {low}, meer dan het budget van {budget}.",
        "en": "Budget: even the simplest way to run the mix costs {low}, more than the budget of {budget}.",
    },
    "pre_budget_unknown": {
        "nl": "Er is geen budget opgegeven. De mix kost naar schatting {cost}.",
        "en": "No budget was given. The mix costs an estimated {cost}.",
    },
    "pre_time": {
        "nl": "Tijd: tot het besluit zijn minstens {need} weken nodig; beschikbaar is {weeks} weken.",
        "en": "Time: at least {need} weeks are needed until the decision; {weeks} weeks are available.",
    },
    "pre_time_unknown": {
        "nl": "Er is geen termijn opgegeven. Tot het besluit zijn minstens {need} weken nodig.",
        "en": "No time limit was given. At least {need} weeks are needed until the decision.",
    },
    "pre_staff": {
        "nl": "Capaciteit: de mix vraagt naar schatting {need} ambtelijke uren; beschikbaar is {hours} uur.",
        "en": "Capacity: the mix needs an estimated {need} staff hours; {hours} hours are available.",
    },
    "pre_staff_unknown": {
        "nl": "Er is geen ambtelijke capaciteit opgegeven. De mix vraagt naar schatting {need} uur.",
        "en": "No staff capacity was given. The mix needs an estimated {need} hours.",
    },
    # --- warnings --------------------------------------------------------------------------------
    "w_instrumental": {
        "nl": "U begint bij het instrument {instrument}, maar dat past niet bij de doelen, fasen of treden "
        "van deze casus. Denk eerst in doelen per fase en kies daarna pas instrumenten.",
        "en": "You start from the instrument {instrument}, but it does not serve this case's goals, phases or "
        "levels. Think in goals per phase first, and only then choose instruments.",
    },
    "w_no_room": {
        "nl": "Het besluit is al genomen, maar {phases} belooft meer dan informeren. Dat wekt valse "
        "verwachtingen. Beloof alleen invloed op wat nog open ligt, of beperk u tot eerlijk informeren.",
        "en": "The decision has been taken, but {phases} promises more than informing. That raises false "
        "expectations. Only promise influence on what is still open, or limit yourself to honest informing.",
    },
    "w_mandate_shared": {
        "nl": "De fase {phase} belooft {level}, maar een deel van het besluit ligt bij een andere partij. "
        "Leg vooraf schriftelijk vast wat die partij met de uitkomst doet.",
        "en": "The phase {phase} promises {level}, but part of the decision lies with another party. Agree in "
        "writing beforehand what that party will do with the outcome.",
    },
    "w_mandate_council": {
        "nl": "De fase {phase} belooft {level}, maar de raad neemt het besluit niet zelf. Beloof alleen wat "
        "de partij die beslist, kan en wil waarmaken.",
        "en": "The phase {phase} promises {level}, but the council does not take the decision itself. Only "
        "promise what the deciding party can and will deliver.",
    },
    "w_frames": {
        "nl": "De raad heeft nog geen kaders gesteld, terwijl de ruimte open is. Laat de raad vóór de start "
        "de vraag, de ruimte voor invloed, het budget en de termijn vastleggen, en zeggen hoe hij de "
        "uitkomst weegt.",
        "en": "The council has set no frames while the room is open. Before the start, let the council fix "
        "the question, the room for influence, the budget and the time, and say how it will weigh the outcome.",
    },
    "w_group": {
        "nl": "Geen instrument in de mix bereikt {group}. Voeg een werkvorm toe die deze groep opzoekt.",
        "en": "No instrument in the mix reaches {group}. Add a format that seeks out this group.",
    },
    "w_digital": {
        "nl": "De mix in de fase {phase} leunt op online werkvormen, terwijl u ook {groups} wilt bereiken. "
        "Zorg voor een telefoonlijn, hulp aan huis of een plek om langs te komen.",
        "en": "The mix in the phase {phase} relies on online formats, while you also want to reach {groups}. "
        "Provide a phone line, help at home or a place to drop in.",
    },
    "w_budget": {
        "nl": "De mix kost waarschijnlijk ongeveer {cost}. Dat is meer dan het budget van {budget}. Een kleinere "
        "mix die elke fase goed dekt, past niet. Maak extra geld vrij, of voer elke werkvorm zo eenvoudig "
        "mogelijk uit.",
        "en": "The mix most likely costs about {cost}. That is more than the budget of {budget}. No smaller mix "
        "that covers every phase well fits. Find more money, or run every format as simply as possible.",
    },
    "w_time": {
        "nl": "Tot het besluit zijn minstens {need} weken nodig, meer dan de {weeks} weken die er zijn. "
        "Neem meer tijd of kies werkvormen met minder voorbereiding.",
        "en": "At least {need} weeks are needed until the decision, more than the {weeks} weeks available. "
        "Take more time or choose formats that need less preparation.",
    },
    "w_capacity": {
        "nl": "De mix vraagt waarschijnlijk ongeveer {need} ambtelijke uren. Dat is meer dan de {hours} uur die "
        "er zijn. Een kleinere mix die elke fase goed dekt, past niet. Zorg voor meer capaciteit, of voer elke "
        "werkvorm zo eenvoudig mogelijk uit.",
        "en": "The mix most likely needs about {need} staff hours. That is more than the {hours} hours "
        "available. No smaller mix that covers every phase well fits. Add capacity, or run every format as "
        "simply as possible.",
    },
    "w_empty_phase": {
        "nl": "Voor de fase {phase} past geen enkel instrument uit de catalogus bij de doelen en de trede.",
        "en": "For the phase {phase} no instrument in the catalogue fits the goals and the level.",
    },
}


def text(key: str, lang: str = "nl", **params: object) -> str:
    entry = TEXTS[key]
    return entry.get(lang, entry["nl"]).format(**params)


def join(items: Iterable[str], lang: str = "nl") -> str:
    """'a, b en c' / 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    word = " and " if lang == "en" else " en "
    return ", ".join(items[:-1]) + word + items[-1]


def labels(vocab: Vocabulary, section: str, ids: Iterable[str], lang: str = "nl") -> list[str]:
    return [vocab.label(section, i, lang) for i in ids]


def group_list(vocab: Vocabulary, ids: Iterable[str], lang: str = "nl") -> str:
    """Target groups in running text: 'jongeren en ouderen' (lower case after the first word)."""
    names = labels(vocab, "target_groups", ids, lang)
    if lang != "en":
        names = [n[0].lower() + n[1:] if n else n for n in names]
    return join(names, lang)


def goal_phrase(vocab: Vocabulary, ids: list[str], lang: str = "nl") -> str:
    """ "het doel 'X'" or "de doelen 'X' en 'Y'" ("the goal 'X'" / "the goals 'X' and 'Y'")."""
    names = join([f"'{vocab.label('goals', g, lang)}'" for g in ids], lang)
    if lang == "en":
        return f"the goal{'s' if len(ids) > 1 else ''} {names}"
    return f"{'de doelen' if len(ids) > 1 else 'het doel'} {names}"


def level_label(vocab: Vocabulary, level: str, lang: str = "nl") -> str:
    return vocab.label("levels", level, lang)


def euro(amount: float, lang: str = "nl") -> str:
    # A no-break space keeps the euro sign on the same line as the amount.
    whole = f"{round(amount):,}"
    return f"€\u00a0{whole.replace(',', '.')}" if lang != "en" else f"€\u00a0{whole}"


def euro_range(low: float, high: float, lang: str = "nl") -> str:
    word = "to" if lang == "en" else "tot"
    return f"{euro(low, lang)} {word} {euro(high, lang)}"
