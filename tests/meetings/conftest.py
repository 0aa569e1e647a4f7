"""Fixtures for meetings: an offline activity of the demo energy process and meetings for it."""

import datetime as dt

import pytest
from django.utils import timezone

from participatiemix.meetings import services


@pytest.fixture
def activity(process):
    """The first offline activity of the open first phase (straatgesprek, run by meetings)."""
    return process.phases.order_by("position").first().activities.filter(app="meetings").first()


@pytest.fixture
def make_meeting(activity):
    def make(activity=activity, *, days=7, capacity=None, **data):
        starts = timezone.now().replace(microsecond=0) + dt.timedelta(days=days)
        values = {
            "title": "Straatgesprek in Oosterend",
            "starts_at": starts,
            "ends_at": starts + dt.timedelta(hours=2),
            "place": "Dorpshuis De Schakel",
            "address": "Kerkstraat 12, Oosterend",
            "wheelchair": True,
            "agenda": "19.30 Inloop\n20.00 Gesprek",
            "capacity": capacity,
            "registration_open": True,
        }
        values.update(data)
        return services.meeting_create(activity=activity, data=values)

    return make


@pytest.fixture
def meeting(make_meeting):
    return make_meeting(capacity=2)


@pytest.fixture
def past_meeting(make_meeting):
    return make_meeting(days=-3, capacity=40, title="Gesprek in Westerbuurt")
