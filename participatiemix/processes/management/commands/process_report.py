"""The council report of one process as JSON, Word or PDF (CONTRACTS §5):

    python -m django process_report SLUG --format json|docx|pdf [-o FILE] [--lang nl|en]

JSON goes to stdout when no file is given; Word and PDF need a file. An unknown slug is a Dutch error (exit 1).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from participatiemix.documents.process_report import render_report
from participatiemix.processes.models import Process
from participatiemix.processes.report import process_report_data

FORMATS = ("json", "docx", "pdf", "md")


class Command(BaseCommand):
    help = "Maakt het participatieverslag van een proces (json, docx, pdf of md)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="de korte naam van het proces, zoals in de link /processen/<slug>/")
        parser.add_argument("--format", default="json", choices=FORMATS, help="json (standaard), docx, pdf of md")
        parser.add_argument("-o", "--output", help="het bestand om in te schrijven (json en md: anders naar stdout)")
        parser.add_argument("--lang", default="nl", choices=("nl", "en"), help="taal van de teksten")

    def handle(self, *args, **options):
        slug, fmt, output, lang = options["slug"], options["format"], options["output"], options["lang"]
        process = Process.objects.select_related("plan_version").filter(slug=slug).first()
        if process is None:
            known = ", ".join(Process.objects.order_by("slug").values_list("slug", flat=True)[:10]) or "geen"
            raise CommandError(f"Er is geen proces met de korte naam '{slug}'. Bekende processen: {known}.")
        if fmt in ("docx", "pdf") and not output:
            raise CommandError(f"Een {fmt}-bestand gaat niet naar het scherm. Geef een bestand op met -o BESTAND.")
        with translation.override(lang):
            data = process_report_data(process=process, lang=lang)
            content = render_report(data, fmt)
        if output:
            try:
                Path(output).write_bytes(content)
            except OSError as exc:
                raise CommandError(f"Kan niet schrijven naar {output}: {exc.strerror}.") from exc
            self.stderr.write(f"Verslag geschreven naar {output} ({len(content)} bytes).")
        else:
            self.stdout.write(content.decode("utf-8"))
