"""Every hostile case file through the web import: a Dutch 400 with a short message, nothing stored, never a 500."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.fuzz.strategies import HOSTILE_FILES


def _plan_rows() -> tuple[int, int]:
    return apps.get_model("plans", "Plan").objects.count(), apps.get_model("plans", "PlanVersion").objects.count()


@pytest.mark.parametrize("content", HOSTILE_FILES, ids=lambda c: f"{len(c)}B:{c[:12]!r}")
@pytest.mark.parametrize("name", ["casus.yaml", "casus.json"])
def test_hostile_case_file_is_refused_with_a_short_dutch_message(staff_client, content, name):
    staff_client.raise_request_exception = False
    before = _plan_rows()
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    response = staff_client.post(reverse("plans:import"), {"file": upload})
    assert response.status_code == 400, response.status_code
    assert _plan_rows() == before  # nothing half-stored
    html = response.content.decode("utf-8")
    assert "pmx-error-summary" in html or "utrecht-alert" in html
    # The refused content is never echoed back whole (a 1 MB value, a 5,000-digit number).
    assert "A" * 200 not in html and "9" * 200 not in html and "[[[[[[[[[[" not in html
