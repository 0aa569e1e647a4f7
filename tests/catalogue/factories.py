"""Valid instrument documents for tests and the benchmark, built from the model file `burgerberaad.yaml`.

Tests never depend on how many curated files the data writers have finished: they build their own
catalogue from these documents in a temporary folder.
"""

from __future__ import annotations

import copy
import random
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from participatiemix.mix.catalogue import INSTRUMENTS_DIR, Catalogue, load_catalogue_from
from participatiemix.mix.vocabulary import load_vocabulary

MODEL_FILE = INSTRUMENTS_DIR / "burgerberaad.yaml"


@cache
def _model() -> dict[str, Any]:
    return yaml.safe_load(MODEL_FILE.read_text(encoding="utf-8"))


def model_document() -> dict[str, Any]:
    """A fresh deep copy of the model instrument (valid)."""
    return copy.deepcopy(_model())


def _pick(rng: random.Random, ids: list[str], low: int = 1, high: int = 3) -> list[str]:
    return rng.sample(ids, rng.randint(low, min(high, len(ids))))


def instrument_document(index: int, seed: int = 0, **overrides: Any) -> dict[str, Any]:
    """A valid instrument `gen_<index>` whose attributes vary with the index (deterministic)."""
    vocab = load_vocabulary()
    rng = random.Random(seed * 100_003 + index)
    doc = model_document()
    groups = vocab.ids("target_groups")
    reaches = _pick(rng, groups, 1, 4)
    misses = _pick(rng, [g for g in groups if g not in reaches], 0, 2)
    cost_max = rng.choice([2_000, 5_000, 12_000, 25_000, 80_000, 250_000])
    doc.update(
        id=f"gen_{index:04d}",
        name={"nl": f"Proefinstrument {index}", "en": f"Test instrument {index}"},
        summary={"nl": f"Samenvatting van proefinstrument {index}.", "en": f"Summary of test instrument {index}."},
        levels=_pick(rng, vocab.ids("levels"), 1, 2),
        phases=_pick(rng, vocab.ids("phases"), 1, 3),
        goals={goal: rng.randint(1, 3) for goal in _pick(rng, vocab.ids("goals"), 1, 4)},
        democracy_forms=_pick(rng, vocab.ids("democracy_forms"), 1, 2),
        selection=_pick(rng, vocab.ids("selection"), 1, 2),
        scales=_pick(rng, vocab.ids("scales"), 1, 3),
        reaches=reaches,
        misses=misses,
        online=rng.choice(vocab.ids("online_modes")),
        cost_eur={"min": cost_max // 2, "max": cost_max, "estimate": True},
    )
    doc.update(overrides)
    return doc


def write_documents(directory: Path, documents: list[dict[str, Any]]) -> Path:
    """Write each document as `<id>.yaml` (C dumper when available: the benchmark writes 2,000)."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    directory.mkdir(parents=True, exist_ok=True)
    for doc in documents:
        text = yaml.dump(doc, Dumper=dumper, allow_unicode=True, sort_keys=False)
        (directory / f"{doc['id']}.yaml").write_text(text, encoding="utf-8")
    return directory


def build_catalogue(directory: Path, count: int, include_model: bool = True) -> Catalogue:
    """A validated catalogue of `count` generated instruments (plus the model file) in `directory`."""
    documents = [instrument_document(i) for i in range(count)]
    if include_model:
        documents.append(model_document())
    write_documents(directory, documents)
    return load_catalogue_from(directory, require_vocabulary_ids=False)
