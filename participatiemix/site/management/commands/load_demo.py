"""Load what `make run` shows: validate the catalogue, then each app's demo data (idempotent).

An app takes part by having a module `<app>/demo.py` with a function `load(stdout) -> None`.
"""

import importlib

from django.core.management.base import BaseCommand, CommandError

from participatiemix.mix.catalogue import load_catalogue
from participatiemix.mix.errors import DataError

DEMO_APPS = ("organisations", "catalogue", "plans", "scan", "workshop", "processes")


class Command(BaseCommand):
    help = "Controleert de catalogus en laadt de voorbeeldgegevens (veilig om vaker te draaien)."

    def handle(self, *args, **options):
        try:
            catalogue = load_catalogue()
        except DataError as exc:
            raise CommandError("De catalogus is afgekeurd:\n" + "\n".join(exc.messages)) from None
        self.stdout.write(f"Catalogus: {len(catalogue)} instrumenten gecontroleerd.")
        for app in DEMO_APPS:
            try:
                module = importlib.import_module(f"participatiemix.{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"participatiemix.{app}.demo":
                    raise
                continue
            module.load(self.stdout)
