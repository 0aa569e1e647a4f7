"""Delete duplicate-suppression fingerprints of closed rounds and those older than one hour (AVG).

Run it daily (cron or a scheduled task); closing a round by hand purges that round at once.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from participatiemix.scan.models import ScanRound
from participatiemix.scan.services import fingerprints_purge


class Command(BaseCommand):
    help = "Wist tijdelijke vingerafdrukken van gesloten zelfscanrondes en alle vingerafdrukken ouder dan een uur."

    def handle(self, *args, **options):
        today = timezone.localdate()
        # Rounds past their closing date are closed for good: record when, so the round shows it.
        ScanRound.objects.filter(closed_at__isnull=True, closes_on__lt=today).update(closed_at=timezone.now())
        removed = fingerprints_purge()
        self.stdout.write(f"Zelfscan: {removed} vingerafdruk(ken) gewist.")
