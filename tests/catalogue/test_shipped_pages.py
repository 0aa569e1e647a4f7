"""Every shipped instrument renders its detail page in both languages, and the list shows them all."""

import pytest

from participatiemix.mix.catalogue import load_catalogue

pytestmark = pytest.mark.django_db


def test_every_shipped_instrument_has_a_working_page(client):
    catalogue = load_catalogue()
    response = client.get("/instrumenten/")
    assert response.status_code == 200
    assert f"{len(catalogue)} instrumenten." in response.content.decode()
    for instrument in catalogue:
        html = client.get(f"/instrumenten/{instrument.id}/").content.decode()
        assert instrument.name.nl.replace("'", "&#x27;") in html, instrument.id
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    for instrument in catalogue:
        response = client.get(f"/instrumenten/{instrument.id}/")
        assert response.status_code == 200
        assert instrument.name.en.replace("'", "&#x27;") in response.content.decode(), instrument.id
