import io
import os

from django.contrib.auth import get_user_model

from participatiemix.organisations import demo
from participatiemix.organisations.models import Membership
from participatiemix.organisations.roles import Role


def test_demo_user_gets_a_random_password_once_and_is_beheerder_of_the_demo_organisation(db, monkeypatch):
    monkeypatch.delenv("PMX_DEMO_PASSWORD", raising=False)
    out = io.StringIO()
    demo.load(out)
    text = out.getvalue()
    password = text.split("wachtwoord '")[1].split("'")[0]
    user = get_user_model().objects.get(username="demo")
    assert user.check_password(password) and len(password) >= 12
    assert Membership.objects.get(user=user).role == Role.BEHEERDER
    again = io.StringIO()
    demo.load(again)
    assert "bestaat al" in again.getvalue() and password not in again.getvalue()
    assert get_user_model().objects.count() == 1 and Membership.objects.count() == 1


def test_demo_password_from_the_environment(db, monkeypatch):
    monkeypatch.setitem(os.environ, "PMX_DEMO_PASSWORD", "uit-de-omgeving-123")
    out = io.StringIO()
    demo.load_user(out)
    assert "uit-de-omgeving-123" not in out.getvalue()
    assert get_user_model().objects.get(username="demo").check_password("uit-de-omgeving-123")
