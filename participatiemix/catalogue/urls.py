from django.urls import path, re_path

from participatiemix.catalogue import views

app_name = "catalogue"
# A local id: 2-60 lowercase letters, digits or underscores (bounded, so a long id is a 404, not a query).
LOCAL_ID = r"(?P<instrument_id>[a-z][a-z0-9_]{1,59})"
urlpatterns = [
    path("", views.instrument_list, name="list"),
    path("vergelijk/", views.instrument_compare, name="compare"),
    path("lokaal/nieuw/", views.local_instrument_add, name="local_add"),
    re_path(rf"^lokaal/{LOCAL_ID}/wijzigen/$", views.local_instrument_edit, name="local_edit"),
    re_path(rf"^lokaal/{LOCAL_ID}/verwijderen/$", views.local_instrument_delete, name="local_delete"),
    path("ervaringen/nieuw/", views.experience_add, name="experience_add"),
    path("ervaringen/<id:pk>/wijzigen/", views.experience_edit, name="experience_edit"),
    path("ervaringen/<id:pk>/verwijderen/", views.experience_delete, name="experience_delete"),
    re_path(r"^(?P<instrument_id>[a-z][a-z0-9_]{0,59})/$", views.instrument_detail, name="detail"),
]
