"""Every plan belongs to an organisation; existing plans go to 'standaard' (organisations 0002)."""

import django.db.models.deletion
from django.db import migrations, models

from participatiemix.organisations.migration_helpers import assign_default_organisation


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_existing_staff"),
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="organisation",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="plans",
                to="organisations.organisation",
                verbose_name="organisatie",
            ),
        ),
        migrations.RunPython(assign_default_organisation("plans", "Plan"), migrations.RunPython.noop),
    ]
