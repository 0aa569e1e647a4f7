"""The plain-text cleaner, pure Python (no Django), so `mix/`, the CLI and the web app clean text alike.

Text is kept as typed (templates escape on output; exports escape for their format), minus what no person
means to send: control characters (tab and newline stay), bidirectional overrides that make text read
differently than it is stored, and unpaired surrogates. Text made only of invisible characters (spaces,
zero-width characters) counts as empty, so a required field refuses it.

`participatiemix/site/text.py` re-exports these for the web app and adds cleaning of form data.
"""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls except tab and newline; DEL. \r is normalised to \n first.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidi embeddings/overrides/isolates (the "Trojan source" characters) and lone surrogates.
_HOSTILE = re.compile(r"[\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SPACES = re.compile(r"[^\S\n]+")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def _is_invisible(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) in {"Cf", "Zs", "Zl", "Zp", "Mn", "Cc"} or ch == "\u3164"


def is_invisible(value: str) -> bool:
    """True for '', spaces, or only zero-width and other invisible characters."""
    return all(_is_invisible(ch) for ch in value)


def strip_hostile(value: str) -> str:
    """Only remove what no person means to send (controls, bidi overrides, lone surrogates).

    Unlike clean_text this keeps spacing and line ends as written: an imported file's text stays the
    author's text (a YAML block scalar keeps its final newline).
    """
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return _HOSTILE.sub("", _CONTROL.sub("", text))


def clean_text(value: str | None, *, multiline: bool = True) -> str:
    """Plain text without control and hostile characters; '' when nothing visible is left."""
    if not value:
        return ""
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    text = _HOSTILE.sub("", _CONTROL.sub("", text))
    if multiline:
        lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
        text = _MANY_BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    else:
        text = _SPACES.sub(" ", text.replace("\n", " ")).strip()
    return "" if is_invisible(text) else text


def clean_structure(value, *, depth: int = 0, max_depth: int = 50):
    """Clean every string inside imported JSON/YAML data (dicts, lists), keeping keys and numbers."""
    if depth > max_depth:
        raise ValueError("te diep genest")
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {
            (clean_text(k) if isinstance(k, str) else k): clean_structure(v, depth=depth + 1, max_depth=max_depth)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [clean_structure(v, depth=depth + 1, max_depth=max_depth) for v in value]
    return value


def excerpt(value: str, limit: int = 60) -> str:
    """A short, safe piece of a refused value for an error message (never the whole thing)."""
    text = clean_text(str(value)[: limit * 4], multiline=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"
