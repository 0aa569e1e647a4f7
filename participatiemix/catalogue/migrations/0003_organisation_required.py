"""Every local instrument and experience has an organisation (filled in 0002)."""

import django.db.models.deletion
from django.db import migrations, models


def _fk(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        on_delete=django.db.models.deletion.PROTECT,
        related_name=related_name,
        to="organisations.organisation",
        verbose_name="organisatie",
    )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_organisation")]

    operations = [
        migrations.AlterField(model_name="localinstrument", name="organisation", field=_fk("local_instruments")),
        migrations.AlterField(model_name="experience", name="organisation", field=_fk("experiences")),
    ]
