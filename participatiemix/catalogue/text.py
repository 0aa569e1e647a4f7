"""Free text from forms is stored as plain text: markup removed, whitespace tidied. Templates escape on output."""

import html
import re

import nh3

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t]+")


def plain_text(value: str, *, multiline: bool = True) -> str:
    """Remove HTML (including script and style content) and control characters; keep the words."""
    text = html.unescape(nh3.clean(value or "", tags=set()))
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    if not multiline:
        return " ".join(line for line in lines if line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
