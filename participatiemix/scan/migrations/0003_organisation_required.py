"""Second step: a round's organisation is required (separate migration: no pending trigger events on PostgreSQL)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_existing_staff"),
        ("scan", "0002_organisation_anonymity"),
    ]

    operations = [
        migrations.AlterField(
            model_name="scanround",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="scan_rounds",
                to="organisations.organisation",
                verbose_name="organisatie",
            ),
        ),
    ]
