"""Forget the address tallies (duplicate suppression) of closed rounds and of earlier days (AVG).

Run it daily (cron or a scheduled task). Closing a round by hand, and the first answer of a new day, forget a
round's tallies at once; this command also covers rounds nobody touched.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from participatiemix.scan.models import ScanRound
from participatiemix.scan.services import tallies_purge


class Command(BaseCommand):
    help = "Wist de tellingen per internetadres van gesloten zelfscanrondes en van eerdere dagen."

    def handle(self, *args, **options):
        today = timezone.localdate()
        # Rounds past their closing date are closed for good: record when, so the round shows it.
        ScanRound.objects.filter(closed_at__isnull=True, closes_on__lt=today).update(closed_at=timezone.now())
        removed = tallies_purge(today=today)
        self.stdout.write(f"Zelfscan: {removed} telling(en) per internetadres gewist.")
