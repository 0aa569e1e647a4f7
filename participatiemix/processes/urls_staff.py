"""Process URLs: staff pages (making a process from a plan, the back office, feedback on input)."""

from django.urls import path

from participatiemix.processes import views_staff

urlpatterns = [
    path("nieuw/<id:pk>/", views_staff.create, name="create"),
    path("<slug:slug>/beheer/", views_staff.manage, name="manage"),
    path("<slug:slug>/beheer/status/", views_staff.set_status, name="set_status"),
    path("<slug:slug>/beheer/planversie/", views_staff.follow_version, name="follow_version"),
    path("<slug:slug>/beheer/gegevens/", views_staff.settings, name="settings"),
    path("<slug:slug>/beheer/fase/<id:pk>/", views_staff.phase_edit, name="phase_edit"),
    path("<slug:slug>/beheer/fase/<id:pk>/activiteit-toevoegen/", views_staff.activity_add, name="activity_add"),
    path("<slug:slug>/beheer/activiteit/<id:pk>/", views_staff.activity_edit, name="activity_edit"),
    path("<slug:slug>/beheer/inbreng/", views_staff.contributions, name="contributions"),
    path("<slug:slug>/beheer/inbreng/<id:pk>/", views_staff.contribution, name="contribution"),
]
