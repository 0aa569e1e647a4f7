"""`participatiemix catalogue`: JSON per CONTRACTS.md §3, CSV, and Dutch refusals with exit code 2."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from participatiemix import cli, cli_catalogue
from participatiemix.mix.errors import DataError
from tests.catalogue.factories import build_catalogue, instrument_document, write_documents

SCRIPT = Path(sys.executable).parent / "participatiemix"
CONTRACT_KEYS = {
    "id",
    "name",
    "summary",
    "levels",
    "phases",
    "goals",
    "democracy_forms",
    "reaches",
    "misses",
    "online",
    "cost_eur",
    "staff_hours",
    "lead_time_weeks",
    "council_role",
    "sources",
}


@pytest.fixture
def folder(tmp_path):
    build_catalogue(tmp_path / "instrumenten", 3)
    return tmp_path / "instrumenten"


def run_script(*args: str) -> subprocess.CompletedProcess:
    assert SCRIPT.exists(), f"{SCRIPT} ontbreekt: installeer het pakket (pip install -e .)"
    return subprocess.run([str(SCRIPT), "catalogue", *args], capture_output=True, text=True, timeout=60)


def test_json_via_installed_script(folder):
    result = run_script("--format", "json", "--dir", str(folder))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [d["id"] for d in data] == ["burgerberaad", "gen_0000", "gen_0001", "gen_0002"]
    for item in data:
        assert set(item) >= CONTRACT_KEYS
    model = data[0]
    assert model["cost_eur"] == [50000, 250000]
    assert model["name"]["nl"] == "Burgerberaad (geloot)"
    assert model["sources"][0]["url"].startswith("https://")


def test_csv_to_file_via_installed_script(folder, tmp_path):
    out = tmp_path / "catalogus.csv"
    result = run_script("--format", "csv", "-o", str(out), "--dir", str(folder))
    assert result.returncode == 0, result.stderr
    assert "4 instrumenten geschreven" in result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == ["burgerberaad", "gen_0000", "gen_0001", "gen_0002"]
    model = rows[0]
    assert model["cost_eur"] == "50000-250000"
    assert model["lead_time_weeks"] == "16-36"
    assert model["levels"] == "advise;coproduce"
    assert model["goals"].startswith("weigh_options:3;improve_quality:3")
    assert "lead_time_weeks" not in model["estimates"].split(";")
    assert model["name_en"] == "Citizens' assembly (sortition)"


def test_broken_catalogue_exits_2_with_dutch_messages(tmp_path):
    doc = instrument_document(1)
    doc["levels"] = ["stemmen"]
    doc["cost_eur"] = {"min": 10, "max": 1}
    write_documents(tmp_path, [doc])
    result = run_script("--dir", str(tmp_path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "De catalogus is afgekeurd:" in result.stderr
    assert (
        "instruments/gen_0001.yaml: levels: 'stemmen' is geen bekende trede van de participatieladder" in result.stderr
    )
    assert "instruments/gen_0001.yaml: cost_eur: min (10) is groter dan max (1)" in result.stderr
    assert "Traceback" not in result.stderr


def test_unwritable_output_exits_2(folder, tmp_path):
    result = run_script("-o", str(tmp_path / "bestaat" / "niet" / "uit.json"), "--dir", str(folder))
    assert result.returncode == 2
    assert "kan niet worden geschreven" in result.stderr and "Traceback" not in result.stderr


def test_bad_format_is_refused_by_argparse():
    result = run_script("--format", "xml")
    assert result.returncode == 2
    assert "xml" in result.stderr


def test_in_process_default_catalogue(monkeypatch, capsys, small_catalogue):
    monkeypatch.setattr(cli_catalogue, "load_catalogue", lambda: small_catalogue)
    assert cli.main(["catalogue"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == len(small_catalogue)
    assert cli.main(["catalogue", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split(",")[:3] == ["id", "name_nl", "name_en"]
    assert len(lines) == len(small_catalogue) + 1


def test_in_process_broken_default_catalogue(monkeypatch, capsys):
    def broken():
        raise DataError(["instruments/x.yaml: id: kapot"])

    monkeypatch.setattr(cli_catalogue, "load_catalogue", broken)
    assert cli.main(["catalogue"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "  instruments/x.yaml: id: kapot" in captured.err


def test_csv_row_joins_lists_and_ranges():
    from participatiemix.mix.catalogue import parse_instrument

    instrument = parse_instrument(yaml.safe_load(yaml.safe_dump(instrument_document(7))), "x.yaml")
    row = cli_catalogue.csv_row(instrument)
    assert set(row) == set(cli_catalogue.CSV_COLUMNS)
    assert row["phases"] == ";".join(instrument.phases)
    assert row["participants"] == f"{instrument.participants.min:g}-{instrument.participants.max:g}"
