"""Demo data for `make run`: the workshop deck's case as a plan of the demo organisation. Safe to run again."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.db import transaction

from participatiemix.mix.vocabulary import DATA_DIR
from participatiemix.organisations.demo import demo_organisation
from participatiemix.plans import services
from participatiemix.plans.models import Plan

DEMO_TITLE = "Een alternatief voor Gronings gas kiezen"
CASE_FILE = DATA_DIR / "cases" / "aardgasvrij.yaml"


def demo_case_path() -> Path:
    return CASE_FILE


@transaction.atomic
def load_plan(stdout) -> Plan:
    organisation = demo_organisation()
    existing = Plan.objects.filter(title=DEMO_TITLE, origin="demo").first()
    if existing is not None:
        if existing.organisation_id != organisation.pk:
            # A database from before organisations: the demo plan went to 'standaard'; it is the demo's.
            existing.organisation = organisation
            existing.save(update_fields=["organisation"])
        stdout.write(f"Demoplan '{DEMO_TITLE}' bestaat al (#{existing.pk}).")
        return existing
    data = yaml.safe_load(demo_case_path().read_text(encoding="utf-8"))
    # The deck's case: the taskforce answers the four preconditions with yes; the council still has to set frames.
    data["preconditions"] = {name: True for name in ("room_for_influence", "enough_time", "commitment", "capacity")}
    plan = services.plan_import(
        text=yaml.safe_dump(data, allow_unicode=True), filename=demo_case_path().name, organisation=organisation
    )
    plan.origin = "demo"
    plan.save(update_fields=["origin"])
    stdout.write(f"Demoplan '{DEMO_TITLE}' geladen (#{plan.pk}, versie {plan.latest_version.number}).")
    return plan


def load(stdout) -> None:
    load_plan(stdout)
