"""The project vocabulary is a superset of the shared contract vocabulary: no id renamed, dropped or relabelled."""

from pathlib import Path

import pytest
import yaml

from participatiemix.mix.vocabulary import LABELLED_SECTIONS, VOCABULARY_FILE, load_vocabulary

REPO = Path(__file__).resolve().parents[2]
COMMITTED_COPY = REPO / "tests/data/shared_vocabulary.yaml"
SHARED = REPO.parent / "shared" / "vocabulary.yaml"  # beside the clone, locally and in CI
SOURCES = [COMMITTED_COPY] + ([SHARED] if SHARED.exists() else [])


def _sections(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_committed_copy_is_present():
    assert COMMITTED_COPY.exists(), f"{COMMITTED_COPY} ontbreekt: kopieer ../shared/vocabulary.yaml hierheen"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: str(p.relative_to(REPO.parent)))
def test_project_vocabulary_is_a_superset(source):
    shared = _sections(source)
    project = _sections(VOCABULARY_FILE)
    problems = []
    for section, entries in shared.items():
        if section not in project:
            problems.append(f"{section}: deze sectie ontbreekt")
            continue
        for id_, entry in (entries or {}).items():
            if id_ not in project[section]:
                problems.append(f"{section}.{id_}: ontbreekt")
            elif isinstance(entry, dict):
                # An unquoted comma in the shared file splits a label into stray keys with no value (wijkgesprek):
                # there our label is the whole text, so it only has to start with the shared fragment.
                split = any(value is None for value in entry.values())
                for key, value in entry.items():
                    ours = project[section][id_].get(key)
                    if value is None:
                        continue
                    if split and isinstance(ours, str) and ours.startswith(str(value)):
                        continue
                    if ours != value:
                        problems.append(f"{section}.{id_}.{key}: {ours!r} ≠ {value!r}")
    assert problems == [], f"vocabulary.yaml wijkt af van {source}:\n" + "\n".join(problems)


def test_every_labelled_entry_has_dutch_and_english():
    vocab = load_vocabulary()
    for section in LABELLED_SECTIONS:
        for id_, entry in vocab.sections[section].items():
            assert entry.get("nl") and entry.get("en"), f"{section}.{id_}"
    for level in vocab.ids("levels"):
        assert vocab.promise(level, "nl") and vocab.promise(level, "en"), level


def test_cost_bands_are_ascending_and_end_open():
    bands = load_vocabulary().sections["cost_bands"]
    limits = [band["max_eur"] for band in bands.values()]
    assert limits[-1] is None
    assert limits[:-1] == sorted(limits[:-1])


def test_every_label_is_one_dutch_and_one_english_text():
    """A comma in an unquoted YAML flow mapping splits a label into stray keys (it happened to wijkgesprek)."""
    import yaml

    from participatiemix.mix.vocabulary import LABELLED_SECTIONS, VOCABULARY_FILE

    raw = yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8"))
    allowed = {"nl", "en", "rank", "max_eur", "keywords"}
    for section in LABELLED_SECTIONS:
        for id_, entry in (raw.get(section) or {}).items():
            assert set(entry) <= allowed, f"{section}.{id_}: onbekende sleutels {sorted(set(entry) - allowed)}"
            assert isinstance(entry["nl"], str) and entry["nl"].strip(), f"{section}.{id_}: nl ontbreekt"
            assert isinstance(entry["en"], str) and entry["en"].strip(), f"{section}.{id_}: en ontbreekt"
