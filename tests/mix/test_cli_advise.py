"""`participatiemix advise`: JSON on stdout, documents to a file, Dutch errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from participatiemix.cli import main
from participatiemix.mix.catalogue import DATA_DIR

ROOT = Path(__file__).resolve().parents[2]
EXE = ROOT / ".venv" / "bin" / "participatiemix"
DEMO = DATA_DIR / "cases" / "aardgasvrij.yaml"


def run(*args: str) -> subprocess.CompletedProcess:
    command = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "participatiemix.cli"]
    return subprocess.run([*command, "advise", *args], capture_output=True, text=True, timeout=120)


def test_json_through_the_installed_command():
    done = run(str(DEMO), "--format", "json")
    assert done.returncode == 0, done.stderr
    advice = json.loads(done.stdout)  # nothing but JSON on stdout (the solver banner is kept out)
    assert advice["case"]["title"] == "Een alternatief voor Gronings gas kiezen"
    assert {w["code"] for w in advice["warnings"]} == {"council_frames_missing"}
    assert "  " in done.stdout.splitlines()[1]  # indented
    assert "ë" in done.stdout or "é" in done.stdout or "–" in done.stdout  # ensure_ascii False


def test_json_in_process_english(capsys):
    assert main(["advise", str(DEMO), "--lang", "en"]) == 0
    advice = json.loads(capsys.readouterr().out)
    assert advice["lang"] == "en"
    assert advice["phases"][0]["instruments"][0]["reasons"][0].startswith("Serves")


def test_json_to_a_file(tmp_path):
    target = tmp_path / "advies.json"
    assert main(["advise", str(DEMO), "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["phases"]


@pytest.mark.parametrize(
    "content, expected",
    [
        ("title: x\n", "policy_question: dit veld ontbreekt"),
        ("- lijst\n", "dit is geen casus"),
        ("title: [\n", "geen geldige YAML"),
    ],
)
def test_bad_case_gives_dutch_message_and_exit_2(tmp_path, capsys, content, expected):
    bad = tmp_path / "casus.yaml"
    bad.write_text(content, encoding="utf-8")
    target = tmp_path / "uit.json"
    assert main(["advise", str(bad), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert not target.exists()


def test_missing_file_and_missing_output(tmp_path, capsys):
    assert main(["advise", str(tmp_path / "weg.yaml")]) == 2
    assert "bestaat niet" in capsys.readouterr().err
    assert main(["advise", str(DEMO), "--format", "docx"]) == 2
    assert "-o BESTAND" in capsys.readouterr().err


def test_bad_case_through_the_installed_command(tmp_path):
    bad = tmp_path / "casus.yaml"
    bad.write_text("title: x\nscale: heelal\n", encoding="utf-8")
    done = run(str(bad))
    assert done.returncode == 2 and done.stdout == ""
    assert "scale: 'heelal' is geen bekende schaal" in done.stderr


def test_markdown_and_documents(tmp_path, capsys):
    assert main(["advise", str(DEMO), "--format", "md"]) == 0
    assert "Gronings gas" in capsys.readouterr().out
    for fmt, magic in (("docx", b"PK"), ("pdf", b"%PDF")):
        target = tmp_path / f"plan.{fmt}"
        assert main(["advise", str(DEMO), "--format", fmt, "-o", str(target)]) == 0
        assert target.read_bytes().startswith(magic)


def _alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


HOSTILE_FILES = {
    "deep_yaml": ("casus.yaml", ("[" * 500 + "]" * 500).encode(), "te diep genest"),
    "deep_block_yaml": ("casus.yaml", "".join("  " * i + "a:\n" for i in range(300)).encode(), "te diep genest"),
    "alias_bomb": ("casus.yaml", _alias_bomb().encode(), "verwijzingen naar een anker"),
    "deep_json": ("casus.json", ("[" * 100_000 + "]" * 100_000).encode(), "te diep genest"),
    "binary": ("casus.yaml", bytes(range(256)) * 64, "geen tekst in UTF-8"),
    "too_large": ("casus.yaml", b"title: " + b"x" * (1024 * 1024), "te groot"),
    "nan": ("casus.json", b'{"title": NaN}', "NaN"),
    "huge_number": ("casus.yaml", b"title: " + b"9" * 5000, "een waarde kan niet worden gelezen"),
    "control_characters_only": ("casus.yaml", b"\x01\x02\x0b\x00", "dit is geen casus"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_hostile_file_through_the_installed_command(tmp_path, name):
    filename, content, expected = HOSTILE_FILES[name]
    bad = tmp_path / filename
    bad.write_bytes(content)
    target = tmp_path / "uit.json"
    done = run(str(bad), "-o", str(target))
    assert done.returncode == 2, done.stderr
    assert expected in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert len(done.stderr) < 500  # a short message, never the input echoed back
    assert sorted(p.name for p in tmp_path.iterdir()) == [filename]  # nothing written


def test_missing_file_and_directory_through_the_installed_command(tmp_path):
    done = run(str(tmp_path / "weg.yaml"))
    assert done.returncode == 2 and "weg.yaml: (document): dit bestand bestaat niet" in done.stderr
    done = run(str(tmp_path))
    assert done.returncode == 2 and "dit is een map, geen bestand" in done.stderr
    assert "Traceback" not in done.stderr


def test_output_that_cannot_be_written_leaves_nothing(tmp_path, capsys):
    folder = tmp_path / "map"
    folder.mkdir()
    assert main(["advise", str(DEMO), "-o", str(folder)]) == 2
    assert "dit is een map" in capsys.readouterr().err
    assert main(["advise", str(DEMO), "-o", str(tmp_path / "weg" / "uit.json")]) == 2
    assert "bestaat niet" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map"]
    assert list(folder.iterdir()) == []
