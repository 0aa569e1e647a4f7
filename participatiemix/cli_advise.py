"""`participatiemix advise CASE.yaml --format json|md|docx|pdf [-o FILE] [--lang nl|en]`.

json prints the advice of CONTRACTS.md §2; md/docx/pdf render the plan with `participatiemix.documents.plan`.
Bad input: a Dutch (or English with --lang en) message on stderr, exit code 2, nothing written.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

from participatiemix.mix.advisor import advise, default_catalogue
from participatiemix.mix.case import load_case
from participatiemix.mix.errors import DataError

FORMATS = ("json", "md", "docx", "pdf")
BINARY = ("docx", "pdf")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("case", metavar="CASUS", help="casusbestand (YAML of JSON)")
    parser.add_argument("--format", choices=FORMATS, default="json", help="uitvoer: json, md, docx of pdf")
    parser.add_argument("-o", "--output", metavar="BESTAND", help="schrijf naar dit bestand (verplicht bij docx/pdf)")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl", help="taal van het advies (nl of en)")


def _fail(message: str) -> int:
    print(f"participatiemix advise: {message}", file=sys.stderr)
    return 2


def _render(advice: dict, fmt: str, lang: str) -> str | bytes:
    if fmt == "json":
        return json.dumps(advice, indent=2, ensure_ascii=False) + "\n"
    plan = importlib.import_module("participatiemix.documents.plan")
    function = {"md": "plan_markdown", "docx": "plan_docx", "pdf": "plan_pdf"}[fmt]
    return getattr(plan, function)(advice, lang)


def run(args: argparse.Namespace) -> int:
    if args.format in BINARY and not args.output:
        return _fail(f"--format {args.format} schrijft een bestand; geef dat op met -o BESTAND")
    path = Path(args.case)
    if not path.is_file():
        return _fail(f"{args.case}: (document): dit bestand bestaat niet")
    try:
        catalogue = default_catalogue()
        case = load_case(path, instrument_ids=sorted(i.id for i in catalogue))
        advice = advise(case, catalogue=catalogue, lang=args.lang)
    except DataError as exc:
        return _fail("het advies kan niet worden gemaakt:\n" + "\n".join(exc.messages))
    try:
        output = _render(advice, args.format, args.lang)
    except ModuleNotFoundError:
        return _fail(f"het formaat {args.format} is in deze installatie niet beschikbaar; gebruik --format json")
    if args.output:
        target = Path(args.output)
        if not target.parent.is_dir():
            return _fail(f"{args.output}: de map {target.parent} bestaat niet")
        data = output.encode("utf-8") if isinstance(output, str) else output
        target.write_bytes(data)
    else:
        sys.stdout.write(output if isinstance(output, str) else output.decode("utf-8"))
    return 0
