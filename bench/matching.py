"""Benchmark of duplicate matching (issue 3, item 6): precision, recall, F1 and time per lookup.

    .venv/bin/python bench/matching.py --people 100000 --probes 1000 --seed 1

Builds N synthetic people with the demo seed's family builder (earlyhelp.demo.synthetic: families with siblings,
twins, shared surnames and shared postcodes, aliases and preferred names) in a throwaway SQLite database, then
looks up probes with `match_candidates` over `Person.objects.all()`:

- duplicates (80%): a recorded person as a referrer might write them down, with realistic mistakes drawn
  independently (see `duplicate_of`); every duplicate has at least one mistake in a name or the date of birth;
- non-matches (20%): half strangers drawn by another seed of the same builder (names from the same pools, a
  postcode where recorded families live), half a new child in a recorded family (same surname and postcode as
  the siblings, another first name and date of birth): the hard case.

A lookup counts as a true positive when the right person is the top candidate with a score at or above the
threshold; a false positive when the top candidate scoring at or above the threshold is someone else (for a
duplicate that is also a false negative); a false negative when the right person is not the top candidate
scoring at or above the threshold. Tune weights on one seed and report another.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from earlyhelp.people.matching import Probe
    from earlyhelp.people.models import Address, Person

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "/tmp/earlyhelp-match-bench.sqlite3"  # noqa: S108 - a throwaway benchmark database
DUPLICATE_SHARE = 0.8
THRESHOLDS = (40, 50, 60, 70, 80)
CHUNK = 500

# Letters next to each other on a UK keyboard: most typing mistakes hit a neighbour.
KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


@dataclass
class Lookup:
    probe: Probe
    kind: str  # "duplicate", "stranger" or "new family member"
    truth: int | None  # the primary key of the right person, None when they are not recorded
    mistakes: list[str]
    top: tuple[int, int] | None  # (primary key, score) of the top candidate shown
    shown: list[int]  # primary keys of every candidate shown
    seconds: float  # wall-clock time
    cpu_seconds: float  # processor time of this process (SQLite runs in it): steadier on a busy machine


@dataclass
class Result:
    people: int
    families: int
    build_seconds: float
    lookups: list[Lookup] = field(default_factory=list)

    def counts(self, threshold: int) -> tuple[int, int, int]:
        tp = fp = fn = 0
        for lookup in self.lookups:
            top_pk, top_score = lookup.top or (None, -1)
            confident = top_pk is not None and top_score >= threshold
            if lookup.truth is not None:
                if confident and top_pk == lookup.truth:
                    tp += 1
                else:
                    fn += 1
            if confident and top_pk != lookup.truth:
                fp += 1
        return tp, fp, fn

    def scores(self, threshold: int) -> tuple[float, float, float]:
        tp, fp, fn = self.counts(threshold)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def milliseconds(self, *, cpu: bool = False) -> list[float]:
        return sorted((lookup.cpu_seconds if cpu else lookup.seconds) * 1000 for lookup in self.lookups)


# --- building the people ------------------------------------------------------------------------------------------


def build_people(*, people: int, seed: int) -> tuple[int, int]:
    """Write families from the demo seed's builder until there are `people` people; (people, families)."""
    from django.utils import timezone

    from earlyhelp.demo import synthetic

    builder = synthetic.FamilyBuilder(
        random.Random(seed),  # noqa: S311 - synthetic data
        synthetic.make_fakers(seed),
        synthetic.CodeBook(),
        timezone.localdate(),
    )
    written = families = 0
    plans = []
    while written < people:
        plan = builder.build(families)
        plans.append(plan)
        written += len(plan.people)
        families += 1
        if len(plans) == CHUNK or written >= people:
            synthetic.save_plans(plans)
            plans = []
    return written, families


# --- probes -------------------------------------------------------------------------------------------------------


def neighbours(char: str) -> list[str]:
    for row in KEYBOARD:
        k = row.find(char)
        if k >= 0:
            return [row[j] for j in (k - 1, k + 1) if 0 <= j < len(row)]
    return []


def typo(rng: random.Random, name: str) -> str:
    """One typing mistake: a neighbouring key, a letter doubled or left out, or two letters swapped."""
    if len(name) < 3:
        return name
    i = rng.randrange(1, len(name)) if rng.random() < 0.9 else 0  # the first letter is rarely mistyped
    kind = rng.choice(("substitute", "insert", "delete", "transpose"))
    near = neighbours(name[i].lower())
    if kind == "substitute" and near:
        new = rng.choice(near)
        return name[:i] + (new.upper() if name[i].isupper() else new) + name[i + 1 :]
    if kind == "insert":
        return name[:i] + name[i].lower() + name[i:]
    if kind == "transpose" and i < len(name) - 1 and name[i] != name[i + 1]:
        pair = name[i + 1] + name[i]
        return name[:i] + (pair.capitalize() if i == 0 else pair.lower()) + name[i + 2 :]
    return name[:i] + name[i + 1 :] if i > 0 else name[1:].capitalize()


def swap_day_month(dob: date) -> date | None:
    if dob.day > 12 or dob.day == dob.month:
        return None
    return date(dob.year, dob.day, dob.month)


def one_digit_off(rng: random.Random, dob: date, today: date) -> date | None:
    text = dob.strftime("%d%m%Y")
    for _ in range(20):
        i = rng.choice((0, 1, 2, 3, 6, 7))
        changed = text[:i] + str(rng.randrange(10)) + text[i + 1 :]
        try:
            new = date(int(changed[4:]), int(changed[2:4]), int(changed[:2]))
        except ValueError:
            continue
        if new != dob and new <= today:
            return new
    return None


def nhs_typo(rng: random.Random, number: str) -> str:
    i = rng.randrange(10)
    return number[:i] + str((int(number[i]) + rng.randrange(1, 10)) % 10) + number[i + 1 :]


def duplicate_of(
    rng: random.Random, person: Person, addresses: list[Address], surnames: list[str], diminutives: dict[str, tuple]
) -> tuple[Probe, list[str]]:
    """A recorded person as a referrer might write them down, and the mistakes made."""
    from django.utils import timezone

    from earlyhelp.people.matching import Probe

    assert person.date_of_birth is not None
    mistakes: list[str] = []
    first = person.legal_first_name
    if person.preferred_name and rng.random() < 0.5:
        first = person.preferred_name
        mistakes.append("preferred name")
    last = person.legal_last_name
    dob: date | None = person.date_of_birth
    aliases = [a for a in person.aliases.all() if a.last_name and a.last_name != last]

    def mistake_in_first() -> None:
        nonlocal first
        roll = rng.random()
        shorts = diminutives.get(person.legal_first_name)
        if roll < 0.45 and shorts and first == person.legal_first_name:
            first = rng.choice(shorts)
            mistakes.append("nickname")
        elif roll < 0.9:
            first = typo(rng, first)
            mistakes.append("first name typo")
        else:
            first = ""
            mistakes.append("first name missing")

    def mistake_in_last() -> None:
        nonlocal last
        roll = rng.random()
        if roll < 0.65:
            last = typo(rng, last)
            mistakes.append("surname typo")
        elif roll < 0.85 or not aliases:
            if "-" in last:
                last = rng.choice(last.split("-"))
            else:
                other = rng.choice(surnames)
                last = f"{last}-{other}" if rng.random() < 0.5 else f"{other}-{last}"
            mistakes.append("surname double-barrelled or not")
        else:
            last = rng.choice(aliases).last_name
            mistakes.append("other surname on record")

    def mistake_in_dob() -> None:
        nonlocal dob
        assert person.date_of_birth is not None
        roll = rng.random()
        swapped = swap_day_month(person.date_of_birth)
        if roll < 0.35 and swapped:
            dob = swapped
            mistakes.append("day and month swapped")
        elif roll < 0.6:
            dob = person.date_of_birth + timedelta(days=rng.choice((-1, 1)))
            mistakes.append("date of birth a day out")
        elif roll < 0.75:
            dob = one_digit_off(rng, person.date_of_birth, timezone.localdate()) or dob
            mistakes.append("date of birth one digit wrong")
        elif roll < 0.85:
            try:
                dob = person.date_of_birth.replace(year=person.date_of_birth.year + rng.choice((-1, 1)))
            except ValueError:
                dob = person.date_of_birth + timedelta(days=1)
            mistakes.append("date of birth a year out")
        else:
            dob = None
            mistakes.append("date of birth missing")

    if rng.random() < 0.25:
        mistake_in_first()
    if rng.random() < 0.2:
        mistake_in_last()
    if rng.random() < 0.25:
        mistake_in_dob()
    if not set(mistakes) - {"preferred name"}:  # at least one mistake in a name or the date of birth
        rng.choice((mistake_in_first, mistake_in_last, mistake_in_dob))()
    if rng.random() < 0.02 and first:
        first, last = last, first
        mistakes.append("names the wrong way round")

    nhs = person.nhs_number if person.nhs_number and rng.random() < 0.45 else ""
    if nhs and rng.random() < 0.05:
        nhs = nhs_typo(rng, nhs)
        mistakes.append("NHS number typo")
    current = [a.postcode for a in addresses if a.moved_out is None]
    previous = [a.postcode for a in addresses if a.moved_out is not None]
    roll = rng.random()
    postcode = ""
    if roll < 0.7 and current:
        postcode = rng.choice(current)
    elif roll < 0.8 and previous:
        postcode = rng.choice(previous)
        mistakes.append("previous postcode")
    return Probe(first_name=first, last_name=last, date_of_birth=dob, nhs_number=nhs, postcode=postcode), mistakes


def strangers(*, count: int, seed: int, recorded_nhs: set[str], postcodes: list[str]) -> list[Probe]:
    """People not recorded: another seed of the same builder, living where recorded families live."""
    from django.utils import timezone

    from earlyhelp.demo import synthetic
    from earlyhelp.people.matching import Probe

    rng = random.Random(seed)  # noqa: S311 - synthetic data
    builder = synthetic.FamilyBuilder(
        random.Random(seed),  # noqa: S311 - synthetic data
        synthetic.make_fakers(seed),
        synthetic.CodeBook(),
        timezone.localdate(),
    )
    probes: list[Probe] = []
    index = 0
    while len(probes) < count:
        for draft in builder.draft(index).people:
            if draft.dob is None or len(probes) >= count:
                continue
            nhs = draft.nhs if draft.nhs not in recorded_nhs and rng.random() < 0.45 else ""
            probes.append(
                Probe(
                    first_name=draft.preferred or draft.first,
                    last_name=draft.last,
                    date_of_birth=draft.dob,
                    nhs_number=nhs,
                    postcode=rng.choice(postcodes) if rng.random() < 0.8 else "",
                )
            )
        index += 1
    return probes


def new_family_members(rng: random.Random, *, count: int, first_names: list[str]) -> list[Probe]:
    """A child not yet recorded in a recorded family: the siblings' surname and postcode, their own name and date
    of birth. The right answer is "no match"."""
    from django.db.models import Prefetch
    from django.utils import timezone

    from earlyhelp.people.matching import Probe
    from earlyhelp.people.models import Address, Family, FamilyMember

    today = timezone.localdate()
    ids = list(Family.objects.order_by("pk").values_list("pk", flat=True))
    families = Family.objects.filter(pk__in=rng.sample(ids, min(count * 2, len(ids)))).order_by("pk")
    probes: list[Probe] = []
    for family in families.prefetch_related(
        Prefetch("memberships", queryset=FamilyMember.objects.order_by("pk")),
        Prefetch("memberships__person__addresses", queryset=Address.objects.live().order_by("pk")),
    ):
        children = [
            m.person
            for m in family.memberships.all()
            if m.person.date_of_birth and (today - m.person.date_of_birth).days < 18 * 365
        ]
        if not children or len(probes) >= count:
            continue
        sibling = rng.choice(children)
        taken = {m.person.legal_first_name for m in family.memberships.all()}
        first = rng.choice([n for n in first_names if n not in taken])
        dob = today - timedelta(days=rng.randint(0, 17 * 365))
        if dob in {c.date_of_birth for c in children}:
            dob -= timedelta(days=40)
        current = [a.postcode for a in sibling.addresses.all() if a.moved_out is None]
        probes.append(
            Probe(
                first_name=first,
                last_name=sibling.legal_last_name,
                date_of_birth=dob,
                postcode=current[0] if current and rng.random() < 0.8 else "",
            )
        )
    return probes


# --- the run ------------------------------------------------------------------------------------------------------


def run_benchmark(*, probes: int, seed: int, built: tuple[int, int, float] | None = None) -> Result:
    """Time a lookup for each probe over the people built (`built`: people, families and seconds taken, when
    `build_people` has just run; otherwise whoever is in the database)."""
    from django.db.models import Prefetch

    from earlyhelp.demo import data
    from earlyhelp.people.matching import match_candidates
    from earlyhelp.people.models import Address, Family, Person, PersonAlias

    written, families, seconds = built or (Person.objects.count(), Family.objects.count(), 0.0)
    result = Result(people=written, families=families, build_seconds=seconds)

    rng = random.Random(seed * 7919 + 1)  # noqa: S311 - synthetic data
    duplicates = round(probes * DUPLICATE_SHARE)
    others = probes - duplicates
    # Everything is drawn from `rng` over rows in primary key order, so one seed always gives the same probes.
    born = list(Person.objects.filter(date_of_birth__isnull=False).order_by("pk").values_list("pk", flat=True))
    chosen = (
        Person.objects.filter(pk__in=rng.sample(born, duplicates))
        .order_by("pk")
        .prefetch_related(
            Prefetch("aliases", queryset=PersonAlias.objects.order_by("pk")),
            Prefetch("addresses", queryset=Address.objects.live().order_by("pk")),
        )
    )
    surnames = sorted(set(Person.objects.values_list("legal_last_name", flat=True)))
    first_names = rng.sample(sorted(set(Person.objects.values_list("legal_first_name", flat=True))), 500)
    postcodes = sorted(set(Address.objects.values_list("postcode", flat=True)))
    recorded_nhs = set(Person.objects.exclude(nhs_number="").values_list("nhs_number", flat=True))

    work: list[tuple[Probe, str, int | None, list[str]]] = []
    for person in chosen:
        probe, mistakes = duplicate_of(rng, person, list(person.addresses.all()), surnames, data.DIMINUTIVES)
        work.append((probe, "duplicate", person.pk, mistakes))
    for probe in strangers(
        count=others - others // 2, seed=seed + 104729, recorded_nhs=recorded_nhs, postcodes=postcodes
    ):
        work.append((probe, "stranger", None, []))
    for probe in new_family_members(rng, count=others // 2, first_names=first_names):
        work.append((probe, "new family member", None, []))
    rng.shuffle(work)

    everyone = Person.objects.all()
    match_candidates(people=everyone, probe=work[0][0])  # load the nickname table before timing
    for probe, kind, truth, mistakes in work:
        began, began_cpu = time.perf_counter(), time.process_time()
        candidates = match_candidates(people=everyone, probe=probe)
        seconds, cpu_seconds = time.perf_counter() - began, time.process_time() - began_cpu
        top = (candidates[0].person.pk, candidates[0].score) if candidates else None
        shown = [c.person.pk for c in candidates]
        result.lookups.append(Lookup(probe, kind, truth, mistakes, top, shown, seconds, cpu_seconds))
    return result


def report(result: Result, *, threshold: int, database: str | None) -> str:
    lines = []
    dups = [lookup for lookup in result.lookups if lookup.truth is not None]
    kinds = Counter(lookup.kind for lookup in result.lookups)
    lines.append(
        f"people: {result.people:,} in {result.families:,} families, "
        + (f"built in {result.build_seconds:.1f} s" if result.build_seconds else "built before")
        + (
            f"; database file {os.path.getsize(database) / 2**20:.0f} MB"
            if database and os.path.exists(database)
            else ""
        )
    )
    lines.append("probes: " + ", ".join(f"{n:,} {kind}" for kind, n in sorted(kinds.items())))
    precision, recall, f1 = result.scores(threshold)
    tp, fp, fn = result.counts(threshold)
    lines.append(
        f"threshold {threshold}: precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f} "
        f"(TP {tp}, FP {fp}, FN {fn})"
    )
    listed = sum(1 for lookup in dups if lookup.truth in lookup.shown)
    lines.append(f"right person anywhere in the list shown: {listed / max(1, len(dups)):.3f}")
    for label, cpu in (("time per lookup", False), ("processor time per lookup", True)):
        ms = result.milliseconds(cpu=cpu)
        p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
        lines.append(
            f"{label}: mean {statistics.fmean(ms):.1f} ms, median {statistics.median(ms):.1f} ms, "
            f"p95 {p95:.1f} ms, max {ms[-1]:.1f} ms"
        )
    lines.append(
        "by threshold: "
        + "; ".join("{}: P {:.3f} R {:.3f} F1 {:.3f}".format(t, *result.scores(t)) for t in THRESHOLDS)
    )
    by_mistake: dict[str, list[bool]] = {}
    for lookup in dups:
        hit = lookup.top is not None and lookup.top[0] == lookup.truth and lookup.top[1] >= threshold
        for mistake in lookup.mistakes or ["none"]:
            by_mistake.setdefault(mistake, []).append(hit)
    lines.append("recall by mistake (duplicates may carry several):")
    for mistake, hits in sorted(by_mistake.items(), key=lambda item: -len(item[1])):
        lines.append(f"  {mistake:<34} {sum(hits) / len(hits):.3f} of {len(hits)}")
    for kind in ("stranger", "new family member"):
        wrong = [
            lookup for lookup in result.lookups if lookup.kind == kind and lookup.top and lookup.top[1] >= threshold
        ]
        lines.append(f"{kind}: {len(wrong)} of {kinds[kind]} got a candidate scoring {threshold} or more")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--probes", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", default=DEFAULT_DATABASE, help=f"SQLite file (default {DEFAULT_DATABASE})")
    parser.add_argument(
        "--reuse", action="store_true", help="Keep the database afterwards, and use it if it is there already"
    )
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["DATABASE_URL"] = f"sqlite:///{args.database}"
    os.environ["DEBUG"] = "false"  # no query log: it would hold every INSERT of the build
    database = Path(args.database)
    marker = database.with_suffix(".built")
    expected = f"people={args.people} seed={args.seed}"
    reuse = args.reuse and database.exists() and marker.exists() and marker.read_text() == expected
    if not reuse:
        for path in (database, marker):
            path.unlink(missing_ok=True)

    import django
    from django.core.management import call_command

    django.setup()
    from earlyhelp.people.matching import SHOW_THRESHOLD

    built: tuple[int, int, float] | None = None
    if not reuse:
        call_command("migrate", verbosity=0, interactive=False)
        started = time.monotonic()
        written, families = build_people(people=args.people, seed=args.seed)
        built = (written, families, time.monotonic() - started)
        if args.reuse:
            marker.write_text(expected)
    result = run_benchmark(probes=args.probes, seed=args.seed, built=built)
    print(f"bench: matching, seed {args.seed}{' (database reused)' if reuse else ''}")
    print(report(result, threshold=SHOW_THRESHOLD, database=str(database)))
    if not args.reuse:
        database.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
