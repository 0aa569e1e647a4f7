from django.urls import path

from participatiemix.scan import views

app_name = "scan"
urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.round_create, name="round_create"),
    path("ronde/<id:pk>/", views.round_detail, name="round"),
    path("ronde/<id:pk>/aantallen/", views.round_counts, name="round_counts"),
    path("ronde/<id:pk>/codes/<str:group>/", views.round_codes, name="round_codes"),
    path("ronde/<id:pk>/sluiten/", views.round_close, name="round_close"),
    path("ronde/<id:pk>/verwijderen/", views.round_delete, name="round_delete"),
    path("ronde/<id:pk>/resultaten/", views.results, name="results"),
    path("ronde/<id:pk>/rapport.<str:fmt>", views.report, name="report"),
    path("ronde/<id:pk>/verbeteragenda/", views.agenda, name="agenda"),
    path("ronde/<id:pk>/verbeteragenda/<id:priority>/plan/", views.priority_plan, name="priority_plan"),
    path("ronde/<id:pk>/vergelijken/", views.compare, name="compare"),
    path("doe-mee/<str:token>/", views.respond, name="respond"),
    path("doe-mee/<str:token>/bedankt/", views.thanks, name="thanks"),
]
