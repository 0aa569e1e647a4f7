"""An installation from before organisations: its staff become beheerders of one organisation, 'standaard'.

The apps' own migrations give their existing plans, rounds, workshops and local knowledge to the same
organisation, so nobody loses access and nothing is left without an owner. A fresh installation gets nothing.
"""

from django.conf import settings
from django.db import migrations

DEFAULT_SLUG = "standaard"


def forwards(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Organisation = apps.get_model("organisations", "Organisation")
    Membership = apps.get_model("organisations", "Membership")
    staff = list(User.objects.filter(is_staff=True, is_active=True))
    if not staff:
        return
    org, _ = Organisation.objects.get_or_create(slug=DEFAULT_SLUG, defaults={"name": "Mijn gemeente"})
    for user in staff:
        Membership.objects.get_or_create(user=user, organisation=org, defaults={"role": "beheerder"})


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
