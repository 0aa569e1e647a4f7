"""Werksessies from before organisations existed go to the organisation 'standaard' (organisations 0002)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("workshop", "0001_initial"), ("organisations", "0002_existing_staff")]
AFTER = [("workshop", "0003_workshop_organisation_required")]


def test_existing_workshops_get_the_default_organisation():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    Workshop = old_apps.get_model("workshop", "Workshop")
    Workshop.objects.create(title="Van vroeger", case_text="Casus.", code="OUDE23")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new_apps = executor.loader.project_state(AFTER).apps
    workshop = new_apps.get_model("workshop", "Workshop").objects.get(code="OUDE23")
    assert workshop.organisation.slug == "standaard"
    new_apps.get_model("workshop", "Workshop").objects.all().delete()
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
