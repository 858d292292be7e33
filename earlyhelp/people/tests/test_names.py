import pytest

from earlyhelp.people.names import normalise_name, search_names_for


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Zoë O'Brien-Hall", "zoe o brien hall"), ("Łukasz", "lukasz"), ("Søren", "soren"), ("  Weiß ", "weiss")],
)
def test_normalise_name(name, expected):
    assert normalise_name(name) == expected


def test_search_names_hold_every_name_a_person_is_known_by():
    names = search_names_for(first="Amy", middle="Jo", last="Robson", preferred="Mandy", aliases=[("Amy", "Butler")])
    assert names == "|amy jo robson|mandy robson|amy butler|"
