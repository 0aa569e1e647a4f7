"""Process URLs: staff pages."""

urlpatterns = []
