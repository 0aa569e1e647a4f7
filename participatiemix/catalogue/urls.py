from django.urls import path, re_path

from participatiemix.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("", views.instrument_list, name="list"),
    path("vergelijk/", views.instrument_compare, name="compare"),
    path("lokaal/nieuw/", views.local_instrument_add, name="local_add"),
    path("ervaringen/nieuw/", views.experience_add, name="experience_add"),
    re_path(r"^(?P<instrument_id>[a-z][a-z0-9_]{0,59})/$", views.instrument_detail, name="detail"),
]
