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


# --- phonetic keys for duplicate matching (issue 3, item 6) ---------------------------------------------------------
#
# A sound-alike key in the spirit of Soundex and Metaphone, with rules chosen for names in English records:
# spellings of one name that a referrer might write down after hearing it share a key (Thompson and Thomson,
# Catherine and Kathryn, Jayden and Jaiden, Mohammed and Muhammad, Stephen and Steven, Aisha and Ayesha), while
# the key keeps enough consonants that the block of people sharing it stays small. Soundex, NYSIIS and Double
# Metaphone all keep the P of Thompson, so none of them brings Thompson and Thomson together.

# Rewrites applied in this order to the whole lower-case name. "X" stands for the sound of "sh" and "ch".
_PHONETIC_RULES = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"^mac", "mc"),  # MacDonald, McDonald
        (r"^[gkp]n", "n"),  # Knight, Gnanam, Pnina
        (r"^ps", "s"),
        (r"^wr", "r"),
        (r"^wh", "w"),
        (r"^x", "s"),  # Xander, Zander
        (r"^gh", "g"),  # Ghazala
        (r"x", "ks"),  # Alexander, Aleksander
        (r"t?ch([rl])", r"k\1"),  # Christopher, Chloe
        (r"t?s?ch|sh", "X"),  # Charlotte, Aisha, Ayesha, Schofield
        (r"mp([st])", r"m\1"),  # Thompson, Sampson: the P is not heard
        (r"ph", "f"),
        (r"gh", ""),  # Leigh, Hugh, Callaghan
        (r"d[gj]", "j"),  # Bridget
        (r"g([eiy])", r"j\1"),  # George, Jorge; Gemma, Jemma
        (r"c([eiy])", r"s\1"),  # Cerys, Grace
        (r"[cq]", "k"),  # Catherine, Kathryn
        (r"kh", "k"),  # Khan, Kahn
        (r"th", "t"),  # Thomas, Smith, Smyth
        (r"z", "s"),
        (r"v", "f"),  # Steven, Stephen
        (r"d", "t"),  # Ahmed, Ahmet
    )
)
_SILENT = frozenset("aeiouyhw")  # vowels, and letters too often silent to tell names apart
PHONETIC_KEY_LENGTH = 12


def phonetic_key(value: str) -> str:
    """A sound-alike key of one name: 'Thompson' and 'Thomson' -> 'TMSN'; '' for a name with no letters.

    Several words ('De Souza', 'Smith-Jones') are keyed as one word. The first sound is kept even when it is a
    vowel (as 'A'), so 'Owen' and 'Eoin' meet but 'Owen' and 'Bowen' do not.
    """
    word = re.sub(r"[^a-z]", "", normalise_name(value))
    if not word:
        return ""
    for pattern, replacement in _PHONETIC_RULES:
        word = pattern.sub(replacement, word)
    if not word:
        return ""
    # A doubled letter is one sound (Phillip, Mohammed); a vowel between two equal consonants is kept apart.
    word = re.sub(r"(.)\1+", r"\1", word)
    first = "A" if word[0] in "aeiou" else word[0].upper()
    rest = "".join(c for c in word[1:] if c not in _SILENT)
    return (first + rest.upper())[:PHONETIC_KEY_LENGTH]


def compute_name_keys(*, first: str, last: str) -> str:
    """The matching key stored in Person.name_keys: '|<surname key>|<first-name key>|', e.g. '|TMSN|JTN|'."""
    return f"|{phonetic_key(last)}|{phonetic_key(first)}|"
