"""Demo werksessie for `make run`: the energy case with six groups, their notes and rode draden.

Idempotent: the session is found by its fixed code; when it exists nothing is changed.
"""

from __future__ import annotations

DEMO_CODE = "WARMTE"
DEMO_TITLE = "Taskforce lokale democratie: van het gas af"

# Per group: notes for question 1 (goal and phases), 2 (approach) and 3 (what it asks of us).
DEMO_GROUPS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "Groep Noord": (
        [
            "Fase 1 agendavorming: inwoners informeren over waarom we van het gas af gaan",
            "Ophalen wat er leeft in de wijken: zorgen over kosten en tempo",
            "Later in de planvorming samen met bewoners keuzes afwegen per wijk",
            "Draagvlak voor de keuze van het alternatief",
        ],
        [
            "Huurders en woningeigenaren apart benaderen, hun vragen verschillen",
            "Keukentafelgesprekken met ouderen in de eerste wijk",
            "Enquête onder alle inwoners over wat zij belangrijk vinden: kosten, gemak, keuzevrijheid",
            "Raad stelt vooraf de kaders: betaalbaarheid en planning",
        ],
        [
            "Ambtenaren die kunnen luisteren en eerlijk zijn over wat nog onzeker is",
            "Genoeg capaciteit voor huisbezoeken",
            "Raad tijdig informeren en betrekken bij de kaders",
        ],
    ),
    "Groep Oost": (
        [
            "Doel: vertrouwen herstellen na de gaswinning, eerst luisteren",
            "Informeren over de opties: warmtenet, all-electric of groen gas",
            "In de uitvoering bewonersinitiatief stimuleren, bijvoorbeeld een energiecoöperatie",
        ],
        [
            "Burgerberaad met gelote inwoners om de keuze per wijk af te wegen",
            "Jongeren betrekken via scholen",
            "Informatieavond in het dorpshuis voor de hele kern",
            "Woningcorporatie en huurdersvereniging aan tafel",
        ],
        [
            "Eerlijk zijn over de kosten, ook als we het nog niet weten",
            "Raad moet de uitkomst van het burgerberaad serieus nemen en dat vooraf toezeggen",
            "Interne afstemming tussen energie, wonen en communicatie",
        ],
    ),
    "Groep Zuid": (
        [
            "Eerst signaleren wat er leeft: zorgen over de kosten en de keuzevrijheid",
            "Fase 2: kennis en ideeën van bewoners ophalen voor het wijkuitvoeringsplan",
            "Draagvlak vergroten zodat mensen straks ja zeggen tegen het aanbod",
        ],
        [
            "Wij wilden eigenlijk een referendum over het warmtenet",
            "Klankbordgroep per wijk met huurders en eigenaren",
            "Vragenlijst online en op papier voor wie niet digitaal is",
            "Laaggeletterden bereiken via sleutelfiguren in de buurt",
        ],
        [
            "Competentie: procesbegeleiding en gespreksleiding",
            "Budget voor participatie apart reserveren",
            "Raad besluit aan het eind, college voert uit",
        ],
    ),
    "Groep West": (
        [
            "Inwoners informeren en vooral de kosten per huishouden duidelijk maken",
            "Samen met bewoners opties afwegen: tempo en betaalbaarheid",
            "Vertrouwen opbouwen met een vast aanspreekpunt in de wijk",
        ],
        [
            "Energiecoaches en ambassadeurs uit de wijk zelf",
            "Informatiebijeenkomst plus inloopspreekuur in de bibliotheek",
            "Ondernemers en verenigingen meenemen via dorpsbelangen",
            "Ouderen thuis bezoeken, keukentafelgesprek",
        ],
        [
            "Lange adem en geduld van de organisatie",
            "Heldere kaders van de raad over wat vastligt en wat niet",
            "Eén loket voor alle vragen van inwoners",
        ],
    ),
    "Groep Centrum": (
        [
            "Agendavorming: ophalen wat inwoners belangrijk vinden",
            "Besluitvorming: inwoners laten meebeslissen over het moment van overstappen",
            "Evaluatie na de eerste wijk, leren voor de volgende",
        ],
        [
            "Eerst een enquête, daarna gesprekken per straat",
            "Huurders via de corporatie, eigenaren via een wijkgesprek",
            "Jongeren via social media en de jongerenraad",
            "Raadpleging met drempel: bij 70 procent ja gaan we door",
        ],
        [
            "Raad: rolvastheid, niet tussentijds de kaders veranderen",
            "Capaciteit en budget voor een meerjarig traject",
            "Communicatie in eenvoudige taal, B1",
        ],
    ),
    "Groep Haven": (
        [
            "Kosten en zorgen van inwoners in beeld brengen",
            "Inwoners informeren over de transitievisie warmte",
            "Draagvlak voor het alternatief in de wijk",
        ],
        [
            "Gelote burgerpanel dat de raad adviseert over de volgorde van wijken",
            "Anderstaligen bereiken met vertaalde folders en sleutelfiguren",
            "Straatgesprekken bij de supermarkt",
        ],
        [
            "Ambtenaren die naar buiten gaan, de wijk in",
            "Samenwerking met netbeheerder en corporaties regelen",
            "De raad vooraf laten bepalen wat inwoners mogen beslissen",
        ],
    ),
}


def load(stdout) -> None:
    """Create the demo session for the demo organisation (its staff open it from the list)."""
    from participatiemix.organisations.demo import demo_organisation
    from participatiemix.workshop import services
    from participatiemix.workshop.models import Phase, Workshop

    organisation = demo_organisation()
    existing = Workshop.objects.filter(code=DEMO_CODE, title=DEMO_TITLE)
    if existing.exists():
        # A demo from before organisations existed went to 'standaard': the demo belongs to the demo organisation.
        existing.exclude(organisation=organisation).update(organisation=organisation)
        stdout.write(f"Werksessie: demo {DEMO_CODE} bestaat al.")
        return
    workshop = services.workshop_create(
        title=DEMO_TITLE,
        case_text=services.DEFAULT_CASE_TEXT,
        questions=list(services.DEFAULT_QUESTIONS),
        group_minutes=20,
        rondgang_minutes=10,
        group_count=len(DEMO_GROUPS),
        organisation=organisation,
        created_by=None,
        code=DEMO_CODE,
    )
    services.workshop_set_phase(workshop=workshop, phase=Phase.GROUPS)
    questions = list(workshop.questions.order_by("number"))
    for name, answers in DEMO_GROUPS.items():
        group = services.group_create(workshop=workshop, name=name)
        for question, notes in zip(questions, answers, strict=True):
            for text in notes:
                services.note_add(group=group, question=question, text=text)
    services.workshop_set_phase(workshop=workshop, phase=Phase.RONDGANG)
    services.workshop_set_phase(workshop=workshop, phase=Phase.THREADS)
    stdout.write(f"Werksessie: demo {DEMO_CODE} met {len(DEMO_GROUPS)} groepen en rode draden geladen.")
