"""Name normalisation shared by storage (Person.search_names) and search, so the two always agree."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Letters with no Unicode decomposition, folded by hand so that "lukasz" finds "Łukasz".
_FOLD = str.maketrans(
    {"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "ß": "ss", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe"}
)


def normalise_name(value: str) -> str:
    """Lower case, accents removed, hyphens and apostrophes as spaces: 'Zoë O'Brien-Hall' -> 'zoe o brien hall'."""
    decomposed = unicodedata.normalize("NFKD", (value or "").translate(_FOLD))
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", ascii_only.lower()).strip()


def search_names_for(
    *, first: str, middle: str = "", last: str, preferred: str = "", aliases: Iterable[tuple[str, str]] = ()
) -> str:
    names = [f"{first} {middle} {last}", f"{preferred} {last}" if preferred else ""]
    names += [f"{a_first} {a_last}" for a_first, a_last in aliases]
    # Bars separate the names so a search for two words never matches across two different names.
    return "|" + "|".join(n for n in (normalise_name(x) for x in names) if n) + "|"
