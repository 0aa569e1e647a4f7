"""Nothing stored links a zelfscan response to an address, a browser or a moment.

The finding: Fingerprint rows (exact time, HMAC of IP + browser) paired one-to-one with responses by insertion
order, and with the public default key anyone could recompute the HMAC. These tests inspect every table.
"""

import hashlib
import hmac

import pytest
from django.apps import apps
from django.db import connection, models

from participatiemix.scan.models import AddressTally, Answer, OpenAnswer, Response, ScanRound

pytestmark = pytest.mark.django_db

ADDRESSES = [f"192.0.2.{n}" for n in range(1, 13)]
BROWSER = "Mozilla/5.0 (Telefoon van Mientje) Uniek-Merkje/4.2"
LINKED_TO_RESPONSES = (Response, Answer, OpenAnswer)


@pytest.fixture
def answered(client, scan_round, group):
    """Twelve residents from twelve addresses answer through the open link, each in a fresh browser."""
    url = group("residents").get_absolute_url()
    for n, address in enumerate(ADDRESSES):
        client.cookies.clear()
        data = {"q_par_room": str(1 + n % 5), "t_open_better": f"Antwoord nummer {n}", "action": "confirm"}
        assert client.post(url, data, REMOTE_ADDR=address, HTTP_USER_AGENT=BROWSER).status_code == 302
    return scan_round


def _all_stored_text() -> str:
    """Every value in every table of the database, as one text."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (table names come from introspection)
            parts.extend(str(value) for row in cursor.fetchall() for value in row)
    return "\n".join(parts)


def test_no_address_or_browser_is_stored_anywhere(answered):
    stored = _all_stored_text()
    for address in ADDRESSES:
        assert address not in stored
    assert "Mientje" not in stored and "Uniek-Merkje" not in stored


def test_digests_cannot_be_redone_with_the_secret_key_and_die_with_the_round(answered, settings):
    digests = set(AddressTally.objects.values_list("digest", flat=True))
    assert len(digests) == len(ADDRESSES)
    # Not keyed with the SECRET_KEY (public by default before), with or without the browser.
    for address in ADDRESSES:
        for message in (address, f"{answered.pk}|{address}|{BROWSER}"):
            guess = hmac.new(settings.SECRET_KEY.encode(), message.encode(), hashlib.sha256).hexdigest()
            assert guess not in digests
    # Closing the round deletes the tallies and the key that made them.
    from participatiemix.scan import services

    services.round_close(scan_round=answered)
    assert not AddressTally.objects.exists() and ScanRound.objects.get(pk=answered.pk).tally_salt == ""


def test_tables_with_responses_hold_no_time_and_no_digest():
    for model in LINKED_TO_RESPONSES:
        kinds = {type(f) for f in model._meta.concrete_fields}
        assert not kinds & {models.DateTimeField, models.TimeField}, model
        names = {f.name for f in model._meta.concrete_fields}
        assert not names & {"digest", "ip", "address", "user_agent", "created_at", "code"}, model
    assert {f.name for f in Response._meta.concrete_fields} == {
        "id",
        "round_group",
        "submitted_on",
        "questionnaire_version",
    }
    # The duplicate-suppression table has no time and refers to no response.
    tally_fields = {f.name: f for f in AddressTally._meta.concrete_fields}
    assert set(tally_fields) == {"id", "round", "digest", "answers"}
    assert tally_fields["round"].related_model is ScanRound
    # And no model of the app refers to a response except its own answers.
    referring = {
        m
        for m in apps.get_app_config("scan").get_models()
        for f in m._meta.concrete_fields
        if f.is_relation and f.related_model is Response
    }
    assert referring == {Answer, OpenAnswer}


def test_columns_in_the_database_hold_no_time_of_day():
    with connection.cursor() as cursor:
        for model in (*LINKED_TO_RESPONSES, AddressTally):
            description = connection.introspection.get_table_description(cursor, model._meta.db_table)
            for column in description:
                internal = connection.introspection.get_field_type(column.type_code, column)
                assert internal not in {"DateTimeField", "TimeField"}, (model, column.name)


def test_ids_do_not_give_the_order_of_answers_away(answered):
    for model in (*LINKED_TO_RESPONSES, AddressTally):
        ids = list(model.objects.values_list("pk", flat=True))
        assert len(ids) >= len(ADDRESSES)
        # Random 63-bit ids: far from a counter, and no two neighbours one apart.
        assert min(ids) > 2**20, model
        ordered = sorted(ids)
        assert all(b - a > 1 for a, b in zip(ordered, ordered[1:], strict=False)), model
    # The answer texts were typed in order 0..11; sorting responses by id does not give that order back.
    texts_by_id = [
        int(t.removeprefix("Antwoord nummer "))
        for t in OpenAnswer.objects.filter(question="open_better")
        .order_by("response_id")
        .values_list("text", flat=True)
    ]
    assert sorted(texts_by_id) == list(range(len(ADDRESSES))) and texts_by_id != list(range(len(ADDRESSES)))


def test_sqlite_keeps_no_hidden_counter(answered):
    """SQLite gives every table a hidden rowid that counts up, unless the primary key is that rowid."""
    if connection.vendor != "sqlite":
        assert connection.vendor == "postgresql"
        return
    with connection.cursor() as cursor:
        for model in (*LINKED_TO_RESPONSES, AddressTally):
            cursor.execute(f"SELECT rowid, id FROM {model._meta.db_table}")  # noqa: S608
            rows = cursor.fetchall()
            assert rows and all(rowid == pk for rowid, pk in rows), model
