"""Who in the records might this be? Candidate matches for a person named in a request (issue 3, item 6).

For each person named in a request, the triage worker sees the people already recorded who may be the same
person, each with a score from 0 to 100 and the reasons for it in plain English, and either confirms a match or
creates a new person. Nothing here decides: a worker does.

Two stages:

1. Blocking: a handful of indexed lookups over the queryset the caller passes (already scoped to what the user
   may see, `people_visible(user)`), each capped, gather at most a few hundred people who share something cheap
   to look up with the person given: the NHS number (or, for a number that is not real, the real ones one typing
   mistake away); the date of birth, also with day and month swapped, a day out or a year out; the sound of the
   surname and first name together (Person.name_keys), also for the other forms and short forms of the first
   name and for the names the wrong way round; either name and the month of birth; a surname recorded as
   another name; the postcode of a current or previous address. One query fetches them, two more their other
   names and addresses, and a fourth the people shown: the number of queries does not grow with the number of
   candidates.
2. Scoring: each candidate is compared field by field. Every comparison that counts gives points for or against,
   with a reason; the score is their sum, held between 0 and 100. Candidates under the threshold are dropped.

The points (WEIGHTS) were tuned on synthetic duplicates with bench/matching.py --seed 2 and measured on --seed 1.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, lru_cache, reduce
from operator import or_
from pathlib import Path
from typing import ClassVar

from django.db.models import Q, QuerySet

from earlyhelp.people.models import Address, Person, PersonAlias
from earlyhelp.people.names import compute_name_keys, normalise_name, phonetic_key
from earlyhelp.people.validators import check_nhs_number, normalise_nhs_number, normalise_postcode

__all__ = [
    "SHOW_THRESHOLD",
    "WEIGHTS",
    "Candidate",
    "Evidence",
    "Probe",
    "compute_name_keys",
    "match_candidates",
]

SHOW_THRESHOLD = 40  # candidates scoring less are not shown

# Points for and against, by the kind of evidence. Every point of a score comes from one of these, with a reason.
WEIGHTS: dict[str, int] = {
    "nhs_same": 60,
    "nhs_one_digit": 20,  # the number given fails its check digit and is one typing mistake from this one
    "nhs_different": -40,  # two real NHS numbers that differ: almost certainly two people
    "dob_same": 30,
    "dob_swapped": 22,
    "dob_near": 15,  # a day out, one digit wrong, or the year one out
    "dob_different": -20,
    "surname_same": 20,
    "surname_sounds": 16,
    "surname_spelt": 14,
    "surname_other": 16,  # a previous name, a name also known by, another spelling on record
    "surname_part": 12,  # one part of a double-barrelled name
    "surname_different": -10,  # surnames change (marriage, a child taking a step-parent's name): not much against
    "first_same": 20,
    "first_sounds": 15,
    "first_form": 15,  # a usual short form, or the same name in another spelling or language
    "first_spelt": 12,
    "first_start": 8,  # one name the start of the other
    "first_middle": 10,
    "first_initial": 5,
    "first_different": -15,
    "names_swapped": -3,  # first name and surname given the wrong way round (their own points still count)
    "postcode_current": 10,
    "postcode_previous": 8,
}

# Blocking: the most people each lookup may bring; their sum caps the candidates scored for one probe.
BLOCK_CAPS = {
    "nhs": 20,
    "dob": 100,
    "names": 100,
    "surname": 40,
    "first_name": 40,
    "postcode": 80,
    "other_names": 20,
}
SOUND_ALIKE_SPELLING = 0.74

_NICKNAMES_FILE = Path(__file__).resolve().parent / "data" / "nicknames.json"


@dataclass(frozen=True)
class Probe:
    """A person as named in a request. Any field may be blank; a surname, an NHS number or a date of birth is
    usually given."""

    first_name: str = ""
    last_name: str = ""
    date_of_birth: date | None = None
    nhs_number: str = ""
    postcode: str = ""


@dataclass(frozen=True)
class Evidence:
    kind: str  # a key of WEIGHTS
    points: int
    reason: str


@dataclass
class Candidate:
    person: Person
    score: int  # 0 to 100
    reasons: list[str]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class _Given:
    """The probe, normalised once."""

    first_raw: str
    last_raw: str
    first: str
    last: str
    dob: date | None
    nhs: str
    nhs_valid: bool
    nhs_near: frozenset[str]  # for a number that is not real: the real ones one typing mistake away
    postcode: str

    @classmethod
    def of(cls, probe: Probe) -> _Given:
        nhs = normalise_nhs_number(probe.nhs_number)
        valid = check_nhs_number(nhs)
        return cls(
            first_raw=probe.first_name.strip(),
            last_raw=probe.last_name.strip(),
            first=normalise_name(probe.first_name),
            last=normalise_name(probe.last_name),
            dob=probe.date_of_birth,
            nhs=nhs,
            nhs_valid=valid,
            nhs_near=frozenset() if valid else frozenset(_nhs_one_mistake_away(nhs)),
            postcode=normalise_postcode(probe.postcode) if probe.postcode.strip() else "",
        )


def match_candidates(
    *, people: QuerySet[Person], probe: Probe, limit: int = 10, threshold: int = SHOW_THRESHOLD
) -> list[Candidate]:
    """The people in `people` who may be the person given, best first, scoring at least `threshold`.

    `people` decides who may be found: pass the user's scope (`people_visible(user)`). Four queries at most.
    """
    given = _Given.of(probe)
    blocks = _blocks(people.order_by(), given)
    if not blocks:
        return []
    # Scored from plain values: a few hundred model instances per lookup would cost more than the SQL. Only the
    # people shown are fetched as Person rows, at the end.
    records = [_Record(*row) for row in people.filter(reduce(or_, blocks)).order_by().values_list(*_Record.FIELDS)]
    ids = [record.pk for record in records]
    other_names: dict[int, list[_OtherName]] = {}
    for person_id, first, last, kind in PersonAlias.objects.filter(person_id__in=ids).values_list(
        "person_id", "first_name", "last_name", "kind"
    ):
        other_names.setdefault(person_id, []).append(_OtherName(first, last, kind))
    postcodes: dict[int, list[tuple[str, bool]]] = {}
    for person_id, postcode, moved_out in (
        Address.objects.live().filter(person_id__in=ids).values_list("person_id", "postcode", "moved_out")
    ):
        postcodes.setdefault(person_id, []).append((_postcode(postcode), moved_out is None))
    scored = []
    for record in records:
        evidence = _score(given, record, other_names.get(record.pk, []), postcodes.get(record.pk, []))
        score = max(0, min(100, sum(e.points for e in evidence)))
        if score >= threshold:
            scored.append((score, record.pk, evidence))
    scored.sort(key=lambda item: (-item[0], item[1]))
    shown = scored[:limit]
    if not shown:
        return []
    persons = {person.pk: person for person in people.filter(pk__in=[pk for _, pk, _ in shown])}
    return [
        Candidate(person=persons[pk], score=score, reasons=[e.reason for e in evidence], evidence=evidence)
        for score, pk, evidence in shown
        if pk in persons
    ]


@dataclass(frozen=True, slots=True)
class _Record:
    """The fields of a Person that scoring reads."""

    FIELDS: ClassVar[tuple[str, ...]] = (
        "pk",
        "legal_first_name",
        "legal_middle_names",
        "legal_last_name",
        "preferred_name",
        "date_of_birth",
        "expected_date_of_birth",
        "nhs_number",
    )

    pk: int
    legal_first_name: str
    legal_middle_names: str
    legal_last_name: str
    preferred_name: str
    date_of_birth: date | None
    expected_date_of_birth: date | None
    nhs_number: str

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None and self.expected_date_of_birth is not None


# --- stage 1: blocking --------------------------------------------------------------------------------------------


def _blocks(people: QuerySet[Person], given: _Given) -> list[Q]:
    """One condition per lookup, each an indexed query capped at BLOCK_CAPS, to be joined with OR."""

    def block(name: str, condition: Q) -> Q:
        return Q(pk__in=people.filter(condition).values("pk")[: BLOCK_CAPS[name]])

    blocks = []
    if given.nhs:
        numbers = [given.nhs] if given.nhs_valid else sorted(given.nhs_near)
        if numbers:
            blocks.append(block("nhs", Q(nhs_number__in=numbers)))
    if given.dob:
        blocks.append(block("dob", Q(date_of_birth__in=_dob_forms(given.dob))))
    first_keys = _first_name_keys(given.first)
    surname_key = _key(given.last)
    if surname_key and first_keys:
        pairs = {f"|{surname_key}|{key}|" for key in first_keys}
        # The names the wrong way round: the first name given is their surname, the surname their first name.
        pairs |= {f"|{_key(given.first)}|{key}|" for key in _first_name_keys(given.last)}
        blocks.append(block("names", Q(name_keys__in=sorted(pairs))))
    if given.dob:
        # One name and born the same month: a mistake in the other name and in the day of birth. The date range
        # is the indexed part; the name key is checked on the few hundred people born that month.
        month = Q(date_of_birth__range=(given.dob.replace(day=1), _month_end(given.dob)))
        if surname_key:
            blocks.append(block("surname", month & Q(name_keys__startswith=f"|{surname_key}|")))
        if first_keys:
            first_name = reduce(or_, (Q(name_keys__endswith=f"|{key}|") for key in sorted(first_keys)))
            blocks.append(block("first_name", month & first_name))
    if surname_key:
        other_names = PersonAlias.objects.filter(last_name__iexact=given.last_raw).values("person_id")
        blocks.append(block("other_names", Q(pk__in=other_names)))
    if given.postcode:
        # Everyone at a postcode is too many to score (a block of flats, a street of families), so one name too.
        at_postcode = Q(pk__in=Address.objects.live().filter(postcode=given.postcode).values("person_id"))
        names = [Q(name_keys__startswith=f"|{surname_key}|")] if surname_key else []
        names += [Q(name_keys__endswith=f"|{key}|") for key in sorted(first_keys)]
        blocks.append(block("postcode", at_postcode & reduce(or_, names) if names else at_postcode))
    return blocks


def _month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def _nhs_one_mistake_away(number: str) -> list[str]:
    """Real NHS numbers one wrong digit or one swap of neighbouring digits from a number that is not real.

    The modulus 11 check digit catches every such mistake, so a real number given is never one of them."""
    if not re.fullmatch(r"\d{10}", number):
        return []
    variants = {number[:i] + d + number[i + 1 :] for i in range(10) for d in "0123456789"}
    variants |= {number[:i] + number[i + 1] + number[i] + number[i + 2 :] for i in range(9)}
    return sorted(v for v in variants if v != number and check_nhs_number(v))


def _dob_forms(dob: date) -> list[date]:
    forms = {dob, dob - timedelta(days=1), dob + timedelta(days=1)}
    forms |= {d for d in (_swapped(dob), _year_shifted(dob, -1), _year_shifted(dob, 1)) if d}
    return sorted(forms)


def _swapped(dob: date) -> date | None:
    if dob.day > 12 or dob.day == dob.month:
        return None
    return date(dob.year, dob.day, dob.month)


def _year_shifted(dob: date, years: int) -> date | None:
    try:
        return dob.replace(year=dob.year + years)
    except ValueError:  # 29 February
        return None


def _first_name_keys(first: str) -> set[str]:
    """Keys of the first name given and of its other forms and short forms: 'Bill' also looks for William."""
    if not first:
        return set()
    word = first.split()[0]
    names = {word} | {name for group in _nickname_groups_of(word) for name in _nicknames().groups[group].names}
    return {key for key in (_key(name) for name in names) if key}


# --- stage 2: scoring ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _OtherName:
    first: str
    last: str
    kind: str

    @property
    def label(self) -> str:
        return _OTHER_NAME_LABELS.get(self.kind, "another name on record")


_OTHER_NAME_LABELS: dict[str, str] = {
    PersonAlias.Kind.PREVIOUS.value: "their previous name",
    PersonAlias.Kind.ALIAS.value: "a name they are also known by",
    PersonAlias.Kind.SPELLING.value: "another spelling on record",
}

# Names repeat from one lookup to the next: normalise and key each once.
_norm = lru_cache(maxsize=65536)(normalise_name)
_key = lru_cache(maxsize=65536)(phonetic_key)
_postcode = lru_cache(maxsize=65536)(normalise_postcode)


def _compact(name: str) -> str:
    return _norm(name).replace(" ", "")


def _score(
    given: _Given, person: _Record, other_names: list[_OtherName], postcodes: list[tuple[str, bool]]
) -> list[Evidence]:
    """Every comparison that counts for or against this person being the one given, with its reason."""
    return [
        *_nhs_evidence(given, person),
        *_dob_evidence(given, person),
        *_name_evidence(given, person, other_names),
        *_postcode_evidence(given, postcodes),
    ]


def _evidence(kind: str, reason: str) -> Evidence:
    return Evidence(kind=kind, points=WEIGHTS[kind], reason=reason)


def _nhs_evidence(given: _Given, person: _Record) -> list[Evidence]:
    recorded = person.nhs_number
    if not given.nhs or not recorded:
        return []
    if given.nhs == recorded:
        return [_evidence("nhs_same", "NHS number matches")]
    if not given.nhs_valid:
        if recorded in given.nhs_near:
            return [
                _evidence(
                    "nhs_one_digit",
                    f"NHS number given is not a real one, and one typing mistake from theirs ({_nhs(recorded)})",
                )
            ]
        return []
    if check_nhs_number(recorded):
        return [_evidence("nhs_different", f"Different NHS number on record ({_nhs(recorded)})")]
    return []


def _nhs(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}"


def _dmy(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def _dob_evidence(given: _Given, person: _Record) -> list[Evidence]:
    recorded = person.date_of_birth
    if given.dob is None or recorded is None:
        return []
    both = f"({_dmy(given.dob)} given, {_dmy(recorded)} on record)"
    if given.dob == recorded:
        return [_evidence("dob_same", "Date of birth matches")]
    if _swapped(given.dob) == recorded:
        return [_evidence("dob_swapped", f"Date of birth matches with day and month swapped {both}")]
    if abs((given.dob - recorded).days) == 1:
        return [_evidence("dob_near", f"Date of birth one day out {both}")]
    if sum(a != b for a, b in zip(_dmy(given.dob), _dmy(recorded), strict=True)) == 1:
        return [_evidence("dob_near", f"Date of birth one digit different {both}")]
    if (given.dob.day, given.dob.month) == (recorded.day, recorded.month) and abs(given.dob.year - recorded.year) == 1:
        return [_evidence("dob_near", f"Date of birth one year out {both}")]
    return [_evidence("dob_different", f"Different date of birth {both}")]


def _postcode_evidence(given: _Given, postcodes: list[tuple[str, bool]]) -> list[Evidence]:
    if not given.postcode:
        return []
    matching = [current for postcode, current in postcodes if postcode == given.postcode]
    if any(matching):
        return [_evidence("postcode_current", f"Same postcode {given.postcode}")]
    if matching:
        return [_evidence("postcode_previous", f"Postcode {given.postcode} is a previous address")]
    return []


# -- names --


def _name_evidence(given: _Given, person: _Record, other_names: list[_OtherName]) -> list[Evidence]:
    found = (_first_name_evidence(given, person, other_names), _surname_evidence(given, person, other_names))
    straight = [e for e in found if e]
    if not (given.first and given.last) or not _may_be_swapped(given, person):
        return straight
    # The names the wrong way round: "Thompson Jayden" for Jayden Thompson.
    swapped_given = _Given.of(Probe(first_name=given.last_raw, last_name=given.first_raw, nhs_number="-"))
    first = _first_name_evidence(swapped_given, person, [])
    last = _surname_evidence(swapped_given, person, [])
    if first and last and first.points > 0 and last.points > 0:
        reason = f"First name and surname given the wrong way round ({given.first_raw} {given.last_raw})"
        swapped = [_evidence("names_swapped", reason), first, last]
        if sum(e.points for e in swapped) > sum(e.points for e in straight):
            return swapped
    return straight


def _may_be_swapped(given: _Given, person: _Record) -> bool:
    """A cheap test before comparing the names crosswise: the surname given is like the first name on record."""
    recorded_first = _compact(person.legal_first_name)
    given_last = given.last.replace(" ", "")
    return bool(recorded_first) and (
        _key(given_last) == _key(recorded_first)
        or _spelt_alike(given_last, recorded_first)
        or bool(_name_form_reason(given_last, recorded_first, "", ""))
    )


def _first_name_evidence(given: _Given, person: _Record, other_names: list[_OtherName]) -> Evidence | None:
    if not given.first or person.is_unborn:
        return None
    recorded = [(person.legal_first_name, ""), (person.preferred_name, "their preferred name")]
    recorded += [(other.first, other.label) for other in other_names if other.first]
    best: Evidence | None = None
    for raw, label in recorded:
        if raw and _norm(raw):
            found = _compare_first_names(given, raw, label)
            if found and (best is None or found.points > best.points):
                best = found
    if best:
        return best
    word = given.first.split()[0]
    if word in _norm(person.legal_middle_names).split():
        return _evidence("first_middle", f"First name is their middle name ({given.first_raw})")
    if len(word) == 1 and _norm(person.legal_first_name).startswith(word):
        return _evidence("first_initial", f"Initial {word.upper()} matches")
    return _evidence("first_different", f"Different first name ({given.first_raw} / {person.legal_first_name})")


def _compare_first_names(given: _Given, raw: str, label: str) -> Evidence | None:
    recorded = _norm(raw)
    word, recorded_word = given.first.split()[0], recorded.split()[0]
    both = f"({given.first_raw} / {raw})"
    if given.first.replace(" ", "") == recorded.replace(" ", "") or word == recorded_word:
        return _evidence("first_same", f"First name matches {label} ({raw})" if label else "First name matches")
    if _sound_alike(word, recorded_word):
        reason = f"First name sounds like {label} {both}" if label else f"First name sounds the same {both}"
        return _evidence("first_sounds", reason)
    form = _name_form_reason(word, recorded_word, given.first_raw, raw)
    if form:
        return _evidence("first_form", form)
    if _spelt_alike(word, recorded_word):
        reason = f"First name spelt like {label} {both}" if label else f"First name spelt similarly {both}"
        return _evidence("first_spelt", reason)
    shorter, longer = sorted((word, recorded_word), key=len)
    if len(shorter) >= 2 and longer.startswith(shorter):  # Sam for Samira, Max for Maxine, Ma for Max
        return _evidence("first_start", f"First name is the start of {label or 'theirs'} {both}")
    return None


def _surname_evidence(given: _Given, person: _Record, other_names: list[_OtherName]) -> Evidence | None:
    if not given.last:
        return None
    recorded_raw = person.legal_last_name
    both = f"({given.last_raw} / {recorded_raw})"
    compact, recorded = given.last.replace(" ", ""), _compact(recorded_raw)
    if compact == recorded:
        return _evidence("surname_same", "Surname matches")
    if _sound_alike(compact, recorded):
        return _evidence("surname_sounds", f"Surname sounds the same {both}")
    if _spelt_alike(compact, recorded):
        return _evidence("surname_spelt", f"Surname spelt similarly {both}")
    for other in other_names:
        other_last = _compact(other.last)
        if other_last and (other_last == compact or _sound_alike(other_last, compact)):
            return _evidence("surname_other", f"Surname matches {other.label} ({other.last})")
    # Double-barrelled names: "Smith" for Smith-Jones, or Smith-Jones for Smith.
    parts = set(given.last.split()) - _SURNAME_PARTICLES
    for other_raw in [recorded_raw, *(other.last for other in other_names)]:
        other_parts = set(_norm(other_raw).split()) - _SURNAME_PARTICLES
        shared = parts & other_parts
        if shared and (len(parts) > 1 or len(other_parts) > 1):
            part = next((p for p in re.split(r"[^\w]+", given.last_raw) if _norm(p) in shared), min(shared))
            return _evidence("surname_part", f"Surname shares the name {part} ({given.last_raw} / {other_raw})")
    return _evidence("surname_different", f"Different surname {both}")


# Words that begin surnames without being one (O'Brien, De Souza, Van der Berg, Al-Hassan): sharing one is no sign.
_SURNAME_PARTICLES = frozenset(
    {"o", "d", "de", "da", "das", "di", "do", "dos", "du", "la", "le", "van", "von", "der", "den", "del", "della"}
    | {"st", "mc", "mac", "al", "el", "bin", "ibn", "ben", "ap", "ni"}
)


@lru_cache(maxsize=65536)
def _sound_alike(a: str, b: str) -> bool:
    """The same phonetic key, and spelt alike enough (Jaro-Winkler) that the key is not all they share: short
    keys drop every vowel, so Evie and Ava share one."""
    return _key(a) == _key(b) and jaro_winkler(a, b) >= SOUND_ALIKE_SPELLING


@lru_cache(maxsize=65536)
def _spelt_alike(a: str, b: str) -> bool:
    """One typing mistake in a name of 3 letters or more, two in one of 8 or more. Longer names must also be alike
    by Jaro-Winkler, which says little about short ones (it scores Leo and Loe 0.6)."""
    shorter = min(len(a), len(b))
    if shorter < 3 or abs(len(a) - len(b)) > 2:
        return False
    allowed = 2 if shorter >= 8 else 1
    return osa_distance(a, b) <= allowed and (shorter < 5 or jaro_winkler(a, b) >= 0.75)


# -- the nickname table --


@dataclass(frozen=True)
class _NameGroup:
    forms: frozenset[str]
    short: frozenset[str]
    head: str  # the first form, as written in the table

    @property
    def names(self) -> frozenset[str]:
        return self.forms | self.short


@dataclass(frozen=True)
class _Nicknames:
    groups: list[_NameGroup]
    by_name: dict[str, list[int]]


@cache
def _nicknames() -> _Nicknames:
    raw = json.loads(_NICKNAMES_FILE.read_text(encoding="utf-8"))
    groups = []
    by_name: dict[str, list[int]] = {}
    for index, entry in enumerate(raw["groups"]):
        forms = frozenset(normalise_name(n).replace(" ", "") for n in entry["forms"])
        short = frozenset(normalise_name(n).replace(" ", "") for n in entry.get("short", ())) - forms
        groups.append(_NameGroup(forms=forms, short=short, head=entry["forms"][0]))
        for name in forms | short:
            by_name.setdefault(name, []).append(index)
    return _Nicknames(groups=groups, by_name=by_name)


def _nickname_groups_of(name: str) -> list[int]:
    return _nicknames().by_name.get(name, [])


def _name_form_reason(given: str, recorded: str, given_raw: str, recorded_raw: str) -> str:
    """Why two different first names may be one person's, from the nickname table; '' if they may not."""
    table = _nicknames()
    for index in _nickname_groups_of(given):
        group = table.groups[index]
        if recorded not in group.names:
            continue
        if given in group.forms and recorded in group.forms:
            return f"First name is another form of the same name ({given_raw} / {recorded_raw})"
        if given in group.short and recorded in group.forms:
            return f"Known as '{given_raw}' – a usual short form of {recorded_raw}"
        if given in group.forms:
            return f"Known as '{recorded_raw}' on record – a usual short form of {given_raw}"
        return f"'{given_raw}' and '{recorded_raw}' are both usual short forms of {group.head}"
    return ""


# -- string similarity --


@lru_cache(maxsize=65536)
def osa_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Damerau-Levenshtein without moving a letter twice): the number of
    letters inserted, deleted, changed, or swapped with a neighbour to turn `a` into `b`."""
    if a == b:
        return 0
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


@lru_cache(maxsize=65536)
def jaro_winkler(a: str, b: str) -> float:
    """Jaro-Winkler similarity from 0 (nothing alike) to 1 (the same), favouring a shared beginning."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    window = max(0, max(len(a), len(b)) // 2 - 1)
    a_matched = [False] * len(a)
    b_matched = [False] * len(b)
    matches = 0
    for i, char in enumerate(a):
        for j in range(max(0, i - window), min(len(b), i + window + 1)):
            if not b_matched[j] and b[j] == char:
                a_matched[i] = b_matched[j] = True
                matches += 1
                break
    if not matches:
        return 0.0
    a_chars = [c for c, m in zip(a, a_matched, strict=True) if m]
    b_chars = [c for c, m in zip(b, b_matched, strict=True) if m]
    transpositions = sum(x != y for x, y in zip(a_chars, b_chars, strict=True)) / 2
    jaro = (matches / len(a) + matches / len(b) + (matches - transpositions) / matches) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * 0.1 * (1 - jaro)
