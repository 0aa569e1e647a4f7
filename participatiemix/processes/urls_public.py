"""Process URLs: public pages for residents (a slug last, so fixed words elsewhere win)."""

from django.urls import path

from participatiemix.processes import views_public

urlpatterns = [
    path("", views_public.index, name="index"),
    path("<slug:slug>/", views_public.detail, name="detail"),
    path("<slug:slug>/fase/<id:pk>/", views_public.phase, name="phase"),
    path("<slug:slug>/activiteit/<id:pk>/", views_public.activity, name="activity"),
]
