"""Residents' accounts (django-allauth) under Dutch paths."""

urlpatterns = []
