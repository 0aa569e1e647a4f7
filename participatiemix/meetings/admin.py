from django.contrib import admin

from participatiemix.meetings.models import Meeting, Registration
from participatiemix.site.admin import OrganisationScopedAdmin


@admin.register(Meeting)
class MeetingAdmin(OrganisationScopedAdmin):
    list_display = ("title", "starts_at", "place", "capacity", "registration_open")
    list_filter = ("registration_open",)
    search_fields = ("title", "place")
    raw_id_fields = ("activity",)


@admin.register(Registration)
class RegistrationAdmin(OrganisationScopedAdmin):
    list_display = ("meeting", "status", "position", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("meeting", "user")
