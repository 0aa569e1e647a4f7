"""Example meetings for the demo process (the deck's energy case: a village going off natural gas).

Everything made here is marked as example data (`is_example`); names are invented and e-mail addresses use
the reserved example.org domain, so no mail can reach a real person.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from participatiemix.meetings import services
from participatiemix.meetings.models import Attendance, Meeting, Registration
from participatiemix.processes.models import Activity, Profile

VILLAGES = [
    ("Dorpshuis De Schakel", "Kerkstraat 12, Oosterend"),
    ("Dorpshuis 't Anker", "Dijkweg 3, Westerbuurt"),
]
FIRST_NAMES = [
    "Anna",
    "Bram",
    "Cor",
    "Daan",
    "Els",
    "Fatima",
    "Gerrit",
    "Hanna",
    "Ilse",
    "Jan",
    "Kees",
    "Lotte",
    "Mehmet",
    "Noor",
    "Piet",
    "Rina",
    "Sanne",
    "Tom",
    "Wim",
    "Yara",
]
LAST_NAMES = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "de Boer", "Bos", "Dekker"]
AGENDA = (
    "19.30 Inloop met koffie\n"
    "19.45 Welkom en uitleg: waarom van het aardgas af?\n"
    "20.00 In groepjes: wat betekent het voor uw huis en uw straat?\n"
    "20.45 Wat hebben we gehoord?\n"
    "21.00 Hoe gaat het verder?"
)
INPUT = [
    "Zorg dat ook huurders weten wat er gaat gebeuren; de woningcorporatie moet meedoen.",
    "Een warmtenet is voor het oude dorpsdeel met dijkhuisjes beter dan een warmtepomp per huis.",
    "Veel ouderen kunnen de investering niet betalen: graag een lening zonder rente.",
    "Begin met een proefstraat, zodat we kunnen zien hoe het werkt.",
    "Maak een energieloket in het dorpshuis, één middag per week.",
    "Isoleren eerst: dat levert altijd iets op, wat er ook komt.",
    "Laat de energiecoöperatie het warmtenet beheren, niet een groot bedrijf.",
    "Wij willen zeker weten dat de rekening niet hoger wordt dan nu.",
    "Informatie ook op papier en in de dorpskrant, niet alleen online.",
    "Denk aan geluid van warmtepompen in smalle straten.",
    "Kijk samen met het buurdorp naar een gezamenlijke oplossing.",
    "Jongeren willen meedenken, maar niet op dinsdagavond: dan is er training.",
    "De planning is te krap; geef mensen tijd tot hun cv-ketel aan vervanging toe is.",
    "Zonnepanelen op het dak van de sporthal voor het hele dorp.",
    "Graag een huisbezoek van een energiecoach voordat we moeten kiezen.",
    "Boeren hebben ruimte voor een biogasinstallatie; neem dat mee.",
    "Zorg voor één vast aanspreekpunt bij de gemeente.",
    "Laat zien wat er met onze inbreng van vorig jaar is gedaan.",
]
MINUTES = (
    "Voorbeeldverslag.\n\n"
    "Inwoners uit het hele dorp kwamen naar het dorpshuis. De wethouder legde uit waarom de gemeente in 2035 van het "
    "aardgas af wil en wat het warmteplan is. In vier groepen praatten inwoners over hun huis en hun straat.\n\n"
    "Wat we vaak hoorden: zorgen over de kosten, vooral bij ouderen en huurders; veel steun voor een warmtenet "
    "in eigen beheer; de wens om eerst te isoleren. Er is afgesproken dat de gemeente een energieloket in het "
    "dorpshuis opent en in het voorjaar terugkomt met de uitkomsten."
)


def _person(rng: random.Random, n: int) -> tuple[str, str]:
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    return name, f"voorbeeld{n}@example.org"


def _attendance(rng: random.Random, activity: Activity, total: int) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {(Attendance.Dimension.TOTAL, ""): total}
    left = total
    bands = [b for b, _label in Profile.AgeBand.choices]
    weights = [0.03, 0.12, 0.2, 0.35, 0.3]
    for band, weight in zip(bands, weights, strict=True):
        n = min(left, round(total * weight))
        counts[(Attendance.Dimension.AGE_BAND, band)] = n
        left -= n
    for group in dict.fromkeys([*activity.phase.target_groups, *activity.target_groups]):
        counts[(Attendance.Dimension.TARGET_GROUP, group)] = rng.randint(2, max(3, total // 3))
    return counts


@transaction.atomic
def build_demo_meetings(activity: Activity, *, held: bool, seed: int = 1) -> list[Meeting]:
    """One meeting per village (two), in the past with attendance, minutes and input when `held`, else ahead
    with registrations (the first one full, with a waiting list)."""
    rng = random.Random(seed)
    now = timezone.localtime()
    districts = list(activity.phase.process.districts or [])
    meetings = []
    for index, (place, address) in enumerate(VILLAGES):
        village = districts[index] if index < len(districts) else address.split(", ")[-1]
        day = (now - dt.timedelta(days=10 - 3 * index)) if held else (now + dt.timedelta(days=14 + 7 * index))
        starts = day.replace(hour=19, minute=30, second=0, microsecond=0)
        meeting = services.meeting_create(
            activity=activity,
            data={
                "title": f"{activity.title} in {village}",
                "starts_at": starts,
                "ends_at": starts + dt.timedelta(hours=2),
                "place": place,
                "address": address,
                "wheelchair": True,
                "hearing_loop": index == 0,
                "accessible_toilet": True,
                "accessibility_note": "Ingang aan de zijkant, parkeren naast het gebouw." if index else "",
                "agenda": AGENDA,
                "capacity": 12 if not held and index == 0 else 60,
                "registration_open": not held,
            },
            is_example=True,
        )
        signups = 15 if not held and index == 0 else rng.randint(20, 35)
        for n in range(signups):
            name, email = _person(rng, seed * 1000 + index * 100 + n)
            full = meeting.capacity is not None and n >= meeting.capacity
            Registration.objects.create(
                meeting=meeting,
                name=name,
                email=email,
                status=Registration.Status.WAITING if full else Registration.Status.REGISTERED,
                position=n + 1,
                is_example=True,
                created_at=starts - dt.timedelta(days=rng.randint(2, 20)),
            )
        if held:
            total = rng.randint(30, 48)
            services.attendance_save(meeting=meeting, counts=_attendance(rng, activity, total))
            services.minutes_save(meeting=meeting, text=MINUTES)
            items = rng.sample(INPUT, k=rng.randint(10, 15) if index == 0 else rng.randint(5, 8))
            services.inputs_add(meeting=meeting, items=items, is_example=True)
        meetings.append(meeting)
    if held:
        services.activity_mark_held(activity=activity, held=True)
    return meetings
