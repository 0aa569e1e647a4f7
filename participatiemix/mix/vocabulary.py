"""The shared vocabulary: stable ids with Dutch and English labels.

The project file `participatiemix/data/vocabulary.yaml` is a superset of the shared
contract file; every other module refers to ids through this one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
VOCABULARY_FILE = DATA_DIR / "vocabulary.yaml"

# Sections whose entries are {id: {nl, en, ...}}.
LABELLED_SECTIONS = (
    "phases",
    "levels",
    "democracy_forms",
    "goals",
    "target_groups",
    "scales",
    "council_room",
    "instruments",
    "council_moments",
    "warnings",
    "selection",
    "online_modes",
    "cost_bands",
    "trust",
    "polarisation",
    "requirement_kinds",
    "severities",
    "topics",
)


@dataclass(frozen=True)
class Vocabulary:
    sections: dict[str, dict[str, dict[str, Any]]]
    level_promises: dict[str, dict[str, str]] = field(default_factory=dict)
    offline_reliant_groups: tuple[str, ...] = ()

    def ids(self, section: str) -> list[str]:
        """Ids of a section in file order (phases and levels are ordered)."""
        return list(self.sections[section])

    def has(self, section: str, id_: str) -> bool:
        return id_ in self.sections.get(section, {})

    def label(self, section: str, id_: str, lang: str = "nl") -> str:
        entry = self.sections.get(section, {}).get(id_)
        if not entry:
            return id_
        return entry.get(lang) or entry.get("nl") or id_

    def level_rank(self, level: str) -> int:
        return int(self.sections["levels"][level]["rank"])

    def phase_index(self, phase: str) -> int:
        return self.ids("phases").index(phase)

    def promise(self, level: str, lang: str = "nl") -> str:
        return self.level_promises.get(level, {}).get(lang, "")

    def choices(self, section: str, lang: str = "nl") -> list[tuple[str, str]]:
        return [(id_, self.label(section, id_, lang)) for id_ in self.ids(section)]


def parse_vocabulary(raw: dict[str, Any]) -> Vocabulary:
    sections = {name: dict(raw.get(name) or {}) for name in LABELLED_SECTIONS}
    return Vocabulary(
        sections=sections,
        level_promises=dict(raw.get("level_promises") or {}),
        offline_reliant_groups=tuple(raw.get("offline_reliant_groups") or ()),
    )


@cache
def load_vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    with open(path, encoding="utf-8") as fh:
        return parse_vocabulary(yaml.safe_load(fh))
