from django.urls import path

from participatiemix.meetings import views

app_name = "meetings"
urlpatterns = [
    # Public
    path("activiteit/<id:activity>/", views.activity_public, name="activity"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/agenda.ics", views.ics_file, name="ics"),
    path("<id:pk>/aanmelden/", views.register, name="register"),
    path("<id:pk>/afmelden/", views.cancel, name="cancel"),
    path("afmelden/<str:token>/", views.cancel_token, name="cancel_token"),
    # Staff
    path("activiteit/<id:activity>/beheer/", views.manage, name="manage"),
    path("activiteit/<id:activity>/nieuw/", views.meeting_create, name="create"),
    path("activiteit/<id:activity>/gehouden/", views.activity_held, name="activity_held"),
    path("activiteit/<id:activity>/aanmeldingen.csv", views.registrations_csv, name="registrations_csv"),
    path("activiteit/<id:activity>/inbreng.csv", views.input_csv, name="input_csv"),
    path("<id:pk>/bewerken/", views.meeting_edit, name="edit"),
    path("<id:pk>/aanmeldingen/", views.registrations, name="registrations"),
    path("<id:pk>/aanwezigen/", views.attendance, name="attendance"),
    path("<id:pk>/verslag/", views.minutes, name="minutes"),
    path("<id:pk>/inbreng/", views.inputs, name="inputs"),
    path("<id:pk>/inbreng/<id:item>/verwijderen/", views.input_delete, name="input_delete"),
]
