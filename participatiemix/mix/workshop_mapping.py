"""From a werksessie group's notes to a draft case: recognise goals, phases, levels, target groups and
instruments, and say plainly which notes could not be placed.

Pure Python. Matching is on word starts in accent-free lower case, so "huurders", "Huurder" and
"huurdersvereniging" all find *huurder*, while "raad" does not fire inside "draad". Sources, in order:
the vocabulary labels (nl and en), the catalogue's instrument names, and a synonym list for the words
groups actually write on a flip-over. A note that names nothing is *unmapped*: it is listed for the
facilitator, never silently dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from participatiemix.mix.vocabulary import Vocabulary, load_vocabulary

SECTIONS = ("phases", "goals", "levels", "target_groups", "instruments")

# Words groups write, per section and id. Stems match at a word start ("jongere" finds "jongeren").
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "phases": {
        "agenda_setting": (
            "agendavorming",
            "agenderen",
            "agenda",
            "verkenning",
            "verkennen",
            "orientatie",
            "startfase",
        ),
        "policy_preparation": (
            "beleidsvoorbereiding",
            "voorbereiding",
            "planvorming",
            "uitwerking",
            "uitwerken",
            "wijkuitvoeringsplan",
            "ontwerpfase",
        ),
        "decision_making": ("besluitvorming", "besluit", "raadsbesluit", "keuzemoment", "beslismoment"),
        "implementation": ("uitvoering", "uitvoeren", "realisatie", "aanleg", "ombouw"),
        "evaluation": ("evaluatie", "evalueren", "terugblik", "monitoring"),
    },
    "goals": {
        "inform_residents": ("informeren", "voorlichting", "voorlichten", "uitleggen", "uitleg"),
        "gather_knowledge": ("ideeen", "kennis", "ophalen", "input", "inbreng", "meedenken"),
        "identify_issues": ("wat er leeft", "signaleren", "zorgen", "behoeften", "wensen", "in beeld brengen"),
        "improve_quality": ("kwaliteit", "betere plannen", "beter beleid"),
        "weigh_options": ("afwegen", "afweging", "opties", "keuzes maken", "dilemma", "belangen"),
        "build_support": ("draagvlak", "acceptatie", "ja zeggen"),
        "strengthen_trust": ("vertrouwen", "legitimiteit", "geloofwaardig"),
        "share_decision": ("meebeslissen", "laten beslissen", "zeggenschap", "medezeggenschap"),
        "stimulate_initiative": ("initiatief", "bewonersinitiatief", "eigen kracht", "cooperatie"),
        "strengthen_community": ("gemeenschap", "netwerk", "samenhang", "buurtkracht", "saamhorigheid"),
        "monitor_evaluate": ("evalueren", "evaluatie", "monitoren", "leren van"),
    },
    "levels": {
        "inform": ("informeren", "voorlichten"),
        "consult": ("raadplegen", "consulteren", "meepraten", "mening vragen"),
        "advise": ("adviseren", "advies", "adviseert", "meedenken"),
        "coproduce": ("coproduceren", "coproductie", "cocreatie", "co-creatie", "samen maken", "samen ontwerpen"),
        "co_decide": ("meebeslissen", "laten beslissen", "zeggenschap"),
        "self_govern": ("zelfbeheer", "zelf regelen", "zelfsturing"),
    },
    "target_groups": {
        "all_residents": ("alle inwoners", "alle bewoners", "iedereen", "hele kern", "hele wijk", "hele gemeente"),
        "active_residents": ("actieve bewoners", "actieve inwoners", "koplopers", "initiatiefnemers"),
        "directly_affected": ("direct betrokkenen", "omwonenden", "betrokken bewoners"),
        "homeowners": ("woningeigenaren", "huiseigenaren", "eigenaren", "eigenaar", "vve"),
        "tenants": ("huurders", "huurdersvereniging", "huurder"),
        "youth": ("jongeren", "jongere", "jeugd", "scholieren", "studenten", "scholen", "school", "jongerenwerk"),
        "elderly": ("ouderen", "senioren", "oudere"),
        "low_literacy": ("laaggeletterd", "laaggeletterden", "moeite met lezen", "eenvoudige taal"),
        "non_dutch_speakers": ("anderstalig", "anderstaligen", "statushouders", "nieuwkomers", "vertaald"),
        "disabilities": ("beperking", "beperkingen", "handicap", "gehandicapten", "mindervaliden"),
        "disengaged": ("afhakers", "moeilijk bereikbaar", "stille groep", "niet digitaal"),
        "entrepreneurs": ("ondernemers", "ondernemer", "bedrijven", "winkeliers", "mkb"),
        "organisations": (
            "organisaties",
            "verenigingen",
            "vereniging",
            "corporatie",
            "woningcorporatie",
            "dorpsbelangen",
            "netbeheerder",
        ),
    },
    "instruments": {
        "enquete": ("enquete", "vragenlijst", "survey"),
        "referendum": ("referendum", "referenda"),
        "burgerberaad": ("burgerberaad", "gelote", "geloot", "loting", "burgerjury"),
        # Not a bare "panel": "panel van mensen met een beperking" is a group of ervaringsdeskundigen, not a
        # standing panel of residents who answer surveys.
        "burgerpanel": ("burgerpanel", "inwonerspanel", "bewonerspanel", "online panel", "digitaal panel"),
        "informatiebijeenkomst": (
            "informatiebijeenkomst",
            "informatieavond",
            "voorlichtingsavond",
            "bewonersavond",
            "infoavond",
        ),
        "inspraakavond": ("inspraakavond", "inspraak", "hoorzitting"),
        "wijkgesprek": ("wijkgesprek", "stadsgesprek", "dorpsgesprek", "buurtgesprek", "gesprekken per straat"),
        "keukentafelgesprek": ("keukentafel", "huisbezoek", "thuis bezoeken", "aan de deur", "deur langs"),
        "klankbordgroep": ("klankbordgroep", "klankbord"),
        "focusgroep": ("focusgroep",),
        "ontwerpatelier": ("ontwerpatelier", "atelier", "cocreatiesessie", "co-creatiesessie", "werksessie"),
        "burgertop": ("burgertop", "g1000"),
        "wijkraad": ("wijkraad", "dorpsraad", "buurtraad"),
        "online_forum": ("forum",),
        "online_agenderen": ("online agenderen",),
        "crowdsourcing": ("crowdsourc",),
        "burgerbegroting": ("burgerbegroting",),
        "right_to_challenge": ("right to challenge", "uitdaagrecht"),
        "jongerenraad": ("jongerenraad",),
        "straatgesprek": ("straatgesprek", "pop-up", "popup"),
        "internetconsultatie": ("internetconsultatie", "online consultatie"),
        "rondetafelgesprek": ("rondetafelgesprek", "ronde tafel"),
        "informatiecampagne": ("informatiecampagne", "campagne", "nieuwsbrief", "folder", "social media"),
        "interactieve_kaart": ("interactieve kaart", "online kaart"),  # not "in kaart brengen"
        "peiling": ("peiling", "online stemming", "online stemmen"),
        "bewonerscooperatie": ("energiecooperatie", "bewonerscooperatie", "cooperatie"),
        "raadpleging": ("raadpleging", "drempel", "ja/nee"),
        "sleutelfiguren": ("sleutelfiguren", "sleutelfiguur", "ambassadeurs", "ambassadeur", "energiecoach"),
        "adviesraad": ("adviesraad",),
        "ervaringsdeskundigen": (
            "ervaringsdeskundig",
            "panel van mensen met",
            "panel met mensen met",
            "panel van ervaringsdeskundigen",
            "cliëntenraad",
            "clientenraad",
        ),
        "dialoogtafels": ("dialoogtafel",),
        "participatieve_waarde_evaluatie": ("waarde-evaluatie", "pwe"),
        "dorpsplan": ("dorpsplan", "wijkplan"),
        "petitie": ("petitie",),
        "informatiepunt": ("informatiepunt", "spreekuur", "inloopspreekuur", "loket", "inloop"),
        "wijkschouw": ("wijkschouw", "schouw"),
        "buurtbudget": ("buurtbudget", "wijkbudget"),
        "jongerensessie": ("jongerensessie",),
        "burgerinitiatief": ("burgerinitiatief",),
    },
}

# A matched word ends here: short Dutch endings keep plurals and forms ("enquetes", "gelote").
_ENDING = r"(?:s|en|e|n|'s|ers|ies)?"

# Default ladder level when a group named a phase but no level (the usual promise in that phase).
DEFAULT_LEVEL = {
    "agenda_setting": "consult",
    "policy_preparation": "advise",
    "decision_making": "consult",
    "implementation": "coproduce",
    "evaluation": "consult",
}
# Default goal when a group named a phase but no goal for it.
DEFAULT_GOAL = {
    "agenda_setting": "identify_issues",
    "policy_preparation": "gather_knowledge",
    "decision_making": "weigh_options",
    "implementation": "stimulate_initiative",
    "evaluation": "monitor_evaluate",
}


def fold(text: str) -> str:
    """Lower case without accents ("Enquête" -> "enquete", "coöperatie" -> "cooperatie")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Term:
    section: str
    id: str
    pattern: re.Pattern[str]
    phrase: str


def _label_variants(label: str) -> set[str]:
    """'Burgertop (G1000)' -> {'burgertop (g1000)', 'burgertop', 'g1000'}; 'A / B' -> {'a', 'b'}."""
    folded = fold(label)
    variants = {folded}
    inside = re.findall(r"\(([^)]*)\)", folded)
    outside = re.sub(r"\([^)]*\)", " ", folded)
    variants.update(p.strip() for p in inside)
    variants.update(p.strip() for p in outside.split("/"))
    return {v for v in variants if len(v) >= 3}


# Phrases this long also match as the head of a compound ("keukentafel" in "keukentafelgesprekken");
# shorter ones only with a short ending, so "raad" never matches inside "raadplegen".
_COMPOUND_HEAD_MIN = 7


def _compile(phrase: str) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(part) for part in phrase.split())
    tail = r"" if len(phrase) >= _COMPOUND_HEAD_MIN else rf"{_ENDING}(?![a-z0-9])"
    return re.compile(rf"(?<![a-z0-9]){body}{tail}")


# Compiled terms per (vocabulary object, instrument names); the vocabulary is kept alive with its entry.
_TERMS: dict[tuple[int, tuple[tuple[str, str], ...]], tuple[Vocabulary, tuple[Term, ...]]] = {}


def _terms_for(vocabulary: Vocabulary, instrument_names: tuple[tuple[str, str], ...]) -> tuple[Term, ...]:
    key = (id(vocabulary), instrument_names)
    if key not in _TERMS:
        _TERMS[key] = (vocabulary, _build_terms(vocabulary, instrument_names))
    return _TERMS[key][1]


def _build_terms(vocabulary: Vocabulary, instrument_names: tuple[tuple[str, str], ...]) -> tuple[Term, ...]:
    phrases: dict[tuple[str, str], set[str]] = {}
    for section in SECTIONS:
        for id_ in vocabulary.ids(section):
            keep = phrases.setdefault((section, id_), set())
            # Level and phase labels are single words that double as goals; the synonym list decides those.
            if section in ("phases", "target_groups", "instruments", "goals"):
                for lang in ("nl", "en"):
                    keep.update(_label_variants(vocabulary.label(section, id_, lang)))
            keep.update(fold(s) for s in SYNONYMS.get(section, {}).get(id_, ()))
    for id_, name in instrument_names:
        if ("instruments", id_) in phrases:
            phrases[("instruments", id_)].update(_label_variants(name))
    # English goal labels are full sentences ("Inform residents"); they rarely appear in Dutch notes but
    # cost nothing. Longer phrases first: "actieve bewoners" wins over a bare word inside it.
    terms = [
        Term(section, id_, _compile(phrase), phrase)
        for (section, id_), found in phrases.items()
        for phrase in sorted(found, key=lambda p: (-len(p), p))
    ]
    return tuple(terms)


@dataclass
class NoteMatch:
    question: int
    text: str
    found: dict[str, list[str]] = field(default_factory=dict)  # section -> ids in order of appearance

    @property
    def mapped(self) -> bool:
        return any(self.found.values())


@dataclass
class MappingResult:
    notes: list[NoteMatch]
    phases: list[str]
    goals_by_phase: dict[str, list[str]]
    levels: dict[str, str]
    target_groups: list[str]
    instruments: list[str]
    assumed: list[str] = field(default_factory=list)  # plain-language notes on defaults we filled in

    @property
    def starting_instrument(self) -> str | None:
        return self.instruments[0] if self.instruments else None

    @property
    def unmapped(self) -> list[NoteMatch]:
        return [n for n in self.notes if not n.mapped]

    @property
    def goals(self) -> list[str]:
        return _unique(g for goals in self.goals_by_phase.values() for g in goals)


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def match_text(text: str, *, vocabulary: Vocabulary | None = None, catalogue=None) -> dict[str, list[str]]:
    """Vocabulary ids a text names, per section, in order of first appearance in the text."""
    vocabulary = vocabulary or load_vocabulary()
    names = tuple(sorted((i.id, i.name.nl) for i in catalogue)) if catalogue is not None else ()
    folded = fold(text)
    hits: dict[str, list[tuple[int, str]]] = {}
    covered: dict[str, list[tuple[int, int]]] = {}
    for term in _terms_for(vocabulary, names):
        for m in term.pattern.finditer(folded):
            spans = covered.setdefault(term.section, [])
            # Within a section a longer phrase owns its words ("jongerenraad" is not also "jongeren").
            if any(s <= m.start() < e or s < m.end() <= e for s, e in spans):
                continue
            spans.append((m.start(), m.end()))
            hits.setdefault(term.section, []).append((m.start(), term.id))
    return {section: _unique(i for _pos, i in sorted(found)) for section, found in hits.items()}


def map_notes(
    notes_by_question: Mapping[int, Sequence[str]],
    *,
    vocabulary: Vocabulary | None = None,
    catalogue=None,
) -> MappingResult:
    """Recognise what a group named across its notes; phases get the goals and levels named beside them."""
    vocabulary = vocabulary or load_vocabulary()
    matches = [
        NoteMatch(question, text, match_text(text, vocabulary=vocabulary, catalogue=catalogue))
        for question in sorted(notes_by_question)
        for text in notes_by_question[question]
    ]
    order = vocabulary.ids("phases")
    phases = sorted(_unique(p for m in matches for p in m.found.get("phases", [])), key=order.index)
    assumed: list[str] = []
    if not phases:
        phases = ["policy_preparation"]
        assumed.append("no_phase")
    goals_by_phase: dict[str, list[str]] = {p: [] for p in phases}
    loose_goals: list[str] = []
    levels: dict[str, list[str]] = {p: [] for p in phases}
    loose_levels: list[str] = []
    for m in matches:
        named = [p for p in m.found.get("phases", []) if p in goals_by_phase]
        goals = m.found.get("goals", [])
        note_levels = m.found.get("levels", [])
        if named:
            for p in named:
                goals_by_phase[p] += goals
                levels[p] += note_levels
        else:
            loose_goals += goals
            loose_levels += note_levels
    # Goals written beside no phase go to the phases without goals of their own, or else to the first phase:
    # every goal a group named ends up in the case.
    empty = [p for p in phases if not goals_by_phase[p]]
    for p in empty or phases[:1]:
        goals_by_phase[p] = goals_by_phase[p] + loose_goals
    for p in phases:
        goals_by_phase[p] = _unique(goals_by_phase[p])
        if not goals_by_phase[p]:
            goals_by_phase[p] = [DEFAULT_GOAL[p]]
            assumed.append(f"goal:{p}")
    chosen_levels: dict[str, str] = {}
    for p in phases:
        # A level written beside no phase only counts when there is one phase it can belong to.
        candidates = levels[p] or (loose_levels if len(phases) == 1 else [])
        if candidates:  # the highest promise the group wrote down for the phase
            chosen_levels[p] = max(candidates, key=vocabulary.level_rank)
        else:
            chosen_levels[p] = DEFAULT_LEVEL[p]
            assumed.append(f"level:{p}")
    return MappingResult(
        notes=matches,
        phases=phases,
        goals_by_phase=goals_by_phase,
        levels=chosen_levels,
        target_groups=_unique(t for m in matches for t in m.found.get("target_groups", [])),
        instruments=_unique(i for m in matches for i in m.found.get("instruments", [])),
        assumed=assumed,
    )


def case_data(
    result: MappingResult,
    *,
    title: str,
    policy_question: str,
    municipality: str = "",
    council_notes: str = "",
) -> dict[str, Any]:
    """A case dict per CONTRACTS §1 from a mapping. Target groups fall back to all residents."""
    data: dict[str, Any] = {
        "title": title,
        "policy_question": policy_question,
        "scale": "municipality",
        "council": {"room": "open", "frames_set": False, "decides": True, "notes": council_notes},
        "phases": [{"phase": p, "goals": result.goals_by_phase[p], "level": result.levels[p]} for p in result.phases],
        "target_groups": result.target_groups or ["all_residents"],
    }
    if municipality:
        data["municipality"] = municipality
    if result.starting_instrument:
        data["starting_instrument"] = result.starting_instrument
    return data


def fit_to_catalogue(result: MappingResult, catalogue) -> MappingResult:
    """Fill what was *assumed* so that it agrees with the catalogue entry of the instrument the group named.

    A group that wrote "klankbordgroep" and named no phase, goal or level must not get a plan that says the
    klankbordgroep does not fit: the assumed phase becomes one the instrument is made for, the assumed level
    one of its levels, the assumed goals the goals it serves well. What the group wrote itself is never changed.
    """
    start = result.starting_instrument
    entry = next((i for i in catalogue if i.id == start), None) if start and catalogue is not None else None
    if entry is None:
        return result
    phases = list(result.phases)
    assumed = list(result.assumed)
    goals_by_phase = {p: list(g) for p, g in result.goals_by_phase.items()}
    levels = dict(result.levels)
    if "no_phase" in assumed and phases and phases[0] not in entry.phases:
        old, new = phases[0], entry.phases[0]
        phases = [new]
        goals_by_phase = {new: goals_by_phase.pop(old)}
        levels = {new: levels.pop(old)}
        for kind in ("goal", "level"):
            if f"{kind}:{old}" in assumed:
                assumed[assumed.index(f"{kind}:{old}")] = f"{kind}:{new}"
        if goals_by_phase[new] == [DEFAULT_GOAL[old]] and f"goal:{new}" in assumed:
            goals_by_phase[new] = [DEFAULT_GOAL[new]]
    strong = [g for g, strength in sorted(entry.goals.items(), key=lambda kv: (-kv[1], kv[0])) if strength >= 2]
    for phase in phases:
        if phase not in entry.phases:
            continue  # the group chose this phase itself; the advisor may say so
        if f"level:{phase}" in assumed and levels[phase] not in entry.levels:
            levels[phase] = entry.levels[0]
        if f"goal:{phase}" in assumed and strong and not set(goals_by_phase[phase]) & set(strong):
            goals_by_phase[phase] = strong[:2]
    return MappingResult(
        notes=result.notes,
        phases=phases,
        goals_by_phase=goals_by_phase,
        levels=levels,
        target_groups=result.target_groups,
        instruments=result.instruments,
        assumed=assumed,
    )


def instrument_fit(instrument_id: str, result: MappingResult, catalogue) -> dict[str, Any] | None:
    """What the catalogue says about a named instrument against the mapped phases, levels and goals.

    Returns the phases where the catalogue says it fits (phase and level), and per mapped phase why not:
    "phase", "level" or "goals". The page states only this, so it never claims a (mis)fit the catalogue
    contradicts.
    """
    entry = next((i for i in catalogue if i.id == instrument_id), None) if catalogue is not None else None
    if entry is None:
        return None
    fits, misses = [], {}
    for phase in result.phases:
        if phase not in entry.phases:
            misses[phase] = "phase"
        elif result.levels.get(phase) not in entry.levels:
            misses[phase] = "level"
        elif not any(entry.goals.get(g, 0) >= 2 for g in result.goals_by_phase.get(phase, [])):
            misses[phase] = "goals"
        else:
            fits.append(phase)
    return {
        "id": instrument_id,
        "phases": list(entry.phases),
        "levels": list(entry.levels),
        "fits": fits,
        "misses": misses,
    }
