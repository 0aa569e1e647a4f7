"""Process URLs: the resident's own pages ("Mijn inbreng", the voluntary profile)."""

from django.urls import path

from participatiemix.processes import views_participant as views

urlpatterns = [
    path("mijn-inbreng/", views.mine, name="mine"),
    path("mijn-inbreng/download/", views.mine_download, name="mine_download"),
    path("mijn-inbreng/verwijderen/", views.mine_delete, name="mine_delete"),
    path("mijn-inbreng/<id:pk>/intrekken/", views.mine_withdraw, name="mine_withdraw"),
    path("<slug:slug>/profiel/", views.profile, name="profile"),
]
