"""`participatiemix catalogue`: every instrument as JSON (CONTRACTS.md §3) or CSV.

Exit codes: 0 ok, 2 the catalogue (or the output file) was refused; Dutch messages on stderr.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

from participatiemix.mix.catalogue import Catalogue, Instrument, load_catalogue, load_catalogue_from
from participatiemix.mix.errors import DataError

# CSV columns: scalar and list fields as they are; texts in both languages; ranges as min-max.
CSV_COLUMNS = [
    "id",
    "name_nl",
    "name_en",
    "summary_nl",
    "summary_en",
    "levels",
    "phases",
    "goals",
    "democracy_forms",
    "selection",
    "scales",
    "participants",
    "reaches",
    "misses",
    "online",
    "cost_eur",
    "staff_hours",
    "lead_time_weeks",
    "duration_weeks",
    "estimates",
    "vote",
    "council_role_nl",
    "council_role_en",
    "sources",
]
RANGES = ("participants", "cost_eur", "staff_hours", "lead_time_weeks", "duration_weeks")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=["json", "csv"],
        default="json",
        help="uitvoer: json (standaard) of csv (één regel per instrument)",
    )
    parser.add_argument("-o", "--output", metavar="BESTAND", help="schrijf naar dit bestand in plaats van het scherm")
    parser.add_argument(
        "--dir",
        metavar="MAP",
        help="controleer en toon de instrumentbestanden in deze map in plaats van de meegeleverde catalogus",
    )


def _number(value: float) -> str:
    return f"{value:g}"


def csv_row(instrument: Instrument) -> dict[str, str]:
    data = instrument.contract_dict()
    row: dict[str, str] = {
        "id": instrument.id,
        "name_nl": instrument.name.nl,
        "name_en": instrument.name.en,
        "summary_nl": instrument.summary.nl,
        "summary_en": instrument.summary.en,
        "goals": ";".join(f"{goal}:{strength}" for goal, strength in instrument.goals.items()),
        "online": instrument.online,
        "vote": "true" if instrument.vote else "false",
        "council_role_nl": instrument.council_role.nl,
        "council_role_en": instrument.council_role.en,
        "sources": ";".join(source.url for source in instrument.sources),
        "estimates": ";".join(key for key in RANGES if getattr(instrument, key).estimate),
    }
    for key in ("levels", "phases", "democracy_forms", "selection", "scales", "reaches", "misses"):
        row[key] = ";".join(data[key])
    for key in RANGES:
        low, high = data[key]
        row[key] = f"{_number(low)}-{_number(high)}"
    return row


def render(catalogue: Catalogue, fmt: str) -> str:
    instruments = sorted(catalogue, key=lambda instrument: instrument.id)
    if fmt == "json":
        return json.dumps([i.contract_dict() for i in instruments], ensure_ascii=False, indent=2) + "\n"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for instrument in instruments:
        writer.writerow(csv_row(instrument))
    return buffer.getvalue()


def _load(directory: str | None) -> Catalogue:
    if directory is None:
        return load_catalogue()
    return load_catalogue_from(Path(directory), require_vocabulary_ids=False)


def run(args: argparse.Namespace) -> int:
    try:
        catalogue = _load(args.dir)
    except DataError as exc:
        print("De catalogus is afgekeurd:", file=sys.stderr)
        for message in exc.messages:
            print(f"  {message}", file=sys.stderr)
        return 2
    text = render(catalogue, args.format)
    if not args.output:
        sys.stdout.write(text)
        return 0
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"{args.output}: (bestand): kan niet worden geschreven ({exc.strerror or exc})", file=sys.stderr)
        return 2
    print(f"{len(catalogue)} instrumenten geschreven naar {args.output}", file=sys.stderr)
    return 0
