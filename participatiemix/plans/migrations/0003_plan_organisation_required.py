"""Second step: the organisation is required (a separate migration, so PostgreSQL has no pending trigger events)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_existing_staff"),
        ("plans", "0002_plan_organisation"),
    ]

    operations = [
        migrations.AlterField(
            model_name="plan",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="plans",
                to="organisations.organisation",
                verbose_name="organisatie",
            ),
        ),
    ]
