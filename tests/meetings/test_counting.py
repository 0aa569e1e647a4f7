"""Counting properties: each item of meeting input raises the contribution count by exactly one, and the
attendance form accepts exactly the counts that fit inside the total."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from participatiemix.meetings import selectors, services
from participatiemix.meetings.forms import AttendanceForm
from participatiemix.processes.models import Contribution
from participatiemix.site.text import clean_text

pytestmark = pytest.mark.django_db

FIXTURES_OK = settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
ITEM = st.text(alphabet=st.characters(categories=["L", "N", "Zs", "P"]), min_size=1, max_size=80)


@FIXTURES_OK
@given(items=st.lists(ITEM, max_size=12))
def test_one_item_is_one_contribution(past_meeting, items):
    before = Contribution.objects.count()
    expected = [t for t in (clean_text(i, multiline=False) for i in items) if t]
    if not expected:
        with pytest.raises(services.MeetingError):
            services.inputs_add(meeting=past_meeting, items=items)
        assert Contribution.objects.count() == before
        return
    added = services.inputs_add(meeting=past_meeting, items=items)
    assert Contribution.objects.count() == before + len(expected) == before + len(added)
    assert [a.contribution.text for a in added] == expected
    assert {a.contribution.source for a in added} == {"meeting"}


@FIXTURES_OK
@given(total=st.integers(0, 60), ages=st.lists(st.one_of(st.none(), st.integers(0, 70)), min_size=5, max_size=5))
def test_attendance_form_accepts_exactly_what_fits(past_meeting, total, ages):
    groups = selectors.attendance_groups(past_meeting.activity)
    age_fields = [f"g{i}" for i, g in enumerate(groups) if g.dimension == "age_band"]
    data = {"total": str(total)}
    data.update({name: "" if n is None else str(n) for name, n in zip(age_fields, ages, strict=True)})
    form = AttendanceForm(data, groups=groups)
    given_ages = [n for n in ages if n is not None]
    fits = all(n <= total for n in given_ages) and sum(given_ages) <= total
    assert form.is_valid() is fits, form.errors
    if fits:
        services.attendance_save(meeting=past_meeting, counts=form.counts())
        stored = selectors.attendance_counts(past_meeting)
        assert stored[("total", "")] == total
        assert sum(v for (d, _g), v in stored.items() if d == "age_band") == sum(given_ages)
