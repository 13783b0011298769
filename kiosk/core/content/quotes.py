"""Proving that a quotation appears verbatim in its source, and explaining where it does not.

Comparison ignores what differs between a curator's keyboard and the printed edition but not the words:
runs of whitespace, typographic versus straight quotes and apostrophes, the kinds of dash, and the ellipsis
character. An ellipsis in a quote ("…" or "...") marks an omission: the pieces around it must appear in the
source in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_TRANSLATE = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2011": "-",
        "\u2010": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2007": " ",
        "\u00ad": None,  # soft hyphen
    }
)
_SPACE = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\s*(?:\u2026|\.\.\.)\s*")


def normalise(text: str) -> str:
    text = text.translate(_TRANSLATE)
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Mismatch:
    """Where a quote stops matching its source."""

    matched: str  # the longest leading part of the (piece of the) quote found in the source
    quote_continues: str
    source_continues: str

    def describe(self) -> str:
        if not self.matched:
            return f"not found in the source: no passage starts like \u201c{self.quote_continues[:40]}\u201d"
        tail = self.matched[-40:]
        return (
            f"differs from the source after \u201c\u2026{tail}\u201d: the quote has "
            f"\u201c{self.quote_continues[:30]}\u201d where the source has \u201c{self.source_continues[:30]}\u201d"
        )


def find_mismatch(quote: str, source: str) -> Mismatch | None:
    """None when ``quote`` appears verbatim in ``source`` (after normalising both), else the first mismatch."""
    normal_source = _normalised_source(source)
    pieces = [p for p in _ELLIPSIS.split(normalise(quote)) if p]
    position = 0
    for piece in pieces:
        found = normal_source.find(piece, position)
        if found >= 0:
            position = found + len(piece)
            continue
        return _nearest(piece, normal_source, position)
    return None


@lru_cache(maxsize=16)
def _normalised_source(source: str) -> str:
    # Sources are long and every quote from one is checked against it: normalise each once.
    return normalise(source)


def _nearest(piece: str, source: str, start: int) -> Mismatch:
    # Containment of a prefix is monotone (if a prefix is absent, longer ones are too), so binary search
    # finds the longest leading part of the piece that the source holds.
    low, high = 0, len(piece)
    while low < high:
        middle = (low + high + 1) // 2
        if source.find(piece[:middle], start) >= 0:
            low = middle
        else:
            high = middle - 1
    matched = piece[:low]
    # Report at a word boundary so the message shows whole words.
    cut = matched.rfind(" ") + 1 if " " in matched else 0
    matched = matched[:cut]
    at = source.find(matched, start) + len(matched) if matched else -1
    source_continues = source[at : at + 60] if matched else ""
    return Mismatch(matched=matched.rstrip(), quote_continues=piece[cut:], source_continues=source_continues)
