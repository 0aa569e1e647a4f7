"""Demo data for `make run`: the workshop deck's case as a plan, and a staff user to log in with.

No default password: the user `demo` gets PMX_DEMO_PASSWORD, or a random password that is printed
once in the output of `make run`. Safe to run again: an existing plan or user is left alone (setting
PMX_DEMO_PASSWORD again resets the user's password to it).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import yaml
from django.contrib.auth import get_user_model
from django.db import transaction

from participatiemix.mix.vocabulary import DATA_DIR
from participatiemix.plans import services
from participatiemix.plans.models import Plan

DEMO_TITLE = "Een alternatief voor Gronings gas kiezen"
DEMO_USER = "demo"
CASE_FILE = DATA_DIR / "cases" / "aardgasvrij.yaml"


def demo_case_path() -> Path:
    return CASE_FILE


@transaction.atomic
def load_user(stdout) -> None:
    User = get_user_model()
    password = os.environ.get("PMX_DEMO_PASSWORD", "")
    user = User.objects.filter(username=DEMO_USER).first()
    if user is not None:
        if password:
            user.set_password(password)
            user.save(update_fields=["password"])
            stdout.write(f"Demo-gebruiker '{DEMO_USER}': wachtwoord gezet uit PMX_DEMO_PASSWORD.")
        else:
            stdout.write(
                f"Demo-gebruiker '{DEMO_USER}' bestaat al (wachtwoord eerder getoond; "
                "zet PMX_DEMO_PASSWORD om een nieuw wachtwoord te kiezen)."
            )
        return
    generated = not password
    password = password or secrets.token_urlsafe(12)
    User.objects.create_user(username=DEMO_USER, password=password, is_staff=True)
    if generated:
        stdout.write(
            f"Demo-gebruiker aangemaakt: gebruikersnaam '{DEMO_USER}', wachtwoord '{password}' (eenmalig getoond)."
        )
    else:
        stdout.write(f"Demo-gebruiker aangemaakt: gebruikersnaam '{DEMO_USER}', wachtwoord uit PMX_DEMO_PASSWORD.")


@transaction.atomic
def load_plan(stdout) -> Plan:
    existing = Plan.objects.filter(title=DEMO_TITLE, origin="demo").first()
    if existing is not None:
        stdout.write(f"Demoplan '{DEMO_TITLE}' bestaat al (#{existing.pk}).")
        return existing
    data = yaml.safe_load(demo_case_path().read_text(encoding="utf-8"))
    # The deck's case: the taskforce answers the four preconditions with yes; the council still has to set frames.
    data["preconditions"] = {name: True for name in ("room_for_influence", "enough_time", "commitment", "capacity")}
    plan = services.plan_import(text=yaml.safe_dump(data, allow_unicode=True), filename=demo_case_path().name)
    plan.origin = "demo"
    plan.save(update_fields=["origin"])
    stdout.write(f"Demoplan '{DEMO_TITLE}' geladen (#{plan.pk}, versie {plan.latest_version.number}).")
    return plan


def load(stdout) -> None:
    load_user(stdout)
    load_plan(stdout)
