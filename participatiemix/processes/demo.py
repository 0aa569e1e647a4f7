"""The demo process `aardgasvrij` for `make run` (CONTRACTS §5): the deck's energy case run from the demo plan, half-way
through. Agenda setting is done (a survey and village conversations with their input, feedback given, the council
heard), policy preparation is open now (a second survey and design workshops to sign up for), decision making and
implementation are still to come. Every person and text is example data, marked as such. Safe to run again.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from participatiemix.plans.demo import load_plan
from participatiemix.processes import services
from participatiemix.processes.models import Activity, ContributionStatus, Process

SLUG = "aardgasvrij"
DISTRICTS = ["Noorddorp", "Zuidwolde", "Oosterhoek", "Westerveen", "Buitengebied"]

# (phase, first day, last day) counted from today: the first phase is over, the second open now.
SCHEDULE = {
    "agenda_setting": (-84, -22),
    "policy_preparation": (-21, 35),
    "decision_making": (36, 70),
    "implementation": (71, 400),
}

WE_DID = (
    "U vertelde ons wat u belangrijk vindt: lage kosten, weten waar u aan toe bent, en hulp bij het isoleren. "
    "Veel mensen in de kernen willen eerst een proef in één straat. Dat hebben we overgenomen: de raad stelde in "
    "zijn kaders dat elke wijk eerst een proef krijgt. Een warmtenet voor het hele buitengebied nemen we niet mee, "
    "omdat de huizen daar te ver uit elkaar staan."
)

# Answers for the agenda-setting input, in order of the adopted and not-adopted examples.
RESPONSES_ADOPTED = [
    "In de kaders van de raad staat nu: eerst een proef per wijk.",
    "We openen een energieloket in het dorpshuis, elke dinsdag.",
    "De kosten per huishouden komen in een rekenhulp op de website.",
    "Huurders krijgen een eigen avond met de woningcorporatie.",
]
RESPONSES_NOT_ADOPTED = [
    "Een warmtenet in het buitengebied is te duur: de huizen staan te ver uit elkaar.",
    "Over de gasprijs beslist de gemeente niet; dat doet het Rijk.",
]


def _dates(offset: tuple[int, int]) -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    return today + dt.timedelta(days=offset[0]), today + dt.timedelta(days=offset[1])


def _set_schedule(process: Process) -> None:
    for phase in process.phases.all():
        if phase.phase in SCHEDULE:
            phase.starts, phase.ends = _dates(SCHEDULE[phase.phase])
            phase.save(update_fields=["starts", "ends"])
    for moment in process.council_moments.all():
        span = SCHEDULE.get(moment.phase)
        if span:
            starts, ends = _dates(span)
            moment.due = starts if moment.moment in ("set_frames", "inform") else ends
            if moment.due < timezone.localdate():
                moment.done_on = moment.due
            moment.save(update_fields=["due", "done_on"])


def _feedback(process: Process) -> None:
    """Answer most agenda-setting input: some adopted, some not, some still being looked at."""
    from participatiemix.processes.models import Contribution

    items = list(
        Contribution.objects.filter(activity__phase__process=process, activity__phase__phase="agenda_setting")
        .exclude(summary="")
        .order_by("pk")
    )
    for i, item in enumerate(items):
        if i % 5 == 4:
            status, response = ContributionStatus.IN_PROGRESS, ""
        elif i % 5 == 3:
            status, response = ContributionStatus.NOT_ADOPTED, RESPONSES_NOT_ADOPTED[i % len(RESPONSES_NOT_ADOPTED)]
        else:
            status, response = ContributionStatus.ADOPTED, RESPONSES_ADOPTED[i % len(RESPONSES_ADOPTED)]
        services.contributions_set_status(contributions=[item], status=status, response=response, notify=False)


def _activities(process: Process) -> None:
    from participatiemix.meetings.demo import build_demo_meetings
    from participatiemix.surveys.demo import build_demo_survey, fill_responses

    agenda = process.phases.get(phase="agenda_setting")
    preparation = process.phases.get(phase="policy_preparation")
    survey_activity = agenda.activities.get(instrument="enquete")
    survey_activity.title = "Enquête: hoe kijkt u naar een alternatief voor gas?"
    survey_activity.status = Activity.Status.HELD
    survey_activity.save(update_fields=["title", "status"])
    survey = build_demo_survey(survey_activity)
    fill_responses(survey, 64, seed=1, source_mix={"online": 0.85, "paper": 0.15})
    for seed, activity in enumerate(agenda.activities.exclude(app="surveys"), start=10):
        build_demo_meetings(activity, held=True, seed=seed)
        activity.status = Activity.Status.HELD
        activity.save(update_fields=["status"])
    # Open now: a second survey (added to the plan's mix) and design workshops to sign up for.
    choice = services.activity_add(
        phase=preparation,
        instrument="enquete",
        title="Enquête: welk alternatief past bij uw wijk?",
        from_plan=False,
        position=preparation.activities.count(),
    )
    fill_responses(build_demo_survey(choice), 23, seed=2, source_mix={"online": 1.0})
    for seed, activity in enumerate(preparation.activities.exclude(app="surveys"), start=20):
        build_demo_meetings(activity, held=False, seed=seed)


@transaction.atomic
def load_process(stdout) -> Process | None:
    existing = Process.objects.filter(slug=SLUG).first()
    if existing is not None:
        stdout.write(f"Demoproces '{SLUG}' bestaat al.")
        return existing
    plan = load_plan(stdout)
    process = services.process_create(plan=plan, slug=SLUG, title="Samen van het gas af", is_example=True)
    process.status = Process.Status.PUBLISHED
    process.districts = DISTRICTS
    process.introduction = (
        "De gemeente gaat van het aardgas af. Welk alternatief past bij uw wijk of dorp: een warmtenet, "
        "all-electric of groen gas? Daarover beslist de gemeenteraad. Eerst willen we weten wat u belangrijk vindt."
    )
    process.contact = "Team Energie, energie@voorbeeldgemeente.example, 14 0123"
    process.save()
    _set_schedule(process)
    _activities(process)
    _feedback(process)
    agenda = process.phases.get(phase="agenda_setting")
    agenda.we_did = WE_DID
    agenda.judgement = "Doel bereikt: veel inbreng uit de kernen, huurders en ondernemers nog weinig."
    agenda.save(update_fields=["we_did", "judgement"])
    stdout.write(f"Demoproces '{SLUG}' geladen: halverwege, {process.phases.count()} fasen.")
    return process


def load(stdout) -> None:
    load_process(stdout)
