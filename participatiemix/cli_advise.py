"""`participatiemix advise CASE.yaml --format json|md|docx|pdf [-o FILE] [--lang nl|en]`.

json prints the advice of CONTRACTS.md §2; md/docx/pdf render the plan with `participatiemix.documents.plan`.
Bad input: a Dutch (or English with --lang en) message on stderr, exit code 2, nothing written.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import tempfile
from pathlib import Path

from participatiemix.mix.advisor import advise, default_catalogue
from participatiemix.mix.case import load_case
from participatiemix.mix.errors import DataError
from participatiemix.mix.text import excerpt

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


def _write(target: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, so a failed write leaves nothing half-written."""
    fd, tmp = tempfile.mkstemp(prefix=".participatiemix-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace) -> int:
    if args.format in BINARY and not args.output:
        return _fail(f"--format {args.format} schrijft een bestand; geef dat op met -o BESTAND")
    target = Path(args.output) if args.output else None
    if target is not None and not target.parent.is_dir():
        return _fail(f"{excerpt(args.output, 80)}: de map {excerpt(str(target.parent), 80)} bestaat niet")
    if target is not None and target.is_dir():
        return _fail(f"{excerpt(args.output, 80)}: dit is een map; geef een bestandsnaam op")
    try:
        catalogue = default_catalogue()
        # load_case refuses a missing file, a folder, a binary or too large file and hostile YAML/JSON.
        case = load_case(Path(args.case), instrument_ids=sorted(i.id for i in catalogue))
        advice = advise(case, catalogue=catalogue, lang=args.lang)
    except DataError as exc:
        return _fail("het advies kan niet worden gemaakt:\n" + "\n".join(exc.messages))
    try:
        output = _render(advice, args.format, args.lang)
    except ModuleNotFoundError:
        return _fail(f"het formaat {args.format} is in deze installatie niet beschikbaar; gebruik --format json")
    if target is None:
        sys.stdout.write(output if isinstance(output, str) else output.decode("utf-8"))
        return 0
    try:
        _write(target, output.encode("utf-8") if isinstance(output, str) else output)
    except OSError as exc:
        reason = exc.strerror or "schrijven lukt niet"
        return _fail(f"{excerpt(args.output, 80)}: het bestand kan niet worden geschreven ({reason})")
    return 0
