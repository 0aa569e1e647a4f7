"""Demo organisation and the staff user `demo` (its beheerder) for `make run`.

No default password: `demo` gets PMX_DEMO_PASSWORD, or a random password printed once. Safe to run again.
"""

from __future__ import annotations

import os
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction

from participatiemix.organisations.models import Membership, Organisation
from participatiemix.organisations.roles import Role

DEMO_USER = "demo"
DEMO_SLUG = "voorbeeldgemeente"
DEMO_NAME = "Voorbeeldgemeente"  # the name the demo zelfscan rounds use too


def demo_organisation() -> Organisation:
    org, _created = Organisation.objects.get_or_create(slug=DEMO_SLUG, defaults={"name": DEMO_NAME})
    return org


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
    else:
        generated = not password
        password = password or secrets.token_urlsafe(12)
        user = User.objects.create_user(username=DEMO_USER, password=password, is_staff=True)
        if generated:
            stdout.write(
                f"Demo-gebruiker aangemaakt: gebruikersnaam '{DEMO_USER}', wachtwoord '{password}' (eenmalig getoond)."
            )
        else:
            stdout.write(f"Demo-gebruiker aangemaakt: gebruikersnaam '{DEMO_USER}', wachtwoord uit PMX_DEMO_PASSWORD.")
    Membership.objects.get_or_create(user=user, organisation=demo_organisation(), defaults={"role": Role.BEHEERDER})


def load(stdout) -> None:
    org = demo_organisation()
    stdout.write(f"Organisatie: {org.name}.")
    load_user(stdout)
