"""Local instruments and experiences belong to an organisation; existing rows go to 'standaard'.

Add the column nullable and fill it here; 0003 makes it required (a separate migration, so PostgreSQL has no
pending trigger events from the update when the column is altered).
"""

import django.db.models.deletion
from django.db import migrations, models

from participatiemix.organisations.migration_helpers import assign_default_organisation


def _fk(related_name: str, null: bool) -> models.ForeignKey:
    return models.ForeignKey(
        null=null,
        on_delete=django.db.models.deletion.PROTECT,
        related_name=related_name,
        to="organisations.organisation",
        verbose_name="organisatie",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_existing_staff"),
        ("catalogue", "0001_initial"),
    ]

    operations = [
        migrations.AddField(model_name="localinstrument", name="organisation", field=_fk("local_instruments", True)),
        migrations.AddField(model_name="experience", name="organisation", field=_fk("experiences", True)),
        migrations.RunPython(assign_default_organisation("catalogue", "LocalInstrument"), migrations.RunPython.noop),
        migrations.RunPython(assign_default_organisation("catalogue", "Experience"), migrations.RunPython.noop),
    ]
