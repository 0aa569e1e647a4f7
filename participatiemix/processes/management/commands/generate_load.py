"""Fill a process with generated, clearly marked data for benchmarks (CONTRACTS §7).

    python -m django generate_load --process aardgasvrij --survey-responses 100000 --seed 1

Each kind of data comes from the instrument app that registered a generator for it (processes/registry.py), into
the first activity of the process that app runs (an open one first). The same process, kind and seed twice adds
nothing the second time.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from participatiemix.processes import registry
from participatiemix.processes.models import Activity, LoadBatch, Process

# Option name → load kind the registry knows. Comments need ideas to hang on; votes need voters.
KINDS = ("ideas", "comments_per_idea", "survey_responses", "ballots", "voters")


class Command(BaseCommand):
    help = "Vult een proces met gegenereerde testgegevens voor benchmarks (veilig om te herhalen per seed)."

    def add_arguments(self, parser):
        parser.add_argument("--process", required=True, help="korte naam (slug) van het proces")
        for kind in KINDS:
            parser.add_argument(f"--{kind.replace('_', '-')}", type=int, default=0, dest=kind)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        process = Process.objects.filter(slug=options["process"]).first()
        if process is None:
            raise CommandError(f"Er is geen proces met de korte naam '{options['process']}'.")
        wanted = {kind: options[kind] for kind in KINDS if options[kind]}
        if not wanted:
            raise CommandError("Geef aan wat er gemaakt moet worden, bijvoorbeeld --survey-responses 1000.")
        for kind, n in wanted.items():
            if n < 0:
                raise CommandError(f"--{kind.replace('_', '-')} moet 0 of meer zijn, niet {n}.")
        for kind, n in wanted.items():
            self._generate(process, kind, n, options["seed"])

    def _generate(self, process: Process, kind: str, n: int, seed: int) -> None:
        found = registry.load_generator(kind)
        if found is None:
            raise CommandError(f"Geen onderdeel kan '{kind}' maken: dat instrument is er nog niet.")
        runner, generate = found
        activity = _target(process, runner.app)
        if activity is None:
            raise CommandError(f"Het proces '{process.slug}' heeft geen activiteit van het soort '{runner.app}'.")
        if LoadBatch.objects.filter(process=process, kind=kind, seed=seed).exists():
            self.stdout.write(f"{kind}: met seed {seed} al gemaakt; niets toegevoegd.")
            return
        started = time.perf_counter()
        with transaction.atomic():
            made = generate(activity, n, seed)
            seconds = time.perf_counter() - started
            LoadBatch.objects.create(process=process, kind=kind, seed=seed, count=made, seconds=seconds)
        self.stdout.write(f"{kind}: {made} gemaakt in '{activity.title}' in {seconds:.1f} s.")


def _target(process: Process, app: str) -> Activity | None:
    activities = list(Activity.objects.filter(phase__process=process, app=app).select_related("phase__process"))
    open_now = [a for a in activities if a.is_open()]
    return (open_now or activities or [None])[0]
