"""Process URLs: public pages."""

urlpatterns = []
