"""CSV downloads for staff: registrations and the input gathered at an activity's meetings."""

from __future__ import annotations

import csv
import io

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from participatiemix.meetings import selectors
from participatiemix.processes.models import Activity
from participatiemix.site.downloads import safe_cell


def _csv(header: list[str], rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return "\ufeff" + out.getvalue()  # the BOM makes Excel read UTF-8


def registrations_csv(activity: Activity) -> str:
    rows = (
        (
            r.meeting.title,
            timezone.localtime(r.meeting.starts_at).strftime("%Y-%m-%d %H:%M"),
            r.display_name,
            r.address,
            r.get_status_display(),
            r.position,
            timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
            _("ja") if r.user_id else _("nee"),
        )
        for r in selectors.registrations_for_export(activity)
    )
    header = [
        _("Bijeenkomst"),
        _("Begint om"),
        _("Naam"),
        _("E-mailadres"),
        _("Status"),
        _("Volgorde"),
        _("Aangemeld op"),
        _("Met account"),
    ]
    return _csv(header, rows)


def inputs_csv(activity: Activity) -> str:
    rows = (
        (
            i.meeting.title,
            timezone.localtime(i.meeting.starts_at).strftime("%Y-%m-%d"),
            i.contribution.pk,
            i.contribution.text,
            i.contribution.get_status_display(),
            i.contribution.response,
            _("ja") if i.public else _("nee"),
        )
        for i in selectors.inputs_for_export(activity)
    )
    header = [_("Bijeenkomst"), _("Datum"), _("Nummer"), _("Inbreng"), _("Status"), _("Toelichting"), _("Openbaar")]
    return _csv(header, rows)


def links(activity: Activity) -> list[tuple[str, str]]:
    return [
        (_("Aanmeldingen (CSV)"), reverse("meetings:registrations_csv", kwargs={"activity": activity.pk})),
        (_("Inbreng uit bijeenkomsten (CSV)"), reverse("meetings:input_csv", kwargs={"activity": activity.pk})),
    ]
