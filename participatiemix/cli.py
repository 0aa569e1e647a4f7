"""Command line: `participatiemix advise|catalogue …`, a thin shell over `mix/` and `documents/`.

Exit codes: 0 ok, 2 bad input (a Dutch message on stderr names the file, field and what is allowed;
never a traceback).
"""

from __future__ import annotations

import argparse
import importlib
import sys

# Each subcommand lives in its own module with `add_arguments(parser)` and `run(args) -> int`.
SUBCOMMANDS = {
    "advise": ("participatiemix.cli_advise", "Advies voor een casusbestand (JSON, Markdown, DOCX of PDF)."),
    "catalogue": ("participatiemix.cli_catalogue", "De instrumentencatalogus als JSON of CSV."),
    "threads": ("participatiemix.cli_threads", "Rode draden uit de notities van één vraag (JSON of tekst)."),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="participatiemix", description="Participatiemix op de opdrachtregel.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="{" + ",".join(SUBCOMMANDS) + "}")
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        module = importlib.import_module(module_name)
        module.add_arguments(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    module = importlib.import_module(SUBCOMMANDS[args.command][0])
    try:
        return module.run(args)
    except (RecursionError, MemoryError, OSError, ValueError, UnicodeError) as exc:
        # Subcommands turn bad input into Dutch messages; this is the last line: no traceback, exit 2.
        print(
            f"participatiemix {args.command}: de invoer kan niet worden verwerkt ({type(exc).__name__}); "
            "controleer het bestand en de opties",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
