"""Existing zelfscan data survives the organisation and anonymity migrations (scan 0002 and 0003)."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("scan", "0001_initial")]  # only scan goes back: other apps keep their state


def _migrate(targets=None):
    """Migrate to `targets`, or forward to the latest migration of every app; the models at that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def test_existing_rounds_go_to_standaard_and_fingerprints_are_gone():
    old = _migrate(BEFORE)
    ScanRound = old.get_model("scan", "ScanRound")
    RoundGroup = old.get_model("scan", "RoundGroup")
    Response = old.get_model("scan", "Response")
    Answer = old.get_model("scan", "Answer")
    Fingerprint = old.get_model("scan", "Fingerprint")
    today = dt.date(2026, 5, 1)
    scan_round = ScanRound.objects.create(
        municipality="Oud", title="Oude ronde", opens_on=today, closes_on=today, code_salt="s" * 32
    )
    residents = RoundGroup.objects.create(round=scan_round, group="residents", token="oud-token")
    response = Response.objects.create(round_group=residents, submitted_on=today, questionnaire_version="v1")
    Answer.objects.create(response=response, item="par_room", value=4)
    Fingerprint.objects.create(round=scan_round, digest="d" * 64, created_at="2026-05-01T10:00:00Z")

    new = _migrate()
    ScanRound = new.get_model("scan", "ScanRound")
    Answer = new.get_model("scan", "Answer")
    migrated = ScanRound.objects.get(title="Oude ronde")
    assert migrated.organisation.slug == "standaard"
    assert Answer.objects.get().value == 4 and Answer.objects.get().response.round_group.token == "oud-token"
    assert "scan_fingerprint" not in connection.introspection.table_names()
    # New answers after the migration get random ids.
    Response = new.get_model("scan", "Response")
    fresh = Response.objects.create(round_group=Answer.objects.get().response.round_group, submitted_on=today)
    assert fresh.pk > 2**20
