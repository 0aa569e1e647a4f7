"""Every werksessie belongs to an organisation; existing sessions go to 'standaard' (organisations 0002)."""

import django.db.models.deletion
from django.db import migrations, models

from participatiemix.organisations.migration_helpers import assign_default_organisation


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_existing_staff"),
        ("workshop", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="workshop",
            name="organisation",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="workshops",
                to="organisations.organisation",
                verbose_name="organisatie",
            ),
        ),
        migrations.RunPython(assign_default_organisation("workshop", "Workshop"), migrations.RunPython.noop),
    ]
