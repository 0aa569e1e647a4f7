from django.urls import path

from participatiemix.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("kies/", views.choose, name="choose"),
    path("<slug:slug>/leden/", views.members, name="members"),
    path("<slug:slug>/leden/<id:pk>/rol/", views.member_role, name="member_role"),
    path("<slug:slug>/leden/<id:pk>/verwijderen/", views.member_remove, name="member_remove"),
    path("<slug:slug>/leden/<id:pk>/ontgrendelen/", views.member_unlock, name="member_unlock"),
]
