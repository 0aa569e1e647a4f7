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
                for key, value in entry.items():
                    if project[section][id_].get(key) != value:
                        problems.append(f"{section}.{id_}.{key}: {project[section][id_].get(key)!r} ≠ {value!r}")
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
