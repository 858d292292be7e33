"""Candidate matches for a person named in a request (issue 3, item 6)."""

from __future__ import annotations

import dataclasses
import datetime
import importlib
import random

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from earlyhelp.access import roles
from earlyhelp.access.models import InvolvementKind
from earlyhelp.access.policy import people_visible
from earlyhelp.demo import synthetic
from earlyhelp.people.matching import (
    SHOW_THRESHOLD,
    WEIGHTS,
    Probe,
    jaro_winkler,
    match_candidates,
    osa_distance,
)
from earlyhelp.people.models import Person, PersonAlias
from earlyhelp.people.names import compute_name_keys, phonetic_key
from earlyhelp.people.tests.factories import AddressFactory, FamilyMemberFactory, PersonFactory
from earlyhelp.people.validators import check_nhs_number

D = datetime.date


def nhs_number(serial: int) -> str:
    """A valid NHS number in the 999 test range."""
    for n in range(serial, serial + 20):
        body = f"999{n:06d}"
        check = 11 - sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True)) % 11
        if check != 10:
            return body + str(0 if check == 11 else check)
    raise AssertionError("no valid number near this serial")


def person(first: str, last: str, born: datetime.date | None, **extra):
    return PersonFactory(
        legal_first_name=first,
        legal_last_name=last,
        date_of_birth=born,
        name_keys=compute_name_keys(first=first, last=last),
        **extra,
    )


def top(probe: Probe, people=None):
    found = match_candidates(people=people if people is not None else Person.objects.all(), probe=probe)
    assert found, "no candidate found"
    return found[0]


# --- phonetic keys and string similarity ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Thompson", "Thomson"),
        ("Jayden", "Jaydon"),
        ("Catherine", "Kathryn"),
        ("Mohammed", "Muhammad"),
        ("Stephen", "Steven"),
        ("Aisha", "Ayesha"),
        ("Owen", "Eoin"),
        ("Philip", "Phillip"),
        ("Smith", "Smyth"),
        ("Aleksander", "Alexander"),
        ("Wójcik", "Wojcik"),
        ("Kowalski", "Kowalska"),
        ("Choudhury", "Chowdhury"),
        ("McDonald", "MacDonald"),
        ("O'Brien", "OBrien"),
    ],
)
def test_spellings_that_sound_alike_share_a_key(a, b):
    assert phonetic_key(a) == phonetic_key(b) != ""


@pytest.mark.parametrize(("a", "b"), [("Owen", "Bowen"), ("Smith", "Jones"), ("Jayden", "Hayden"), ("Khan", "Kaur")])
def test_names_that_sound_different_do_not(a, b):
    assert phonetic_key(a) != phonetic_key(b)


def test_name_keys_hold_surname_key_then_first_name_key():
    assert compute_name_keys(first="Jayden", last="Thompson") == "|TMSN|JTN|"
    assert compute_name_keys(first="", last="") == "|||"


def test_string_distances():
    assert osa_distance("thompson", "thompson") == 0
    assert osa_distance("thompson", "thomspon") == 1  # two letters swapped
    assert osa_distance("smith", "smyth") == 1
    assert osa_distance("smith", "smiths") == 1
    assert round(jaro_winkler("martha", "marhta"), 3) == 0.961
    assert jaro_winkler("abc", "xyz") == 0.0


# --- matching -----------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_day_and_month_swapped_and_a_misspelled_surname_find_the_person():
    """The issue's own case: Jayden Thompson born 4 March 2015, entered as Jaydon Thomson born 3 April 2015."""
    jayden = person("Jayden", "Thompson", D(2015, 3, 4))
    person("Jayden", "Thompson", D(1989, 6, 1))  # his father
    person("Kayla", "Thompson", D(2015, 3, 4))  # his twin sister
    person("Jaydon", "Tomlinson", D(2016, 8, 9))

    best = top(Probe(first_name="Jaydon", last_name="Thomson", date_of_birth=D(2015, 4, 3)))

    assert best.person == jayden
    assert best.score >= SHOW_THRESHOLD
    assert "Date of birth matches with day and month swapped (03/04/2015 given, 04/03/2015 on record)" in (
        best.reasons
    )
    assert "Surname sounds the same (Thomson / Thompson)" in best.reasons
    assert "First name sounds the same (Jaydon / Jayden)" in best.reasons


@pytest.mark.django_db
def test_every_point_of_the_score_has_a_reason():
    person("Jayden", "Thompson", D(2015, 3, 4))
    best = top(Probe(first_name="Jaydon", last_name="Thomson", date_of_birth=D(2015, 4, 3)))
    assert best.score == sum(e.points for e in best.evidence)
    assert best.reasons == [e.reason for e in best.evidence]
    assert all(e.points == WEIGHTS[e.kind] for e in best.evidence)


@pytest.mark.django_db
def test_the_same_nhs_number_wins_over_a_misspelled_name():
    oliver = person("Oliver", "Smith", D(2014, 1, 1), nhs_number=nhs_number(1000))
    namesake = person("Oliver", "Smith", D(2016, 6, 6), nhs_number=nhs_number(2000))

    found = match_candidates(
        people=Person.objects.all(),
        probe=Probe(first_name="Olivr", last_name="Smiht", date_of_birth=D(2016, 6, 6), nhs_number=nhs_number(1000)),
    )

    assert found[0].person == oliver
    assert "NHS number matches" in found[0].reasons
    assert namesake not in [c.person for c in found]  # a different real NHS number: not worth a look


@pytest.mark.django_db
def test_an_nhs_number_with_one_typing_mistake_still_finds_the_person():
    number = nhs_number(3000)
    mistyped = number[:4] + str((int(number[4]) + 1) % 10) + number[5:]
    assert not check_nhs_number(mistyped)
    ada = person("Ada", "Lovelace", D(2012, 12, 10), nhs_number=number)

    best = top(Probe(last_name="Lovelace", nhs_number=mistyped))

    assert best.person == ada
    assert any("one typing mistake" in reason for reason in best.reasons)


@pytest.mark.django_db
def test_a_usual_short_form_finds_the_full_first_name():
    william = person("William", "Smith", D(2012, 2, 2))
    person("Harry", "Smith", D(2012, 2, 2))  # his twin

    best = top(Probe(first_name="Bill", last_name="Smith", date_of_birth=D(2012, 2, 2)))

    assert best.person == william
    assert "Known as 'Bill' – a usual short form of William" in best.reasons


@pytest.mark.django_db
def test_a_preferred_name_and_a_previous_surname_count():
    mother = person("Margaret", "Wood", D(1988, 5, 14), preferred_name="Maggie")
    PersonAlias.objects.create(person=mother, first_name="Margaret", last_name="Khan", kind=PersonAlias.Kind.PREVIOUS)

    best = top(Probe(first_name="Maggie", last_name="Khan", date_of_birth=D(1988, 5, 14)))

    assert best.person == mother
    assert "First name matches their preferred name (Maggie)" in best.reasons
    assert "Surname matches their previous name (Khan)" in best.reasons


@pytest.mark.django_db
def test_first_name_and_surname_the_wrong_way_round():
    amira = person("Amira", "Khan", D(2010, 10, 10))

    best = top(Probe(first_name="Khan", last_name="Amira", date_of_birth=D(2010, 10, 10)))

    assert best.person == amira
    assert "First name and surname given the wrong way round (Khan Amira)" in best.reasons
    assert best.score >= 60


@pytest.mark.django_db
def test_the_names_the_wrong_way_round_and_a_short_form_are_still_looked_up():
    charlotte = person("Charlotte", "Patel", D(1973, 12, 3))

    found = match_candidates(
        people=Person.objects.all(), probe=Probe(first_name="Patel", last_name="Lottie"), threshold=0
    )

    assert found[0].person == charlotte
    assert "Known as 'Lottie' – a usual short form of Charlotte" in found[0].reasons


@pytest.mark.django_db
def test_one_part_of_a_double_barrelled_surname_counts_even_a_short_one():
    jessica = person("Jessica", "Ho", D(2019, 12, 11))

    best = top(Probe(first_name="Jess", last_name="Kaliciak-Ho", date_of_birth=D(2019, 12, 11)))

    assert best.person == jessica
    assert "Surname shares the name Ho (Kaliciak-Ho / Ho)" in best.reasons


@pytest.mark.django_db
def test_a_different_real_nhs_number_pushes_the_score_down():
    jack = person("Jack", "Brown", D(2013, 9, 1), nhs_number=nhs_number(4000))
    probe = Probe(first_name="Jack", last_name="Brown", date_of_birth=D(2013, 9, 1))
    other = dataclasses.replace(probe, nhs_number=nhs_number(5000))

    without = top(probe)
    with_other = match_candidates(people=Person.objects.all(), probe=other, threshold=0)[0]

    assert without.person == with_other.person == jack
    assert with_other.score == without.score + WEIGHTS["nhs_different"]
    assert f"Different NHS number on record ({jack.nhs_number_display})" in with_other.reasons


@pytest.mark.django_db
def test_postcode_of_a_current_or_previous_address_counts():
    poppy = person("Poppy", "Hughes", D(2019, 4, 4))
    AddressFactory(person=poppy, postcode="NS1 1AA")
    AddressFactory(person=poppy, postcode="NS9 9ZZ", moved_out=D(2024, 1, 1))

    current = top(Probe(first_name="Poppy", last_name="Hughes", date_of_birth=D(2019, 4, 4), postcode="ns11aa"))
    previous = top(Probe(first_name="Poppy", last_name="Hughes", date_of_birth=D(2019, 4, 4), postcode="NS9 9ZZ"))

    assert "Same postcode NS1 1AA" in current.reasons
    assert "Postcode NS9 9ZZ is a previous address" in previous.reasons
    assert current.score > previous.score


@pytest.mark.django_db
def test_unrelated_people_are_not_returned():
    rng = random.Random(3)
    for n in range(30):
        someone = person(
            rng.choice(["Ava", "Leo", "Ivy", "Max"]),
            rng.choice(["Patel", "Jones", "Nowak"]),
            D(1990 + n % 20, 1 + n % 12, 1 + n % 27),
        )
        AddressFactory(person=someone, postcode="NS2 2BB")

    found = match_candidates(
        people=Person.objects.all(),
        probe=Probe(first_name="Jayden", last_name="Thompson", date_of_birth=D(2015, 3, 4), postcode="NS3 3CC"),
    )

    assert found == []


@pytest.mark.django_db
def test_a_probe_with_nothing_to_look_up_finds_no_one():
    person("Jayden", "Thompson", D(2015, 3, 4))
    assert match_candidates(people=Person.objects.all(), probe=Probe()) == []


@pytest.mark.django_db
def test_only_people_in_the_callers_queryset_are_found(family, make_user, involve):
    """The caller scopes the search: a person the user may not see is never a candidate, however well it matches."""
    user = make_user(roles.PRACTITIONER)
    involve(family, user=user, kind=InvolvementKind.LEAD_PRACTITIONER)
    maisie = family.memberships.get(person__legal_first_name="Maisie").person
    maisie.name_keys = compute_name_keys(first="Maisie", last="Ashworth")
    maisie.save()
    hidden = person("Maisie", "Ashworth", maisie.date_of_birth, nhs_number=nhs_number(6000))
    FamilyMemberFactory(person=hidden)  # another family, which this user does not work with
    probe = Probe(first_name="Maisie", last_name="Ashworth", date_of_birth=maisie.date_of_birth)

    found = match_candidates(people=people_visible(user), probe=probe)
    by_nhs = match_candidates(people=people_visible(user), probe=Probe(nhs_number=nhs_number(6000)))

    assert [c.person for c in found] == [maisie]
    assert by_nhs == []
    assert hidden in [c.person for c in match_candidates(people=Person.objects.all(), probe=probe)]


@pytest.mark.django_db
def test_archived_people_are_left_out_when_the_caller_leaves_them_out():
    archived = person("Ruby", "Lane", D(2018, 1, 2), archived_at=timezone.now())
    probe = Probe(first_name="Ruby", last_name="Lane", date_of_birth=D(2018, 1, 2))
    assert match_candidates(people=Person.objects.live(), probe=probe) == []
    assert top(probe).person == archived


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_candidates(django_assert_max_num_queries):
    probe = Probe(first_name="Jack", last_name="Brown", date_of_birth=D(2013, 9, 1), postcode="NS1 1AA")

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            found = match_candidates(people=Person.objects.all(), probe=probe, limit=100, threshold=0)
        assert found
        return len(ctx.captured_queries)

    brother = person("Jack", "Brown", D(2013, 9, 1))
    AddressFactory(person=brother, postcode="NS1 1AA")
    PersonAlias.objects.create(person=brother, first_name="Jack", last_name="Browne")
    few = queries()
    for n in range(40):
        someone = person(f"Jack{n}", "Brown", D(2013, 9, 1 + n % 28), nhs_number=nhs_number(7000 + 20 * n))
        AddressFactory(person=someone, postcode="NS1 1AA")
        PersonAlias.objects.create(person=someone, first_name="Jack", last_name=f"Smith{n}")

    many = queries()
    with django_assert_max_num_queries(4):
        match_candidates(people=Person.objects.all(), probe=probe, limit=100, threshold=0)
    assert few == many


# --- storage --------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_seed_fills_name_keys():
    builder = synthetic.FamilyBuilder(
        random.Random(5), synthetic.make_fakers(5), synthetic.CodeBook(), timezone.localdate()
    )
    for index in range(5):
        for built in builder.build(index).people:
            assert built.name_keys == compute_name_keys(first=built.legal_first_name, last=built.legal_last_name)


@pytest.mark.django_db
def test_the_migration_fills_name_keys_of_people_already_recorded():
    migration = importlib.import_module("earlyhelp.people.migrations.0002_person_name_keys")
    someone = PersonFactory(legal_first_name="Aisha", legal_last_name="Begum", name_keys="")
    migration.fill_name_keys(apps, None)
    someone.refresh_from_db()
    assert someone.name_keys == "|BGM|AX|"


# --- the benchmark, small -----------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.django_db
def test_benchmark_finds_synthetic_duplicates():
    """bench/matching.py at CI size: 2,000 people and 100 probes (the 100,000-person run is `make bench`)."""
    from bench.matching import build_people, run_benchmark

    written, families = build_people(people=2000, seed=3)
    result = run_benchmark(probes=100, seed=3, built=(written, families, 0.0))

    precision, recall, _ = result.scores(SHOW_THRESHOLD)
    assert written >= 2000
    assert len(result.lookups) == 100
    assert recall >= 0.9
    assert precision >= 0.95
