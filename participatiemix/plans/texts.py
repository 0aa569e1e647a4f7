"""Short explanations shown in the intake (B1 Dutch, translated through Django i18n)."""

from django.utils.translation import gettext_lazy as _

PHASE_HINTS = {
    "agenda_setting": _("Wat speelt er? Welke problemen en wensen zijn er?"),
    "policy_preparation": _("Ideeën en opties bedenken en tegen elkaar afwegen."),
    "decision_making": _("Het besluit nemen en laten zien wat er met de inbreng is gedaan."),
    "implementation": _("Het besluit uitvoeren, samen met inwoners."),
    "evaluation": _("Terugkijken: wat ging goed, wat kan beter?"),
}

ROOM_HELP = {
    "open": _("De raad heeft nog niets vastgelegd. Inwoners kunnen veel invloed hebben."),
    "bounded": _("De raad heeft kaders gesteld. Inwoners hebben invloed binnen die kaders."),
    "none": _("Het besluit ligt al vast. Dan is alleen eerlijk informeren passend."),
}

GROUP_HELP = {
    "all_residents": _("Iedereen in het gebied, ook wie niet vanzelf meedoet."),
    "active_residents": _("Inwoners die al actief zijn, bijvoorbeeld in een wijkraad of vereniging."),
    "directly_affected": _("Wie direct gevolgen merkt, zoals omwonenden."),
    "homeowners": _("Mensen met een eigen huis."),
    "tenants": _("Mensen die huren van een corporatie of een particulier."),
    "youth": _("Jongeren tot ongeveer 25 jaar."),
    "elderly": _("Ouderen, ook wie weinig online is."),
    "low_literacy": _("Mensen die moeite hebben met lezen en schrijven."),
    "non_dutch_speakers": _("Mensen die weinig Nederlands spreken."),
    "disabilities": _("Mensen met een lichamelijke, verstandelijke of zintuiglijke beperking."),
    "disengaged": _("Mensen die de gemeente niet meer vertrouwen of afhaken."),
    "entrepreneurs": _("Winkeliers, bedrijven en zzp'ers."),
    "organisations": _("Verenigingen, corporaties, scholen en andere organisaties."),
}

HARD_TO_REACH = ("youth", "low_literacy", "non_dutch_speakers", "disabilities", "disengaged", "elderly")

PRECONDITION_TEXT = {
    "room_for_influence": (
        _("Er is ruimte voor invloed."),
        _("Er is geen ruimte voor invloed: het besluit ligt vast. Alleen eerlijk informeren is dan passend."),
    ),
    "enough_time": (
        _("Er is genoeg tijd voor het besluit valt."),
        _("Er is te weinig tijd voor het besluit valt. Zorg eerst voor meer tijd, of informeer alleen."),
    ),
    "commitment": (
        _("College en raad doen mee en binden zich aan wat er met de inbreng gebeurt."),
        _("College en raad binden zich (nog) niet. Regel dat eerst; anders wekt participatie valse verwachtingen."),
    ),
    "capacity": (
        _("Er is genoeg geld en menskracht."),
        _("Er is te weinig geld of menskracht. Regel dat eerst, of kies een kleiner proces."),
    ),
}
