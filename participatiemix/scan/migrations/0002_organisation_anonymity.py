"""Rounds belong to an organisation (existing rounds go to 'standaard', organisations 0002).

Anonymity: the Fingerprint table (exact time + HMAC of IP and browser) goes; AddressTally (keyed digest of the
address and a count, no time, random id) replaces it; responses and answers get random ids.
"""

import django.db.models.deletion
import participatiemix.scan.models
from django.db import migrations, models

from participatiemix.organisations.migration_helpers import assign_default_organisation


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0002_existing_staff'),
        ('scan', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='scanround',
            name='organisation',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='scan_rounds', to='organisations.organisation', verbose_name='organisatie'),
        ),
        migrations.AddField(
            model_name='scanround',
            name='tally_day',
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='scanround',
            name='tally_salt',
            field=models.CharField(default=participatiemix.scan.models.new_salt, editable=False, max_length=32),
        ),
        migrations.AlterField(
            model_name='answer',
            name='id',
            field=participatiemix.scan.models.RandomIdField(default=participatiemix.scan.models.random_id, editable=False, primary_key=True, serialize=False),
        ),
        migrations.AlterField(
            model_name='openanswer',
            name='id',
            field=participatiemix.scan.models.RandomIdField(default=participatiemix.scan.models.random_id, editable=False, primary_key=True, serialize=False),
        ),
        migrations.AlterField(
            model_name='response',
            name='id',
            field=participatiemix.scan.models.RandomIdField(default=participatiemix.scan.models.random_id, editable=False, primary_key=True, serialize=False),
        ),
        migrations.CreateModel(
            name='AddressTally',
            fields=[
                ('id', participatiemix.scan.models.RandomIdField(default=participatiemix.scan.models.random_id, editable=False, primary_key=True, serialize=False)),
                ('digest', models.CharField(max_length=64)),
                ('answers', models.PositiveSmallIntegerField(default=0)),
                ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='address_tallies', to='scan.scanround')),
            ],
        ),
        migrations.DeleteModel(
            name='Fingerprint',
        ),
        migrations.AddConstraint(
            model_name='addresstally',
            constraint=models.UniqueConstraint(fields=('round', 'digest'), name='scan_tally_once'),
        ),
        # Last: PostgreSQL refuses to alter a table with pending trigger events in the same transaction.
        migrations.RunPython(assign_default_organisation("scan", "ScanRound"), migrations.RunPython.noop),
    ]
