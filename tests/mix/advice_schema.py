"""A structural check of the advice JSON (CONTRACTS.md §2), shared by the advisor tests."""

from __future__ import annotations

import json

from participatiemix.mix.catalogue import Catalogue
from participatiemix.mix.vocabulary import load_vocabulary

TOP_KEYS = {"case", "preconditions", "phases", "council_moments", "coverage", "warnings", "requirements", "estimate"}
SEVERITIES = {"info", "warning", "blocker"}


def check_advice(advice: dict, catalogue: Catalogue, forbidden: dict[str, set[str]] | None = None) -> None:
    """Raise AssertionError when `advice` breaks the contract. `forbidden`: phase -> ids that must not appear."""
    vocab = load_vocabulary()
    json.dumps(advice)  # JSON-serialisable
    assert set(advice) >= TOP_KEYS
    case = advice["case"]
    assert [p["phase"] for p in advice["phases"]] == [p["phase"] for p in case["phases"]]
    for pre in advice["preconditions"]:
        assert set(pre) >= {"id", "ok", "message"} and isinstance(pre["ok"], bool) and pre["message"]
    for phase in advice["phases"]:
        ids = [i["id"] for i in phase["instruments"]]
        assert len(ids) == len(set(ids))
        scores = [i["score"] for i in phase["instruments"]]
        assert scores == sorted(scores, reverse=True)
        for item in phase["instruments"]:
            assert item["id"] in catalogue
            assert 0 <= item["score"] <= 1
            assert item["reasons"] and all(isinstance(r, str) and r for r in item["reasons"])
            assert set(item["reaches"]) <= set(case["target_groups"])
            assert "_" not in " ".join(item["reasons"]), "reasons show labels, never raw ids"
        for alt in phase["alternatives"]:
            assert alt["id"] in catalogue and alt["id"] not in ids and alt["why_not"]
        if forbidden:
            assert not set(ids) & forbidden.get(phase["phase"], set())
    for moment in advice["council_moments"]:
        assert moment["moment"] in vocab.ids("council_moments")
        assert moment["phase"] in [p["phase"] for p in case["phases"]] and moment["message"]
    coverage = advice["coverage"]
    assert set(coverage["target_groups"]) == set(case["target_groups"])
    assert coverage["uncovered"] == [g for g, ids in coverage["target_groups"].items() if not ids]
    for warning in advice["warnings"]:
        assert warning["code"] in vocab.ids("warnings")
        assert warning["severity"] in SEVERITIES and warning["message"]
        assert warning["phase"] is None or warning["phase"] in [p["phase"] for p in case["phases"]]
    assert set(advice["requirements"]) == {"competences", "preconditions", "council", "internal_organisation"}
    estimate = advice["estimate"]
    for key in ("cost_eur", "staff_hours"):
        low, high = estimate[key]
        assert 0 <= low <= high
    assert estimate["weeks"] >= 0
