"""The demo data of `make run` belongs to the demo organisation, whose beheerder may change it."""

from __future__ import annotations

import io

import pytest

from participatiemix.catalogue import demo
from participatiemix.catalogue.models import Experience, LocalInstrument
from participatiemix.catalogue.rules import can_change
from participatiemix.organisations import demo as organisations_demo
from participatiemix.organisations.demo import demo_organisation

pytestmark = pytest.mark.django_db


def test_demo_local_knowledge_belongs_to_the_demo_organisation_and_loads_twice(catalogue):
    organisations_demo.load(io.StringIO())
    demo.load(io.StringIO())
    demo.load(io.StringIO())  # idempotent
    org = demo_organisation()
    local = LocalInstrument.objects.get()
    assert local.organisation == org and local.municipality == org.name
    assert Experience.objects.count() == len(demo.EXPERIENCES)
    assert set(Experience.objects.values_list("organisation", flat=True)) == {org.pk}
    user = org.memberships.get().user
    assert can_change(user, local) and all(can_change(user, e) for e in Experience.objects.all())
