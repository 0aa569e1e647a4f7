"""Pure zelfscan logic: questionnaire file, answer checking, aggregation with privacy rule, trend, themes."""

from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from participatiemix.mix import scan
from participatiemix.mix.errors import DataError
from participatiemix.mix.vocabulary import load_vocabulary

Q = scan.load_questionnaire()
ITEM_DIMENSION = {i.id: d.id for d in Q.dimensions for i in d.items}


# --------------------------------------------------------------------------- questionnaire


def test_questionnaire_v1_covers_democracy_and_clear_in_fifteen_minutes():
    assert Q.version == "v1" and scan.available_versions() == ["v1"]
    ids = [d.id for d in Q.dimensions]
    assert ids[:6] == ["representative", "participation", "do_democracy", "deliberation", "inclusion", "organisation"]
    assert ids[6:] == ["can_do", "like_to", "enabled_to", "asked_to", "responded_to"]
    assert {d.family for d in Q.dimensions[6:]} == {"clear"}
    assert 35 <= len(Q.item_ids) <= 45
    assert len(Q.open_ids) == 3
    assert Q.minutes == 15
    for dimension in Q.dimensions:
        assert dimension.label.nl and dimension.label.en
        for item in dimension.items:
            assert item.text.nl.endswith(".") and item.text.en.endswith(".")
            # Same statement for every group: a group text only adds a hint to the shared statement.
            for text in item.text_by_group.values():
                assert text.nl.startswith(item.text.nl.rstrip("."))


def test_every_dimension_has_an_agenda_with_vocabulary_ids():
    vocabulary = load_vocabulary()
    for dimension in Q.dimensions:
        agenda = dimension.agenda
        assert len(agenda.reason.nl) > 80
        assert all(vocabulary.has("instruments", i) for i in agenda.instruments)
        assert all(vocabulary.has("goals", g) for g in agenda.goals)
        assert all(vocabulary.has("target_groups", g) for g in agenda.target_groups)


def _raw() -> dict:
    return yaml.safe_load((scan.SCAN_DIR / "questionnaire-v1.yaml").read_text(encoding="utf-8"))


def test_bad_questionnaire_is_refused_with_dutch_field_messages():
    raw = _raw()
    raw["dimensions"][0]["agenda"]["goals"] = ["bestaat_niet"]
    raw["dimensions"][1]["items"][0]["id"] = raw["dimensions"][0]["items"][0]["id"]
    del raw["title"]
    with pytest.raises(DataError) as info:
        scan.parse_questionnaire(raw, "scan/questionnaire-v1.yaml")
    text = "\n".join(info.value.messages)
    assert "scan/questionnaire-v1.yaml: title: dit veld ontbreekt en is verplicht" in text
    assert "'bestaat_niet' is geen bekend doel" in text
    assert "dimensions[0].agenda" in text


def test_duplicate_ids_and_wrong_scale_are_named():
    raw = _raw()
    raw["dimensions"][1]["items"][0]["id"] = raw["dimensions"][0]["items"][0]["id"]
    with pytest.raises(DataError, match="komt twee keer voor"):
        scan.parse_questionnaire(raw, "x.yaml")
    raw = _raw()
    raw["scale"] = list(reversed(raw["scale"]))
    with pytest.raises(DataError, match="1, 2, 3, 4, 5"):
        scan.parse_questionnaire(raw, "x.yaml")
    raw = _raw()
    raw["dimensions"][5]["items"][0]["text_by_group"] = {"wethouders": {"nl": "x", "en": "x"}}
    with pytest.raises(DataError, match="'wethouders' is geen bekende respondentgroep"):
        scan.parse_questionnaire(raw, "x.yaml")


def test_broken_yaml_and_unknown_version(tmp_path: Path):
    bad = tmp_path / "questionnaire-v9.yaml"
    bad.write_text("version: v9\ntitle: [", encoding="utf-8")
    with pytest.raises(DataError, match=r"scan/questionnaire-v9.yaml: regel \d+: is geen geldige YAML"):
        scan.load_questionnaire_file(bad)
    with pytest.raises(DataError, match="'../etc' is geen versie"):
        scan.load_questionnaire("../etc")


def test_group_specific_statement_keeps_the_shared_meaning():
    item = Q.item("org_skills")
    assert item.statement("council") == item.text.nl
    assert item.statement("residents").startswith(item.text.nl.rstrip("."))
    assert item.statement("residents", "en").startswith("Civil servants")


# --------------------------------------------------------------------------- submissions

LIKERT = ["a", "b", "c"]
TEXTS = ["open"]


def test_valid_submission_with_dont_know_and_skips():
    sub = scan.parse_submission(
        {"q_a": ["4"], "q_b": ["dk"], "q_c": [""], "t_open": ["  Meer uitleg.  "]}, likert_ids=LIKERT, text_ids=TEXTS
    )
    assert sub.likert == {"a": 4, "b": None}
    assert sub.texts == {"open": "Meer uitleg."}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"q_b": ["2"], "q_a": ["6"]}, "'6' is geen geldig antwoord. Kies 1 tot en met 5 of 'weet ik niet'."),
        ({"q_b": ["2"], "q_a": ["0"]}, "'0' is geen geldig antwoord"),
        ({"q_b": ["2"], "q_a": ["3.5"]}, "'3.5' is geen geldig antwoord"),
        ({"q_b": ["2"], "q_zz": ["3"]}, "Het formulier bevat een vraag die niet in deze zelfscan staat ('q_zz')."),
        ({"q_b": ["2"], "t_a": ["tekst"]}, "niet in deze zelfscan staat"),
        ({"q_b": ["2"], "q_a": ["3", "4"]}, "meer dan één keer beantwoord"),
        ({"t_open": ["x" * 1001]}, "Dit antwoord is 1001 tekens lang. Het mag hoogstens 1000 tekens zijn."),
        ({"q_a": [""]}, "U heeft nog geen enkele vraag beantwoord"),
        ({}, "U heeft nog geen enkele vraag beantwoord"),
    ],
)
def test_bad_submission_is_refused_as_a_whole(data, message):
    with pytest.raises(scan.SubmissionError) as info:
        scan.parse_submission(data, likert_ids=LIKERT, text_ids=TEXTS)
    assert message in str(info.value)


answers = st.dictionaries(st.sampled_from(LIKERT), st.sampled_from(["1", "2", "3", "4", "5", "dk"]), min_size=1)


@given(answers)
def test_any_answer_on_the_scale_is_accepted_exactly(data):
    sub = scan.parse_submission({f"q_{k}": [v] for k, v in data.items()}, likert_ids=LIKERT, text_ids=TEXTS)
    assert sub.likert == {k: (None if v == "dk" else int(v)) for k, v in data.items()}


@given(answers, st.text(min_size=1, max_size=5).filter(lambda v: v.strip() not in {"1", "2", "3", "4", "5", "dk"}))
def test_any_value_off_the_scale_refuses_everything(data, bad):
    fields = {f"q_{k}": [v] for k, v in data.items()}
    fields["q_a"] = [bad if bad.strip() else bad + "x"]
    with pytest.raises(scan.SubmissionError) as info:
        scan.parse_submission(fields, likert_ids=LIKERT, text_ids=TEXTS)
    assert [field for field, _ in info.value.errors] == ["q_a"]


# --------------------------------------------------------------------------- aggregation

MAP = {"x1": "d1", "x2": "d1", "y1": "d2", "own": ""}


def test_means_exclude_dont_know_and_dimension_pools_answers():
    rows = [
        ("council", "x1", 5, 3),
        ("council", "x1", None, 4),
        ("council", "x2", 2, 3),
        ("council", "y1", 4, 6),
        ("residents", "x1", 1, 5),
        ("residents", "x2", 3, 5),
        ("residents", "own", 4, 5),
    ]
    r = scan.aggregate(item_dimension=MAP, counts={"council": 7, "residents": 5}, rows=rows)
    assert r.shown_groups == ["council", "residents", scan.ALL]
    assert r.mean("council", "x1") == 5
    assert r.items[("council", "x1")].dont_know == 4
    assert r.mean("council", "d1", dimension=True) == pytest.approx((15 + 6) / 6)
    assert r.mean(scan.ALL, "x1") == pytest.approx((15 + 5) / 8)
    assert r.mean("residents", "own") == 4 and ("residents", "") not in r.dimensions
    assert r.dimension_gaps[0].key == "d1" and r.dimension_gaps[0].high_group == "council"
    assert r.dimension_gaps[0].difference == pytest.approx(3.5 - 2)
    assert r.item_gaps[0].key == "x1" and r.item_gaps[0].difference == pytest.approx(4)
    assert r.ranked_dimensions()[0][0] == "d1"


def test_small_groups_are_merged_into_other_or_hidden_everywhere():
    rows = [("council", "x1", 5, 3), ("executive", "x1", 5, 2), ("residents", "x1", 1, 10)]
    merged = scan.aggregate(item_dimension=MAP, counts={"council": 3, "executive": 2, "residents": 10}, rows=rows)
    assert merged.shown_groups == ["residents", scan.OTHER, scan.ALL]
    assert merged.merged_groups == ["council", "executive"] and merged.hidden_groups == []
    assert merged.mean(scan.OTHER, "x1") == 5
    hidden = scan.aggregate(item_dimension=MAP, counts={"council": 3, "residents": 10}, rows=rows[:1] + rows[2:])
    assert hidden.shown_groups == ["residents", scan.ALL] and hidden.hidden_groups == ["council"]
    # Hidden answers also stay out of "all": otherwise council = all - residents could be derived.
    assert hidden.mean(scan.ALL, "x1") == 1 and hidden.counted_responses == 10
    nothing = scan.aggregate(item_dimension=MAP, counts={"council": 4}, rows=rows[:1])
    assert not nothing.has_results and nothing.items == {} and nothing.total_responses == 4


GROUP_COUNTS = st.dictionaries(st.sampled_from(scan.GROUPS), st.integers(min_value=0, max_value=12), min_size=1)


@st.composite
def answer_sets(draw):
    counts = draw(GROUP_COUNTS)
    responses = []  # (group, {item: value or None})
    for group, n in counts.items():
        for _ in range(n):
            responses.append(
                (group, draw(st.dictionaries(st.sampled_from(list(MAP)), st.sampled_from([1, 2, 3, 4, 5, None]))))
            )
    return counts, responses


def _rows(responses):
    tally = defaultdict(int)
    for group, answers in responses:
        for item, value in answers.items():
            tally[(group, item, value)] += 1
    return [(g, i, v, n) for (g, i, v), n in tally.items()]


@settings(max_examples=150, deadline=None)
@given(answer_sets())
def test_aggregation_matches_a_plain_count(data):
    counts, responses = data
    r = scan.aggregate(item_dimension=MAP, counts=counts, rows=_rows(responses))
    column = {g: g for g in r.shown_groups} | {g: scan.OTHER for g in r.merged_groups}
    # Privacy: every shown group (and "overige") has at least 5 responses; hidden groups count nowhere.
    for group in r.comparable_groups:
        size = counts.get(group, 0) if group != scan.OTHER else sum(counts[g] for g in r.merged_groups)
        assert size >= scan.MIN_GROUP_SIZE
    assert set(r.hidden_groups).isdisjoint(r.shown_groups)
    assert set(r.hidden_groups) | set(r.merged_groups) | set(r.comparable_groups) >= {g for g, n in counts.items() if n}
    for shown in r.shown_groups:
        members = [a for g, a in responses if column.get(g) == shown or (shown == scan.ALL and g in column)]
        for item in MAP:
            numeric = [a[item] for a in members if a.get(item) is not None]
            dont_know = sum(1 for a in members if item in a and a[item] is None)
            cell = r.items.get((shown, item))
            if not numeric and not dont_know:
                assert cell is None
                continue
            assert cell.n == len(numeric) and cell.dont_know == dont_know
            assert cell.mean == (pytest.approx(sum(numeric) / len(numeric)) if numeric else None)
        pooled = [a[i] for a in members for i in ("x1", "x2") if a.get(i) is not None]
        if pooled:
            assert r.mean(shown, "d1", dimension=True) == pytest.approx(sum(pooled) / len(pooled))
    for gap in r.item_gaps + r.dimension_gaps:
        assert gap.difference >= 0 and gap.high_group in r.comparable_groups


def test_trend_pairs_dimension_means_of_two_rounds():
    before = scan.aggregate(item_dimension=MAP, counts={"residents": 5}, rows=[("residents", "x1", 2, 5)])
    after = scan.aggregate(
        item_dimension=MAP,
        counts={"residents": 6, "council": 5},
        rows=[("residents", "x1", 3, 6), ("council", "y1", 4, 5)],
    )
    rows = scan.trend(earlier=before, later=after, dimension_ids=["d1", "d2"])
    by_key = {(r.group, r.dimension): r for r in rows}
    assert by_key[("residents", "d1")].change == pytest.approx(1)
    assert by_key[("council", "d2")].before is None and by_key[("council", "d2")].change is None
    assert rows[-1].group == scan.ALL


# --------------------------------------------------------------------------- themes


def test_open_answers_are_grouped_by_shared_words_deterministically():
    texts = [
        "Laat weten wat er met onze inbreng is gedaan.",
        "Terugkoppeling over de inbreng ontbreekt.",
        "Vertel wat er met de inbreng gebeurt.",
        "Jongeren worden nooit gevraagd.",
        "Vraag jongeren via school.",
        "Jongeren moeten meer meedoen.",
        "Brieven zijn moeilijk te lezen.",
        "Schrijf brieven in gewone taal.",
        "De brieven zijn te lang.",
    ] * 2
    groups = scan.group_texts(texts)
    assert groups == scan.group_texts(texts)
    assert sum(len(g.texts) for g in groups) == len(texts)
    youth = next(g for g in groups if "jongeren" in g.label)
    assert all("ongeren" in t for t in youth.texts)
    assert scan.group_texts([]) == [] and scan.group_texts(["  "]) == []
    single = scan.group_texts(["Meer bankjes in het park."])
    assert single[0].texts == ("Meer bankjes in het park.",) and "bankjes" in single[0].label


def test_many_answers_are_grouped_on_a_sample_and_all_assigned():
    themes = {
        "jongeren": "Jongeren op het sportpark vragen nummer {}.",
        "brieven": "Brieven van de gemeente in gewone taal, brief {}.",
        "terugkoppeling": "Terugkoppeling over de inbreng na avond {}.",
    }
    texts = [template.format(i) for i in range(150) for template in themes.values()]
    groups = scan.group_texts(texts, sample_size=40)
    assert groups == scan.group_texts(texts, sample_size=40)
    assert sorted(t for g in groups for t in g.texts) == sorted(texts)
    for group in groups:
        kinds = {word for word in themes if any(word in t.lower() for t in group.texts[:1])}
        (kind,) = kinds
        assert all(kind in t.lower() for t in group.texts), group.label
